// The event-driven display loop (systemd's READY, WATCHDOG and STOPPING included) and start-up:
// the window, the fonts and the content loading at once, then the loop or the --bench script.
#include "app/loop.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <future>
#include <memory>
#include <optional>
#include <vector>

#include "app/bench_script.hpp"
#include "app/kiosk.hpp"
#include "app/lifecycle.hpp"
#include "core/url.hpp"
#include "platform/clock.hpp"
#include "platform/display.hpp"
#include "platform/notify.hpp"
#include "render/renderer.hpp"
#include "screenshot/resources.hpp"
#include "tz/office_time.hpp"
#include "ui/format.hpp"
#include "ui/palette.hpp"
#include "ui/views.hpp"

namespace kiosk::app {
namespace {

long long realtime_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The real loop. Returns the exit status.
int run_loop(Kiosk& kiosk) {
  bool ready_sent = false;
  // WATCHDOG=1 every half WatchdogSec, from this loop only: a loop that hangs stops the pings.
  const std::int64_t ping_every = platform::watchdog_interval_ms() / 2;
  std::int64_t last_ping = 0;
  const std::optional<std::int64_t> freeze_after = test_freeze_after_ms();
  const std::int64_t start_ms = kiosk.start_ms();
  while (!kiosk.quitting()) {
    kiosk.draw_if_needed();
    if (!ready_sent && kiosk.frames().drawn > 0) {
      // The first frame has been presented: only now is the unit "started".
      platform::notify_ready();
      platform::notify_status("showing " + ui::screen_title(kiosk.state().route().screen));
      ready_sent = true;
    }
    const std::int64_t now = platform::monotonic_ms();
    if (freeze_after && now - start_ms >= *freeze_after) freeze_for_test(kiosk.log());
    if (ping_every > 0 && now - last_ping >= ping_every) {
      platform::notify_watchdog();
      last_ping = now;
    }
    int timeout = kiosk.wait_timeout(now);
    if (ping_every > 0)
      timeout = std::min<int>(
          timeout, static_cast<int>(std::max<std::int64_t>(0, last_ping + ping_every - now)));
    if (freeze_after)
      timeout = std::min<int>(
          timeout, static_cast<int>(std::max<std::int64_t>(0, start_ms + *freeze_after - now)));
    for (const auto& e : kiosk.display().wait_events(timeout)) kiosk.handle(e);
    kiosk.advance();
  }
  platform::notify_stopping();
  return kiosk.exit_status();
}

// The loop between the journal's start and stop lines (after the restart cause and the config's
// warnings), recorded in run-state: the restart cause is how the previous run ended (a "running"
// record left behind means it died).
int run_recorded(Kiosk& kiosk, const config::Config& config, const std::string& started,
                 platform::Logger& log) {
  RunState run_state(config.content.cache_dir);
  if (const auto previous = run_state.begin(kiosk.clock().zone()); !previous.line.empty())
    log.log(previous.priority, previous.line);
  for (const auto& warning : config.warnings) log.warning("kiosk: " + warning.line());
  log.info(started);
  const int status = run_loop(kiosk);
  kiosk.finish_display_log();
  log.info("kiosk stopping (exit status " + std::to_string(status) + "): " + kiosk.exit_reason());
  run_state.end(status, kiosk.exit_reason());
  return status;
}

// The window asked for: the configured size (turned for portrait) or --size, full screen and
// locked down unless --windowed or --bench.
platform::DisplayOptions display_options(const Options& options, const config::Config& config) {
  platform::DisplayOptions d;
  const auto& cfg = config.display;
  int w = cfg.width, h = cfg.height;
  if (cfg.orientation == config::Orientation::Portrait && w > h) std::swap(w, h);
  if (options.size) std::tie(w, h) = *options.size;
  d.width = w;
  d.height = h;
  d.fullscreen = cfg.fullscreen && !options.windowed && options.mode != Options::Mode::Bench;
  d.lockdown = d.fullscreen;  // a resident cannot close, minimise or leave a full-screen kiosk
  d.show_cursor = options.windowed;
  return d;
}

// The window, or why there is none.
Result<std::unique_ptr<platform::Display>> open_display(const platform::DisplayOptions& d) {
  // No X server, no Wayland and no video driver asked for (the systemd unit sets
  // SDL_VIDEODRIVER=kmsdrm for a bare console): there is nothing to show a window on, and SDL
  // would otherwise fall back to a driver nobody sees.
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0';
  };
  if (!set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("SDL_VIDEODRIVER")) {
    return Error{"no DISPLAY or WAYLAND_DISPLAY, and SDL_VIDEODRIVER is not set (e.g. kmsdrm)"};
  }
  return platform::Display::open(d);
}

// The journal's start line: version, config, content, sync, video, lockdown, watchdog, PIN.
std::string start_line(const Options& options, const LoadedConfig& config, ContentSource source,
                       const std::string& origin, const std::string& version,
                       const platform::Display& display, bool lockdown) {
  const std::string server = url::redact_userinfo(config.config.content.server_url);
  const std::int64_t watchdog_ms = platform::watchdog_interval_ms();
  return std::string("kiosk ") + KIOSK_VERSION + " started: config " + config.source +
         (config.error.empty() ? "" : " (did not load: the valid keys only, no sync)") +
         "; content " + origin +
         (source == ContentSource::Embedded ? "" : " (version " + version + ")") + "; " +
         (server.empty() || !options.content_dir.empty() ? std::string("no sync")
                                                         : "sync from " + server) +
         "; video " + display.video_driver() + "/" + display.renderer_name() + " " +
         std::to_string(display.width()) + "x" + std::to_string(display.height()) +
         (lockdown ? " full screen, locked down" : " windowed") + "; watchdog " +
         (watchdog_ms > 0 ? std::to_string(watchdog_ms / 1000) + " s" : std::string("off")) +
         (!config.config.admin.pin_hash.empty()     ? "; administrator PIN set (Argon2id)"
          : !config.config.admin.pin_sha256.empty() ? "; administrator PIN set (legacy SHA-256)"
                                                    : "; no administrator PIN");
}

}  // namespace

