// The content model: the source document, the 公示 notices with their applicants, the hotlines,
// and the manifest. Plain values; parsing is json_parse.hpp, the file shapes are SCHEMA.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/calendar.hpp"
#include "core/civil_date.hpp"

namespace kiosk::content {

enum class Category { StreetDemo, StreetModel, CommitteeDemo, CommitteeModel, CommitteeHarmony };
inline constexpr Category kAllCategories[] = {Category::StreetDemo, Category::StreetModel,
                                              Category::CommitteeDemo, Category::CommitteeModel,
                                              Category::CommitteeHarmony};

std::string_view category_code(Category c);   // "street_demo"
std::string_view category_title(Category c);  // "上海市社区建设示范街道(镇)"
std::string_view category_short(Category c);  // "示范街道(镇)"
std::optional<Category> category_from_code(std::string_view code);
// The short Chinese name or the full title, as a spreadsheet writes it.
std::optional<Category> category_from_chinese(std::string_view name);
bool is_street(Category c);

// The fields a 申报表 can have; a street form has Contact, a committee form Address.
enum class FieldKey { Name, Leader, Contact, Address, Phone, Summary, Basis };
std::string_view field_code(FieldKey k);  // "name", "leader", …
std::optional<FieldKey> field_from_code(std::string_view code);

enum class ReviewLevel { Street, DistrictBureau, DistrictGovernment, CityBureau };
std::string_view review_code(ReviewLevel l);  // "street", "district_bureau", …
std::optional<ReviewLevel> review_from_code(std::string_view code);

struct Indicator {
  std::string label;  // "党小组对居(村)民小组覆盖率"
  std::string value;  // "100%"
  std::string quote;  // the exact words in Standard::text that the screen picks out
};

struct Standard {
  int number = 0;     // 1–10
  std::string label;  // "(一)"
  std::string title;  // "组织领导坚强有力"
  std::string text;   // the rest of the paragraph
  std::vector<Indicator> indicators;
  // The paragraph as the source document prints it: label + title + "。" + text.
  [[nodiscard]] std::string full_text() const { return label + title + "。" + text; }
};

struct Step {
  int number = 0;
  std::string label;   // "(一)"
  std::string title;   // "动员部署阶段"
  std::string period;  // "2011年3月前", as written
  CivilDate start, end;
  std::vector<std::string> paragraphs;
};

struct Subsection {
  std::string heading;
  std::vector<std::string> paragraphs;
};

enum class SectionInclude { None, Standards, Steps };

struct Section {
  std::string id;
  std::string heading;  // "一、指导思想"
  std::vector<std::string> paragraphs;
  std::vector<Subsection> subsections;
  SectionInclude include = SectionInclude::None;
};

struct FormField {
  FieldKey key = FieldKey::Name;
  std::string label;  // "街道(镇)名称"
  std::string note;   // "(材料可另附)" or empty
};

struct FormReview {
  ReviewLevel level = ReviewLevel::Street;
  std::string label;  // "区(县)民政局申报意见"
};

struct Form {
  Category category = Category::StreetDemo;
  std::string attachment;  // "附件一"
  std::string title;
  std::vector<FormField> fields;
  std::vector<FormReview> reviews;
  [[nodiscard]] bool has_field(FieldKey k) const;
  [[nodiscard]] const FormReview* review(ReviewLevel l) const;
};

struct Document {
  std::string title, doc_number, issuer;
  CivilDate date;
  std::string disclosure, addressee;
  std::vector<std::string> preamble;
  std::vector<Section> sections;
  std::vector<std::string> attachments;
  std::string signature_issuer, signature_date;
  std::vector<Standard> standards;
  std::vector<Step> steps;
  std::vector<Form> forms;
  [[nodiscard]] const Form* form_for(Category c) const;
  // The step whose [start, end] holds today; nullopt before the first or after the last.
  [[nodiscard]] std::optional<std::size_t> current_step(CivilDate today) const;
};

struct Review {
  ReviewLevel level = ReviewLevel::Street;
  std::string opinion;  // empty: not yet reviewed
  std::optional<CivilDate> date;
  bool sealed = false;
};

struct Applicant {
  std::string id;
  Category category = Category::StreetDemo;
  std::string name, leader, contact, address, phone, summary, basis;
  std::string
      town;  // 所属街镇, optional ("" when not given): the 公示名单's index strip groups by it
  std::vector<Review> reviews;
  [[nodiscard]] const std::string& field(FieldKey k) const;
};

// A 公示期, inclusive dates in office local time. `end` is always resolved: for a window stated
// in working days it is the last of them (add_working_days over the bundle's calendar).
struct NoticeWindow {
  CivilDate start, end;
  int working_days = 0;  // N of "N 个工作日"; 0: stated in calendar days
  [[nodiscard]] bool contains(CivilDate today) const { return start <= today && today <= end; }
  [[nodiscard]] bool ended(CivilDate today) const { return end < today; }
  [[nodiscard]] bool in_working_days() const { return working_days > 0; }
  // Days left including today (the last day says 1); 0 when ended.
  [[nodiscard]] long days_left(CivilDate today) const;
  // Working days left from today (today counts while it is one; from start before the window);
  // 0 when ended.
  [[nodiscard]] long working_days_left(const Calendar& calendar, CivilDate today) const;
  // What the window counts in: working_days_left for a working-day window, else days_left.
  [[nodiscard]] long left(const Calendar& calendar, CivilDate today) const {
    return in_working_days() ? working_days_left(calendar, today) : days_left(today);
  }
  // Inside a working-day window on a day that is not a working day ("今日为休息日,不计入公示期").
  [[nodiscard]] bool rest_day(const Calendar& calendar, CivilDate today) const {
    return in_working_days() && contains(today) && !calendar.counts_as_working_day(today);
  }
  bool operator==(const NoticeWindow&) const = default;
};

// 异议 details (LIFECYCLE.md "Objections"); every field optional.
struct Objection {
  std::string office;  // 受理单位
  std::string address, postcode, contact, phone, fax, email;
  std::string rules;  // a paragraph: 实名, 以邮戳为准, …
  std::string url;    // https page where objections are taken (a QR code on screen)
  [[nodiscard]] bool empty() const;
};

enum class CorrectionKind { Withdrawn, Corrected, Extended, Terminated };
std::string_view correction_kind_code(CorrectionKind k);  // "withdrawn", …
std::string_view correction_kind_title(CorrectionKind k);  // "已撤回", "已更正", "已延长", "已终止"
std::optional<CorrectionKind> correction_kind_from_code(std::string_view code);

// One record of a notice's corrections (LIFECYCLE.md's table).
struct Correction {
  std::string id;
  CivilDate date;
  CorrectionKind kind = CorrectionKind::Corrected;
  std::string text;              // the 更正说明
  std::string applicant;         // withdrawn, corrected: an applicant id of the notice
  std::string field;             // corrected: a field code of that applicant ("phone", …)
  std::optional<CivilDate> end;  // extended: the new last day, or
  int working_days = 0;          // extended: working days ADDED (延长N个工作日)
};

// 公示结果, after the window.
struct NoticeResult {
  CivilDate date;
  std::string doc_number, text;
  std::vector<std::string> approved;  // applicant ids of the notice
};

struct Notice {
  std::string id, title, issuer, doc_number, intro;
  NoticeWindow window;           // the EFFECTIVE window: extensions applied (screens use this)
  NoticeWindow declared_window;  // as first declared (== window when never extended)
  bool demo = false;
  std::vector<Applicant> applicants;
  std::optional<Objection> objection;
  std::vector<Correction> corrections;  // in date order
  std::optional<NoticeResult> result;
  [[nodiscard]] const Applicant* applicant(std::string_view id) const;
  // The withdrawn record of an applicant, or nullptr.
  [[nodiscard]] const Correction* withdrawal(std::string_view applicant_id) const;
  // Every record naming the applicant (withdrawn, corrected), in date order.
  [[nodiscard]] std::vector<const Correction*> corrections_of(std::string_view applicant_id) const;
  // The corrected records of one field of an applicant, in date order.
  [[nodiscard]] std::vector<const Correction*> corrections_of(std::string_view applicant_id,
                                                              FieldKey field) const;
  [[nodiscard]] const Correction* termination() const;
  [[nodiscard]] bool extended() const;
  // How many applicants are withdrawn ("共 14 个,已撤回 1 个": applicants.size(), this).
  [[nodiscard]] std::size_t withdrawn_count() const;
  // The last day on the board: window.end, or the termination date when earlier.
  [[nodiscard]] CivilDate board_end() const;
};

enum class HotlineLevel { District, Street };  // 区 / 街镇
std::string_view hotline_level_name(HotlineLevel l);

struct Hotline {
  std::string id, name;
  HotlineLevel level = HotlineLevel::District;
  std::string number, hours;
  bool demo = false;
  // "tel:02100000000": digits and a leading + only, ready for a QR code.
  [[nodiscard]] std::string tel_uri() const;
};

struct ManifestFile {
  std::string sha256;  // 64 lowercase hex
  std::uint64_t size = 0;
  // Where the file lies on the server, relative to manifest.json ("objects/<sha256>" as kioskctl
  // sign writes it); empty in a manifest without "path", where the file lies under its name.
  std::string path;
};

struct Manifest {
  long long version = 0;
  std::string issued_at, expires_at;  // as written
  long long issued_at_unix = 0, expires_at_unix = 0;
  std::map<std::string, ManifestFile> files;
};

struct Bundle {
  Document document;
  Calendar calendar;  // calendar.json; empty when the bundle has none
  std::vector<Notice> notices;
  std::vector<Hotline> hotlines;
  // notices.json's "public_url": the https prefix (ending with "/") under which the content
  // server is public; the take-home pages lie under its site/. Empty: no pages, no QR codes.
  std::string public_url;
  std::optional<Manifest> manifest;  // absent for an unsigned working directory
};

}  // namespace kiosk::content
