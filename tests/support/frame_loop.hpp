// Render-then-feedback as the app's loop does it: the views lay out a frame, and its hotspots and
// scroll bounds go back into the reducer (FrameLaidOut). The one copy the UI tests, the touch
// monkey and the soak share, so a change to that hand-over is made once.
#pragma once

#include <utility>

#include "ui/reducer.hpp"
#include "ui/views.hpp"

namespace kiosk::test {

// Renders `state` at `size` and reduces FrameLaidOut into it; returns the frame drawn.
inline ui::DisplayList lay_out_frame(ui::Views& views, ui::State& state, ui::Size size) {
  ui::DisplayList list = views.render(*state.model, state, size);
  state = ui::reduce(std::move(state), ui::FrameLaidOut{list.hotspots, list.scroll_areas, size});
  return list;
}

}  // namespace kiosk::test
