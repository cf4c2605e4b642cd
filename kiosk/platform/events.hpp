// PlatformEvent: what the display reports to the app loop — input already in window pixels
// (kiosk::InputEvent), a new drawable size, a request to redraw, or a request to quit.
#pragma once

#include "core/input.hpp"

namespace kiosk::platform {

struct PlatformEvent {
  enum class Kind {
    Input,           // `input` holds a pointer, wheel or back event
    Resized,         // the drawable is now width×height pixels: lay out again
    Redraw,          // the window was exposed or the renderer reset: draw even if nothing changed
    Quit,            // SIGINT or SIGTERM (systemd stop): always obeyed
    CloseRequested,  // the window manager asked the window to close (close button, Alt+F4)
    Reclaimed,       // lockdown: the window was hidden, minimised or unfocused and was raised again
  };
  Kind kind = Kind::Input;
  InputEvent input;
  int width = 0, height = 0;  // Resized only
};

// Pixels the content moves per wheel notch (InputEvent::Wheel delta).
inline constexpr float kWheelStepPx = 96;

}  // namespace kiosk::platform
