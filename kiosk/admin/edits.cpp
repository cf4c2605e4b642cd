// Notice, applicant and hotline edits: JSON changed in place (key order kept), the bundle
// validated, the file written only when acceptable (save_working_copy).
#include "admin/edits.hpp"

#include <cstdio>
#include <functional>

#include "content/bundle_files.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

constexpr const char* kNotices = content::bundle_files::kNotices;
constexpr const char* kHotlines = content::bundle_files::kHotlines;

// The keys of a notice and an applicant in SCHEMA.md's order: an object the console sends in any
// order is written in this one (unknown keys after them, for validation to name).
constexpr const char* kNoticeKeys[] = {"id",          "title",  "issuer",    "doc_number",
                                       "window",      "intro",  "demo",      "objection",
                                       "corrections", "result", "applicants"};
constexpr const char* kCorrectionKeys[] = {"id",    "date", "kind",         "applicant",
                                           "field", "end",  "working_days", "text"};
constexpr const char* kApplicantKeys[] = {"id",      "category", "name",   "leader",
                                          "address", "contact",  "town",   "phone",
                                          "summary", "basis",    "reviews"};

template <std::size_t N>
ordered_json in_order(const ordered_json& object, const char* const (&keys)[N]) {
  ordered_json out = ordered_json::object();
  for (const char* k : keys) {
    if (const auto it = object.find(k); it != object.end()) out[k] = *it;
  }
  for (const auto& [k, v] : object.items()) {
    if (!out.contains(k)) out[k] = v;
  }
  return out;
}

std::optional<ordered_json> parse_file(const WorkingCopy& copy, const char* name,
                                       Problems& problems) {
  const auto f = copy.files.find(name);
  if (f == copy.files.end()) {
    problems.push_back({name, "", "expected the file, found none"});
    return std::nullopt;
  }
  auto j = ordered_json::parse(f->second, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    problems.push_back({name, "",
                        "expected a JSON object to edit, found a file that does not "
                        "parse (mend it first)"});
    return std::nullopt;
  }
  return j;
}

ordered_json* find_by_id(ordered_json& list, std::string_view id) {
  if (!list.is_array()) return nullptr;
  for (auto& item : list) {
    if (item.is_object() && item.contains("id") && item["id"].is_string() &&
        item["id"].get<std::string>() == id)
      return &item;
  }
  return nullptr;
}

Problem not_found(std::string where, std::string_view what, std::string_view id) {
  return {kNotices, std::move(where),
          std::string(kNotFound) + std::string(what) + " id, found " + quote_found(id)};
}

// The notice `id` in `list`, or nullptr with its not-found problem.
ordered_json* notice_or_problem(ordered_json& list, std::string_view id, Problems& problems) {
  auto* n = find_by_id(list, id);
  if (n == nullptr) problems.push_back(not_found("notices", "notice", id));
  return n;
}

bool require_object(const ordered_json& j, const std::string& where, Problems& problems) {
  if (j.is_object()) return true;
  problems.push_back(
      {kNotices, where, "expected a JSON object, found " + std::string(j.type_name())});
  return false;
}

// Loads DIR, lets `change` edit notices.json's JSON (it appends problems and returns false to
// refuse), then saves the result.
std::optional<WorkingCopy> edit_file(const fs::path& dir, const char* name, Problems& problems,
                                     const std::function<bool(ordered_json&)>& change) {
  auto copy = load_working_copy(dir);
  if (!copy) {
    problems.push_back({"", "", copy.error().what});
    return std::nullopt;
  }
  auto j = parse_file(*copy, name, problems);
  if (!j || !change(*j)) return std::nullopt;
  return save_working_copy(*copy, {{name, j->dump(2) + "\n"}}, problems);
}

ordered_json& notices_of(ordered_json& root) {
  if (!root.contains("notices") || !root["notices"].is_array())
    root["notices"] = ordered_json::array();
  return root["notices"];
}

