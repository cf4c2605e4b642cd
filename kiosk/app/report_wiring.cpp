// Reports wired into the kiosk and `kiosk --report-once` (see report_wiring.hpp).
#include "app/report_wiring.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <optional>
#include <ostream>
#include <thread>

#include "app/runtime.hpp"
#include "app/sync_once.hpp"
#include "core/files.hpp"
#include "fleet/display_log.hpp"
#include "fleet/identity.hpp"
#include "render/png.hpp"
#include "report/service.hpp"
#include "report/status.hpp"
#include "report/upload.hpp"
#include "screenshot/resources.hpp"
#include "sync/cache.hpp"

extern char** environ;

namespace kiosk::app {
namespace fs = std::filesystem;
namespace {

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0"
#endif

long long disk_free_mb(const std::string& dir) {
  struct statvfs s {};
  if (::statvfs(dir.c_str(), &s) != 0) return -1;
  return static_cast<long long>(s.f_bavail) * static_cast<long long>(s.f_frsize) / (1024 * 1024);
}

// A small PNG of `screen` drawn by a child `kiosk --screenshot … --thumbnail 480` (its own fonts
// and renderer: nothing of this process's display is touched). nullopt when it fails or takes
// more than 30 s.
std::optional<std::string> child_screenshot(const Options& options, const std::string& state_dir,
                                            const std::string& screen,
                                            const std::atomic<bool>* stopping = nullptr) {
  const fs::path out = fs::path(state_dir) / "report-screen.png";
  std::vector<std::string> args{
      "/proc/self/exe", "--screenshot", out.string(), "--screen", screen.empty() ? "home" : screen,
      "--thumbnail",    "480"};
  if (!options.config_path.empty()) args.insert(args.end(), {"--config", options.config_path});
  if (!options.content_dir.empty()) args.insert(args.end(), {"--content", options.content_dir});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return std::nullopt;
  int status = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    // The kiosk stopping does not wait for a screenshot.
    if (std::chrono::steady_clock::now() > until || (stopping != nullptr && *stopping)) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  auto png = files::read(out, report::kMaxScreenshotBytes);
  std::error_code ec;
  fs::remove(out, ec);
  if (!png) return std::nullopt;
  return std::move(*png);
}

struct Common {
  config::Config config;
  Options options;
  fleet::Identity identity;
  tz::Zone zone;
};

// The signed status and the log's paths for one report.
report::Upload gather(const Common& c, const ReportSnapshot& s) {
  const fs::path dir = c.config.state_dir;
  const fs::path log_file = dir / std::string(fleet::kLogFile);
  report::Status st;
  st.kiosk_id = c.identity.kiosk_id;
  st.office_name = c.config.office_name;
  st.public_key = c.identity.public_key;
  st.time_unix = static_cast<long long>(std::time(nullptr));
  st.time = c.zone.rfc3339(st.time_unix);
  st.program_version = KIOSK_VERSION;
  st.content_version = s.content_version;
  st.content_label = s.content_label;
  st.manifest_sha256 = s.manifest_sha256;
  st.shown_since_unix = s.shown_since_unix;
  st.shown_since = s.shown_since_unix > 0 ? c.zone.rfc3339(s.shown_since_unix) : "";
  st.sync_state = s.sync_state;
  st.sync_result = s.sync_result;
  st.sync_time = s.sync_time_unix > 0 ? c.zone.rfc3339(s.sync_time_unix) : "";
  st.sync_failures = s.sync_failures;
  st.uptime_s = s.uptime_s;
  st.rss_mb = s.rss_mb;
  st.disk_free_mb = disk_free_mb(dir.string());
  st.screen = s.screen;
  if (auto text = files::read(log_file, report::kMaxLogBytes)) {
    const auto head = report::log_head(*text);
    st.log_head_seq = head.seq;
    st.log_head_hash = head.hash;
  }
  report::Upload u;
  u.status_json = report::signed_status_json(st, c.identity.secret_key);
  u.log_file = log_file;
  u.state_file = dir / std::string(report::kStateFile);
  u.kiosk_id = c.identity.kiosk_id;
  u.now_unix = st.time_unix;
  return u;
}

Result<report::Target> target_of(const config::Config& config, const std::string& kiosk_id) {
  report::Destination d;
  d.url = config.report.url;
  d.user = config.report.user;
  d.password_file = config.report.password_file;
  d.ca_file = config.content.ca_file;
  report::read_aws_environment(d);
  return report::resolve_target(d, kiosk_id);
}

}  // namespace

struct Reporting::Impl {
  Common common;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  ReportSnapshot snapshot;
  std::unique_ptr<report::Service> service;
};

std::unique_ptr<Reporting> Reporting::start(const config::Config& config, const Options& options,
                                            platform::Logger& log) {
  if (config.report.url.empty()) return nullptr;
  if (std::error_code ec; !fs::is_directory(config.state_dir, ec)) {
    log.warning("report: off: state_dir " + config.state_dir +
                " does not exist (systemd's StateDirectory=kiosk makes it)");
    return nullptr;
  }
  auto id = fleet::load_or_create_identity(config.state_dir, config.kiosk_id);
  if (!id) {
    log.error("report: not reporting: " + id.error().what);
    return nullptr;
  }
  auto target = target_of(config, id->kiosk_id);
  if (!target) {
    log.error("report: not reporting: " + target.error().what);
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->common = Common{config, options, std::move(*id), tz::Zone()};
  if (auto z = tz::Zone::locate(config.timezone)) impl->common.zone = *z;
  report::ServiceSettings settings;
  settings.interval = std::chrono::seconds(config.report.interval_s);
  settings.screenshot = config.report.screenshot;
  report::ServiceHooks hooks;
  Impl* raw = impl.get();
  hooks.gather = [raw](std::string& key) {
    ReportSnapshot s;
    {
      std::lock_guard lock(raw->mutex);
      s = raw->snapshot;
    }
    // A new screenshot when the content or dimming changes (not at every touch), else every 6 h.
    key = std::to_string(s.content_version) + (s.screen == "dimmed" ? "|dimmed" : "|on");
    return gather(raw->common, s);
  };
  hooks.screenshot = [raw]() {
    std::string screen;
    {
      std::lock_guard lock(raw->mutex);
      screen = raw->snapshot.screen_name;
    }
    return child_screenshot(raw->common.options, raw->common.config.state_dir, screen,
                            &raw->stopping);
  };
  hooks.on_report = [&log, last_ok = true](bool ok, const std::string& line) mutable {
    // One line per failure, and one when it recovers; a healthy report is not journal news.
    if (!ok) log.warning("report: failed: " + line);
    if (ok && !last_ok) log.info("report: " + line);
    last_ok = ok;
  };
  const std::string where = target->shown_url;
  impl->service = std::make_unique<report::Service>(std::move(*target), settings, std::move(hooks));
  impl->service->start();
  log.info("report: as " + raw->common.identity.kiosk_id + " every " +
           std::to_string(config.report.interval_s) + " s to " + where);
  return std::unique_ptr<Reporting>(new Reporting(std::move(impl)));
}

Reporting::Reporting(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reporting::~Reporting() {
  if (impl_) impl_->stopping = true;
  if (impl_ && impl_->service) impl_->service->stop();
}

void Reporting::publish(ReportSnapshot snapshot) {
  std::lock_guard lock(impl_->mutex);
  impl_->snapshot = std::move(snapshot);
}

void Reporting::after_install() { impl_->service->request_report(); }

std::string screen_name_of(const ui::State& state) {
  switch (state.route().screen) {
    case ui::ScreenId::Attract:
      return "attract";
    case ui::ScreenId::Home:
      return "home";
    case ui::ScreenId::Notices:
    case ui::ScreenId::Applicant:
      return "notices";
    case ui::ScreenId::Standards:
      return "standards";
    case ui::ScreenId::Standard:
      return "standard:" + std::to_string(state.route().standard);
    case ui::ScreenId::Hotlines:
      return "hotlines";
    case ui::ScreenId::Steps:
      return "steps";
    case ui::ScreenId::Document:
      return "document";
    case ui::ScreenId::Diagnostics:
      return "home";  // 维护 is not shown to the district
    case ui::ScreenId::Dimmed:
      return "dimmed";
    case ui::ScreenId::Archive:
      return "archive";
    case ui::ScreenId::NoticePage:
      return "notice:" + state.route().notice_id;
  }
  return "home";
}

int run_report_once(const config::Config& config, const Options& options, std::ostream& out,
                    std::ostream& err) {
  if (config.report.url.empty()) {
    err << "report.url: not configured; nothing to report\n";
    return 2;
  }
  // Files another user (root) makes in state_dir would stop the kiosk's own reports.
  struct stat st {};
  if (::stat(config.state_dir.c_str(), &st) == 0 && st.st_uid != ::geteuid()) {
    err << "report: state_dir " << config.state_dir
        << " belongs to another user; run as that user: sudo -u kiosk kiosk --report-once\n";
    return 1;
  }
  auto id = fleet::load_or_create_identity(config.state_dir, config.kiosk_id);
  if (!id) {
    err << "report: " << id.error().what << "\n";
    return 1;
  }
  auto target = target_of(config, id->kiosk_id);
  if (!target) {
    err << target.error().what << "\n";
    return 1;
  }
  Common c{config, options, std::move(*id), tz::Zone()};
  if (auto z = tz::Zone::locate(config.timezone)) c.zone = *z;
  ReportSnapshot s;
  s.screen = "not running";
  if (!config.content.server_url.empty()) {
    const auto startup = load_startup_bundle(config, sync::Access::ReadOnly);
    if (startup.bundle.manifest) {
      s.content_version = startup.bundle.manifest->version;
      s.content_label = "版本 " + std::to_string(s.content_version);
    }
    // How the last round went, as the cache recorded it (the kiosk's or --sync-once's).
    const sync::State state = sync::Cache(config.content.cache_dir).read_state();
    s.sync_state = state.last_round_unix == 0 ? "waiting" : state.last_ok ? "ok" : "failed";
    s.sync_result = state.last_result;
    s.sync_time_unix = state.last_round_unix;
    s.sync_failures = state.consecutive_failures;
    if (s.content_version == state.version) s.manifest_sha256 = state.manifest_sha256;
  }
  if (s.content_version == 0) s.content_label = "内置默认内容";
  report::Upload u = gather(c, s);
  if (config.report.screenshot) u.screenshot = child_screenshot(options, config.state_dir, "home");
  net::Client client(target->options);
  client.set_deadline(std::chrono::steady_clock::now() + std::chrono::seconds(60),
                      "the report's deadline (60 s)");
  auto r = report::upload(*target, client, u);
  if (!r) {
    err << "report: " << r.error().what << "\n";
    return 1;
  }
  out << r->line << "\n";
  return 0;
}

Result<void> write_thumbnail(const ui::Model& model, const screenshot::ScreenshotRequest& request,
                             render::FontLibrary& fonts, int width, const std::string& png) {
  auto shot = screenshot::render_screen(model, request, fonts, screenshot::load_roles());
  if (!shot) return shot.error();
  const render::Image& img = shot->image;
  const int w = std::min(width, img.width);
  const int h = std::max(1, static_cast<int>(static_cast<long long>(img.height) * w / img.width));
  render::XrgbFrame frame;
  frame.width = w;
  frame.height = h;
  frame.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  for (int y = 0; y < h; ++y) {
    const int y0 = y * img.height / h, y1 = std::max(y0 + 1, (y + 1) * img.height / h);
    for (int x = 0; x < w; ++x) {
      const int x0 = x * img.width / w, x1 = std::max(x0 + 1, (x + 1) * img.width / w);
      unsigned long sum[3] = {0, 0, 0};
      for (int yy = y0; yy < y1; ++yy) {
        for (int xx = x0; xx < x1; ++xx) {
          const std::size_t at =
              (static_cast<std::size_t>(yy) * static_cast<std::size_t>(img.width) +
               static_cast<std::size_t>(xx)) *
              4;
          for (int c = 0; c < 3; ++c) sum[c] += img.rgba[at + static_cast<std::size_t>(c)];
        }
      }
      const auto n = static_cast<unsigned long>((y1 - y0) * (x1 - x0));
      frame.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) +
                   static_cast<std::size_t>(x)] =
          static_cast<std::uint32_t>(((sum[0] / n) << 16) | ((sum[1] / n) << 8) | (sum[2] / n));
    }
  }
  shot->image = {};
  return render::write_png(frame, png);
}

}  // namespace kiosk::app
