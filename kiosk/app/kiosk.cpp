// The kiosk between frames: events, the clock, new content, status, and drawing only what changed.
#include "app/kiosk.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <utility>

#include "app/lifecycle.hpp"
#include "config/pin.hpp"
#include "core/url.hpp"
#include "platform/clock.hpp"
#include "platform/log.hpp"
#include "ui/format.hpp"
#include "ui/reducer.hpp"

namespace kiosk::app {
namespace {

// CPU time of the calling thread: a frame's own work, apart from time spent waiting for a core.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace

ui::State starting_state(std::shared_ptr<const ui::Model> model, const Options& options,
                         const config::Config& config, const tz::Clock& clock,
                         std::int64_t now_ms) {
  const tz::OfficeTime wall = clock.now();
  const CivilDate date = options.at.value_or(wall.date);
  const int minute = wall.minute_of_day;
  ui::State state =
      ui::initial_state(std::move(model), now_ms, date, minute, config.idle_timeout_s);
  state.zone = clock.zone();
  state.large_text = options.large_text;
  if (options.mode != Options::Mode::Bench) {
    // Outside office hours 待机 dims (the scripted benchmark keeps the screens it measures).
    state.open_minute = config.office_hours.open.minutes();
    state.close_minute = config.office_hours.close.minutes();
    state = ui::reduce(std::move(state), ui::DateChanged{date, minute});
  }
  return state;
}

void rehearse_standby(render::Renderer& renderer, render::FontLibrary& fonts,
                      const ui::FontRoles& roles, const Options& options,
                      const config::Config& config, const tz::Clock& clock, ui::Size size) {
  render::FontMeasurer measurer(fonts);
  ui::Views views(measurer, roles);
  const ui::State state =
      starting_state(make_model(content::Bundle{}, config, 0), options, config, clock, 0);
  renderer.draw(views.render(*state.model, state, size));
}

Kiosk::Kiosk(const Options& options, const LoadedConfig& config, KioskStart start, tz::Clock clock,
             ui::FontRoles roles, platform::Display& display, render::FontLibrary& fonts,
             platform::Logger& log, bool lockdown)
    : log_(log),
      lockdown_(lockdown),
      options_(options),
      config_(config.config),
      clock_(std::move(clock)),
      display_(display),
      fonts_(fonts),
      measurer_(fonts),
      renderer_(display.renderer(), fonts),
      views_(measurer_, std::move(roles)),
      embedded_(start.content.source == ContentSource::Embedded),
      generation_(start.model->generation()) {
  start_ms_ = platform::monotonic_ms();
  const StartupContent& content = start.content;
  const std::shared_ptr<const ui::Model>& model = start.model;
  model_ms_ = start.model_ms;
  state_ = starting_state(model, options, config_, clock_, start_ms_);
  if (config::has_pin(config_.admin)) {
    // Argon2id (or the legacy SHA-256) here, not in the UI; the pad's lockout stays the UI's.
    state_.admin.verify = [admin = config_.admin](std::string_view pin) {
      return config::verify_pin(admin, pin);
    };
  }
  screenshot::describe_content(model->bundle(), embedded_, state_.diagnostics);
  state_.diagnostics.server = url::redact_userinfo(config_.content.server_url);
  state_.diagnostics.config_error = config.error;
  config_broken_ = !config.error.empty();
  if (!content.note.empty()) state_.diagnostics.last_error = content.note;
  state_.diagnostics.content_note = content.note;  // stays on 维护 until sync replaces the content
  if (content.sync)
    sync_ = ContentSync::start(config_, model->bundle().manifest, content.manifest_sha256,
                               embedded_, log_);
  shown_since_unix_ = clock_.now_unix();
  if (!config_broken_ && options.mode == Options::Mode::Display)
    report_ = Reporting::start(config_, options, log_);
  refresh_status();
  if (options.mode == Options::Mode::Display) {
    events_ = DisplayEvents::start(config_, clock_.zone(), log_);
    if (content.source == ContentSource::Cache) manifest_dir_ = config_.content.cache_dir;
    if (content.source == ContentSource::Cache) manifest_dir_ /= "current";
    if (content.source == ContentSource::Directory) manifest_dir_ = options.content_dir;
    if (model->bundle().manifest && !manifest_dir_.empty())
      manifest_sha256_ = manifest_sha256_in(manifest_dir_, model->bundle().manifest->version);
    observe_board(false);
  }
}

void Kiosk::observe_board(bool content_changed) {
  if (!events_) return;
  const bool dimmed = state_.route().screen == ui::ScreenId::Dimmed;
  const auto key = std::tuple(state_.today, generation_, dimmed, state_.diagnostics.offline);
  if (board_key_ == key && !content_changed) return;
  board_key_ = key;
  BoardState b;
  const content::Bundle& bundle = state_.model->bundle();
  if (bundle.manifest) b.version = bundle.manifest->version;
  b.manifest_sha256 = manifest_sha256_;
  for (const std::size_t i : state_.model->current_notices(state_.today))
    b.notices.insert(bundle.notices[i].id);
  // A notice ended by a `terminated` record leaves the board with that reason (LIFECYCLE.md).
  for (const content::Notice& n : bundle.notices)
    if (n.termination()) b.terminated.insert(n.id);
  b.dimmed = dimmed;
  b.offline = state_.diagnostics.offline;
  // The sync's line, with any user:password@ or credential in a URL taken out (the log leaves
  // the kiosk with its reports).
  b.offline_reason = platform::redact(state_.diagnostics.last_error);
  events_->observe(b, content_changed, clock_.now_unix());
}

void Kiosk::finish_display_log() {
  if (events_) events_->stop(clock_.now_unix());
}

void Kiosk::handle(const platform::PlatformEvent& e) {
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
        log_.notice(
            "lockdown: the kiosk window was hidden, minimised or lost the focus; raised it again");
        last_reclaim_log_ms_ = now;
      }
      break;
    }
  }
}

