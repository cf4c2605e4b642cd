// The event-driven display loop, and the scripted benchmark that drives it (kiosk --bench).
#include "app/loop.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "app/lifecycle.hpp"
#include "config/pin.hpp"
#include "core/url.hpp"
#include "platform/clock.hpp"
#include "platform/display.hpp"
#include "platform/notify.hpp"
#include "render/renderer.hpp"
#include "render/text_measurer.hpp"
#include "ui/format.hpp"
#include "ui/palette.hpp"
#include "ui/reducer.hpp"
#include "ui/views.hpp"
#if KIOSK_HAVE_SYNC
#include "sync/service.hpp"
#endif

namespace kiosk::app {
namespace {

long long realtime_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// CPU time of the calling thread: a frame's own work, apart from time spent waiting for a core.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
  return v[std::min(i, v.size() - 1)];
}

class Kiosk {
 public:
  Kiosk(const Options& options, const LoadedConfig& config, StartupContent content, platform::Display& display,
        render::FontLibrary& fonts, platform::Logger& log, bool lockdown)
      : log_(log),
        lockdown_(lockdown),
        options_(options),
        config_(config.config),
        display_(display),
        fonts_(fonts),
        measurer_(fonts),
        renderer_(display.renderer(), fonts),
        views_(measurer_, load_roles()),
        embedded_(content.source == ContentSource::Embedded) {
    start_ms_ = platform::monotonic_ms();
    const auto t0 = std::chrono::steady_clock::now();
    auto model = std::make_shared<const ui::Model>(std::move(content.bundle), config_.office_name, ++generation_,
                                                   qr_encoder());
    model_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const WallClock wall = wall_clock();
    date_ = options.at.value_or(wall.date);
    minute_ = wall.minute_of_day;
    state_ = ui::initial_state(model, start_ms_, date_, minute_, config_.idle_timeout_s);
    state_.large_text = options.large_text;
    if (config::has_pin(config_.admin)) {
      // Argon2id (or the legacy SHA-256) here, not in the UI; the pad's lockout stays the UI's.
      state_.admin.verify = [admin = config_.admin](std::string_view pin) { return config::verify_pin(admin, pin); };
    }
    if (options.mode != Options::Mode::Bench) {
      // Outside office hours 待机 dims (the scripted benchmark keeps the screens it measures).
      state_.open_minute = config_.office_hours.open.minutes();
      state_.close_minute = config_.office_hours.close.minutes();
      state_ = ui::reduce(std::move(state_), ui::DateChanged{date_, minute_});
    }
    describe_content(model->bundle(), embedded_, state_.diagnostics);
    state_.diagnostics.server = url::redact_userinfo(config_.content.server_url);
    state_.diagnostics.config_error = config.error;
    config_broken_ = !config.error.empty();
    if (!content.note.empty()) state_.diagnostics.last_error = content.note;
    state_.diagnostics.content_note = content.note;  // stays on 维护 until sync replaces the content
#if KIOSK_HAVE_SYNC
    if (content.sync) {
      sync::StartupBundle shown;
      shown.source = embedded_ ? sync::StartupBundle::Source::Embedded : sync::StartupBundle::Source::Cache;
      shown.bundle = model->bundle();
      sync::Service::Hooks hooks;
      hooks.on_round = [this](const sync::RoundResult& r) {  // on the sync thread; Logger locks
        if (r.outcome == sync::Outcome::Failed) {
          log_.warning("sync: failed: " + r.line);
        } else {
          log_.info("sync: " + r.line);
        }
      };
      service_ = std::make_unique<sync::Service>(sync::settings_from_config(config_), shown, hooks);
      service_->start();
    }
#endif
    refresh_status();
  }

