// The 维护 screen's PIN pad: absent without a configured PIN; keys of at least 80 px that do not
// overlap; digits shown as dots; 密码错误 on a wrong PIN; a lockout after 5 wrong ones, doubling;
// the right PIN and 退出 request the exit; what was typed never outlives the screen.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string_view>

#include "content/parse.hpp"
#include "harness.hpp"
#include "text/layout.hpp"
#include "ui/font_roles.hpp"

namespace kiosk::ui {
namespace {

using testing::Driver;
using testing::make_model;

constexpr const char* kPin = "246810";

// A stand-in for the app's Argon2id check (config/pin.hpp): the UI only asks, it never hashes.
bool is_test_pin(std::string_view pin) { return pin == kPin; }

// Configures the PIN (unless with_pin is false) and opens 维护.
void maintenance(Driver& d, bool large = false, bool with_pin = true) {
  if (with_pin) d.state.admin.verify = is_test_pin;
  d.state.large_text = large;
  d.send(Open{route_to(ScreenId::Diagnostics)});
}

void type(Driver& d, const std::string& digits, bool exit = true) {
  for (const char c : digits) d.tap(std::string("pin:") + c);
  if (exit) d.tap("pin:exit");
}

TEST(PinPad, AbsentWithoutAConfiguredPin) {
  Driver d(make_model(testing::fixture_bundle()));
  maintenance(d, false, false);
  EXPECT_EQ(d.find("pin:exit"), nullptr);
  EXPECT_FALSE(d.has_prefix("pin:"));
  d.send(Action{act::Pin{act::Pin::Key::Exit}});
  EXPECT_FALSE(d.state.admin.exit_requested);
}

// Issue 11 item 16: the PIN is checked by what the app injects (Argon2id there), not by a hash
// inside the UI; the rate limit around it stays the UI's.
TEST(PinPad, TheInjectedVerifierDecidesAndTheLockoutStillHolds) {
  Driver d(make_model(testing::fixture_bundle()));
  auto asked = std::make_shared<std::vector<std::string>>();
  d.state.admin.verify = [asked](std::string_view pin) {
    asked->emplace_back(pin);
    return pin == "0000";
  };
  d.send(Open{route_to(ScreenId::Diagnostics)});
  ASSERT_NE(d.find("pin:exit"), nullptr) << "a verifier means a PIN is configured";
  type(d, "1234");
  EXPECT_EQ(*asked, std::vector<std::string>{"1234"});
  EXPECT_FALSE(d.state.admin.exit_requested);
  for (int i = 1; i < kPinMaxTries; ++i) type(d, "1234");
  EXPECT_EQ(d.state.admin.lockouts, 1);
  EXPECT_EQ(asked->size(), static_cast<std::size_t>(kPinMaxTries));
  type(d, "0000");
  EXPECT_EQ(asked->size(), static_cast<std::size_t>(kPinMaxTries)) << "a locked pad asks nothing";
  EXPECT_FALSE(d.state.admin.exit_requested);
  d.advance(kPinLockoutMs);
  d.send(Tick{d.now()});
  d.send(Open{route_to(ScreenId::Diagnostics)});
  type(d, "0000");
  EXPECT_EQ(asked->back(), "0000");
  EXPECT_TRUE(d.state.admin.exit_requested) << "whatever the verifier accepts is the PIN";
}

TEST(PinPad, KeysAreLargeInsideTheScreenAndDoNotOverlap) {
  for (const Size size :
       {Size{1920, 1080}, Size{1080, 1920}, Size{1280, 800}, Size{1366, 768}, Size{800, 600}}) {
    // 80 px on a 1080 px panel, the same physical size on a smaller one.
    const float min_key = 80.0F * ui::layout_scale(std::min(size.width, size.height));
    for (const bool large : {false, true}) {
      Driver d(make_model(testing::fixture_bundle()), size);
      maintenance(d, large);
      std::vector<Hotspot> keys;
      for (const auto& h : d.last.hotspots) {
        if (std::holds_alternative<act::Pin>(h.action)) keys.push_back(h);
      }
      ASSERT_EQ(keys.size(), 13u) << size.width << "x" << size.height;
      for (std::size_t i = 0; i < keys.size(); ++i) {
        const Rect& r = keys[i].rect;
        EXPECT_GE(r.w, min_key) << keys[i].action;
        EXPECT_GE(r.h, min_key) << keys[i].action << " at " << size.width << "x" << size.height
                                << (large ? " large" : "");
        EXPECT_GE(r.x, 0.0F);
        EXPECT_GE(r.y, 0.0F);
        EXPECT_LE(r.right(), size.width);
        EXPECT_LE(r.bottom(), size.height);
        for (std::size_t j = i + 1; j < keys.size(); ++j) {
          const Rect& o = keys[j].rect;
          const bool apart =
              r.right() <= o.x || o.right() <= r.x || r.bottom() <= o.y || o.bottom() <= r.y;
          EXPECT_TRUE(apart) << keys[i].action << " overlaps " << keys[j].action;
        }
      }
    }
  }
}

TEST(PinPad, DigitsShowAsDotsDeleteAndClear) {
  Driver d(make_model(testing::fixture_bundle()));
  maintenance(d);
  type(d, "135", false);
  EXPECT_EQ(d.state.admin.entry, "135");
  EXPECT_NE(testing::all_text(d.last).find("●●●"), std::string::npos);
  EXPECT_EQ(testing::all_text(d.last).find("135"), std::string::npos) << "the PIN is never drawn";
  d.tap("pin:del");
  EXPECT_EQ(d.state.admin.entry, "13");
  d.tap("pin:clear");
  EXPECT_EQ(d.state.admin.entry, "");
  type(d, std::string(20, '7'), false);
  EXPECT_EQ(d.state.admin.entry.size(), kPinMaxDigits);
}

TEST(PinPad, AWrongPinSaysSoAndTheRightOneRequestsTheExit) {
  Driver d(make_model(testing::fixture_bundle()));
  maintenance(d);
  d.tap("pin:exit");
  EXPECT_FALSE(d.state.admin.exit_requested) << "nothing typed";
  type(d, "1234");
  EXPECT_FALSE(d.state.admin.exit_requested);
  EXPECT_EQ(d.state.admin.entry, "");
  EXPECT_EQ(d.state.admin.failures, 1);
  EXPECT_NE(testing::all_text(d.last).find("密码错误"), std::string::npos);
  type(d, kPin);
  EXPECT_TRUE(d.state.admin.exit_requested);
  EXPECT_EQ(d.screen(), ScreenId::Diagnostics);
}

TEST(PinPad, FiveWrongPinsLockThePadForAMinuteThenTwo) {
  Driver d(make_model(testing::fixture_bundle()));
  maintenance(d);
  for (int i = 0; i < kPinMaxTries; ++i) type(d, "0000");
  EXPECT_EQ(d.state.admin.lockouts, 1);
  EXPECT_EQ(d.state.admin.locked_until_ms, d.now() + kPinLockoutMs);
  EXPECT_NE(testing::all_text(d.last).find("错误次数过多,请 60 秒后再试"), std::string::npos)
      << testing::all_text(d.last);
  type(d, kPin);
  EXPECT_FALSE(d.state.admin.exit_requested) << "the right PIN is refused while locked";
  d.advance(kPinLockoutMs);
  d.send(Tick{d.now()});
  for (int i = 0; i < kPinMaxTries; ++i) type(d, "0000");
  EXPECT_EQ(d.state.admin.lockouts, 2);
  EXPECT_EQ(d.state.admin.locked_until_ms, d.now() + 2 * kPinLockoutMs)
      << "the second lockout is twice as long";
  d.advance(2 * kPinLockoutMs);
  d.send(Tick{d.now()});
  EXPECT_EQ(d.screen(), ScreenId::Attract) << "the idle timeout left 维护 meanwhile";
  d.send(Open{route_to(ScreenId::Diagnostics)});
  type(d, kPin);
  EXPECT_TRUE(d.state.admin.exit_requested);
}

TEST(PinPad, LeavingMaintenanceForgetsTheDigitsButNotTheFailures) {
  Driver d(make_model(testing::fixture_bundle()));
  maintenance(d);
  type(d, "9999");
  type(d, "12", false);
  d.tap("back");
  EXPECT_NE(d.screen(), ScreenId::Diagnostics);
  EXPECT_EQ(d.state.admin.entry, "");
  EXPECT_EQ(d.state.admin.message, "");
  EXPECT_EQ(d.state.admin.failures, 1) << "leaving does not reset the count towards a lockout";
  d.send(Action{act::Pin{act::Pin::Key::Digit, '5'}});
  EXPECT_EQ(d.state.admin.entry, "") << "the pad only works on 维护";
}

// Found by the touch monkey: twelve dots at the title size ran past the pad's right edge (and off
// a 1920×1080 screen); the entry is cut to its box.
TEST(PinPad, TwelveDigitsStayInsideTheEntry) {
  for (const Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
    Driver d(make_model(testing::fixture_bundle()), size);
    maintenance(d);
    type(d, std::string(kPinMaxDigits, '7'), false);
    const Hotspot* exit = d.find("pin:exit");
    ASSERT_NE(exit, nullptr);
    bool dots = false;
    for (const auto& cmd : d.last.commands) {
      const auto* t = std::get_if<TextRun>(&cmd);
      if (t == nullptr || t->text.find("●") == std::string::npos) continue;
      dots = true;
      testing::FakeMetrics m(t->style.size_px);
      const float w = text::measure_width(t->text, m);
      EXPECT_LE(t->origin.x + w, exit->rect.right())
          << size.width << "x" << size.height << ": " << t->text;
    }
    EXPECT_TRUE(dots);
  }
}

}  // namespace
}  // namespace kiosk::ui
