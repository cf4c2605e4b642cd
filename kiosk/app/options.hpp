// The `kiosk` command line (shared/spec/CLI.md): parsing into Options and the --help text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.hpp"
#include "core/result.hpp"

namespace kiosk::app {

struct Options {
  enum class Mode {
    Display,
    Screenshot,
    SyncOnce,
    CheckConfig,
    Help,
    Bench,
    InstallFrom,
    Identity,
    ReportOnce
  };
  Mode mode = Mode::Display;
  std::string config_path;  // empty: /etc/kiosk/kiosk.json when present, else built-in defaults
  std::string content_dir;  // --content DIR: that bundle, no sync
  bool windowed = false;
  std::optional<std::pair<int, int>> size;  // --size WxH
  std::string screenshot_out;               // --screenshot OUT.png
  std::string screen;                       // --screen NAME
  bool large_text = false;                  // --large-text
  std::optional<CivilDate> at;              // --at YYYY-MM-DD
  std::optional<long long> now;             // --now RFC3339: the instant (Unix seconds)
  // Hidden: --bench OUT.json runs the scripted benchmark (bench/run) in a window and writes JSON.
  std::string bench_out;
  std::string install_from;  // --install-from PATH: PATH/kiosk-bundle/ (TRUST.md, Sneakernet)
  // Hidden: --thumbnail W scales --screenshot's PNG to W pixels wide (the report's screen.png).
  int thumbnail_width = 0;
};

// The options, or one line saying what is wrong ("kiosk: --size: expected WxH …").
Result<Options> parse_options(const std::vector<std::string>& args);

// "1920x1080" -> {1920, 1080}; nullopt unless both are 1..16384.
std::optional<std::pair<int, int>> parse_size(const std::string& text);

std::string help_text();

}  // namespace kiosk::app
