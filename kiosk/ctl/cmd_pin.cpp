// kioskctl pin-hash: the administrator's PIN in, the Argon2id string for admin.pin_hash out. The
// PIN comes from standard input only (never argv, so never ps or the shell history); on a
// terminal it is asked for twice without echo.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <optional>
#include <ostream>
#include <string>

#include "config/pin.hpp"
#include "crypto/random.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {
namespace {

// One line from standard input, at most 64 bytes kept, without its line end; nullopt at end of
// input.
std::optional<std::string> read_line() {
  std::string line;
  int c = 0;
  bool any = false;
  while ((c = std::getchar()) != EOF) {
    any = true;
    if (c == '\n') break;
    if (line.size() < 64) line.push_back(static_cast<char>(c));
  }
  if (!any) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Reads a line with the terminal's echo off (restored afterwards), prompting on err.
std::optional<std::string> ask(const char* prompt, std::ostream& err) {
  err << prompt << std::flush;
  termios saved{};
  const bool tty = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  auto line = read_line();
  if (tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  err << "\n";
  return line;
}

void wipe(std::optional<std::string>& s) {
  if (s) crypto::wipe(*s);
}

}  // namespace

int cmd_pin_hash(const Args& args, std::ostream& out, std::ostream& err) {
  if (!args.empty()) {
    // Not quoted: it may be the PIN itself, typed where it does not belong.
    err << "kioskctl pin-hash: expected no arguments, found " << args.size()
        << "; type the PIN on standard input (e.g. kioskctl pin-hash, or printf '%s\\n' \"$pin\" | "
           "kioskctl pin-hash)\n";
    return 2;
  }
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  std::optional<std::string> pin = terminal ? ask("PIN (4-12 digits): ", err) : read_line();
  if (!pin) {
    err << "kioskctl pin-hash: expected a PIN of 4 to 12 digits on standard input, found nothing\n";
    return 1;
  }
  if (terminal && config::is_pin(*pin)) {
    auto again = ask("the same PIN again: ", err);
    const bool same = again && *again == *pin;
    wipe(again);
    if (!same) {
      wipe(pin);
      err << "kioskctl pin-hash: the two PINs differ; nothing written\n";
      return 1;
    }
  }
  const auto hash = config::hash_pin(*pin);
  wipe(pin);
  if (!hash) {
    err << "kioskctl pin-hash: " << hash.error().what << "\n";
    return 1;
  }
  out << *hash << "\n";
  if (terminal) {
    err << "put it into /etc/kiosk/kiosk.json as \"admin\": {\"pin_hash\": \"…\"} (and remove any "
           "admin.pin_sha256), "
           "then: kiosk --check-config && systemctl restart kiosk\n";
  }
  return 0;
}

}  // namespace kiosk::ctl
