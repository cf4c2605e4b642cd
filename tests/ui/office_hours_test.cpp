// Office hours with a fake clock: 待机 dims to the clock at closing time, a touch wakes the kiosk
// for the idle timeout, it dims again, the clock becomes 待机 at opening time; overnight hours.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "ui/palette.hpp"

namespace kiosk::ui {
namespace {

using testing::Driver;
using testing::make_model;

constexpr CivilDate kDay{2026, 11, 25};

// No touch for `ms`: the clock moves on, then one Tick.
void idle(Driver& d, std::int64_t ms) {
  d.advance(ms);
  d.send(Tick{d.now()});
}

// Opens the office 08:00-18:00 and sets the clock to `minute` of the day.
void office(Driver& d, int minute) {
  d.state.open_minute = 8 * 60;
  d.state.close_minute = 18 * 60;
  d.send(DateChanged{kDay, minute});
}

TEST(OfficeHours, OpenWhileOpenLeqNowLtClose) {
  State s;
  s.open_minute = 8 * 60;
  s.close_minute = 18 * 60;
  for (const auto& [minute, closed] : {std::pair{7 * 60 + 59, true},
                                       {8 * 60, false},
                                       {12 * 60, false},
                                       {17 * 60 + 59, false},
                                       {18 * 60, true},
                                       {23 * 60 + 59, true},
                                       {0, true}}) {
    s.minute_of_day = minute;
    EXPECT_EQ(outside_office_hours(s), closed) << minute;
  }
}

TEST(OfficeHours, CloseBeforeOpenSpansMidnight) {
  State s;
  s.open_minute = 20 * 60;
  s.close_minute = 6 * 60;
  for (const auto& [minute, closed] : {std::pair{19 * 60 + 59, true},
                                       {20 * 60, false},
                                       {23 * 60 + 59, false},
                                       {0, false},
                                       {5 * 60 + 59, false},
                                       {6 * 60, true},
                                       {12 * 60, true}}) {
    s.minute_of_day = minute;
    EXPECT_EQ(outside_office_hours(s), closed) << minute;
  }
}

TEST(OfficeHours, EqualTimesMeanAlwaysOpenAndAFreshStateNeverDims) {
  State s;
  for (const int minute : {0, 3 * 60, 12 * 60, 23 * 60 + 59}) {
    s.minute_of_day = minute;
    EXPECT_FALSE(outside_office_hours(s)) << minute;
  }
  Driver d(make_model(testing::fixture_bundle()));
  d.send(DateChanged{kDay, 3 * 60});
  EXPECT_EQ(d.screen(), ScreenId::Attract) << "no hours set: never dims";
}

TEST(OfficeHours, AttractDimsAtClosingTime) {
  Driver d(make_model(testing::fixture_bundle()));
  office(d, 17 * 60 + 59);
  EXPECT_EQ(d.screen(), ScreenId::Attract);
  d.run(30'000);
  EXPECT_EQ(d.screen(), ScreenId::Attract);
  d.send(DateChanged{kDay, 18 * 60});
  ASSERT_EQ(d.screen(), ScreenId::Dimmed);
  // A dark screen: the clock, the current notice's title and 公示期, nothing to tap.
  EXPECT_EQ(d.last.background, palette::kDimBackground);
  const std::string text = testing::all_text(d.last);
  EXPECT_NE(text.find("18:00"), std::string::npos) << text;
  EXPECT_NE(text.find("2026年11月25日"), std::string::npos) << text;
  EXPECT_NE(text.find(d.state.model->notices().front().title), std::string::npos) << text;
  EXPECT_NE(text.find("公示期"), std::string::npos) << text;
  EXPECT_TRUE(d.last.hotspots.empty());
  EXPECT_EQ(next_deadline(d.state), std::nullopt)
      << "the dimmed clock only wakes for the next minute";
  const ViewKey shown = view_key(d.state);
  d.run(20'000);
  EXPECT_TRUE(view_key(d.state) == shown) << "no 待机 cycling or idle timeout while dimmed";
  EXPECT_EQ(d.screen(), ScreenId::Dimmed);
}

TEST(OfficeHours, StartingOutsideTheHoursDimsAtOnce) {
  Driver d(make_model(testing::fixture_bundle()));
  office(d, 22 * 60);
  EXPECT_EQ(d.screen(), ScreenId::Dimmed);
}

TEST(OfficeHours, ATouchWakesForTheIdleTimeoutThenItDimsAgain) {
  Driver d(make_model(testing::fixture_bundle()));
  office(d, 19 * 60);
  ASSERT_EQ(d.screen(), ScreenId::Dimmed);
  d.tap_at({960, 540});
  ASSERT_EQ(d.screen(), ScreenId::Home) << "a touch opens 首页";
  d.tap("large-text");
  d.tap("go:notices");
  EXPECT_EQ(d.screen(), ScreenId::Notices);
  idle(d, 89'000);
  EXPECT_EQ(d.screen(), ScreenId::Notices)
      << "awake for idle_timeout_s (90 s) after the last touch";
  idle(d, 2'000);
  EXPECT_EQ(d.screen(), ScreenId::Dimmed) << "no touch for 90 s: dims again, not 待机";
  EXPECT_FALSE(d.state.large_text) << "适老模式 off for the next visitor";
}

TEST(OfficeHours, AScreenInUseAtClosingTimeDimsOnlyAfterTheIdleTimeout) {
  Driver d(make_model(testing::fixture_bundle()));
  office(d, 17 * 60 + 59);
  d.tap_at({960, 540});
  d.tap("go:hotlines");
  d.send(DateChanged{kDay, 18 * 60});
  EXPECT_EQ(d.screen(), ScreenId::Hotlines) << "someone is reading: the screen stays";
  idle(d, 91'000);
  EXPECT_EQ(d.screen(), ScreenId::Dimmed);
}

TEST(OfficeHours, TheClockBecomesAttractAtOpeningTime) {
  Driver d(make_model(testing::fixture_bundle()));
  office(d, 7 * 60 + 59);
  ASSERT_EQ(d.screen(), ScreenId::Dimmed);
  d.send(DateChanged{kDay, 8 * 60});
  EXPECT_EQ(d.screen(), ScreenId::Attract);
  d.tap_at({960, 540});
  idle(d, 91'000);
  EXPECT_EQ(d.screen(), ScreenId::Attract) << "inside the hours the idle timeout goes to 待机";
}

TEST(OfficeHours, WheelAndBackWakeTheClockToo) {
  Driver d(make_model(testing::fixture_bundle()));
  office(d, 20 * 60);
  InputEvent wheel = d.pointer(InputEvent::Kind::Wheel, {960, 540});
  wheel.delta = {0, 96};
  d.send(wheel);
  EXPECT_EQ(d.screen(), ScreenId::Home);
  idle(d, 91'000);
  ASSERT_EQ(d.screen(), ScreenId::Dimmed);
  d.send(d.pointer(InputEvent::Kind::Back, {0, 0}));
  EXPECT_EQ(d.screen(), ScreenId::Home);
}

TEST(OfficeHours, TheClockMovesEveryMinuteAgainstBurnIn) {
  Driver d(make_model(testing::fixture_bundle()));
  office(d, 20 * 60);
  const DisplayList a = d.last;
  d.send(DateChanged{kDay, 20 * 60 + 1});
  const DisplayList b = d.last;
  const auto first_run = [](const DisplayList& dl) {
    for (const auto& c : dl.commands) {
      if (const auto* t = std::get_if<TextRun>(&c)) return *t;
    }
    return TextRun{};
  };
  EXPECT_NE(first_run(a).origin.x, first_run(b).origin.x);
}

TEST(OfficeHours, DimmedIsAScreenshotName) {
  const auto model = make_model(testing::fixture_bundle());
  const auto route = route_from_name("dimmed", *model, kDay);
  ASSERT_TRUE(route);
  EXPECT_EQ(route->screen, ScreenId::Dimmed);
  State s = initial_state(model, 0, kDay, 9 * 60 + 30, 90);
  s = reduce(std::move(s), Open{*route});
  EXPECT_EQ(s.route().screen, ScreenId::Dimmed);
  EXPECT_NE(std::string(screen_names_help()).find("dimmed"), std::string::npos);
}

}  // namespace
}  // namespace kiosk::ui
