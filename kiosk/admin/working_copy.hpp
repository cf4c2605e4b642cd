// The administrator's working copy: a bundle directory DIR (the files of SCHEMA.md) read, checked
// and summarised for kioskctl and the console, and written back only when what is written is valid.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.hpp"
#include "core/civil_date.hpp"
#include "core/problem.hpp"
#include "core/result.hpp"
#include "tz/office_time.hpp"

namespace kiosk::admin {

// The folder under DIR where each successful publish keeps a copy of what it published
// (history.hpp). validate and the working copy never read it; sign compares with the last kept
// version's notices only (removals.hpp).
inline constexpr char kHistoryDir[] = ".history";

// Contract: a directory's content as the administrator edits it.
//  - files: the bytes of document.json, notices.json, hotlines.json and every regular file under
//    assets/ (what sign signs), by name; a file that could not be read is absent and a problem.
//  - bundle: the parsed content, set exactly when problems is empty. The manifest is NOT part of
//    this check: a working copy edited after signing is still valid (its manifest is stale, see
//    manifest_state), as `kioskctl sign` validates it.
//  - problems: every problem found, each "FILE: WHERE: expected …, found …" with WHERE the JSON
//    path of SCHEMA.md ("notices[0].applicants[3].phone"); field_of() gives the field.
struct WorkingCopy {
  std::filesystem::path dir;
  std::map<std::string, std::string> files;
  std::optional<content::Bundle> bundle;
  Problems problems;
};

// Reads and validates DIR. An Error (one line) only when DIR is not a readable directory; a
// missing or broken file is a problem of the returned copy. DIR/.history is never read.
Result<WorkingCopy> load_working_copy(const std::filesystem::path& dir);

// The files sign signs: the three content files, calendar.json when present, and every regular
// file under assets/ (never
// .history/, never a symlink), read into `files`. A read failure is a problem; so is a missing
// content file when `missing_content_is_a_problem` (sign), else the loader reports it.
void read_bundle_files(const std::filesystem::path& dir, std::map<std::string, std::string>& files,
                       Problems& problems, bool missing_content_is_a_problem);

// The field a problem's WHERE names: its last segment without an index ("notices[0].title" ->
// "title", "notices[2]" -> "", "files.\"assets/x.png\"" -> "assets/x.png"); "" when none.
std::string field_of(std::string_view where);

// Writes `changed` (file name -> new bytes, names as in WorkingCopy::files) into the working copy
// only when the result is acceptable: valid, or invalid only with problems the copy already had
// (so a broken bundle can be mended one step at a time). Each file is written atomically
// (core/files.hpp write_atomic); nothing is written when the change is refused.
// Returns nullopt with the problems (appended) when refused; else the reloaded copy.
std::optional<WorkingCopy> save_working_copy(const WorkingCopy& copy,
                                             const std::map<std::string, std::string>& changed,
                                             Problems& problems);

// Today on the office's clock (tz/office_time.hpp: config timezone, default Asia/Shanghai; never
// the PC's own zone), as the kiosk's clock says it.
CivilDate office_today(const tz::Clock& clock = tz::Clock());

// Where a notice stands on a date: the kiosk's own rule (ui::Model::status), never a second one.
enum class NoticeState { Upcoming, Open, Closed };
NoticeState notice_state(const content::Notice& notice, CivilDate today);
std::string_view state_code(NoticeState s);   // "upcoming", "open", "closed"
std::string_view state_label(NoticeState s);  // "未开始", "公示中", "已结束"

struct NoticeSummary {
  std::string id, title, issuer, doc_number;
  content::NoticeWindow window;
  NoticeState state = NoticeState::Upcoming;
  std::size_t applicants = 0;
  // Applicants per category, in content::kAllCategories order.
  std::array<std::size_t, 5> by_category{};
};

// The manifest in DIR, if any: its version and expiry as written, whether manifest.sig is present,
// and whether the content files still match it (false once edited after signing).
struct ManifestState {
  long long version = 0;
  std::string issued_at, expires_at;
  bool signature_present = false;
  bool matches_files = false;
};

struct Overview {
  std::filesystem::path dir;
  CivilDate today;
  std::vector<NoticeSummary> notices;  // in file order; empty when notices.json is broken
  std::vector<content::Hotline> hotlines;
  Problems problems;  // the working copy's
  std::optional<ManifestState> manifest;
};

// The bundle at a glance on `today`: what the console's 总览 shows.
Overview overview(const WorkingCopy& copy, CivilDate today);

// The manifest of DIR (nullopt when there is none or it is not a manifest).
std::optional<ManifestState> manifest_state(const WorkingCopy& copy);

// The result of `kioskctl validate`: every problem (content, manifest, signature, characters no
// configured font has), and the counts of a valid bundle.
struct ValidateOptions {
  std::vector<std::string> trusted_keys;   // base64 public keys manifest.sig must verify under
  bool keys_given = false;                 // --key/--config given: a signature is then required
  std::vector<std::string> font_families;  // checked when one of them is installed
};
struct ValidateReport {
  Problems problems;
  std::optional<content::Bundle> bundle;  // set when it parsed (problems may still be non-empty)
  std::string signature_note;             // ", signature verified" or ", signature not checked …"
  bool fonts_missing = false;             // no configured font is installed: characters unchecked
};
ValidateReport validate(const std::filesystem::path& dir, const ValidateOptions& options);

// kioskctl validate's line for a notice's resolved (effective) window (LIFECYCLE.md):
// "notice ID: 公示期 2026-09-28 至 2026-10-09 (5 个工作日)", or "(12 天)" for calendar days.
std::string window_line(const content::Notice& notice);

}  // namespace kiosk::admin
