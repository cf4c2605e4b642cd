// Scroller: one kinetic scroll position with hard bounds (no rubber band, never past an end).
#pragma once

#include <cstdint>

namespace kiosk::ui {

// Contract: offset always lies in [0, max_offset]; velocity is in pixels per millisecond
// (positive moves the content up, i.e. increases offset) and decays exponentially with a time
// constant of kDecayMs; a fling that reaches a bound stops there. Pure value type.
struct Scroller {
  static constexpr float kDecayMs = 325.0F;      // ~iOS "normal" deceleration
  static constexpr float kStopVelocity = 0.02F;  // px/ms (20 px/s): below this it stops
  static constexpr float kMaxVelocity = 8.0F;    // px/ms, caps a wild flick

  float offset = 0;
  float velocity = 0;
  float max_offset = 0;

  [[nodiscard]] bool moving() const { return velocity != 0; }
  // New bounds from a fresh layout; clamps the offset, stops a fling that is now out of range.
  void set_max(float max);
  // Moves by dy pixels (a finger drag), clamped; stops any fling.
  void drag_by(float dy);
  // Starts a fling with this release velocity (clamped to kMaxVelocity).
  void fling(float v);
  // Advances a fling by dt milliseconds.
  void step(std::int64_t dt_ms);
  // Jumps to an offset (clamped) and stops.
  void jump_to(float y);
};

}  // namespace kiosk::ui
