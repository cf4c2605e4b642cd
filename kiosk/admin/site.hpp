// The take-home pages: a small static site rendered from a bundle (index of notices, one page per
// notice and per applicant, the hotlines), uploaded by publish under public_url's site/ and written
// by `kioskctl site` for checking. Mobile-first semantic HTML, one CSS file, no JavaScript, no
// external asset; the paths are content/site_paths.hpp's, stable across versions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "content/model.hpp"
#include "core/civil_date.hpp"
#include "core/result.hpp"

namespace kiosk::admin {

// When the pages were made: the content version they show, the publish time as written on each
// page, and the office's day then (days left of each 公示期 are counted from it).
struct SiteStamp {
  long long version = 0;
  std::string published_at;  // "2026年12月1日 09:30"
  CivilDate today;
};

// The site of `bundle`: path ("site/index.html", "site/notice/ID.html", …) → bytes. A pure
// function: the same bundle and stamp give the same bytes. Every notice has its page (an upcoming
// one too, so a kiosk that starts showing it before the next publish links to a page that
// exists); the index lists the current, then upcoming, then ended notices.
std::map<std::string, std::string> render_site(const content::Bundle& bundle,
                                               const SiteStamp& stamp);

// Writes `site` (render_site's map) under OUT (OUT/site/index.html, …): OUT must be missing,
// empty, or hold only an earlier site/ (which is replaced). Error (one line) otherwise.
struct SiteWritten {
  std::size_t files = 0;
  std::uint64_t bytes = 0;
};
Result<SiteWritten> write_site(const std::map<std::string, std::string>& site,
                               const std::filesystem::path& out);

// The site of the working copy DIR as `kioskctl site` writes it: version from its manifest (0
// when unsigned), published now, days left counted from `today`.
SiteStamp site_stamp_now(const content::Bundle& bundle, CivilDate today);

// The index page's public address: public_url + "site/index.html".
std::string site_index_url(const std::string& public_url);

// Unix seconds as a page shows the publish time, in the offices' zone: "2026年12月1日 09:30".
std::string site_time_text(long long unix_seconds);

}  // namespace kiosk::admin
