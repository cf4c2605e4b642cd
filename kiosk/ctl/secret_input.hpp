// Secrets typed by a person (the 维护 PIN, a key's passphrase): read from standard input, on a
// terminal with the echo off. Shared by pin-hash and keygen/sign; never from argv.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

namespace kiosk::ctl {

// One line from standard input (at most `keep` bytes kept, the rest of the line read and
// dropped), without its line end; nullopt at end of input.
std::optional<std::string> read_line(std::size_t keep);

// One line typed with the terminal's echo off (restored afterwards), prompting on err; on a
// non-terminal standard input, the line as read_line gives it.
std::optional<std::string> ask_unechoed(const char* prompt, std::ostream& err, std::size_t keep);

}  // namespace kiosk::ctl
