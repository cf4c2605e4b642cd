// The diff between the working copy and the newest published version kept in DIR/.history.
#include "admin/diff.hpp"

#include <set>

#include "admin/history.hpp"
#include "content/bundle_files.hpp"
#include "core/files.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The items of doc[key] that are objects with a string id, by id, in file order.
std::vector<std::pair<std::string, const json*>> items(const json& doc, const char* key) {
  std::vector<std::pair<std::string, const json*>> out;
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_array()) return out;
  for (const auto& item : doc[key]) {
    if (item.is_object() && item.contains("id") && item["id"].is_string())
      out.emplace_back(item["id"].get<std::string>(), &item);
  }
  return out;
}

const json* find(const std::vector<std::pair<std::string, const json*>>& list,
                 const std::string& id) {
  for (const auto& [k, v] : list) {
    if (k == id) return v;
  }
  return nullptr;
}

// Keys whose values differ (present in one only counts), in the newer object's key order then
// the older's; `skip` is left out.
std::vector<std::string> changed_fields(const json& before, const json& after,
                                        const std::string& skip = "") {
  std::vector<std::string> fields;
  for (const auto& [k, v] : after.items()) {
    if (k != skip && (!before.contains(k) || before[k] != v)) fields.push_back(k);
  }
  for (const auto& [k, v] : before.items()) {
    if (k != skip && !after.contains(k)) fields.push_back(k);
  }
  return fields;
}

json read_json(const fs::path& path, bool& broken) {
  const auto r = files::read(path, 64ull << 20);
  if (!r) return json();
  auto j = json::parse(*r, nullptr, false);
  if (j.is_discarded()) {
    broken = true;
    return json();
  }
  return j;
}

}  // namespace

bool Diff::empty() const {
  return notices_added.empty() && notices_removed.empty() && notices_changed.empty() &&
         applicants.empty() && !hotlines_changed;
}

Diff diff_documents(const json& notices_before, const json& hotlines_before,
                    const json& notices_after, const json& hotlines_after) {
  Diff d;
  const auto before = items(notices_before, "notices");
  const auto after = items(notices_after, "notices");
  const auto applicant_changes = [&](const std::string& id, const json* old_n, const json* new_n) {
    ApplicantChanges c;
    c.notice = id;
    const json empty = json::object();
    const auto old_a = items(old_n != nullptr ? *old_n : empty, "applicants");
    const auto new_a = items(new_n != nullptr ? *new_n : empty, "applicants");
    for (const auto& [aid, a] : new_a) {
      const json* was = find(old_a, aid);
      if (was == nullptr) {
        c.added.push_back(aid);
      } else if (*was != *a) {
        c.changed.push_back({aid, changed_fields(*was, *a)});
      }
    }
    for (const auto& [aid, a] : old_a) {
      if (find(new_a, aid) == nullptr) c.removed.push_back(aid);
    }
    if (!c.added.empty() || !c.removed.empty() || !c.changed.empty())
      d.applicants.push_back(std::move(c));
  };
  for (const auto& [id, n] : after) {
    const json* was = find(before, id);
    if (was == nullptr) {
      d.notices_added.push_back(id);
    } else if (auto fields = changed_fields(*was, *n, "applicants"); !fields.empty()) {
      d.notices_changed.push_back({id, std::move(fields)});
    }
    applicant_changes(id, was, n);
  }
  for (const auto& [id, n] : before) {
    if (find(after, id) == nullptr) {
      d.notices_removed.push_back(id);
      applicant_changes(id, n, nullptr);
    }
  }
  const auto list_of = [](const json& doc) {
    return doc.is_object() && doc.contains("hotlines") ? doc["hotlines"] : json::array();
  };
  d.hotlines_changed = list_of(hotlines_before) != list_of(hotlines_after);
  return d;
}

Result<Diff> diff_since_published(const fs::path& dir) {
  bool broken = false;
  const json notices = read_json(dir / content::bundle_files::kNotices, broken);
  if (broken) {
    return Error{std::string(content::bundle_files::kNotices) +
                 ": expected JSON to compare, found a file that does not parse"};
  }
  const json hotlines = read_json(dir / content::bundle_files::kHotlines, broken);
  if (broken) {
    return Error{std::string(content::bundle_files::kHotlines) +
                 ": expected JSON to compare, found a file that does not parse"};
  }
  const auto history = list_history(dir);
  json old_notices, old_hotlines;
  std::optional<long long> since;
  if (!history.empty()) {
    since = history.front().version;
    const fs::path folder = *history_folder(dir, *since);
    bool ignored = false;
    old_notices = read_json(folder / content::bundle_files::kNotices, ignored);
    old_hotlines = read_json(folder / content::bundle_files::kHotlines, ignored);
  }
  Diff d = diff_documents(old_notices, old_hotlines, notices, hotlines);
  d.since = since;
  return d;
}

}  // namespace kiosk::admin
