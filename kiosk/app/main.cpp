// kiosk: the 社区公示触摸屏 display program (shared/spec/CLI.md). Wires config, content, fonts,
// the UI and the display together; see options.cpp for the command line.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/display_events.hpp"
#include "app/loop.hpp"
#include "app/options.hpp"
#include "app/report_wiring.hpp"
#include "app/runtime.hpp"
#include "core/url.hpp"
#include "fleet/identity.hpp"
#include "render/font_library.hpp"
#include "render/offscreen.hpp"
#include "screenshot/resources.hpp"
#include "screenshot/screenshot.hpp"
#include "tz/office_time.hpp"
#include "ui/model.hpp"
#if KIOSK_HAVE_SYNC
#include "app/sync_once.hpp"
#endif

namespace {

using kiosk::app::Options;

int check_config(const kiosk::app::LoadedConfig& loaded) {
  const auto& c = loaded.config;
  std::cout << "config: " << loaded.source << " (valid)\n";
  std::cout << "office_name: " << c.office_name << "\n";
  const auto clock = kiosk::app::office_clock(c, kiosk::app::Options{});
  std::cout << "timezone: " << c.timezone << " (office time now "
            << clock.zone().rfc3339(clock.now_unix()) << ")\n";
  kiosk::render::FontLibrary fonts(c.fonts.families);
  for (const auto& f : fonts.faces()) {
    std::cout << "font: " << f.family << " -> " << f.file << " index " << f.index;
    if (f.has_bold()) std::cout << " (bold: " << f.bold_file << " index " << f.bold_index << ")";
    std::cout << "\n";
  }
  for (const auto& m : fonts.missing()) std::cout << "font missing: " << m << "\n";
  const auto roles = kiosk::screenshot::read_roles();
  std::cout << "font sizes: " << kiosk::screenshot::data_file("fonts/fonts.json").string()
            << (roles ? "" : " (problem: " + roles.error().what + "; built-in sizes used)") << "\n";
  std::cout << "cache_dir: " << c.content.cache_dir << "\n";
  std::cout << "kiosk_id: "
            << (c.kiosk_id.empty() ? kiosk::fleet::host_name() + " (the host name)" : c.kiosk_id)
            << "\nstate_dir: " << c.state_dir << " (the kiosk's key and display log)\n";
  std::cout << "server: "
            << (c.content.server_url.empty() ? "(none: installed or embedded content, no sync)"
                                             : kiosk::url::redact_userinfo(c.content.server_url))
            << "\n";
  std::cout << "ca_file: "
            << (c.content.ca_file.empty() ? "(none: the system's CAs)" : c.content.ca_file) << "\n";
  std::cout << "poll_interval_s: " << c.content.poll_interval_s << "\n";
  std::cout << "trusted_keys: " << c.content.trusted_keys.size()
            << (c.content.threshold > 1 ? ", threshold " + std::to_string(c.content.threshold) : "")
            << (c.content.allow_unsigned ? " (allow_unsigned: true)" : "") << "\n";
  if (!c.content.root_file.empty()) std::cout << "root_file: " << c.content.root_file << "\n";
  std::cout << "display: " << c.display.width << "x" << c.display.height
            << (c.display.fullscreen ? " fullscreen" : " windowed")
            << (c.display.orientation == kiosk::config::Orientation::Portrait ? " portrait"
                                                                              : " landscape")
            << "\n";
  std::cout << "idle_timeout_s: " << c.idle_timeout_s << "\n";
  std::cout << "archive_days: " << c.archive_days << "\n";
  const auto hhmm = [](const kiosk::config::ClockTime& t) {
    return std::string(t.hour < 10 ? "0" : "") + std::to_string(t.hour) + ":" +
           (t.minute < 10 ? "0" : "") + std::to_string(t.minute);
  };
  std::cout << "office_hours: " << hhmm(c.office_hours.open) << "-" << hhmm(c.office_hours.close)
            << (c.office_hours.open == c.office_hours.close ? " (always open, never dims)" : "")
            << "\n";
  std::cout << "admin: "
            << (!c.admin.pin_hash.empty() ? "PIN set, Argon2id (维护 has a PIN pad and 退出)"
                : !c.admin.pin_sha256.empty()
                    ? "PIN set, legacy unsalted SHA-256 (维护 has a PIN pad and 退出)"
                    : "no PIN (no exit on screen; systemctl stop kiosk)")
            << "\n";
  for (const auto& w : c.warnings) std::cout << "warning: " << w.line() << "\n";
  if (fonts.faces().empty()) {
    std::cerr << "kiosk: none of the configured font families is installed (fonts.families in "
              << loaded.source << "); install fonts-noto-cjk\n";
    return 1;
  }
  return 0;
}

// The size --screenshot draws at: --size, else the configured display's (portrait turned).
std::pair<int, int> screenshot_size(const Options& o, const kiosk::config::Config& c) {
  if (o.size) return *o.size;
  int w = c.display.width, h = c.display.height;
  if (c.display.orientation == kiosk::config::Orientation::Portrait && w > h) std::swap(w, h);
  return {w, h};
}

// What `kiosk --screenshot` makes ready while the bundle loads on the other core: the fonts
// (fontconfig's start-up, the primary face regular and bold), the frame's target (SDL clears its 8
// MB: ~5 ms at 1920×1080), the office clock (the time zone database: ~3 ms) and the font roles
// (fonts/fonts.json).
struct Prepared {
  Prepared(const Options& o, const kiosk::config::Config& config)
      : fonts(config.fonts.families),
        clock(kiosk::app::office_clock(config, o)),
        roles(kiosk::screenshot::load_roles()) {
    if (fonts.open_primary() && o.thumbnail_width == 0) {
      const auto [w, h] = screenshot_size(o, config);
      if (auto made = kiosk::render::Offscreen::create(w, h, fonts)) target = std::move(*made);
    }
  }
  kiosk::render::FontLibrary fonts;
  std::optional<kiosk::render::Offscreen> target;  // when one could be made at the request's size
  kiosk::tz::Clock clock;
  kiosk::ui::FontRoles roles;
};

// `kiosk --screenshot`: draws into the prepared target when there is one.
int screenshot(const Options& o, const kiosk::app::LoadedConfig& loaded,
               const kiosk::app::KioskStart& start, Prepared& prepared) {
  kiosk::render::FontLibrary& fonts = prepared.fonts;
  const kiosk::app::StartupContent& content = start.content;
  if (!fonts.usable()) {
    std::cerr << "kiosk: none of the configured fonts is installed (fonts.families in "
              << loaded.source << "); install fonts-noto-cjk\n";
    return 1;
  }
  const bool embedded = content.source == kiosk::app::ContentSource::Embedded;
  const kiosk::ui::Model& model = *start.model;
  kiosk::screenshot::ScreenshotRequest req;
  req.screen = o.screen;
  std::tie(req.width, req.height) = screenshot_size(o, loaded.config);
  req.large_text = o.large_text;
  const auto& clock = prepared.clock;
  const auto wall = clock.now();
  req.date = o.at.value_or(wall.date);
  req.minute_of_day = o.at ? 9 * 60 + 30 : wall.minute_of_day;
  req.zone = clock.zone();
  kiosk::screenshot::describe_content(model.bundle(), embedded, req.diagnostics);
  req.diagnostics.content_note = content.note;
  req.diagnostics.server = kiosk::url::redact_userinfo(loaded.config.content.server_url);
  req.diagnostics.config_error = loaded.error;
  if (!loaded.error.empty())
    req.diagnostics.sync_state = "未同步:配置文件有误";  // as the running kiosk says
  for (const auto& f : fonts.faces()) {
    req.diagnostics.fonts += (req.diagnostics.fonts.empty() ? "" : ";") + f.family + " (" + f.file +
                             " #" + std::to_string(f.index) + ")";
  }
  const auto written =
      o.thumbnail_width > 0
          ? kiosk::app::write_thumbnail(model, req, fonts, o.thumbnail_width, o.screenshot_out)
          : kiosk::screenshot::write_screen(model, req, fonts, prepared.roles, o.screenshot_out,
                                            std::move(prepared.target));
  if (!written) {
    // A --screen NAME that names no screen is a usage error (exit 2), anything else a failure.
    if (const auto route = kiosk::screenshot::screen_route(model, req); !route) {
      std::cerr << "kiosk: --screen: " << route.error().what << "\n";
      return 2;
    }
    std::cerr << "kiosk: --screenshot " << o.screenshot_out << ": " << written.error().what << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const auto parsed = kiosk::app::parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed) {
    std::cerr << parsed.error().what << "\n";
    return 2;
  }
  const Options& o = *parsed;
  if (o.mode == Options::Mode::Help) {
    std::cout << kiosk::app::help_text();
    return 0;
  }
  // Under systemd stderr is the journal: lines get sd-daemon priority prefixes there, and stay
  // plain on a terminal. No line carries a secret (platform::redact).
  kiosk::platform::Logger log(stderr, kiosk::platform::stderr_is_journal());
  auto config = kiosk::app::load_config(o);
  if (!config) {
    const std::string error = config.error().what;
    log.error("kiosk: " + error);
    // Checking the file, or syncing with it, fails. Showing content goes on with what could be
    // read: a typo must not leave the screen blank, restarting every 2 s for ever.
    if (o.mode == Options::Mode::CheckConfig || o.mode == Options::Mode::SyncOnce ||
        o.mode == Options::Mode::InstallFrom || o.mode == Options::Mode::ReportOnce ||
        o.mode == Options::Mode::Identity)
      return 1;
    config = kiosk::app::salvage_config(o, error);
    log.warning(
        "kiosk: the configuration did not load: starting with its valid keys and the defaults, "
        "without "
        "sync, and saying so on 维护; kiosk --check-config shows every problem");
  }
  if (o.mode == Options::Mode::CheckConfig) return check_config(*config);
  if (o.mode == Options::Mode::ReportOnce)
    return kiosk::app::run_report_once(config->config, o, std::cout, std::cerr);
  if (o.mode == Options::Mode::Identity) {
    return kiosk::app::print_identity(config->config, std::cout, std::cerr);
  }
  if (o.mode == Options::Mode::SyncOnce) {
#if KIOSK_HAVE_SYNC
    return kiosk::app::run_sync_once(config->config, std::cout, std::cerr);
#else
    std::cerr << "kiosk: --sync-once: this build has no sync module\n";
    return 1;
#endif
  }
  if (o.mode == Options::Mode::InstallFrom) {
#if KIOSK_HAVE_SYNC
    return kiosk::app::run_install_from(config->config, o.install_from, std::cout, std::cerr);
#else
    std::cerr << "kiosk: --install-from: this build has no sync module\n";
    return 1;
#endif
  }
  if (o.mode == Options::Mode::Screenshot) {
    // The bundle loads while the fonts open (fontconfig's start-up): on two cores the one hides
    // the other. Its problems still come first, as when they ran one after the other.
    auto loading =
        std::async(std::launch::async, [&o, &config]() -> kiosk::Result<kiosk::app::KioskStart> {
          auto content =
              kiosk::app::load_startup_content(o, config->config, !config->error.empty());
          if (!content) return content.error();
          return kiosk::app::with_model(std::move(*content), config->config);
        });
    Prepared prepared(o, config->config);
    auto start = loading.get();
    if (!start) {
      std::cerr << start.error().what << "\n";
      return 1;
    }
    if (!start->content.note.empty()) std::cerr << "kiosk: " << start->content.note << "\n";
    const int rc = screenshot(o, *config, *start, prepared);
    // The PNG is written and closed: skip the teardown of the model, fonts and SDL (about 4 ms
    // for 5,000 applicants), which the kernel does at once.
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    _exit(rc);
  }
  const kiosk::config::Config& cfg = config->config;
  const bool broken = !config->error.empty();
  return kiosk::app::run_display(
      o, *config, [&o, &cfg, broken]() { return kiosk::app::load_startup_content(o, cfg, broken); },
      log);
}
