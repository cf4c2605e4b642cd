// Xvfb (+ openbox) for tests (xserver.hpp).
#include "xserver.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "process.hpp"
#include "x11.hpp"

namespace kiosk::test {

using namespace std::chrono_literals;

XServer::XServer(bool with_wm, int width, int height) {
  if (!on_path("Xvfb")) {
    error_ = "Xvfb is not installed";
    return;
  }
  // A display number nobody uses, different for each server this process starts (other tests
  // and bench/run may run servers of their own at the same time).
  static int started = 0;
  int n = 200 + (getpid() % 97) * 5 + (started++ % 5) * 500;
  while (std::filesystem::exists("/tmp/.X11-unix/X" + std::to_string(n)) ||
         std::filesystem::exists("/tmp/.X" + std::to_string(n) + "-lock")) {
    ++n;
  }
  display_ = ":" + std::to_string(n);
  const std::string xvfb_log = "/tmp/kiosk-xvfb-" + std::to_string(n) + ".log";
  const int log_fd = open(xvfb_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
  // -noreset: without it the server resets when its last client leaves (the probe below, a
  // test's query), refusing connections for a moment.
  xvfb_ = spawn({"Xvfb", display_, "-screen", "0", screen, "-nolisten", "tcp", "-noreset"}, {},
                {log_fd, false});
  if (log_fd >= 0) close(log_fd);
  const std::string socket = "/tmp/.X11-unix/X" + std::to_string(n);
  bool up = false;
  for (int i = 0; i < 400 && !up; ++i) {
    up = std::filesystem::exists(socket) && display_accepts_clients(display_);
    if (!up) std::this_thread::sleep_for(25ms);
  }
  if (!up) {
    std::ifstream in(xvfb_log);
    std::string line, text;
    while (std::getline(in, line)) text += line + " | ";
    error_ = "Xvfb did not start on " + display_ + ": " + text;
    return;
  }
  std::filesystem::remove(xvfb_log);
  if (with_wm) {
    if (!on_path("openbox")) {
      error_ = "openbox is not installed";
      return;
    }
    for (int attempt = 0; attempt < 3 && !window_manager_running(display_); ++attempt) {
      wm_ = spawn({"openbox", "--sm-disable"}, {"DISPLAY=" + display_});
      for (int i = 0; i < 400 && !window_manager_running(display_); ++i) {
        if (waitpid(wm_, nullptr, WNOHANG) == wm_) {
          wm_ = -1;
          break;
        }
        std::this_thread::sleep_for(25ms);
      }
    }
    if (!window_manager_running(display_)) error_ = "openbox did not start on " + display_;
  }
}

XServer::~XServer() {
  stop(wm_, 1500);
  stop(xvfb_, 1500);
}

bool XServer::xdotool(const std::string& args) const {
  return std::system(("DISPLAY=" + display_ + " xdotool " + args + " >/dev/null 2>&1").c_str()) ==
         0;
}

}  // namespace kiosk::test
