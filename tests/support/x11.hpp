// Xlib helpers for the tests that run the kiosk under Xvfb, kept apart from gtest (Xlib's macros
// None, Bool, Status … clash with it): where a client's window is and whether it is mapped, the
// root window's pixels, a window manager's close request, whether a window manager is running.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::test {

struct WindowInfo {
  unsigned long id = 0;
  int x = 0, y = 0, width = 0, height = 0;  // in root coordinates
  bool viewable = false;
};

// The top-level window whose _NET_WM_PID is `pid` on `display` (":201"), if any.
std::optional<WindowInfo> find_window(const std::string& display, long pid);

// The fraction (0-1) of the root window's pixels within `tolerance` of the colour r,g,b.
double fraction_of_colour(const std::string& display, std::uint8_t r, std::uint8_t g,
                          std::uint8_t b, int tolerance);

// What a window manager's close button or Alt+F4 sends: a WM_PROTOCOLS ClientMessage with
// WM_DELETE_WINDOW to the window, and an EWMH _NET_CLOSE_WINDOW request to the root window.
bool send_close_request(const std::string& display, unsigned long window);

// RGBA8 pixels of the root window's top-left width×height on `display`; false when the display
// cannot be opened or read.
bool grab_root(const std::string& display, int width, int height, std::vector<std::uint8_t>& rgba);

// True when a client can connect to `display`.
bool display_accepts_clients(const std::string& display);

// True once an EWMH window manager has set _NET_SUPPORTING_WM_CHECK on the root window.
bool window_manager_running(const std::string& display);

}  // namespace kiosk::test
