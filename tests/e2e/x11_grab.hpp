// An X server screenshot (XGetImage of the root window), kept apart from gtest because Xlib's
// macros (None, Bool, Status …) clash with it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::e2e {

// RGBA8 pixels of the root window's top-left width×height on `display` (":91"); false when the
// display cannot be opened or read.
bool grab_root(const std::string& display, int width, int height, std::vector<std::uint8_t>& rgba);

}  // namespace kiosk::e2e
