// Touch monkey: 1,000,000 seeded random events through the UI reducer, laid out by the views with
// the real fonts and drawn offscreen by the real renderer, checking the state after every event.
//
// Events: taps (on the last frame's hotspots and anywhere), drags, flings, sideways swipes, long
// presses, two- and three-finger touches with interleaved pointer ids, the mouse (hover, buttons,
// wheel), stray ups and moves, Back, keyboard Actions and deep-link Opens (valid and garbage),
// content swaps between four bundles (the default; 2,000 applicants in three notices; no current
// notice; hostile but valid text: 10,000-character fields, long unbroken strings, emoji, ZWJ
// sequences, flags, astral characters, combining marks, RTL), clock jumps (midnight, a notice
// window opening and closing, office hours starting and ending, the date going back a day, big
// jumps forward, idle timeouts), window size changes, and the administrator's PIN pad.
// Like the app's loop, a frame is laid out (Views::render → FrameLaidOut) whenever what the views
// show changed (ui::view_key) or something moves.
//
// Checked after every event: the navigation stack is valid (never empty, at most 16 routes, idle
// screens alone, every route names content the model lists for today), every scroll position lies
// within its bounds and is finite, gestures and the PIN entry stay bounded. Every kRenderEvery-th
// event and after every content swap the frame is drawn offscreen and checked with
// tests/ui/layout_check.hpp, measured with the real fonts: text inside the screen and its clip, no
// two lines overlapping, nothing drawn over a line; the renderer's texture cache and the glyph
// cache must stay within their caps; RSS is sampled. Memory bound: after warm-up (the first fifth
// of the events), RSS stays ≤ the warm-up peak + 30 MiB + the room the two bounded caches still had
// at the end of warm-up + the room a larger window than any seen in warm-up takes (its frame
// surfaces: size changes are rare, ~20 a million events, so a run may meet 2560×1440 only after
// warm-up; one such run exceeded the bound by 0.1 MiB).
//
// Seeded and reproducible: the seed is printed; KIOSK_MONKEY_SEED=N replays a run (default: a
// random seed). KIOSK_MONKEY_EVENTS=N changes the count (default 1,000,000; 50,000 under
// AddressSanitizer, about 25× slower per event in CI's Debug build, and whose quarantine of freed
// memory makes RSS meaningless: the bound is not applied there, LeakSanitizer judges leaks).
// KIOSK_MONKEY_SIZES="1920x1080,1366x768" picks the window sizes.
#include <gtest/gtest.h>
#include <malloc.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../ui/layout_check.hpp"
#include "app/runtime.hpp"
#include "config/config.hpp"
#include "content/parse.hpp"
#include "core/utf8.hpp"
#include "frame_loop.hpp"
#include "render/font_library.hpp"
#include "render/offscreen.hpp"
#include "render/text_measurer.hpp"
#include "ui/reducer.hpp"
#include "ui/views.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_MONKEY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_MONKEY_ASAN 1
#endif
#endif
#ifndef KIOSK_MONKEY_ASAN
#define KIOSK_MONKEY_ASAN 0
#endif

