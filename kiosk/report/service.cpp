// The report thread (see service.hpp).
#include "report/service.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::report {

std::chrono::milliseconds backoff_delay(std::chrono::seconds interval, int failures,
                                        double random01) {
  using ms = std::chrono::milliseconds;
  const double interval_ms = static_cast<double>(ms(interval).count());
  if (failures <= 0) return ms(static_cast<long long>(interval_ms * (0.9 + 0.2 * random01)));
  const double base = std::min(interval_ms, 30'000.0);
  const double cap = std::max(interval_ms, 3'600'000.0);
  const double d = std::min(cap, base * std::pow(2.0, std::min(failures - 1, 30)));
  return ms(static_cast<long long>(d / 2 + d / 2 * random01));
}

Service::Service(Target target, ServiceSettings settings, ServiceHooks hooks)
    : target_(std::move(target)), settings_(settings), hooks_(std::move(hooks)) {
  target_.options.cancel = &cancel_;
}

Service::~Service() { stop(); }

void Service::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { loop(); });
}

void Service::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cancel_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Service::request_report() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
  }
  wake_.notify_all();
}

Service::Status Service::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void Service::loop() {
  net::Client client(target_.options);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(settings_.first_delay);
  std::string shot_key;
  auto shot_at = std::chrono::steady_clock::time_point{};
  int failures = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, delay, [this] { return stopping_ || requested_; });
      if (stopping_) return;
      requested_ = false;
    }
    std::string key;
    Upload what = hooks_.gather(key);
    const auto now = std::chrono::steady_clock::now();
    if (settings_.screenshot && hooks_.screenshot &&
        (key != shot_key || shot_at == std::chrono::steady_clock::time_point{} ||
         now - shot_at >= settings_.screenshot_every)) {
      what.screenshot = hooks_.screenshot();
    }
    client.set_deadline(
        now + settings_.report_timeout,
        "the report's deadline (" + std::to_string(settings_.report_timeout.count()) + " s)");
    auto r = upload(target_, client, what);
    client.set_deadline(std::nullopt);
    bool more = false;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      ++status_.reports;
      if (r) {
        failures = 0;
        status_.failures_in_a_row = 0;
        status_.last_line = r->line;
        if (what.screenshot) shot_key = key, shot_at = now;
        more = r->log_pending;
      } else {
        ++failures;
        status_.failures_in_a_row = failures;
        status_.last_line = r.error().what;
      }
    }
    if (hooks_.on_report) hooks_.on_report(static_cast<bool>(r), r ? r->line : r.error().what);
    delay = more ? std::chrono::milliseconds(1000)
                 : backoff_delay(settings_.interval, failures, uniform(rng_));
  }
}

}  // namespace kiosk::report
