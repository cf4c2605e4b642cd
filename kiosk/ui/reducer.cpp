// The UI reducer: navigation, gestures, kinetic scrolling, idle timeout, 待机 cycling.
#include "ui/reducer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "content/parse.hpp"
#include "ui/font_roles.hpp"

namespace kiosk::ui {
namespace {

constexpr std::size_t kMaxStack = 16;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

float scale_of(const State& s) {
  const float m = std::min(s.size.width, s.size.height);
  return m > 0 ? ui::layout_scale(m) : 1.0F;
}

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// The category a notice's list opens on: the first with applicants.
std::optional<content::Category> first_category(const Model& m, std::size_t notice) {
  for (const auto c : content::kAllCategories) {
    if (!m.members(notice, c).empty()) return c;
  }
  return std::nullopt;
}

Route notices_route(const State& s, std::string notice_id = {}) {
  Route r = route_to(ScreenId::Notices);
  if (!s.model) return r;
  const auto listed = s.model->listed_notices(s.today);
  std::optional<std::size_t> index;
  if (!notice_id.empty()) index = s.model->notice_index(notice_id);
  if (!index || std::find(listed.begin(), listed.end(), *index) == listed.end()) {
    index = listed.empty() ? std::nullopt : std::optional<std::size_t>(listed.front());
  }
  if (index) {
    r.notice_id = s.model->notices()[*index].id;
    r.category = first_category(*s.model, *index);
  }
  return r;
}

void enter_attract(State& s) {
  s.stack.assign(1, route_to(ScreenId::Attract));
  s.attract_step = 0;
  s.attract_page_since_ms = s.now_ms;
  s.gesture = {};
}

void enter_dimmed(State& s) {
  s.stack.assign(1, route_to(ScreenId::Dimmed));
  s.gesture = {};
}

// 待机 and the dimmed clock are the two idle screens; a touch on either opens 首页.
bool idle_screen(const State& s) {
  return s.route().screen == ScreenId::Attract || s.route().screen == ScreenId::Dimmed;
}

// At opening and closing time: 待机 dims outside the hours, the dimmed clock becomes 待机 inside
// them. Any other screen is someone reading; it dims after the idle timeout (on_tick).
void apply_office_hours(State& s) {
  const bool closed = outside_office_hours(s);
  if (closed && s.route().screen == ScreenId::Attract) {
    enter_dimmed(s);
  } else if (!closed && s.route().screen == ScreenId::Dimmed) {
    enter_attract(s);
  }
}

// The 维护 screen's PIN pad.
void pin_key(State& s, const act::Pin& key) {
  AdminPin& a = s.admin;
  if (!a.verify || s.route().screen != ScreenId::Diagnostics || a.exit_requested) return;
  if (key.key == act::Pin::Key::Digit) {
    if (key.digit < '0' || key.digit > '9') return;
    if (a.entry.size() < kPinMaxDigits) a.entry.push_back(key.digit);
    a.message.clear();
  } else if (key.key == act::Pin::Key::Del) {
    if (!a.entry.empty()) a.entry.pop_back();
  } else if (key.key == act::Pin::Key::Clear) {
    a.entry.clear();
    a.message.clear();
  } else if (key.key == act::Pin::Key::Exit) {
    if (s.now_ms < a.locked_until_ms) {
      a.entry.clear();
      a.message = "尝试次数过多,请稍后再试";
      return;
    }
    if (a.entry.empty()) {
      a.message = "请先输入管理员密码";
      return;
    }
    const bool right = a.verify(a.entry);
    a.entry.clear();
    if (right) {
      a.failures = 0;
      a.message = "密码正确,正在退出";
      a.exit_requested = true;
      return;
    }
    a.message = "密码错误";
    if (++a.failures >= kPinMaxTries) {
      // Five wrong PINs lock the pad for a minute, doubling with every further lockout (at most
      // 64 minutes): a 6-digit PIN then takes years to guess.
      a.locked_until_ms = s.now_ms + (kPinLockoutMs << std::min(a.lockouts, 6));
      ++a.lockouts;
      a.failures = 0;
    }
  }
}

void push(State& s, Route r) {
  if (idle_screen(s)) s.stack.assign(1, route_to(ScreenId::Home));
  if (s.stack.size() >= kMaxStack) s.stack.erase(s.stack.begin() + 1);
  s.stack.push_back(std::move(r));
}

int standard_count(const State& s) {
  return s.model ? std::max<int>(1, static_cast<int>(s.model->document().standards.size())) : 10;
}

// Drops routes that name content the model no longer has (or that may no longer be shown),
// keeping everything below them; a Notices route moves to the first listed notice instead.
void validate_routes(State& s) {
  if (!s.model) return;
  const auto listed = s.model->listed_notices(s.today);
  auto is_listed = [&](const std::string& id) {
    const auto index = s.model->notice_index(id);
    return index && std::find(listed.begin(), listed.end(), *index) != listed.end();
  };
  for (std::size_t i = 0; i < s.stack.size(); ++i) {
    Route& r = s.stack[i];
    bool keep = true;
    switch (r.screen) {
      case ScreenId::Notices:
        if (!r.notice_id.empty() ? !is_listed(r.notice_id) : !listed.empty()) {
          const Scroller kept = r.scroll;
          r = notices_route(s);
          r.scroll = kept;
        }
        break;
      case ScreenId::NoticePage: {
        const auto index = s.model->notice_index(r.notice_id);
        keep = index && s.model->readable(*index, s.today);
        break;
      }
      case ScreenId::Applicant: {
        const auto index = s.model->notice_index(r.notice_id);
        keep = index && s.model->readable(*index, s.today);
        if (keep) {
          const auto& n = s.model->notices()[*s.model->notice_index(r.notice_id)];
          keep = n.applicant(r.applicant_id) != nullptr;
        }
        break;
      }
      case ScreenId::Standard:
        r.standard = std::clamp(r.standard, 1, standard_count(s));
        break;
      default:
        break;
    }
    if (!keep) {
      s.stack.resize(i);
      break;
    }
  }
  if (s.stack.empty()) s.stack.push_back(route_to(ScreenId::Home));
}

void set_large_text(State& s, bool on) {
  if (s.large_text == on) return;
  s.large_text = on;
  // Text grows (or shrinks) by the factor; scale scroll positions so the same place stays in
  // view. The next frame's bounds clamp whatever no longer fits.
  const float f = on ? kLargeTextFactor : 1.0F / kLargeTextFactor;
  for (auto& r : s.stack) {
    r.scroll.velocity = 0;
    r.scroll.max_offset *= f;
    r.scroll.offset *= f;
  }
}

// True when this notice may be read today (current or under 往期公示, Model::readable) and it
// holds this applicant: what an Applicant route may show (validate_routes drops any other).
bool listed_applicant(const State& s, const std::string& notice_id,
                      const std::string& applicant_id) {
  if (!s.model) return false;
  const auto index = s.model->notice_index(notice_id);
  if (!index) return false;
  return s.model->readable(*index, s.today) &&
         s.model->notices()[*index].applicant(applicant_id) != nullptr;
}

bool readable_notice(const State& s, const std::string& notice_id) {
  if (!s.model) return false;
  const auto index = s.model->notice_index(notice_id);
  return index && s.model->readable(*index, s.today);
}

Route place_route(const State& s, act::Place place) {
  switch (place) {
    case act::Place::Notices:
      return notices_route(s);
    case act::Place::Standards:
      return route_to(ScreenId::Standards);
    case act::Place::Hotlines:
      return route_to(ScreenId::Hotlines);
    case act::Place::Steps:
      return route_to(ScreenId::Steps);
    case act::Place::Document:
      return route_to(ScreenId::Document);
    case act::Place::Diagnostics:
      return route_to(ScreenId::Diagnostics);
    case act::Place::Archive:
      return route_to(ScreenId::Archive);
  }
  return route_to(ScreenId::Home);
}

void perform(State& s, const Act& action) {
  Route& r = s.route();
  std::visit(Overloaded{
                 [&](const act::Back&) {
                   if (s.stack.size() > 1) {
                     s.stack.pop_back();
                   } else if (r.screen == ScreenId::Home) {
                     enter_attract(s);
                   } else {
                     s.stack.assign(1, route_to(ScreenId::Home));
                   }
                 },
                 [&](const act::Home&) { s.stack.assign(1, route_to(ScreenId::Home)); },
                 [&](const act::LargeText&) { set_large_text(s, !s.large_text); },
                 [&](const act::Admin&) {},  // only held (on_tick), never tapped
                 [&](const act::Go& g) { push(s, place_route(s, g.place)); },
                 [&](const act::Notice& n) {
                   if (r.screen == ScreenId::Notices) {
                     r = notices_route(s, n.id);
                   } else {
                     push(s, notices_route(s, n.id));
                   }
                 },
                 [&](const act::NoticePage& n) {
                   if (!readable_notice(s, n.id)) return;
                   Route to = route_to(ScreenId::NoticePage);
                   to.notice_id = n.id;
                   push(s, std::move(to));
                 },
                 [&](const act::Category& c) {
                   if (r.screen == ScreenId::Notices && r.category != c.category) {
                     r.category = c.category;
                     r.scroll = {};
                   }
                 },
                 [&](const act::Applicant& a) {
                   // Only what the lists show (an Action may name anything; the monkey found it
                   // pushing routes to unknown or not yet published applicants).
                   if (!listed_applicant(s, a.notice_id, a.applicant_id)) return;
                   Route to = route_to(ScreenId::Applicant);
                   to.notice_id = a.notice_id;
                   to.applicant_id = a.applicant_id;
                   push(s, std::move(to));
                 },
                 [&](const act::Standard& n) {
                   Route st = route_to(ScreenId::Standard);
                   st.standard = std::clamp(n.number, 1, standard_count(s));
                   push(s, std::move(st));
                 },
                 [&](const act::StandardStep& step) {
                   if (r.screen != ScreenId::Standard || step.by == 0) return;
                   const int count = standard_count(s);
                   r.standard = (r.standard - 1 + (step.by > 0 ? 1 : count - 1)) % count + 1;
                   r.scroll = {};
                 },
                 [&](const act::ScrollTo& to) { r.scroll.jump_to(static_cast<float>(to.y)); },
                 [&](const act::Pin& p) { pin_key(s, p); },
             },
             action);
}

// The pointer went down on the office name (the 维护 long press).
bool held_admin(const Gesture& g) {
  return g.hotspot && std::holds_alternative<act::Admin>(*g.hotspot);
}

const Hotspot* hotspot_at(const State& s, Point p) {
  // Later hotspots lie on top of earlier ones.
  for (auto it = s.hotspots.rbegin(); it != s.hotspots.rend(); ++it) {
    if (it->rect.contains(p)) return &*it;
  }
  return nullptr;
}

bool over_scroll_area(const State& s, Point p) {
  return std::any_of(s.scroll_areas.begin(), s.scroll_areas.end(), [&](const ScrollArea& a) {
    return a.viewport.contains(p) && a.max_offset > 0;
  });
}

float release_velocity(const Gesture& g, std::int64_t up_ms) {
  // Finger velocity over the last kVelocityWindowMs; zero when it had come to rest.
  if (g.samples.size() < 2) return 0;
  const auto& last = g.samples.back();
  if (up_ms - last.t > 60) return 0;
  const Gesture::Sample* first = &g.samples.front();
  for (const auto& sample : g.samples) {
    if (last.t - sample.t <= kVelocityWindowMs) {
      first = &sample;
      break;
    }
  }
  const auto dt = last.t - first->t;
  if (dt <= 0) return 0;
  return -(last.p.y - first->p.y) / static_cast<float>(dt);
}

void on_input(State& s, const InputEvent& e) {
  s.now_ms = std::max(s.now_ms, e.time_ms);
  s.last_input_ms = e.time_ms;
  const float scale = scale_of(s);
  Gesture& g = s.gesture;
  Route& r = s.route();
  switch (e.kind) {
    case InputEvent::Kind::PointerDown: {
      if (g.down) return;  // a second finger: ignored
      g = {};
      g.down = true;
      g.pointer_id = e.pointer_id;
      g.start = g.last = e.position;
      g.start_ms = g.last_ms = e.time_ms;
      g.samples.push_back({e.position, e.time_ms});
      if (const Hotspot* h = hotspot_at(s, e.position)) g.hotspot = h->action;
      g.over_scroll = over_scroll_area(s, e.position);
      if (r.scroll.moving()) {
        r.scroll.velocity = 0;  // a touch on a moving list stops it and does nothing else
        g.consumed = true;
      }
      return;
    }
    case InputEvent::Kind::PointerMove: {
      if (!g.down || e.pointer_id != g.pointer_id) return;
      const float dx = e.position.x - g.start.x, dy = e.position.y - g.start.y;
      if (!g.dragging && std::hypot(dx, dy) > kTapSlopPx * scale) {
        g.dragging = true;
        g.horizontal = std::fabs(dx) > std::fabs(dy);
      }
      if (g.dragging && !g.horizontal && g.over_scroll) {
        r.scroll.drag_by(-(e.position.y - g.last.y));
      }
      g.last = e.position;
      g.last_ms = e.time_ms;
      g.samples.push_back({e.position, e.time_ms});
      while (g.samples.size() > 2 && e.time_ms - g.samples.front().t > 2 * kVelocityWindowMs) {
        g.samples.erase(g.samples.begin());
      }
      return;
    }
    case InputEvent::Kind::PointerUp: {
      if (!g.down || e.pointer_id != g.pointer_id) return;
      Gesture done = std::move(g);
      g = {};
      if (idle_screen(s)) {  // 待机 or the dimmed clock: wake to 首页
        s.stack.assign(1, route_to(ScreenId::Home));
        return;
      }
      const float dx = e.position.x - done.start.x, dy = e.position.y - done.start.y;
      if (!done.dragging && std::hypot(dx, dy) > kTapSlopPx * scale) done.dragging = true;
      if (!done.dragging) {
        if (done.consumed) return;
        const Hotspot* h = hotspot_at(s, e.position);
        if (h && done.hotspot && h->action == *done.hotspot &&
            !std::holds_alternative<act::Admin>(h->action)) {
          perform(s, h->action);
        }
        return;
      }
      if (r.screen == ScreenId::Standard && std::fabs(dx) >= kSwipeMinPx * scale &&
          std::fabs(dx) > 1.5F * std::fabs(dy)) {
        perform(s, act::StandardStep{dx < 0 ? 1 : -1});
        return;
      }
      if (done.over_scroll && !done.horizontal) {
        done.samples.push_back({e.position, e.time_ms});
        r.scroll.fling(release_velocity(done, e.time_ms));
      }
      return;
    }
    case InputEvent::Kind::Wheel:
      if (idle_screen(s)) {
        s.stack.assign(1, route_to(ScreenId::Home));
      } else {
        r.scroll.drag_by(e.delta.y);
      }
      return;
    case InputEvent::Kind::Back:
      if (idle_screen(s)) {
        s.stack.assign(1, route_to(ScreenId::Home));
      } else {
        perform(s, act::Back{});
      }
      return;
  }
}

void on_tick(State& s, std::int64_t now) {
  const std::int64_t dt = now - s.now_ms;
  s.now_ms = std::max(s.now_ms, now);
  Route& r = s.route();
  if (r.scroll.moving()) {
    r.scroll.step(dt);
  }
  Gesture& g = s.gesture;
  if (g.down && !g.dragging && !g.consumed && held_admin(g) &&
      s.now_ms - g.start_ms >= kAdminHoldMs) {
    g.consumed = true;
    if (s.route().screen != ScreenId::Diagnostics) push(s, route_to(ScreenId::Diagnostics));
    return;
  }
  if (s.route().screen == ScreenId::Attract) {
    if (s.now_ms - s.attract_page_since_ms >= kAttractPageMs) {
      ++s.attract_step;
      s.attract_page_since_ms = s.now_ms;
    }
  } else if (s.route().screen != ScreenId::Dimmed && !g.down && s.idle_timeout_ms > 0 &&
             s.now_ms - s.last_input_ms >= s.idle_timeout_ms) {
    // Back to 待机 for the next visitor, or to the dimmed clock outside office hours.
    if (outside_office_hours(s)) {
      enter_dimmed(s);
    } else {
      enter_attract(s);
    }
    set_large_text(s, false);
  }
  apply_office_hours(s);
}

}  // namespace

State initial_state(std::shared_ptr<const Model> model, std::int64_t now_ms, CivilDate today,
                    int minute_of_day, int idle_timeout_s) {
  State s;
  s.model = std::move(model);
  s.now_ms = now_ms;
  s.last_input_ms = now_ms;
  s.attract_page_since_ms = now_ms;
  s.today = today;
  s.minute_of_day = minute_of_day;
  s.idle_timeout_ms = static_cast<std::int64_t>(std::max(0, idle_timeout_s)) * 1000;
  return s;
}

State reduce(State s, const Event& event) {
  std::visit(Overloaded{
                 [&](const InputEvent& e) { on_input(s, e); },
                 [&](const Tick& t) { on_tick(s, t.now_ms); },
                 [&](const ContentChanged& c) {
                   if (!c.model) return;
                   s.model = c.model;
                   validate_routes(s);
                 },
                 [&](const DateChanged& d) {
                   const bool new_day = d.today != s.today;
                   s.today = d.today;
                   s.minute_of_day = d.minute_of_day;
                   if (new_day) validate_routes(s);
                   apply_office_hours(s);
                 },
                 [&](const FrameLaidOut& f) {
                   s.hotspots = f.hotspots;
                   s.scroll_areas = f.scroll_areas;
                   s.size = f.size;
                   for (const auto& a : f.scroll_areas) {
                     if (a.id == "page") s.route().scroll.set_max(a.max_offset);
                   }
                 },
                 [&](const Action& a) {
                   if (idle_screen(s) && a.action != Act{act::Go{act::Place::Diagnostics}}) {
                     s.stack.assign(1, route_to(ScreenId::Home));
                   }
                   s.last_input_ms = s.now_ms;
                   perform(s, a.action);
                 },
                 [&](const Open& o) {
                   s.last_input_ms = s.now_ms;
                   if (o.route.screen == ScreenId::Attract) {
                     enter_attract(s);
                   } else if (o.route.screen == ScreenId::Dimmed) {
                     enter_dimmed(s);
                   } else if (o.route.screen == ScreenId::Home) {
                     s.stack.assign(1, route_to(ScreenId::Home));
                   } else {
                     s.stack.assign(1, route_to(ScreenId::Home));
                     s.stack.push_back(o.route);
                     // A deep link's scroll keeps the Scroller's contract until a frame sets the
                     // real bounds (the monkey opened routes with offsets past their max_offset).
                     Scroller& sc = s.stack.back().scroll;
                     sc.velocity = 0;
                     sc.set_max(sc.max_offset);
                   }
                   validate_routes(s);
                 },
             },
             event);
  // The PIN typed so far never outlives the 维护 screen.
  if (s.route().screen != ScreenId::Diagnostics &&
      (!s.admin.entry.empty() || !s.admin.message.empty())) {
    s.admin.entry.clear();
    s.admin.message.clear();
  }
  return s;
}

bool outside_office_hours(const State& s) {
  const int open = s.open_minute, close = s.close_minute, m = s.minute_of_day;
  if (open == close) return false;
  if (open < close) return m < open || m >= close;
  return m >= close && m < open;  // overnight hours, e.g. 20:00-06:00
}

ViewKey view_key(const State& s) {
  ViewKey k;
  const Route& r = s.route();
  k.model = s.model.get();
  k.size = s.size;
  k.depth = s.stack.size();
  k.screen = r.screen;
  k.notice_id = r.notice_id;
  k.applicant_id = r.applicant_id;
  k.category = r.category;
  k.standard = r.standard;
  k.scroll_offset = r.scroll.offset;
  k.large_text = s.large_text;
  k.today = s.today;
  k.minute_of_day = s.minute_of_day;
  k.attract_step = s.attract_step;
  if (r.screen == ScreenId::Diagnostics) {
    k.diagnostics = s.diagnostics;
    k.pin_pad = static_cast<bool>(s.admin.verify);
    k.pin_entry = s.admin.entry;
    k.pin_message = s.admin.message;
    if (s.now_ms < s.admin.locked_until_ms)
      k.pin_locked_s = (s.admin.locked_until_ms - s.now_ms + 999) / 1000;
  } else {
    k.diagnostics.content_version = s.diagnostics.content_version;
    k.diagnostics.content_issued_unix = s.diagnostics.content_issued_unix;
    k.diagnostics.offline = s.diagnostics.offline;
    k.diagnostics.expired = s.diagnostics.expired;
  }
  return k;
}

bool animating(const State& s) { return s.route().scroll.moving(); }

std::optional<std::int64_t> next_deadline(const State& s) {
  std::optional<std::int64_t> best;
  auto consider = [&](std::int64_t t) {
    if (!best || t < *best) best = t;
  };
  if (animating(s)) consider(s.now_ms);
  if (s.route().screen == ScreenId::Attract) {
    consider(s.attract_page_since_ms + kAttractPageMs);
  } else if (s.route().screen != ScreenId::Dimmed && s.idle_timeout_ms > 0) {
    consider(s.last_input_ms + s.idle_timeout_ms);
  }
  if (s.gesture.down && !s.gesture.dragging && !s.gesture.consumed && held_admin(s.gesture)) {
    consider(s.gesture.start_ms + kAdminHoldMs);
  }
  return best;
}

std::optional<Route> route_from_name(std::string_view name, const Model& model, CivilDate today) {
  const auto colon = name.find(':');
  const std::string_view head = name.substr(0, colon);
  const std::string_view arg =
      colon == std::string_view::npos ? std::string_view{} : name.substr(colon + 1);
  const bool has_arg = colon != std::string_view::npos;
  auto simple = [&](ScreenId id) -> std::optional<Route> {
    if (has_arg) return std::nullopt;
    return route_to(id);
  };
  if (head == "attract") return simple(ScreenId::Attract);
  if (head == "home") return simple(ScreenId::Home);
  if (head == "standards") return simple(ScreenId::Standards);
  if (head == "hotlines") return simple(ScreenId::Hotlines);
  if (head == "steps") return simple(ScreenId::Steps);
  if (head == "document") return simple(ScreenId::Document);
  if (head == "diagnostics") return simple(ScreenId::Diagnostics);
  if (head == "dimmed") return simple(ScreenId::Dimmed);
  if (head == "archive") return simple(ScreenId::Archive);
  if (head == "notice" && !arg.empty()) {
    // Any notice of the model; on a date it may not be read (upcoming, or gone from 往期公示)
    // the kiosk falls back to 首页 (validate_routes), as for an applicant.
    if (!model.notice_index(arg)) return std::nullopt;
    Route r = route_to(ScreenId::NoticePage);
    r.notice_id = std::string(arg);
    return r;
  }
  State probe;
  probe.model = std::shared_ptr<const Model>(&model, [](const Model*) {});
  probe.today = today;
  if (head == "notices") {
    Route r = notices_route(probe);
    if (!has_arg) return r;
    const auto c = content::category_from_code(arg);
    if (!c) return std::nullopt;
    r.category = c;
    return r;
  }
  if (head == "standard") {
    const auto n = parse_int(arg);
    if (!n || *n < 1 || *n > static_cast<int>(model.document().standards.size()))
      return std::nullopt;
    Route r = route_to(ScreenId::Standard);
    r.standard = *n;
    return r;
  }
  if (head == "applicant" && !arg.empty()) {
    Route r = route_to(ScreenId::Applicant);
    const auto slash = arg.find('/');
    if (slash != std::string_view::npos) {
      r.notice_id = std::string(arg.substr(0, slash));
      r.applicant_id = std::string(arg.substr(slash + 1));
      const auto index = model.notice_index(r.notice_id);
      if (!index || !model.notices()[*index].applicant(r.applicant_id)) return std::nullopt;
      return r;
    }
    std::vector<std::size_t> readable = model.listed_notices(today);
    const auto archived = model.archived_notices(today);
    readable.insert(readable.end(), archived.begin(), archived.end());
    for (const std::size_t i : readable) {
      if (model.notices()[i].applicant(arg)) {
        r.notice_id = model.notices()[i].id;
        r.applicant_id = std::string(arg);
        return r;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

const char* screen_names_help() {
  return "attract, home, notices, notices:CATEGORY (street_demo, street_model, committee_demo, "
         "committee_model, committee_harmony), applicant:ID, standards, standard:N (1-10), "
         "hotlines, steps, document, diagnostics, dimmed, archive, notice:ID";
}

}  // namespace kiosk::ui
