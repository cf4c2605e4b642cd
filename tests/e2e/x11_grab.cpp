// XGetImage of the root window as RGBA8.
#include "x11_grab.hpp"

#include <X11/Xlib.h>
#include <X11/Xutil.h>

namespace kiosk::e2e {

bool grab_root(const std::string& display, int width, int height, std::vector<std::uint8_t>& rgba) {
  ::Display* x = XOpenDisplay(display.c_str());
  if (!x) return false;
  XImage* img = XGetImage(x, DefaultRootWindow(x), 0, 0, static_cast<unsigned>(width), static_cast<unsigned>(height),
                          AllPlanes, ZPixmap);
  if (!img) {
    XCloseDisplay(x);
    return false;
  }
  rgba.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 255);
  for (int y = 0; y < height; ++y) {
    for (int xx = 0; xx < width; ++xx) {
      const unsigned long p = XGetPixel(img, xx, y);
      const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(xx)) * 4;
      rgba[i] = static_cast<std::uint8_t>((p >> 16) & 0xff);
      rgba[i + 1] = static_cast<std::uint8_t>((p >> 8) & 0xff);
      rgba[i + 2] = static_cast<std::uint8_t>(p & 0xff);
    }
  }
  XDestroyImage(img);
  XCloseDisplay(x);
  return true;
}

}  // namespace kiosk::e2e
