// SDL_Event -> PlatformEvent translation, separate from the window so tests can feed it events.
// Includes SDL: only kiosk_platform and its tests use this header.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <optional>

#include "platform/events.hpp"

namespace kiosk::platform {

// Contract:
//  - Finger events (SDL_FINGERDOWN/MOTION/UP): normalised 0–1 coordinates × drawable size in
//  pixels,
//    clamped inside; pointer_id = SDL's finger id. Touches that SDL synthesised from the mouse
//    (touchId == SDL_MOUSE_TOUCHID) are ignored.
//  - Mouse, the fallback for development and panels that only emulate a mouse: left button down,
//    motion while it is held, up; pointer_id = -1; window coordinates scaled to drawable pixels.
//    Mouse events SDL synthesised from a touch (which == SDL_TOUCH_MOUSEID) are ignored so one
//    touch is never counted twice; hover motion and other buttons are ignored. Losing focus with
//    the button held ends the press with a PointerUp at the last position.
//  - Wheel: delta.y = -wheel.y × kWheelStepPx (positive scrolls content up), delta.x likewise,
//    position = the mouse position.
//  - Escape and AC Back become Back; SDL_QUIT becomes Quit and the window's close request
//    (SDL_WINDOWEVENT_CLOSE) CloseRequested; size changes become Resized (the
//    caller passes the new sizes to set_sizes()); expose and render resets become Redraw.
//  - time_ms is monotonic_ms() at translation minus the event's age by SDL's 32-bit tick
//    timestamps (wrap-safe), so events and the app's clock share one base.
class EventTranslator {
 public:
  // Window size in SDL coordinates and drawable size in pixels (they differ on HiDPI screens).
  void set_sizes(int window_w, int window_h, int pixel_w, int pixel_h);
  [[nodiscard]] std::optional<PlatformEvent> translate(const SDL_Event& event, std::int64_t now_ms,
                                                       std::uint32_t now_ticks);

 private:
  [[nodiscard]] Point mouse_point(int x, int y) const;
  int window_w_ = 1, window_h_ = 1, pixel_w_ = 1, pixel_h_ = 1;
  bool mouse_down_ = false;
  Point last_mouse_;
};

}  // namespace kiosk::platform
