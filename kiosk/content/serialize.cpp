// JSON writing of content; see serialize.hpp.
#include "content/serialize.hpp"

#include "content/bundle_files.hpp"
#include "json/reader.hpp"

namespace kiosk::content {

nlohmann::ordered_json applicant_to_json(const Applicant& a) {
  nlohmann::ordered_json j;
  j["id"] = a.id;
  j["category"] = std::string(category_code(a.category));
  j["name"] = a.name;
  j["leader"] = a.leader;
  if (is_street(a.category)) {
    j["contact"] = a.contact;
  } else {
    j["address"] = a.address;
  }
  if (!a.town.empty())
    j["town"] = a.town;  // optional: absent rather than "" keeps old files as they were
  j["phone"] = a.phone;
  j["summary"] = a.summary;
  j["basis"] = a.basis;
  if (!a.reviews.empty()) {
    auto& reviews = j["reviews"] = nlohmann::ordered_json::array();
    for (const auto& r : a.reviews) {
      nlohmann::ordered_json rj;
      rj["level"] = std::string(review_code(r.level));
      rj["opinion"] = r.opinion;
      rj["date"] = r.date ? nlohmann::ordered_json(r.date->iso()) : nlohmann::ordered_json(nullptr);
      rj["sealed"] = r.sealed;
      reviews.push_back(std::move(rj));
    }
  }
  return j;
}

std::optional<std::string> replace_applicants(std::string_view notices_json,
                                              std::string_view notice_id,
                                              const std::vector<Applicant>& applicants,
                                              Problems& problems) {
  const std::string file = bundle_files::kNotices;
  if (!json::parse(notices_json, file, problems)) return std::nullopt;
  // Parse again preserving key order (the checked parse above bounds depth and UTF-8).
  auto root = nlohmann::ordered_json::parse(notices_json.begin(), notices_json.end());
  if (!root.is_object() || !root.contains("notices") || !root["notices"].is_array()) {
    problems.push_back({file, "notices", "expected an array of notices, found none"});
    return std::nullopt;
  }
  for (auto& notice : root["notices"]) {
    if (notice.is_object() && notice.contains("id") && notice["id"] == notice_id) {
      auto& list = notice["applicants"] = nlohmann::ordered_json::array();
      for (const auto& a : applicants) list.push_back(applicant_to_json(a));
      return root.dump(2) + "\n";
    }
  }
  problems.push_back(
      {file, "notices", "expected a notice with id " + quote_found(notice_id) + ", found none"});
  return std::nullopt;
}

}  // namespace kiosk::content
