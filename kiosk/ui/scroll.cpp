// Kinetic scrolling: exponential deceleration, hard bounds.
#include "ui/scroll.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

void Scroller::set_max(float max) {
  max_offset = std::isfinite(max) ? std::max(0.0F, max) : 0.0F;
  const float clamped = std::clamp(offset, 0.0F, max_offset);
  if (clamped != offset) {
    offset = clamped;
    velocity = 0;
  }
}

void Scroller::drag_by(float dy) {
  velocity = 0;
  offset = std::clamp(offset + dy, 0.0F, max_offset);
}

void Scroller::fling(float v) {
  if (!std::isfinite(v)) v = 0;
  velocity = std::clamp(v, -kMaxVelocity, kMaxVelocity);
  if (std::fabs(velocity) < kStopVelocity) velocity = 0;
  if ((velocity < 0 && offset <= 0) || (velocity > 0 && offset >= max_offset)) velocity = 0;
}

void Scroller::step(std::int64_t dt_ms) {
  if (velocity == 0 || dt_ms <= 0) return;
  const float dt = static_cast<float>(std::min<std::int64_t>(dt_ms, 100));
  // Exact integral of v·e^(−t/τ) over dt, so the distance does not depend on the frame rate.
  const float decay = std::exp(-dt / kDecayMs);
  offset += velocity * kDecayMs * (1.0F - decay);
  velocity *= decay;
  if (offset <= 0) {
    offset = 0;
    velocity = 0;
  } else if (offset >= max_offset) {
    offset = max_offset;
    velocity = 0;
  }
  if (std::fabs(velocity) < kStopVelocity) velocity = 0;
}

void Scroller::jump_to(float y) {
  velocity = 0;
  offset = std::clamp(std::isfinite(y) ? y : 0.0F, 0.0F, max_offset);
}

}  // namespace kiosk::ui
