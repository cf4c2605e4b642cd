// sign's refusal of a silent removal (removals.hpp): the last signed version against the next.
#include "admin/removals.hpp"

#include <map>

#include "admin/history.hpp"
#include "admin/working_copy.hpp"
#include "content/bundle_files.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;

namespace {

// The notices of a kept version, read as the kiosk read them (with its calendar.json).
std::optional<std::vector<content::Notice>> notices_in(const fs::path& folder) {
  const auto read = [&](const char* name) {
    return files::read(folder / name, content::limits::kMaxFileBytes);
  };
  const auto notices = read(content::bundle_files::kNotices);
  if (!notices) return std::nullopt;
  Problems ignored;
  std::optional<content::Calendar> calendar = content::Calendar{};
  if (const auto cal = read(content::bundle_files::kCalendar); cal) {
    calendar = content::parse_calendar(*cal, ignored);
  }
  if (!calendar) return std::nullopt;
  return content::parse_notices(*notices, ignored, nullptr, &*calendar);
}

}  // namespace

std::optional<SignedVersion> last_signed_version(const fs::path& dir) {
  std::optional<long long> replaced;
  if (const auto m = files::read(dir / content::bundle_files::kManifest, 4ull << 20); m) {
    Problems ignored;
    if (const auto manifest = content::parse_manifest(*m, ignored)) replaced = manifest->version;
  }
  std::optional<fs::path> folder;
  long long version = 0;
  if (replaced) {
    folder = history_folder(dir, *replaced);
    version = *replaced;
  }
  if (!folder) {
    const auto kept = list_history(dir);
    if (kept.empty()) return std::nullopt;
    version = kept.front().version;
    folder = history_folder(dir, version);
  }
  if (!folder) return std::nullopt;
  auto notices = notices_in(*folder);
  if (!notices) return std::nullopt;
  return SignedVersion{version, std::move(*notices)};
}

void check_no_silent_removal(const SignedVersion& before, const std::vector<content::Notice>& next,
                             CivilDate today, int archive_days, Problems& problems) {
  std::map<std::string, std::size_t> now;  // id -> index in next
  for (std::size_t i = 0; i < next.size(); ++i) now[next[i].id] = i;
  const std::string version = "v" + std::to_string(before.version);
  for (const auto& old : before.notices) {
    const bool begun = old.window.start <= today;
    const auto it = now.find(old.id);
    if (it == now.end()) {
      const CivilDate gone = CivilDate::from_days(old.board_end().days() + archive_days);
      if (begun && today <= gone) {
        problems.push_back({content::bundle_files::kNotices, "notices",
                            "expected notice \"" + old.id + "\" of the last signed version (" +
                                version + ") to stay until its archive time ends (" + gone.iso() +
                                "; a terminated record ends it early), found it removed"});
      }
      continue;
    }
    if (!begun) continue;
    for (const auto& a : old.applicants) {
      if (next[it->second].applicant(a.id) != nullptr) continue;
      problems.push_back({content::bundle_files::kNotices,
                          "notices[" + std::to_string(it->second) + "].applicants",
                          "expected applicant \"" + a.id + "\" (" + a.name +
                              ") of the last signed version (" + version +
                              ") to stay, with a withdrawn record to mark it 已撤回, found it "
                              "removed"});
    }
  }
}

}  // namespace kiosk::admin
