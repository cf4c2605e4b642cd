// The timing helpers the benchmarks share: milliseconds since a steady-clock instant, and the
// median of a set of runs (the figure every bench/ program reports).
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace kiosk::bench {

using Clock = std::chrono::steady_clock;

inline double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace kiosk::bench
