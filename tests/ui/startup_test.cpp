// The kiosk's start-up rehearsal (app::rehearse_standby): 待机 drawn unseen before any content,
// so the first real frame finds its glyphs ready, must leave that first frame exactly as it would
// have been, and must leave the fonts holding what that frame needs.
#include <gtest/gtest.h>

#include "app/kiosk.hpp"
#include "config/config.hpp"
#include "content/parse.hpp"
#include "fixture_bundle.hpp"
#include "render/offscreen.hpp"
#include "screenshot/resources.hpp"

namespace kiosk::app {
namespace {

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;

struct Start {
  Options options;
  config::Config config;
  tz::Clock clock;
  Start() {
    options.at = CivilDate{2026, 11, 25};
    // 09:30 in the office's zone (Asia/Shanghai, the default): office hours, so 待机 is not dimmed.
    auto zone = tz::Zone::locate(config.timezone);
    clock = tz::Clock(zone ? std::move(*zone) : tz::Zone(), 1795570200);
  }
};

// The first real frame: 待机 of the tests' bundle, as the Kiosk draws it.
render::Image first_frame(render::Offscreen& target, render::FontLibrary& fonts, const Start& s) {
  render::FontMeasurer measurer(fonts);
  ui::Views views(measurer, screenshot::load_roles());
  const ui::State state = starting_state(
      make_model(*content::load_bundle(test::fixture_bundle_dir()).bundle, s.config, 1), s.options,
      s.config, s.clock, 0);
  EXPECT_EQ(state.route().screen, ui::ScreenId::Attract);
  target.draw(views.render(*state.model, state, {kWidth, kHeight}));
  return target.image();
}

TEST(Startup, RehearsingStandbyLeavesTheFirstFrameAsItWouldHaveBeen) {
  const Start s;
  render::FontLibrary cold_fonts(s.config.fonts.families);
  auto cold = render::Offscreen::create(kWidth, kHeight, cold_fonts);
  ASSERT_TRUE(cold) << cold.error().what;
  const render::Image expected = first_frame(*cold, cold_fonts, s);

  render::FontLibrary fonts(s.config.fonts.families);
  auto target = render::Offscreen::create(kWidth, kHeight, fonts);
  ASSERT_TRUE(target) << target.error().what;
  rehearse_standby(target->renderer(), fonts, screenshot::load_roles(), s.options, s.config,
                   s.clock, {kWidth, kHeight});
  const render::FontStats rehearsed = fonts.stats();
  // The rehearsal measured and rasterised text (the labels, the clock, the date).
  EXPECT_GT(rehearsed.codepoints_known, 20U);
  EXPECT_GT(rehearsed.glyphs_cached, 20U);
  // It drew something unlike the real frame (the page without content), on the same target.
  EXPECT_NE(target->image().rgba, expected.rgba);

  const render::Image actual = first_frame(*target, fonts, s);
  EXPECT_EQ(actual.width, expected.width);
  EXPECT_EQ(actual.height, expected.height);
  EXPECT_TRUE(actual.rgba == expected.rgba)
      << "the first frame after the rehearsal differs from the one drawn cold";
  // Most of what the first frame needed was already there: it added fewer code points than it
  // used.
  const std::size_t added = fonts.stats().codepoints_known - rehearsed.codepoints_known;
  EXPECT_LT(added, cold_fonts.stats().codepoints_known);
}

}  // namespace
}  // namespace kiosk::app