void Kiosk::stop(int status, std::string reason) {
  if (quit_) return;
  quit_ = true;
  exit_status_ = status;
  exit_reason_ = std::move(reason);
}

// The 维护 PIN pad: log wrong PINs and lockouts, leave on the right PIN.
void Kiosk::after_pin(int failures_before, int lockouts_before) {
  const ui::AdminPin& a = state_.admin;
  if (a.lockouts != lockouts_before) {
    log_.warning("维护: wrong administrator PIN " + std::to_string(ui::kPinMaxTries) +
                 " times; the PIN pad is locked for " +
                 std::to_string((a.locked_until_ms - state_.now_ms) / 1000) + " s");
  } else if (a.failures != failures_before && a.failures > 0) {
    log_.warning("维护: wrong administrator PIN (" + std::to_string(a.failures) + " of " +
                 std::to_string(ui::kPinMaxTries) + ")");
  }
  if (a.exit_requested) {
    stop(kExitAdministrator, "the administrator's PIN on 维护 (exit status " +
                                 std::to_string(kExitAdministrator) +
                                 ": systemd leaves the kiosk stopped)");
  }
}

void Kiosk::advance() {
  const std::int64_t now = platform::monotonic_ms();
  state_ = ui::reduce(std::move(state_), ui::Tick{now});
  const tz::OfficeTime wall = clock_.now();
  const CivilDate date = options_.at.value_or(wall.date);
  if (date != state_.today || wall.minute_of_day != state_.minute_of_day) {
    state_ = ui::reduce(std::move(state_), ui::DateChanged{date, wall.minute_of_day});
  }
  bool swapped = false;
  if (sync_) {
    if (auto bundle = sync_->take_new_bundle()) {
      // Swapped between two frames; the reducer keeps a valid route and scroll position and
      // the next frame's bounds clamp it.
      auto model = make_model(std::move(*bundle), config_, ++generation_);
      embedded_ = false;
      state_.diagnostics.content_note.clear();
      screenshot::describe_content(model->bundle(), embedded_, state_.diagnostics);
      state_ = ui::reduce(std::move(state_), ui::ContentChanged{model});
      manifest_dir_ = std::filesystem::path(config_.content.cache_dir) / "current";
      manifest_sha256_ = model->bundle().manifest
                             ? manifest_sha256_in(manifest_dir_, model->bundle().manifest->version)
                             : std::string();
      swapped = true;
      shown_since_unix_ = clock_.now_unix();
      log_.info(
          "content: now showing version " + state_.diagnostics.content_version +
          (state_.diagnostics.content_issued_unix > 0
               ? " (issued " +
                     ui::format::timestamp(state_.diagnostics.content_issued_unix, clock_.zone()) +
                     ")"
               : std::string()));
    }
  }
  if (now - last_status_ms_ >= 1000 || swapped) refresh_status();
  observe_board(swapped);
  // After the snapshot names the new content (and the display log has its records).
  if (swapped && report_) report_->after_install();
}

