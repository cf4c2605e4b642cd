// run-state in the cache directory, and the test-only freeze hook.
#include "app/lifecycle.hpp"

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <sstream>
#include <thread>

#include "core/civil_date.hpp"
#include "core/files.hpp"

namespace kiosk::app {
namespace {

long long now_unix() { return static_cast<long long>(std::time(nullptr)); }

}  // namespace

RunState::RunState(std::filesystem::path cache_dir) : file_(cache_dir / "run-state") {
  std::error_code ec;
  usable_ = !cache_dir.empty() && std::filesystem::is_directory(cache_dir, ec) &&
            access(cache_dir.c_str(), W_OK) == 0;
}

RunState::Previous RunState::begin(const tz::Zone& zone) {
  if (!usable_) return {};
  Previous previous;
  const auto read = files::read(file_, 4096);
  if (read) {
    std::istringstream in(*read);
    std::string word;
    long long a = 0, b = 0;
    in >> word >> a >> b;
    if (word == "running" && in) {
      previous.priority = platform::Priority::Warning;
      previous.line = "the previous run (pid " + std::to_string(a) + ", started " +
                      zone.rfc3339(b) +
                      ") ended without a clean exit: a crash, the watchdog, a kill or a power cut";
    } else if (word == "exited" && in) {
      std::string reason;
      std::getline(in, reason);
      if (!reason.empty() && reason.front() == ' ') reason.erase(0, 1);
      previous.line = "the previous run exited with status " + std::to_string(a) + " at " +
                      zone.rfc3339(b) + ": " + reason;
    }
  }
  const std::string line =
      "running " + std::to_string(getpid()) + " " + std::to_string(now_unix()) + "\n";
  if (!files::write_atomic(file_, line, 0600)) usable_ = false;
  return previous;
}

void RunState::end(int status, std::string_view reason) {
  if (!usable_) return;
  std::string line = "exited " + std::to_string(status) + " " + std::to_string(now_unix()) + " ";
  for (const char c : reason) line.push_back(c == '\n' ? ' ' : c);
  line += "\n";
  (void)files::write_atomic(file_, line, 0600);
}

std::optional<std::int64_t> test_freeze_after_ms() {
  const char* v = std::getenv("KIOSK_TEST_FREEZE_AFTER_MS");
  if (v == nullptr) return std::nullopt;
  std::int64_t ms = 0;
  const std::string_view s(v);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), ms);
  if (ec != std::errc{} || ptr != s.data() + s.size() || ms <= 0) return std::nullopt;
  return ms;
}

void freeze_for_test(platform::Logger& log) {
  log.warning(
      "test hook KIOSK_TEST_FREEZE_AFTER_MS: the main loop stops here (no frames, no watchdog "
      "pings)");
  while (true) std::this_thread::sleep_for(std::chrono::hours(1));
}

}  // namespace kiosk::app
