// The kiosk's state between frames: the UI state, its events and clock, new content, and drawing
// a frame only when something changed. Driven by the real loop (loop.cpp) or the scripted
// benchmark (bench_script.cpp); internal to kiosk_app.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app/diagnostics.hpp"
#include "app/display_events.hpp"
#include "app/options.hpp"
#include "app/report_wiring.hpp"
#include "app/runtime.hpp"
#include "app/sync_wiring.hpp"
#include "config/config.hpp"
#include "platform/display.hpp"
#include "platform/events.hpp"
#include "platform/log.hpp"
#include "render/font_library.hpp"
#include "render/renderer.hpp"
#include "render/text_measurer.hpp"
#include "tz/office_time.hpp"
#include "ui/font_roles.hpp"
#include "ui/model.hpp"
#include "ui/reducer.hpp"
#include "ui/state.hpp"
#include "ui/views.hpp"

namespace kiosk::app {

// The state a kiosk starts in: 待机 at monotonic now_ms on the office's date (options.at when
// given) and minute, dimmed outside office hours (not in --bench, which keeps the screens it
// measures), with 适老模式 as the command line asks.
[[nodiscard]] ui::State starting_state(std::shared_ptr<const ui::Model> model,
                                       const Options& options, const config::Config& config,
                                       const tz::Clock& clock, std::int64_t now_ms);

// While a large bundle loads, the main thread has nothing to do but wait. This lays out 待机 as
// it looks before any content (the same state and sizes the first frame will have) and draws it
// with `renderer`, unpresented (the next frame covers it): the font library then holds the
// sizes, the labels' and the clock's glyphs measured and rasterised, which the first real frame
// would otherwise wait for. 10,000 applicants (bench/run, alternately): the first frame's views
// 4–15 → 2–3 ms, its draw 9–12 → 5–7 ms. Nothing of it reaches the screen or the next frame's
// pixels (the renderer of the first real frame redraws everything).
void rehearse_standby(render::Renderer& renderer, render::FontLibrary& fonts,
                      const ui::FontRoles& roles, const Options& options,
                      const config::Config& config, const tz::Clock& clock, ui::Size size);

class Kiosk {
 public:
  // clock: the office's (office_clock); roles: the font roles (screenshot::load_roles), both
  // made while the content loads.
  Kiosk(const Options& options, const LoadedConfig& config, KioskStart start, tz::Clock clock,
        ui::FontRoles roles, platform::Display& display, render::FontLibrary& fonts,
        platform::Logger& log, bool lockdown);

  // One platform event: input through the reducer (and the PIN pad's log lines), redraw requests,
  // quit and close requests (ignored in lockdown), the window being reclaimed.
  void handle(const platform::PlatformEvent& e);
  // Time, wall clock, new content, status: everything that changes without input.
  void advance();
  // How long the loop may wait for events before the next thing to draw or check (ms).
  [[nodiscard]] int wait_timeout(std::int64_t now) const;
  // Draws and presents a frame when the state changed, something moves, or the window needs it.
  void draw_if_needed();

  [[nodiscard]] bool quitting() const { return quit_; }
  [[nodiscard]] int exit_status() const { return exit_status_; }
  [[nodiscard]] const std::string& exit_reason() const { return exit_reason_; }
  [[nodiscard]] const std::string& content_version() const {
    return state_.diagnostics.content_version;
  }
  [[nodiscard]] std::int64_t start_ms() const { return start_ms_; }
  [[nodiscard]] double model_ms() const { return model_ms_; }
  ui::State& state() { return state_; }
  FrameStats& frames() { return frames_; }
  [[nodiscard]] render::RenderStats render_stats() const { return renderer_.stats(); }
  platform::Display& display() { return display_; }
  ui::Views& views() { return views_; }
  platform::Logger& log() { return log_; }
  // The display log's notice_off {stop} and stop records, durable when it returns (at exit).
  void finish_display_log();
  [[nodiscard]] const tz::Clock& clock() const { return clock_; }

 private:
  void stop(int status, std::string reason);
  void after_pin(int failures_before, int lockouts_before);
  void refresh_status();

  platform::Logger& log_;
  bool lockdown_ = false;  // full screen: the window manager's close is ignored
  int exit_status_ = 0;
  std::string exit_reason_ = "the loop ended";
  std::int64_t last_reclaim_log_ms_ = 0;
  const Options& options_;
  config::Config config_;
  tz::Clock clock_;  // the office's clock: every date and time of day shown
  platform::Display& display_;
  render::FontLibrary& fonts_;
  render::FontMeasurer measurer_;
  render::Renderer renderer_;
  ui::Views views_;
  bool embedded_ = true;
  bool config_broken_ = false;  // running on a salvaged configuration (LoadedConfig::error)
  std::uint64_t generation_ = 0;
  ui::State state_;
  std::int64_t start_ms_ = 0;
  double model_ms_ = 0;
  std::int64_t last_status_ms_ = 0;
  std::optional<ui::ViewKey> drawn_;  // what the last frame showed
  bool force_redraw_ = true;
  bool quit_ = false;
  FrameStats frames_;
  std::int64_t last_frame_ms_ = 0;
  std::unique_ptr<ContentSync> sync_;  // null when nothing syncs
  std::unique_ptr<Reporting> report_;  // null when report.url is empty
  long long shown_since_unix_ = 0;     // when the content shown went on screen
  // The display log (FLEET.md): fed when what the board shows may have changed (the office date,
  // the content, dimming, offline), never per frame. null when state_dir is not there.
  void observe_board(bool content_changed);
  std::unique_ptr<DisplayEvents> events_;
  std::filesystem::path manifest_dir_;  // where the shown bundle's manifest.json lies
  std::string manifest_sha256_;         // of the bundle shown
  std::optional<std::tuple<CivilDate, std::uint64_t, bool, bool>> board_key_;
};

}  // namespace kiosk::app
