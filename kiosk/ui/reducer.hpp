// The UI reducer: (State, Event) -> State for every screen, plus when the loop must wake up.
//
// Touch contract (all distances scale with ui::layout_scale(min(width, height)) of the last
// frame, i.e. min(width, height) / 1080, at least 600 / 1080):
//  - a press that moves less than kTapSlopPx before release is a tap: the hotspot under the
//    release point acts if it is the one under the press point;
//  - a press that moves further is a drag: over a scroll area it scrolls 1:1 and on release
//    flings with the finger's velocity over the last kVelocityWindowMs (kinetic scrolling with
//    exponential deceleration and hard bounds, see scroll.hpp); a press on a moving list only
//    stops it;
//  - on a standard (创建标准 one item) a mostly sideways drag of at least kSwipeMinPx is a swipe:
//    right-to-left shows the next standard, left-to-right the previous (wrapping 10 -> 1);
//  - 维护 (diagnostics) opens after pressing the office name in the header for kAdminHoldMs
//    without moving (an administrator gesture a resident will not hit by chance);
//  - no input for State::idle_timeout_ms returns to 待机 and switches 适老模式 off for the next
//    visitor; any touch on 待机 opens 首页;
//  - outside office hours (State::open_minute/close_minute, see outside_office_hours) 待机 is
//    replaced by the dimmed clock (ScreenId::Dimmed): at closing time 待机 dims, a screen in use
//    dims after the idle timeout, a touch on the clock opens 首页 for the idle timeout, and at
//    opening time the clock becomes 待机 again;
//  - 维护 with a configured PIN (State::admin) has a PIN pad: act::Pin digits, Del, Clear and
//    Exit (ui/action.hpp). The right PIN (admin.verify, injected by the app) and
//    退出 set admin.exit_requested; a wrong
//    one says 密码错误, and kPinMaxTries wrong ones lock the pad for kPinLockoutMs (doubling with
//    each lockout). The digits typed are cleared whenever 维护 is left.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "ui/state.hpp"

namespace kiosk::ui {

inline constexpr float kTapSlopPx = 12.0F;
inline constexpr float kSwipeMinPx = 100.0F;
inline constexpr std::int64_t kVelocityWindowMs = 80;
inline constexpr std::int64_t kAdminHoldMs = 5000;
inline constexpr std::int64_t kAttractPageMs = 8000;
inline constexpr float kLargeTextFactor = 1.4F;
inline constexpr std::size_t kPinMaxDigits = 12;
inline constexpr int kPinMaxTries = 5;
inline constexpr std::int64_t kPinLockoutMs = 60'000;

// A state on 待机 at monotonic time now_ms, on `today` at `minute_of_day` (0..1439), returning
// to 待机 after idle_timeout_s without input (negative counts as 0).
[[nodiscard]] State initial_state(std::shared_ptr<const Model> model, std::int64_t now_ms,
                                  CivilDate today, int minute_of_day, int idle_timeout_s);

[[nodiscard]] State reduce(State state, const Event& event);

// True when State::minute_of_day is outside the office hours: open <= minute < close is open,
// close < open spans midnight, open == close is always open.
[[nodiscard]] bool outside_office_hours(const State& state);

// True while something moves by itself (a fling): the loop draws every frame and sends Ticks.
[[nodiscard]] bool animating(const State& state);

// What the views (views.hpp) draw a frame from; they read nothing else of State. The loop draws
// when the key differs from the last frame's (or while animating()), so whether to redraw is
// derived from the state, not remembered by every change that makes one.
struct ViewKey {
  const Model* model = nullptr;
  Size size;
  std::size_t depth = 0;  // of the navigation stack
  ScreenId screen = ScreenId::Home;
  std::string notice_id, applicant_id;
  std::optional<content::Category> category;
  int standard = 0;
  float scroll_offset = 0;
  bool large_text = false;
  CivilDate today;
  int minute_of_day = 0;
  std::int64_t attract_step = 0;
  // The footer's fields everywhere; all of them on 维护, with the PIN pad's entry, message and
  // the lockout's seconds left.
  Diagnostics diagnostics;
  bool pin_pad = false;
  std::string pin_entry, pin_message;
  std::int64_t pin_locked_s = 0;
  bool operator==(const ViewKey&) const = default;
};
[[nodiscard]] ViewKey view_key(const State& state);

// The monotonic time at which a Tick will change something (next 待机 page, idle timeout, the
// administrator's long press); nullopt when nothing is pending. The app also wakes at the next
// wall-clock minute to send DateChanged.
[[nodiscard]] std::optional<std::int64_t> next_deadline(const State& state);

// Parses a --screenshot / deep-link screen name (those of screen_names_help(), plus "dimmed";
// "notices:committee_demo", "standard:3", "applicant:ID" — the first notice current or archived
// on `today` holding that applicant id — or "applicant:NOTICE/ID", "archive" (往期公示),
// "notice:ID" (one notice's page, current or archived)) into a route; nullopt when the name is
// unknown or names nothing in the model. "notices" opens the first notice listed on `today`.
[[nodiscard]] std::optional<Route> route_from_name(std::string_view name, const Model& model,
                                                   CivilDate today);
// The valid names, for an error message.
[[nodiscard]] const char* screen_names_help();

}  // namespace kiosk::ui
