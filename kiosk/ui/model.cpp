// Model: precomputed indices over one content bundle.
#include "ui/model.hpp"

#include <algorithm>
#include <map>

#include "core/utf8.hpp"

#include "content/site_paths.hpp"

namespace kiosk::ui {

namespace {

// The first character of a name (a code point; names are valid UTF-8 after validation).
std::string first_character(const std::string& name) {
  if (name.empty()) return {};
  return name.substr(0, utf8::decode(name, 0).length);
}

ListIndex make_list_index(const std::vector<content::Applicant>& applicants,
                          const std::vector<std::uint32_t>& members) {
  ListIndex out;
  out.by_town = std::any_of(members.begin(), members.end(),
                            [&](std::uint32_t a) { return !applicants[a].town.empty(); });
  // Group keys in display order, then each member appended to its group.
  std::vector<std::string> keys;
  std::map<std::string, std::size_t> slot;  // key -> index in keys
  std::vector<std::vector<std::uint32_t>> rows;
  const auto key_of = [&](std::uint32_t a) {
    if (!out.by_town) return first_character(applicants[a].name);
    return applicants[a].town.empty() ? std::string(kNoTown) : applicants[a].town;
  };
  for (const auto a : members) {
    const std::string key = key_of(a);
    auto [it, fresh] = slot.try_emplace(key, keys.size());
    if (fresh) {
      keys.push_back(key);
      rows.emplace_back();
    }
    rows[it->second].push_back(a);
  }
  std::vector<std::size_t> seq(keys.size());
  for (std::size_t i = 0; i < seq.size(); ++i) seq[i] = i;
  if (out.by_town) {
    // Towns as they first appear; the applicants without one after them.
    std::stable_partition(seq.begin(), seq.end(),
                          [&](std::size_t i) { return keys[i] != kNoTown; });
  } else {
    std::sort(seq.begin(), seq.end(), [&](std::size_t x, std::size_t y) {
      return utf8::decode(keys[x], 0).codepoint < utf8::decode(keys[y], 0).codepoint;
    });
  }
  out.order.reserve(members.size());
  for (const auto i : seq) {
    out.groups.push_back({keys[i], out.order.size(), rows[i].size()});
    out.order.insert(out.order.end(), rows[i].begin(), rows[i].end());
  }
  return out;
}

}  // namespace

Model::Model(content::Bundle bundle, std::string office_name, std::uint64_t generation,
             const QrEncoder& qr, int archive_days)
    : bundle_(std::move(bundle)),
      office_name_(std::move(office_name)),
      generation_(generation),
      archive_days_(std::max(0, archive_days)),
      encoder_(qr) {
  members_.resize(bundle_.notices.size());
  for (std::size_t n = 0; n < bundle_.notices.size(); ++n) {
    const auto& applicants = bundle_.notices[n].applicants;
    for (std::size_t a = 0; a < applicants.size(); ++a) {
      members_[n][static_cast<std::size_t>(applicants[a].category)].push_back(
          static_cast<std::uint32_t>(a));
    }
  }
  lists_.resize(bundle_.notices.size());
  for (std::size_t n = 0; n < bundle_.notices.size(); ++n) {
    for (std::size_t c = 0; c < 5; ++c)
      lists_[n][c] = make_list_index(bundle_.notices[n].applicants, members_[n][c]);
  }
  qr_.resize(bundle_.hotlines.size());
  if (qr) {
    for (std::size_t i = 0; i < bundle_.hotlines.size(); ++i)
      qr_[i] = qr(bundle_.hotlines[i].tel_uri());
  }
}

NoticeStatus Model::status(const content::Notice& n, CivilDate today) {
  if (today < n.window.start) return NoticeStatus::Upcoming;
  if (today <= n.board_end()) return NoticeStatus::Current;
  return NoticeStatus::Ended;
}

bool Model::archived(const content::Notice& n, CivilDate today, int archive_days) {
  return status(n, today) == NoticeStatus::Ended &&
         today.days() <= n.board_end().days() + std::max(0, archive_days);
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
  return current_notices(today);
}

std::vector<std::size_t> Model::archived_notices(CivilDate today) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < bundle_.notices.size(); ++i) {
    if (archived(bundle_.notices[i], today, archive_days_)) out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    return bundle_.notices[b].board_end() < bundle_.notices[a].board_end();
  });
  return out;
}

bool Model::readable(std::size_t notice, CivilDate today) const {
  if (notice >= bundle_.notices.size()) return false;
  const content::Notice& n = bundle_.notices[notice];
  return status(n, today) == NoticeStatus::Current || archived(n, today, archive_days_);
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

const QrMatrix* Model::url_qr(const std::string& url) const {
  if (!encoder_ || url.empty()) return nullptr;
  const std::lock_guard lock(page_qr_mutex_);
  if (page_qr_.size() >= 256) page_qr_.clear();
  const std::string key = "url:" + url;  // beside page_qr's paths, which never start so
  auto it = page_qr_.find(key);
  if (it == page_qr_.end()) it = page_qr_.emplace(key, encoder_(url)).first;
  return it->second ? &*it->second : nullptr;
}

const ListIndex& Model::list_index(std::size_t notice, content::Category c) const {
  static const ListIndex kNone;
  if (notice >= lists_.size()) return kNone;
  return lists_[notice][static_cast<std::size_t>(c)];
}

const QrMatrix* Model::hotline_qr(std::size_t i) const {
  if (i >= qr_.size() || !qr_[i]) return nullptr;
  return &*qr_[i];
}

}  // namespace kiosk::ui
