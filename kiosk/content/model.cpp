// Names and small queries of the content model.
#include "content/model.hpp"

#include <algorithm>
#include <array>

namespace kiosk::content {
namespace {

struct CategoryNames {
  Category category;
  std::string_view code, title, short_name;
};

constexpr std::array<CategoryNames, 5> kCategoryNames{{
    {Category::StreetDemo, "street_demo", "上海市社区建设示范街道(镇)", "示范街道(镇)"},
    {Category::StreetModel, "street_model", "上海市社区建设模范街道(镇)", "模范街道(镇)"},
    {Category::CommitteeDemo, "committee_demo", "上海市社区建设示范居委会", "示范居委会"},
    {Category::CommitteeModel, "committee_model", "上海市社区建设模范居委会", "模范居委会"},
    {Category::CommitteeHarmony, "committee_harmony", "上海市和谐社区建设示范居委会",
     "和谐社区建设示范居委会"},
}};

const CategoryNames& names(Category c) { return kCategoryNames[static_cast<std::size_t>(c)]; }

constexpr std::array<std::string_view, 7> kFieldCodes{"name",  "leader",  "contact", "address",
                                                      "phone", "summary", "basis"};
constexpr std::array<std::string_view, 4> kReviewCodes{"street", "district_bureau",
                                                       "district_government", "city_bureau"};

// The same name with full-width parentheses, as Chinese input methods often type them.
std::string ascii_parens(std::string_view s) {
  std::string out(s);
  for (const auto& [from, to] : {std::pair<std::string_view, std::string_view>{"（", "("},
                                 std::pair<std::string_view, std::string_view>{"）", ")"}}) {
    for (auto pos = out.find(from); pos != std::string::npos; pos = out.find(from, pos)) {
      out.replace(pos, from.size(), to);
    }
  }
  return out;
}

}  // namespace

std::string_view category_code(Category c) { return names(c).code; }
std::string_view category_title(Category c) { return names(c).title; }
std::string_view category_short(Category c) { return names(c).short_name; }
bool is_street(Category c) { return c == Category::StreetDemo || c == Category::StreetModel; }

std::optional<Category> category_from_code(std::string_view code) {
  for (const auto& n : kCategoryNames) {
    if (n.code == code) return n.category;
  }
  return std::nullopt;
}

std::optional<Category> category_from_chinese(std::string_view name) {
  const std::string normalized = ascii_parens(name);
  for (const auto& n : kCategoryNames) {
    if (n.short_name == normalized || n.title == normalized) return n.category;
  }
  return std::nullopt;
}

std::string_view field_code(FieldKey k) { return kFieldCodes[static_cast<std::size_t>(k)]; }
std::optional<FieldKey> field_from_code(std::string_view code) {
  for (std::size_t i = 0; i < kFieldCodes.size(); ++i) {
    if (kFieldCodes[i] == code) return static_cast<FieldKey>(i);
  }
  return std::nullopt;
}

std::string_view review_code(ReviewLevel l) { return kReviewCodes[static_cast<std::size_t>(l)]; }
std::optional<ReviewLevel> review_from_code(std::string_view code) {
  for (std::size_t i = 0; i < kReviewCodes.size(); ++i) {
    if (kReviewCodes[i] == code) return static_cast<ReviewLevel>(i);
  }
  return std::nullopt;
}

bool Form::has_field(FieldKey k) const {
  for (const auto& f : fields) {
    if (f.key == k) return true;
  }
  return false;
}

const FormReview* Form::review(ReviewLevel l) const {
  for (const auto& r : reviews) {
    if (r.level == l) return &r;
  }
  return nullptr;
}

const Form* Document::form_for(Category c) const {
  for (const auto& f : forms) {
    if (f.category == c) return &f;
  }
  return nullptr;
}

std::optional<std::size_t> Document::current_step(CivilDate today) const {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].start <= today && today <= steps[i].end) return i;
  }
  return std::nullopt;
}