  // The real loop. Returns the exit status.
  int run() {
    bool ready_sent = false;
    // WATCHDOG=1 every half WatchdogSec, from this loop only: a loop that hangs stops the pings.
    const std::int64_t ping_every = platform::watchdog_interval_ms() / 2;
    std::int64_t last_ping = 0;
    const std::optional<std::int64_t> freeze_after = test_freeze_after_ms();
    while (!quit_) {
      draw_if_needed();
      if (!ready_sent && frames_drawn_ > 0) {
        // The first frame has been presented: only now is the unit "started".
        platform::notify_ready();
        platform::notify_status("showing " + ui::screen_title(state_.route().screen));
        ready_sent = true;
      }
      const std::int64_t now = platform::monotonic_ms();
      if (freeze_after && now - start_ms_ >= *freeze_after) freeze();
      if (ping_every > 0 && now - last_ping >= ping_every) {
        platform::notify_watchdog();
        last_ping = now;
      }
      int timeout = wait_timeout(now);
      if (ping_every > 0) timeout = std::min<int>(timeout, static_cast<int>(std::max<std::int64_t>(0, last_ping + ping_every - now)));
      if (freeze_after) timeout = std::min<int>(timeout, static_cast<int>(std::max<std::int64_t>(0, start_ms_ + *freeze_after - now)));
      for (const auto& e : display_.wait_events(timeout)) handle(e);
      advance();
    }
    platform::notify_stopping();
    return exit_status_;
  }

  [[nodiscard]] const std::string& exit_reason() const { return exit_reason_; }
  [[nodiscard]] const std::string& content_version() const { return state_.diagnostics.content_version; }

