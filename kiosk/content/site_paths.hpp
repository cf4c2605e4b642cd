// Where the take-home pages lie (docs/BUNDLE.md "Take-home pages"): one definition for the site
// renderer (kiosk/admin/site.cpp), publish and the kiosk's QR codes, so a URL printed last week
// still names the same page. Paths are relative to public_url (the folder of manifest.json).
#pragma once

#include <string>
#include <string_view>

namespace kiosk::content::site_paths {

inline constexpr char kPrefix[] = "site/";  // everything the site writes lies under it
inline constexpr char kIndex[] = "site/index.html";
inline constexpr char kHotlines[] = "site/hotlines.html";
inline constexpr char kStyle[] = "site/style.css";

// Ids are [A-Za-z0-9_-] (SCHEMA.md), so they go into a path as they are.
inline std::string notice(std::string_view notice_id) {
  return "site/notice/" + std::string(notice_id) + ".html";
}
inline std::string applicant(std::string_view notice_id, std::string_view applicant_id) {
  return "site/applicant/" + std::string(notice_id) + "/" + std::string(applicant_id) + ".html";
}
// The anchor of one category's list on a notice's page ("#street_demo").
inline std::string category_anchor(std::string_view category_code) {
  return "#" + std::string(category_code);
}

// public_url + path: public_url ends with "/" (content::public_url_problem).
inline std::string url(std::string_view public_url, std::string_view path) {
  return std::string(public_url) + std::string(path);
}

}  // namespace kiosk::content::site_paths
