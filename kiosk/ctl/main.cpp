// kioskctl entry point: see commands.hpp and shared/spec/CLI.md.
#include <iostream>

#include "ctl/commands.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return kiosk::ctl::run(args, std::cout, std::cerr);
}
