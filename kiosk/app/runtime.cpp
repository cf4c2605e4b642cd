// Start-up configuration and content, data files, wall clock and memory figures.
#include "app/runtime.hpp"

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>

#include "content/parse.hpp"
#if KIOSK_HAVE_SYNC
#include "app/sync_once.hpp"
#endif

namespace kiosk::app {

Result<LoadedConfig> load_config(const Options& options) {
  std::filesystem::path path = options.config_path;
  if (path.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(config::kDefaultPath, ec))
      return LoadedConfig{config::Config{}, "built-in defaults", ""};
    path = config::kDefaultPath;
  }
  Problems problems;
  auto cfg = config::load(path, problems);
  if (!cfg) {
    return Error{problems.empty() ? path.string() + ": cannot be read"
                                  : first_problem_line(problems)};
  }
  return LoadedConfig{std::move(*cfg), path.string(), ""};
}

LoadedConfig salvage_config(const Options& options, std::string error) {
  const std::filesystem::path path =
      options.config_path.empty() ? config::kDefaultPath : options.config_path;
  Problems problems;  // the same lines load_config reported
  LoadedConfig out{config::load_salvaged(path, problems), path.string(), std::move(error)};
  out.config.content.server_url.clear();
  return out;
}

Result<StartupContent> load_startup_content(const Options& options, const config::Config& config,
                                            bool config_broken) {
  StartupContent out;
  if (!options.content_dir.empty()) {
    // A folder shown as it is (nothing vouches for it): its large files are read mapped.
    content::LoadOptions load_options;
    load_options.map_large_files = true;
    auto loaded = content::load_bundle(options.content_dir, load_options);
    if (!loaded.bundle) {
      return Error{"kiosk: --content " + options.content_dir + ": " +
                   (loaded.problems.empty() ? std::string("cannot be loaded")
                                            : first_problem_line(loaded.problems))};
    }
    out.bundle = std::move(*loaded.bundle);
    out.source = ContentSource::Directory;
    out.origin = options.content_dir;
    return out;
  }
#if KIOSK_HAVE_SYNC
  // A read-only command (--screenshot) and a configuration that did not load only look: a damaged
  // cache is reported and left in place, never moved aside or repaired. Without a configuration,
  // the keys that could be read are checked; with none, the signature checked at install stands.
  sync::Settings settings = app::sync_settings(config);
  if (config_broken) settings.trust.allow_unsigned = true;
  const bool look_only = config_broken || options.mode == Options::Mode::Screenshot;
  auto startup =
      sync::load_startup_bundle(settings, office_clock(config, options).now_unix(),
                                look_only ? sync::Access::ReadOnly : sync::Access::Repair);
  out.bundle = std::move(startup.bundle);
  const bool cached = startup.source == sync::StartupBundle::Source::Cache;
  out.source = cached ? ContentSource::Cache : ContentSource::Embedded;
  out.origin = cached ? "cache " + config.content.cache_dir : "embedded default";
  out.note = startup.note;
  out.manifest_sha256 = startup.manifest_sha256;
  // Without a server the service only watches the cache (a bundle from kiosk --install-from).
  out.sync = !config_broken;
  return out;
#else
  (void)config;
  (void)config_broken;
  auto loaded = content::load_embedded_bundle();
  if (!loaded.bundle) {
    return Error{"kiosk: embedded content: " + (loaded.problems.empty()
                                                    ? std::string("invalid")
                                                    : loaded.problems.front().line())};
  }
  out.bundle = std::move(*loaded.bundle);
  out.origin = "embedded default";  // source: ContentSource::Embedded
  return out;
#endif
}

std::shared_ptr<const ui::Model> make_model(content::Bundle bundle, const config::Config& config,
                                            std::uint64_t generation) {
  return std::make_shared<const ui::Model>(std::move(bundle), config.office_name, generation,
                                           screenshot::qr_encoder(), config.archive_days);
}

KioskStart with_model(StartupContent content, const config::Config& config) {
  const auto t0 = std::chrono::steady_clock::now();
  KioskStart start;
  start.model = make_model(std::move(content.bundle), config, 1);
  start.model_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  start.content = std::move(content);
  return start;
}

tz::Clock office_clock(const config::Config& config, const Options& options) {
  // config::parse checked the name; a salvaged configuration keeps the default.
  auto zone = tz::Zone::locate(config.timezone);
  return tz::Clock(zone ? std::move(*zone) : tz::Zone(), options.now);
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

}  // namespace kiosk::app