  // startup_fields: more JSON members (milestones of run_display) for bench/run.
  int bench(double load_ms, const std::string& startup_fields) {
    using Clock = std::chrono::steady_clock;
    // 1. The first frame, as a resident would see it on power-up.
    const long long kiosk_ready_unix_ms = realtime_ms();  // the Kiosk (model, views, status) is built
    draw_if_needed();
    const long long first_frame_unix_ms = realtime_ms();
    const std::string first_frame_fields =
        ", \"kiosk_ready_unix_ms\": " + std::to_string(kiosk_ready_unix_ms) +
        (views_ms_.empty() ? std::string()
                           : ", \"first_frame_views_ms\": " + std::to_string(views_ms_.back()) +
                                 ", \"first_frame_draw_ms\": " + std::to_string(draw_ms_.back()) +
                                 ", \"first_frame_present_ms\": " + std::to_string(present_ms_.back()));
    (void)display_.wait_events(0);
    // 2. 公示名单 on its longest category.
    state_ = ui::reduce(std::move(state_), ui::Action{ui::act::Go{ui::act::Place::Notices}});
    const auto& model = *state_.model;
    if (!model.notices().empty()) {
      std::size_t best = 0;
      const auto index = model.notice_index(state_.route().notice_id).value_or(0);
      content::Category cat = content::Category::StreetDemo;
      for (const auto c : content::kAllCategories) {
        if (model.members(index, c).size() > best) {
          best = model.members(index, c).size();
          cat = c;
        }
      }
      state_ = ui::reduce(std::move(state_), ui::Action{ui::act::Category{cat}});
    }
    // load_ms: parsing and validating (before the window opened), building the model, and laying
    // out the list screen.
    const auto t0 = Clock::now();
    views_.prepare(*state_.model, state_, {static_cast<float>(display_.width()), static_cast<float>(display_.height())});
    load_ms += model_ms_ + std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    draw_if_needed();
    frame_times_.clear();
    views_ms_.clear();
    draw_ms_.clear();
    present_ms_.clear();
    frame_cpu_ms_.clear();
    // 3. A scripted fling through the list for 10 s: a flick every second (mostly downwards,
    //    every fourth one back up), drawn at 60 frames per second while it moves.
    const float x = static_cast<float>(display_.width()) * 0.6F;
    const float y0 = static_cast<float>(display_.height()) * 0.7F;
    const auto begin = Clock::now();
    int flick = 0;
    std::int64_t next_flick = platform::monotonic_ms();
    while (Clock::now() - begin < std::chrono::seconds(10)) {
      const auto frame_start = Clock::now();
      const std::int64_t now = platform::monotonic_ms();
      if (now >= next_flick) {
        const float dir = flick % 4 == 3 ? 1.0F : -1.0F;
        InputEvent e{InputEvent::Kind::PointerDown, 7, {x, y0 + (dir > 0 ? -300.0F : 0.0F)}, {}, now};
        state_ = ui::reduce(std::move(state_), e);
        for (int k = 1; k <= 5; ++k) {
          e.kind = InputEvent::Kind::PointerMove;
          e.position.y += dir * 60;
          e.time_ms = now + 16 * k;
          state_ = ui::reduce(std::move(state_), e);
        }
        e.kind = InputEvent::Kind::PointerUp;
        e.time_ms = now + 16 * 5 + 4;
        state_ = ui::reduce(std::move(state_), e);
        ++flick;
        next_flick = now + 1000;
      }
      state_ = ui::reduce(std::move(state_), ui::Tick{platform::monotonic_ms()});
      draw_if_needed();
      (void)display_.wait_events(0);
      std::this_thread::sleep_until(frame_start + std::chrono::microseconds(16667));
    }
    const std::vector<double> fling_frames = frame_times_;
    const double views_p50 = percentile(views_ms_, 0.5), draw_p50 = percentile(draw_ms_, 0.5),
                 present_p50 = percentile(present_ms_, 0.5), draw_p99 = percentile(draw_ms_, 0.99),
                 present_p99 = percentile(present_ms_, 0.99), views_p99 = percentile(views_ms_, 0.99),
                 cpu_p50 = percentile(frame_cpu_ms_, 0.5), cpu_p99 = percentile(frame_cpu_ms_, 0.99);
    // The last fling runs out first: idle means nothing moves.
    while (ui::animating(state_) && !quit_) {
      state_ = ui::reduce(std::move(state_), ui::Tick{platform::monotonic_ms()});
      draw_if_needed();
      std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    // 4. Ten idle seconds in the real loop: frames drawn must be 0. Start clear of a minute
    //    change, which legitimately redraws the header clock, and with the clock caught up (the
    //    fling above may have crossed a minute the header has not shown yet).
    do {
      for (const auto& e : display_.wait_events(wall_clock().second > 48 ? 200 : 0)) handle(e);
      advance();
      draw_if_needed();
    } while (wall_clock().second > 48 && !quit_);
    const std::size_t frames_before = frames_drawn_;
    forced_frames_ = moving_frames_ = changed_frames_ = 0;
    std::vector<std::string> idle_causes;  // what changed the state while idle, for the report
    const auto idle_begin = Clock::now();
    while (Clock::now() - idle_begin < std::chrono::seconds(10) && !quit_) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::seconds(10) -
                                                                              (Clock::now() - idle_begin));
      const int timeout = std::min<int>(wait_timeout(platform::monotonic_ms()), static_cast<int>(left.count()) + 1);
      for (const auto& e : display_.wait_events(std::max(0, timeout))) {
        const ui::ViewKey before = ui::view_key(state_);
        handle(e);
        if (!(ui::view_key(state_) == before)) {
          idle_causes.push_back(e.kind == platform::PlatformEvent::Kind::Input
                                    ? "input " + std::to_string(static_cast<int>(e.input.kind)) + " at " +
                                          std::to_string(static_cast<int>(e.input.position.x)) + "," +
                                          std::to_string(static_cast<int>(e.input.position.y))
                                    : "platform event " + std::to_string(static_cast<int>(e.kind)));
        }
      }
      const ui::ViewKey before = ui::view_key(state_);
      const int minute_before = state_.minute_of_day;
      advance();
      if (!(ui::view_key(state_) == before)) {
        idle_causes.emplace_back(state_.minute_of_day != minute_before ? "the clock's minute" : "tick or status");
      }
      draw_if_needed();
    }
    const std::size_t idle_frames = frames_drawn_ - frames_before;
    std::string causes;
    for (const auto& c : idle_causes) causes += (causes.empty() ? "" : "; ") + c;
    std::ofstream out(options_.bench_out);
    out << "{\"first_frame_unix_ms\": " << first_frame_unix_ms << startup_fields << first_frame_fields << ", \"load_ms\": " << load_ms
        << ", \"frame_p50_ms\": " << percentile(fling_frames, 0.5) << ", \"frame_p99_ms\": "
        << percentile(fling_frames, 0.99) << ", \"fling_frames\": " << fling_frames.size()
        << ", \"idle_frames\": " << idle_frames << ", \"peak_rss_mb\": " << peak_rss_mb()
        << ", \"views_p50_ms\": " << views_p50 << ", \"views_p99_ms\": " << views_p99 << ", \"draw_p50_ms\": " << draw_p50
        << ", \"draw_p99_ms\": " << draw_p99 << ", \"present_p50_ms\": " << present_p50
        << ", \"present_p99_ms\": " << present_p99 << ", \"frame_cpu_p50_ms\": " << cpu_p50
        << ", \"frame_cpu_p99_ms\": " << cpu_p99 << ", \"idle_frames_forced\": " << forced_frames_
        << ", \"idle_frames_moving\": " << moving_frames_ << ", \"idle_frames_changed\": " << changed_frames_
        << ", \"idle_changes\": \"" << causes << "\"}\n";
    if (!out) {
      std::cerr << "kiosk: --bench: cannot write " << options_.bench_out << "\n";
      return 1;
    }
    return 0;
  }

