// The content model: the source document, the 公示 notices with their applicants, the hotlines,
// and the manifest. Plain values; parsing is json_parse.hpp, the file shapes are SCHEMA.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// A 公示期, inclusive dates in office local time.
struct NoticeWindow {
  CivilDate start, end;
  [[nodiscard]] bool contains(CivilDate today) const { return start <= today && today <= end; }
  [[nodiscard]] bool ended(CivilDate today) const { return end < today; }
  // Days left including today (the last day says 1); 0 when ended.
  [[nodiscard]] long days_left(CivilDate today) const;
};

struct Notice {
  std::string id, title, issuer, doc_number, intro;
  NoticeWindow window;
  bool demo = false;
  std::vector<Applicant> applicants;
  [[nodiscard]] const Applicant* applicant(std::string_view id) const;
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
  std::vector<Notice> notices;
  std::vector<Hotline> hotlines;
  // notices.json's "public_url": the https prefix (ending with "/") under which the content
  // server is public; the take-home pages lie under its site/. Empty: no pages, no QR codes.
  std::string public_url;
  std::optional<Manifest> manifest;  // absent for an unsigned working directory
};

}  // namespace kiosk::content
