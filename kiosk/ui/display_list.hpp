// ui's frame: the draw::DisplayList the renderer draws, plus what only the UI reads: where a tap
// does something (hotspots with typed actions, ui/action.hpp) and the scrolling regions. The
// renderer takes it as its base class and never sees the rest; draw/ stays below ui.
#pragma once

#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "draw/display_list.hpp"
#include "ui/action.hpp"

namespace kiosk::ui {

// Not drawn: where a tap does something, for the reducer (ui/reducer.hpp) and for tests.
struct Hotspot {
  Rect rect;  // window pixels, already clipped to what is visible
  Act action;
};

// Not drawn: a scrolling region of this frame, so the reducer knows the scroll bounds.
struct ScrollArea {
  std::string id;        // which scroll it is ("page" for a screen's one scroll)
  Rect viewport;         // window pixels
  float max_offset = 0;  // content height minus viewport height, >= 0
};

struct DisplayList : draw::DisplayList {
  std::vector<Hotspot> hotspots;
  std::vector<ScrollArea> scroll_areas;

  // draw::DisplayList's text, then one line per hotspot ("hit …") and scroll area ("scroll …").
  [[nodiscard]] std::string to_text() const;
};

}  // namespace kiosk::ui
