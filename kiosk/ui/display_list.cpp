// Text form of ui's frame for snapshot tests: the drawn list, then its hotspots and scroll areas.
#include "ui/display_list.hpp"

namespace kiosk::ui {

std::string DisplayList::to_text() const {
  std::string out = draw::DisplayList::to_text();
  for (const auto& h : hotspots)
    out += "hit " + draw::text_rect(h.rect) + " " + to_string(h.action) + "\n";
  for (const auto& a : scroll_areas) {
    out += "scroll " + a.id + " " + draw::text_rect(a.viewport) + " max " +
           draw::text_number(a.max_offset) + "\n";
  }
  return out;
}

}  // namespace kiosk::ui