namespace kiosk::ui {
namespace {

using Json = nlohmann::ordered_json;

constexpr long kRenderEvery = 500;
constexpr std::size_t kMaxStackDepth = 16;  // reducer.cpp's kMaxStack
constexpr double kGrowthMiB = 30;

// ---- configuration from the environment ---------------------------------------------------

std::uint64_t monkey_seed() {
  if (const char* env = std::getenv("KIOSK_MONKEY_SEED"); env && *env)
    return std::strtoull(env, nullptr, 10);
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

long monkey_events() {
  if (const char* env = std::getenv("KIOSK_MONKEY_EVENTS"); env && *env)
    return std::max(1000L, std::atol(env));
  return KIOSK_MONKEY_ASAN ? 50'000 : 1'000'000;
}

double rss_mib() {
  std::ifstream in("/proc/self/statm");
  long long size = 0, resident = 0;
  in >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// ---- hostile text ---------------------------------------------------------------------------

std::string utf8(char32_t cp) {
  std::string out;
  kiosk::utf8::append(out, cp);
  return out;
}

// Exactly n code points, cycling through `pattern`.
std::string cycle(std::u32string_view pattern, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += utf8(pattern[i % pattern.size()]);
  return out;
}

// 10,000 code points of everything at once: long unbroken runs, CJK, emoji with ZWJ and skin
// tones, flags, astral ideographs, stacked combining marks, RTL (no overrides), zero-width spaces.
std::string hostile_paragraph(std::size_t n) {
  const std::u32string pieces[] = {
      std::u32string(700, U'W'),
      U"社区建设示范单位创建申报公示,请居民监督。",
      U"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466\U0001F44D\U0001F3FD",
      U"\U0001F1E8\U0001F1F3\U0001F1FA\U0001F1F8",
      U"\U00020BB7\U00029E3D\U0002A6A5\U0002B81D",
      U"Z\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030A\u030B\u030C\u0323\u0324",
      U"\u0627\u0644\u0639\u0631\u0628\u064A\u0629 \u05E2\u05D1\u05E8\u05D9\u05EA",
      U"\u96F6\u200B\u5BBD\u200C\u8FDE\u200D\u63A5\u2060",
      std::u32string(300, U'9'),
      U"\n",
  };
  std::u32string all;
  for (std::size_t i = 0; all.size() < n; ++i) all += pieces[(i * 7) % std::size(pieces)];
  all.resize(n);
  if (all.back() == U'\n') all.back() = U'.';
  return cycle(all, all.size());
}

// ---- the bundles ------------------------------------------------------------------------------

using Files = std::map<std::string, std::string>;

content::Bundle must_load(const Files& files, const std::string& what) {
  auto r = content::load_bundle(files);
  if (!r.bundle) {
    std::string all;
    for (const auto& p : r.problems) all += "\n  " + p.line();
    throw std::runtime_error(what + " bundle does not validate:" + all);
  }
  return std::move(*r.bundle);
}

struct NamedBundle {
  std::string name;
  content::Bundle bundle;
  std::string office_name;
};

std::vector<NamedBundle> make_bundles() {
  std::vector<NamedBundle> out;
  const Files base = content::embedded_bundle_files();
  out.push_back({"default", must_load(base, "default"), "示例居委会"});

  {  // 2,000 applicants in the current notice, plus an ended and an upcoming notice.
    Files f = base;
    Json j = Json::parse(f.at("notices.json"));
    const Json originals = j["notices"][0]["applicants"];
    Json many = Json::array();
    for (std::size_t i = 0; i < 2000; ++i) {
      Json a = originals[i % originals.size()];
      a["id"] = "m" + std::to_string(i);
      a["name"] = a["name"].get<std::string>() + std::to_string(i) + "号";
      many.push_back(std::move(a));
    }
    j["notices"][0]["applicants"] = std::move(many);
    Json ended = j["notices"][0];
    ended["id"] = "ended-2026";
    ended["title"] = "已结束的公示(示例)";
    ended["window"] = {{"start", "2026-11-01"}, {"end", "2026-11-10"}};
    ended["applicants"] = originals;
    Json upcoming = j["notices"][0];
    upcoming["id"] = "upcoming-2027";
    upcoming["title"] = "即将开始的公示(示例)";
    upcoming["window"] = {{"start", "2027-01-04"}, {"end", "2027-01-15"}};
    upcoming["applicants"] = originals;
    j["notices"].push_back(std::move(ended));
    j["notices"].push_back(std::move(upcoming));
    f["notices.json"] = j.dump(1);
    out.push_back({"2,000 applicants", must_load(f, "2,000 applicants"), "示例居委会"});
  }

  {  // No current notice: one long ended, one far in the future.
    Files f = base;
    Json j = Json::parse(f.at("notices.json"));
    j["notices"][0]["window"] = {{"start", "2011-03-01"}, {"end", "2011-03-15"}};
    Json later = j["notices"][0];
    later["id"] = "future-2099";
    later["window"] = {{"start", "2099-01-01"}, {"end", "2099-01-31"}};
    j["notices"].push_back(std::move(later));
    f["notices.json"] = j.dump(1);
    out.push_back({"no current notice", must_load(f, "no current notice"), "示例居委会"});
  }

  {  // Hostile but valid text everywhere the content allows it.
    Files f = base;
    Json j = Json::parse(f.at("notices.json"));
    Json& n = j["notices"][0];
    n["title"] = cycle(U"公示W\U0001F1E8\U0001F1F3WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", 200);
    n["intro"] = hostile_paragraph(10000);
    Json& apps = n["applicants"];
    apps[4]["name"] = std::string(200, 'W');
    apps[4]["summary"] = hostile_paragraph(10000);
    apps[4]["basis"] = std::string(10000, 'W');
    apps[4]["address"] =
        cycle(U"\u0627\u0644\u0639\u0631\u0628\u064A\u0629Z\u0301\u0301\u0301\u0301", 200);
    apps[4]["leader"] = cycle(U"\uFF37", 50);
    apps[4]["reviews"][0]["opinion"] = std::string(2000, '1');
    apps[5]["name"] = cycle(U"\U0001F1E8\U0001F1F3", 200);
    apps[6]["name"] = "Z" + cycle(U"\u0301\u0302\u0303\u0323", 199);
    apps[7]["name"] = cycle(U"\U00020BB7\U0002A6A5", 200);
    apps[8]["name"] = cycle(U"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466", 196);
    apps[0]["name"] = cycle(U"\u200B", 1) + std::string(199, 'M');
    f["notices.json"] = j.dump(1);
    Json h = Json::parse(f.at("hotlines.json"));
    h["hotlines"][0]["name"] = std::string(200, 'M');
    h["hotlines"][1]["name"] = cycle(U"\U0001F4DE\u200D\U0001F525\U00020BB7", 200);
    f["hotlines.json"] = h.dump(1);
    Json d = Json::parse(f.at("document.json"));
    const std::string text = d["standards"][0]["text"].get<std::string>();
    d["standards"][0]["text"] = text + hostile_paragraph(9000);
    f["document.json"] = d.dump(1);
    out.push_back({"hostile text", must_load(f, "hostile text"), std::string(200, 'W')});
  }
  return out;
}

// ---- the monkey -------------------------------------------------------------------------------

// The window sizes the monkey switches between; KIOSK_MONKEY_SIZES="1920x1080,800x600" overrides.
std::vector<Size> monkey_sizes() {
  std::vector<Size> sizes;
  if (const char* env = std::getenv("KIOSK_MONKEY_SIZES"); env && *env) {
    std::istringstream in(env);
    std::string item;
    while (std::getline(in, item, ',')) {
      const auto x = item.find('x');
      if (x != std::string::npos)
        sizes.push_back({std::stof(item.substr(0, x)), std::stof(item.substr(x + 1))});
    }
  }
  // Landscape and portrait kiosks, 4K, and the smaller panels laid out at ui::layout_scale.
  if (sizes.empty()) {
    sizes = {{1920, 1080}, {1080, 1920}, {2560, 1440}, {1200, 1920},
             {1366, 768},  {1024, 768},  {1280, 1024}, {800, 600}};
  }
  return sizes;
}

// What the monkey did lately, for the failure report.
class Trail {
 public:
  void add(long index, std::string what) {
    ring_[static_cast<std::size_t>(index) % ring_.size()] = {index, std::move(what)};
  }
  [[nodiscard]] std::string dump() const {
    std::vector<std::pair<long, std::string>> v(ring_.begin(), ring_.end());
    std::sort(v.begin(), v.end());
    std::string out;
    for (const auto& [i, s] : v) {
      if (!s.empty()) out += "  #" + std::to_string(i) + " " + s + "\n";
    }
    return out;
  }

 private:
  std::array<std::pair<long, std::string>, 48> ring_{};
};

std::string describe(const Event& e) {
  std::ostringstream o;
  if (const auto* in = std::get_if<InputEvent>(&e)) {
    static const char* const kinds[] = {"down", "move", "up", "wheel", "back"};
    o << "input " << kinds[static_cast<int>(in->kind)] << " id=" << in->pointer_id << " at "
      << in->position.x << "," << in->position.y << " d=" << in->delta.y << " t=" << in->time_ms;
  } else if (const auto* t = std::get_if<Tick>(&e)) {
    o << "tick " << t->now_ms;
  } else if (const auto* c = std::get_if<ContentChanged>(&e)) {
    o << "content generation " << (c->model ? c->model->generation() : 0);
  } else if (const auto* d = std::get_if<DateChanged>(&e)) {
    o << "date " << d->today.iso() << " " << d->minute_of_day / 60 << ":" << d->minute_of_day % 60;
  } else if (const auto* a = std::get_if<Action>(&e)) {
    o << "action \"" << to_string(a->action).substr(0, 60) << "\"";
  } else if (const auto* op = std::get_if<Open>(&e)) {
    o << "open screen " << static_cast<int>(op->route.screen)
      << " notice=" << op->route.notice_id.substr(0, 20)
      << " applicant=" << op->route.applicant_id.substr(0, 20)
      << " standard=" << op->route.standard;
  }
  return o.str();
}

std::string screen_name(ScreenId id) {
  return screen_title(id) + "(" + std::to_string(static_cast<int>(id)) + ")";
}

class Monkey {
 public:
  Monkey(std::uint64_t seed, render::FontLibrary& fonts)
      : rng_(seed),
        fonts_(fonts),
        measurer_(fonts),
        roles_(screenshot::load_roles()),
        views_(measurer_, roles_),
        bundles_(make_bundles()),
        sizes_(monkey_sizes()) {
    size_ = sizes_.front();
    current_bundle_ = 0;
    state_ = initial_state(make_model(0), now_ms_, today_, minute_, 90);
    configure(state_);
    offscreen_ = std::make_unique<render::Offscreen>(
        render::Offscreen::create(static_cast<int>(size_.width), static_cast<int>(size_.height),
                                  fonts_)
            .value());
  }

  // Runs `events` random events; "" when every check held, else what failed and the trail.
  std::string run(long events) {
    const long warmup = events / 5;
    double warm_peak = 0, peak = 0, max_after = 0, limit = 0;
    double warm_pixels = 0, max_pixels = 0;
    for (const Size& s : sizes_)
      max_pixels = std::max(max_pixels, static_cast<double>(s.width) * s.height);
    const auto started = std::chrono::steady_clock::now();
    layout();
    for (index_ = 0; index_ < events; ++index_) {
      const bool swapped = step();
      if (!failure_.empty()) break;
      if (laid_key_ != view_key(state_) || animating(state_) || laid_size_ != size_) layout();
      if (!failure_.empty()) break;
      check_state();
      if (!failure_.empty()) break;
      // Drawn: every kRenderEvery-th event, after every content swap, and the first time each
      // screen shows at a size, text mode and bundle.
      const std::string combo = std::to_string(static_cast<int>(state_.route().screen)) + "|" +
                                std::to_string(static_cast<int>(size_.width)) + "x" +
                                std::to_string(static_cast<int>(size_.height)) +
                                (state_.large_text ? "L" : "N") + std::to_string(current_bundle_);
      const bool first_sight = combos_drawn_.insert(combo).second;
      if (swapped || first_sight || index_ % kRenderEvery == kRenderEvery - 1) draw_and_check();
      if (!failure_.empty()) break;
      if (index_ % 1000 == 999) {
        const double rss = rss_mib();
        peak = std::max(peak, rss);
        if (index_ < warmup) {
          warm_peak = std::max(warm_peak, rss);
          warm_pixels = std::max(warm_pixels, static_cast<double>(size_.width) * size_.height);
        } else {
          if (limit == 0) {
            const auto st = offscreen_->renderer().stats();
            const double room =
                static_cast<double>(st.texture_budget -
                                    std::min(st.texture_budget, st.texture_bytes)) +
                static_cast<double>(glyph_cap_ - std::min(glyph_cap_, st.fonts.glyph_bytes));
            // The frame surface and the copy the frame check reads: 4 bytes a pixel each.
            const double window_room = (max_pixels - warm_pixels) * 4.0 * 2.0;
            limit = warm_peak + kGrowthMiB + (room + window_room) / (1024.0 * 1024.0);
            std::printf(
                "[monkey] after warm-up (%ld events): RSS peak %.1f MiB; bound %.1f MiB (+%.0f "
                "MiB, +%.1f MiB "
                "of cache room: textures %zu/%zu bytes, glyphs %zu/%zu bytes; +%.1f MiB for larger "
                "windows)\n",
                warmup, warm_peak, limit, kGrowthMiB, room / (1024.0 * 1024.0), st.texture_bytes,
                st.texture_budget, st.fonts.glyph_bytes, glyph_cap_,
                window_room / (1024.0 * 1024.0));
            std::fflush(stdout);
          }
          max_after = std::max(max_after, rss);
          if (rss > limit &&
              !KIOSK_MONKEY_ASAN) {  // ASan's quarantine holds freed memory; LSan judges leaks
            fail("RSS " + std::to_string(rss) + " MiB exceeds the bound " + std::to_string(limit) +
                 " MiB");
            break;
          }
        }
      }
      if (index_ % 50'000 == 49'999) {
        const auto st = offscreen_->renderer().stats();
        // (mallinfo2 says nothing under ASan, whose allocator is its own.)
        std::printf(
            "[monkey] %ld events, %.1f s, RSS %.1f MiB (malloc in use %.1f MiB, textures %.1f MiB, "
            "glyphs %.1f "
            "MiB), screen %s, bundle %s\n",
            index_ + 1,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
            rss_mib(), static_cast<double>(::mallinfo2().uordblks) / (1024.0 * 1024.0),
            static_cast<double>(st.texture_bytes) / (1024.0 * 1024.0),
            static_cast<double>(st.fonts.glyph_bytes) / (1024.0 * 1024.0),
            screen_name(state_.route().screen).c_str(), bundles_[current_bundle_].name.c_str());
        std::fflush(stdout);
      }
    }
    const auto st = offscreen_->renderer().stats();
    std::printf(
        "[monkey] %ld events in %.1f s: %ld frames laid out, %ld drawn, %ld content swaps, %ld "
        "clock jumps, "
        "%ld size changes, %ld restarts after the PIN\n",
        index_, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
        layouts_, draws_, swaps_, jumps_, resizes_, restarts_);
    std::printf(
        "[monkey] RSS peak %.1f MiB (warm-up peak %.1f MiB, highest after warm-up %.1f MiB, bound "
        "%.1f MiB); "
        "texture cache %zu bytes in %zu textures (cap %zu, %llu evictions), glyph cache %zu bytes "
        "(cap %zu, "
        "%zu clears)\n",
        peak, warm_peak, max_after, limit, st.texture_bytes, st.textures, st.texture_budget,
        static_cast<unsigned long long>(st.evictions), st.fonts.glyph_bytes, glyph_cap_,
        st.fonts.glyph_cache_clears);
    std::string seen;
    for (const auto& [screen, n] : screens_seen_)
      seen += " " + screen_name(screen) + "×" + std::to_string(n);
    std::printf("[monkey] screens drawn:%s\n", seen.c_str());
    std::fflush(stdout);
    if (failure_.empty()) {
      // Every screen was reached and drawn.
      for (const ScreenId id :
           {ScreenId::Attract, ScreenId::Home, ScreenId::Notices, ScreenId::Applicant,
            ScreenId::Standards, ScreenId::Standard, ScreenId::Hotlines, ScreenId::Steps,
            ScreenId::Document, ScreenId::Diagnostics, ScreenId::Dimmed}) {
        if (screens_seen_[id] == 0 && index_ >= 20'000)
          failure_ = "screen " + screen_name(id) + " was never drawn";
      }
    }
    return failure_;
  }

 private:
  // ---- randomness ----
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  float uniform_f(float lo, float hi) {
    return std::uniform_real_distribution<float>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(v.size()) - 1))];
  }

  std::shared_ptr<const Model> make_model(std::size_t k) {
    const NamedBundle& b = bundles_[k];
    return std::make_shared<const Model>(b.bundle, b.office_name, ++generation_,
                                         screenshot::qr_encoder());
  }

  void configure(State& s) {
    s.open_minute = 7 * 60;
    s.close_minute = 20 * 60;
    s.admin.verify = [](std::string_view pin) {
      return pin == "2468";
    };  // the app's Argon2id check, faked
  }

  void fail(const std::string& what) {
    if (!failure_.empty()) return;
    failure_ = "event #" + std::to_string(index_) + ": " + what + "\nscreen " +
               screen_name(state_.route().screen) + ", bundle " + bundles_[current_bundle_].name +
               ", size " + std::to_string(static_cast<int>(size_.width)) + "x" +
               std::to_string(static_cast<int>(size_.height)) + ", date " + state_.today.iso() +
               ", large text " + (state_.large_text ? "on" : "off") + "\nlast events:\n" +
               trail_.dump();
  }

  // ---- sending events ----
  void send(const Event& e) {
    trail_.add(index_, describe(e));
    state_ = reduce(std::move(state_), e);
    if (state_.admin.exit_requested) {
      // The right PIN and 退出: the app exits and systemd starts it again.
      ++restarts_;
      state_ = initial_state(state_.model, now_ms_, today_, minute_, 90);
      configure(state_);
      laid_key_.reset();
    }
  }

  InputEvent input(InputEvent::Kind kind, std::int64_t id, Point p) {
    InputEvent e;
    e.kind = kind;
    e.pointer_id = id;
    e.position = p;
    return e;  // time_ms is set when it is sent (step())
  }

  Point random_point() {
    if (chance(0.02)) {
      // Off the screen, as a touch driver's rounding or a second display might report.
      return {uniform_f(-200, size_.width + 200), uniform_f(-200, size_.height + 200)};
    }
    return {uniform_f(0, size_.width - 1), uniform_f(0, size_.height - 1)};
  }

  Point point_in(const Rect& r) {
    return {r.x + uniform_f(0, std::max(1.0F, r.w - 1)),
            r.y + uniform_f(0, std::max(1.0F, r.h - 1))};
  }

  Point start_point() {
    if (!state_.scroll_areas.empty() && chance(0.7))
      return point_in(pick(state_.scroll_areas).viewport);
    return random_point();
  }

  void queue(Event e, std::int64_t after_ms = 0) { script_.push_back({after_ms, std::move(e)}); }
  void queue_ticks(int n, std::int64_t every = 16) {
    for (int i = 0; i < n; ++i) script_.push_back({every, Tick{}});
  }

  // A gesture or other scripted sequence, queued.
  void plan() {
    const std::int64_t r = uniform(0, 999);
    const std::int64_t id = uniform(0, 9);
    if (r < 260) {  // tap a hotspot of the last frame
      if (state_.hotspots.empty()) return plan_tap(random_point(), id);
      const Hotspot& h = pick(state_.hotspots);
      plan_tap(point_in(h.rect), id);
    } else if (r < 330) {  // tap anywhere
      plan_tap(random_point(), id);
    } else if (r < 450) {  // drag, sometimes ending at rest
      const Point a = start_point();
      const float dy = uniform_f(-1500, 1500), dx = uniform_f(-60, 60);
      plan_drag(a, {a.x + dx, a.y + dy}, static_cast<int>(uniform(2, 40)), uniform(8, 20), id,
                chance(0.3));
    } else if (r < 540) {  // fling, then watch it move
      const Point a = start_point();
      const float dy = uniform_f(150, 900) * (chance(0.5) ? -1.0F : 1.0F);
      plan_drag(a, {a.x + uniform_f(-20, 20), a.y + dy}, static_cast<int>(uniform(2, 6)),
                uniform(4, 10), id, false);
      queue_ticks(static_cast<int>(uniform(5, 120)));
    } else if (r < 580) {  // sideways swipe
      const Point a = start_point();
      plan_drag(a, {a.x + uniform_f(-900, 900), a.y + uniform_f(-40, 40)},
                static_cast<int>(uniform(3, 12)), 16, id, false);
    } else if (r < 600) {  // long press (the administrator's gesture on the office name)
      Point p = random_point();
      for (const auto& h : state_.hotspots) {
        if (std::holds_alternative<act::Admin>(h.action) && chance(0.8)) p = point_in(h.rect);
      }
      queue(input(InputEvent::Kind::PointerDown, id, p));
      queue_ticks(static_cast<int>(uniform(20, 60)), 100);
      queue(input(InputEvent::Kind::PointerUp, id, p), 16);
    } else if (r < 680) {  // two or three fingers, interleaved
      plan_multi_finger(static_cast<int>(uniform(2, 3)));
    } else if (r < 740) {  // the mouse: hover, click, drag
      for (int i = 0, n = static_cast<int>(uniform(1, 8)); i < n; ++i) {
        queue(input(InputEvent::Kind::PointerMove, -1, random_point()), uniform(5, 40));
      }
      if (chance(0.5)) {
        plan_tap(state_.hotspots.empty() || chance(0.3) ? random_point()
                                                        : point_in(pick(state_.hotspots).rect),
                 -1);
      } else {
        const Point a = start_point();
        plan_drag(a, {a.x, a.y + uniform_f(-800, 800)}, static_cast<int>(uniform(2, 20)), 16, -1,
                  chance(0.5));
      }
    } else if (r < 800) {  // the wheel
      for (int i = 0, n = static_cast<int>(uniform(1, 12)); i < n; ++i) {
        InputEvent e = input(InputEvent::Kind::Wheel, -1, random_point());
        e.delta.y = chance(0.9) ? uniform_f(-240, 240) : uniform_f(-1e6F, 1e6F);
        if (chance(0.002))
          e.delta.y = std::numeric_limits<float>::infinity() * (chance(0.5) ? 1.0F : -1.0F);
        queue(e, uniform(0, 30));
      }
    } else if (r < 830) {  // stray events: an up or move nobody pressed, Back
      const std::int64_t k = uniform(0, 2);
      const auto kind = k == 0   ? InputEvent::Kind::PointerUp
                        : k == 1 ? InputEvent::Kind::PointerMove
                                 : InputEvent::Kind::Back;
      queue(input(kind, uniform(-1, 12), random_point()), uniform(0, 50));
    } else if (r < 870) {
      plan_action();
    } else if (r < 900) {
      plan_open();
    } else if (r < 960) {  // time passes
      const std::int64_t k = uniform(0, 99);
      if (k < 80) {
        queue_ticks(static_cast<int>(uniform(1, 30)));
      } else if (k < 95) {
        queue(Tick{}, uniform(1000, 10'000));
      } else {
        queue(Tick{}, uniform(60'000, 400'000));  // past the idle timeout
      }
    } else if (r < 990) {
      plan_date();
    } else if (r < 997) {  // the PIN pad: right or wrong, then 退出
      if (state_.route().screen != ScreenId::Diagnostics)
        queue(Action{act::Go{act::Place::Diagnostics}});
      const std::string pin = chance(0.4) ? "2468" : std::to_string(uniform(0, 99'999'999'999));
      for (const char c : pin) queue(Action{act::Pin{act::Pin::Key::Digit, c}}, uniform(100, 600));
      if (chance(0.2)) queue(Action{act::Pin{act::Pin::Key::Del}});
      queue(Action{act::Pin{chance(0.9) ? act::Pin::Key::Exit : act::Pin::Key::Clear}}, 200);
    } else if (chance(0.1)) {  // the window changes size (a rotated panel), a few dozen times a run
      size_change_ = true;
    }
  }

  void plan_tap(Point p, std::int64_t id) {
    queue(input(InputEvent::Kind::PointerDown, id, p));
    if (chance(0.3))
      queue(input(InputEvent::Kind::PointerMove, id,
                  {p.x + uniform_f(-6, 6), p.y + uniform_f(-6, 6)}),
            16);
    if (chance(0.3)) queue_ticks(static_cast<int>(uniform(1, 6)));
    queue(input(InputEvent::Kind::PointerUp, id, {p.x + uniform_f(-3, 3), p.y + uniform_f(-3, 3)}),
          uniform(30, 250));
  }

  void plan_drag(Point a, Point b, int steps, std::int64_t every, std::int64_t id,
                 bool rest_before_release) {
    queue(input(InputEvent::Kind::PointerDown, id, a));
    for (int i = 1; i <= steps; ++i) {
      const float f = static_cast<float>(i) / static_cast<float>(steps);
      queue(
          input(InputEvent::Kind::PointerMove, id, {a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f}),
          every);
      if (chance(0.05)) queue(Tick{}, 0);
      // A touch controller reporting several moves within one millisecond.
      if (chance(0.03))
        queue(input(InputEvent::Kind::PointerMove, id,
                    {a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f + 1}),
              0);
    }
    if (rest_before_release) queue_ticks(static_cast<int>(uniform(4, 10)));
    queue(input(InputEvent::Kind::PointerUp, id, b), uniform(1, 8));
  }

  void plan_multi_finger(int fingers) {
    std::vector<std::int64_t> ids;
    std::vector<Point> at;
    for (int f = 0; f < fingers; ++f) {
      ids.push_back(uniform(0, 20) + f * 100);
      at.push_back(start_point());
    }
    // Down in order, interleaved moves, up in a random order.
    for (int f = 0; f < fingers; ++f)
      queue(input(InputEvent::Kind::PointerDown, ids[static_cast<std::size_t>(f)],
                  at[static_cast<std::size_t>(f)]),
            uniform(0, 40));
    for (int m = 0, n = static_cast<int>(uniform(2, 30)); m < n; ++m) {
      const auto f = static_cast<std::size_t>(uniform(0, fingers - 1));
      at[f].x += uniform_f(-40, 40);
      at[f].y += uniform_f(-120, 120);
      queue(input(InputEvent::Kind::PointerMove, ids[f], at[f]), uniform(0, 16));
    }
    std::vector<std::size_t> order(static_cast<std::size_t>(fingers));
    for (std::size_t f = 0; f < order.size(); ++f) order[f] = f;
    std::shuffle(order.begin(), order.end(), rng_);
    for (const std::size_t f : order)
      queue(input(InputEvent::Kind::PointerUp, ids[f], at[f]), uniform(0, 60));
  }

  void plan_action() {
    const Model& m = *state_.model;
    // Typed actions cannot be malformed; what is left to try is out-of-range and unknown values.
    std::vector<Act> actions = {act::Back{},
                                act::Home{},
                                act::LargeText{},
                                act::Go{act::Place::Notices},
                                act::Go{act::Place::Standards},
                                act::Go{act::Place::Hotlines},
                                act::Go{act::Place::Steps},
                                act::Go{act::Place::Document},
                                act::Go{act::Place::Diagnostics},
                                act::StandardStep{1},
                                act::StandardStep{-1},
                                act::StandardStep{0},
                                act::Admin{},
                                act::Pin{act::Pin::Key::Exit},
                                act::Pin{act::Pin::Key::Digit, 'x'},
                                act::Category{content::Category::StreetDemo},
                                act::Category{content::Category::CommitteeHarmony},
                                act::Standard{0},
                                act::Standard{11},
                                act::Standard{-2147483647 - 1},
                                act::Standard{2147483647},
                                act::ScrollTo{-5},
                                act::ScrollTo{2147483647},
                                act::Notice{""},
                                act::Notice{"does-not-exist"},
                                act::Applicant{"", ""},
                                act::Applicant{"nope", "nope"}};
    actions.push_back(act::Standard{static_cast<int>(uniform(1, 10))});
    actions.push_back(act::ScrollTo{static_cast<int>(uniform(0, 200'000))});
    if (!m.notices().empty()) {
      const auto& n = m.notices()[static_cast<std::size_t>(
          uniform(0, static_cast<std::int64_t>(m.notices().size()) - 1))];
      actions.push_back(act::Notice{n.id});
      if (!n.applicants.empty()) {
        const auto& a = n.applicants[static_cast<std::size_t>(
            uniform(0, static_cast<std::int64_t>(n.applicants.size()) - 1))];
        actions.push_back(act::Applicant{n.id, a.id});
      }
    }
    queue(Action{pick(actions)}, uniform(0, 500));
  }

  void plan_open() {
    const Model& m = *state_.model;
    static const std::vector<std::string> names = {"attract",
                                                   "home",
                                                   "notices",
                                                   "notices:street_demo",
                                                   "notices:committee_demo",
                                                   "notices:committee_harmony",
                                                   "standards",
                                                   "standard:1",
                                                   "standard:5",
                                                   "standard:10",
                                                   "hotlines",
                                                   "steps",
                                                   "document",
                                                   "diagnostics",
                                                   "dimmed",
                                                   "applicant:cd-01",
                                                   "applicant:m1999",
                                                   "applicant:ended-2026/cd-01"};
    Route r;
    if (chance(0.7)) {
      const auto parsed = route_from_name(pick(names), m, state_.today);
      if (parsed) r = *parsed;
    } else {
      // A route built by hand, possibly naming nothing.
      r.screen = static_cast<ScreenId>(uniform(0, static_cast<std::int64_t>(ScreenId::Dimmed)));
      r.standard = static_cast<int>(uniform(-5, 15));
      if (!m.notices().empty() && chance(0.7)) {
        const auto& n = m.notices()[static_cast<std::size_t>(
            uniform(0, static_cast<std::int64_t>(m.notices().size()) - 1))];
        r.notice_id = n.id;
        if (!n.applicants.empty())
          r.applicant_id = n.applicants[static_cast<std::size_t>(uniform(
                                            0, static_cast<std::int64_t>(n.applicants.size()) - 1))]
                               .id;
      } else {
        r.notice_id = chance(0.5) ? "" : "missing";
        r.applicant_id = "missing";
      }
      if (chance(0.3)) r.category = content::kAllCategories[uniform(0, 4)];
      if (chance(0.2)) r.scroll.offset = uniform_f(0, 50'000);  // the reducer must bound it
    }
    queue(Open{r}, uniform(0, 300));
  }

  // The wall clock: minutes, midnight, notice windows, office hours, going back, big jumps.
  void plan_date() {
    const std::int64_t k = uniform(0, 99);
    auto at = [&](CivilDate d, int minute) { queue(DateChanged{d, minute}, uniform(0, 200)); };
    auto next_minute = [&] {
      int minute = minute_ + 1;
      CivilDate d = today_;
      if (minute >= 1440) minute = 0, d = CivilDate::from_days(d.days() + 1);
      return std::pair{d, minute};
    };
    ++jumps_;
    if (k < 50) {
      --jumps_;
      const auto [d, m] = next_minute();
      at(d, m);
    } else if (k < 62) {  // midnight
      at(today_, 1439);
      at(CivilDate::from_days(today_.days() + 1), 0);
    } else if (k < 77) {  // a notice window opening or closing
      const auto& notices = state_.model->notices();
      if (notices.empty()) return;
      const auto& n = notices[static_cast<std::size_t>(
          uniform(0, static_cast<std::int64_t>(notices.size()) - 1))];
      const CivilDate edge =
          chance(0.5) ? n.window.start : CivilDate::from_days(n.window.end.days() + 1);
      at(CivilDate::from_days(edge.days() - 1), 1439);
      at(edge, 0);
    } else if (k < 84) {  // office hours starting or ending
      const int edge = chance(0.5) ? state_.open_minute : state_.close_minute;
      at(today_, (edge + 1439) % 1440);
      at(today_, edge);
    } else if (k < 91) {  // the clock goes back a day (an NTP correction, a wrong RTC)
      at(CivilDate::from_days(today_.days() - 1), minute_);
    } else if (k < 96) {  // a big jump forward
      at(CivilDate::from_days(today_.days() + uniform(30, 1500)),
         static_cast<int>(uniform(0, 1439)));
    } else {  // anywhere from the document's year to a few years on, or back to the notices
      const long lo = CivilDate{2011, 1, 1}.days(), hi = CivilDate{2029, 12, 31}.days();
      at(chance(0.5) ? CivilDate::from_days(uniform(lo, hi)) : CivilDate{2026, 11, 25},
         static_cast<int>(uniform(0, 1439)));
    }
  }

  // One random event (a step of the current script, or something unscripted). True when the
  // content changed.
  bool step() {
    if (script_.empty() && !size_change_) {
      // Content swaps are unscripted: a few hundred in a million events.
      if (chance(1.0 / 200)) {
        std::size_t k = current_bundle_;
        while (k == current_bundle_)
          k = static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(bundles_.size()) - 1));
        current_bundle_ = k;
        ++swaps_;
        send(ContentChanged{make_model(k)});
        return true;
      }
      plan();
    }
    if (size_change_) {
      size_change_ = false;
      Size s = size_;
      for (int tries = 0; tries < 8 && s == size_; ++tries) s = pick(sizes_);
      size_ = s;
      ++resizes_;
      // A new window (or surface) of that size; the old renderer and its textures go.
      offscreen_.reset();
      offscreen_ = std::make_unique<render::Offscreen>(
          render::Offscreen::create(static_cast<int>(size_.width), static_cast<int>(size_.height),
                                    fonts_)
              .value());
      trail_.add(index_, "resize " + std::to_string(static_cast<int>(size_.width)) + "x" +
                             std::to_string(static_cast<int>(size_.height)));
      send(Tick{now_ms_});
      return false;
    }
    if (script_.empty()) {
      send(Tick{now_ms_ += 16});
      return false;
    }
    Scripted s = std::move(script_.front());
    script_.pop_front();
    now_ms_ += s.after_ms;
    if (auto* tick = std::get_if<Tick>(&s.event)) tick->now_ms = now_ms_;
    // Input timestamps may lag the last Tick a little (SDL stamps events when they arrive).
    if (auto* in = std::get_if<InputEvent>(&s.event))
      in->time_ms = now_ms_ - (chance(0.05) ? uniform(1, 30) : 0);
    if (const auto* d = std::get_if<DateChanged>(&s.event)) {
      today_ = d->today;
      minute_ = d->minute_of_day;
    }
    send(s.event);
    return false;
  }

  // ---- frames ----
  void layout() {
    state_.diagnostics.now_unix = 1'790'000'000 + now_ms_ / 1000;
    state_.diagnostics.uptime_s = now_ms_ / 1000;
    last_ = test::lay_out_frame(views_, state_, size_);
    laid_key_ = view_key(state_);
    laid_size_ = size_;
    ++layouts_;
    // The frame shows the scroll position the reducer now holds, within the frame's bounds.
    for (const auto& a : last_.scroll_areas) {
      if (!std::isfinite(a.max_offset) || a.max_offset < 0)
        fail("scroll area " + a.id + " has max_offset " + std::to_string(a.max_offset));
      if (a.id == "page") {
        const Scroller& sc = state_.route().scroll;
        if (sc.offset > a.max_offset + 0.5F) {
          fail("scroll offset " + std::to_string(sc.offset) + " beyond the frame's max " +
               std::to_string(a.max_offset));
        }
      }
    }
  }

  void check_state() {
    const State& s = state_;
    if (s.stack.empty()) return fail("empty navigation stack");
    if (s.stack.size() > kMaxStackDepth)
      return fail("navigation stack " + std::to_string(s.stack.size()) + " deep");
    const Model& m = *s.model;
    const auto listed = m.listed_notices(s.today);
    auto is_listed = [&](const std::string& id) {
      const auto i = m.notice_index(id);
      return i && std::find(listed.begin(), listed.end(), *i) != listed.end();
    };
    for (std::size_t i = 0; i < s.stack.size(); ++i) {
      const Route& r = s.stack[i];
      const std::string where = "route " + std::to_string(i) + " (" + screen_name(r.screen) + ")";
      if (static_cast<int>(r.screen) < 0 || r.screen > ScreenId::NoticePage)
        return fail(where + ": no such screen");
      if ((r.screen == ScreenId::Attract || r.screen == ScreenId::Dimmed) && s.stack.size() != 1) {
        return fail(where + ": an idle screen inside a stack of " + std::to_string(s.stack.size()));
      }
      switch (r.screen) {
        case ScreenId::Notices:
          if (r.notice_id.empty() ? !listed.empty() : !is_listed(r.notice_id)) {
            return fail(where + ": notice \"" + r.notice_id + "\" is not listed on " +
                        s.today.iso());
          }
          break;
        case ScreenId::NoticePage:
        case ScreenId::Applicant: {
          // Current or under 往期公示 (Model::readable), never upcoming nor gone.
          const auto index = m.notice_index(r.notice_id);
          if (!index || !m.readable(*index, s.today))
            return fail(where + ": notice \"" + r.notice_id + "\" may not be read on " +
                        s.today.iso());
          if (r.screen == ScreenId::NoticePage) break;
          if (m.notices()[*m.notice_index(r.notice_id)].applicant(r.applicant_id) == nullptr) {
            return fail(where + ": no applicant \"" + r.applicant_id + "\"");
          }
          break;
        }
        case ScreenId::Standard:
          if (r.standard < 1 || r.standard > static_cast<int>(m.document().standards.size())) {
            return fail(where + ": standard " + std::to_string(r.standard));
          }
          break;
        default:
          break;
      }
      const Scroller& sc = r.scroll;
      if (!std::isfinite(sc.offset) || !std::isfinite(sc.velocity) ||
          !std::isfinite(sc.max_offset)) {
        return fail(where + ": scroll not finite (offset " + std::to_string(sc.offset) +
                    ", velocity " + std::to_string(sc.velocity) + ", max " +
                    std::to_string(sc.max_offset) + ")");
      }
      if (sc.max_offset < 0 || sc.offset < 0 || sc.offset > sc.max_offset) {
        return fail(where + ": scroll offset " + std::to_string(sc.offset) + " outside [0, " +
                    std::to_string(sc.max_offset) + "]");
      }
      if (std::fabs(sc.velocity) > Scroller::kMaxVelocity)
        return fail(where + ": velocity " + std::to_string(sc.velocity));
    }
    if (s.admin.entry.size() > kPinMaxDigits)
      return fail("PIN entry of " + std::to_string(s.admin.entry.size()) + " digits");
    if (s.gesture.samples.size() > 4096)
      return fail("gesture holds " + std::to_string(s.gesture.samples.size()) + " samples");
  }

  // The drawn width of a line's visible part (trailing spaces draw nothing).
  int ink_width(std::string_view text, int px, bool bold) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    while (text.size() >= 3 && text.substr(text.size() - 3) == "\u3000") text.remove_suffix(3);
    return fonts_.measure(text, px, bold);
  }

  void draw_and_check() {
    if (laid_key_ != view_key(state_) || laid_size_ != size_) layout();
    offscreen_->draw(last_);
    ++draws_;
    ++screens_seen_[state_.route().screen];
    // Text on screen and inside its clip, no two lines overlapping, nothing covering a line.
    const std::string problem = testing::layout_problem(last_, size_, [&](const TextRun& t) {
      const int px = render::pixel_size(t.style.size_px);
      return Size{static_cast<float>(ink_width(t.text, px, t.style.bold)),
                  static_cast<float>(fonts_.line_metrics(px, t.style.bold).line_height)};
    });
    if (!problem.empty()) {
      // The frame as drawn, to look at: BUILD_DIR/monkey-failure.png.
      const std::string png = std::string(KIOSK_BINARY_DIR) + "/monkey-failure.png";
      return fail(problem + (offscreen_->save_png(png) ? " (frame: " + png + ")" : ""));
    }
    const auto st = offscreen_->renderer().stats();
    if (st.texture_bytes > st.texture_budget) {
      return fail("texture cache " + std::to_string(st.texture_bytes) + " bytes over its cap " +
                  std::to_string(st.texture_budget));
    }
    if (st.fonts.glyph_bytes > glyph_cap_) {
      return fail("glyph cache " + std::to_string(st.fonts.glyph_bytes) + " bytes over its cap " +
                  std::to_string(glyph_cap_));
    }
  }

  struct Scripted {
    std::int64_t after_ms = 0;
    Event event;
  };

  std::mt19937_64 rng_;
  render::FontLibrary& fonts_;
  render::FontMeasurer measurer_;
  ui::FontRoles roles_;
  Views views_;
  std::vector<NamedBundle> bundles_;
  std::vector<Size> sizes_;
  std::size_t current_bundle_ = 0;
  std::uint64_t generation_ = 0;
  std::unique_ptr<render::Offscreen> offscreen_;
  std::size_t glyph_cap_ = render::FontLibraryOptions{}.glyph_cache_bytes;

  State state_;
  DisplayList last_;
  std::optional<ViewKey> laid_key_;  // what the last layout showed (ui::view_key)
  Size size_{1920, 1080}, laid_size_{0, 0};
  std::int64_t now_ms_ = 1'000'000;
  CivilDate today_{2026, 11, 25};
  int minute_ = 9 * 60 + 30;
  std::deque<Scripted> script_;
  bool size_change_ = false;

  long index_ = 0;
  long layouts_ = 0, draws_ = 0, swaps_ = 0, jumps_ = 0, resizes_ = 0, restarts_ = 0;
  std::map<ScreenId, long> screens_seen_;
  std::set<std::string> combos_drawn_;
  Trail trail_;
  std::string failure_;
};

TEST(Monkey, MillionRandomEventsKeepTheKioskSound) {
  const std::uint64_t seed = monkey_seed();
  const long events = monkey_events();
  std::printf(
      "[monkey] seed %llu (replay: KIOSK_MONKEY_SEED=%llu), %ld events%s, a frame drawn every %ld "
      "events "
      "and after every content swap\n",
      static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed), events,
      KIOSK_MONKEY_ASAN ? " (scaled down under AddressSanitizer)" : "", kRenderEvery);
  std::fflush(stdout);
  render::FontLibrary fonts(config::Config{}.fonts.families);
  ASSERT_TRUE(fonts.usable()) << "no CJK font installed (fonts-noto-cjk)";
  Monkey monkey(seed, fonts);
  const std::string failure = monkey.run(events);
  EXPECT_TRUE(failure.empty()) << failure << "seed " << seed
                               << " (replay: KIOSK_MONKEY_SEED=" << seed << ")";
}

}  // namespace
}  // namespace kiosk::ui
