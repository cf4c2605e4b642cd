// sd_notify wrappers with libsystemd.
#include "platform/notify.hpp"

#include <systemd/sd-daemon.h>

#include <string>

namespace kiosk::platform {
namespace {

bool send(const std::string& state) { return sd_notify(0, state.c_str()) > 0; }

}  // namespace

bool notify_ready() { return send("READY=1"); }
bool notify_watchdog() { return send("WATCHDOG=1"); }
bool notify_stopping() { return send("STOPPING=1"); }

bool notify_status(std::string_view text) {
  std::string line = "STATUS=";
  for (const char c : text) line.push_back(c == '\n' ? ' ' : c);  // one line per state
  return send(line);
}

std::int64_t watchdog_interval_ms() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0) return 0;
  return static_cast<std::int64_t>(usec / 1000);
}

}  // namespace kiosk::platform
