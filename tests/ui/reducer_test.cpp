// The UI as a state machine with a fake clock: navigation, back/home, idle timeout, swipes,
// kinetic scrolling, content swaps, 适老模式, notice windows at midnight, 待机 cycling.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <set>

#include "harness.hpp"
#include "ui/format.hpp"

namespace kiosk::ui {
namespace {

using testing::Driver;
using testing::make_model;

TEST(Reducer, StartsOnAttractAndAnyTouchOpensHome) {
  Driver d(make_model(testing::fixture_bundle()));
  EXPECT_EQ(d.screen(), ScreenId::Attract);
  EXPECT_EQ(d.find("back"), nullptr) << "待机 has no back control";
  d.tap_at({300, 600});
  EXPECT_EQ(d.screen(), ScreenId::Home);
  EXPECT_NE(d.find("back"), nullptr);
  EXPECT_NE(d.find("home"), nullptr);
}

TEST(Reducer, EveryHomeTileOpensItsScreenAndBackReturns) {
  Driver d(make_model(testing::fixture_bundle()));
  d.tap_at({300, 600});
  const std::pair<const char*, ScreenId> tiles[] = {{"go:notices", ScreenId::Notices},
                                                    {"go:standards", ScreenId::Standards},
                                                    {"go:hotlines", ScreenId::Hotlines},
                                                    {"go:steps", ScreenId::Steps},
                                                    {"go:document", ScreenId::Document}};
  for (const auto& [action, screen] : tiles) {
    d.tap(action);
    EXPECT_EQ(d.screen(), screen) << action;
    EXPECT_NE(d.find("back"), nullptr) << action;
    EXPECT_NE(d.find("home"), nullptr) << action;
    d.tap("back");
    EXPECT_EQ(d.screen(), ScreenId::Home) << action;
  }
  d.tap("back");
  EXPECT_EQ(d.screen(), ScreenId::Attract) << "back from 首页 goes to 待机";
}

TEST(Reducer, NoticesCategoryApplicantAndBackHome) {
  Driver d(make_model(testing::fixture_bundle()));
  d.tap_at({300, 600});
  d.tap("go:notices");
  ASSERT_EQ(d.screen(), ScreenId::Notices);
  EXPECT_EQ(d.state.route().category, content::Category::StreetDemo);
  EXPECT_NE(d.find("applicant:demo-2026/sd-01"), nullptr);
  d.tap("category:committee_demo");
  EXPECT_EQ(d.state.route().category, content::Category::CommitteeDemo);
  EXPECT_EQ(d.find("applicant:demo-2026/sd-01"), nullptr);
  d.tap("applicant:demo-2026/cd-02");
  ASSERT_EQ(d.screen(), ScreenId::Applicant);
  EXPECT_EQ(d.state.route().applicant_id, "cd-02");
  EXPECT_NE(testing::all_text(d.last).find("示例花园居委会"), std::string::npos);
  d.tap("go:hotlines");
  EXPECT_EQ(d.screen(), ScreenId::Hotlines);
  d.tap("back");
  EXPECT_EQ(d.screen(), ScreenId::Applicant);
  d.tap("back");
  EXPECT_EQ(d.screen(), ScreenId::Notices);
  EXPECT_EQ(d.state.route().category, content::Category::CommitteeDemo)
      << "back keeps the list as it was";
  d.tap("applicant:demo-2026/cd-01");
  d.tap("home");
  EXPECT_EQ(d.screen(), ScreenId::Home);
  EXPECT_EQ(d.state.stack.size(), 1u);
}

TEST(Reducer, StandardsTilesSwipesAndButtons) {
  Driver d(make_model(testing::fixture_bundle()));
  d.tap_at({300, 600});
  d.tap("go:standards");
  for (int n = 1; n <= 10; ++n) EXPECT_NE(d.find("standard:" + std::to_string(n)), nullptr) << n;
  d.tap("standard:3");
  ASSERT_EQ(d.screen(), ScreenId::Standard);
  EXPECT_EQ(d.state.route().standard, 3);
  d.drag({1400, 500}, {900, 520}, 200);  // right to left: next
  EXPECT_EQ(d.state.route().standard, 4);
  d.drag({600, 500}, {1100, 480}, 200);  // left to right: previous
  EXPECT_EQ(d.state.route().standard, 3);
  d.drag({600, 500}, {660, 500}, 200);  // too short for a swipe
  EXPECT_EQ(d.state.route().standard, 3);
  d.tap("standard-next");
  EXPECT_EQ(d.state.route().standard, 4);
  d.tap("standard-prev");
  d.tap("standard-prev");
  d.tap("standard-prev");
  EXPECT_EQ(d.state.route().standard, 1);
  d.tap("standard-prev");
  EXPECT_EQ(d.state.route().standard, 10) << "wraps around";
  d.drag({1400, 500}, {900, 520}, 200);
  EXPECT_EQ(d.state.route().standard, 1);
  d.tap("back");
  EXPECT_EQ(d.screen(), ScreenId::Standards);
}

TEST(Reducer, TapVersusDragThreshold) {
  Driver d(make_model(testing::fixture_bundle()));
  d.tap_at({300, 600});
  const Hotspot* h = d.find("go:steps");
  ASSERT_NE(h, nullptr);
  const Point c{h->rect.x + h->rect.w / 2, h->rect.y + h->rect.h / 2};
  d.drag(c, {c.x + 30, c.y}, 100);  // moved past 12 px: a drag, not a tap
  EXPECT_EQ(d.screen(), ScreenId::Home);
  d.drag(c, {c.x + 8, c.y + 4}, 100);  // a wobbly finger still taps
  EXPECT_EQ(d.screen(), ScreenId::Steps);
}

TEST(Reducer, IdleTimeoutReturnsToAttractAndResetsLargeText) {
  Driver d(make_model(testing::fixture_bundle()), {1920, 1080}, {2026, 11, 25}, 90);
  d.tap_at({300, 600});
  d.tap("go:hotlines");
  d.tap("large-text");
  ASSERT_TRUE(d.state.large_text);
  ASSERT_TRUE(next_deadline(d.state).has_value());
  EXPECT_EQ(*next_deadline(d.state), d.state.last_input_ms + 90'000);
  d.run(89'000);
  EXPECT_EQ(d.screen(), ScreenId::Hotlines);
  d.run(1'100);
  EXPECT_EQ(d.screen(), ScreenId::Attract);
  EXPECT_FALSE(d.state.large_text) << "the next visitor starts with normal text";
  EXPECT_EQ(d.state.stack.size(), 1u);
}

TEST(Reducer, AttractCyclesThroughPagesByItself) {
  Driver d(make_model(testing::fixture_bundle()));
  const std::string first = testing::all_text(d.last);
  EXPECT_NE(first.find("剩\u00a0"), std::string::npos);
  EXPECT_EQ(*next_deadline(d.state), d.state.attract_page_since_ms + kAttractPageMs);
  d.run(kAttractPageMs + 20);
  EXPECT_EQ(d.state.attract_step, 1);
  const std::string second = testing::all_text(d.last);
  EXPECT_NE(first, second);
  EXPECT_NE(second.find("示例街道"), std::string::npos) << "the second page lists applicants:\n"
                                                        << second;
  // It goes round: after as many pages as there are, it shows the first again.
  std::set<std::string> seen{first, second};
  for (int i = 0; i < 20; ++i) {
    d.run(kAttractPageMs);
    seen.insert(testing::all_text(d.last));
  }
  EXPECT_GE(seen.size(), 5u);
  EXPECT_EQ(d.screen(), ScreenId::Attract) << "待机 never times out to itself";
}

// Whether a frame is due is derived from what the views show (view_key), not a counter every
// change must remember to bump.
TEST(Reducer, RedrawFollowsWhatTheViewsShow) {
  Driver d(make_model(testing::fixture_bundle()));
  d.tap_at({960, 540});  // 待机 -> 首页
  ASSERT_EQ(d.screen(), ScreenId::Home);
  ViewKey shown = view_key(d.state);
  d.send(d.pointer(InputEvent::Kind::PointerDown, {5, 1075}));  // a press alone changes nothing
  EXPECT_TRUE(view_key(d.state) == shown);
  d.send(d.pointer(InputEvent::Kind::PointerUp, {205, 875}));  // released far away: no tap
  EXPECT_TRUE(view_key(d.state) == shown);
  d.send(Tick{d.state.now_ms + 1000});
  EXPECT_TRUE(view_key(d.state) == shown) << "a tick that changes nothing draws nothing";
  State s = d.state;
  s.diagnostics.uptime_s += 5;  // shown on 维护 only
  EXPECT_TRUE(view_key(s) == shown);
  s.diagnostics.offline = true;  // the footer says 离线
  EXPECT_FALSE(view_key(s) == shown);
  d.send(DateChanged{d.state.today, d.state.minute_of_day + 1});
  EXPECT_FALSE(view_key(d.state) == shown) << "the header's clock";
  shown = view_key(d.state);
  d.tap("large-text");
  EXPECT_FALSE(view_key(d.state) == shown);
  shown = view_key(d.state);
  d.send(Open{route_to(ScreenId::Diagnostics)});
  EXPECT_FALSE(view_key(d.state) == shown);
  shown = view_key(d.state);
  s = d.state;
  s.diagnostics.uptime_s += 5;
  EXPECT_FALSE(view_key(s) == shown) << "维护 shows the uptime";
}

// Hotspots carry typed actions (ui/action.hpp): the views build them, the reducer matches them;
// their text exists only for snapshots and messages.
TEST(Reducer, HotspotActionsAreTypes) {
  Driver d(make_model(testing::fixture_bundle()));
  d.tap_at({300, 600});
  d.tap("go:notices");
  d.tap("category:committee_demo");
  // A copy: the frame's hotspots go when the next event redraws it.
  std::optional<act::Applicant> row;
  for (const auto& h : d.last.hotspots) {
    if (const auto* a = std::get_if<act::Applicant>(&h.action); a != nullptr && !row) row = *a;
  }
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->notice_id, "demo-2026");
  EXPECT_EQ(to_string(act::Applicant{row->notice_id, row->applicant_id}),
            "applicant:demo-2026/" + row->applicant_id);
  d.send(Action{*row});
  EXPECT_EQ(d.screen(), ScreenId::Applicant);
  EXPECT_EQ(d.state.route().applicant_id, row->applicant_id);
  d.send(Action{act::Home{}});
  d.send(Action{act::Standard{3}});
  EXPECT_EQ(d.state.route().standard, 3);
  d.send(Action{act::StandardStep{-1}});
  EXPECT_EQ(d.state.route().standard, 2);
  EXPECT_EQ(to_string(act::StandardStep{-1}), "standard-prev");
  EXPECT_EQ(to_string(act::Pin{act::Pin::Key::Digit, '7'}), "pin:7");
  EXPECT_EQ(to_string(act::Go{act::Place::Diagnostics}), "go:diagnostics");
  EXPECT_EQ(to_string(act::Category{content::Category::CommitteeHarmony}),
            "category:committee_harmony");
}

TEST(Reducer, AttractWithoutCurrentNoticeShowsStandardsAndHotlines) {
  Driver d(make_model(testing::fixture_bundle()), {1920, 1080}, {2028, 1, 5});
  std::string text;
  for (int i = 0; i < 16; ++i) {
    text += testing::all_text(d.last);
    d.run(kAttractPageMs);
  }
  EXPECT_NE(text.find("目前没有正在公示的名单"), std::string::npos);
  EXPECT_NE(text.find("组织领导坚强有力"), std::string::npos);
  EXPECT_NE(text.find(format::unbreakable("021-0000 0091")), std::string::npos);
  EXPECT_EQ(text.find("剩\u00a0"), std::string::npos)
      << "an ended notice is never shown as current";
}

TEST(Reducer, FlingDeceleratesAndStopsInsideBounds) {
  Driver d(make_model(testing::bundle_with_applicants(500)));
  d.tap_at({300, 600});
  d.tap("go:notices");
  d.tap("category:committee_demo");
  ASSERT_NE(d.page_area(), nullptr);
  const ScrollArea copy = *d.page_area();  // d.last changes with every frame
  const ScrollArea* area = &copy;
  const float max = area->max_offset;
  ASSERT_GT(max, 10'000);
  const Point from{area->viewport.x + 300, area->viewport.y + area->viewport.h - 50};
  d.drag(from, {from.x, from.y - 400}, 80);  // a quick flick upwards
  ASSERT_TRUE(animating(d.state));
  const float after_release = d.state.route().scroll.offset;
  float last = after_release;
  d.run(5'000, [&](const State& s) {
    EXPECT_GE(s.route().scroll.offset, last - 0.01F) << "keeps going the same way";
    EXPECT_LE(s.route().scroll.offset, max);
    last = s.route().scroll.offset;
  });
  EXPECT_FALSE(animating(d.state)) << "decelerates to a stop";
  EXPECT_GT(d.state.route().scroll.offset, after_release + 500)
      << "kinetic: moves on after release";
  EXPECT_LT(d.state.route().scroll.offset, max);
  // Flicks towards the top end hard at 0 and stay there, never past it.
  for (int i = 0; i < 6; ++i) {
    d.drag({from.x, area->viewport.y + 50}, {from.x, area->viewport.y + 700}, 80);
    d.run(3'000, [&](const State& s) { EXPECT_GE(s.route().scroll.offset, 0.0F); });
  }
  EXPECT_EQ(d.state.route().scroll.offset, 0.0F);
  EXPECT_FALSE(animating(d.state));
  // A drag past the end stops at the end.
  d.send(Action{act::ScrollTo{static_cast<int>(max) - 100}});
  d.drag(from, {from.x, from.y - 600}, 400);
  d.run(3'000);
  EXPECT_EQ(d.state.route().scroll.offset, max);
}

TEST(Reducer, TouchStopsAFlingWithoutTapping) {
  Driver d(make_model(testing::bundle_with_applicants(300)));
  d.tap_at({300, 600});
  d.tap("go:notices");
  d.tap("category:committee_demo");
  const Rect v = d.page_area()->viewport;
  d.drag({v.x + 300, v.y + v.h - 50}, {v.x + 300, v.y + v.h - 450}, 80);
  d.run(100);
  ASSERT_TRUE(animating(d.state));
  d.tap_at({v.x + 300, v.y + 200});
  EXPECT_EQ(d.screen(), ScreenId::Notices) << "the tap only stopped the list";
  EXPECT_FALSE(animating(d.state));
}

TEST(Reducer, ContentReplacedMidScrollKeepsAValidPosition) {
  // Names starting like the fixture's (示…): one first character, no index strip, file order.
  Driver d(make_model(testing::bundle_with_applicants(600, "示例生成"), 1));
  d.tap_at({300, 600});
  d.tap("go:notices");
  d.tap("category:committee_demo");
  const float old_max = d.page_area()->max_offset;
  d.send(Action{act::ScrollTo{static_cast<int>(old_max) - 20000}});
  const Rect v = d.page_area()->viewport;
  d.drag({v.x + 300, v.y + v.h - 50}, {v.x + 300, v.y + v.h - 450}, 80);  // flinging on
  ASSERT_TRUE(animating(d.state));
  // The sync thread delivers a smaller list between two frames.
  d.send(ContentChanged{make_model(testing::bundle_with_applicants(50, "示例生成"), 2)});
  EXPECT_EQ(d.screen(), ScreenId::Notices);
  const float new_max = d.page_area()->max_offset;
  EXPECT_LT(new_max, old_max);
  EXPECT_LE(d.state.route().scroll.offset, new_max);
  EXPECT_GE(d.state.route().scroll.offset, 0.0F);
  EXPECT_TRUE(d.has_prefix("applicant:demo-2026/gen-4")) << "the end of the new list is on screen";
  d.run(2'000, [&](const State& s) { EXPECT_LE(s.route().scroll.offset, new_max); });
  // An applicant that disappears takes its 申报详情 with it; the list stays.
  d.tap("applicant:demo-2026/gen-49");
  ASSERT_EQ(d.screen(), ScreenId::Applicant);
  d.send(ContentChanged{make_model(testing::bundle_with_applicants(10, "示例生成"), 3)});
  EXPECT_EQ(d.screen(), ScreenId::Notices);
}

TEST(Reducer, LargeTextTogglesAndLaysOutAgainWithBiggerText) {
  Driver d(make_model(testing::fixture_bundle()));
  d.tap_at({300, 600});
  d.tap("go:document");
  auto body_size = [&] {
    float biggest_common = 0;
    std::map<float, int> counts;
    for (const auto& cmd : d.last.commands) {
      if (const auto* t = std::get_if<TextRun>(&cmd)) ++counts[t->style.size_px];
    }
    int best = 0;
    for (const auto& [size, n] : counts) {
      if (n > best) {
        best = n;
        biggest_common = size;
      }
    }
    return biggest_common;
  };
  const float normal = body_size();
  const std::size_t normal_lines = d.last.commands.size();
  d.tap("large-text");
  EXPECT_TRUE(d.state.large_text);
  EXPECT_GE(body_size(), normal * 1.4F);
  EXPECT_NE(d.last.commands.size(), normal_lines);
  EXPECT_NE(testing::all_text(d.last).find("标准字号"), std::string::npos)
      << "the toggle says how to switch back";
  d.tap("large-text");
  EXPECT_FALSE(d.state.large_text);
  EXPECT_EQ(body_size(), normal);
}

TEST(Reducer, NoticeEntersAndLeavesItsWindowAtMidnight) {
  content::Bundle b = testing::fixture_bundle();
  b.notices[0].window = {{2026, 12, 1}, {2026, 12, 3}};
  Driver d(make_model(std::move(b)), {1920, 1080}, {2026, 11, 30});
  d.send(DateChanged{{2026, 11, 30}, 23 * 60 + 59});
  EXPECT_TRUE(d.state.model->current_notices(d.state.today).empty());
  EXPECT_EQ(testing::all_text(d.last).find("剩\u00a0"), std::string::npos);
  d.send(DateChanged{{2026, 12, 1}, 0});
  EXPECT_NE(testing::all_text(d.last).find("还\u2060剩\u00a03\u00a0天"), std::string::npos)
      << testing::all_text(d.last);
  d.tap_at({300, 600});
  d.tap("go:notices");
  EXPECT_NE(d.find("applicant:demo-2026/sd-01"), nullptr);
  d.send(DateChanged{{2026, 12, 3}, 23 * 60 + 59});
  EXPECT_NE(testing::all_text(d.last).find("今天是最后一天"), std::string::npos);
  d.tap("applicant:demo-2026/sd-01");
  d.send(DateChanged{{2026, 12, 4}, 0});
  // Ended: never current again; still listed, clearly marked.
  EXPECT_TRUE(d.state.model->current_notices(d.state.today).empty());
  EXPECT_NE(testing::all_text(d.last).find("公示已结束"), std::string::npos);
  EXPECT_EQ(testing::all_text(d.last).find("剩\u00a0"), std::string::npos);
  d.tap("home");
  EXPECT_NE(testing::all_text(d.last).find("目前没有正在公示的名单"), std::string::npos);
}

TEST(Reducer, UpcomingNoticeIsNeverListed) {
  content::Bundle b = testing::fixture_bundle();
  b.notices[0].window = {{2027, 1, 1}, {2027, 1, 10}};
  Driver d(make_model(std::move(b)));
  d.tap_at({300, 600});
  d.tap("go:notices");
  EXPECT_FALSE(d.has_prefix("applicant:"));
  EXPECT_NE(testing::all_text(d.last).find("目前没有正在公示的名单"), std::string::npos);
}

// Found by the touch monkey (tests/monkey): an Action naming an unknown applicant, or one of a
// notice not yet published, pushed a route to it.
TEST(Reducer, ApplicantActionOpensOnlyListedApplicants) {
  content::Bundle b = testing::fixture_bundle();
  content::Notice upcoming = b.notices[0];
  upcoming.id = "later";
  upcoming.window = {{2027, 1, 1}, {2027, 1, 10}};
  b.notices.push_back(upcoming);
  Driver d(make_model(std::move(b)));
  d.tap_at({300, 600});
  for (const act::Applicant& action : std::vector<act::Applicant>{
           {"nope", "nope"}, {"", ""}, {"demo-2026", "nope"}, {"later", "cd-01"}, {"", "cd-01"}}) {
    d.send(Action{action});
    EXPECT_EQ(d.screen(), ScreenId::Home) << action;
    EXPECT_EQ(d.state.stack.size(), 1U) << action;
  }
  d.send(Action{act::Applicant{"demo-2026", "cd-01"}});
  EXPECT_EQ(d.screen(), ScreenId::Applicant);
}

// Found by the touch monkey: a deep link carrying a scroll position past its bounds kept it on
// screens without a scrolling page (the 创建标准 grid), breaking the Scroller's contract.
TEST(Reducer, OpenKeepsTheScrollWithinBounds) {
  Driver d(make_model(testing::fixture_bundle()));
  Route r = route_to(ScreenId::Standards);
  r.scroll.offset = 34298;
  r.scroll.velocity = 3;
  d.send(Open{r});
  EXPECT_EQ(d.screen(), ScreenId::Standards);
  EXPECT_EQ(d.state.route().scroll.offset, 0);
  EXPECT_EQ(d.state.route().scroll.velocity, 0);
}

TEST(Reducer, LongPressOnOfficeNameOpensDiagnostics) {
  Driver d(make_model(testing::fixture_bundle()));
  d.tap_at({300, 600});
  const Hotspot* admin = d.find("admin");
  ASSERT_NE(admin, nullptr);
  const Point p{admin->rect.x + 10, admin->rect.y + admin->rect.h / 2};
  d.tap_at(p);
  EXPECT_EQ(d.screen(), ScreenId::Home) << "a tap is not enough";
  d.send(d.pointer(InputEvent::Kind::PointerDown, p));
  EXPECT_EQ(*next_deadline(d.state), d.now() + kAdminHoldMs);
  d.run(4'000);
  EXPECT_EQ(d.screen(), ScreenId::Home);
  d.run(1'100);
  EXPECT_EQ(d.screen(), ScreenId::Diagnostics);
  d.send(d.pointer(InputEvent::Kind::PointerUp, p));
  EXPECT_EQ(d.screen(), ScreenId::Diagnostics);
  EXPECT_NE(testing::all_text(d.last).find("内容版本"), std::string::npos);
}

TEST(Reducer, DocumentIndexJumpsToSections) {
  Driver d(make_model(testing::fixture_bundle()));
  d.tap_at({300, 600});
  d.tap("go:document");
  std::string target;
  for (const auto& h : d.last.hotspots) {
    const auto* to = std::get_if<act::ScrollTo>(&h.action);
    if (to != nullptr && to->y != 0) target = to_string(h.action);
  }
  ASSERT_FALSE(target.empty());
  d.tap(target);
  EXPECT_GT(d.state.route().scroll.offset, 1000.0F);
  EXPECT_LE(d.state.route().scroll.offset, d.page_area()->max_offset);
}

TEST(Reducer, RouteNames) {
  const auto model = make_model(testing::fixture_bundle());
  const CivilDate day{2026, 11, 25};
  for (const char* name :
       {"attract", "home", "notices", "notices:committee_harmony", "applicant:cd-01",
        "applicant:demo-2026/sm-02", "standards", "standard:1", "standard:10", "hotlines", "steps",
        "document", "diagnostics"}) {
    EXPECT_TRUE(route_from_name(name, *model, day).has_value()) << name;
  }
  for (const char* name :
       {"", "bogus", "notices:nope", "applicant:zz", "standard:0", "standard:11", "home:1"}) {
    EXPECT_FALSE(route_from_name(name, *model, day).has_value()) << name;
  }
  // Ended notices stay reachable (marked 公示已结束); upcoming ones are not.
  EXPECT_TRUE(route_from_name("applicant:cd-01", *model, {2028, 1, 1}).has_value());
  EXPECT_FALSE(route_from_name("applicant:cd-01", *model, {2026, 1, 1}).has_value());
  EXPECT_EQ(route_from_name("notices:committee_model", *model, day)->category,
            content::Category::CommitteeModel);
}

TEST(Scroller, HardBoundsAndDeceleration) {
  Scroller s;
  s.set_max(1000);
  s.drag_by(-50);
  EXPECT_EQ(s.offset, 0);
  s.drag_by(2000);
  EXPECT_EQ(s.offset, 1000);
  s.jump_to(100);
  s.fling(2.0F);
  float prev_v = s.velocity;
  for (int i = 0; i < 100 && s.moving(); ++i) {
    s.step(16);
    EXPECT_LE(std::fabs(s.velocity), std::fabs(prev_v));
    prev_v = s.velocity;
  }
  EXPECT_FALSE(s.moving());
  // Distance is about v·τ whatever the frame rate.
  EXPECT_NEAR(s.offset, 100 + 2.0F * Scroller::kDecayMs, 40);
  Scroller t;
  t.set_max(1000);
  t.jump_to(100);
  t.fling(2.0F);
  while (t.moving()) t.step(33);
  EXPECT_NEAR(t.offset, s.offset, 5);
  s.set_max(50);
  EXPECT_EQ(s.offset, 50);
}

}  // namespace
}  // namespace kiosk::ui
