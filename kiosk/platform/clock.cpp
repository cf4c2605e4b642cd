// Monotonic milliseconds from std::chrono::steady_clock.
#include "platform/clock.hpp"

#include <chrono>

namespace kiosk::platform {

std::int64_t monotonic_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace kiosk::platform