// notices.json moves from schema 1 to 2 once a notice carries a field of schema 2 (LIFECYCLE.md:
// window.working_days, objection, corrections, result), so an edit that adds one is judged by its
// content, not refused for the file's schema number. Nothing else of the file changes.
void schema_for_lifecycle(ordered_json& root) {
  bool needed = false;
  for (const auto& n : notices_of(root)) {
    if (!n.is_object()) continue;
    for (const char* key : {"objection", "corrections", "result"}) needed |= n.contains(key);
    if (const auto w = n.find("window"); w != n.end() && w->is_object())
      needed |= w->contains("working_days");
  }
  if (needed && root.contains("schema") && root["schema"] == 1) root["schema"] = 2;
}

}  // namespace

std::optional<ordered_json> notice_json(const WorkingCopy& copy, std::string_view id) {
  Problems ignored;
  auto j = parse_file(copy, kNotices, ignored);
  if (!j || !j->contains("notices")) return std::nullopt;
  if (auto* n = find_by_id((*j)["notices"], id)) return *n;
  return std::nullopt;
}

ordered_json hotlines_json(const WorkingCopy& copy) {
  Problems ignored;
  auto j = parse_file(copy, kHotlines, ignored);
  if (!j || !j->contains("hotlines") || !(*j)["hotlines"].is_array()) return ordered_json::array();
  return (*j)["hotlines"];
}

std::optional<std::string> create_notice(const fs::path& dir, const ordered_json& notice,
                                         Problems& problems) {
  std::string id;
  const auto saved = edit_file(dir, kNotices, problems, [&](ordered_json& root) {
    if (!require_object(notice, "notices", problems)) return false;
    ordered_json n = notice;
    auto& list = notices_of(root);
    if (!n.contains("id")) {
      const std::string base = "notice-" + office_today().iso().erase(7, 1).erase(4, 1);
      id = base;
      for (int i = 2; find_by_id(list, id) != nullptr; ++i) id = base + "-" + std::to_string(i);
      n["id"] = id;
    } else if (n["id"].is_string()) {
      id = n["id"].get<std::string>();
      if (find_by_id(list, id) != nullptr) {
        problems.push_back(
            {kNotices, "notices[" + std::to_string(list.size()) + "].id",
             "expected a new notice id, found " + quote_found(id) + " (already used)"});
        return false;
      }
    }
    if (!n.contains("applicants")) n["applicants"] = ordered_json::array();
    list.push_back(in_order(n, kNoticeKeys));
    schema_for_lifecycle(root);
    return true;
  });
  if (!saved) return std::nullopt;
  return id;
}

std::optional<WorkingCopy> replace_notice(const fs::path& dir, std::string_view id,
                                          const ordered_json& fields, Problems& problems) {
  return edit_file(dir, kNotices, problems, [&](ordered_json& root) {
    auto& list = notices_of(root);
    auto* n = notice_or_problem(list, id, problems);
    if (n == nullptr) return false;
    const std::string where = "notices[" + std::to_string(n - &list[0]) + "]";
    if (!require_object(fields, where, problems)) return false;
    for (const auto& [key, value] : fields.items()) {
      if (key == "id" && !(value.is_string() && value.get<std::string>() == id)) {
        problems.push_back({kNotices, where + ".id",
                            "expected the notice's own id " + quote_found(id) + ", found " +
                                quote_found(value.dump())});
        return false;
      }
      if (value.is_null()) {
        n->erase(key);
      } else {
        (*n)[key] = value;
      }
    }
    *n = in_order(*n, kNoticeKeys);
    schema_for_lifecycle(root);
    return true;
  });
}

std::optional<WorkingCopy> delete_notice(const fs::path& dir, std::string_view id,
                                         Problems& problems) {
  return edit_file(dir, kNotices, problems, [&](ordered_json& root) {
    auto& list = notices_of(root);
    auto* n = notice_or_problem(list, id, problems);
    if (n == nullptr) return false;
    list.erase(list.begin() + (n - &list[0]));
    return true;
  });
}

