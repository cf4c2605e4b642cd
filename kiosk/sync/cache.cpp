// Crash-safe bundle installs (write, fsync, rename, symlink swap), state.json, bundle verification.
#include "sync/cache.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>

#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "crypto/random.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "sync/roots.hpp"

namespace kiosk::sync {
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMaxManifestBytes = 4ull << 20;
constexpr std::uint64_t kMaxSignatureBytes = 4096;
constexpr std::size_t kKeepCorrupt = 3;
constexpr std::uint64_t kMaxStateBytes = 1 << 20;

std::string errno_text() { return std::strerror(errno); }

// A bundle-relative name that stays inside the bundle directory.
bool safe_name(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find('\0') != std::string::npos) return false;
  for (const auto& part : fs::path(name)) {
    if (part == ".." || part == "." || part.empty()) return false;
  }
  return true;
}

Result<void> write_synced(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Error{"cache: cannot create " + path.string() + ": " + errno_text()};
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string err = "cache: cannot write " + path.string() + ": " + errno_text();
      ::close(fd);
      return Error{err};
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const std::string err = "cache: cannot fsync " + path.string() + ": " + errno_text();
    ::close(fd);
    return Error{err};
  }
  if (::close(fd) != 0) return Error{"cache: cannot close " + path.string() + ": " + errno_text()};
  return {};
}

// "kiosk", or "#1234" when the uid has no name (as sudo -u takes it).
std::string user_name(uid_t uid) {
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) == 0 && found != nullptr)
    return pw.pw_name;
  return "#" + std::to_string(uid);
}

std::string group_name(gid_t gid) {
  std::vector<char> buf(16384);
  group gr{};
  group* found = nullptr;
  if (::getgrgid_r(gid, &gr, buf.data(), buf.size(), &found) == 0 && found != nullptr)
    return gr.gr_name;
  return std::to_string(gid);
}

// v17-1a2b… -> 17; nullopt for any other name.
std::optional<long long> bundle_dir_version(const std::string& name) {
  if (name.size() < 3 || name[0] != 'v') return std::nullopt;
  long long v = 0;
  std::size_t i = 1;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9' && i < 19; ++i)
    v = v * 10 + (name[i] - '0');
  if (i == 1 || i >= name.size() || name[i] != '-') return std::nullopt;
  return v;
}

std::string utc_stamp(long long unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

}  // namespace

SignatureStep signature_step(const Trust& trust, bool has_signature) {
  if (!has_signature) return trust.allow_unsigned ? SignatureStep::Accept : SignatureStep::Refuse;
  return trust.allow_unsigned && trust.trusted_keys.empty() && trust.root_file.empty()
             ? SignatureStep::Accept
             : SignatureStep::Verify;
}

std::string unsigned_refused(const std::string& found) {
  return "expected a signature, found " + found +
         " (unsigned bundles are refused unless content.allow_unsigned is true)";
}

Result<Verified> verify_bundle(const Files& files, const Trust& trust) {
  auto root = first_root(trust);
  if (!root) return root.error();
  return verify_bundle(files, trust, *root);
}

Result<Verified> verify_bundle(const Files& files, const Trust& trust, const trust::Root& root) {
  const auto manifest = files.find(content::bundle_files::kManifest);
  if (manifest == files.end()) return Error{"manifest.json: expected the file, found none"};
  const auto sig = files.find(content::bundle_files::kSignature);
  switch (signature_step(trust, sig != files.end())) {
    case SignatureStep::Accept:
      break;
    case SignatureStep::Refuse:
      return Error{"manifest.sig: " + unsigned_refused("none")};
    case SignatureStep::Verify:
      if (auto checked = trust::check_threshold(manifest->second, sig->second, root); !checked) {
        return Error{"manifest.sig: " + checked.error().what};
      }
      break;
  }
  content::LoadOptions options;
  options.max_bundle_bytes = trust.max_bundle_bytes;
  options.require_manifest = true;
  Files content_files = files;
  content_files.erase(content::bundle_files::kSignature);
  auto loaded = content::load_bundle(std::move(content_files), options);
  if (!loaded.bundle || !loaded.bundle->manifest) {
    return Error{loaded.problems.empty() ? "bundle: does not load"
                                         : first_problem_line(loaded.problems)};
  }
  return Verified{std::move(*loaded.bundle), crypto::sha256_hex(manifest->second)};
}

