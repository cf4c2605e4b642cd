// Display: SDL window, renderer and event loop plumbing.
#include "platform/display.hpp"

#include <SDL.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "platform/clock.hpp"
#include "platform/sdl_events.hpp"

namespace kiosk::platform {

struct Display::Impl {
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  EventTranslator translator;
  int pixel_w = 0, pixel_h = 0;
  bool software = false;        // SDL's software renderer, drawing into the window surface
  std::vector<SDL_Rect> rects;  // present(rects) scratch
  bool lockdown = false;

  ~Impl() {
    if (renderer != nullptr) SDL_DestroyRenderer(renderer);
    if (window != nullptr) SDL_DestroyWindow(window);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
  }

  void update_sizes() {
    int ww = 0, wh = 0;
    SDL_GetWindowSize(window, &ww, &wh);
    if (SDL_GetRendererOutputSize(renderer, &pixel_w, &pixel_h) != 0) {
      pixel_w = ww;
      pixel_h = wh;
    }
    translator.set_sizes(ww, wh, pixel_w, pixel_h);
  }

  // Lockdown: the window was hidden, minimised or unfocused. Show it, raise it, focus it and grab
  // the keyboard again (SDL applies the grab once the window has the focus).
  void reclaim() {
    if ((SDL_GetWindowFlags(window) & (SDL_WINDOW_MINIMIZED | SDL_WINDOW_HIDDEN)) != 0) {
      SDL_RestoreWindow(window);
      SDL_ShowWindow(window);
    }
    SDL_RaiseWindow(window);
    if ((SDL_GetWindowFlags(window) & SDL_WINDOW_SHOWN) != 0) (void)SDL_SetWindowInputFocus(window);
    SDL_SetWindowKeyboardGrab(window, SDL_TRUE);
  }

  static bool lost_window(const SDL_Event& e) {
    if (e.type != SDL_WINDOWEVENT) return false;
    return e.window.event == SDL_WINDOWEVENT_FOCUS_LOST ||
           e.window.event == SDL_WINDOWEVENT_HIDDEN || e.window.event == SDL_WINDOWEVENT_MINIMIZED;
  }
};

Display::Display(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Display::~Display() = default;

Result<std::unique_ptr<Display>> Display::open(const DisplayOptions& options) {
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  // A window manager's close is CloseRequested, not Quit (see display.hpp).
  SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
  if (options.lockdown) {
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
  }
  if (options.software_renderer) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  // SDL's video start asks D-Bus (screen saver, input methods); with no session bus address libdbus
  // "autolaunches" one by forking dbus-launch from this multi-threaded process (seen hanging in the
  // forked child under ASan). The kiosk needs neither; an address that is set is left alone.
  ::setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
    return Error{std::string("no display available (SDL video: ") + SDL_GetError() + ")"};
  }
  auto impl = std::make_unique<Impl>();
  SDL_DisableScreenSaver();
  Uint32 flags = SDL_WINDOW_SHOWN;
  flags |= options.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
  impl->window =
      SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                       std::max(320, options.width), std::max(320, options.height), flags);
  if (impl->window == nullptr) {
    return Error{std::string("cannot open a window: ") + SDL_GetError()};
  }
  if (!options.software_renderer) {
    impl->renderer = SDL_CreateRenderer(impl->window, -1, SDL_RENDERER_ACCELERATED);
  }
  if (impl->renderer == nullptr)
    impl->renderer = SDL_CreateRenderer(impl->window, -1, SDL_RENDERER_SOFTWARE);
  if (impl->renderer == nullptr) {
    return Error{std::string("cannot create a renderer: ") + SDL_GetError()};
  }
  SDL_RendererInfo info{};
  impl->software = SDL_GetRendererInfo(impl->renderer, &info) == 0 &&
                   (info.flags & SDL_RENDERER_SOFTWARE) != 0 &&
                   SDL_GetWindowSurface(impl->window) != nullptr;
  SDL_ShowCursor(options.show_cursor ? SDL_ENABLE : SDL_DISABLE);
  impl->lockdown = options.lockdown;
  if (impl->lockdown) {
    SDL_SetWindowKeyboardGrab(impl->window, SDL_TRUE);
    SDL_RaiseWindow(impl->window);
  }
  impl->update_sizes();
  return std::unique_ptr<Display>(new Display(std::move(impl)));
}

SDL_Renderer* Display::renderer() { return impl_->renderer; }
int Display::width() const { return impl_->pixel_w; }
int Display::height() const { return impl_->pixel_h; }
void Display::present() { SDL_RenderPresent(impl_->renderer); }

bool Display::keeps_frame() const { return impl_->software; }

void Display::present(const std::vector<PixelRect>& rects) {
  if (!impl_->software) {
    SDL_RenderPresent(impl_->renderer);
    return;
  }
  if (rects.empty()) return;
  // What SDL_RenderPresent does for the software renderer (run the queued drawing into the
  // window surface, then SDL_UpdateWindowSurface), for these rectangles only.
  SDL_RenderFlush(impl_->renderer);
  impl_->rects.clear();
  for (const auto& r : rects) impl_->rects.push_back({r.x, r.y, r.w, r.h});
  if (SDL_UpdateWindowSurfaceRects(impl_->window, impl_->rects.data(),
                                   static_cast<int>(impl_->rects.size())) != 0) {
    SDL_RenderPresent(impl_->renderer);
  }
}

std::vector<PlatformEvent> Display::wait_events(int timeout_ms) {
  std::vector<PlatformEvent> out;
  SDL_Event event;
  int got = 0;
  if (timeout_ms == 0) {
    got = SDL_PollEvent(&event);
  } else if (timeout_ms < 0) {
    got = SDL_WaitEvent(&event);
  } else {
    got = SDL_WaitEventTimeout(&event, timeout_ms);
  }
  bool reclaimed = false;
  while (got != 0) {
    if (impl_->lockdown && !reclaimed && Impl::lost_window(event)) {
      impl_->reclaim();
      reclaimed = true;
      PlatformEvent r;
      r.kind = PlatformEvent::Kind::Reclaimed;
      out.push_back(r);
    }
    if (auto translated = impl_->translator.translate(event, monotonic_ms(), SDL_GetTicks())) {
      if (translated->kind == PlatformEvent::Kind::Resized) {
        impl_->update_sizes();
        translated->width = impl_->pixel_w;
        translated->height = impl_->pixel_h;
      }
      out.push_back(*translated);
    }
    got = SDL_PollEvent(&event);
  }
  return out;
}

std::string Display::video_driver() const {
  const char* name = SDL_GetCurrentVideoDriver();
  return name != nullptr ? name : "";
}

std::string Display::renderer_name() const {
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(impl_->renderer, &info) != 0 || info.name == nullptr) return "";
  return info.name;
}

}  // namespace kiosk::platform
