// The sync round (fetch, verify, validate, install) and the start-up bundle choice.
#include "sync/round.hpp"

#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "core/result.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "net/printable.hpp"
#include "sync/roots.hpp"
#include "sync/source.hpp"

namespace kiosk::sync {
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMaxManifestBytes = 4ull << 20;
constexpr std::uint64_t kMaxSignatureBytes = 4096;
// nginx's ETag and Last-Modified have one-second resolution: two same-size manifests published
// within one second look unchanged to a conditional GET. An unconditional GET at least this often
// bounds how long a kiosk could miss such a publish (it costs one manifest download).
constexpr long long kRevalidateAfterSeconds = 3600;

// An error page served with 200 (a captive portal, a proxy). Judged by the body, not the
// Content-Type, so a server that labels JSON oddly still works; JSON never starts with '<'.
bool looks_like_html(const net::Response& r) {
  for (const char c : r.body) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '<';
  }
  return false;
}

std::string status_text(long status) {
  return "expected HTTP 200, found " + std::to_string(status);
}

}  // namespace

namespace {

// One round's steps over shared state: the cache, state.json as read and as it will be written,
// the rollback floor, and the result. Each fetch_/check_ step either lets the round go on or
// ends it with one line (an Error, turned into a failed round by run()).
class Round {
 public:
  Round(const Settings& settings, Source& source, long long now_unix)
      : settings_(settings), source_(source), now_(now_unix), cache_(settings.cache_dir) {}

  RoundResult run();

 private:
  Result<void> open_cache();
  Result<void> read_kept_root();
  void read_floor();
  Result<void> follow_roots();
  RoundResult finish(Outcome outcome, std::string line);
  std::optional<RoundResult> fetch_manifest();
  Result<void> fetch_signature();
  Result<content::Manifest> check_manifest();
  Result<void> fetch_files(const content::Manifest& manifest);
  RoundResult install(const content::Manifest& manifest);

