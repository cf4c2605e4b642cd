// kiosk --bench: the scripted benchmark (see bench_script.hpp and bench/run).
#include "app/bench_script.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "platform/clock.hpp"
#include "ui/reducer.hpp"

namespace kiosk::app {
namespace {

using Clock = std::chrono::steady_clock;

long long realtime_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// 公示名单 on its longest category.
void open_longest_list(Kiosk& kiosk) {
  ui::State& state = kiosk.state();
  state = ui::reduce(std::move(state), ui::Action{ui::act::Go{ui::act::Place::Notices}});
  const auto& model = *state.model;
  if (model.notices().empty()) return;
  std::size_t best = 0;
  const auto index = model.notice_index(state.route().notice_id).value_or(0);
  content::Category cat = content::Category::StreetDemo;
  for (const auto c : content::kAllCategories) {
    if (model.members(index, c).size() > best) {
      best = model.members(index, c).size();
      cat = c;
    }
  }
  state = ui::reduce(std::move(state), ui::Action{ui::act::Category{cat}});
}

// One flick at `now`: down, five moves of 60 px, up (upwards when dir < 0).
void flick(ui::State& state, float x, float y0, float dir, std::int64_t now) {
  InputEvent e{InputEvent::Kind::PointerDown, 7, {x, y0 + (dir > 0 ? -300.0F : 0.0F)}, {}, now};
  state = ui::reduce(std::move(state), e);
  for (int k = 1; k <= 5; ++k) {
    e.kind = InputEvent::Kind::PointerMove;
    e.position.y += dir * 60;
    e.time_ms = now + 16 * k;
    state = ui::reduce(std::move(state), e);
  }
  e.kind = InputEvent::Kind::PointerUp;
  e.time_ms = now + 16 * 5 + 4;
  state = ui::reduce(std::move(state), e);
}

// A scripted fling through the list for 10 s: a flick every second (mostly downwards, every
// fourth one back up), drawn at 60 frames per second while it moves.
void fling_for_ten_seconds(Kiosk& kiosk) {
  auto& display = kiosk.display();
  const float x = static_cast<float>(display.width()) * 0.6F;
  const float y0 = static_cast<float>(display.height()) * 0.7F;
  const auto begin = Clock::now();
  int flicks = 0;
  std::int64_t next_flick = platform::monotonic_ms();
  while (Clock::now() - begin < std::chrono::seconds(10)) {
    const auto frame_start = Clock::now();
    const std::int64_t now = platform::monotonic_ms();
    if (now >= next_flick) {
      flick(kiosk.state(), x, y0, flicks % 4 == 3 ? 1.0F : -1.0F, now);
      ++flicks;
      next_flick = now + 1000;
    }
    kiosk.state() = ui::reduce(std::move(kiosk.state()), ui::Tick{platform::monotonic_ms()});
    kiosk.draw_if_needed();
    (void)display.wait_events(0);
    std::this_thread::sleep_until(frame_start + std::chrono::microseconds(16667));
  }
}

// Ten idle seconds in the real loop: frames drawn must be 0. Returns what changed the state
// meanwhile ("; "-separated), for the report.
std::string idle_for_ten_seconds(Kiosk& kiosk) {
  std::vector<std::string> idle_causes;
  const auto idle_begin = Clock::now();
  while (Clock::now() - idle_begin < std::chrono::seconds(10) && !kiosk.quitting()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::seconds(10) - (Clock::now() - idle_begin));
    const int timeout = std::min<int>(kiosk.wait_timeout(platform::monotonic_ms()),
                                      static_cast<int>(left.count()) + 1);
    for (const auto& e : kiosk.display().wait_events(std::max(0, timeout))) {
      const ui::ViewKey before = ui::view_key(kiosk.state());
      kiosk.handle(e);
      if (!(ui::view_key(kiosk.state()) == before)) {
        idle_causes.push_back(e.kind == platform::PlatformEvent::Kind::Input
                                  ? "input " + std::to_string(static_cast<int>(e.input.kind)) +
                                        " at " +
                                        std::to_string(static_cast<int>(e.input.position.x)) + "," +
                                        std::to_string(static_cast<int>(e.input.position.y))
                                  : "platform event " + std::to_string(static_cast<int>(e.kind)));
      }
    }
    const ui::ViewKey before = ui::view_key(kiosk.state());
    const int minute_before = kiosk.state().minute_of_day;
    kiosk.advance();
    if (!(ui::view_key(kiosk.state()) == before)) {
      idle_causes.emplace_back(kiosk.state().minute_of_day != minute_before ? "the clock's minute"
                                                                            : "tick or status");
    }
    kiosk.draw_if_needed();
  }
  std::string causes;
  for (const auto& c : idle_causes) causes += (causes.empty() ? "" : "; ") + c;
  return causes;
}

}  // namespace

