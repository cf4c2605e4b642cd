// Views: (Model, State, Size) -> DisplayList for every screen, with the header (office name,
// date and time, 适老模式) and the navigation bar (返回, 首页, content version, 离线 / 内容已过期).
//
// Contract:
//  - Pure with respect to State: rendering never changes it. The DisplayList carries the frame's
//    hotspots and scroll bounds; the app hands them back with FrameLaidOut.
//  - Layout is cached: paragraphs and pages are broken into lines once per (content generation,
//    size, text mode, date) and list rows are made on first sight, so a frame while scrolling only
//    emits what is visible (a few dozen commands, whatever the number of applicants).
//  - Any size from 800×600 upwards, landscape or portrait, lays out without overlap; text never
//    leaves its box (long fields wrap, list rows end with "…").
#pragma once

#include <map>
#include <memory>
#include <string>

#include "draw/display_list.hpp"
#include "draw/text_measurer.hpp"
#include "ui/font_roles.hpp"
#include "ui/model.hpp"
#include "ui/state.hpp"

namespace kiosk::ui {

namespace kit {
struct Page;
}

class Views {
 public:
  // The measurer must outlive the Views. `roles` are the text sizes (fonts/fonts.json).
  explicit Views(TextMeasurer& measurer, ui::FontRoles roles = ui::default_font_roles());
  ~Views();
  Views(const Views&) = delete;
  Views& operator=(const Views&) = delete;

  [[nodiscard]] DisplayList render(const Model& model, const State& state, Size size);

  // Lays out (and caches) what `route` needs without drawing, e.g. right after new content
  // arrives, so the first frame that shows it is cheap.
  void prepare(const Model& model, const State& state, Size size);

  struct Cache;

 private:
  TextMeasurer& measurer_;
  ui::FontRoles roles_;
  std::unique_ptr<Cache> cache_;
};

// One frame without a cache (tests, one-off screenshots).
[[nodiscard]] DisplayList render(const Model& model, const State& state, Size size,
                                 TextMeasurer& measurer,
                                 const ui::FontRoles& roles = ui::default_font_roles());

// The short Chinese name of a screen ("公示名单"), for titles and the diagnostics page.
[[nodiscard]] std::string screen_title(ScreenId id);

}  // namespace kiosk::ui