Result<void> Cache::ensure_exists() const {
  std::error_code ec;
  fs::create_directories(dir_ / "bundles", ec);
  if (ec) return Error{"cache: cannot create " + (dir_ / "bundles").string() + ": " + ec.message()};
  return {};
}

std::optional<fs::path> Cache::current() const {
  std::error_code ec;
  const fs::path target = fs::read_symlink(dir_ / "current", ec);
  if (ec) return std::nullopt;
  auto it = target.begin();
  if (it == target.end() || *it != "bundles") return std::nullopt;
  ++it;
  if (it == target.end()) return std::nullopt;
  const std::string name = it->string();
  if (++it != target.end() || name.empty() || name.front() == '.') return std::nullopt;
  const fs::path dir = dir_ / "bundles" / name;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  return dir;
}

std::vector<Cache::Kept> Cache::kept_bundles() const {
  std::vector<Kept> out;
  const auto cur = current();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ / "bundles", ec)) {
    const auto version = bundle_dir_version(entry.path().filename().string());
    // Only real directories: a symbolic link in bundles/ is nothing install() made.
    if (!version || (cur && entry.path() == *cur) || entry.is_symlink(ec) ||
        !entry.is_directory(ec))
      continue;
    out.push_back({entry.path(), *version});
  }
  std::sort(out.begin(), out.end(), [](const Kept& a, const Kept& b) {
    return a.version != b.version ? a.version > b.version : a.dir > b.dir;
  });
  return out;
}

std::optional<std::string> Cache::foreign_owner() const {
  struct stat st {};
  if (::stat(dir_.c_str(), &st) != 0 || st.st_uid == ::geteuid()) return std::nullopt;
  const std::string owner = user_name(st.st_uid);
  return "cache dir " + dir_.string() + " belongs to user " + owner + ", not " +
         user_name(::geteuid()) + "; run as that user: sudo -u " + owner + " kiosk --sync-once";
}

std::string Cache::ownership_hint(const fs::path& path) const {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || st.st_uid == ::geteuid()) return "";
  return "; " + path.string() + " belongs to user " + user_name(st.st_uid) + ", not " +
         user_name(::geteuid()) + " (an earlier run as another user?); repair: sudo chown -R " +
         user_name(::geteuid()) + ":" + group_name(::getegid()) + " " + dir_.string();
}

std::optional<std::string> Cache::read_current_file(const std::string& name,
                                                    std::uint64_t max_bytes) const {
  const auto cur = current();
  if (!cur || !safe_name(name)) return std::nullopt;
  auto r = files::read(*cur / name, max_bytes);
  if (!r) return std::nullopt;
  return std::move(r).value();
}

Result<Files> Cache::read_current(std::uint64_t max_bundle_bytes) const {
  const auto cur = current();
  if (!cur) return Error{"current: names no bundle directory"};
  return read_bundle(*cur, max_bundle_bytes);
}

Result<Files> Cache::read_bundle(const fs::path& bundle_dir, std::uint64_t max_bundle_bytes) const {
  std::string problem;
  Files out;
  std::uint64_t total = 0;
  const auto read = [&](const std::string& name, std::uint64_t max) -> bool {
    auto r = files::read(bundle_dir / name,
                         std::min(max, max_bundle_bytes - std::min(total, max_bundle_bytes)));
    if (!r) {
      problem = name + ": " + r.error().what;
      return false;
    }
    total += r->size();
    out[name] = std::move(*r);
    return true;
  };
  if (!read(content::bundle_files::kManifest, kMaxManifestBytes)) return Error{problem};
  std::error_code ec;
  if (fs::exists(bundle_dir / content::bundle_files::kSignature, ec) &&
      !read(content::bundle_files::kSignature, kMaxSignatureBytes))
    return Error{problem};
  Problems ignored;  // verify_bundle reports them
  if (const auto m = content::parse_manifest(out[content::bundle_files::kManifest], ignored)) {
    for (const auto& [name, entry] : m->files) {
      if (!safe_name(name)) {
        return Error{"manifest.json: files: unsafe name " + quote_found(name)};
      }
      if (!read(name, entry.size + 1)) return Error{problem};
    }
  }
  return out;
}

