// The kiosk's monotonic clock (never jumps with NTP or a changed date), in milliseconds.
#pragma once

#include <cstdint>

namespace kiosk::platform {

// Milliseconds since an unspecified start (steady_clock); InputEvent::time_ms uses the same base.
std::int64_t monotonic_ms();

}  // namespace kiosk::platform
