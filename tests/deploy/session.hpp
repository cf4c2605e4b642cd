// Processes for the deployment tests (Xvfb, openbox and scratch directories come from
// tests/support): the real kiosk binary with its stderr on a pipe that passes for the journal
// ($JOURNAL_STREAM), and a datagram socket standing in for systemd's NOTIFY_SOCKET.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "process.hpp"
#include "temp_dir.hpp"
#include "xserver.hpp"

namespace kiosk::deploy {

using test::on_path;
using test::TempDir;
using test::XServer;

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

}  // namespace kiosk::deploy
