// The dimmed clock outside office hours: black, the time large, the date, the current notice's
// title and 公示期, and how to wake the kiosk; it moves a little every minute against burn-in.
#include <algorithm>
#include <cmath>
#include <vector>

#include "ui/format.hpp"
#include "ui/screens.hpp"

namespace kiosk::ui::screens {

void dimmed(Ctx& c, DisplayList& dl) {
  const kit::Theme& t = c.t;
  const float w = t.size.width, h = t.size.height;
  dl.background = palette::kDimBackground;
  kit::ListCanvas cv(dl);
  // Burn-in: the whole group sits at one of 5 × 5 places, a different one every minute.
  const int minute = c.state.minute_of_day;
  const float step_x = std::round(24 * t.s), step_y = std::round(16 * t.s);
  const float dx = static_cast<float>(minute % 5 - 2) * step_x;
  const float dy = static_cast<float>((minute / 5) % 5 - 2) * step_y;
  const float max_w = std::min(w - 2 * t.margin - 4 * step_x, std::round(1400 * t.s));

  struct Item {
    kit::Block block;
    float gap_before;
  };
  std::vector<Item> items;
  const TextStyle clock_st =
      kit::style(std::round(std::min(t.huge * 3, h * 0.2F)), false, palette::kDimInk);
  items.push_back({kit::wrap(c.m, format::clock(minute), clock_st, max_w, 1), 0});
  const TextStyle date_st = kit::style(t.heading, false, palette::kDimInk);
  items.push_back({kit::wrap(c.m, c.state.today.chinese() + " " + c.state.today.chinese_weekday(),
                             date_st, max_w, 1),
                   t.pad});
  const auto current = c.model.current_notices(c.state.today);
  if (!current.empty()) {
    const content::Notice& n = c.model.notices()[current.front()];
    items.push_back(
        {kit::wrap(c.m, n.title, kit::style(t.heading, true, palette::kDimAccent), max_w, 2),
         3 * t.gap});
    items.push_back({kit::wrap(c.m, notice_period_line(c.model, n, c.state.today),
                               kit::style(t.body, false, palette::kDimInk), max_w, 2),
                     t.pad});
  }
  items.push_back({kit::wrap(c.m, "现在是非办公时间  ·  轻触屏幕查看公示",
                             kit::style(t.small, false, palette::kDimInk), max_w, 1),
                   3 * t.gap});
  float total = 0;
  for (const auto& i : items) total += i.gap_before + i.block.height;
  if (total > h - 2 * t.margin && items.size() > 2) {  // a short panel: the hint goes first
    total -= items.back().gap_before + items.back().block.height;
    items.pop_back();
  }
  float y = std::round((h - total) / 2 + dy);
  const float x = std::round((w - max_w) / 2 + dx);
  for (const auto& i : items) {
    y += i.gap_before;
    cv.block(i.block, {x, y}, 0.5F, max_w);
    y += i.block.height;
  }
}

}  // namespace kiosk::ui::screens
