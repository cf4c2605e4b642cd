// Reports wired into the kiosk (FLEET.md "Reports"): kiosk.json's report.* -> report::Service on
// its own thread, fed by a snapshot the UI thread publishes once a second (never the other way:
// the report thread cannot change the screen), its screenshot drawn by a child `kiosk --screenshot`
// process; and `kiosk --report-once`.
#pragma once

#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>

#include "app/options.hpp"
#include "config/config.hpp"
#include "platform/log.hpp"
#include "render/font_library.hpp"
#include "screenshot/screenshot.hpp"
#include "ui/model.hpp"
#include "ui/state.hpp"

namespace kiosk::app {

// What the UI thread knows and the report needs.
struct ReportSnapshot {
  long long content_version = 0;  // 0: the embedded default
  std::string content_label;      // "版本 12"
  std::string manifest_sha256;    // of the bundle shown ("" for the embedded one)
  long long shown_since_unix = 0;
  std::string sync_state = "none";  // ok / failed / waiting / none
  std::string sync_result;
  long long sync_time_unix = 0;
  int sync_failures = 0;
  long long uptime_s = 0;
  double rss_mb = 0;
  std::string screen;       // "on:home", "dimmed"
  std::string screen_name;  // for the screenshot: a --screen NAME ("home", "dimmed", …)
};

class Reporting {
 public:
  // nullptr when report.url is empty. Errors (identity, password file) are logged, not fatal: the
  // kiosk shows its content whatever happens to reporting.
  static std::unique_ptr<Reporting> start(const config::Config& config, const Options& options,
                                          platform::Logger& log);
  ~Reporting();
  Reporting(const Reporting&) = delete;
  Reporting& operator=(const Reporting&) = delete;

  void publish(ReportSnapshot snapshot);  // UI thread, cheap
  void after_install();                   // UI thread: report soon

  struct Impl;

 private:
  explicit Reporting(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The route's --screen name and the status's screen field.
std::string screen_name_of(const ui::State& state);

// `kiosk --report-once`: one report of what the cache shows (screen "not running" unless the
// kiosk runs), exit 0 with "reported to …", else 1 with one line (2: report.url not configured).
int run_report_once(const config::Config& config, const Options& options, std::ostream& out,
                    std::ostream& err);

// `kiosk --screenshot OUT --thumbnail W`: the screen drawn at the request's size, scaled down to
// W pixels wide (box filter) and written as PNG.
Result<void> write_thumbnail(const ui::Model& model, const screenshot::ScreenshotRequest& request,
                             render::FontLibrary& fonts, int width, const std::string& png);

}  // namespace kiosk::app
