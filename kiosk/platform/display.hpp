// Display: the kiosk's one SDL window with its renderer, and its events as PlatformEvents.
// The only place that initialises SDL video; render/ draws into renderer().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "core/result.hpp"
#include "platform/events.hpp"

struct SDL_Renderer;

namespace kiosk::platform {

struct DisplayOptions {
  int width = 1920, height = 1080;  // window size when not fullscreen
  bool fullscreen = true;           // fullscreen at the desktop's size (no mode switch)
  // The software renderer: predictable on any PC (no GPU driver needed) and fast with cached line
  // textures. With it SDL_FRAMEBUFFER_ACCELERATION=0, so under Xvfb SDL does not load Mesa's
  // software OpenGL (12.8 ms and 149 MB per frame against 2.6 ms and 42 MB). false: let SDL pick
  // an accelerated renderer, falling back to software.
  bool software_renderer = true;
  bool show_cursor = false;  // a touch kiosk has no cursor; development windows want one
  // Kiosk lockdown (full screen, not --windowed): the keyboard is grabbed so Alt+Tab, Alt+F4 and
  // the Super key never reach the window manager, and a window that was hidden, minimised or lost
  // its focus is shown, raised and focused again (wait_events reports Reclaimed).
  bool lockdown = false;
  std::string title = "社区公示";
};

// Contract:
//  - open() initialises SDL video with kiosk hints set before SDL_Init (environment variables
//    still win): no minimise on focus loss, no mouse events synthesised from touches or touches
//    from the mouse, screensaver disabled (also SDL_DisableScreenSaver), no cursor unless asked.
//    SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE=0: a window manager's close (its button, Alt+F4) arrives
//    as CloseRequested, and Quit only comes from SIGINT/SIGTERM (SDL's signal handlers), so the
//    app can refuse the first in lockdown and always obey the second.
//    Returns nullptr and sets `error` when there is no display (no X server / Wayland, no driver)
//    or the window cannot be made; the app then explains `kiosk --screenshot`.
//  - One Display per process (SDL video is process-wide); it quits SDL video when destroyed.
//  - wait_events(timeout_ms) sleeps in SDL_WaitEventTimeout until an event arrives or the timeout
//    passes (timeout 0: only what is pending; negative: no timeout), then returns every pending
//    event translated (see EventTranslator). An empty vector means "timed out" or "only events the
//    kiosk ignores". Resized events carry the new drawable size, which width()/height() also
//    return.
//  - With options.lockdown, a window event saying the window was hidden, minimised or lost the
//    input focus makes wait_events restore, show, raise and focus it again and re-take the
//    keyboard grab, and report one Reclaimed event for it.
class Display {
 public:
  // The window and its renderer, or why not (one line: "no display available (SDL video: …)",
  // "cannot open a window: …", "cannot create a renderer: …").
  static Result<std::unique_ptr<Display>> open(const DisplayOptions& options);
  ~Display();
  Display(const Display&) = delete;
  Display& operator=(const Display&) = delete;

  [[nodiscard]] SDL_Renderer* renderer();
  [[nodiscard]] int width() const;  // drawable pixels
  [[nodiscard]] int height() const;
  void present();
  // Shows only these rectangles of the frame drawn since the last present; the rest of the window
  // keeps its pixels. With SDL's software renderer the frame is drawn straight into the window's
  // own surface (in the window's pixel format, so nothing is converted), and only the rectangles
  // go to the display server: a scrolling list costs its own area, not the screen's. With another
  // renderer, the same as present(). An empty list shows nothing (the frame did not change).
  void present(const std::vector<PixelRect>& rects);
  // Whether the window keeps its pixels between frames (software renderer on the window surface),
  // so a frame may repaint and present only what changed (render::Renderer::draw_changes).
  [[nodiscard]] bool keeps_frame() const;
  [[nodiscard]] std::vector<PlatformEvent> wait_events(int timeout_ms);

  [[nodiscard]] std::string video_driver() const;   // "x11", "wayland", "kmsdrm", "dummy", …
  [[nodiscard]] std::string renderer_name() const;  // "software", "opengl", …

 private:
  struct Impl;
  explicit Display(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::platform
