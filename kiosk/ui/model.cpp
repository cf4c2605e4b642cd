// Model: precomputed indices over one content bundle.
#include "ui/model.hpp"

#include <algorithm>

#include "content/site_paths.hpp"

namespace kiosk::ui {

Model::Model(content::Bundle bundle, std::string office_name, std::uint64_t generation,
             const QrEncoder& qr)
    : bundle_(std::move(bundle)),
      office_name_(std::move(office_name)),
      generation_(generation),
      encoder_(qr) {
  members_.resize(bundle_.notices.size());
  for (std::size_t n = 0; n < bundle_.notices.size(); ++n) {
    const auto& applicants = bundle_.notices[n].applicants;
    for (std::size_t a = 0; a < applicants.size(); ++a) {
      members_[n][static_cast<std::size_t>(applicants[a].category)].push_back(
          static_cast<std::uint32_t>(a));
    }
  }
  qr_.resize(bundle_.hotlines.size());
  if (qr) {
    for (std::size_t i = 0; i < bundle_.hotlines.size(); ++i)
      qr_[i] = qr(bundle_.hotlines[i].tel_uri());
  }
}

NoticeStatus Model::status(const content::Notice& n, CivilDate today) {
  if (n.window.ended(today)) return NoticeStatus::Ended;
  if (n.window.contains(today)) return NoticeStatus::Current;
  return NoticeStatus::Upcoming;
}

std::vector<std::size_t> Model::current_notices(CivilDate today) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < bundle_.notices.size(); ++i) {
    if (status(bundle_.notices[i], today) == NoticeStatus::Current) out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    return bundle_.notices[a].window.start < bundle_.notices[b].window.start;
  });
  return out;
}

std::vector<std::size_t> Model::listed_notices(CivilDate today) const {
  std::vector<std::size_t> out = current_notices(today);
  std::vector<std::size_t> ended;
  for (std::size_t i = 0; i < bundle_.notices.size(); ++i) {
    if (status(bundle_.notices[i], today) == NoticeStatus::Ended) ended.push_back(i);
  }
  std::stable_sort(ended.begin(), ended.end(), [&](std::size_t a, std::size_t b) {
    return bundle_.notices[b].window.end < bundle_.notices[a].window.end;
  });
  out.insert(out.end(), ended.begin(), ended.end());
  return out;
}

std::optional<std::size_t> Model::notice_index(std::string_view id) const {
  for (std::size_t i = 0; i < bundle_.notices.size(); ++i) {
    if (bundle_.notices[i].id == id) return i;
  }
  return std::nullopt;
}

const std::vector<std::uint32_t>& Model::members(std::size_t notice, content::Category c) const {
  static const std::vector<std::uint32_t> kNone;
  if (notice >= members_.size()) return kNone;
  return members_[notice][static_cast<std::size_t>(c)];
}

const QrMatrix* Model::page_qr(const std::string& path) const {
  if (bundle_.public_url.empty() || !encoder_) return nullptr;
  const std::lock_guard lock(page_qr_mutex_);
  // Bounded: a visitor paging through thousands of applicants must not grow it without end. The
  // matrices are shared, so a display list still holding one keeps it alive.
  if (page_qr_.size() >= 256) page_qr_.clear();
  auto it = page_qr_.find(path);
  if (it == page_qr_.end()) {
    it = page_qr_.emplace(path, encoder_(content::site_paths::url(bundle_.public_url, path))).first;
  }
  return it->second ? &*it->second : nullptr;
}

const QrMatrix* Model::hotline_qr(std::size_t i) const {
  if (i >= qr_.size() || !qr_[i]) return nullptr;
  return &*qr_[i];
}

}  // namespace kiosk::ui
