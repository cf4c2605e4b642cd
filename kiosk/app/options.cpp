// Parsing of the kiosk's command line.
#include "app/options.hpp"

#include <charconv>

namespace kiosk::app {

std::optional<std::pair<int, int>> parse_size(const std::string& text) {
  const auto x = text.find('x');
  if (x == std::string::npos) return std::nullopt;
  int w = 0, h = 0;
  const char* b = text.data();
  const char* e = text.data() + text.size();
  const auto r1 = std::from_chars(b, b + x, w);
  const auto r2 = std::from_chars(b + x + 1, e, h);
  if (r1.ec != std::errc{} || r1.ptr != b + x || r2.ec != std::errc{} || r2.ptr != e)
    return std::nullopt;
  if (w < 1 || h < 1 || w > 16384 || h > 16384) return std::nullopt;
  return std::pair{w, h};
}

Result<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  bool screenshot = false, sync_once = false, report_once = false, check = false, help = false,
       bench = false, install = false, identity = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      help = true;
    } else if (a == "--config") {
      if (!value(o.config_path)) return Error{"kiosk: --config needs a FILE"};
    } else if (a == "--content") {
      if (!value(o.content_dir)) return Error{"kiosk: --content needs a DIR"};
    } else if (a == "--windowed") {
      o.windowed = true;
    } else if (a == "--size") {
      if (!value(v)) return Error{"kiosk: --size needs WxH, e.g. 1920x1080"};
      o.size = parse_size(v);
      if (!o.size)
        return Error{"kiosk: --size: expected WxH such as 1920x1080, found \"" + v + "\""};
    } else if (a == "--screenshot") {
      screenshot = true;
      if (!value(o.screenshot_out)) return Error{"kiosk: --screenshot needs OUT.png"};
    } else if (a == "--screen") {
      if (!value(o.screen)) return Error{"kiosk: --screen needs a NAME"};
    } else if (a == "--large-text") {
      o.large_text = true;
    } else if (a == "--at") {
      if (!value(v)) return Error{"kiosk: --at needs YYYY-MM-DD"};
      o.at = CivilDate::parse(v);
      if (!o.at) return Error{"kiosk: --at: expected a date YYYY-MM-DD, found \"" + v + "\""};
    } else if (a == "--now") {
      if (!value(v)) return Error{"kiosk: --now needs an RFC 3339 time, e.g. 2026-12-01T20:00:00Z"};
      o.now = parse_rfc3339(v);
      if (!o.now) {
        return Error{
            "kiosk: --now: expected an RFC 3339 time such as 2026-12-01T20:00:00Z or "
            "2026-12-02T04:00:00+08:00, found \"" +
            v + "\""};
      }
    } else if (a == "--sync-once") {
      sync_once = true;
    } else if (a == "--install-from") {
      install = true;
      if (!value(o.install_from)) return Error{"kiosk: --install-from needs a PATH"};
    } else if (a == "--report-once") {
      report_once = true;
    } else if (a == "--thumbnail") {
      if (!value(v) ||
          std::from_chars(v.data(), v.data() + v.size(), o.thumbnail_width).ec != std::errc{} ||
          o.thumbnail_width < 16 || o.thumbnail_width > 4096)
        return Error{"kiosk: --thumbnail: expected a width of 16-4096 pixels"};
    } else if (a == "--check-config") {
      check = true;
    } else if (a == "--identity") {
      identity = true;
    } else if (a == "--bench") {
      bench = true;
      if (!value(o.bench_out)) return Error{"kiosk: --bench needs OUT.json"};
    } else {
      return Error{"kiosk: unknown option \"" + a + "\" (see kiosk --help)"};
    }
  }
  const int modes = int{screenshot} + int{sync_once} + int{check} + int{bench} + int{install} +
                    int{identity} + int{report_once};
  if (help) {
    o.mode = Options::Mode::Help;
    return o;
  }
  if (o.at && o.now) return Error{"kiosk: --at and --now exclude each other"};
  if (modes > 1) {
    return Error{
        "kiosk: --screenshot, --sync-once, --install-from, --report-once, --check-config, "
        "--identity and --bench exclude each other"};
  }
  if (screenshot) {
    o.mode = Options::Mode::Screenshot;
    if (o.screen.empty())
      return Error{"kiosk: --screenshot needs --screen NAME (e.g. --screen home)"};
  } else if (sync_once) {
    o.mode = Options::Mode::SyncOnce;
  } else if (install) {
    o.mode = Options::Mode::InstallFrom;
  } else if (report_once) {
    o.mode = Options::Mode::ReportOnce;
  } else if (check) {
    o.mode = Options::Mode::CheckConfig;
  } else if (bench) {
    o.mode = Options::Mode::Bench;
  } else if (identity) {
    o.mode = Options::Mode::Identity;
  } else if (!o.screen.empty()) {
    return Error{"kiosk: --screen is for --screenshot"};
  }
  return o;
}

