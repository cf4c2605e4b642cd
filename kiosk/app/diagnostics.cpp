// The running kiosk's frame timings and the process figures on 维护 (see diagnostics.hpp).
#include "app/diagnostics.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "app/runtime.hpp"

namespace kiosk::app {

void FrameStats::record(double views, double draw, double present, double cpu) {
  total_ms.push_back(views + draw + present);
  views_ms.push_back(views);
  draw_ms.push_back(draw);
  present_ms.push_back(present);
  cpu_ms.push_back(cpu);
  for (auto* v : {&total_ms, &views_ms, &draw_ms, &present_ms, &cpu_ms}) {
    if (v->size() > 4096) v->erase(v->begin(), v->begin() + 2048);
  }
  ++drawn;
}

void FrameStats::clear_timings() {
  for (auto* v : {&total_ms, &views_ms, &draw_ms, &present_ms, &cpu_ms}) v->clear();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
  return v[std::min(i, v.size() - 1)];
}

void describe_process(const FrameStats& frames, const render::FontLibrary& fonts,
                      std::int64_t uptime_ms, long long now_unix, ui::Diagnostics& d) {
  d.now_unix = now_unix;
  d.uptime_s = uptime_ms / 1000;
  d.rss_mb = rss_mb();
  const auto& times = frames.total_ms;
  if (!times.empty()) {
    const std::size_t n = std::min<std::size_t>(times.size(), 600);
    const std::vector<double> recent(times.end() - static_cast<std::ptrdiff_t>(n), times.end());
    d.frame_p50_ms = percentile(recent, 0.5);
    d.frame_p99_ms = percentile(recent, 0.99);
    d.frame_last_ms = times.back();
  }
  std::string names;
  for (const auto& f : fonts.faces()) {
    names += (names.empty() ? "" : ";") + f.family + " (" + f.file + " #" +
             std::to_string(f.index) + ")";
  }
  d.fonts = names.empty() ? "未找到字体" : names;
}

}  // namespace kiosk::app
