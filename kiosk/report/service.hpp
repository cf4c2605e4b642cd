// report::Service: reports on a thread of its own, every interval and soon after each install
// (request_report), with exponential backoff and jitter while the server fails. Never touches the
// screen: what it sends comes from hooks that copy a snapshot (gather) or draw offscreen in
// another process (screenshot).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "report/upload.hpp"

namespace kiosk::report {

struct ServiceSettings {
  std::chrono::seconds interval{300};
  bool screenshot = true;
  // A screenshot goes up at most this often, and when what is shown changes (gather's key).
  std::chrono::seconds screenshot_every{6 * 3600};
  std::chrono::seconds report_timeout{60};  // one report's whole budget
  std::chrono::milliseconds first_delay{5000};
};

struct ServiceHooks {
  // On the report thread: the signed status and the log's paths (no screenshot). `screen_key`
  // changes when the screen shows something else (version, screen, dimmed).
  std::function<Upload(std::string& screen_key)> gather;
  // On the report thread: a small PNG of what is on screen now; nullopt when none could be made.
  std::function<std::optional<std::string>()> screenshot;
  // After every report, ok or not (one line, no credentials).
  std::function<void(bool ok, const std::string& line)> on_report;
};

// The delay after `failures` consecutive failures (0: interval ±10 %): min(cap, base·2^(n−1)),
// base = min(interval, 30 s), cap = max(interval, 1 h), drawn from [d/2, d]. random01 in [0, 1).
std::chrono::milliseconds backoff_delay(std::chrono::seconds interval, int failures,
                                        double random01);

class Service {
 public:
  Service(Target target, ServiceSettings settings, ServiceHooks hooks);
  ~Service();  // stop()
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;
  void start();
  void stop();            // cancels a transfer in progress and joins
  void request_report();  // soon (after an install)

  struct Status {
    long long reports = 0, failures_in_a_row = 0;
    std::string last_line;
  };
  [[nodiscard]] Status status() const;

 private:
  void loop();
  Target target_;
  ServiceSettings settings_;
  ServiceHooks hooks_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, requested_ = false;
  std::atomic<bool> cancel_{false};
  Status status_;
  std::mt19937_64 rng_{std::random_device{}()};
  std::thread thread_;
};

}  // namespace kiosk::report
