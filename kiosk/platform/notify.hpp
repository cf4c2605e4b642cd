// systemd service notifications (sd_notify): readiness, watchdog pings, status text. Every call is
// a harmless no-op returning false when the kiosk is not run by systemd (NOTIFY_SOCKET unset).
#pragma once

#include <cstdint>
#include <string_view>

namespace kiosk::platform {

bool notify_ready();     // READY=1: send after the first frame is on screen
bool notify_watchdog();  // WATCHDOG=1: send at least every watchdog_interval_ms()/2
bool notify_status(std::string_view text);  // STATUS=…: shown by `systemctl status kiosk`
bool notify_stopping();                     // STOPPING=1
// The unit's WatchdogSec in milliseconds when the watchdog is enabled for this process, else 0.
std::int64_t watchdog_interval_ms();

}  // namespace kiosk::platform
