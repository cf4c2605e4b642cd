// Processes for the deployment tests: an Xvfb server (optionally with the openbox window
// manager), the real kiosk binary with its stderr on a pipe that passes for the journal
// ($JOURNAL_STREAM), and a datagram socket standing in for systemd's NOTIFY_SOCKET.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::deploy {

bool on_path(const std::string& tool);

// Xvfb 1920x1080x24 on a free display number; with_wm also starts openbox and waits until it
// manages the screen. ok() is false when something did not start (why() says what).
class XServer {
 public:
  explicit XServer(bool with_wm);
  ~XServer();
  XServer(const XServer&) = delete;
  XServer& operator=(const XServer&) = delete;
  [[nodiscard]] bool ok() const { return error_.empty(); }
  [[nodiscard]] const std::string& why() const { return error_; }
  [[nodiscard]] const std::string& display() const { return display_; }
  // Runs `xdotool ARGS` on this display; true when it exited 0.
  bool xdotool(const std::string& args) const;

 private:
  std::string display_, error_;
  pid_t xvfb_ = -1, wm_ = -1;
};

// systemd's side of sd_notify: a bound AF_UNIX datagram socket in a fresh directory.
class NotifySocket {
 public:
  NotifySocket();
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  // One datagram (e.g. "READY=1"), or nullopt after timeout_ms.
  std::optional<std::string> receive(int timeout_ms);

 private:
  int fd_ = -1;
  std::string path_;
};

using Clock = std::chrono::steady_clock;

// A running kiosk. The destructor SIGKILLs it if it still runs.
class Kiosk {
 public:
  // Starts KIOSK_BINARY_DIR/kiosk/app/kiosk with `args`; `env` adds NAME=VALUE entries.
  Kiosk(const std::vector<std::string>& args, const std::vector<std::string>& env);
  ~Kiosk();
  Kiosk(const Kiosk&) = delete;
  Kiosk& operator=(const Kiosk&) = delete;
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] bool running();
  // Waits up to timeout_ms for the exit; its status (exit code), or nullopt while it still runs
  // (-1: killed by a signal).
  std::optional<int> wait(int timeout_ms);
  void signal(int sig);
  // Everything it wrote to stderr so far.
  const std::string& log();

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::optional<int> status_;
  std::string log_;
};

// A fresh scratch directory, removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // Writes `text` to path()/name and returns the file's path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

}  // namespace kiosk::deploy