int run_display(const Options& options, const LoadedConfig& config,
                std::function<Result<StartupContent>()> load, platform::Logger& log) {
  // Parsing and validating a large bundle takes as long as opening the window and the fonts: it
  // runs on its own thread, and builds the model there too (10,000 applicants: ~3 ms the first
  // frame no longer waits for).
  double load_ms = 0;
  // Start-up milestones (wall clock ms) for --bench: where the first frame's time goes.
  const long long entered_unix_ms = realtime_ms();
  long long loaded_unix_ms = 0;
  auto loading = std::async(std::launch::async, [&]() -> Result<KioskStart> {
    const auto t0 = std::chrono::steady_clock::now();
    auto content = load();
    load_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    loaded_unix_ms = realtime_ms();
    if (!content) return content.error();
    return with_model(std::move(*content), config.config);
  });
  // And the fonts (fontconfig's start-up, the primary face regular and bold) on a third thread:
  // opening the window mostly waits for the display server, which this fills.
  long long fonts_unix_ms = 0;
  auto opening_fonts = std::async(std::launch::async, [&]() {
    auto fonts = std::make_unique<render::FontLibrary>(config.config.fonts.families);
    (void)fonts->open_primary();
    fonts_unix_ms = realtime_ms();
    return fonts;
  });
  const platform::DisplayOptions d = display_options(options, config.config);
  auto opened = open_display(d);
  if (!opened) {
    opening_fonts.wait();
    loading.wait();
    const std::string& error = opened.error().what;
    const std::string prefix = "no display available";
    const std::string why = error.rfind(prefix, 0) == 0 ? error : prefix + ": " + error;
    log.error("kiosk: " + why +
              "; to render a screen without one: kiosk --screenshot OUT.png --screen home");
    return 1;
  }
  const std::unique_ptr<platform::Display> display = std::move(opened).value();
  const long long display_unix_ms = realtime_ms();
  const std::unique_ptr<render::FontLibrary> opened_fonts = opening_fonts.get();
  render::FontLibrary& fonts = *opened_fonts;
  if (!fonts.usable()) {
    loading.wait();
    log.error("kiosk: none of the configured fonts is installed (fonts.families in " +
              config.source + "); install fonts-noto-cjk");
    return 1;
  }
  // While the content still loads, show the page's paper colour: the window is not left black,
  // and its surface and the display server's copy of it are set up before the first real frame.
  if (loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    draw::DisplayList paper;
    paper.background = ui::palette::kPaper;
    render::Renderer(display->renderer(), fonts).draw(paper);
    display->present();
  }
  // Still while it loads: the office clock (the time zone database, ~3 ms), the font roles, and
  // 待机 without content drawn unseen, so the first frame finds its glyphs ready.
  tz::Clock clock = office_clock(config.config, options);
  ui::FontRoles roles = screenshot::load_roles();
  if (loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    render::Renderer unseen(display->renderer(), fonts);
    rehearse_standby(unseen, fonts, roles, options, config.config, clock,
                     {static_cast<float>(display->width()), static_cast<float>(display->height())});
  }
  auto start = loading.get();
  if (!start) {
    log.error(start.error().what);
    return 1;
  }
  const StartupContent& content = start->content;
  if (!content.note.empty()) log.warning("kiosk: " + content.note);
  const ContentSource source = content.source;
  const std::string origin = content.origin;
  const bool lockdown = d.lockdown;
  Kiosk kiosk(options, config, std::move(*start), std::move(clock), std::move(roles), *display,
              fonts, log, lockdown);
  if (options.mode == Options::Mode::Bench) {
    return run_bench_script(kiosk, load_ms,
                            ", \"run_display_unix_ms\": " + std::to_string(entered_unix_ms) +
                                ", \"window_open_unix_ms\": " + std::to_string(display_unix_ms) +
                                ", \"fonts_ready_unix_ms\": " + std::to_string(fonts_unix_ms) +
                                ", \"content_loaded_unix_ms\": " + std::to_string(loaded_unix_ms),
                            options.bench_out);
  }
  const std::string started =
      start_line(options, config, source, origin, kiosk.content_version(), *display, lockdown);
  return run_recorded(kiosk, config.config, started, log);
}

}  // namespace kiosk::app
