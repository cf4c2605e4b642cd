// The administrator's side of TRUST.md (trust_tools.hpp): roots in a bundle directory, signature
// counts, cosign, root new / root sign, and the export to a USB stick.
#include "admin/trust_tools.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

#include "admin/publish.hpp"
#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "crypto/random.hpp"
#include "crypto/signature.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;

namespace {

constexpr const char* kRootDir = "root";
constexpr std::uint64_t kMaxManifestBytes = 4ull << 20;  // as a kiosk reads it

std::string root_name(long long version, const char* ext) {
  return std::string(kRootDir) + "/" + std::to_string(version) + ext;
}

// "12" -> 12; nullopt for anything but 1-12 digits without a leading zero.
std::optional<long long> version_of(const std::string& stem) {
  if (stem.empty() || stem.size() > 12 || stem[0] == '0') return std::nullopt;
  long long v = 0;
  for (const char c : stem) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// One key as a root of threshold 1: "did this key sign?".
trust::Root only(const std::string& public_key) {
  trust::Root r;
  r.keys = {public_key};
  r.threshold = 1;
  return r;
}

std::string short_key(const std::string& b64) { return b64.substr(0, 8) + "…"; }

// Writes bytes to a new file and fsyncs it (its folder is renamed into place afterwards): a USB
// stick is pulled out soon after, and only what reached it counts.
Result<void> write_synced(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Error{path.string() + ": cannot create: " + std::strerror(errno)};
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = errno;
      ::close(fd);
      return Error{path.string() + ": cannot write: " + std::strerror(e)};
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int e = errno;
  ::close(fd);
  if (!synced)
    return Error{path.string() + ": cannot write to the disk (fsync): " + std::strerror(e)};
  return {};
}

}  // namespace

std::string SignatureStatus::line() const {
  if (!checked) return "";
  const std::string of = std::to_string(tally.valid) + " of " + std::to_string(tally.required);
  const std::string root =
      root_in_dir ? "root version " + std::to_string(root_version) : "the configured keys";
  if (met()) return "signatures: " + of + " (" + root + ")";
  const int missing = tally.required - tally.valid;
  return "signatures: " + of + ": needs " +
         (missing == 1 ? std::string("one more signature")
                       : std::to_string(missing) + " more signatures") +
         " by " + (missing == 1 ? "a key" : "other keys") + " of " + root;
}

Result<BundleRoots> read_roots(const fs::path& dir) {
  BundleRoots roots;
  const fs::path root_dir = dir / kRootDir;
  std::error_code ec;
  if (!fs::is_directory(root_dir, ec)) return roots;
  for (const auto& entry : fs::directory_iterator(root_dir, ec)) {
    const std::string name = entry.path().filename().string();
    const std::string ext = entry.path().extension().string();
    const auto version = version_of(entry.path().stem().string());
    if (!version || (ext != ".json" && ext != ".sig")) {
      return Error{std::string(kRootDir) + "/" + name +
                   ": expected only N.json and N.sig files (N = 1, 2, …), found this"};
    }
    const std::size_t limit = ext == ".json" ? trust::kMaxRootBytes : trust::kMaxSignatureBytes;
    auto bytes = files::read(entry.path(), limit);
    if (!bytes) return Error{std::string(kRootDir) + "/" + name + ": " + bytes.error().what};
    (ext == ".json" ? roots.files[*version].json : roots.files[*version].sig) = std::move(*bytes);
  }
  if (ec) return Error{root_dir.string() + ": cannot list: " + ec.message()};
  // A lone N.sig names no root.
  for (const auto& [version, file] : roots.files) {
    if (file.json.empty()) {
      return Error{root_name(version, ".sig") + ": expected " + root_name(version, ".json") +
                   " beside it, found none"};
    }
  }
  if (!roots.files.empty()) {
    const auto& [version, file] = *roots.files.rbegin();
    auto parsed = trust::parse_root(file.json);
    if (!parsed) return Error{root_name(version, ".json") + ": " + parsed.error().what};
    if (parsed->version != version) {
      return Error{root_name(version, ".json") + ": version: expected " + std::to_string(version) +
                   " (its file name), found " + std::to_string(parsed->version)};
    }
    roots.newest = std::move(*parsed);
  }
  return roots;
}

Result<trust::Root> read_root_file(const fs::path& file) {
  auto bytes = files::read(file, trust::kMaxRootBytes);
  if (!bytes) return Error{file.string() + ": " + bytes.error().what};
  auto root = trust::parse_root(*bytes);
  if (!root) return Error{file.string() + ": " + root.error().what};
  return root;
}

void check_root_chain(const BundleRoots& roots, const std::optional<trust::Root>& config_root,
                      Problems& problems) {
  if (roots.files.empty()) return;
  // The kiosks start from their configuration (root version 0, or content.root_file's version):
  // the versions up to it are theirs already, each one above must follow the one before.
  std::optional<trust::Root> previous = config_root;
  if (previous && previous->keys.empty()) previous.reset();
  bool from_config = previous.has_value();  // `previous` is still the configuration's root
  long long expected = 1;
  for (const auto& [version, file] : roots.files) {
    const std::string json_name = root_name(version, ".json");
    const std::string sig_name = root_name(version, ".sig");
    if (version != expected) {
      problems.push_back({json_name, "",
                          "expected " + root_name(expected, ".json") +
                              " before it (a kiosk walks every version), found none"});
      return;
    }
    ++expected;
    auto parsed = trust::parse_root(file.json);
    if (!parsed) {
      problems.push_back({json_name, "", parsed.error().what});
      return;
    }
    if (previous && version <= previous->version) continue;  // the kiosks' own root or older
    if (previous) {
      auto next = trust::verify_next_root(*previous, file.json, file.sig);
      if (!next) {
        problems.push_back(
            {sig_name, "",
             next.error().what + (from_config ? " (the kiosks' configured keys: "
                                                "content.trusted_keys or content.root_file)"
                                              : "")});
        return;
      }
    } else if (auto own = trust::check_threshold(file.json, file.sig, *parsed); !own) {
      problems.push_back({sig_name, "", "not signed by its own keys: " + own.error().what});
      return;
    }
    previous = std::move(*parsed);
    from_config = false;
  }
}

Result<SignatureStatus> signature_status(const fs::path& dir,
                                         const std::vector<std::string>& trusted) {
  auto manifest = files::read(dir / content::bundle_files::kManifest, kMaxManifestBytes);
  if (!manifest) {
    return Error{std::string(content::bundle_files::kManifest) + ": " + manifest.error().what +
                 " (kioskctl sign writes it)"};
  }
  auto sig = files::read(dir / content::bundle_files::kSignature, trust::kMaxSignatureBytes);
  if (!sig) {
    return Error{std::string(content::bundle_files::kSignature) + ": " + sig.error().what +
                 " (kioskctl sign writes it)"};
  }
  auto lines = trust::parse_signatures(*sig);
  if (!lines)
    return Error{std::string(content::bundle_files::kSignature) + ": " + lines.error().what};
  auto roots = read_roots(dir);
  if (!roots) return roots.error();
  SignatureStatus status;
  status.lines = static_cast<int>(lines->size());
  if (roots->newest) {
    status.root_in_dir = true;
    status.root_version = roots->newest->version;
    status.tally = trust::count_signatures(*manifest, *sig, *roots->newest);
    status.checked = true;
  } else if (!trusted.empty()) {
    status.tally = trust::count_signatures(*manifest, *sig, trust::root_from_config(trusted, 1));
    status.checked = true;
  }
  return status;
}

Result<CosignReport> cosign(const fs::path& dir, std::string_view secret_key,
                            const std::string& key_name, const std::vector<std::string>& trusted) {
  const std::string sig_name = content::bundle_files::kSignature;
  // The manifest must still describe the files: a co-signature vouches for what is there.
  content::LoadOptions load_options;
  load_options.require_manifest = true;
  auto loaded = content::load_bundle(dir, load_options);
  if (!loaded.bundle) {
    return Error{first_problem_line(loaded.problems) +
                 " (co-sign only a bundle as kioskctl sign left it; sign it again if it changed)"};
  }
  const std::string_view manifest = loaded.raw.at(content::bundle_files::kManifest);
  auto sig = files::read(dir / sig_name, trust::kMaxSignatureBytes);
  if (!sig) {
    return Error{sig_name + ": " + sig.error().what +
                 " (kioskctl sign writes the first signature, cosign adds the others)"};
  }
  auto lines = trust::parse_signatures(*sig);
  if (!lines) return Error{sig_name + ": " + lines.error().what};
  if (lines->size() >= trust::kMaxSignatureLines) {
    return Error{sig_name + ": expected at most " + std::to_string(trust::kMaxSignatureLines) +
                 " signature lines, found " + std::to_string(lines->size()) + " already"};
  }
  const std::string public_key = crypto::base64_encode(crypto::public_key_of(secret_key));
  if (trust::count_signatures(manifest, *sig, only(public_key)).valid > 0) {
    return Error{sig_name + ": already signed by " + key_name + " (public key " +
                 short_key(public_key) +
                 "); the next signature must come from another person's key"};
  }
  auto roots = read_roots(dir);
  if (!roots) return roots.error();
  if (roots->newest && std::find(roots->newest->keys.begin(), roots->newest->keys.end(),
                                 public_key) == roots->newest->keys.end()) {
    return Error{key_name + ": its public key " + short_key(public_key) +
                 " is not one of the keys of root version " +
                 std::to_string(roots->newest->version) + " (" +
                 root_name(roots->newest->version, ".json") +
                 "), so its signature would not count; nothing written"};
  }
  const std::string raw = crypto::sign_detached(manifest, secret_key);
  if (trust::count_signatures(manifest, trust::add_signature("", raw), only(public_key)).valid !=
      1) {
    return Error{key_name + ": the key does not produce verifiable signatures"};
  }
  if (auto w = files::write_atomic(dir / sig_name, trust::add_signature(*sig, raw)); !w)
    return Error{sig_name + ": " + w.error().what};
  auto status = signature_status(dir, trusted);
  if (!status) return status.error();
  return CosignReport{public_key, std::move(*status)};
}

Result<RootNewReport> root_new(const fs::path& dir, const std::vector<std::string>& keys,
                               int threshold, long long expires_in_days, const tz::Clock& clock) {
  if (keys.empty() || keys.size() > trust::kMaxRootKeys) {
    return Error{"kioskctl root new: --keys: expected 1 to " + std::to_string(trust::kMaxRootKeys) +
                 " public key files, found " + std::to_string(keys.size())};
  }
  std::set<std::string> distinct(keys.begin(), keys.end());
  if (distinct.size() != keys.size())
    return Error{"kioskctl root new: --keys: expected distinct keys, found one listed twice"};
  if (threshold < 1 || static_cast<std::size_t>(threshold) > keys.size()) {
    return Error{"kioskctl root new: --threshold: expected 1 to " + std::to_string(keys.size()) +
                 " (the number of keys), found " + std::to_string(threshold)};
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Error{dir.string() + ": expected a bundle directory, found none"};
  // The next version: one above every N.json there, parseable or not.
  long long newest = 0;
  if (fs::is_directory(dir / kRootDir, ec)) {
    for (const auto& entry : fs::directory_iterator(dir / kRootDir, ec)) {
      if (entry.path().extension() != ".json") continue;
      if (const auto v = version_of(entry.path().stem().string())) newest = std::max(newest, *v);
    }
  }
  trust::Root root;
  root.version = newest + 1;
  root.keys = keys;
  root.threshold = threshold;
  const long long now = clock.now_unix();
  root.expires_at = clock.zone().rfc3339(now + expires_in_days * 86400);
  const std::string bytes = trust::serialize_root(root);
  auto reparsed = trust::parse_root(bytes);  // what a kiosk will read
  if (!reparsed) return Error{root_name(root.version, ".json") + ": " + reparsed.error().what};
  fs::create_directories(dir / kRootDir, ec);
  if (ec) return Error{(dir / kRootDir).string() + ": cannot create: " + ec.message()};
  const fs::path file = dir / kRootDir / (std::to_string(root.version) + ".json");
  if (auto w = files::write_atomic(file, bytes); !w)
    return Error{root_name(root.version, ".json") + ": " + w.error().what};
  return RootNewReport{file, std::move(*reparsed)};
}

Result<RootSignReport> root_sign(const fs::path& root_json, std::string_view secret_key,
                                 const std::string& key_name) {
  const std::string json_name = root_json.string();
  const auto version = version_of(root_json.stem().string());
  if (!version || root_json.extension() != ".json") {
    return Error{json_name + ": expected a root file root/N.json (kioskctl root new writes it)"};
  }
  auto json = files::read(root_json, trust::kMaxRootBytes);
  if (!json) return Error{json_name + ": " + json.error().what};
  auto root = trust::parse_root(*json);
  if (!root) return Error{json_name + ": " + root.error().what};
  if (root->version != *version) {
    return Error{json_name + ": version: expected " + std::to_string(*version) +
                 " (its file name), found " + std::to_string(root->version)};
  }
  std::optional<trust::Root> previous;
  const fs::path previous_file = root_json.parent_path() / (std::to_string(*version - 1) + ".json");
  if (*version > 1) {
    auto prev_json = files::read(previous_file, trust::kMaxRootBytes);
    if (!prev_json) return Error{previous_file.string() + ": " + prev_json.error().what};
    auto prev = trust::parse_root(*prev_json);
    if (!prev) return Error{previous_file.string() + ": " + prev.error().what};
    previous = std::move(*prev);
  }
  fs::path sig_file = root_json;
  sig_file.replace_extension(".sig");
  std::string sig;
  std::error_code ec;
  if (fs::exists(sig_file, ec)) {
    auto read = files::read(sig_file, trust::kMaxSignatureBytes);
    if (!read) return Error{sig_file.string() + ": " + read.error().what};
    sig = std::move(*read);
    if (auto lines = trust::parse_signatures(sig); !lines)
      return Error{sig_file.string() + ": " + lines.error().what};
  }
  const std::string public_key = crypto::base64_encode(crypto::public_key_of(secret_key));
  const auto in = [&public_key](const trust::Root& r) {
    return std::find(r.keys.begin(), r.keys.end(), public_key) != r.keys.end();
  };
  // Root 1 follows the kiosks' configuration, which this directory does not hold: any key may be
  // one of content.trusted_keys.
  if (!in(*root) && previous && !in(*previous)) {
    return Error{key_name + ": its public key " + short_key(public_key) +
                 " is neither one of root version " + std::to_string(*version) +
                 "'s keys nor of root version " + std::to_string(*version - 1) +
                 "'s, so its signature would count for neither; nothing written"};
  }
  if (trust::count_signatures(*json, sig, only(public_key)).valid > 0) {
    return Error{sig_file.string() + ": already signed by " + key_name + " (public key " +
                 short_key(public_key) + ")"};
  }
  const std::string raw = crypto::sign_detached(*json, secret_key);
  const std::string new_sig = trust::add_signature(sig, raw);
  if (auto w = files::write_atomic(sig_file, new_sig); !w)
    return Error{sig_file.string() + ": " + w.error().what};
  RootSignReport report;
  report.sig_file = sig_file;
  report.version = *version;
  report.own = trust::count_signatures(*json, new_sig, *root);
  if (previous) report.previous = trust::count_signatures(*json, new_sig, *previous);
  const auto part = [](const trust::Tally& t, const std::string& whose) {
    return std::to_string(t.valid) + " of " + std::to_string(t.required) + " " + whose;
  };
  const std::string v = std::to_string(*version);
  report.line = sig_file.string() + ": " + part(report.own, "of root version " + v + "'s own keys");
  if (previous) {
    report.line += ", " + part(*report.previous,
                               "of root version " + std::to_string(*version - 1) + "'s keys");
  } else {
    report.line +=
        "; root 1 must also be signed by the threshold of the keys the kiosks are configured with "
        "(content.trusted_keys)";
  }
  const bool done = report.own.valid >= report.own.required &&
                    (!previous || report.previous->valid >= report.previous->required);
  report.line += !done      ? ": needs more signatures"
                 : previous ? ": complete"
                            : ": complete for its own keys";
  return report;
}

Result<ExportReport> export_bundle(const fs::path& dir, const fs::path& to,
                                   const std::vector<std::string>& trusted) {
  std::error_code ec;
  if (!fs::is_directory(to, ec))
    return Error{to.string() + ": expected an existing directory (the stick's folder), found none"};
  Problems problems;
  const auto bundle = read_signed_bundle(dir, trusted, problems);
  if (!bundle) return Error{first_problem_line(problems)};
  auto status = signature_status(dir, trusted);
  if (!status) return status.error();
  auto roots = read_roots(dir);
  if (!roots) return roots.error();

  // Everything into a temporary folder beside the target, then one rename: a stick pulled out
  // midway holds the old kiosk-bundle/ or none, never half of one.
  const fs::path final_dir = to / "kiosk-bundle";
  const fs::path temp = to / (".kiosk-bundle.tmp-" + crypto::random_hex(6));
  const auto fail = [&](std::string line) -> Result<ExportReport> {
    fs::remove_all(temp, ec);
    return Error{std::move(line)};
  };
  if (!fs::create_directory(temp, ec) || ec)
    return Error{temp.string() + ": cannot create: " + ec.message()};
  ExportReport report;
  report.folder = final_dir;
  report.version = bundle_version(*bundle);
  report.signatures = status->line();
  const auto put = [&](const std::string& rel, std::string_view bytes) -> Result<void> {
    const fs::path path = temp / rel;
    std::error_code mk;
    fs::create_directories(path.parent_path(), mk);
    if (mk) return Error{path.parent_path().string() + ": cannot create: " + mk.message()};
    return write_synced(path, bytes);
  };
  const content::LoadResult& loaded = bundle_loaded(*bundle);
  for (const auto& [name, entry] : loaded.bundle->manifest->files) {
    if (auto w = put(entry.path.empty() ? name : entry.path, loaded.raw.at(name)); !w)
      return fail(w.error().what);
    ++report.files;
  }
  for (const auto& [version, file] : roots->files) {
    if (auto w = put(root_name(version, ".json"), file.json); !w) return fail(w.error().what);
    if (auto w = put(root_name(version, ".sig"), file.sig); !w) return fail(w.error().what);
    ++report.roots;
  }
  if (auto w = put(content::bundle_files::kSignature, bundle_signature(*bundle)); !w)
    return fail(w.error().what);
  if (auto w =
          put(content::bundle_files::kManifest, loaded.raw.at(content::bundle_files::kManifest));
      !w)
    return fail(w.error().what);
  for (const auto& sub : {temp / kRootDir, temp / "objects", temp}) {
    if (fs::is_directory(sub, ec)) {
      if (auto s = files::sync_directory(sub); !s) return fail(s.error().what);
    }
  }
  // The old kiosk-bundle/ aside, the new one in, the old one removed.
  const fs::path old = to / (".kiosk-bundle.old-" + crypto::random_hex(6));
  const bool had_old = fs::exists(final_dir, ec);
  if (had_old) {
    fs::rename(final_dir, old, ec);
    if (ec)
      return fail(final_dir.string() + ": cannot replace the earlier export: " + ec.message());
  }
  fs::rename(temp, final_dir, ec);
  if (ec) {
    const std::string why = ec.message();
    if (had_old) fs::rename(old, final_dir, ec);
    return fail(final_dir.string() + ": cannot create: " + why);
  }
  if (had_old) fs::remove_all(old, ec);
  if (auto s = files::sync_directory(to); !s) return Error{s.error().what};
  return report;
}

}  // namespace kiosk::admin
