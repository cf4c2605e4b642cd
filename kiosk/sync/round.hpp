// One sync round as BUNDLE.md "Sync, as a kiosk does it" describes it, and the start-up choice
// between the cached bundle and the embedded default. No threads here: sync::Service runs rounds
// on its own thread, `kiosk --sync-once` runs one in the foreground, tests call run_round directly.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "content/model.hpp"
#include "net/http.hpp"
#include "sync/cache.hpp"
#include "sync/source.hpp"

namespace kiosk::sync {

// Everything a round needs, from the configuration (app::sync_settings) or set by a test.
struct Settings {
  std::string server_url;  // the bundle's URL prefix; empty: sync is off
  Trust trust;
  std::filesystem::path cache_dir;
  std::chrono::seconds poll_interval{60};
  // A round ends by this time after it began, however slowly the server answers: every request
  // in it gets the smaller of net.limits.total_timeout and the time left
  // (net::Client::set_deadline).
  std::chrono::seconds round_timeout{300};
  net::Options net;  // limits.max_body_bytes follows content.max_bundle_mb
  // Wait for round.lock instead of refusing while another process's round runs (kiosk
  // --install-from waits for the running kiosk's round).
  bool wait_for_round_lock = false;
};

enum class Outcome { Installed, Current, Failed };

inline constexpr std::size_t kMaxLineChars = 500;

struct RoundResult {
  Outcome outcome = Outcome::Failed;
  // One line for the log and the diagnostics screen, printable and at most kMaxLineChars code
  // points whatever the server sent (net::printable):
  //   "installed version 18 (2 files downloaded, 1 unchanged)"
  //   "already current: version 17 (HTTP 304)"
  //   "manifest.sig: signature does not verify with any trusted key"
  //   "notices.json: no complete response before the round deadline (300 s)"
  std::string line;
  std::optional<content::Bundle> bundle;  // the newly installed bundle, set when Installed
  long long version = 0;                  // the version installed after the round, 0 when none
  std::string manifest_sha256;            // sha256 of the installed manifest.json after the round
  // The round followed trust::kMaxRootWalk roots and more remain: the next round goes on from the
  // newest it kept (the line says so; the outcome is Failed, nothing else was fetched).
  bool roots_remain = false;
};

// One round against settings.server_url into settings.cache_dir, at time now_unix (Unix seconds,
// for the expiry check and the state's timestamps). Never throws; any failure leaves the installed
// bundle untouched and is recorded in state.json. Refused before anything is created when the
// cache dir belongs to another user (Cache::foreign_owner). "another sync round is running" only
// when round.lock is held by another process; a lock that cannot be opened is said as it is, with
// the chown that repairs it. An installed bundle above state.json's version (a crash between the
// swap and the state write) raises the floor once it verifies; an unusable state.json is said in
// the line and rewritten.
// The roots (roots.hpp): kept in the cache and walked upward from the newest kept when the
// manifest is new (or the newest root has expired), at most trust::kMaxRootWalk versions a round;
// the manifest must meet the newest root's threshold; an expired newest root freezes updates
// (the round fails with frozen_reason's line).
RoundResult run_round(const Settings& settings, net::Client& client, long long now_unix);
// The same round from any source: `kiosk --install-from` reads a directory through it
// (DirSource), so a stick is verified and installed by exactly the code of a download.
// settings.server_url is not used.
RoundResult run_round(const Settings& settings, Source& source, long long now_unix);

// The bundle to show at start-up.
struct StartupBundle {
  enum class Source { Cache, Embedded };
  Source source = Source::Embedded;
  content::Bundle
      bundle;  // bundle.manifest is set for a cached bundle, absent for the embedded one
  std::string manifest_sha256;  // of the cached bundle's manifest.json; empty for the embedded one
  // One line when the cache was refused or state.json is unusable (see load_startup_bundle); empty
  // otherwise. The kiosk logs it and shows it on 维护.
  std::string note;
};

// Repair: the kiosk itself; ReadOnly: a command that only looks (kiosk --screenshot), which
// leaves the cache byte for byte as it was (no lock file created, nothing moved or rewritten).
enum class Access { Repair, ReadOnly };

// The cached bundle when it fully verifies (signature with the trusted keys unless allow_unsigned,
// sizes and hashes, validation) and is not below the rollback floor (state.json's version; one
// above it is a crash between swap and state write, and raises the floor). Else the newest bundle
// kept in bundles/ (the one installed before) that verifies and is not below the version
// installed before the floor (State::previous_version); else the embedded default. A current
// bundle that fails is moved aside (never shown); note says which bundle was refused and why, and
// which one is shown instead, e.g. "cache: version 18: notices.json: expected sha256 …; moved
// aside to /var/cache/kiosk/corrupt-20261125T010000Z; showing version 17 kept in
// /var/cache/kiosk/bundles/v17-…". A state.json that is there but unusable is said in note too.
// A kept root that does not follow (cache_dir/root/, roots.hpp) is said in note too ("cache:
// root/2.json: … (ignored)"); bundles are verified under the newest root that does.
// Repair also removes stale .state.json.tmp* and writes a raised floor (when no round runs).
// now_unix names the corrupt-<time> directory. A cache dir of another user is only read.
StartupBundle load_startup_bundle(const Settings& settings, long long now_unix,
                                  Access access = Access::Repair);

// The cache's current bundle, fully verified as at start-up, without moving anything; problem
// says why not ("" when there is no current bundle). The caller holds cache_dir/install.lock
// (FileLock, shared is enough).
struct CachedBundle {
  std::optional<Verified> verified;
  std::string problem;
};
CachedBundle load_cached_bundle(const Settings& settings);

}  // namespace kiosk::sync
