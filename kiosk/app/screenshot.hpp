// One screen rendered offscreen to a PNG, with no display: `kiosk --screenshot` (and anything
// else that wants the kiosk's exact pixels, e.g. kioskctl preview or golden tests).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "render/font_library.hpp"
#include "render/font_roles.hpp"
#include "render/image.hpp"
#include "ui/model.hpp"
#include "ui/state.hpp"

namespace kiosk::app {

struct ScreenshotRequest {
  std::string screen = "home";  // a --screen NAME (ui::route_from_name)
  int width = 1920, height = 1080;
  bool large_text = false;
  CivilDate date{2026, 11, 25};
  int minute_of_day = 9 * 60 + 30;
  ui::Diagnostics diagnostics;
};

struct ScreenshotResult {
  bool unknown_screen = false;  // the name is not a screen (or names nothing in the model)
  std::string error;            // one line when it failed
  render::Image image;
  std::vector<ui::Hotspot> hotspots;  // where a tap on that frame acts (for end-to-end tests)
};

// Renders the request's screen at its size with the real fonts. On an unknown screen name,
// unknown_screen is set and error lists the valid names.
ScreenshotResult render_screen(const ui::Model& model, const ScreenshotRequest& request,
                               render::FontLibrary& fonts, const render::FontRoles& roles);

}  // namespace kiosk::app