 private:
  void handle(const platform::PlatformEvent& e) {
    switch (e.kind) {
      case platform::PlatformEvent::Kind::Input: {
        const int failures = state_.admin.failures, lockouts = state_.admin.lockouts;
        state_ = ui::reduce(std::move(state_), e.input);
        after_pin(failures, lockouts);
        break;
      }
      case platform::PlatformEvent::Kind::Resized:
      case platform::PlatformEvent::Kind::Redraw:
        force_redraw_ = true;
        break;
      case platform::PlatformEvent::Kind::Quit:
        stop(0, "SIGTERM or SIGINT (systemctl stop, or Ctrl+C)");
        break;
      case platform::PlatformEvent::Kind::CloseRequested:
        if (lockdown_) {
          log_.notice("lockdown: ignored the window manager's request to close the kiosk window");
        } else {
          stop(0, "the window was closed (--windowed)");
        }
        break;
      case platform::PlatformEvent::Kind::Reclaimed: {
        force_redraw_ = true;
        const std::int64_t now = platform::monotonic_ms();
        if (last_reclaim_log_ms_ == 0 || now - last_reclaim_log_ms_ >= 60'000) {
          log_.notice("lockdown: the kiosk window was hidden, minimised or lost the focus; raised it again");
          last_reclaim_log_ms_ = now;
        }
        break;
      }
    }
  }

  void stop(int status, std::string reason) {
    if (quit_) return;
    quit_ = true;
    exit_status_ = status;
    exit_reason_ = std::move(reason);
  }

  // The 维护 PIN pad: log wrong PINs and lockouts, leave on the right PIN.
  void after_pin(int failures_before, int lockouts_before) {
    const ui::AdminPin& a = state_.admin;
    if (a.lockouts != lockouts_before) {
      log_.warning("维护: wrong administrator PIN " + std::to_string(ui::kPinMaxTries) +
                   " times; the PIN pad is locked for " + std::to_string((a.locked_until_ms - state_.now_ms) / 1000) + " s");
    } else if (a.failures != failures_before && a.failures > 0) {
      log_.warning("维护: wrong administrator PIN (" + std::to_string(a.failures) + " of " +
                   std::to_string(ui::kPinMaxTries) + ")");
    }
    if (a.exit_requested) {
      stop(kExitAdministrator, "the administrator's PIN on 维护 (exit status " + std::to_string(kExitAdministrator) +
                                   ": systemd leaves the kiosk stopped)");
    }
  }

  // TEST ONLY (KIOSK_TEST_FREEZE_AFTER_MS): hang like a stuck loop, until killed.
  [[noreturn]] void freeze() {
    log_.warning("test hook KIOSK_TEST_FREEZE_AFTER_MS: the main loop stops here (no frames, no watchdog pings)");
    while (true) std::this_thread::sleep_for(std::chrono::hours(1));
  }

  // Time, wall clock, new content, status: everything that changes without input.
  void advance() {
    const std::int64_t now = platform::monotonic_ms();
    state_ = ui::reduce(std::move(state_), ui::Tick{now});
    const WallClock wall = wall_clock();
    const CivilDate date = options_.at.value_or(wall.date);
    if (date != state_.today || wall.minute_of_day != state_.minute_of_day) {
      state_ = ui::reduce(std::move(state_), ui::DateChanged{date, wall.minute_of_day});
    }
#if KIOSK_HAVE_SYNC
    if (service_) {
      if (auto bundle = service_->take_new_bundle()) {
        // Swapped between two frames; the reducer keeps a valid route and scroll position and
        // the next frame's bounds clamp it.
        auto model = std::make_shared<const ui::Model>(std::move(*bundle), config_.office_name, ++generation_,
                                                       qr_encoder());
        embedded_ = false;
        state_.diagnostics.content_note.clear();
        describe_content(model->bundle(), embedded_, state_.diagnostics);
        state_ = ui::reduce(std::move(state_), ui::ContentChanged{model});
        log_.info("content: now showing version " + state_.diagnostics.content_version +
                  (state_.diagnostics.content_issued_unix > 0
                       ? " (issued " + ui::format::timestamp(state_.diagnostics.content_issued_unix) + ")"
                       : std::string()));
      }
    }
#endif
    if (now - last_status_ms_ >= 1000) refresh_status();
  }