std::optional<std::string> add_applicant(const fs::path& dir, std::string_view notice_id,
                                         const ordered_json& applicant, Problems& problems) {
  std::string id;
  const auto saved = edit_file(dir, kNotices, problems, [&](ordered_json& root) {
    auto& list = notices_of(root);
    auto* n = notice_or_problem(list, notice_id, problems);
    if (n == nullptr) return false;
    const std::string where = "notices[" + std::to_string(n - &list[0]) + "].applicants";
    if (!require_object(applicant, where, problems)) return false;
    if (!n->contains("applicants") || !(*n)["applicants"].is_array())
      (*n)["applicants"] = ordered_json::array();
    auto& applicants = (*n)["applicants"];
    ordered_json a = applicant;
    if (!a.contains("id")) {
      char buf[16];
      for (int i = 1;; ++i) {
        std::snprintf(buf, sizeof buf, "a%03d", i);
        if (find_by_id(applicants, buf) == nullptr) break;
      }
      a["id"] = buf;
    }
    if (a["id"].is_string()) {
      id = a["id"].get<std::string>();
      if (find_by_id(applicants, id) != nullptr) {
        problems.push_back({kNotices, where + "[" + std::to_string(applicants.size()) + "].id",
                            "expected a new applicant id, found " + quote_found(id) +
                                " (already used in this notice)"});
        return false;
      }
    }
    applicants.push_back(in_order(a, kApplicantKeys));
    return true;
  });
  if (!saved) return std::nullopt;
  return id;
}

std::optional<WorkingCopy> replace_applicant(const fs::path& dir, std::string_view notice_id,
                                             std::string_view applicant_id,
                                             const ordered_json& applicant, Problems& problems) {
  return edit_file(dir, kNotices, problems, [&](ordered_json& root) {
    auto& list = notices_of(root);
    auto* n = notice_or_problem(list, notice_id, problems);
    if (n == nullptr) return false;
    const std::string where = "notices[" + std::to_string(n - &list[0]) + "].applicants";
    auto* a = n->contains("applicants") ? find_by_id((*n)["applicants"], applicant_id) : nullptr;
    if (a == nullptr) {
      problems.push_back(not_found(where, "applicant", applicant_id));
      return false;
    }
    const std::string at = where + "[" + std::to_string(a - &(*n)["applicants"][0]) + "]";
    if (!require_object(applicant, at, problems)) return false;
    ordered_json replacement = applicant;
    if (!replacement.contains("id")) replacement["id"] = std::string(applicant_id);
    if (replacement["id"].is_string() && replacement["id"].get<std::string>() != applicant_id &&
        find_by_id((*n)["applicants"], replacement["id"].get<std::string>()) != nullptr) {
      problems.push_back({kNotices, at + ".id",
                          "expected a new applicant id, found " +
                              quote_found(replacement["id"].get<std::string>()) +
                              " (already used in this notice)"});
      return false;
    }
    *a = in_order(replacement, kApplicantKeys);
    return true;
  });
}

std::optional<WorkingCopy> delete_applicant(const fs::path& dir, std::string_view notice_id,
                                            std::string_view applicant_id, Problems& problems) {
  return edit_file(dir, kNotices, problems, [&](ordered_json& root) {
    auto& list = notices_of(root);
    auto* n = notice_or_problem(list, notice_id, problems);
    if (n == nullptr) return false;
    auto* a = n->contains("applicants") ? find_by_id((*n)["applicants"], applicant_id) : nullptr;
    if (a == nullptr) {
      problems.push_back(not_found("notices[" + std::to_string(n - &list[0]) + "].applicants",
                                   "applicant", applicant_id));
      return false;
    }
    auto& applicants = (*n)["applicants"];
    applicants.erase(applicants.begin() + (a - &applicants[0]));
    return true;
  });
}

