// The display log fed from the kiosk's state changes; see display_events.hpp.
#include "app/display_events.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <system_error>
#include <utility>

#include "core/files.hpp"
#include "crypto/sha256.hpp"
#include "fleet/identity.hpp"
#include "report/upload.hpp"

namespace kiosk::app {

std::unique_ptr<DisplayEvents> DisplayEvents::start(const config::Config& config,
                                                    const tz::Zone& zone, platform::Logger& log) {
  std::error_code ec;
  if (!std::filesystem::is_directory(config.state_dir, ec)) {
    log.info("display log: off: state_dir " + config.state_dir +
             " does not exist (systemd's StateDirectory=kiosk makes it)");
    return nullptr;
  }
  auto id = fleet::load_or_create_identity(config.state_dir, config.kiosk_id);
  if (!id) {
    log.warning("display log: off: " + id.error().what);
    return nullptr;
  }
  auto opened =
      fleet::DisplayLog::open(config.state_dir, std::move(*id), config.report.log_days, zone);
  if (!opened) {
    log.warning("display log: off: " + opened.error().what);
    return nullptr;
  }
  // The last whole report of an earlier run (not this one's: it reports 5 s after start at the
  // earliest): the kiosk was alive then, for a crash_restart's alive_until.
  std::string alive_until;
  const long long reported = report::last_reported_unix(std::filesystem::path(config.state_dir) /
                                                        std::string(report::kStateFile));
  if (reported > 0 && reported < static_cast<long long>(std::time(nullptr)))
    alive_until = zone.rfc3339(reported);
  return std::unique_ptr<DisplayEvents>(
      new DisplayEvents(std::move(*opened), log, std::move(alive_until)));
}

DisplayEvents::DisplayEvents(fleet::DisplayLog log, platform::Logger& journal,
                             std::string alive_until)
    : journal_(journal), log_(std::move(log)), open_alive_until_(std::move(alive_until)) {
  open_head_ = log_.head_seq();
  open_last_event_ = log_.last_event();
  open_torn_ = log_.torn_bytes();
  if (!log_.moved_aside().empty()) journal_.warning("display log: " + log_.moved_aside());
  if (open_torn_ > 0)
    journal_.warning("display log: cut away a torn last record (" + std::to_string(open_torn_) +
                     " bytes, a power cut while writing); the chain goes on from record " +
                     std::to_string(open_head_));
  thread_ = std::thread([this] { run(); });
}

DisplayEvents::~DisplayEvents() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DisplayEvents::push(std::string event, nlohmann::json fields, long long now_unix) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(Item{std::move(event), std::move(fields), now_unix});
  }
  wake_.notify_one();
}

void DisplayEvents::run() {
  bool failing = false;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return done_ || !queue_.empty(); });
    if (queue_.empty()) {
      if (done_) return;
      continue;
    }
    Item item = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    const auto r = log_.append(item.event, std::move(item.fields), item.time);
    // One line when writing starts failing (a full disk) and one when it works again.
    if (!r && !failing) journal_.warning("display log: " + r.error().what);
    if (r && failing) journal_.info("display log: writing again");
    failing = !r;
    lock.lock();
    busy_ = false;
    if (queue_.empty()) drained_.notify_all();
  }
}

void DisplayEvents::observe(const BoardState& now, bool content_changed, long long now_unix) {
  if (stopped_) return;
  using nlohmann::json;
  if (!last_) {
    if (open_head_ > 0 && open_last_event_ != "stop") {
      json f{{"last_seq", open_head_}};
      if (!log_.moved_aside().empty()) journal_.warning("display log: " + log_.moved_aside());
      if (open_torn_ > 0) f["torn_bytes"] = open_torn_;
      if (!open_alive_until_.empty()) f["alive_until"] = open_alive_until_;
      push("crash_restart", std::move(f), now_unix);
    }
    push("start", {{"version", now.version}, {"manifest_sha256", now.manifest_sha256}}, now_unix);
    for (const auto& n : now.notices)
      push("notice_on", {{"notice", n}, {"reason", "start"}}, now_unix);
    if (now.dimmed) push("dim", json::object(), now_unix);
    if (now.offline) push("offline", {{"reason", now.offline_reason.substr(0, 300)}}, now_unix);
    last_ = now;
    return;
  }
  if (*last_ == now) return;
  const BoardState& was = *last_;
  const bool swapped =
      content_changed || was.version != now.version || was.manifest_sha256 != now.manifest_sha256;
  if (swapped)
    push("content", {{"version", now.version}, {"manifest_sha256", now.manifest_sha256}}, now_unix);
  for (const auto& n : was.notices)
    if (!now.notices.count(n))
      push("notice_off",
           {{"notice", n},
            {"reason", swapped                   ? "content"
                       : now.terminated.count(n) ? "terminated"
                                                 : "window_end"}},
           now_unix);
  for (const auto& n : now.notices)
    if (!was.notices.count(n))
      push("notice_on", {{"notice", n}, {"reason", swapped ? "content" : "window_start"}},
           now_unix);
  if (was.dimmed != now.dimmed) push(now.dimmed ? "dim" : "wake", json::object(), now_unix);
  if (was.offline != now.offline) {
    if (now.offline) {
      push("offline", {{"reason", now.offline_reason.substr(0, 300)}}, now_unix);
    } else {
      push("online", json::object(), now_unix);
    }
  }
  last_ = now;
}

void DisplayEvents::stop(long long now_unix) {
  if (stopped_) return;
  if (last_)
    for (const auto& n : last_->notices)
      push("notice_off", {{"notice", n}, {"reason", "stop"}}, now_unix);
  push("stop", nlohmann::json::object(), now_unix);
  stopped_ = true;
  std::unique_lock lock(mutex_);
  // Bounded: a disk that hangs must not keep the kiosk from exiting (systemd would kill it).
  if (!drained_.wait_for(lock, std::chrono::seconds(10), [&] { return queue_.empty() && !busy_; }))
    journal_.warning("display log: the stop record was not written within 10 s");
}

int print_identity(const config::Config& config, std::ostream& out, std::ostream& err) {
  const std::filesystem::path dir = config.state_dir;
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0 && st.st_uid != ::geteuid() &&
      !std::filesystem::exists(dir / fleet::kSecretKeyFile)) {
    const passwd* owner = ::getpwuid(st.st_uid);
    const passwd* me = ::getpwuid(::geteuid());
    const std::string who = owner ? owner->pw_name : std::to_string(st.st_uid);
    err << "kiosk: --identity: state_dir " << dir.string() << " belongs to user " << who << ", not "
        << (me ? me->pw_name : std::to_string(::geteuid()))
        << "; a key made now could not be read by the kiosk: run as that user: sudo -u " << who
        << " kiosk --identity\n";
    return 1;
  }
  const auto id = fleet::load_or_create_identity(dir, config.kiosk_id);
  if (!id) {
    err << "kiosk: --identity: " << id.error().what << "\n";
    return 1;
  }
  out << "kiosk_id: " << id->kiosk_id << "\npublic_key: " << id->public_key << "\n";
  return 0;
}

std::string manifest_sha256_in(const std::filesystem::path& dir, long long version) {
  auto text = files::read(dir / "manifest.json", 1024 * 1024);
  if (!text) return "";
  const auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object() || !j.contains("version") || !j["version"].is_number_integer() ||
      j["version"].get<long long>() != version)
    return "";
  return crypto::sha256_hex(*text);
}

}  // namespace kiosk::app
