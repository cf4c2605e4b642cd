// Model: one content bundle as the screens read it, with the indices they need precomputed once
// (applicants by notice and category, QR codes of the hotlines). Immutable; replaced whole when
// new content arrives, and shared between the reducer's State and the views.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.hpp"
#include "core/archive_days.hpp"
#include "core/civil_date.hpp"

namespace kiosk::ui {

// A QR symbol: size×size modules, row-major, 1 = dark, its quiet zone included (as qr::make).
struct QrMatrix {
  int size = 0;
  std::shared_ptr<const std::vector<std::uint8_t>> modules;
};
// Encodes text (a tel: URI) as a QR symbol; nullopt when it cannot. The app passes the qr module's.
using QrEncoder = std::function<std::optional<QrMatrix>(std::string_view text)>;

// 公示名单's order of one category and its index strip (screens_notices.cpp). Contract: `order`
// holds exactly members(notice, category), grouped: by 所属街镇 when any applicant of the list has
// a town (towns in the order they first appear, the office's own order; applicants without one
// last, under kNoTown), else by the first character of the name (groups in code point order,
// i.e. the radical-and-stroke order of CJK dictionaries). Within a group, file order. A list
// already grouped keeps its order. groups[i].first is the row (index into order) where the
// group starts; groups are consecutive and cover every row.
struct ListGroup {
  std::string label;  // the town, or the first character
  std::size_t first = 0, count = 0;
};
struct ListIndex {
  std::vector<std::uint32_t> order;
  std::vector<ListGroup> groups;
  bool by_town = false;
};
inline constexpr std::string_view kNoTown = "未填街镇";

// Where a notice stands on a given day (Model::status).
enum class NoticeStatus { Upcoming, Current, Ended };

class Model {
 public:
  // `generation` must differ between two Models the same Views object sees (the app counts up);
  // the views key their layout caches on it. Without an encoder the hotlines carry no QR code.
  // An ended notice stays under 往期公示 for archive_days after its board_end() (config).
  Model(content::Bundle bundle, std::string office_name, std::uint64_t generation,
        const QrEncoder& qr = {}, int archive_days = kDefaultArchiveDays);

  [[nodiscard]] const content::Bundle& bundle() const { return bundle_; }
  [[nodiscard]] const content::Document& document() const { return bundle_.document; }
  [[nodiscard]] const std::vector<content::Notice>& notices() const { return bundle_.notices; }
  [[nodiscard]] const std::vector<content::Hotline>& hotlines() const { return bundle_.hotlines; }
  [[nodiscard]] const std::string& office_name() const { return office_name_; }
  [[nodiscard]] std::uint64_t generation() const { return generation_; }
  [[nodiscard]] int archive_days() const { return archive_days_; }

  // THE rule of where a notice stands (the screens, kioskctl and the take-home pages ask it):
  // Upcoming before window.start; Current from 00:00 of window.start through 24:00 of
  // board_end() (the effective window's last day, or the termination date when earlier); Ended
  // after that.
  [[nodiscard]] static NoticeStatus status(const content::Notice& n, CivilDate today);
  // An Ended notice is under 往期公示 through board_end() + archive_days; after that it is gone
  // from every screen.
  [[nodiscard]] static bool archived(const content::Notice& n, CivilDate today, int archive_days);
  // Indices of the notices in their 公示期 on `today`, by start date (then file order).
  [[nodiscard]] std::vector<std::size_t> current_notices(CivilDate today) const;
  // What the 公示名单 screen and 待机 list: the current notices. Upcoming and ended notices are
  // never listed there.
  [[nodiscard]] std::vector<std::size_t> listed_notices(CivilDate today) const;
  // What 往期公示 lists: the archived notices (see archived()), the latest board_end() first.
  [[nodiscard]] std::vector<std::size_t> archived_notices(CivilDate today) const;
  // Whether a notice's own page and its applicants' may be shown: current or archived.
  [[nodiscard]] bool readable(std::size_t notice, CivilDate today) const;
  // Index of the notice with this id, or nullopt.
  [[nodiscard]] std::optional<std::size_t> notice_index(std::string_view id) const;
  // Indices into notices()[notice].applicants of one category, in file order.
  [[nodiscard]] const std::vector<std::uint32_t>& members(std::size_t notice,
                                                          content::Category c) const;
  // The 公示名单 order and index of one category (see ListIndex); made once per Model.
  [[nodiscard]] const ListIndex& list_index(std::size_t notice, content::Category c) const;
  // The QR code of hotlines()[i].tel_uri(), or nullptr.
  [[nodiscard]] const QrMatrix* hotline_qr(std::size_t i) const;
  // The 扫码带走 QR code of the take-home page at `path` (content/site_paths.hpp, a fragment
  // allowed) under the bundle's public_url; nullptr without public_url or an encoder. Encoded
  // when first asked (a bundle may have 10,000 applicants) and kept while the Model lives.
  [[nodiscard]] const QrMatrix* page_qr(const std::string& path) const;
  // The QR code of any URL (a notice's objection url), encoded when first asked; nullptr
  // without an encoder.
  [[nodiscard]] const QrMatrix* url_qr(const std::string& url) const;

 private:
  content::Bundle bundle_;
  std::string office_name_;
  std::uint64_t generation_ = 0;
  int archive_days_ = kDefaultArchiveDays;
  std::vector<std::array<std::vector<std::uint32_t>, 5>> members_;
  std::vector<std::array<ListIndex, 5>> lists_;
  std::vector<std::optional<QrMatrix>> qr_;
  QrEncoder encoder_;
  mutable std::mutex page_qr_mutex_;
  mutable std::map<std::string, std::optional<QrMatrix>> page_qr_;
};

}  // namespace kiosk::ui
