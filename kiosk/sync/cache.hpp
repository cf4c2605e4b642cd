// The on-disk cache of installed bundles: crash-safe install, the persistent sync state, and the
// verification every bundle passes before it is shown (start-up and sync alike).
//
// Layout of content.cache_dir:
//   current                 symlink -> bundles/v<version>-<random>, replaced by rename(2)
//   bundles/v17-1a2b…/      one complete bundle: manifest.json, manifest.sig, document.json, …
//                           (the current one and the one installed before it, which start-up
//                           shows when the current one fails verification)
//   bundles/.tmp-…/         an install in progress (a crash leaves it; the next install removes it)
//   state.json              rollback floor, HTTP validators, last result (written atomically;
//                           a crash can leave a .state.json.tmp*, removed when a round starts)
//   corrupt-20261125T090000 a bundle that failed verification at start-up, moved aside
//   round.lock, install.lock  flock(2) files: one round at a time; installs vs. readers
// An install writes and fsyncs every file and directory of a new bundles/ entry, renames it into
// place, then points `current` at it by renaming a fresh symlink over it and fsyncs cache_dir. At
// every instant `current` names either the old or the new bundle, whole.
// Every file in it belongs to the user the kiosk runs as; a process of another user (root running
// `kiosk --sync-once`) refuses to sync into it rather than leave files the kiosk cannot change.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/bundle_files.hpp"
#include "content/model.hpp"
#include "core/bundle_limit.hpp"
#include "core/problem.hpp"
#include "core/result.hpp"
#include "trust/root.hpp"

namespace kiosk::sync {

using Files = content::FileMap;  // bundle-relative name -> bytes (copies share them)

// What must survive a restart (state.json).
struct State {
  long long version = 0;            // highest version ever installed: the rollback floor
  long long previous_version = 0;   // the version installed before it (kept in bundles/): the
                                    // lowest a start-up falls back to when `current` is damaged
  std::string manifest_sha256;      // sha256 of that version's manifest.json
  std::string etag, last_modified;  // validators of the manifest.json response …
  std::string validators_for;       // … valid only while the installed manifest has this sha256
  long long validated_unix = 0;     // … and obtained (a 200) at this time
  long long last_round_unix = 0;
  std::string last_result;  // one line
  bool last_ok = true;
  int consecutive_failures = 0;
  long long last_success_unix = 0;
  bool operator==(const State&) const = default;
};

// What verification needs from the configuration.
struct Trust {
  std::vector<std::string> trusted_keys;  // base64 Ed25519 public keys
  int threshold = 1;                      // of trusted_keys (content.threshold)
  // content.root_file: a root.json that is the first root instead of trusted_keys (roots.hpp).
  std::filesystem::path root_file;
  bool allow_unsigned = false;  // accept a bundle without manifest.sig (development only)
  std::uint64_t max_bundle_bytes = kDefaultMaxBundleBytes;
};

// The signature policy: the one rule the sync round (before it downloads) and start-up (before it
// shows the cache) apply to decide what verifies.
//  - no manifest.sig: Refuse, unless trust.allow_unsigned (then Accept);
//  - a manifest.sig: Verify it over manifest.json under the newest root (roots.hpp; the first
//    root is trust.trusted_keys or trust.root_file), except when allow_unsigned and neither is
//    configured (a development setup with nothing to verify with): Accept.
enum class SignatureStep { Accept, Verify, Refuse };
[[nodiscard]] SignatureStep signature_step(const Trust& trust, bool has_signature);
// The reason for Refuse, found saying what came instead ("none", "HTTP 404"): "expected a
// signature, found none (unsigned bundles are refused unless content.allow_unsigned is true)".
[[nodiscard]] std::string unsigned_refused(const std::string& found);

struct Verified {
  content::Bundle bundle;  // bundle.manifest is always set
  std::string manifest_sha256;
};

// Full verification of a bundle held in memory: manifest.sig over manifest.json meets the
// threshold of `root` (the newest verified root; unless allow_unsigned and no manifest.sig), the
// manifest, every listed file's size and sha256, and the whole content's validation. On failure an
// Error with the one-line reason, e.g. "manifest.sig: signature does not verify with any trusted
// key", "manifest.sig: signed by 1 of the 2 required keys (root version 3)" or
// "notices.json: notices[0].applicants[3].phone: expected …" (plus " (and 2 more problems)").
Result<Verified> verify_bundle(const Files& files, const Trust& trust, const trust::Root& root);
// The same under the first root of trust (roots.hpp first_root), for a kiosk that never rotated.
Result<Verified> verify_bundle(const Files& files, const Trust& trust);

class Cache {
 public:
  explicit Cache(std::filesystem::path dir) : dir_(std::move(dir)) {}
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

