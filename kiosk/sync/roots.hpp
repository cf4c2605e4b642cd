// The chain of roots (TRUST.md) as a kiosk follows and keeps it: its first root from the
// configuration, the walk upward through root/N.json + root/N.sig (from the server, a directory or
// its own cache), and the verified roots kept in the cache across restarts and power cuts.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "sync/cache.hpp"
#include "sync/source.hpp"
#include "trust/root.hpp"

namespace kiosk::sync {

// The kiosk's first root: content.root_file's when set (read at most trust::kMaxRootBytes; an
// Error "content.root_file: /etc/kiosk/root.json: keys[0]: expected …"), else
// content.trusted_keys with content.threshold as version 0 (trust::root_from_config).
Result<trust::Root> first_root(const Trust& trust);

// Whether roots matter at all: false only for a development setup that accepts unsigned bundles
// and has no key to verify with (signature_step Accept for a signed bundle).
[[nodiscard]] bool roots_apply(const Trust& trust);

// One walk upward from a trusted root.
struct RootWalk {
  trust::Root newest;  // the start, or the last version that followed
  struct Step {
    long long version = 0;
    std::string json, sig;  // the exact bytes verified
  };
  std::vector<Step> steps;  // the versions followed, in order
  bool more = false;        // stopped at max_steps while root/(newest+1).json is there
  std::string error;        // the first version that did not follow; "" when none
};

// From `from`, fetches root/N.json (at most trust::kMaxRootBytes) and root/N.sig (at most
// trust::kMaxSignatureBytes) for N = from.version+1, +2, … and keeps each that verifies
// (trust::verify_next_root: exactly +1, signed by the old and the new threshold), at most
// max_steps of them; a root/N.json that is missing (404, 410) ends the walk. It never goes below
// `from`. error names the file: "root/3.json: not signed by the trusted root: signed by 1 of the 2
// required keys (root version 2)", "root/4.json: larger than 65536 bytes; download stopped",
// "root/4.sig: expected HTTP 200, found 404". After max_steps it asks once more for the next
// root/N.json and sets `more` when it is there (it is not followed: the next walk goes on).
RootWalk walk_roots(const trust::Root& from, Source& source, int max_steps);

// Versions a walk through the kiosk's own cache follows at most (its roots were verified when
// fetched; this only bounds a damaged cache).
inline constexpr int kMaxKeptRoots = 100000;

// The newest root the cache holds: first_root walked through cache_dir/root/. A kept root that
// does not follow (damaged on disk; a changed first root) ends the walk there: the roots below it
// count, and note says which file was ignored. An Error only when first_root fails.
struct KeptRoot {
  trust::Root newest;
  std::string note;
};
Result<KeptRoot> kept_root(const Trust& trust, const std::filesystem::path& cache_dir);

// Writes each step as cache_dir/root/N.sig then cache_dir/root/N.json, each atomically (temporary
// file, fsync, rename, fsync of the directory): a power cut keeps a prefix of the chain, never a
// torn file. An Error naming the file when it cannot.
Result<void> keep_roots(const std::filesystem::path& cache_dir, const RootWalk& walk);

// "root version 3 expired at 2026-11-01T00:00:00+08:00: updates are frozen until a newer root is
// published (root/4.json)" when root has expired at now_unix; "" otherwise (never for a root
// without expires_at).
[[nodiscard]] std::string frozen_reason(const trust::Root& root, long long now_unix);

}  // namespace kiosk::sync
