// DIR/.history/v<N>/: the files each successful publish published, listed and put back.
#include "admin/history.hpp"

#include <algorithm>
#include <ctime>

#include "content/bundle_files.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "core/civil_date.hpp"
#include "core/files.hpp"
#include "crypto/random.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;

namespace {

constexpr char kPublishedAt[] = "published.txt";

fs::path history_root(const fs::path& dir) { return dir / kHistoryDir; }

// "v12" -> 12; nullopt for anything else.
std::optional<long long> version_of(const std::string& name) {
  if (name.size() < 2 || name.size() > 19 || name[0] != 'v' || name[1] == '0') return std::nullopt;
  long long v = 0;
  for (std::size_t i = 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    v = v * 10 + (name[i] - '0');
  }
  return v;
}

std::optional<content::Manifest> manifest_in(const fs::path& folder) {
  const auto r = files::read(folder / content::bundle_files::kManifest, 4ull << 20);
  if (!r) return std::nullopt;
  Problems ignored;
  return content::parse_manifest(*r, ignored);
}

}  // namespace

Result<HistoryEntry> record_history(const fs::path& dir, const content::FileMap& files_in,
                                    std::string_view signature, const tz::Clock& clock) {
  const auto m = files_in.find(content::bundle_files::kManifest);
  if (m == files_in.end())
    return Error{"manifest.json: expected the published manifest, found none"};
  Problems problems;
  const auto manifest = content::parse_manifest(m->second.view(), problems);
  if (!manifest) return Error{first_problem_line(problems)};
  HistoryEntry entry;
  entry.version = manifest->version;
  entry.files = manifest->files.size();
  entry.published_at = clock.zone().rfc3339(clock.now_unix());
  const fs::path root = history_root(dir);
  const fs::path final_dir = root / ("v" + std::to_string(entry.version));
  const fs::path temp = root / (".tmp-" + crypto::random_hex(8));
  std::error_code ec;
  fs::create_directories(temp, ec);
  if (ec) return Error{temp.string() + ": cannot create the directory: " + ec.message()};
  const auto fail = [&](const std::string& line) {
    fs::remove_all(temp, ec);
    return Error{line};
  };
  const auto write = [&](const std::string& name, std::string_view bytes) -> Result<void> {
    const fs::path path = temp / name;
    std::error_code e;
    fs::create_directories(path.parent_path(), e);
    if (auto w = files::write_atomic(path, bytes); !w)
      return Error{path.string() + ": " + w.error().what};
    return {};
  };
  for (const auto& [name, bytes] : files_in) {
    // Only what the manifest lists (and the manifest): never anything outside the bundle.
    if (name != content::bundle_files::kManifest && !manifest->files.contains(name)) continue;
    if (auto w = write(name, bytes); !w) return fail(w.error().what);
  }
  if (auto w = write(content::bundle_files::kSignature, signature); !w) return fail(w.error().what);
  if (auto w = write(kPublishedAt, entry.published_at + "\n"); !w) return fail(w.error().what);
  fs::remove_all(final_dir, ec);
  fs::rename(temp, final_dir, ec);
  if (ec) return fail(final_dir.string() + ": cannot be written: " + ec.message());
  (void)files::sync_directory(root);
  return entry;
}

Result<HistoryEntry> record_history(const fs::path& dir, const tz::Clock& clock) {
  content::LoadOptions options;
  options.require_manifest = true;
  auto loaded = content::load_bundle(dir, options);
  if (!loaded.bundle) return Error{first_problem_line(loaded.problems)};
  const auto sig = files::read(dir / content::bundle_files::kSignature, 4096);
  if (!sig) return Error{std::string(content::bundle_files::kSignature) + ": " + sig.error().what};
  return record_history(dir, loaded.raw, *sig, clock);
}

std::vector<HistoryEntry> list_history(const fs::path& dir) {
  std::vector<HistoryEntry> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(history_root(dir), ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const auto version = version_of(it->path().filename().string());
    if (!version || !it->is_directory(ec)) continue;
    const auto manifest = manifest_in(it->path());
    if (!manifest || manifest->version != *version) continue;
    HistoryEntry e;
    e.version = *version;
    e.files = manifest->files.size();
    if (const auto at = files::read(it->path() / kPublishedAt, 256); at)
      e.published_at = at->substr(0, at->find_first_of("\r\n"));
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const HistoryEntry& a, const HistoryEntry& b) { return a.version > b.version; });
  return out;
}

std::optional<fs::path> history_folder(const fs::path& dir, long long version) {
  const fs::path folder = history_root(dir) / ("v" + std::to_string(version));
  const auto manifest = manifest_in(folder);
  if (!manifest || manifest->version != version) return std::nullopt;
  return folder;
}

std::optional<WorkingCopy> restore_version(const fs::path& dir, long long version,
                                           Problems& problems) {
  const auto folder = history_folder(dir, version);
  if (!folder) {
    problems.push_back({std::string(kHistoryDir), "v" + std::to_string(version),
                        "expected a published version kept here, found none"});
    return std::nullopt;
  }
  const auto manifest = manifest_in(*folder);
  // Read every file first: nothing is changed unless the whole old version is there.
  std::map<std::string, std::string> files_in;
  for (const auto& [name, entry] : manifest->files) {
    auto r = files::read(*folder / name, content::limits::kMaxFileBytes);
    if (!r) {
      problems.push_back({(fs::path(kHistoryDir) / ("v" + std::to_string(version)) / name).string(),
                          "", r.error().what});
      return std::nullopt;
    }
    files_in[name] = std::move(*r);
  }
  for (const auto& [name, bytes] : files_in) {
    std::error_code ec;
    fs::create_directories((dir / name).parent_path(), ec);
    if (auto e = files::write_atomic(dir / name, bytes); !e) {
      problems.push_back({name, "", e.error().what});
      return std::nullopt;
    }
  }
  // assets/ files the old version does not have go (they were not published with it).
  std::error_code ec;
  std::vector<fs::path> extra;
  if (fs::is_directory(dir / "assets", ec)) {
    for (auto it = fs::recursive_directory_iterator(dir / "assets", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec) && !it->is_symlink(ec)) continue;
      if (!files_in.contains(fs::relative(it->path(), dir, ec).generic_string()))
        extra.push_back(it->path());
    }
  }
  for (const auto& p : extra) fs::remove(p, ec);
  auto copy = load_working_copy(dir);
  if (!copy) {
    problems.push_back({"", "", copy.error().what});
    return std::nullopt;
  }
  return std::move(*copy);
}

Result<PublishReport> republish(const fs::path& dir, long long version, std::string_view secret_key,
                                const PublishTarget& target, const PublishControl& control) {
  Problems problems;
  if (!restore_version(dir, version, problems)) return Error{first_problem_line(problems)};
  // The new version: above the working copy's manifest, the kept versions and the server's.
  long long newest = 0;
  if (const auto m = manifest_in(dir)) newest = m->version;
  for (const auto& e : list_history(dir)) newest = std::max(newest, e.version);
  auto on_server = server_version(target);
  if (!on_server) return on_server.error();
  newest = std::max(newest, *on_server);
  SignOptions options;
  options.version = newest + 1;
  options.key_name = "key";
  if (!sign(dir, secret_key, options, problems)) return Error{first_problem_line(problems)};
  auto bundle = read_signed_bundle(dir, {}, problems);
  if (!bundle) return Error{first_problem_line(problems)};
  return publish(*bundle, target, control);
}

}  // namespace kiosk::admin
