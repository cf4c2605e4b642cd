// The sync thread: wait (poll interval or backoff), run a round, publish the result.
#include "sync/service.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>

#include "content/bundle_files.hpp"
#include "crypto/sha256.hpp"
#include "net/printable.hpp"

namespace kiosk::sync {

std::chrono::milliseconds next_delay(std::chrono::seconds poll, int consecutive_failures,
                                     double random01) {
  using std::chrono::milliseconds;
  const double r = std::clamp(random01, 0.0, 1.0);
  const double poll_ms =
      static_cast<double>(std::chrono::duration_cast<milliseconds>(poll).count());
  if (consecutive_failures <= 0)
    return milliseconds(static_cast<long long>(poll_ms * (0.9 + 0.2 * r)));
  const double base = std::min(poll_ms, 15'000.0);
  const double cap = std::max(poll_ms, 30.0 * 60'000.0);
  const int doublings = std::min(consecutive_failures - 1, 30);
  const double d = std::min(cap, base * std::ldexp(1.0, doublings));
  return milliseconds(static_cast<long long>(d / 2 + (d / 2) * r));
}

namespace {

void describe_manifest(Status& s, const std::optional<content::Manifest>& m) {
  s.installed_version = m ? m->version : 0;
  s.issued_at = m ? m->issued_at : "";
  s.expires_at = m ? m->expires_at : "";
  s.expires_at_unix = m ? m->expires_at_unix : 0;
}

}  // namespace

Service::Service(Settings settings, const StartupBundle& shown, Hooks hooks)
    : settings_(std::move(settings)), hooks_(std::move(hooks)) {
  rng_.seed(hooks_.jitter_seed != 0 ? hooks_.jitter_seed : std::random_device{}());
  settings_.net.cancel = &cancel_;
  status_.enabled = !settings_.server_url.empty();
  describe_manifest(status_, shown.bundle.manifest);
  shown_sha_ = shown.manifest_sha256;
  // The last round's result survives a restart, so the diagnostics screen has it at once.
  const State state = Cache(settings_.cache_dir).read_state();
  status_.last_round_unix = state.last_round_unix;
  // A state.json from before reasons were made printable may hold raw server text.
  status_.last_result =
      net::printable(shown.note.empty() ? state.last_result : shown.note, kMaxLineChars);
  status_.last_ok = shown.note.empty() && state.last_ok;
  status_.consecutive_failures = state.consecutive_failures;
  status_.last_success_unix = state.last_success_unix;
}

Service::~Service() { stop(); }

long long Service::now() const {
  return hooks_.now_unix ? hooks_.now_unix() : static_cast<long long>(std::time(nullptr));
}

void Service::start() {
  const std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  cancel_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Service::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    cancel_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Service::request_round() {
  {
    const std::lock_guard lock(mutex_);
    round_requested_ = true;
  }
  wake_.notify_all();
}

std::optional<content::Bundle> Service::take_new_bundle() {
  const std::lock_guard lock(mutex_);
  std::optional<content::Bundle> out = std::move(pending_);
  pending_.reset();
  return out;
}

Status Service::status() const {
  const std::lock_guard lock(mutex_);
  return status_;
}

void Service::apply(const RoundResult& r, long long t) {
  status_.syncing = false;
  status_.last_round_unix = t;
  status_.last_result = r.line;
  status_.last_ok = r.outcome != Outcome::Failed;
  if (r.outcome == Outcome::Failed) {
    status_.consecutive_failures += 1;
  } else {
    status_.consecutive_failures = 0;
    status_.last_success_unix = t;
  }
}

bool Service::pick_up_installed(std::unique_lock<std::mutex>& lock,
                                const std::string& installed_sha) {
  if (installed_sha.empty() || installed_sha == shown_sha_) return false;
  lock.unlock();
  CachedBundle cached;
  {
    const FileLock install_lock(settings_.cache_dir / "install.lock", FileLock::Mode::Shared, true);
    cached = load_cached_bundle(settings_);
  }
  lock.lock();
  if (stopping_ || !cached.verified || cached.verified->manifest_sha256 != installed_sha)
    return false;
  describe_manifest(status_, cached.verified->bundle.manifest);
  pending_ = std::move(cached.verified->bundle);
  shown_sha_ = installed_sha;
  if (!status_.enabled) {
    // What installed it said so in state.json: 维护 shows that line.
    const State state = Cache(settings_.cache_dir).read_state();
    status_.last_result = net::printable(state.last_result, kMaxLineChars);
    status_.last_round_unix = state.last_round_unix;
  }
  return true;
}

void Service::loop() {
  net::Client client(settings_.net);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const auto first_cap =
      std::min<std::chrono::milliseconds>(settings_.poll_interval, std::chrono::seconds(10));
  auto delay = hooks_.first_delay.value_or(std::chrono::milliseconds(
      static_cast<long long>(static_cast<double>(first_cap.count()) * uniform(rng_))));
  std::unique_lock lock(mutex_);
  while (true) {
    status_.next_round_unix =
        now() + std::chrono::duration_cast<std::chrono::seconds>(delay).count();
    wake_.wait_for(lock, delay, [this] { return stopping_ || round_requested_; });
    if (stopping_) return;
    round_requested_ = false;
    if (!status_.enabled) {
      // No server: only watch the cache for a bundle another process installed (kiosk
      // --install-from from a USB stick, kiosk --sync-once).
      lock.unlock();
      const auto manifest =
          Cache(settings_.cache_dir).read_current_file(content::bundle_files::kManifest, 4u << 20);
      const std::string installed = manifest ? crypto::sha256_hex(*manifest) : "";
      lock.lock();
      if (stopping_) return;
      const bool fresh = pick_up_installed(lock, installed);
      if (stopping_) return;
      delay = settings_.poll_interval;
      if (fresh && hooks_.on_new_bundle) {
        lock.unlock();
        hooks_.on_new_bundle();
        lock.lock();
      }
      continue;
    }
    status_.syncing = true;
    lock.unlock();
    RoundResult result = run_round(settings_, client, now());
    const long long finished = now();
    lock.lock();
    if (stopping_) return;
    apply(result, finished);
    bool fresh = false;
    if (result.outcome == Outcome::Installed && result.bundle) {
      describe_manifest(status_, result.bundle->manifest);
      pending_ = std::move(result.bundle);
      shown_sha_ = result.manifest_sha256;
      fresh = true;
    } else {
      // Another process (kiosk --sync-once, kiosk --install-from) installed a bundle this kiosk
      // has not shown yet; also when this round failed (a stick installed with the server down).
      fresh = pick_up_installed(lock, result.manifest_sha256);
      if (stopping_) return;
    }
    delay = next_delay(settings_.poll_interval, status_.consecutive_failures, uniform(rng_));
    if (hooks_.on_round || (fresh && hooks_.on_new_bundle)) {
      lock.unlock();
      if (hooks_.on_round) hooks_.on_round(result);
      if (fresh && hooks_.on_new_bundle) hooks_.on_new_bundle();
      lock.lock();
    }
  }
}

}  // namespace kiosk::sync