  const Settings& settings_;
  Source& source_;
  const long long now_;
  const Cache cache_;
  std::optional<FileLock> round_lock_;
  std::string state_problem_;
  State before_, state_;
  std::string installed_sha_;
  long long installed_version_ = 0;
  long long floor_version_ = 0;
  std::string floor_sha_;
  RoundResult result_;
  trust::Root root_;  // the newest verified root
  bool roots_followed_ = false;
  net::Response manifest_response_;
  std::string manifest_sha_;
  Files files_;
  int downloaded_ = 0, unchanged_ = 0;
};

// Creates the cache and takes the round lock; the line that ends the round when it cannot.
Result<void> Round::open_cache() {
  // Before anything is created: files another user's process writes here (root's, say) would
  // stay unchangeable by the kiosk, and every later round would fail.
  if (auto foreign = cache_.foreign_owner()) return Error{"cache: " + *foreign};
  if (auto made = cache_.ensure_exists(); !made) {
    return Error{made.error().what + cache_.ownership_hint(settings_.cache_dir)};
  }
  const fs::path lock_path = settings_.cache_dir / "round.lock";
  round_lock_.emplace(lock_path, FileLock::Mode::Exclusive, settings_.wait_for_round_lock);
  if (!round_lock_->locked()) {
    // Only a lock held by another process means another round; any other failure is said as it is.
    return Error{round_lock_->busy()
                     ? "cache: another sync round is running (" + lock_path.string() + ")"
                     : "cache: " + round_lock_->error() + cache_.ownership_hint(lock_path)};
  }
  return {};
}

// What is installed now, and the rollback floor: the higher of state.json and the installed
// manifest (a crash between the swap and the state write leaves state.json one behind).
void Round::read_floor() {
  (void)cache_.remove_stale_temp_files();  // a crash inside write_state leaves them
  before_ = cache_.read_state(&state_problem_);
  state_ = before_;
  const auto installed_manifest =
      cache_.read_current_file(content::bundle_files::kManifest, kMaxManifestBytes);
  installed_sha_ = installed_manifest ? crypto::sha256_hex(*installed_manifest) : "";
  if (installed_manifest) {
    Problems ignored;
    if (const auto m = content::parse_manifest(*installed_manifest, ignored))
      installed_version_ = m->version;
  }
  if (installed_version_ > state_.version) {
    // A crash between the swap and the state write: once the installed bundle verifies, it is the
    // floor, and state.json catches up (finish writes it), so losing `current` later cannot lower
    // it.
    CachedBundle cached;
    {
      const FileLock install_lock(settings_.cache_dir / "install.lock", FileLock::Mode::Shared,
                                  true);
      cached = load_cached_bundle(settings_);
    }
    if (cached.verified && cached.verified->manifest_sha256 == installed_sha_) {
      state_.previous_version = state_.version;
      state_.version = installed_version_;
      state_.manifest_sha256 = installed_sha_;
    }
  }
  floor_version_ = state_.version;
  floor_sha_ = state_.manifest_sha256;
  if (installed_version_ > floor_version_)
    floor_version_ = installed_version_, floor_sha_ = installed_sha_;
  result_.version = installed_version_;
  result_.manifest_sha256 = installed_sha_;
}

// Ends the round: its line, and state.json when anything but the time changed.
RoundResult Round::finish(Outcome outcome, std::string line) {
  result_.outcome = outcome;
  if (!state_problem_.empty()) line += " (cache: " + state_problem_ + "; state.json rewritten)";
  // Reasons quote what the server sent (a header, a signature line, a manifest value): made
  // printable and bounded once here, for stderr, the journal, state.json and the 维护 screen.
  result_.line = net::printable(line, kMaxLineChars);
  state_.last_round_unix = now_;
  state_.last_result = result_.line;
  state_.last_ok = outcome != Outcome::Failed;
  if (outcome == Outcome::Failed) {
    state_.consecutive_failures += 1;
  } else {
    state_.consecutive_failures = 0;
    state_.last_success_unix = now_;
  }
  // Rounds that change nothing but the time do not write (a 304 a minute would wear flash).
  State compare = state_;
  compare.last_round_unix = before_.last_round_unix;
  compare.last_success_unix = before_.last_success_unix;
  if (!(compare == before_) || !state_problem_.empty()) {
    if (auto written = cache_.write_state(state_); !written && outcome != Outcome::Failed) {
      result_.line += " (" + written.error().what + ")";
    }
  }
  return std::move(result_);
}

// The newest root the cache keeps (the first root when none); a content.root_file that cannot be
// used ends the round.
Result<void> Round::read_kept_root() {
  auto kept = kept_root(settings_.trust, settings_.cache_dir);
  if (!kept) return kept.error();
  root_ = std::move(kept->newest);
  return {};
}

// root/N.json + root/N.sig upward from the newest root (at most trust::kMaxRootWalk), each that
// follows kept in the cache at once; then the newest root must not have expired. Ends the round
// when a root does not follow, when more roots remain than one round walks (the next round goes
// on), and when the newest root has expired.
Result<void> Round::follow_roots() {
  roots_followed_ = true;
  const long long from = root_.version;
  RootWalk walk = walk_roots(root_, source_, trust::kMaxRootWalk);
  if (auto kept = keep_roots(settings_.cache_dir, walk); !kept) return kept;
  root_ = walk.newest;
  if (!walk.error.empty()) return Error{walk.error};
  if (walk.more) {
    result_.roots_remain = true;
    return Error{"root: followed versions " + std::to_string(from + 1) + " to " +
                 std::to_string(root_.version) + " (" + std::to_string(trust::kMaxRootWalk) +
                 ", the most one round walks); more remain, the next round goes on"};
  }
  if (auto frozen = frozen_reason(root_, now_); !frozen.empty()) return Error{frozen};
  return {};
}

// 1. manifest.json, conditional on the validators kept for the installed manifest. Ends the
// round when it fails or the installed manifest is still current.
std::optional<RoundResult> Round::fetch_manifest() {
  net::Conditions conditions;
  if (!installed_sha_.empty() && installed_sha_ == state_.validators_for &&
      now_ - state_.validated_unix < kRevalidateAfterSeconds && now_ >= state_.validated_unix) {
    conditions.etag = state_.etag;
    conditions.last_modified = state_.last_modified;
  }
  const bool conditional =
      source_.conditional() && (!conditions.etag.empty() || !conditions.last_modified.empty());
  manifest_response_ = source_.get(content::bundle_files::kManifest, conditions, kMaxManifestBytes);
  const net::Response& r = manifest_response_;
  if (!r.completed()) return finish(Outcome::Failed, "manifest.json: " + r.error);
  if (r.status == 304 && conditional) {
    return finish(Outcome::Current,
                  "already current: version " + std::to_string(installed_version_) + " (HTTP 304)");
  }
  if (r.status != 200) return finish(Outcome::Failed, "manifest.json: " + status_text(r.status));
  if (looks_like_html(r)) {
    return finish(
        Outcome::Failed,
        "manifest.json: expected JSON, found an HTML page (Content-Type " +
            (r.content_type.empty() ? std::string("none") : net::printable(r.content_type)) + ")");
  }
  manifest_sha_ = crypto::sha256_hex(r.body);
  if (manifest_sha_ == installed_sha_) {
    // The bytes installed and verified before (new validators, e.g. a touched file, or the hourly
    // unconditional GET): nothing to fetch or check. An expired one stays as it is on screen.
    state_.etag = r.etag;
    state_.last_modified = r.last_modified;
    state_.validators_for = manifest_sha_;
    state_.validated_unix = now_;
    return finish(Outcome::Current,
                  "already current: version " + std::to_string(installed_version_));
  }
  files_[content::bundle_files::kManifest] = r.body;
  return std::nullopt;
}

// 2. manifest.sig, checked against the trusted keys.
Result<void> Round::fetch_signature() {
  const std::string& manifest_bytes = manifest_response_.body;
  const auto sig = source_.get(content::bundle_files::kSignature, {}, kMaxSignatureBytes);
  if (!sig.completed()) return Error{"manifest.sig: " + sig.error};
  const bool unsigned_bundle = sig.status == 404 || sig.status == 410;
  if (!unsigned_bundle && sig.status != 200)
    return Error{"manifest.sig: " + status_text(sig.status)};
  if (!unsigned_bundle) files_[content::bundle_files::kSignature] = sig.body;
  switch (signature_step(settings_.trust, !unsigned_bundle)) {
    case SignatureStep::Accept:
      return {};
    case SignatureStep::Refuse:
      return Error{"manifest.sig: " + unsigned_refused("HTTP " + std::to_string(sig.status))};
    case SignatureStep::Verify:
      break;
  }
  if (auto checked = trust::check_threshold(manifest_bytes, sig.body, root_); !checked) {
    // A publish between its manifest.sig and manifest.json (or stopped there) leaves a newer
    // signature beside this manifest; kioskctl publish also keeps each manifest's signature
    // at objects/<sha256 of manifest.json>.sig. Only a signature that verifies is taken.
    auto kept = source_.get("objects/" + manifest_sha_ + ".sig", {}, kMaxSignatureBytes);
    if (!kept.completed() || kept.status != 200 ||
        !trust::check_threshold(manifest_bytes, kept.body, root_)) {
      return Error{"manifest.sig: " + checked.error().what};
    }
    files_[content::bundle_files::kSignature] = std::move(kept.body);
  }
  return {};
}

// The manifest itself: parses, no rollback, not expired, within the size limit.
Result<content::Manifest> Round::check_manifest() {
  Problems problems;
  auto manifest = content::parse_manifest(manifest_response_.body, problems);
  if (!manifest) return Error{first_problem_line(problems)};
  if (manifest->version < floor_version_) {
    return Error{"manifest.json: version " + std::to_string(manifest->version) +
                 " is older than the installed version " + std::to_string(floor_version_) +
                 " (rollback refused)"};
  }
  if (manifest->version == floor_version_ && !floor_sha_.empty() && manifest_sha_ != floor_sha_) {
    return Error{"manifest.json: version " + std::to_string(manifest->version) +
                 " is already installed with other bytes (refused)"};
  }
  if (manifest->expires_at_unix <= now_) {
    return Error{"manifest.json: expired at " + manifest->expires_at + " (refused)"};
  }
  std::uint64_t total = 0;
  for (const auto& [name, entry] : manifest->files) total += entry.size;
  if (total > settings_.trust.max_bundle_bytes) {
    return Error{"manifest.json: files total " + std::to_string(total) +
                 " bytes, over the limit of " +
                 files::human_size(settings_.trust.max_bundle_bytes) + " (content.max_bundle_mb)"};
  }
  return std::move(*manifest);
}

// 3. Each listed file: reused when the installed copy has the same sha256, else downloaded.
Result<void> Round::fetch_files(const content::Manifest& manifest) {
  for (const auto& [name, entry] : manifest.files) {
    if (auto bytes = cache_.read_current_file(name, entry.size);
        bytes && bytes->size() == entry.size && crypto::sha256_hex(*bytes) == entry.sha256) {
      files_[name] = std::move(*bytes);
      ++unchanged_;
      continue;
    }
    // Where the server keeps it: the manifest's "path" (content-addressed, never overwritten by a
    // later publish), else the plain name (manifests written before "path" existed).
    auto response = source_.get(entry.path.empty() ? name : entry.path, {}, entry.size);
    if (!response.completed()) {
      if (response.failure == net::Failure::TooLarge) {
        return Error{name + ": larger than the " + std::to_string(entry.size) +
                     " bytes manifest.json lists; download stopped"};
      }
      return Error{name + ": " + response.error};
    }
    if (response.status != 200) return Error{name + ": " + status_text(response.status)};
    if (response.body.size() != entry.size) {
      return Error{name + ": expected " + std::to_string(entry.size) +
                   " bytes as manifest.json says, found " + std::to_string(response.body.size())};
    }
    if (const auto sha = crypto::sha256_hex(response.body); sha != entry.sha256) {
      return Error{name + ": expected sha256 " + entry.sha256 + " as manifest.json says, found " +
                   sha};
    }
    files_[name] = std::move(response.body);
    ++downloaded_;
  }
  return {};
}

// 4. The whole bundle as the kiosk would show it, then 5. the atomic install.
RoundResult Round::install(const content::Manifest& manifest) {
  auto verified = verify_bundle(files_, settings_.trust, root_);
  if (!verified) return finish(Outcome::Failed, verified.error().what);
  {
    const FileLock install_lock(settings_.cache_dir / "install.lock", FileLock::Mode::Exclusive,
                                true);
    if (auto installed = cache_.install(files_, manifest.version); !installed) {
      return finish(Outcome::Failed, installed.error().what);
    }
  }
  // The bundle kept beside the new one is the one installed until now: start-up may fall back to
  // it.
  if (manifest.version > state_.version)
    state_.previous_version = std::max(state_.version, installed_version_);
  state_.version = manifest.version;
  state_.manifest_sha256 = manifest_sha_;
  state_.etag = manifest_response_.etag;
  state_.last_modified = manifest_response_.last_modified;
  state_.validators_for = manifest_sha_;
  state_.validated_unix = now_;
  result_.version = manifest.version;
  result_.manifest_sha256 = manifest_sha_;
  result_.bundle = std::move(verified->bundle);
  return finish(Outcome::Installed, "installed version " + std::to_string(manifest.version) + " (" +
                                        std::to_string(downloaded_) + " file" +
                                        (downloaded_ == 1 ? "" : "s") + " downloaded, " +
                                        std::to_string(unchanged_) + " unchanged)");
}

RoundResult Round::run() {
  if (auto opened = open_cache(); !opened) {
    result_.line = opened.error().what;
    return std::move(result_);
  }
  read_floor();
  if (auto kept = read_kept_root(); !kept) return finish(Outcome::Failed, kept.error().what);
  // An expired root freezes updates: a newer root may lift it, so the walk comes first then.
  if (roots_apply(settings_.trust) && !frozen_reason(root_, now_).empty()) {
    if (auto followed = follow_roots(); !followed)
      return finish(Outcome::Failed, followed.error().what);
  }
  if (auto ended = fetch_manifest()) return std::move(*ended);
  // Roots are walked when there is a new manifest to judge (a 304 costs no extra request).
  if (roots_apply(settings_.trust) && !roots_followed_) {
    if (auto followed = follow_roots(); !followed)
      return finish(Outcome::Failed, followed.error().what);
  }
  if (auto signed_ok = fetch_signature(); !signed_ok)
    return finish(Outcome::Failed, signed_ok.error().what);
  auto manifest = check_manifest();
  if (!manifest) return finish(Outcome::Failed, manifest.error().what);
  if (auto fetched = fetch_files(*manifest); !fetched)
    return finish(Outcome::Failed, fetched.error().what);
  return install(*manifest);
}

}  // namespace

