// Offscreen rendering of one screen, or of many screens of one model (ScreenRenderer).
#include "screenshot/screenshot.hpp"

#include <memory>
#include <utility>

#include "render/text_measurer.hpp"
#include "ui/reducer.hpp"
#include "ui/views.hpp"

namespace kiosk::screenshot {

struct ScreenRenderer::Impl {
  const ui::Model& model;
  // The States hold the model by shared pointer; these borrow the caller's.
  std::shared_ptr<const ui::Model> shared;
  render::FontMeasurer measurer;
  ui::Views views;
  render::Offscreen offscreen;
  ui::Size size;

  Impl(const ui::Model& m, render::Offscreen target, render::FontLibrary& fonts,
       const ui::FontRoles& roles)
      : model(m),
        shared(&m, [](const ui::Model*) {}),
        measurer(fonts),
        views(measurer, roles),
        offscreen(std::move(target)),
        size{static_cast<float>(offscreen.width()), static_cast<float>(offscreen.height())} {}
};

Result<ScreenRenderer> ScreenRenderer::create(const ui::Model& model, int width, int height,
                                              render::FontLibrary& fonts,
                                              const ui::FontRoles& roles) {
  auto target = render::Offscreen::create(width, height, fonts);
  if (!target) return Error{"cannot render offscreen: " + target.error().what};
  return create(model, std::move(target).value(), fonts, roles);
}

ScreenRenderer ScreenRenderer::create(const ui::Model& model, render::Offscreen target,
                                      render::FontLibrary& fonts, const ui::FontRoles& roles) {
  return ScreenRenderer(std::make_unique<Impl>(model, std::move(target), fonts, roles));
}

ScreenRenderer::ScreenRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScreenRenderer::~ScreenRenderer() = default;
ScreenRenderer::ScreenRenderer(ScreenRenderer&&) noexcept = default;
ScreenRenderer& ScreenRenderer::operator=(ScreenRenderer&&) noexcept = default;

const render::Offscreen& ScreenRenderer::target() const { return impl_->offscreen; }

ScreenRenderer::Drawn ScreenRenderer::draw(const ui::Route& route,
                                           const ScreenshotRequest& request) {
  ui::State state = ui::initial_state(impl_->shared, 0, request.date, request.minute_of_day, 90);
  state.large_text = request.large_text;
  state.zone = request.zone;
  state.diagnostics = request.diagnostics;
  state = ui::reduce(std::move(state), ui::Open{route});
  ui::DisplayList list = impl_->views.render(impl_->model, state, impl_->size);
  impl_->offscreen.draw(list);
  return Drawn{state.route(), std::move(list.hotspots)};
}

namespace {

// Draws the request's screen and hands the target and the frame's hotspots to `keep` (which
// copies or writes the pixels) and returns what keep returns.
template <typename Keep>
auto draw_screen(const ui::Model& model, const ScreenshotRequest& request,
                 render::FontLibrary& fonts, const ui::FontRoles& roles, Keep keep,
                 std::optional<render::Offscreen> target = std::nullopt)
    -> decltype(keep(std::declval<const render::Offscreen&>(), std::vector<ui::Hotspot>{})) {
  const auto route = screen_route(model, request);
  if (!route) return route.error();
  auto screens =
      target && target->width() == request.width && target->height() == request.height
          ? Result<ScreenRenderer>(ScreenRenderer::create(model, std::move(*target), fonts, roles))
          : ScreenRenderer::create(model, request.width, request.height, fonts, roles);
  if (!screens) return screens.error();
  auto hotspots = screens->draw(*route, request).hotspots;
  return keep(screens->target(), std::move(hotspots));
}

}  // namespace

Result<ui::Route> screen_route(const ui::Model& model, const ScreenshotRequest& request) {
  auto route = ui::route_from_name(request.screen, model, request.date);
  if (!route) {
    return Error{"unknown screen \"" + request.screen +
                 "\"; valid screens: " + ui::screen_names_help()};
  }
  return std::move(*route);
}

Result<Shot> render_screen(const ui::Model& model, const ScreenshotRequest& request,
                           render::FontLibrary& fonts, const ui::FontRoles& roles) {
  return draw_screen(model, request, fonts, roles,
                     [](const render::Offscreen& target, std::vector<ui::Hotspot> hotspots) {
                       return Result<Shot>(Shot{target.image(), std::move(hotspots)});
                     });
}

Result<void> write_screen(const ui::Model& model, const ScreenshotRequest& request,
                          render::FontLibrary& fonts, const ui::FontRoles& roles,
                          const std::filesystem::path& png,
                          std::optional<render::Offscreen> target) {
  return draw_screen(
      model, request, fonts, roles,
      [&png](const render::Offscreen& drawn, std::vector<ui::Hotspot>) {
        return drawn.save_png(png);
      },
      std::move(target));
}

}  // namespace kiosk::screenshot