  // Sync status and process figures into the diagnostics (a frame follows only when the footer or
  // the 维护 screen shows something different: ui::view_key).
  void refresh_status() {
    const std::int64_t now = platform::monotonic_ms();
    last_status_ms_ = now;
    ui::Diagnostics d = state_.diagnostics;
    const WallClock wall = wall_clock();
    d.now_unix = wall.unix;
    d.uptime_s = (now - start_ms_) / 1000;
    d.rss_mb = rss_mb();
    if (!frame_times_.empty()) {
      const std::size_t n = std::min<std::size_t>(frame_times_.size(), 600);
      const std::vector<double> recent(frame_times_.end() - static_cast<std::ptrdiff_t>(n), frame_times_.end());
      d.frame_p50_ms = percentile(recent, 0.5);
      d.frame_p99_ms = percentile(recent, 0.99);
      d.frame_last_ms = frame_times_.back();
    }
    std::string fonts;
    for (const auto& f : fonts_.faces()) {
      fonts += (fonts.empty() ? "" : ";") + f.family + " (" + f.file + " #" + std::to_string(f.index) + ")";
    }
    d.fonts = fonts.empty() ? "未找到字体" : fonts;
#if KIOSK_HAVE_SYNC
    if (service_) {
      const sync::Status s = service_->status();
      d.sync_state = s.syncing ? "正在同步" : s.last_round_unix == 0 ? "等待首次同步"
                                 : s.last_ok ? "正常" : "连续失败 " + std::to_string(s.consecutive_failures) + " 次";
      if (s.last_round_unix > 0) d.last_sync_result = ui::format::timestamp(s.last_round_unix) + " " + s.last_result;
      d.last_error = s.last_ok ? "" : s.last_result;
      d.offline = s.consecutive_failures >= 3;
      d.expired = s.expires_at_unix > 0 && wall.unix > s.expires_at_unix;
    } else if (config_broken_) {
      d.sync_state = "未同步:配置文件有误";
    } else {
      d.sync_state = config_.content.server_url.empty() || !options_.content_dir.empty() ? "未配置同步" : "未启用";
    }
#else
    d.sync_state = "未启用";
#endif
    if (!d.expired && d.content_expires_unix > 0 && wall.unix > d.content_expires_unix) d.expired = true;
    state_.diagnostics = std::move(d);
  }

