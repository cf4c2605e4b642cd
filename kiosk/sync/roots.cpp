// The root chain of a kiosk: first root, walk, the roots kept in the cache (roots.hpp).
#include "sync/roots.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <mutex>
#include <system_error>

#include "core/files.hpp"

namespace kiosk::sync {
namespace fs = std::filesystem;

namespace {

std::string root_name(long long version, const char* ext) {
  return "root/" + std::to_string(version) + ext;
}

// The one line for a fetch that did not give the file: "" when it did (status 200).
std::string fetch_problem(const std::string& name, const net::Response& r,
                          std::uint64_t max_bytes) {
  if (!r.completed()) {
    if (r.failure == net::Failure::TooLarge) {
      return name + ": larger than " + std::to_string(max_bytes) + " bytes; download stopped";
    }
    return name + ": " + r.error;
  }
  if (r.status != 200) return name + ": expected HTTP 200, found " + std::to_string(r.status);
  return {};
}

}  // namespace

Result<trust::Root> first_root(const Trust& trust) {
  if (trust.root_file.empty()) return trust::root_from_config(trust.trusted_keys, trust.threshold);
  const std::string where = "content.root_file: " + trust.root_file.string() + ": ";
  auto bytes = files::read(trust.root_file, trust::kMaxRootBytes);
  if (!bytes) return Error{where + bytes.error().what};
  auto root = trust::parse_root(*bytes);
  if (!root) return Error{where + root.error().what};
  return root;
}

bool roots_apply(const Trust& trust) {
  return signature_step(trust, true) == SignatureStep::Verify;
}

RootWalk walk_roots(const trust::Root& from, Source& source, int max_steps) {
  RootWalk walk;
  walk.newest = from;
  for (int step = 0; step <= max_steps; ++step) {
    const long long n = walk.newest.version + 1;
    const std::string json_name = root_name(n, ".json");
    auto json = source.get(json_name, {}, trust::kMaxRootBytes);
    if (json.completed() && (json.status == 404 || json.status == 410)) return walk;
    if (auto why = fetch_problem(json_name, json, trust::kMaxRootBytes); !why.empty()) {
      walk.error = std::move(why);
      return walk;
    }
    if (step == max_steps) {  // there is more than one walk takes
      walk.more = true;
      return walk;
    }
    const std::string sig_name = root_name(n, ".sig");
    auto sig = source.get(sig_name, {}, trust::kMaxSignatureBytes);
    if (auto why = fetch_problem(sig_name, sig, trust::kMaxSignatureBytes); !why.empty()) {
      walk.error = std::move(why);
      return walk;
    }
    auto next = trust::verify_next_root(walk.newest, json.body, sig.body);
    if (!next) {
      walk.error = json_name + ": " + next.error().what;
      return walk;
    }
    walk.newest = std::move(next).value();
    walk.steps.push_back({n, std::move(json.body), std::move(sig.body)});
  }
  return walk;
}

namespace {

// What decides kept_root's answer: the first root, the folder, and each kept file's name, size,
// inode and modification time (a file replaced or rewritten changes one of them).
std::string kept_fingerprint(const trust::Root& first, const fs::path& dir) {
  std::vector<std::string> entries;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name.front() == '.') continue;  // write_atomic's temporary files
    struct stat st {};
    if (::stat(e.path().c_str(), &st) != 0) continue;
    entries.push_back(name + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_ino) +
                      " " + std::to_string(st.st_mtim.tv_sec) + "." +
                      std::to_string(st.st_mtim.tv_nsec));
  }
  std::sort(entries.begin(), entries.end());
  std::string key = dir.string() + "\n" + trust::serialize_root(first);
  for (const auto& e : entries) key += e + "\n";
  return key;
}

}  // namespace

Result<KeptRoot> kept_root(const Trust& trust, const fs::path& cache_dir) {
  auto first = first_root(trust);
  if (!first) return first.error();
  KeptRoot out;
  std::error_code ec;
  const fs::path dir = cache_dir / "root";
  if (!fs::is_directory(dir, ec)) {
    out.newest = std::move(first).value();
    return out;
  }
  // Every round and start-up ask, and walking the kept chain again checks every signature (about
  // 3 ms a version on a slow PC): the last answer stands while nothing in root/ changed.
  static std::mutex memo_mutex;
  static std::string memo_key;
  static KeptRoot memo;
  const std::string key = kept_fingerprint(*first, dir);
  {
    const std::lock_guard lock(memo_mutex);
    if (key == memo_key) return memo;
  }
  DirSource cache(cache_dir);
  RootWalk walk = walk_roots(*first, cache, kMaxKeptRoots);
  out.newest = std::move(walk.newest);
  if (!walk.error.empty()) out.note = "cache: " + walk.error + " (ignored)";
  const std::lock_guard lock(memo_mutex);
  memo_key = key;
  memo = out;
  return out;
}

Result<void> keep_roots(const fs::path& cache_dir, const RootWalk& walk) {
  if (walk.steps.empty()) return {};
  const fs::path dir = cache_dir / "root";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Error{"cache: cannot create " + dir.string() + ": " + ec.message()};
    if (auto synced = files::sync_directory(cache_dir); !synced) return synced;
  }
  for (const auto& step : walk.steps) {
    // The signature first: a root/N.json is never there without its signatures.
    for (const auto& [name, bytes] : {std::pair{root_name(step.version, ".sig"), &step.sig},
                                      std::pair{root_name(step.version, ".json"), &step.json}}) {
      if (auto written = files::write_atomic(cache_dir / name, *bytes); !written) {
        return Error{"cache: " + written.error().what};
      }
    }
  }
  return {};
}

std::string frozen_reason(const trust::Root& root, long long now_unix) {
  if (root.expires_at_unix == 0 || root.expires_at_unix > now_unix) return {};
  return "root version " + std::to_string(root.version) + " expired at " + root.expires_at +
         ": updates are frozen until a newer root is published (" +
         root_name(root.version + 1, ".json") + ")";
}

}  // namespace kiosk::sync
