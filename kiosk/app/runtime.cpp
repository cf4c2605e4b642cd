// Start-up configuration and content, data files, wall clock and memory figures.
#include "app/runtime.hpp"

#include <ctime>
#include <fstream>
#include <sstream>

#include "content/parse.hpp"
#include "qr/qr.hpp"
#if KIOSK_HAVE_SYNC
#include "sync/round.hpp"
#endif

namespace kiosk::app {

std::optional<LoadedConfig> load_config(const Options& options, std::string& error) {
  std::filesystem::path path = options.config_path;
  if (path.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(config::kDefaultPath, ec)) return LoadedConfig{config::Config{}, "built-in defaults"};
    path = config::kDefaultPath;
  }
  Problems problems;
  auto cfg = config::load(path, problems);
  if (!cfg) {
    error = problems.empty() ? path.string() + ": cannot be read" : problems.front().line();
    if (problems.size() > 1) error += " (and " + std::to_string(problems.size() - 1) + " more)";
    return std::nullopt;
  }
  return LoadedConfig{std::move(*cfg), path.string()};
}

std::optional<StartupContent> load_startup_content(const Options& options, const config::Config& config,
                                                   std::string& error) {
  StartupContent out;
  if (!options.content_dir.empty()) {
    auto loaded = content::load_bundle(options.content_dir);
    if (!loaded.bundle) {
      error = "kiosk: --content " + options.content_dir + ": " +
              (loaded.problems.empty() ? std::string("cannot be loaded") : loaded.problems.front().line());
      if (loaded.problems.size() > 1) error += " (and " + std::to_string(loaded.problems.size() - 1) + " more)";
      return std::nullopt;
    }
    out.bundle = std::move(*loaded.bundle);
    out.source = options.content_dir;
    return out;
  }
#if KIOSK_HAVE_SYNC
  auto startup = sync::load_startup_bundle(config);
  out.bundle = std::move(startup.bundle);
  out.source = startup.source == sync::StartupBundle::Source::Cache ? "cache " + config.content.cache_dir
                                                                      : "embedded default";
  out.note = startup.note;
  out.sync = !config.content.server_url.empty();
  return out;
#else
  (void)config;
  auto loaded = content::load_embedded_bundle();
  if (!loaded.bundle) {
    error = "kiosk: embedded content: " + (loaded.problems.empty() ? std::string("invalid") : loaded.problems.front().line());
    return std::nullopt;
  }
  out.bundle = std::move(*loaded.bundle);
  out.source = "embedded default";
  return out;
#endif
}

std::filesystem::path data_file(std::string_view relative) {
  std::error_code ec;
  const std::filesystem::path installed = std::filesystem::path(KIOSK_DATA_DIR) / relative;
  if (std::filesystem::exists(installed, ec)) return installed;
  return std::filesystem::path(KIOSK_SOURCE_DIR) / relative;
}

render::FontRoles load_roles(std::string* problem) {
  Problems problems;
  render::FontRoles roles = render::load_font_roles(data_file("fonts/fonts.json"), problems);
  if (problem && !problems.empty()) *problem = problems.front().line();
  return roles;
}

ui::QrEncoder qr_encoder() {
  return [](std::string_view text) -> std::optional<ui::QrMatrix> {
    auto m = qr::make(text);
    if (!m) return std::nullopt;
    return ui::QrMatrix{m->size, m->modules};
  };
}

WallClock wall_clock() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  WallClock w;
  w.date = CivilDate{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
  w.minute_of_day = local.tm_hour * 60 + local.tm_min;
  w.second = local.tm_sec;
  w.unix = static_cast<long long>(now);
  return w;
}

namespace {

double status_field_mb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) {
      std::istringstream fields(line.substr(prefix.size()));
      double kb = 0;
      fields >> kb;
      return kb / 1024.0;
    }
  }
  return 0;
}

}  // namespace

double rss_mb() { return status_field_mb("VmRSS"); }
double peak_rss_mb() { return status_field_mb("VmHWM"); }

void describe_content(const content::Bundle& bundle, bool embedded, ui::Diagnostics& d) {
  if (bundle.manifest) {
    d.content_version = std::to_string(bundle.manifest->version);
    d.content_issued_unix = bundle.manifest->issued_at_unix;
    d.content_expires_unix = bundle.manifest->expires_at_unix;
  } else {
    d.content_version = embedded ? "内置默认内容" : "本地内容(未签名)";
    d.content_issued_unix = 0;
    d.content_expires_unix = 0;
  }
}

}  // namespace kiosk::app
