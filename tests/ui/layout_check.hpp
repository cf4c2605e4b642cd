// A check of one drawn frame that knows nothing about the screen it shows: every clip and every
// line of text stays on the screen, no two lines of text overlap where they are visible, and
// nothing drawn later covers a line drawn earlier (a list running under the navigation bar, a
// tile over a heading). Shared by ui_tests (fake metrics) and monkey_tests (the real fonts).
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "draw/display_list.hpp"
#include "ui/state.hpp"

namespace kiosk::ui::testing {

// The size of a line's box as drawn: its ink width and the font's line height.
using TextBox = std::function<Size(const TextRun&)>;

// "" when the frame is sound, else one line naming the text and what it collides with.
inline std::string layout_problem(const DisplayList& list, Size screen, const TextBox& box_of) {
  constexpr float kSlack = 1.0F;  // origins and sizes are rounded to whole pixels
  struct Shown {
    Rect box;  // visible part, within its clip
    const TextRun* run;
  };
  // The common part when it is more than the rounding slack each way.
  auto intersect = [](Rect a, Rect b) -> std::optional<Rect> {
    const Rect r = a.intersect(b);
    if (r.w <= kSlack || r.h <= kSlack) return std::nullopt;
    return r;
  };
  auto describe = [](const TextRun& t, Rect r) {
    std::string s = t.text.substr(0, 90);
    if (t.text.size() > 90) s += "…";
    auto n = [](float v) { return std::to_string(static_cast<int>(std::lround(v))); };
    return "text \"" + s + "\" at " + n(r.x) + "," + n(r.y) + " " + n(r.w) + "x" + n(r.h);
  };
  const Rect whole{0, 0, screen.width, screen.height};
  std::vector<Rect> clips{whole};
  std::vector<Shown> shown;
  for (const auto& cmd : list.commands) {
    if (const auto* c = std::get_if<PushClip>(&cmd)) {
      if (c->rect.x < -kSlack || c->rect.y < -kSlack || c->rect.right() > screen.width + kSlack ||
          c->rect.bottom() > screen.height + kSlack) {
        return "a clip " + std::to_string(c->rect.w) + "x" + std::to_string(c->rect.h) +
               " leaves the screen";
      }
      clips.push_back(intersect(clips.back(), c->rect).value_or(Rect{0, 0, 0, 0}));
    } else if (std::holds_alternative<PopClip>(cmd)) {
      if (clips.size() > 1) clips.pop_back();
    } else if (const auto* t = std::get_if<TextRun>(&cmd)) {
      const Size sz = box_of(*t);
      if (sz.width <= 0) continue;
      const Rect box{std::round(t->origin.x), std::round(t->origin.y), sz.width, sz.height};
      if (clips.size() == 1 &&
          (box.x < -kSlack || box.y < -kSlack || box.right() > screen.width + kSlack ||
           box.bottom() > screen.height + kSlack)) {
        return describe(*t, box) + " leaves the " + std::to_string(static_cast<int>(screen.width)) +
               "x" + std::to_string(static_cast<int>(screen.height)) + " screen";
      }
      if (clips.size() > 1 && (clips.back().w <= 0 || clips.back().h <= 0)) {
        return describe(*t, box) + " is drawn into a clip with no room left on the screen";
      }
      if (clips.size() > 1 &&
          (box.x < clips.back().x - kSlack || box.right() > clips.back().right() + kSlack)) {
        return describe(*t, box) + " is cut sideways by its clip";
      }
      const auto visible = intersect(box, clips.back());
      if (!visible) continue;
      for (const Shown& other : shown) {
        if (intersect(*visible, other.box)) {
          return describe(*t, box) + " overlaps " + describe(*other.run, other.box);
        }
      }
      shown.push_back({*visible, t});
    } else if (const auto* f = std::get_if<FillRect>(&cmd)) {
      if (f->color.a < 255) continue;
      const auto visible = intersect(f->rect, clips.back());
      if (!visible) continue;
      for (const Shown& s : shown) {
        if (intersect(*visible, s.box)) {
          auto n = [](float v) { return std::to_string(static_cast<int>(std::lround(v))); };
          return describe(*s.run, s.box) + " is covered by a box drawn after it at " +
                 n(f->rect.x) + "," + n(f->rect.y) + " " + n(f->rect.w) + "x" + n(f->rect.h);
        }
      }
    } else if (const auto* q = std::get_if<QrCode>(&cmd)) {
      const auto visible = intersect(q->rect, clips.back());
      if (!visible) continue;
      for (const Shown& s : shown) {
        if (intersect(*visible, s.box)) return describe(*s.run, s.box) + " is covered by a QR code";
      }
    }
  }
  return {};
}

}  // namespace kiosk::ui::testing