// Sync status and process figures into the diagnostics (a frame follows only when the footer or
// the 维护 screen shows something different: ui::view_key).
void Kiosk::refresh_status() {
  const std::int64_t now = platform::monotonic_ms();
  last_status_ms_ = now;
  ui::Diagnostics d = state_.diagnostics;
  const long long wall = clock_.now_unix();
  describe_process(frames_, fonts_, now - start_ms_, wall, d);
  if (sync_) {
    sync_->describe(wall, clock_.zone(), d);
  } else {
    describe_no_sync(config_broken_, config_, options_, d);
  }
  if (!d.expired && d.content_expires_unix > 0 && wall > d.content_expires_unix) d.expired = true;
  if (report_) {
    ReportSnapshot r;
    const auto& manifest = state_.model->bundle().manifest;
    r.content_version = manifest ? manifest->version : 0;
    r.content_label = d.content_version;
    r.manifest_sha256 = manifest_sha256_;
    r.shown_since_unix = shown_since_unix_;
    if (sync_) {
      const auto b = sync_->brief();
      r.sync_state = b.state, r.sync_result = b.result, r.sync_time_unix = b.time_unix,
      r.sync_failures = b.failures;
    }
    r.uptime_s = d.uptime_s;
    r.rss_mb = d.rss_mb;
    r.screen_name = screen_name_of(state_);
    r.screen = r.screen_name == "dimmed" ? "dimmed" : "on:" + r.screen_name;
    report_->publish(std::move(r));
  }
  state_.diagnostics = std::move(d);
}

int Kiosk::wait_timeout(std::int64_t now) const {
  // While something moves: the next frame ~16 ms after the last one (60 Hz), no busy loop.
  if (ui::animating(state_))
    return static_cast<int>(std::clamp<std::int64_t>(last_frame_ms_ + 16 - now, 0, 16));
  std::int64_t until = 60'000;
  if (const auto deadline = ui::next_deadline(state_)) until = std::min(until, *deadline - now);
  until = std::min<std::int64_t>(until, (60 - clock_.now().second) * 1000 + 5);
  if (sync_) until = std::min<std::int64_t>(until, 1000);
  if (state_.route().screen == ui::ScreenId::Diagnostics)
    until = std::min<std::int64_t>(until, 1000);
  return static_cast<int>(std::clamp<std::int64_t>(until, 0, 60'000));
}

void Kiosk::draw_if_needed() {
  const bool moving = ui::animating(state_);
  if (!force_redraw_ && !moving && drawn_ && *drawn_ == ui::view_key(state_)) return;
  ++(force_redraw_ ? frames_.forced : moving ? frames_.moving : frames_.changed);
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
  using Ms = std::chrono::duration<double, std::milli>;
  frames_.record(Ms(t1 - t0).count(), Ms(t2 - t1).count(), Ms(t3 - t2).count(),
                 thread_cpu_ms() - cpu0);
  last_frame_ms_ = platform::monotonic_ms();
  state_ = ui::reduce(std::move(state_), ui::FrameLaidOut{std::move(list.hotspots),
                                                          std::move(list.scroll_areas), size});
  drawn_ = ui::view_key(state_);
  force_redraw_ = false;
}

}  // namespace kiosk::app