Result<void> Cache::install(const Files& files, long long version) const {
  if (auto made = ensure_exists(); !made) return made;
  const fs::path bundles = dir_ / "bundles";
  std::error_code ec;
  // Leftovers of installs that died midway.
  for (const auto& entry : fs::directory_iterator(bundles, ec)) {
    if (entry.path().filename().string().rfind(".tmp-", 0) == 0) fs::remove_all(entry.path(), ec);
  }
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().filename().string().rfind(".current-", 0) == 0) fs::remove(entry.path(), ec);
  }
  const auto previous = current();
  const std::string tag = crypto::random_hex(8);
  const fs::path tmp = bundles / (".tmp-" + tag);
  const auto fail = [&](std::string err) -> Result<void> {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    return Error{std::move(err)};
  };
  if (::mkdir(tmp.c_str(), 0755) != 0) {
    return Error{"cache: cannot create " + tmp.string() + ": " + errno_text() +
                 ownership_hint(bundles)};
  }
  std::vector<fs::path> dirs{tmp};
  for (const auto& [name, bytes] : files) {
    if (!safe_name(name)) return fail("cache: refusing unsafe file name " + quote_found(name));
    const fs::path path = tmp / name;
    for (fs::path parent = path.parent_path(); parent != tmp; parent = parent.parent_path()) {
      if (std::find(dirs.begin(), dirs.end(), parent) == dirs.end()) dirs.push_back(parent);
    }
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      return fail("cache: cannot create " + path.parent_path().string() + ": " + ec.message());
    if (auto written = write_synced(path, bytes); !written) return fail(written.error().what);
  }
  // Deepest directories first, so each entry is durable before its parent is synced.
  std::sort(dirs.begin(), dirs.end(), [](const fs::path& a, const fs::path& b) {
    return a.string().size() > b.string().size();
  });
  for (const auto& d : dirs) {
    if (auto synced = files::sync_directory(d); !synced)
      return fail("cache: " + synced.error().what);
  }
  const std::string name = "v" + std::to_string(version) + "-" + tag;
  const fs::path final_dir = bundles / name;
  if (::rename(tmp.c_str(), final_dir.c_str()) != 0) {
    return fail("cache: cannot rename " + tmp.string() + ": " + errno_text());
  }
  if (auto synced = files::sync_directory(bundles); !synced)
    return Error{"cache: " + synced.error().what};
  const fs::path link = dir_ / (".current-" + tag);
  if (::symlink(("bundles/" + name).c_str(), link.c_str()) != 0) {
    return Error{"cache: cannot create " + link.string() + ": " + errno_text()};
  }
  if (::rename(link.c_str(), (dir_ / "current").c_str()) != 0) {
    const std::string err =
        "cache: cannot replace " + (dir_ / "current").string() + ": " + errno_text();
    ::unlink(link.c_str());
    return Error{err};
  }
  if (auto synced = files::sync_directory(dir_); !synced)
    return Error{"cache: " + synced.error().what};
  // Keep the new bundle and the one before it; everything else in bundles/ goes.
  for (const auto& entry : fs::directory_iterator(bundles, ec)) {
    const auto& p = entry.path();
    if (p == final_dir || (previous && p == *previous)) continue;
    fs::remove_all(p, ec);
  }
  return {};
}

std::string Cache::move_current_aside(long long now_unix) const {
  const auto cur = current();
  std::error_code ec;
  if (!cur) {
    fs::remove(dir_ / "current", ec);
    return "removed the current link, which named no bundle";
  }
  fs::path dest = dir_ / ("corrupt-" + utc_stamp(now_unix));
  for (int n = 2; fs::exists(dest, ec); ++n) {
    dest = dir_ / ("corrupt-" + utc_stamp(now_unix) + "-" + std::to_string(n));
  }
  if (::rename(cur->c_str(), dest.c_str()) != 0) {
    const std::string err = errno_text();
    fs::remove(dir_ / "current", ec);
    (void)files::sync_directory(dir_);
    return "cannot move it aside (" + err + "); removed the current link";
  }
  fs::remove(dir_ / "current", ec);
  (void)files::sync_directory(dir_ / "bundles");  // best effort: the move itself is done
  (void)files::sync_directory(dir_);
  std::vector<fs::path> corrupt;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().filename().string().rfind("corrupt-", 0) == 0) corrupt.push_back(entry.path());
  }
  std::sort(corrupt.begin(), corrupt.end());
  for (std::size_t i = 0; i + kKeepCorrupt < corrupt.size(); ++i) {
    if (corrupt[i] != dest) fs::remove_all(corrupt[i], ec);
  }
  return "moved aside to " + dest.string();
}

