// The running kiosk's own figures: frame timings, and the process part of the 维护 screen
// (clock, uptime, memory, frame times, fonts). Internal to kiosk_app.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "render/font_library.hpp"
#include "ui/state.hpp"

namespace kiosk::app {

// Per-frame timings (ms) and why frames were drawn: the 维护 screen's frame figures and --bench.
// Bounded over weeks of running: each series keeps its last 2048 to 4096 frames.
struct FrameStats {
  std::vector<double> total_ms;                       // views + draw + present, per frame
  std::vector<double> views_ms, draw_ms, present_ms;  // the breakdown
  std::vector<double> cpu_ms;  // CPU time of this thread per frame (not waiting for a core)
  std::size_t drawn = 0;
  std::size_t forced = 0, moving = 0, changed = 0;  // why frames were drawn

  void record(double views, double draw, double present, double cpu);
  void clear_timings();
};

// The p-quantile (0..1) of v, nearest rank; 0 when v is empty.
double percentile(std::vector<double> v, double p);

// Fills now_unix, uptime_s, rss_mb, the last 600 frames' p50/p99/last, and the fonts in use.
void describe_process(const FrameStats& frames, const render::FontLibrary& fonts,
                      std::int64_t uptime_ms, long long now_unix, ui::Diagnostics& d);

}  // namespace kiosk::app
