// SDL_Event -> PlatformEvent.
#include "platform/sdl_events.hpp"

#include <algorithm>

namespace kiosk::platform {

void EventTranslator::set_sizes(int window_w, int window_h, int pixel_w, int pixel_h) {
  window_w_ = std::max(1, window_w);
  window_h_ = std::max(1, window_h);
  pixel_w_ = std::max(1, pixel_w);
  pixel_h_ = std::max(1, pixel_h);
}

Point EventTranslator::mouse_point(int x, int y) const {
  return {static_cast<float>(x) * static_cast<float>(pixel_w_) / static_cast<float>(window_w_),
          static_cast<float>(y) * static_cast<float>(pixel_h_) / static_cast<float>(window_h_)};
}

std::optional<PlatformEvent> EventTranslator::translate(const SDL_Event& e, std::int64_t now_ms,
                                                        std::uint32_t now_ticks) {
  // SDL's timestamps are 32-bit milliseconds (they wrap after 49 days); only the age matters.
  const std::uint32_t age = now_ticks - e.common.timestamp;
  const std::int64_t time_ms = now_ms - (age < 60'000u ? static_cast<std::int64_t>(age) : 0);
  PlatformEvent out;
  out.input.time_ms = time_ms;
  const auto input = [&](InputEvent::Kind kind, std::int64_t id, Point p) {
    out.kind = PlatformEvent::Kind::Input;
    out.input.kind = kind;
    out.input.pointer_id = id;
    out.input.position = p;
    return out;
  };
  switch (e.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
      if (e.tfinger.touchId == SDL_MOUSE_TOUCHID) return std::nullopt;
      const Point p{std::clamp(e.tfinger.x, 0.0f, 1.0f) * static_cast<float>(pixel_w_),
                    std::clamp(e.tfinger.y, 0.0f, 1.0f) * static_cast<float>(pixel_h_)};
      const auto kind = e.type == SDL_FINGERDOWN ? InputEvent::Kind::PointerDown
                        : e.type == SDL_FINGERUP ? InputEvent::Kind::PointerUp
                                                 : InputEvent::Kind::PointerMove;
      return input(kind, static_cast<std::int64_t>(e.tfinger.fingerId), p);
    }
    case SDL_MOUSEBUTTONDOWN:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT)
        return std::nullopt;
      mouse_down_ = true;
      last_mouse_ = mouse_point(e.button.x, e.button.y);
      return input(InputEvent::Kind::PointerDown, -1, last_mouse_);
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID || !mouse_down_) return std::nullopt;
      last_mouse_ = mouse_point(e.motion.x, e.motion.y);
      return input(InputEvent::Kind::PointerMove, -1, last_mouse_);
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT ||
          !mouse_down_) {
        return std::nullopt;
      }
      mouse_down_ = false;
      last_mouse_ = mouse_point(e.button.x, e.button.y);
      return input(InputEvent::Kind::PointerUp, -1, last_mouse_);
    case SDL_MOUSEWHEEL: {
      if (e.wheel.which == SDL_TOUCH_MOUSEID) return std::nullopt;
      const float flip = e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -1.0f : 1.0f;
      out = input(InputEvent::Kind::Wheel, -1, mouse_point(e.wheel.mouseX, e.wheel.mouseY));
      out.input.delta = {-e.wheel.preciseX * flip * kWheelStepPx,
                         -e.wheel.preciseY * flip * kWheelStepPx};
      return out;
    }
    case SDL_KEYDOWN:
      if (e.key.repeat == 0 &&
          (e.key.keysym.sym == SDLK_ESCAPE || e.key.keysym.sym == SDLK_AC_BACK)) {
        return input(InputEvent::Kind::Back, -1, last_mouse_);
      }
      return std::nullopt;
    case SDL_QUIT:
      out.kind = PlatformEvent::Kind::Quit;
      return out;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
      out.kind = PlatformEvent::Kind::Redraw;
      return out;
    case SDL_WINDOWEVENT:
      switch (e.window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED:
          out.kind = PlatformEvent::Kind::Resized;
          return out;  // the caller fills in the drawable size
        case SDL_WINDOWEVENT_EXPOSED:
        case SDL_WINDOWEVENT_RESTORED:
        case SDL_WINDOWEVENT_SHOWN:
          out.kind = PlatformEvent::Kind::Redraw;
          return out;
        case SDL_WINDOWEVENT_CLOSE:
          out.kind = PlatformEvent::Kind::CloseRequested;
          return out;
        case SDL_WINDOWEVENT_FOCUS_LOST:
          if (!mouse_down_) return std::nullopt;
          mouse_down_ = false;
          return input(InputEvent::Kind::PointerUp, -1, last_mouse_);
        default:
          return std::nullopt;
      }
    default:
      return std::nullopt;
  }
}

}  // namespace kiosk::platform