RoundResult run_round(const Settings& settings, Source& source, long long now_unix) {
  return Round(settings, source, now_unix).run();
}

RoundResult run_round(const Settings& settings, net::Client& client, long long now_unix) {
  if (settings.server_url.empty()) {
    RoundResult result;
    result.line = "content.server_url: not configured; nothing to sync";
    return result;
  }
  // The round's deadline bounds every request in it (a slow drip no longer holds the round for a
  // total timeout per file); cleared again however the round ends.
  struct RoundDeadline {
    net::Client& client;
    ~RoundDeadline() { client.set_deadline(std::nullopt); }
  } const round_deadline{client};
  client.set_deadline(
      std::chrono::steady_clock::now() + settings.round_timeout,
      "the round deadline (" + std::to_string(settings.round_timeout.count()) + " s)");
  HttpSource source(client, settings.server_url);
  return Round(settings, source, now_unix).run();
}

CachedBundle load_cached_bundle(const Settings& settings) {
  CachedBundle out;
  const Cache cache(settings.cache_dir);
  std::error_code ec;
  if (fs::symlink_status(settings.cache_dir / "current", ec).type() == fs::file_type::not_found ||
      ec)
    return out;
  auto read = cache.read_current(settings.trust.max_bundle_bytes);
  if (!read) {
    out.problem = read.error().what;
    return out;
  }
  // Under the newest root kept: a bundle installed after a rotation verifies at start-up too.
  auto root = kept_root(settings.trust, settings.cache_dir);
  if (!root) {
    out.problem = root.error().what;
    return out;
  }
  auto verified = verify_bundle(*read, settings.trust, root->newest);
  if (verified) {
    out.verified = std::move(verified).value();
  } else {
    out.problem = verified.error().what;
  }
  return out;
}

