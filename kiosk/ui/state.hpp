// State of the kiosk's UI and the events that change it; reduce() (reducer.hpp) is the only
// way it changes. Plain values plus a shared pointer to the immutable content Model.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "content/model.hpp"
#include "core/civil_date.hpp"
#include "core/input.hpp"
#include "draw/display_list.hpp"
#include "draw/text_measurer.hpp"
#include "tz/office_time.hpp"
#include "ui/display_list.hpp"
#include "ui/model.hpp"
#include "ui/scroll.hpp"

namespace kiosk::ui {

// The drawing contract below ui and render (draw/): the views build these, the renderer draws them
// (ui::DisplayList, ui/display_list.hpp, adds the hotspots and scroll areas only the UI reads).
using draw::DrawCommand;
using draw::FillRect;
using draw::PopClip;
using draw::PushClip;
using draw::QrCode;
using draw::TextMeasurer;
using draw::TextRun;
using draw::TextStyle;

struct Size {
  float width = 1920, height = 1080;
  bool operator==(const Size&) const = default;
};

enum class ScreenId {
  Attract,      // 待机
  Home,         // 首页
  Notices,      // 公示名单
  Applicant,    // 申报详情
  Standards,    // 创建标准 (ten tiles)
  Standard,     // one standard
  Hotlines,     // 监督电话
  Steps,        // 创建步骤
  Document,     // 文件全文
  Diagnostics,  // 维护
  Dimmed,       // outside office hours: a dim clock with the current notice (screens_dimmed.cpp)
  Archive,      // 往期公示: the ended notices still readable (Model::archived_notices)
  NoticePage,   // 公示详情: one notice, current or archived: dates, corrections, result
};

// One entry of the navigation stack: which screen and what it shows.
struct Route {
  ScreenId screen = ScreenId::Home;
  std::string notice_id;                      // Notices, Applicant, NoticePage
  std::string applicant_id;                   // Applicant
  std::optional<content::Category> category;  // Notices: the selected category
  int standard = 1;                           // Standard: 1–10
  Scroller scroll;                            // the screen's one scrolling region ("page")
};

inline Route route_to(ScreenId id) {
  Route r;
  r.screen = id;
  return r;
}

// What the app knows about itself, shown on the 维护 screen and in the footer. All optional;
// the app fills what it has before rendering.
struct Diagnostics {
  std::string content_version = "内置默认内容";  // "版本 12" or the embedded default
  long long content_issued_unix = 0;             // 0: unknown
  long long content_expires_unix = 0;            // 0: never
  long long now_unix = 0;                        // wall clock, for the content's age
  bool offline = false;                          // last sync could not reach the server
  bool expired = false;                          // the content is past its expires_at
  std::string sync_state = "未配置同步";
  std::string last_sync_result;
  std::string last_error;
  std::string content_note;  // why the cache was not shown as it is (start-up), e.g. a fallback
  std::string server;        // shown with any user:password@ redacted (core/url.hpp)
  std::string config_error;  // the configuration's first problem when it did not load; "" when fine
  long long uptime_s = 0;
  double rss_mb = 0;
  double frame_p50_ms = 0, frame_p99_ms = 0, frame_last_ms = 0;
  std::string fonts;  // "Noto Sans CJK SC (NotoSansCJK-Regular.ttc #2)"
  bool operator==(const Diagnostics&) const = default;
};

// The administrator's way out, on the 维护 screen: a PIN pad and 退出 (screens_admin.cpp). Only
// shown when a PIN is configured (config admin.pin_hash or the legacy admin.pin_sha256).
struct AdminPin {
  // Whether the digits typed are the administrator's PIN. The app injects it (config/pin.hpp:
  // Argon2id, or the legacy SHA-256), so the UI never hashes; tests inject a fake. Empty: no PIN
  // configured: no PIN pad, no exit.
  std::function<bool(std::string_view pin)> verify;
  std::string entry;                 // the digits typed so far (at most kPinMaxDigits)
  int failures = 0;                  // wrong PINs since the last lockout (or start)
  int lockouts = 0;                  // how often kPinMaxTries wrong PINs locked the pad
  std::int64_t locked_until_ms = 0;  // monotonic; the pad refuses PINs before this
  std::string message;               // 密码错误 / 请稍后再试 / …, shown under the entry
  bool exit_requested = false;       // the right PIN and 退出: the app exits (kExitAdministrator)
};

// The pointer currently down, for tap / drag / swipe / long-press recognition.
struct Gesture {
  bool down = false;
  std::int64_t pointer_id = 0;
  Point start, last;
  std::int64_t start_ms = 0, last_ms = 0;
  bool dragging = false;       // moved past the tap threshold
  bool horizontal = false;     // the drag started mostly sideways (a swipe, not a scroll)
  bool consumed = false;       // a long press fired; the release does nothing
  std::optional<Act> hotspot;  // the action under the pointer when it went down
  bool over_scroll = false;
  struct Sample {
    Point p;
    std::int64_t t;
  };
  std::vector<Sample> samples;  // recent moves, for the release velocity
};

struct State {
  std::shared_ptr<const Model> model;
  std::vector<Route> stack{route_to(ScreenId::Attract)};  // never empty; back() is what is shown
  bool large_text = false;                                // 适老模式
  // Clock: monotonic ms (from Tick and input), the office's date and minute of the day.
  std::int64_t now_ms = 0;
  CivilDate today{2026, 1, 1};
  int minute_of_day = 0;
  // The office's zone (config timezone): times shown on 维护 and in the footer. today and
  // minute_of_day come from the app's tz::Clock in the same zone (DateChanged).
  tz::Zone zone;
  // Idle timeout back to 待机 (config idle_timeout_s).
  std::int64_t idle_timeout_ms = 90'000;
  std::int64_t last_input_ms = 0;
  // 待机 cycling: the page shown is attract_step modulo the number of pages (views decide).
  std::int64_t attract_step = 0;
  std::int64_t attract_page_since_ms = 0;
  Gesture gesture;
  // Hotspots and scroll bounds of the last frame drawn (FrameLaidOut).
  std::vector<Hotspot> hotspots;
  std::vector<ScrollArea> scroll_areas;
  Size size;  // of the last frame: scales the tap and swipe thresholds
  Diagnostics diagnostics;
  // Office hours as minutes of the day (config office_hours): open <= minute < close is open;
  // close < open spans midnight; open == close is always open (never dims; the default, so a
  // State dims only when the app sets hours). Outside them 待机 becomes Dimmed; a touch wakes
  // the kiosk for idle_timeout_ms, then it dims again.
  int open_minute = 0, close_minute = 0;
  AdminPin admin;

  [[nodiscard]] const Route& route() const { return stack.back(); }
  [[nodiscard]] Route& route() { return stack.back(); }
};

// Events. InputEvent comes from the platform layer (core/input.hpp).
struct Tick {
  std::int64_t now_ms = 0;
};
struct ContentChanged {
  std::shared_ptr<const Model> model;
};
struct DateChanged {  // the office's wall clock moved to another minute (or day)
  CivilDate today;
  int minute_of_day = 0;
};
struct FrameLaidOut {  // what the last render produced; the reducer keeps scroll bounds from it
  std::vector<Hotspot> hotspots;
  std::vector<ScrollArea> scroll_areas;
  Size size;
};
struct Action {  // a hotspot's action performed directly (keyboard, tests, --screenshot setup)
  Act action;
};
struct Open {  // jump to a route, as a deep link (--screenshot --screen NAME)
  Route route;
};
using Event =
    std::variant<InputEvent, Tick, ContentChanged, DateChanged, FrameLaidOut, Action, Open>;

}  // namespace kiosk::ui
