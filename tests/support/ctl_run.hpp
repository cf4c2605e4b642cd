// Runs a kioskctl command in-process (ctl::run) and keeps its exit status and output, for the
// tests of kioskctl's commands (link kiosk_ctl_commands).
#pragma once

#include <sstream>
#include <string>

#include "ctl/commands.hpp"

namespace kiosk::test {

struct CtlResult {
  int status = -1;
  std::string out, err;
};

inline CtlResult run_ctl(const ctl::Args& args) {
  std::ostringstream out, err;
  CtlResult r;
  r.status = ctl::run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace kiosk::test
