// Reading a PIN or passphrase from standard input, with the terminal's echo off.
#include "ctl/secret_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>

namespace kiosk::ctl {

std::optional<std::string> read_line(std::size_t keep) {
  std::string line;
  int c = 0;
  bool any = false;
  while ((c = std::getchar()) != EOF) {
    any = true;
    if (c == '\n') break;
    if (line.size() < keep) line.push_back(static_cast<char>(c));
  }
  if (!any) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::optional<std::string> ask_unechoed(const char* prompt, std::ostream& err, std::size_t keep) {
  err << prompt << std::flush;
  termios saved{};
  const bool tty = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  auto line = read_line(keep);
  if (tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  err << "\n";
  return line;
}

}  // namespace kiosk::ctl