int run_bench_script(Kiosk& kiosk, double load_ms, const std::string& startup_fields,
                     const std::string& out_path) {
  FrameStats& frames = kiosk.frames();
  // 1. The first frame, as a resident would see it on power-up.
  const long long kiosk_ready_unix_ms = realtime_ms();  // the Kiosk (model, views, status) is built
  kiosk.draw_if_needed();
  const long long first_frame_unix_ms = realtime_ms();
  const std::string first_frame_fields =
      ", \"kiosk_ready_unix_ms\": " + std::to_string(kiosk_ready_unix_ms) +
      (frames.views_ms.empty()
           ? std::string()
           : ", \"first_frame_views_ms\": " + std::to_string(frames.views_ms.back()) +
                 ", \"first_frame_draw_ms\": " + std::to_string(frames.draw_ms.back()) +
                 ", \"first_frame_present_ms\": " + std::to_string(frames.present_ms.back())) +
      ", \"first_frame_peak_rss_mb\": " + std::to_string(peak_rss_mb());
  (void)kiosk.display().wait_events(0);
  // 2. 公示名单 on its longest category. load_ms: parsing and validating (before the window
  // opened), building the model, and laying out the list screen.
  open_longest_list(kiosk);
  const auto t0 = Clock::now();
  kiosk.views().prepare(
      *kiosk.state().model, kiosk.state(),
      {static_cast<float>(kiosk.display().width()), static_cast<float>(kiosk.display().height())});
  load_ms +=
      kiosk.model_ms() + std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  kiosk.draw_if_needed();
  frames.clear_timings();
  // 3. The fling.
  fling_for_ten_seconds(kiosk);
  const std::vector<double> fling_frames = frames.total_ms;
  const double views_p50 = percentile(frames.views_ms, 0.5),
               draw_p50 = percentile(frames.draw_ms, 0.5),
               present_p50 = percentile(frames.present_ms, 0.5),
               draw_p99 = percentile(frames.draw_ms, 0.99),
               present_p99 = percentile(frames.present_ms, 0.99),
               views_p99 = percentile(frames.views_ms, 0.99),
               cpu_p50 = percentile(frames.cpu_ms, 0.5), cpu_p99 = percentile(frames.cpu_ms, 0.99);
  // The last fling runs out first: idle means nothing moves.
  while (ui::animating(kiosk.state()) && !kiosk.quitting()) {
    kiosk.state() = ui::reduce(std::move(kiosk.state()), ui::Tick{platform::monotonic_ms()});
    kiosk.draw_if_needed();
    std::this_thread::sleep_for(std::chrono::milliseconds(16));
  }
  // 4. Idle. Start clear of a minute change, which legitimately redraws the header clock, and
  //    with the clock caught up (the fling above may have crossed a minute the header has not
  //    shown yet).
  do {
    for (const auto& e : kiosk.display().wait_events(kiosk.clock().now().second > 48 ? 200 : 0))
      kiosk.handle(e);
    kiosk.advance();
    kiosk.draw_if_needed();
  } while (kiosk.clock().now().second > 48 && !kiosk.quitting());
  const std::size_t frames_before = frames.drawn;
  frames.forced = frames.moving = frames.changed = 0;
  const std::string causes = idle_for_ten_seconds(kiosk);
  const std::size_t idle_frames = frames.drawn - frames_before;
  // What the caches hold at the end (the fling fills them): most of the RSS past the first frame.
  const render::RenderStats stats = kiosk.render_stats();
  std::ofstream out(out_path);
  out << "{\"first_frame_unix_ms\": " << first_frame_unix_ms << startup_fields << first_frame_fields
      << ", \"load_ms\": " << load_ms << ", \"frame_p50_ms\": " << percentile(fling_frames, 0.5)
      << ", \"frame_p99_ms\": " << percentile(fling_frames, 0.99)
      << ", \"fling_frames\": " << fling_frames.size() << ", \"idle_frames\": " << idle_frames
      << ", \"peak_rss_mb\": " << peak_rss_mb() << ", \"views_p50_ms\": " << views_p50
      << ", \"views_p99_ms\": " << views_p99 << ", \"draw_p50_ms\": " << draw_p50
      << ", \"draw_p99_ms\": " << draw_p99 << ", \"present_p50_ms\": " << present_p50
      << ", \"present_p99_ms\": " << present_p99 << ", \"frame_cpu_p50_ms\": " << cpu_p50
      << ", \"frame_cpu_p99_ms\": " << cpu_p99 << ", \"idle_frames_forced\": " << frames.forced
      << ", \"idle_frames_moving\": " << frames.moving
      << ", \"idle_frames_changed\": " << frames.changed
      << ", \"texture_cache_mb\": " << static_cast<double>(stats.texture_bytes) / (1 << 20)
      << ", \"glyph_cache_mb\": " << static_cast<double>(stats.fonts.glyph_bytes) / (1 << 20)
      << ", \"idle_changes\": \"" << causes << "\"}\n";
  if (!out) {
    std::cerr << "kiosk: --bench: cannot write " << out_path << "\n";
    return 1;
  }
  return 0;
}

}  // namespace kiosk::app