  int wait_timeout(std::int64_t now) const {
    // While something moves: the next frame ~16 ms after the last one (60 Hz), no busy loop.
    if (ui::animating(state_)) return static_cast<int>(std::clamp<std::int64_t>(last_frame_ms_ + 16 - now, 0, 16));
    std::int64_t until = 60'000;
    if (const auto deadline = ui::next_deadline(state_)) until = std::min(until, *deadline - now);
    const WallClock wall = wall_clock();
    until = std::min<std::int64_t>(until, (60 - wall.second) * 1000 + 5);
#if KIOSK_HAVE_SYNC
    if (service_) until = std::min<std::int64_t>(until, 1000);
#endif
    if (state_.route().screen == ui::ScreenId::Diagnostics) until = std::min<std::int64_t>(until, 1000);
    return static_cast<int>(std::clamp<std::int64_t>(until, 0, 60'000));
  }

  void draw_if_needed() {
    const bool moving = ui::animating(state_);
    if (!force_redraw_ && !moving && drawn_ && *drawn_ == ui::view_key(state_)) return;
    ++(force_redraw_ ? forced_frames_ : moving ? moving_frames_ : changed_frames_);
    const auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = thread_cpu_ms();
    const ui::Size size{static_cast<float>(display_.width()), static_cast<float>(display_.height())};
    ui::DisplayList list = views_.render(*state_.model, state_, size);
    const auto t1 = std::chrono::steady_clock::now();
    // A window that keeps its pixels gets only what changed since the last frame (the scrolled
    // list, not the header and buttons around it); an exposed or resized one gets everything.
    std::vector<PixelRect> changed;
    if (display_.keeps_frame()) {
      if (force_redraw_) renderer_.invalidate();
      changed = renderer_.draw_changes(list);
    } else {
      renderer_.draw(list);
    }
    const auto t2 = std::chrono::steady_clock::now();
    if (display_.keeps_frame()) {
      display_.present(changed);
    } else {
      display_.present();
    }
    const auto t3 = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(t3 - t0).count();
    views_ms_.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    draw_ms_.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    present_ms_.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
    frame_cpu_ms_.push_back(thread_cpu_ms() - cpu0);
    last_frame_ms_ = platform::monotonic_ms();
    frame_times_.push_back(ms);
    if (frame_times_.size() > 4096) frame_times_.erase(frame_times_.begin(), frame_times_.begin() + 2048);
    for (auto* v : {&views_ms_, &draw_ms_, &present_ms_, &frame_cpu_ms_}) {  // bounded over weeks of running
      if (v->size() > 4096) v->erase(v->begin(), v->begin() + 2048);
    }
    ++frames_drawn_;
    state_ = ui::reduce(std::move(state_), ui::FrameLaidOut{std::move(list.hotspots), std::move(list.scroll_areas), size});
    drawn_ = ui::view_key(state_);
    force_redraw_ = false;
  }

  platform::Logger& log_;
  bool lockdown_ = false;  // full screen: the window manager's close is ignored
  int exit_status_ = 0;
  std::string exit_reason_ = "the loop ended";
  std::int64_t last_reclaim_log_ms_ = 0;
  const Options& options_;
  config::Config config_;
  platform::Display& display_;
  render::FontLibrary& fonts_;
  render::FontMeasurer measurer_;
  render::Renderer renderer_;
  ui::Views views_;
  bool embedded_ = true;
  bool config_broken_ = false;  // running on a salvaged configuration (LoadedConfig::error)
  std::uint64_t generation_ = 0;
  CivilDate date_;
  int minute_ = 0;
  ui::State state_;
  std::int64_t start_ms_ = 0;
  double model_ms_ = 0;
  std::int64_t last_status_ms_ = 0;
  std::optional<ui::ViewKey> drawn_;  // what the last frame showed
  bool force_redraw_ = true;
  bool quit_ = false;
  std::size_t frames_drawn_ = 0;
  std::vector<double> frame_times_;
  std::vector<double> views_ms_, draw_ms_, present_ms_;  // --bench breakdown
  std::vector<double> frame_cpu_ms_;  // --bench: CPU time of this thread per frame (not waiting for a core)
  std::int64_t last_frame_ms_ = 0;
  std::size_t forced_frames_ = 0, moving_frames_ = 0, changed_frames_ = 0;  // why frames were drawn
#if KIOSK_HAVE_SYNC
  std::unique_ptr<sync::Service> service_;
#endif
};

}  // namespace

int run_display(const Options& options, const LoadedConfig& config,
                std::function<std::optional<StartupContent>(std::string& error)> load, platform::Logger& log) {
  // Parsing and validating a large bundle takes as long as opening the window and the fonts:
  // do both at once.
  std::string load_error;
  double load_ms = 0;
  // Start-up milestones (wall clock ms) for --bench: where the first frame's time goes.
  const long long entered_unix_ms = realtime_ms();
  long long loaded_unix_ms = 0;
  auto loading = std::async(std::launch::async, [&]() {
    const auto t0 = std::chrono::steady_clock::now();
    auto content = load(load_error);
    load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    loaded_unix_ms = realtime_ms();
    return content;
  });
  platform::DisplayOptions d;
  const auto& cfg = config.config.display;
  int w = cfg.width, h = cfg.height;
  if (cfg.orientation == config::Orientation::Portrait && w > h) std::swap(w, h);
  if (options.size) std::tie(w, h) = *options.size;
  d.width = w;
  d.height = h;
  d.fullscreen = cfg.fullscreen && !options.windowed && options.mode != Options::Mode::Bench;
  d.lockdown = d.fullscreen;  // a resident cannot close, minimise or leave a full-screen kiosk
  d.show_cursor = options.windowed;
  std::string error;
  // No X server, no Wayland and no video driver asked for (the systemd unit sets
  // SDL_VIDEODRIVER=kmsdrm for a bare console): there is nothing to show a window on, and SDL
  // would otherwise fall back to a driver nobody sees.
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0';
  };
  std::unique_ptr<platform::Display> display;
  if (!set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("SDL_VIDEODRIVER")) {
    error = "no DISPLAY or WAYLAND_DISPLAY, and SDL_VIDEODRIVER is not set (e.g. kmsdrm)";
  } else {
    display = platform::Display::open(d, error);
  }
  if (!display) {
    loading.wait();
    const std::string prefix = "no display available";
    const std::string why = error.rfind(prefix, 0) == 0 ? error : prefix + ": " + error;
    log.error("kiosk: " + why + "; to render a screen without one: kiosk --screenshot OUT.png --screen home");
    return 1;
  }
  const long long display_unix_ms = realtime_ms();
  render::FontLibrary fonts(config.config.fonts.families);
  if (!fonts.usable()) {
    loading.wait();
    log.error("kiosk: none of the configured fonts is installed (fonts.families in " + config.source +
              "); install fonts-noto-cjk");
    return 1;
  }
  // Open the primary face, regular and bold, while the content still loads, not in the first frame.
  (void)fonts.advance(U'\u516c', 32, false);
  (void)fonts.advance(U'\u516c', 32, true);
  const long long fonts_unix_ms = realtime_ms();
  // While the content still loads, show the page's paper colour: the window is not left black,
  // and its surface and the display server's copy of it are set up before the first real frame.
  if (loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    ui::DisplayList paper;
    paper.background = ui::palette::kPaper;
    render::Renderer(display->renderer(), fonts).draw(paper);
    display->present();
  }
  auto content = loading.get();
  if (!content) {
    log.error(load_error);
    return 1;
  }
  if (!content->note.empty()) log.warning("kiosk: " + content->note);
  const std::string origin = content->origin;
  const bool embedded = content->source == ContentSource::Embedded;
  const bool lockdown = d.lockdown;
  Kiosk kiosk(options, config, std::move(*content), *display, fonts, log, lockdown);
  if (options.mode == Options::Mode::Bench) {
    return kiosk.bench(load_ms, ", \"run_display_unix_ms\": " + std::to_string(entered_unix_ms) +
                                    ", \"window_open_unix_ms\": " + std::to_string(display_unix_ms) +
                                    ", \"fonts_ready_unix_ms\": " + std::to_string(fonts_unix_ms) +
                                    ", \"content_loaded_unix_ms\": " + std::to_string(loaded_unix_ms));
  }
  // The restart cause: how the previous run ended (a "running" record left behind means it died).
  RunState run_state(config.config.content.cache_dir);
  if (const auto previous = run_state.begin(); !previous.line.empty()) log.log(previous.priority, previous.line);
  const std::string server = url::redact_userinfo(config.config.content.server_url);
  const std::int64_t watchdog_ms = platform::watchdog_interval_ms();
  for (const auto& warning : config.config.warnings) log.warning("kiosk: " + warning.line());
  log.info(std::string("kiosk ") + KIOSK_VERSION + " started: config " + config.source +
           (config.error.empty() ? "" : " (did not load: the valid keys only, no sync)") + "; content " + origin +
           (embedded ? "" : " (version " + kiosk.content_version() + ")") + "; " +
           (server.empty() || !options.content_dir.empty() ? std::string("no sync") : "sync from " + server) +
           "; video " + display->video_driver() + "/" + display->renderer_name() + " " +
           std::to_string(display->width()) + "x" + std::to_string(display->height()) +
           (lockdown ? " full screen, locked down" : " windowed") + "; watchdog " +
           (watchdog_ms > 0 ? std::to_string(watchdog_ms / 1000) + " s" : std::string("off")) +
           (!config.config.admin.pin_hash.empty()     ? "; administrator PIN set (Argon2id)"
            : !config.config.admin.pin_sha256.empty() ? "; administrator PIN set (legacy SHA-256)"
                                                      : "; no administrator PIN"));
  const int status = kiosk.run();
  log.info("kiosk stopping (exit status " + std::to_string(status) + "): " + kiosk.exit_reason());
  run_state.end(status, kiosk.exit_reason());
  return status;
}

}  // namespace kiosk::app