std::optional<WorkingCopy> set_public_url(const fs::path& dir, const std::string& url,
                                          Problems& problems) {
  return edit_file(dir, kNotices, problems, [&](ordered_json& root) {
    ordered_json out = ordered_json::object();
    for (auto it = root.begin(); it != root.end(); ++it) {
      if (it.key() == "public_url") continue;
      out[it.key()] = std::move(it.value());
      if (it.key() == "schema" && !url.empty()) out["public_url"] = url;
    }
    if (!url.empty() && !out.contains("public_url")) out["public_url"] = url;
    root = std::move(out);
    return true;
  });
}

std::optional<WorkingCopy> replace_hotlines(const fs::path& dir, const ordered_json& hotlines,
                                            Problems& problems) {
  return edit_file(dir, kHotlines, problems, [&](ordered_json& root) {
    if (!hotlines.is_array()) {
      problems.push_back(
          {kHotlines, "hotlines",
           "expected a JSON array of hotlines, found " + std::string(hotlines.type_name())});
      return false;
    }
    root["hotlines"] = hotlines;
    return true;
  });
}

std::optional<std::string> add_correction(const fs::path& dir, std::string_view notice_id,
                                          const ordered_json& record, Problems& problems) {
  std::string id;
  const auto saved = edit_file(dir, kNotices, problems, [&](ordered_json& root) {
    auto& list = notices_of(root);
    auto* n = notice_or_problem(list, notice_id, problems);
    if (n == nullptr) return false;
    const std::string where = "notices[" + std::to_string(n - &list[0]) + "].corrections";
    if (!require_object(record, where, problems)) return false;
    if (!n->contains("corrections") || !(*n)["corrections"].is_array())
      (*n)["corrections"] = ordered_json::array();
    auto& records = (*n)["corrections"];
    ordered_json r = record;
    if (!r.contains("id")) {
      for (int i = 1;; ++i) {
        id = "r" + std::to_string(i);
        if (find_by_id(records, id) == nullptr) break;
      }
      r["id"] = id;
    } else if (r["id"].is_string()) {
      id = r["id"].get<std::string>();
      if (find_by_id(records, id) != nullptr) {
        problems.push_back({kNotices, where + "[" + std::to_string(records.size()) + "].id",
                            "expected a new record id, found " + quote_found(id) +
                                " (already used in this notice)"});
        return false;
      }
    }
    // In date order: after every record of the same date or earlier (ISO dates sort as text).
    std::size_t at = records.size();
    if (r.contains("date") && r["date"].is_string()) {
      const std::string date = r["date"].get<std::string>();
      at = 0;
      for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& other = records[i];
        const auto d = other.is_object() ? other.find("date") : other.end();
        if (d == other.end() || !d->is_string()) continue;
        if (d->get<std::string>() <= date) at = i + 1;
      }
    }
    records.insert(records.begin() + static_cast<std::ptrdiff_t>(at), in_order(r, kCorrectionKeys));
    *n = in_order(*n, kNoticeKeys);
    schema_for_lifecycle(root);
    return true;
  });
  if (!saved) return std::nullopt;
  return id;
}

std::optional<WorkingCopy> delete_correction(const fs::path& dir, std::string_view notice_id,
                                             std::string_view record_id, Problems& problems) {
  return edit_file(dir, kNotices, problems, [&](ordered_json& root) {
    auto& list = notices_of(root);
    auto* n = notice_or_problem(list, notice_id, problems);
    if (n == nullptr) return false;
    auto* r = n->contains("corrections") ? find_by_id((*n)["corrections"], record_id) : nullptr;
    if (r == nullptr) {
      problems.push_back(not_found("notices[" + std::to_string(n - &list[0]) + "].corrections",
                                   "correction record", record_id));
      return false;
    }
    auto& records = (*n)["corrections"];
    records.erase(records.begin() + (r - &records[0]));
    if (records.empty()) n->erase("corrections");
    return true;
  });
}

}  // namespace kiosk::admin
