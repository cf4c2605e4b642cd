// Test support: a FIFO where the kiosk expects a file, released after a bounded time so that a
// reader that blocks on it (the regression of issue 11 item 5) fails the test instead of hanging.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace kiosk::test {

class FifoGuard {
 public:
  // Makes a FIFO at path. After `after`, a helper thread keeps opening its write end (without
  // blocking) and closing it, so a reader stuck in open(2) or read(2) sees end of file.
  explicit FifoGuard(std::filesystem::path path,
                     std::chrono::milliseconds after = std::chrono::seconds(3))
      : path_(std::move(path)) {
    if (::mkfifo(path_.c_str(), 0644) != 0) throw std::runtime_error("mkfifo " + path_.string());
    thread_ = std::thread([this, deadline = std::chrono::steady_clock::now() + after] {
      while (!done_) {
        if (std::chrono::steady_clock::now() >= deadline) {
          const int fd = ::open(path_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
          if (fd >= 0) {
            ::close(fd);
            released_ = true;
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
  }
  ~FifoGuard() { finish(); }
  FifoGuard(const FifoGuard&) = delete;
  FifoGuard& operator=(const FifoGuard&) = delete;

  // Stops the helper; true when it had to release a blocked reader.
  bool finish() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
    return released_;
  }

 private:
  std::filesystem::path path_;
  std::atomic<bool> done_{false}, released_{false};
  std::thread thread_;
};

}  // namespace kiosk::test
