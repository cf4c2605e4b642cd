// What the kiosk program needs around the UI: configuration and content at start-up, the data
// files (fonts.json), the office's wall clock, memory figures, the QR encoder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/options.hpp"
#include "config/config.hpp"
#include "content/model.hpp"
#include "core/result.hpp"
#include "screenshot/resources.hpp"
#include "tz/office_time.hpp"
#include "ui/font_roles.hpp"
#include "ui/model.hpp"
#include "ui/state.hpp"

namespace kiosk::app {

struct LoadedConfig {
  config::Config config;
  std::string source;  // the file read, or "built-in defaults"
  // When the file did not load (salvage_config): its first problem, one line. "" when it loaded.
  std::string error;
};
// --config FILE, else /etc/kiosk/kiosk.json when present, else the defaults. An Error (one line)
// when the file is missing (when named) or invalid.
Result<LoadedConfig> load_config(const Options& options);

// For a kiosk that must keep showing content although its configuration did not load (a typo
// must not leave the screen blank, restarting forever): every key that is itself valid
// (config::load_salvaged), the rest at its default, content.server_url cleared so nothing syncs
// with a configuration nobody meant, and error set to load_config's line.
LoadedConfig salvage_config(const Options& options, std::string error);

// Where the content shown came from: the embedded default bundle, the sync cache, or --content DIR.
enum class ContentSource { Embedded, Cache, Directory };

// The content to show at start-up and where it came from.
struct StartupContent {
  content::Bundle bundle;
  ContentSource source = ContentSource::Embedded;
  std::string origin;  // for the log: "embedded default", "cache /var/cache/kiosk", "DIR"
  std::string note;    // a refused cache, etc.
  bool sync = false;   // whether a sync::Service should run
  // Of the cached bundle's manifest.json ("" otherwise): the sync service compares what is
  // installed with it, so it does not take the bundle on screen for a new one.
  std::string manifest_sha256;
};
// --content DIR (no sync), else the sync module's start-up choice (cache or embedded), else the
// embedded default. An Error (one line) when --content DIR does not load.
// config_broken (a salvaged configuration): the cache's current bundle is shown when its files
// match its manifest and it validates, its signature checked with the trusted keys that could be
// read (when none could, not again: it was checked at install); nothing is moved aside and
// nothing syncs.
Result<StartupContent> load_startup_content(const Options& options, const config::Config& config,
                                            bool config_broken = false);

// data_file, load_roles, qr_encoder and describe_content: screenshot/resources.hpp
// (kiosk_screenshot).

// The model of a bundle as the kiosk shows it (the configuration's office name and archive days).
std::shared_ptr<const ui::Model> make_model(content::Bundle bundle, const config::Config& config,
                                            std::uint64_t generation);

// What the kiosk and `kiosk --screenshot` start from, made on their loading thread: the content
// and its model (generation 1; content.bundle is moved into it).
struct KioskStart {
  StartupContent content;
  std::shared_ptr<const ui::Model> model;
  double model_ms = 0;  // building it
};
KioskStart with_model(StartupContent content, const config::Config& config);

// The office's clock (tz/office_time.hpp): config timezone, never the PC's own zone; the
// instant fixed by --now when given, else the system clock.
tz::Clock office_clock(const config::Config& config, const Options& options);

// Resident set size now and at its peak (VmRSS / VmHWM), in MiB; 0 when unknown.
double rss_mb();
double peak_rss_mb();

}  // namespace kiosk::app