namespace {

// "version 17" for bundles/v17-…, else "the current bundle".
std::string bundle_label(const std::optional<fs::path>& dir) {
  if (dir) {
    const std::string name = dir->filename().string();
    const auto dash = name.find('-');
    if (name.size() > 1 && name[0] == 'v' && dash != std::string::npos && dash > 1 &&
        name.find_first_not_of("0123456789", 1) == dash) {
      return "version " + name.substr(1, dash - 1);
    }
  }
  return "the current bundle";
}

}  // namespace

namespace {

// The steps of load_startup_bundle.

// The current cached bundle, when it verifies and is not below the rollback floor (a version above
// it raises the floor in state). Else nothing, and the problem in cached.problem (with label the
// bundle's name in messages).
void take_current(CachedBundle& cached, State& state, std::string& label, StartupBundle& out) {
  if (!cached.verified) return;
  const long long v = cached.verified->bundle.manifest->version;
  const std::string& sha = cached.verified->manifest_sha256;
  label = "version " + std::to_string(v);
  if (v < state.version) {
    cached.problem =
        "below the rollback floor " + std::to_string(state.version) + " in state.json (refused)";
  } else if (v == state.version && !state.manifest_sha256.empty() && sha != state.manifest_sha256) {
    cached.problem =
        "not the manifest installed as version " + std::to_string(v) + " (other bytes; refused)";
  } else {
    // A crash between the swap and the state write (or a lost state.json): the verified
    // installed version is the floor from now on.
    if (v > state.version) {
      state.previous_version = state.version;
      state.version = v;
      state.manifest_sha256 = sha;
    }
    out.source = StartupBundle::Source::Cache;
    out.bundle = std::move(cached.verified->bundle);
    out.manifest_sha256 = sha;
  }
  if (!cached.problem.empty()) cached.verified.reset();
}

// The newest kept bundle (the one installed before) that verifies and is not below the version
// installed before the floor; note (what was refused so far) gets what was refused and shown.
void take_kept(const Cache& cache, const Settings& settings, const State& state, std::string& note,
               StartupBundle& out) {
  std::string refused_kept;
  const auto root = kept_root(settings.trust, settings.cache_dir);
  for (const auto& kept : cache.kept_bundles()) {
    auto read = cache.read_bundle(kept.dir, settings.trust.max_bundle_bytes);
    auto verified = !root  ? Result<Verified>(root.error())
                    : read ? verify_bundle(*read, settings.trust, root->newest)
                           : Result<Verified>(read.error());
    const std::string kept_label = "kept version " + std::to_string(kept.version);
    if (!verified) {
      refused_kept += "; " + kept_label + ": " + verified.error().what;
      continue;
    }
    const long long v = verified->bundle.manifest->version;
    if (v < state.previous_version) {
      refused_kept += "; " + kept_label + ": below the rollback floor " +
                      std::to_string(state.previous_version) + " (refused)";
      continue;
    }
    out.source = StartupBundle::Source::Cache;
    out.bundle = std::move(verified->bundle);
    out.manifest_sha256 = std::move(verified->manifest_sha256);
    if (note.empty()) note = "cache: no current bundle";
    note +=
        refused_kept + "; showing version " + std::to_string(v) + " kept in " + kept.dir.string();
    return;
  }
  if (note.empty() && !refused_kept.empty()) note = "cache: no current bundle";
  if (!note.empty()) {
    note += (refused_kept.empty() ? "; no earlier bundle kept" : refused_kept) +
            "; showing the embedded default content";
  }
}

// The line about an unusable state.json: what the rollback floor is now.
std::string state_note(const std::string& state_problem, const State& state, const State& before,
                       bool repair) {
  return "cache: " + state_problem +
         (state.version == before.version
              ? "; the rollback floor is unknown until the next install"
              : "; rollback floor " + std::string(repair ? "rebuilt from" : "taken as") +
                    " the installed version " + std::to_string(state.version));
}

// Under round.lock (state.json has one writer at a time: its holder; a round running in another
// process, kiosk --sync-once, does the same itself): stale temporary files go, a changed state is
// written.
void repair_cache(const Cache& cache, const Settings& settings, const State& state,
                  const State& before) {
  const FileLock round_lock(settings.cache_dir / "round.lock", FileLock::Mode::Exclusive, false);
  if (!round_lock.locked()) return;
  (void)cache.remove_stale_temp_files();
  if (!(state == before)) (void)cache.write_state(state);
}

}  // namespace

