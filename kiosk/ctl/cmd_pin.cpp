// kioskctl pin-hash: the administrator's PIN in, the Argon2id string for admin.pin_hash out. The
// PIN comes from standard input only (never argv, so never ps or the shell history); on a
// terminal it is asked for twice without echo.
#include <unistd.h>

#include <optional>
#include <ostream>
#include <string>

#include "config/pin.hpp"
#include "crypto/random.hpp"
#include "ctl/commands.hpp"
#include "ctl/secret_input.hpp"

namespace kiosk::ctl {
namespace {

// A PIN keeps at most this many bytes of its line (12 digits are the most a PIN has).
constexpr std::size_t kMaxPinLine = 64;

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
  std::optional<std::string> pin =
      terminal ? ask_unechoed("PIN (4-12 digits): ", err, kMaxPinLine) : read_line(kMaxPinLine);
  if (!pin) {
    err << "kioskctl pin-hash: expected a PIN of 4 to 12 digits on standard input, found nothing\n";
    return 1;
  }
  if (terminal && config::is_pin(*pin)) {
    auto again = ask_unechoed("the same PIN again: ", err, kMaxPinLine);
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