std::string help_text() {
  return R"(kiosk — 社区公示触摸屏 (the display)

Usage:
  kiosk                         full screen; config /etc/kiosk/kiosk.json when present, else the
                                built-in defaults with the embedded default content
  kiosk --config FILE           use that configuration file
  kiosk --content DIR           show the bundle in DIR instead of the installed one (no sync)
  kiosk --windowed [--size WxH] in a window, for development (default size from the config)
  kiosk --screenshot OUT.png --screen NAME [--size WxH] [--large-text]
        [--at YYYY-MM-DD | --now RFC3339]
                                render one frame of that screen offscreen (no display needed),
                                write a PNG and exit
  kiosk --sync-once             one sync round against the configured server, then exit
                                (0 installed or already current, non-zero with the reason)
  kiosk --install-from PATH     verify PATH/kiosk-bundle/ (kioskctl export) exactly as a download
                                and install it into the cache the running kiosk shows from
                                (0 installed or already current, non-zero with the reason)
  kiosk --report-once           send one report (status.json, new display-log records, screen.png)
                                to report.url, then exit (0 sent, non-zero with one line)
  kiosk --check-config [--config FILE]
                                validate the configuration, print what it resolved (fonts,
                                cache dir, server, trusted keys) and exit
  kiosk --identity [--config FILE]
                                print kiosk_id and the kiosk's public key (base64, as in
                                PREFIX.pub) for enrolment, making the key in state_dir at first
                                use; run it as the kiosk's user (sudo -u kiosk kiosk --identity)
  kiosk --help                  this text

Options for every mode:
  --at YYYY-MM-DD   the date the kiosk believes it is (notice windows, the current step);
                    screenshots then show 09:30 as the time
  --now RFC3339     the instant the kiosk believes it is, e.g. 2026-12-01T20:00:00Z: its date
                    and time in the office's timezone (config timezone, default Asia/Shanghai)
                    are shown and decided by, whatever the PC's TZ; the clock stands still
  --large-text      start in 适老模式 (large text)

Screen names for --screenshot:
  attract, home, notices, notices:CATEGORY (street_demo, street_model, committee_demo,
  committee_model, committee_harmony), applicant:ID (or applicant:NOTICE/ID), standards,
  standard:N (1-10), hotlines, steps, document, diagnostics, dimmed (the clock shown
  outside office hours), archive (往期公示), notice:ID (one notice's page)

Administrator gesture: press and hold the office name in the header for 5 seconds to open 维护
(diagnostics). With admin.pin_hash (kioskctl pin-hash) in the config, 维护 has a PIN pad: the PIN
and 退出 end the kiosk (exit status 10). The kiosk returns to 待机 after idle_timeout_s without a touch, and dims
to a clock outside office_hours.

Full screen is locked down: Alt+F4, Alt+Tab, Esc, Ctrl+Q and the window manager's close button do
not end or hide it; SIGTERM (systemctl stop) does. --windowed closes normally.

A configuration that does not load is logged and shown on 维护; the kiosk then runs on its valid
keys without sync (--check-config, --sync-once and --install-from fail instead).

Exit status: 0 success (or stopped by SIGTERM); 1 a failure (one line on stderr says what and
where); 2 a usage error; 10 the administrator left through 维护 and the PIN (kiosk.service's
RestartPreventExitStatus=10 keeps it stopped).
)";
}

}  // namespace kiosk::app
