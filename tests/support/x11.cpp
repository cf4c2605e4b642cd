// Xlib implementation of the X helpers (x11.hpp).
#include "x11.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <cstdlib>
#include <vector>

namespace kiosk::test {
namespace {

struct Connection {
  ::Display* x;
  explicit Connection(const std::string& name) : x(XOpenDisplay(name.c_str())) {}
  ~Connection() {
    if (x != nullptr) XCloseDisplay(x);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
};

std::optional<long> pid_of(::Display* x, ::Window w) {
  const Atom pid_atom = XInternAtom(x, "_NET_WM_PID", True);
  if (pid_atom == 0) return std::nullopt;
  Atom type = 0;
  int format = 0;
  unsigned long items = 0, after = 0;
  unsigned char* data = nullptr;
  std::optional<long> out;
  if (XGetWindowProperty(x, w, pid_atom, 0, 1, False, XA_CARDINAL, &type, &format, &items, &after,
                         &data) == Success &&
      data != nullptr) {
    if (items == 1 && format == 32)
      out = static_cast<long>(*reinterpret_cast<unsigned long*>(data));
    XFree(data);
  }
  return out;
}

// Depth-first search below `w` (a window manager reparents clients into frames).
std::optional<::Window> search(::Display* x, ::Window w, long pid, int depth) {
  if (pid_of(x, w) == pid) return w;
  if (depth > 4) return std::nullopt;
  ::Window root = 0, parent = 0;
  ::Window* children = nullptr;
  unsigned n = 0;
  if (XQueryTree(x, w, &root, &parent, &children, &n) == 0) return std::nullopt;
  std::optional<::Window> found;
  for (unsigned i = 0; i < n && !found; ++i) found = search(x, children[i], pid, depth + 1);
  if (children != nullptr) XFree(children);
  return found;
}

}  // namespace

std::optional<WindowInfo> find_window(const std::string& display, long pid) {
  Connection c(display);
  if (c.x == nullptr) return std::nullopt;
  const auto w = search(c.x, DefaultRootWindow(c.x), pid, 0);
  if (!w) return std::nullopt;
  XWindowAttributes a{};
  if (XGetWindowAttributes(c.x, *w, &a) == 0) return std::nullopt;
  ::Window child = 0;
  int rx = 0, ry = 0;
  XTranslateCoordinates(c.x, *w, DefaultRootWindow(c.x), 0, 0, &rx, &ry, &child);
  WindowInfo info;
  info.id = *w;
  info.x = rx;
  info.y = ry;
  info.width = a.width;
  info.height = a.height;
  info.viewable = a.map_state == IsViewable;
  return info;
}

double fraction_of_colour(const std::string& display, std::uint8_t r, std::uint8_t g,
                          std::uint8_t b, int tolerance) {
  Connection c(display);
  if (c.x == nullptr) return 0;
  const int w = DisplayWidth(c.x, DefaultScreen(c.x)), h = DisplayHeight(c.x, DefaultScreen(c.x));
  XImage* img = XGetImage(c.x, DefaultRootWindow(c.x), 0, 0, static_cast<unsigned>(w),
                          static_cast<unsigned>(h), AllPlanes, ZPixmap);
  if (img == nullptr) return 0;
  long match = 0, total = 0;
  for (int y = 0; y < h; y += 4) {
    for (int xx = 0; xx < w; xx += 4) {
      const unsigned long p = XGetPixel(img, xx, y);
      const int pr = static_cast<int>((p >> 16) & 0xff), pg = static_cast<int>((p >> 8) & 0xff),
                pb = static_cast<int>(p & 0xff);
      ++total;
      if (std::abs(pr - r) <= tolerance && std::abs(pg - g) <= tolerance &&
          std::abs(pb - b) <= tolerance)
        ++match;
    }
  }
  XDestroyImage(img);
  return total > 0 ? static_cast<double>(match) / static_cast<double>(total) : 0;
}

bool grab_root(const std::string& display, int width, int height, std::vector<std::uint8_t>& rgba) {
  Connection c(display);
  if (c.x == nullptr) return false;
  XImage* img = XGetImage(c.x, DefaultRootWindow(c.x), 0, 0, static_cast<unsigned>(width),
                          static_cast<unsigned>(height), AllPlanes, ZPixmap);
  if (img == nullptr) return false;
  rgba.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 255);
  for (int y = 0; y < height; ++y) {
    for (int xx = 0; xx < width; ++xx) {
      const unsigned long p = XGetPixel(img, xx, y);
      const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                             static_cast<std::size_t>(xx)) *
                            4;
      rgba[i] = static_cast<std::uint8_t>((p >> 16) & 0xff);
      rgba[i + 1] = static_cast<std::uint8_t>((p >> 8) & 0xff);
      rgba[i + 2] = static_cast<std::uint8_t>(p & 0xff);
    }
  }
  XDestroyImage(img);
  return true;
}

bool send_close_request(const std::string& display, unsigned long window) {
  Connection c(display);
  if (c.x == nullptr) return false;
  const Atom protocols = XInternAtom(c.x, "WM_PROTOCOLS", False);
  const Atom del = XInternAtom(c.x, "WM_DELETE_WINDOW", False);
  XEvent e{};
  e.xclient.type = ClientMessage;
  e.xclient.window = window;
  e.xclient.message_type = protocols;
  e.xclient.format = 32;
  e.xclient.data.l[0] = static_cast<long>(del);
  e.xclient.data.l[1] = CurrentTime;
  XSendEvent(c.x, window, False, NoEventMask, &e);
  XEvent n{};
  n.xclient.type = ClientMessage;
  n.xclient.window = window;
  n.xclient.message_type = XInternAtom(c.x, "_NET_CLOSE_WINDOW", False);
  n.xclient.format = 32;
  n.xclient.data.l[0] = CurrentTime;
  n.xclient.data.l[1] = 2;  // source: a pager / the user
  XSendEvent(c.x, DefaultRootWindow(c.x), False, SubstructureRedirectMask | SubstructureNotifyMask,
             &n);
  XSync(c.x, False);
  return true;
}

bool display_accepts_clients(const std::string& display) {
  Connection c(display);
  return c.x != nullptr;
}

bool window_manager_running(const std::string& display) {
  Connection c(display);
  if (c.x == nullptr) return false;
  const Atom check = XInternAtom(c.x, "_NET_SUPPORTING_WM_CHECK", True);
  if (check == 0) return false;
  Atom type = 0;
  int format = 0;
  unsigned long items = 0, after = 0;
  unsigned char* data = nullptr;
  bool found = false;
  if (XGetWindowProperty(c.x, DefaultRootWindow(c.x), check, 0, 1, False, XA_WINDOW, &type, &format,
                         &items, &after, &data) == Success &&
      data != nullptr) {
    found = items == 1;
    XFree(data);
  }
  return found;
}

}  // namespace kiosk::test
