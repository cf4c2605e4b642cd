// An Xvfb server on a free display number for the tests that open real windows, optionally with
// the openbox window manager.
#pragma once

#include <sys/types.h>

#include <string>

namespace kiosk::test {

// Xvfb WIDTHxHEIGHTx24 on a free display number, accepting clients when the constructor returns;
// with_wm also starts openbox and waits until it manages the screen. ok() is false when
// something did not start (why() says what). The destructor stops both.
class XServer {
 public:
  explicit XServer(bool with_wm, int width = 1920, int height = 1080);
  ~XServer();
  XServer(const XServer&) = delete;
  XServer& operator=(const XServer&) = delete;
  [[nodiscard]] bool ok() const { return error_.empty(); }
  [[nodiscard]] const std::string& why() const { return error_; }
  [[nodiscard]] const std::string& display() const { return display_; }  // ":201"
  // Runs `xdotool ARGS` on this display; true when it exited 0.
  bool xdotool(const std::string& args) const;

 private:
  std::string display_, error_;
  pid_t xvfb_ = -1, wm_ = -1;
};

}  // namespace kiosk::test
