// sync::Service: runs sync rounds on its own thread, every poll interval, with exponential backoff
// and jitter after failures; hands a newly installed bundle to the UI loop, which takes it between
// two frames, and offers a status snapshot for the footer and the diagnostics screen.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "content/model.hpp"
#include "sync/round.hpp"

namespace kiosk::sync {

// A snapshot, copied out under the service's lock.
struct Status {
  bool enabled = false;           // a server is configured
  bool syncing = false;           // a round is running now
  long long last_round_unix = 0;  // end of the last round; 0 before the first
  std::string last_result;        // its one line ("" before the first)
  bool last_ok = true;
  int consecutive_failures = 0;     // the UI shows a quiet offline note from 3 on
  long long last_success_unix = 0;  // the last round that installed or found the content current
  long long next_round_unix = 0;
  long long installed_version = 0;  // 0: the embedded default is shown
  std::string issued_at;            // of the installed manifest, as written (更新于)
  std::string expires_at;
  long long expires_at_unix = 0;  // 0 when unknown; the UI shows 内容已过期 once past it
};

// The delay before the next round: poll ±10 % after a success; after n failures
// min(cap, base·2^(n−1)) with base = min(poll, 15 s) and cap = max(poll, 30 min), drawn uniformly
// from [d/2, d] ("equal jitter"). random01 is uniform in [0, 1).
std::chrono::milliseconds next_delay(std::chrono::seconds poll, int consecutive_failures,
                                     double random01);

// What a Service takes from its owner besides the settings.
struct ServiceHooks {
  // Unix seconds; the system clock when empty. Used for expiry checks and the status times.
  std::function<long long()> now_unix;
  // Called on the sync thread when a new bundle is ready to take (e.g. push an SDL user event to
  // wake the UI loop). Must be quick and thread-safe.
  std::function<void()> on_new_bundle;
  // Called on the sync thread after every round, outside the service's lock, with its result
  // (outcome, one-line result, version; the bundle itself has moved on to take_new_bundle).
  // The kiosk logs one journal line per round from here.
  std::function<void(const RoundResult& result)> on_round;
  // Seed for the jitter; 0 takes one from std::random_device.
  std::uint64_t jitter_seed = 0;
  // Delay before the first round, so kiosks powered on together do not poll together; the
  // default draws it from [0, min(poll, 10 s)).
  std::optional<std::chrono::milliseconds> first_delay;
};

class Service {
 public:
  using Hooks = ServiceHooks;

  // `shown` is what load_startup_bundle returned (its manifest seeds the status). Does not start
  // the thread; call start().
  Service(Settings settings, const StartupBundle& shown, Hooks hooks = {});
  ~Service();  // stop()
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Without a server the thread only watches the cache every poll interval for a bundle another
  // process installed (kiosk --install-from); no-op when already started.
  void start();
  void stop();  // cancels a transfer in progress and joins the thread

  // Wakes the thread for a round now (the diagnostics screen's 立即更新, tests).
  void request_round();

  // The bundle the last round installed, once; nullopt when there is none new. For the UI thread.
  std::optional<content::Bundle> take_new_bundle();

  [[nodiscard]] Status status() const;

 private:
  void loop();
  void apply(const RoundResult& r, long long now);
  // Takes the cache's current bundle (installed_sha: its manifest's sha256) as pending when it is
  // not the one shown and verifies; unlocks `lock` while reading. True when taken.
  bool pick_up_installed(std::unique_lock<std::mutex>& lock, const std::string& installed_sha);
  long long now() const;

  Settings settings_;
  Hooks hooks_;
  std::mt19937_64 rng_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool round_requested_ = false;
  std::atomic<bool> cancel_{false};
  Status status_;
  std::optional<content::Bundle> pending_;
  std::string shown_sha_;  // manifest sha256 of the bundle the UI has or is about to take
  std::thread thread_;
};

}  // namespace kiosk::sync
