// kiosk --bench: the scripted benchmark bench/run drives (first frame, the longest list, a
// 10 s fling, 10 idle seconds), written as one JSON object. Internal to kiosk_app.
#pragma once

#include <string>

#include "app/kiosk.hpp"

namespace kiosk::app {

// Runs the script on `kiosk` (built, nothing drawn yet) and writes its figures to `out`.
// load_ms: parsing and validating before the window opened; startup_fields: more JSON members
// (", \"name\": value" each: run_display's milestones). Returns the exit status (1 when `out`
// cannot be written, with a line on stderr).
int run_bench_script(Kiosk& kiosk, double load_ms, const std::string& startup_fields,
                     const std::string& out);

}  // namespace kiosk::app
