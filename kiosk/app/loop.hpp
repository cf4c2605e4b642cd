// The kiosk's display loop: wait for an event or the next deadline, reduce, draw only when
// something changed (every frame while a fling moves), swap in new content between frames.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/options.hpp"
#include "app/runtime.hpp"
#include "config/config.hpp"

namespace kiosk::app {

// Opens the window (full screen unless --windowed) and runs until the window is closed or the
// process is told to stop. Returns the exit status; prints one line on stderr when it fails (no
// display: says so and shows the --screenshot way; content that does not load: why).
// The content is loaded by `load` on another thread while the window and the fonts open, so the
// first frame comes sooner. With options.mode == Bench, runs the scripted benchmark instead (see
// bench/run) and writes its JSON to options.bench_out.
int run_display(const Options& options, const LoadedConfig& config,
                std::function<std::optional<StartupContent>(std::string& error)> load);

}  // namespace kiosk::app
