// The kiosk's display loop: wait for an event or the next deadline, reduce, draw only when
// something changed (every frame while a fling moves), swap in new content between frames.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/options.hpp"
#include "app/runtime.hpp"
#include "config/config.hpp"
#include "platform/log.hpp"

namespace kiosk::app {

// Opens the window (full screen unless --windowed) and runs until the window is closed or the
// process is told to stop. Returns the exit status; prints one line on stderr when it fails (no
// display: says so and shows the --screenshot way; content that does not load: why).
// The content is loaded by `load` on another thread while the window and the fonts open, so the
// first frame comes sooner. With options.mode == Bench, runs the scripted benchmark instead (see
// bench/run) and writes its JSON to options.bench_out.
//
// systemd (Type=notify): READY=1 once the first frame has been presented; WATCHDOG=1 from the
// loop every half WatchdogSec, also while idle (the wait for events never outlasts it);
// STOPPING=1 on the way out. Full screen means lockdown (platform::DisplayOptions::lockdown): the
// window manager's close is ignored and only SIGTERM/SIGINT or the administrator's PIN on 维护
// (exit status kExitAdministrator) end the loop; --windowed closes normally. Outside office hours
// the UI dims (ui::outside_office_hours). `log` gets one line at start (with how the previous run
// ended), per sync round, per content swap, per error and at exit.
int run_display(const Options& options, const LoadedConfig& config,
                std::function<Result<StartupContent>()> load, platform::Logger& log);

}  // namespace kiosk::app