State Cache::read_state(std::string* problem) const {
  State s;
  std::string ignored;
  std::string& why = problem != nullptr ? *problem : ignored;
  why.clear();
  const fs::path path = dir_ / "state.json";
  std::error_code ec;
  if (fs::symlink_status(path, ec).type() == fs::file_type::not_found) return s;
  const auto r = files::read(path, kMaxStateBytes);
  if (!r) {
    why = "state.json: " + r.error().what;
    return s;
  }
  const auto j = nlohmann::json::parse(*r, nullptr, false);
  if (!j.is_object()) {
    why = "state.json: expected a JSON object, found " +
          (j.is_discarded() ? std::string("text that does not parse as JSON")
                            : std::string(j.type_name()));
    return s;
  }
  if (const auto it = j.find("version");
      it == j.end() || !it->is_number_integer() || it->get<long long>() < 0) {
    why = "state.json: version: expected an integer of at least 0, found " +
          (it == j.end() ? std::string("none") : quote_found(it->dump()));
    return s;
  }
  const auto text = [&](const char* key, std::string& out) {
    if (const auto it = j.find(key); it != j.end() && it->is_string()) out = it->get<std::string>();
  };
  const auto integer = [&](const char* key, long long& out) {
    if (const auto it = j.find(key); it != j.end() && it->is_number_integer())
      out = it->get<long long>();
  };
  integer("version", s.version);
  integer("previous_version", s.previous_version);
  text("manifest_sha256", s.manifest_sha256);
  text("etag", s.etag);
  text("last_modified", s.last_modified);
  text("validators_for", s.validators_for);
  integer("validated_unix", s.validated_unix);
  integer("last_round_unix", s.last_round_unix);
  text("last_result", s.last_result);
  if (const auto it = j.find("last_ok"); it != j.end() && it->is_boolean())
    s.last_ok = it->get<bool>();
  long long failures = 0;
  integer("consecutive_failures", failures);
  s.consecutive_failures = static_cast<int>(std::clamp(failures, 0LL, 1'000'000LL));
  integer("last_success_unix", s.last_success_unix);
  return s;
}

Result<void> Cache::write_state(const State& s) const {
  if (auto made = ensure_exists(); !made) return made;
  nlohmann::ordered_json j;
  j["schema"] = 1;
  j["version"] = s.version;
  j["previous_version"] = s.previous_version;
  j["manifest_sha256"] = s.manifest_sha256;
  j["etag"] = s.etag;
  j["last_modified"] = s.last_modified;
  j["validators_for"] = s.validators_for;
  j["validated_unix"] = s.validated_unix;
  j["last_round_unix"] = s.last_round_unix;
  j["last_result"] = s.last_result;
  j["last_ok"] = s.last_ok;
  j["consecutive_failures"] = s.consecutive_failures;
  j["last_success_unix"] = s.last_success_unix;
  const std::string bytes =
      j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  if (auto written = files::write_atomic(dir_ / "state.json", bytes); !written)
    return Error{"cache: " + written.error().what};
  return {};
}

int Cache::remove_stale_temp_files() const {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().filename().string().rfind(".state.json.tmp", 0) != 0) continue;
    if (fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

FileLock::FileLock(const fs::path& path, Mode mode, bool blocking, bool create) {
  // O_NONBLOCK: a FIFO in the lock's place must not hang the open.
  fd_ = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (create ? O_CREAT : 0),
               0644);
  if (fd_ < 0) {
    error_ = "cannot open " + path.string() + ": " + errno_text();
    return;
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    error_ = path.string() + ": expected a regular file, found " + files::file_kind(st.st_mode);
    ::close(fd_);
    fd_ = -1;
    return;
  }
  const int op = (mode == Mode::Exclusive ? LOCK_EX : LOCK_SH) | (blocking ? 0 : LOCK_NB);
  int rc = 0;
  do {
    rc = ::flock(fd_, op);
  } while (rc != 0 && errno == EINTR);
  locked_ = rc == 0;
  busy_ = !locked_ && errno == EWOULDBLOCK;
  if (!locked_ && !busy_) error_ = "cannot lock " + path.string() + ": " + errno_text();
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

}  // namespace kiosk::sync
