// The kiosk's life as the journal and systemd see it: how the previous run ended (the restart
// cause, kept in <cache_dir>/run-state), the exit statuses, and the test-only freeze hook.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "platform/log.hpp"
#include "tz/office_time.hpp"

namespace kiosk::app {

// The administrator left through 维护 and the PIN. kiosk.service has RestartPreventExitStatus=10,
// so systemd leaves the kiosk stopped until `systemctl start kiosk` or the next boot.
inline constexpr int kExitAdministrator = 10;

// <cache_dir>/run-state: "running PID UNIX" while a display kiosk runs, "exited STATUS UNIX REASON"
// after a clean exit. A "running" left behind means the previous run died (crash, watchdog, kill,
// power cut). Only used when cache_dir exists and is writable (it is under systemd:
// CacheDirectory=kiosk); never created, so development runs leave nothing behind.
class RunState {
 public:
  explicit RunState(std::filesystem::path cache_dir);
  // How the previous run ended, for the journal: the line and its priority, decided where the
  // run state is read (a run that died is a Warning, a clean exit Info), never from the words.
  struct Previous {
    platform::Priority priority = platform::Priority::Info;
    std::string line;  // "" when unknown (first start, or no usable cache directory)
  };
  // Records this run as running and returns how the previous run ended (times in `zone`,
  // RFC 3339 with its offset).
  Previous begin(const tz::Zone& zone);
  // Records a clean exit.
  void end(int status, std::string_view reason);

 private:
  std::filesystem::path file_;
  bool usable_ = false;
};

// TEST ONLY: KIOSK_TEST_FREEZE_AFTER_MS=N makes the display loop stop N ms after start, as a hung
// loop would (no frames, no events, no WATCHDOG=1), so a test can see systemd's watchdog pings
// stop. Never set it on a kiosk. nullopt when unset or not a positive integer.
std::optional<std::int64_t> test_freeze_after_ms();
// TEST ONLY: logs that the hook fired and hangs like a stuck loop, until killed.
[[noreturn]] void freeze_for_test(platform::Logger& log);

}  // namespace kiosk::app