  // Creates cache_dir and cache_dir/bundles when missing; the one-line error otherwise.
  [[nodiscard]] Result<void> ensure_exists() const;

  // The directory `current` points to, when the link exists and stays inside bundles/.
  [[nodiscard]] std::optional<std::filesystem::path> current() const;

  // The other complete bundles in bundles/ (named v<version>-<random> by install; normally the
  // one installed before `current`), highest version first. version is the name's; only
  // verification tells whether the directory really holds it.
  struct Kept {
    std::filesystem::path dir;
    long long version = 0;
  };
  [[nodiscard]] std::vector<Kept> kept_bundles() const;

  // "cache dir /var/cache/kiosk belongs to user kiosk, not root; run as that user: sudo -u kiosk
  // kiosk --sync-once" when cache_dir exists and its owner is not this process's effective user;
  // nullopt otherwise (also when it does not exist: whoever creates it owns it).
  [[nodiscard]] std::optional<std::string> foreign_owner() const;

  // For an error on `path` inside the cache (EACCES after a run as another user): "; PATH belongs
  // to user root, not kiosk; repair: sudo chown -R kiosk:kiosk CACHE_DIR", or "" when path is
  // this process's own.
  [[nodiscard]] std::string ownership_hint(const std::filesystem::path& path) const;

  // Reads manifest.json, manifest.sig (when there) and every file the manifest lists from the
  // current bundle, bounded by max_bundle_bytes; the error names the file that cannot be read,
  // or says "current: names no bundle directory" when there is no current bundle.
  [[nodiscard]] Result<Files> read_current(std::uint64_t max_bundle_bytes) const;
  // The same for any bundle directory (kept_bundles()).
  [[nodiscard]] Result<Files> read_bundle(const std::filesystem::path& bundle_dir,
                                          std::uint64_t max_bundle_bytes) const;

  // One file of the current bundle, when it exists and is at most max_bytes.
  [[nodiscard]] std::optional<std::string> read_current_file(const std::string& name,
                                                             std::uint64_t max_bytes) const;

  // Installs files (names as in the manifest, plus manifest.json and manifest.sig) as the new
  // current bundle, crash-safely, then prunes bundles/ to the new and the previous one. Caller
  // holds the install lock. An Error with the one line when it fails.
  [[nodiscard]] Result<void> install(const Files& files, long long version) const;

  // Renames the current bundle's directory to cache_dir/corrupt-<UTC time> and removes `current`.
  // Keeps the three newest corrupt-* directories. Caller holds the install lock. Returns what was
  // done as a phrase for a report: "moved aside to /var/cache/kiosk/corrupt-20261125T010000Z".
  [[nodiscard]] std::string move_current_aside(long long now_unix) const;

  // state.json; a missing or unreadable file reads as State{}. When problem is given, it is set to
  // one line when the file is there but cannot be used (not a regular file, over its size, not
  // JSON, a version that is not an integer), e.g. "state.json: expected JSON, found …", so a lost
  // rollback floor is said rather than silently reset; "" otherwise.
  [[nodiscard]] State read_state(std::string* problem = nullptr) const;
  [[nodiscard]] Result<void> write_state(const State& state) const;

  // Removes the .state.json.tmp* files a crash during write_state left behind. Caller holds
  // round.lock (the only writer of state.json). Returns how many.
  int remove_stale_temp_files() const;

 private:
  std::filesystem::path dir_;
};

// An flock(2) on cache_dir/NAME, released by the destructor (and by the kernel on any death).
class FileLock {
 public:
  enum class Mode { Exclusive, Shared };
  // blocking=false: locked() is false and busy() true when another process holds it.
  // create=false: a missing lock file is not created (read-only commands); locked() is false.
  FileLock(const std::filesystem::path& path, Mode mode, bool blocking, bool create = true);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  [[nodiscard]] bool locked() const { return locked_; }
  [[nodiscard]] bool busy() const { return busy_; }
  // Why it is not locked when not busy: "cannot open PATH: Permission denied",
  // "PATH: expected a regular file, found a FIFO"; "" when locked or busy.
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  int fd_ = -1;
  bool locked_ = false;
  bool busy_ = false;
  std::string error_;
};

}  // namespace kiosk::sync
