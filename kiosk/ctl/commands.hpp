// kioskctl's commands, callable from tests without a process: each takes its arguments (after the
// command word), writes its report to out/err, and returns the exit status.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kiosk::ctl {

using Args = std::vector<std::string>;

int run(const Args& argv, std::ostream& out, std::ostream& err);  // argv without the program name

int cmd_validate(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace kiosk::ctl
