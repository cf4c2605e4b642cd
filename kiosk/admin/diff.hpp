// What changed in a working copy since the last published version (the newest of DIR/.history):
// notices added, removed or changed (which fields), applicants added, removed or changed per
// notice (by id, which fields), and whether the hotlines changed.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace kiosk::admin {

struct ItemChange {
  std::string id;
  std::vector<std::string> fields;  // keys of SCHEMA.md whose values differ, in key order
};

struct ApplicantChanges {
  std::string notice;  // notice id
  std::vector<std::string> added, removed;
  std::vector<ItemChange> changed;
};

struct Diff {
  std::optional<long long> since;  // the version compared with; nullopt: nothing published yet
  std::vector<std::string> notices_added, notices_removed;
  std::vector<ItemChange> notices_changed;  // fields other than "applicants"
  // One entry per notice with applicant changes (an added notice lists all its applicants as
  // added, a removed one all as removed), in the order of the newer file then the older.
  std::vector<ApplicantChanges> applicants;
  bool hotlines_changed = false;
  [[nodiscard]] bool empty() const;
};

// Compares two notices.json and hotlines.json documents (parsed JSON; a null document counts as
// having no notices / no hotlines).
Diff diff_documents(const nlohmann::json& notices_before, const nlohmann::json& hotlines_before,
                    const nlohmann::json& notices_after, const nlohmann::json& hotlines_after);

// DIR's notices.json and hotlines.json against those of the newest version in DIR/.history.
// Error (one line) when a file of DIR is not JSON.
Result<Diff> diff_since_published(const std::filesystem::path& dir);

}  // namespace kiosk::admin