StartupBundle load_startup_bundle(const Settings& settings, long long now_unix, Access access) {
  StartupBundle out;
  const Cache cache(settings.cache_dir);
  std::error_code ec;
  const bool exists = fs::is_directory(settings.cache_dir, ec);
  // A read-only command (--screenshot), and a process of another user, change nothing in the cache.
  const bool repair = access == Access::Repair && exists && !cache.foreign_owner();
  std::vector<std::string> notes;
  if (exists) {
    const FileLock lock(settings.cache_dir / "install.lock",
                        repair ? FileLock::Mode::Exclusive : FileLock::Mode::Shared, true, repair);
    std::string state_problem;
    State state = cache.read_state(&state_problem);
    const State before = state;
    auto cached = load_cached_bundle(settings);
    std::string label = bundle_label(cache.current());
    take_current(cached, state, label, out);
    if (out.source != StartupBundle::Source::Cache) {
      std::string note;
      if (!cached.problem.empty()) {
        note = "cache: " + label + ": " + cached.problem + "; " +
               (repair ? cache.move_current_aside(now_unix)
                       : std::string("left in place (read-only)"));
      }
      take_kept(cache, settings, state, note, out);
      if (!note.empty()) notes.push_back(std::move(note));
    }
    if (!state_problem.empty()) {
      notes.insert(notes.begin(), state_note(state_problem, state, before, repair));
    }
    if (repair) repair_cache(cache, settings, state, before);
    // A kept root that does not follow (damaged on disk): said, so a refused bundle is explained;
    // the next round fetches that root again.
    if (auto kept = kept_root(settings.trust, settings.cache_dir); kept && !kept->note.empty())
      notes.push_back(kept->note);
  }
  for (const auto& n : notes) out.note += (out.note.empty() ? "" : "; ") + n;
  if (out.source == StartupBundle::Source::Cache) return out;
  auto embedded = content::load_embedded_bundle();
  if (embedded.bundle) {
    out.bundle = std::move(*embedded.bundle);
  } else {
    out.note += std::string(out.note.empty() ? "" : "; ") +
                "embedded bundle: " + first_problem_line(embedded.problems);
  }
  return out;
}

}  // namespace kiosk::sync
