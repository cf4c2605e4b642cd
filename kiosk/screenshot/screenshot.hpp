// One screen rendered offscreen to a PNG, with no display: `kiosk --screenshot` (and anything
// else that wants the kiosk's exact pixels, e.g. kioskctl preview or golden tests).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "render/font_library.hpp"
#include "render/image.hpp"
#include "render/offscreen.hpp"
#include "ui/font_roles.hpp"
#include "ui/model.hpp"
#include "ui/state.hpp"

namespace kiosk::screenshot {

struct ScreenshotRequest {
  std::string screen = "home";  // a --screen NAME (ui::route_from_name)
  int width = 1920, height = 1080;
  bool large_text = false;
  CivilDate date{2026, 11, 25};
  int minute_of_day = 9 * 60 + 30;
  tz::Zone zone;  // the office's (config timezone): times on 维护 and in the footer
  ui::Diagnostics diagnostics;
};

// One drawn frame.
struct Shot {
  render::Image image;
  std::vector<ui::Hotspot> hotspots;  // where a tap on that frame acts (for end-to-end tests)
};

// The route the request's --screen NAME opens in `model` on the request's date, or the line
// "unknown screen \"NAME\"; valid screens: …" (for a wrong name `kiosk --screenshot` exits 2;
// render_screen and write_screen fail with the same line, drawing nothing).
Result<ui::Route> screen_route(const ui::Model& model, const ScreenshotRequest& request);

// Renders the request's screen at its size with the real fonts, or why not (screen_route's line
// for an unknown name; SDL unable to make the offscreen target).
Result<Shot> render_screen(const ui::Model& model, const ScreenshotRequest& request,
                           render::FontLibrary& fonts, const ui::FontRoles& roles);

// render_screen, then the frame written to `png` straight from the offscreen surface with the
// project's PNG encoder (render/png.hpp): `kiosk --screenshot`'s path, with no RGBA copy of the
// frame. `target`: an offscreen target made ahead with `fonts` (kiosk --screenshot makes it while
// the bundle loads), used when it has the request's size.
Result<void> write_screen(const ui::Model& model, const ScreenshotRequest& request,
                          render::FontLibrary& fonts, const ui::FontRoles& roles,
                          const std::filesystem::path& png,
                          std::optional<render::Offscreen> target = std::nullopt);

// Many screens of one model at one size, as render_screen draws them (the same pixels), reusing
// one Views (its layout cache), one offscreen target (its line-texture cache) and the fonts' glyph
// cache between screens: kioskctl preview draws thousands of applicants this way.
// The model and fonts must outlive it; one thread only.
class ScreenRenderer {
 public:
  // A renderer at width×height, or why there is none (a size outside 1..16384, or SDL cannot
  // allocate the offscreen target).
  static Result<ScreenRenderer> create(const ui::Model& model, int width, int height,
                                       render::FontLibrary& fonts, const ui::FontRoles& roles);
  // The same into a target already made (with the same fonts), at its size.
  static ScreenRenderer create(const ui::Model& model, render::Offscreen target,
                               render::FontLibrary& fonts, const ui::FontRoles& roles);
  ~ScreenRenderer();
  ScreenRenderer(ScreenRenderer&&) noexcept;
  ScreenRenderer& operator=(ScreenRenderer&&) noexcept;
  ScreenRenderer(const ScreenRenderer&) = delete;
  ScreenRenderer& operator=(const ScreenRenderer&) = delete;

  struct Drawn {
    ui::Route shown;  // the route on screen: the one asked for, or where the kiosk falls back to
                      // (e.g. 首页 for an applicant whose notice is not listed on that date)
    std::vector<ui::Hotspot> hotspots;
  };
  // Opens `route` as a deep link would (ui::Open) in a fresh State with the request's date, time,
  // text mode and diagnostics (its screen, width and height are not used) and draws that frame
  // into target().
  Drawn draw(const ui::Route& route, const ScreenshotRequest& request);
  [[nodiscard]] const render::Offscreen& target() const;

 private:
  struct Impl;
  explicit ScreenRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::screenshot
