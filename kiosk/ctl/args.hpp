// What several kioskctl verbs parse alike: --flag VALUE options among positional arguments, whole
// numbers in a range, and a key's passphrase (a file, the terminal unechoed, or standard input).
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {

// --flag VALUE options and positional arguments, in any order. A repeated option keeps its last
// value; `error` is the one line for an unknown option or a missing value.
struct Parsed {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::string error;
};
Parsed parse_args(const Args& args, const std::vector<std::string>& with_value,
                  const std::vector<std::string>& flags, const std::string& command);

// A whole number from min to max written in decimal digits only; nullopt otherwise.
std::optional<long long> parse_integer(const std::string& text, long long min, long long max);

// The passphrase: from --passphrase-file, else typed on the terminal (twice when `confirm`),
// else the first line of standard input. Never from the command line; never echoed.
Result<std::string> read_passphrase(const std::string& command, const Parsed& p, bool confirm,
                                    std::ostream& err);

}  // namespace kiosk::ctl