const std::string& Applicant::field(FieldKey k) const {
  switch (k) {
    case FieldKey::Name:
      return name;
    case FieldKey::Leader:
      return leader;
    case FieldKey::Contact:
      return contact;
    case FieldKey::Address:
      return address;
    case FieldKey::Phone:
      return phone;
    case FieldKey::Summary:
      return summary;
    case FieldKey::Basis:
      return basis;
  }
  return name;
}

long NoticeWindow::days_left(CivilDate today) const {
  if (today > end) return 0;
  const CivilDate from = today < start ? start : today;
  return end.days() - from.days() + 1;
}

long NoticeWindow::working_days_left(const Calendar& calendar, CivilDate today) const {
  if (today > end) return 0;
  return working_days_in(calendar, today < start ? start : today, end);
}

bool Objection::empty() const {
  for (const std::string* s :
       {&office, &address, &postcode, &contact, &phone, &fax, &email, &rules, &url}) {
    if (!s->empty()) return false;
  }
  return true;
}

namespace {
struct CorrectionKindNames {
  CorrectionKind kind;
  std::string_view code, title;
};
constexpr std::array<CorrectionKindNames, 4> kCorrectionKinds{{
    {CorrectionKind::Withdrawn, "withdrawn", "已撤回"},
    {CorrectionKind::Corrected, "corrected", "已更正"},
    {CorrectionKind::Extended, "extended", "已延长"},
    {CorrectionKind::Terminated, "terminated", "已终止"},
}};
}  // namespace

std::string_view correction_kind_code(CorrectionKind k) {
  return kCorrectionKinds[static_cast<std::size_t>(k)].code;
}
std::string_view correction_kind_title(CorrectionKind k) {
  return kCorrectionKinds[static_cast<std::size_t>(k)].title;
}
std::optional<CorrectionKind> correction_kind_from_code(std::string_view code) {
  for (const auto& k : kCorrectionKinds) {
    if (k.code == code) return k.kind;
  }
  return std::nullopt;
}

const Correction* Notice::withdrawal(std::string_view applicant_id) const {
  for (const auto& c : corrections) {
    if (c.kind == CorrectionKind::Withdrawn && c.applicant == applicant_id) return &c;
  }
  return nullptr;
}

std::vector<const Correction*> Notice::corrections_of(std::string_view applicant_id) const {
  std::vector<const Correction*> out;
  for (const auto& c : corrections) {
    if (!c.applicant.empty() && c.applicant == applicant_id) out.push_back(&c);
  }
  return out;
}

std::vector<const Correction*> Notice::corrections_of(std::string_view applicant_id,
                                                      FieldKey field) const {
  std::vector<const Correction*> out;
  for (const auto& c : corrections) {
    if (c.kind == CorrectionKind::Corrected && c.applicant == applicant_id &&
        c.field == field_code(field)) {
      out.push_back(&c);
    }
  }
  return out;
}

const Correction* Notice::termination() const {
  for (const auto& c : corrections) {
    if (c.kind == CorrectionKind::Terminated) return &c;
  }
  return nullptr;
}

bool Notice::extended() const {
  return std::any_of(corrections.begin(), corrections.end(),
                     [](const Correction& c) { return c.kind == CorrectionKind::Extended; });
}

std::size_t Notice::withdrawn_count() const {
  std::size_t n = 0;
  for (const auto& a : applicants) {
    if (withdrawal(a.id) != nullptr) ++n;
  }
  return n;
}

CivilDate Notice::board_end() const {
  const Correction* t = termination();
  return t != nullptr && t->date < window.end ? t->date : window.end;
}

const Applicant* Notice::applicant(std::string_view wanted) const {
  for (const auto& a : applicants) {
    if (a.id == wanted) return &a;
  }
  return nullptr;
}

std::string_view hotline_level_name(HotlineLevel l) {
  return l == HotlineLevel::District ? "区" : "街镇";
}

std::string Hotline::tel_uri() const {
  std::string out = "tel:";
  for (const char ch : number) {
    if ((ch >= '0' && ch <= '9') || (ch == '+' && out.size() == 4)) out += ch;
  }
  return out;
}

}  // namespace kiosk::content
