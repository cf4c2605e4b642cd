// InputEvent: what the platform layer reports to the UI, already in window pixels.
// SDL finger events (normalised 0–1) and mouse events both become these.
#pragma once

#include <cstdint>

#include "core/geometry.hpp"

namespace kiosk {

struct InputEvent {
  enum class Kind {
    PointerDown,  // a finger or the left mouse button went down
    PointerMove,  // it moved while down (or a hover move, with pointer_id < 0)
    PointerUp,
    Wheel,  // mouse wheel: delta.y in pixels, positive scrolls content up
    Back,   // a hardware/keyboard back request (development only)
  };
  Kind kind = Kind::PointerDown;
  std::int64_t pointer_id = 0;  // finger id, or -1 for the mouse
  Point position;               // window pixels
  Point delta;                  // Wheel only
  std::int64_t time_ms = 0;     // monotonic milliseconds
};

}  // namespace kiosk
