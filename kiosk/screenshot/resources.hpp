// What drawing a screen needs besides the model, shared by the kiosk and kioskctl preview: the
// data files shipped with the kiosk (fonts.json), the QR encoder, and the bundle's footer fields.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "content/model.hpp"
#include "core/result.hpp"
#include "ui/font_roles.hpp"
#include "ui/model.hpp"
#include "ui/state.hpp"

namespace kiosk::screenshot {

// A data file shipped with the kiosk (e.g. "fonts/fonts.json"): BIN/../share/kiosk beside the
// running binary (/proc/self/exe) when present, else the configured install prefix's share/kiosk,
// else the source tree's (running from a build directory).
std::filesystem::path data_file(std::string_view relative);
// The font roles of the shipped fonts/fonts.json, or its first problem line (`kiosk
// --check-config` prints it).
Result<ui::FontRoles> read_roles();
// read_roles, or the built-in roles (ui::default_font_roles) when the file has a problem: what
// drawing uses, so a broken fonts.json never stops the screen.
ui::FontRoles load_roles();

ui::QrEncoder qr_encoder();

// The footer and diagnostics fields that come from the bundle itself; `embedded` says an
// unsigned bundle is the built-in default rather than a local directory.
void describe_content(const content::Bundle& bundle, bool embedded, ui::Diagnostics& d);

}  // namespace kiosk::screenshot
