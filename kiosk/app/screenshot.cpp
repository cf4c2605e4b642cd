// Offscreen rendering of one screen.
#include "app/screenshot.hpp"

#include <exception>
#include <memory>

#include "render/offscreen.hpp"
#include "render/text_measurer.hpp"
#include "ui/reducer.hpp"
#include "ui/views.hpp"

namespace kiosk::app {

ScreenshotResult render_screen(const ui::Model& model, const ScreenshotRequest& request,
                               render::FontLibrary& fonts, const render::FontRoles& roles) {
  ScreenshotResult out;
  const auto route = ui::route_from_name(request.screen, model, request.date);
  if (!route) {
    out.unknown_screen = true;
    out.error = "unknown screen \"" + request.screen + "\"; valid screens: " + ui::screen_names_help();
    return out;
  }
  // The State holds the model by shared pointer; this one borrows the caller's.
  const std::shared_ptr<const ui::Model> shared(&model, [](const ui::Model*) {});
  ui::State state = ui::initial_state(shared, 0, request.date, request.minute_of_day, 90);
  state.large_text = request.large_text;
  state.diagnostics = request.diagnostics;
  state = ui::reduce(std::move(state), ui::Open{*route});
  render::FontMeasurer measurer(fonts);
  ui::Views views(measurer, roles);
  const ui::Size size{static_cast<float>(request.width), static_cast<float>(request.height)};
  try {
    render::Offscreen offscreen(request.width, request.height, fonts);
    const ui::DisplayList list = views.render(model, state, size);
    offscreen.draw(list);
    out.image = offscreen.image();
    out.hotspots = list.hotspots;
  } catch (const std::exception& e) {
    out.error = std::string("cannot render offscreen: ") + e.what();
  }
  return out;
}

}  // namespace kiosk::app
