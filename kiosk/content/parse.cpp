// Parsing and validation of bundle files against SCHEMA.md.
#include "content/parse.hpp"
#include "content/bundle_files.hpp"
#include "content/lifecycle_parse.hpp"
#include "content/text_rules.hpp"

#include <algorithm>
#include <deque>
#include <future>
#include <set>

#include "content/limits.hpp"
#include "core/files.hpp"
#include "core/url.hpp"
#include "crypto/sha256.hpp"
#include "json/reader.hpp"

namespace kiosk::content {
namespace {

using json::Context;
using json::Json;
using json::ObjectReader;
using json::TextKind;
using json::TextRule;

// The text rules, shared with the CSV importer (text_rules.hpp).
using rules::kLabel;
using rules::kOpinion;
using rules::kParagraph;
using rules::kParagraphMaybeEmpty;
using rules::kPhone;  // empty: see is_phone_number
using rules::kTitle;

// Reads the top-level object's "schema": 1.
void check_schema(ObjectReader& top) { top.integer("schema", 1, 1); }

std::vector<std::string> paragraphs(ObjectReader& r, std::string_view key, bool required = true) {
  std::vector<std::string> out;
  const Json* arr = r.array(key, limits::kMaxParagraphs, required);
  if (arr == nullptr) return out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const Json& p = (*arr)[i];
    const std::string path = json::index_path(r.path(key), i);
    if (!p.is_string()) {
      r.context().report(path, "expected a string, found " + json::describe(p));
      continue;
    }
    const auto& s = p.get_ref<const std::string&>();
    if (auto msg = json::check_text(s, kParagraph); !msg.empty()) {
      r.context().report(path, msg);
      continue;
    }
    out.push_back(s);
  }
  return out;
}

template <typename Fn>
void for_each_item(ObjectReader& r, std::string_view key, std::size_t max_items, Fn&& fn) {
  const Json* arr = r.array(key, max_items);
  if (arr == nullptr) return;
  for (std::size_t i = 0; i < arr->size(); ++i) fn((*arr)[i], json::index_path(r.path(key), i));
}

// for_each_item over items the reader may consume (a reader over a Json& the caller owns): each
// item is handed out mutable, so its strings move into the model instead of being copied, and is
// released right after, while it is still in the cache (a 5,000-applicant file frees its DOM in a
// fraction of the time a whole-tree destruction takes).
template <typename Fn>
void consume_each_item(ObjectReader& r, std::string_view key, std::size_t max_items, Fn&& fn) {
  Json* arr = r.consumable_array(key, max_items);
  if (arr == nullptr) return;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    fn((*arr)[i], json::index_path(r.path(key), i));
    (*arr)[i] = nullptr;
  }
}

std::vector<std::string_view> category_codes() {
  std::vector<std::string_view> out;
  for (const auto c : kAllCategories) out.push_back(category_code(c));
  return out;
}

std::vector<std::string_view> review_codes() {
  return {"street", "district_bureau", "district_government", "city_bureau"};
}

Indicator read_indicator(const Json& j, const std::string& path, Context& ctx,
                         const std::string& standard_text) {
  ObjectReader r(j, path, ctx, {"label", "value", "quote"});
  Indicator ind;
  ind.label = r.text("label", kLabel).value_or("");
  ind.value = r.text("value", kLabel).value_or("");
  if (auto quote = r.text("quote", kLabel)) {
    if (standard_text.find(*quote) == std::string::npos) {
      r.report("quote",
               "expected words that occur in the standard's text, found " + quote_found(*quote));
    }
    ind.quote = *quote;
  }
  return ind;
}

Standard read_standard(const Json& j, const std::string& path, Context& ctx, std::size_t index) {
  ObjectReader r(j, path, ctx, {"number", "label", "title", "text", "indicators"});
  Standard s;
  if (auto n = r.integer("number", 1, 10)) {
    s.number = static_cast<int>(*n);
    if (static_cast<std::size_t>(*n) != index + 1) {
      r.report("number", "expected " + std::to_string(index + 1) + " (standards in order), found " +
                             std::to_string(*n));
    }
  }
  s.label = r.text("label", kLabel).value_or("");
  s.title = r.text("title", kTitle).value_or("");
  s.text = r.text("text", kParagraph).value_or("");
  for_each_item(r, "indicators", limits::kMaxIndicators,
                [&](const Json& item, const std::string& p) {
                  s.indicators.push_back(read_indicator(item, p, ctx, s.text));
                });
  return s;
}

Step read_step(const Json& j, const std::string& path, Context& ctx, std::size_t index) {
  ObjectReader r(j, path, ctx,
                 {"number", "label", "title", "period", "start", "end", "paragraphs"});
  Step s;
  if (auto n = r.integer("number", 1, 100)) {
    s.number = static_cast<int>(*n);
    if (static_cast<std::size_t>(*n) != index + 1) {
      r.report("number", "expected " + std::to_string(index + 1) + " (steps in order), found " +
                             std::to_string(*n));
    }
  }
  s.label = r.text("label", kLabel).value_or("");
  s.title = r.text("title", kTitle).value_or("");
  s.period = r.text("period", kLabel).value_or("");
  const auto start = r.date("start");
  const auto end = r.date("end");
  if (start && end) {
    s.start = *start;
    s.end = *end;
    if (*end < *start) {
      r.report("end",
               "expected a date on or after start " + start->iso() + ", found " + end->iso());
    }
  }
  s.paragraphs = paragraphs(r, "paragraphs");
  return s;
}

Section read_section(const Json& j, const std::string& path, Context& ctx) {
  ObjectReader r(j, path, ctx, {"id", "heading", "paragraphs", "subsections", "include"});
  Section s;
  s.id = r.id("id").value_or("");
  s.heading = r.text("heading", kTitle).value_or("");
  const int bodies = int{r.has("paragraphs")} + int{r.has("subsections")} + int{r.has("include")};
  if (bodies != 1) {
    ctx.report(path, "expected exactly one of paragraphs, subsections or include, found " +
                         std::to_string(bodies));
  }
  if (r.has("paragraphs")) s.paragraphs = paragraphs(r, "paragraphs");
  if (r.has("include")) {
    if (auto inc = r.choice("include", {"standards", "steps"})) {
      s.include = *inc == "standards" ? SectionInclude::Standards : SectionInclude::Steps;
    }
  }
  if (r.has("subsections")) {
    for_each_item(r, "subsections", limits::kMaxSections,
                  [&](const Json& item, const std::string& p) {
                    ObjectReader sub(item, p, ctx, {"heading", "paragraphs"});
                    Subsection ss;
                    ss.heading = sub.text("heading", kTitle).value_or("");
                    ss.paragraphs = paragraphs(sub, "paragraphs");
                    s.subsections.push_back(std::move(ss));
                  });
  }
  return s;
}

Form read_form(const Json& j, const std::string& path, Context& ctx) {
  ObjectReader r(j, path, ctx, {"category", "attachment", "title", "fields", "reviews"});
  Form f;
  if (auto c = r.choice("category", category_codes())) f.category = *category_from_code(*c);
  f.attachment = r.text("attachment", kLabel).value_or("");
  f.title = r.text("title", kTitle).value_or("");
  std::set<FieldKey> seen_fields;
  for_each_item(r, "fields", 20, [&](const Json& item, const std::string& p) {
    ObjectReader fr(item, p, ctx, {"key", "label", "note"});
    FormField field;
    if (auto key = fr.choice(
            "key", {"name", "leader", "contact", "address", "phone", "summary", "basis"})) {
      field.key = *field_from_code(*key);
      if (!seen_fields.insert(field.key).second) {
        fr.report("key", "expected each field once, found " + quote_found(*key) + " again");
      }
    }
    field.label = fr.text("label", kLabel).value_or("");
    field.note = fr.optional_text("note", kLabel);
    f.fields.push_back(std::move(field));
  });
  std::set<ReviewLevel> seen_levels;
  for_each_item(r, "reviews", 10, [&](const Json& item, const std::string& p) {
    ObjectReader rr(item, p, ctx, {"level", "label"});
    FormReview review;
    if (auto level = rr.choice("level", review_codes())) {
      review.level = *review_from_code(*level);
      if (!seen_levels.insert(review.level).second) {
        rr.report("level", "expected each level once, found " + quote_found(*level) + " again");
      }
    }
    review.label = rr.text("label", kLabel).value_or("");
    f.reviews.push_back(std::move(review));
  });
  // The form must carry the fields its category's 申报表 has.
  const bool street = is_street(f.category);
  for (const FieldKey needed :
       {FieldKey::Name, FieldKey::Leader, FieldKey::Phone, FieldKey::Summary, FieldKey::Basis,
        street ? FieldKey::Contact : FieldKey::Address}) {
    if (r.ok() && r.has("fields") && !seen_fields.contains(needed)) {
      r.report("fields", std::string("expected a field with key ") +
                             std::string(field_code(needed)) + " for category " +
                             std::string(category_code(f.category)) + ", found none");
    }
  }
  const FieldKey wrong = street ? FieldKey::Address : FieldKey::Contact;
  if (seen_fields.contains(wrong)) {
    r.report("fields", std::string("expected no field ") + std::string(field_code(wrong)) +
                           " on a " + (street ? "street" : "committee") + " form, found one");
  }
  return f;
}

// The review levels an applicant's reviews had so far: a bit each (no set allocated for each of
// 5,000 applicants).
class SeenLevels {
 public:
  bool insert(ReviewLevel level) {  // false when it was there
    const auto bit = 1u << static_cast<unsigned>(level);
    const bool fresh = (bits_ & bit) == 0;
    bits_ |= bit;
    return fresh;
  }

 private:
  unsigned bits_ = 0;
};

// One review of an applicant, through ObjectReader or json::FlatReader (see
// read_applicant_fields); seen: the levels of the applicant's reviews before it.
template <typename Reader>
Review read_review_fields(Reader& rr, SeenLevels& seen) {
  static const std::vector<std::string_view> levels = review_codes();
  Review rev;
  if (auto level = rr.choice("level", levels)) {
    rev.level = *review_from_code(*level);
    if (!seen.insert(rev.level)) {
      rr.report("level",
                "expected each review level once, found " + quote_found(*level) + " again");
    }
  }
  rev.opinion = rr.text("opinion", kOpinion).value_or("");
  if (rr.is_null("date")) {
    rev.date = std::nullopt;
  } else {
    rev.date = rr.date("date");
  }
  rev.sealed = rr.boolean("sealed").value_or(false);
  return rev;
}

const std::vector<std::string_view>& review_keys() {
  static const std::vector<std::string_view> keys{"level", "opinion", "date", "sealed"};
  return keys;
}

// contact (street categories) or address (committee ones), as the category's form has it.
template <typename Reader>
void read_contact_or_address(Reader& ar, const std::string& category, Applicant& a) {
  const bool street = is_street(a.category);
  const std::string_view present = street ? "address" : "contact";
  if (ar.has(present)) {
    ar.report(present, "expected no " + std::string(present) + " for category " + category +
                           " (its form has " + (street ? "联系人 contact" : "地址 address") +
                           "), found " + ar.found(present));
  }
  if (street) {
    a.contact = ar.optional_text("contact", rules::kApplicantContact);
  } else {
    a.address = ar.optional_text("address", rules::kApplicantAddress);
  }
}

// The ids of one notice's applicants, for "unique in its notice": open addressing over one
// buffer of their bytes (5,000 ids: no node allocated for each, no rehash walking a list, which
// was 14% of reading a notices.json as a std::unordered_set).
class ApplicantIds {
 public:
  bool insert(std::string_view id) {  // false when it was there already
    if ((ends_.size() + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash(id) & mask;
    for (; slots_[i] != 0; i = (i + 1) & mask) {
      if (at(slots_[i] - 1) == id) return false;
    }
    bytes_ += id;
    ends_.push_back(static_cast<std::uint32_t>(bytes_.size()));
    slots_[i] = static_cast<std::uint32_t>(ends_.size());
    last_slot_ = i;
    return true;
  }
  // Forgets the id inserted last (a flat reading that gave up). With linear probing only the
  // last one can go: no id inserted after it has probed past its slot.
  void forget_last() {
    if (ends_.empty()) return;
    slots_[last_slot_] = 0;
    ends_.pop_back();
    bytes_.resize(ends_.empty() ? 0 : ends_.back());
  }
  [[nodiscard]] std::size_t size() const { return ends_.size(); }

 private:
  static std::size_t hash(std::string_view id) { return std::hash<std::string_view>{}(id); }
  [[nodiscard]] std::string_view at(std::uint32_t i) const {
    const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  void grow() {
    slots_.assign(std::max<std::size_t>(64, slots_.size() * 2), 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t k = 0; k < ends_.size(); ++k) {
      std::size_t i = hash(at(k)) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = k + 1;
    }
  }
  std::string bytes_;                 // the ids one after another
  std::vector<std::uint32_t> ends_;   // where each ends in bytes_
  std::vector<std::uint32_t> slots_;  // 0: empty, else its index + 1; a power of two of them
  std::size_t last_slot_ = 0;
};

const std::vector<std::string_view>& applicant_keys() {
  static const std::vector<std::string_view> keys{"id",      "category", "name",   "leader",
                                                  "contact", "address",  "town",   "phone",
                                                  "summary", "basis",    "reviews"};
  return keys;
}

// An applicant's fields but its reviews, through ObjectReader (over a DOM) or json::FlatReader
// (straight from the bytes): one set of rules for both. ids: the ids of the notice's applicants
// before it; a new id is added.
template <typename Reader>
Applicant read_applicant_fields(Reader& ar, ApplicantIds& ids) {
  static const std::vector<std::string_view> categories = category_codes();
  Applicant a;
  a.id = ar.id("id").value_or("");
  if (!a.id.empty() && !ids.insert(a.id)) {
    ar.report("id", "expected an applicant id unique in its notice, found " + quote_found(a.id) +
                        " again");
  }
  const auto category = ar.choice("category", categories);
  if (category) a.category = *category_from_code(*category);
  a.name = ar.text("name", rules::kApplicantName).value_or("");
  a.leader = ar.text("leader", rules::kApplicantLeader).value_or("");
  if (category) read_contact_or_address(ar, *category, a);
  a.town = ar.optional_text("town", rules::kApplicantTown);
  if (auto phone = ar.text("phone", rules::kApplicantPhone)) {
    if (is_phone_number(*phone)) {
      a.phone = *phone;
    } else {
      ar.report("phone", "expected " + std::string(rules::kPhoneExpected) + ", found " +
                             quote_found(*phone));
    }
  }
  a.summary = ar.optional_text("summary", rules::kApplicantSummary);
  a.basis = ar.optional_text("basis", rules::kApplicantBasis);
  return a;
}

// One applicant of a notice, from its DOM; every problem reported.
Applicant read_applicant(Json& j, const std::string& path, Context& ctx, ApplicantIds& ids) {
  ObjectReader ar(j, path, ctx, applicant_keys());
  Applicant a = read_applicant_fields(ar, ids);
  if (ar.has("reviews")) {
    SeenLevels seen;
    for_each_item(ar, "reviews", 10, [&](const Json& rj, const std::string& rp) {
      ObjectReader rr(rj, rp, ctx, review_keys());
      a.reviews.push_back(read_review_fields(rr, seen));
    });
  }
  return a;
}

// One applicant straight from the bytes (json::ItemStream::take_flat): nullopt, with ids as they
// were, when anything in it would be reported: it is then read from its DOM, which says what.
std::optional<Applicant> read_flat_applicant(json::FlatObject& item, ApplicantIds& ids) {
  json::FlatReader ar(item, applicant_keys());
  if (ar.failed()) return std::nullopt;
  const std::size_t known = ids.size();
  Applicant a = read_applicant_fields(ar, ids);
  if (ar.has("reviews")) {
    if (auto* reviews = ar.objects("reviews", 10)) {
      SeenLevels seen;
      for (auto& r : *reviews) {
        json::FlatReader rr(r, review_keys());
        a.reviews.push_back(read_review_fields(rr, seen));
        ar.include(rr);
      }
    }
  }
  if (ar.failed()) {
    if (ids.size() > known) ids.forget_last();
    return std::nullopt;
  }
  return a;
}

// One notice's applicants, read while notices.json is parsed (json::ItemStream), with the
// problems found in them: these are replayed when the notice itself is read, at the place its
// applicants are, so the list of problems is the one reading them from the DOM gives.
class StreamedApplicants {
 public:
  // most: at most how many applicants the notice can have (see parse_notices).
  StreamedApplicants(const std::string& file, std::size_t most) : ctx_(file, kept_), most_(most) {}
  StreamedApplicants(const StreamedApplicants&) = delete;
  StreamedApplicants& operator=(const StreamedApplicants&) = delete;

  void read(Json& item, std::size_t notice) {
    const std::string path =
        json::index_path(json::index_path("notices", notice) + ".applicants", applicants_.size());
    push(read_applicant(item, path, ctx_, ids_));
  }

  // An applicant without a problem, straight from the bytes; false: read it from its DOM.
  bool read_flat(json::FlatObject& item) {
    auto a = read_flat_applicant(item, ids_);
    if (!a) return false;
    push(std::move(*a));
    return true;
  }

  // The applicants, once their problems are reported to ctx.
  std::vector<Applicant> take(Context& ctx) {
    for (auto& p : kept_) ctx.report(p.where, std::move(p.message));
    // The rest were only counted at the cap: ctx, having had at least as many, is past its cap
    // too, so only their number still counts.
    for (std::size_t i = kept_.size(); i < ctx_.count(); ++i) ctx.report({}, {});
    return std::move(applicants_);
  }

 private:
  // A long list reserves room for the most its file can hold once it is past 256: address space,
  // whose pages are only touched as applicants fill them, instead of growing by doubling through
  // 5 MB of fresh pages for 5,000 (a short list grows as usual, so 100 notices of a few
  // applicants reserve nothing).
  void push(Applicant a) {
    constexpr std::size_t kLongList = 256;
    if (applicants_.size() == kLongList && most_ > kLongList) applicants_.reserve(most_);
    applicants_.push_back(std::move(a));
  }

  Problems kept_;
  Context ctx_;
  std::size_t most_;
  ApplicantIds ids_;
  std::vector<Applicant> applicants_;
};

// One notice; streamed: its applicants when they were read during the parse. schema: the file's
// (1 or 2); calendar: the bundle's, for windows in working days.
Notice read_notice(Json& item, const std::string& path, Context& ctx,
                   std::set<std::string>& notice_ids, StreamedApplicants* streamed, int schema,
                   const Calendar& calendar) {
  ObjectReader nr(item, path, ctx,
                  {"id", "title", "issuer", "doc_number", "window", "intro", "demo", "applicants",
                   "objection", "corrections", "result"});
  Notice n;
  n.id = nr.id("id").value_or("");
  if (!n.id.empty() && !notice_ids.insert(n.id).second) {
    nr.report("id", "expected a unique notice id, found " + quote_found(n.id) + " again");
  }
  n.title = nr.text("title", kTitle).value_or("");
  n.issuer = nr.text("issuer", kLabel).value_or("");
  n.doc_number = nr.optional_text("doc_number", kLabel);
  n.intro = nr.optional_text("intro", kParagraphMaybeEmpty);
  n.demo = nr.optional_boolean("demo", false);
  if (const Json* w = nr.object("window")) {
    lifecycle::read_window(*w, nr.path("window"), ctx, schema, calendar, n);
  }
  if (streamed != nullptr) {
    // The same checks of the array itself; its items are null placeholders by now.
    if (nr.array("applicants", limits::kMaxApplicantsPerNotice) != nullptr) {
      n.applicants = streamed->take(ctx);
    }
  } else {
    ApplicantIds applicant_ids;
    if (const Json* apps = nr.get("applicants"); apps != nullptr && apps->is_array()) {
      n.applicants.reserve(std::min(apps->size(), limits::kMaxApplicantsPerNotice));
    }
    consume_each_item(nr, "applicants", limits::kMaxApplicantsPerNotice,
                      [&](Json& aj, const std::string& ap) {
                        n.applicants.push_back(read_applicant(aj, ap, ctx, applicant_ids));
                      });
  }
  // After the window and the applicants: the records refer to both.
  lifecycle::read_lifecycle(nr, ctx, schema, calendar, n);
  return n;
}

}  // namespace

bool is_phone_number(std::string_view s) {
  // Digits, spaces, + - ( ) and 转 (extension); 5–20 digits.
  std::size_t digits = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+') {
      if (i != 0) return false;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      if (s.substr(i, 3) == "转" && digits > 0) {
        i += 3;
        continue;
      }
      return false;
    }
    ++i;
  }
  return digits >= 5 && digits <= 20;
}

std::optional<Document> parse_document(std::string_view bytes, Problems& problems) {
  const std::string file = bundle_files::kDocument;
  const auto root = json::parse(bytes, file, problems);
  if (!root) return std::nullopt;
  Context ctx(file, problems);
  Document d;
  {
    ObjectReader r(
        *root, "", ctx,
        {"schema", "title", "doc_number", "issuer", "date", "disclosure", "addressee", "preamble",
         "sections", "attachments", "signature", "standards", "steps", "forms"});
    check_schema(r);
    d.title = r.text("title", kTitle).value_or("");
    d.doc_number = r.optional_text("doc_number", kLabel);
    d.issuer = r.text("issuer", kLabel).value_or("");
    d.date = r.date("date").value_or(CivilDate{});
    d.disclosure = r.optional_text("disclosure", kLabel);
    d.addressee = r.optional_text("addressee", kLabel);
    d.preamble = paragraphs(r, "preamble", false);
    std::set<std::string> section_ids;
    for_each_item(r, "sections", limits::kMaxSections, [&](const Json& item, const std::string& p) {
      Section s = read_section(item, p, ctx);
      if (!s.id.empty() && !section_ids.insert(s.id).second) {
        ctx.report(p + ".id", "expected a unique id, found " + quote_found(s.id) + " again");
      }
      d.sections.push_back(std::move(s));
    });
    d.attachments = paragraphs(r, "attachments", false);
    if (const Json* sig = r.object("signature")) {
      ObjectReader sr(*sig, "signature", ctx, {"issuer", "date_text"});
      d.signature_issuer = sr.text("issuer", kLabel).value_or("");
      d.signature_date = sr.text("date_text", kLabel).value_or("");
    }
    if (const Json* arr = r.array("standards", 10)) {
      if (arr->size() != 10) {
        r.report("standards", "expected the ten 创建标准, found " + std::to_string(arr->size()));
      }
      for (std::size_t i = 0; i < arr->size(); ++i) {
        d.standards.push_back(read_standard((*arr)[i], json::index_path("standards", i), ctx, i));
      }
    }
    if (const Json* arr = r.array("steps", 20)) {
      if (arr->empty()) r.report("steps", "expected at least one step, found none");
      for (std::size_t i = 0; i < arr->size(); ++i) {
        d.steps.push_back(read_step((*arr)[i], json::index_path("steps", i), ctx, i));
      }
    }
    std::set<Category> form_categories;
    for_each_item(r, "forms", 5, [&](const Json& item, const std::string& p) {
      Form f = read_form(item, p, ctx);
      if (!form_categories.insert(f.category).second) {
        ctx.report(p + ".category", "expected one form per category, found " +
                                        std::string(category_code(f.category)) + " again");
      }
      d.forms.push_back(std::move(f));
    });
    if (r.has("forms") && r.get("forms")->is_array()) {
      for (const auto c : kAllCategories) {
        if (!form_categories.contains(c)) {
          r.report("forms", "expected a form for category " + std::string(category_code(c)) +
                                ", found none");
        }
      }
    }
  }
  ctx.finish();
  if (ctx.count() > 0) return std::nullopt;
  return d;
}

std::string public_url_problem(std::string_view url) {
  if (url.size() > kMaxPublicUrlBytes)
    return "expected at most " + std::to_string(kMaxPublicUrlBytes) + " bytes, found " +
           std::to_string(url.size());
  if (url.rfind("https://", 0) != 0)
    return "expected an https:// URL (the pages are public), found " + quote_found(url);
  for (const char c : url) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-._~:/%+,;=!$()*[]").find(c) != std::string_view::npos;
    if (!plain)
      return "expected an https URL of letters, digits and -._~:/%+,;=!$()*[] (no user, query or "
             "fragment), found " +
             quote_found(url);
  }
  if (auto msg = url::check_http_url(url); !msg.empty()) return msg;
  if (url.back() != '/' || url.find('/', 8) == std::string_view::npos)
    return "expected a URL ending with \"/\" (the folder holding manifest.json), found " +
           quote_found(url);
  return {};
}

std::optional<std::vector<Notice>> parse_notices(std::string_view bytes, Problems& problems,
                                                 std::string* public_url,
                                                 const Calendar* calendar) {
  static const Calendar kNoCalendar;
  const std::string file = bundle_files::kNotices;
  // The applicants are read as the parse reaches each one (ItemStream), so the file's DOM never
  // holds them all: what they carry moves straight into the model.
  std::deque<StreamedApplicants> streamed;
  // No valid applicant takes fewer bytes than this ({"id":"a","category":"street_demo",…} with
  // its required fields is 71), so a notice has at most this many (StreamedApplicants::push).
  constexpr std::size_t kFewestBytesPerApplicant = 64;
  const std::size_t most =
      std::min(limits::kMaxApplicantsPerNotice, bytes.size() / kFewestBytesPerApplicant + 1);
  json::ItemStream stream{{"notices", "applicants"},
                          [&](const std::vector<std::size_t>& at, Json& item) {
                            while (streamed.size() <= at[0]) streamed.emplace_back(file, most);
                            streamed[at[0]].read(item, at[0]);
                          },
                          [&](const std::vector<std::size_t>& at, json::FlatObject& item) {
                            while (streamed.size() <= at[0]) streamed.emplace_back(file, most);
                            return streamed[at[0]].read_flat(item);
                          }};
  auto root = json::parse(bytes, file, problems, stream);  // consumed by the readers below
  if (!root) return std::nullopt;
  if (!stream.streamed) streamed.clear();  // read from the DOM instead, as it is there
  Context ctx(file, problems);
  std::vector<Notice> notices;
  {
    ObjectReader r(*root, "", ctx, {"schema", "public_url", "notices"});
    // Schema 2 adds the lifecycle fields (LIFECYCLE.md); a schema-1 file stays valid as it was.
    const int schema = static_cast<int>(r.integer("schema", 1, 2).value_or(2));
    if (std::string url = r.optional_text("public_url", kLabel); !url.empty()) {
      if (auto msg = public_url_problem(url); !msg.empty()) {
        r.report("public_url", msg);
      } else if (public_url != nullptr) {
        *public_url = std::move(url);
      }
    }
    std::set<std::string> notice_ids;
    consume_each_item(r, "notices", limits::kMaxNotices, [&](Json& item, const std::string& p) {
      const std::size_t index = notices.size();
      notices.push_back(read_notice(item, p, ctx, notice_ids,
                                    index < streamed.size() ? &streamed[index] : nullptr, schema,
                                    calendar != nullptr ? *calendar : kNoCalendar));
    });
  }
  ctx.finish();
  if (ctx.count() > 0) return std::nullopt;
  return notices;
}

std::optional<std::vector<Hotline>> parse_hotlines(std::string_view bytes, Problems& problems) {
  const std::string file = bundle_files::kHotlines;
  const auto root = json::parse(bytes, file, problems);
  if (!root) return std::nullopt;
  Context ctx(file, problems);
  std::vector<Hotline> hotlines;
  {
    ObjectReader r(*root, "", ctx, {"schema", "hotlines"});
    check_schema(r);
    std::set<std::string> ids;
    for_each_item(r, "hotlines", limits::kMaxHotlines, [&](const Json& item, const std::string& p) {
      ObjectReader hr(item, p, ctx, {"id", "name", "level", "number", "hours", "demo"});
      Hotline h;
      h.id = hr.id("id").value_or("");
      if (!h.id.empty() && !ids.insert(h.id).second) {
        hr.report("id", "expected a unique hotline id, found " + quote_found(h.id) + " again");
      }
      h.name = hr.text("name", kTitle).value_or("");
      if (auto level = hr.choice("level", {"区", "街镇"})) {
        h.level = *level == "区" ? HotlineLevel::District : HotlineLevel::Street;
      }
      if (auto number = hr.text("number", kPhone)) {
        if (is_phone_number(*number)) {
          h.number = *number;
        } else {
          hr.report("number", "expected " + std::string(rules::kPhoneExpected) + ", found " +
                                  quote_found(*number));
        }
      }
      h.hours = hr.optional_text("hours", kLabel);
      h.demo = hr.optional_boolean("demo", false);
      hotlines.push_back(std::move(h));
    });
  }
  ctx.finish();
  if (ctx.count() > 0) return std::nullopt;
  return hotlines;
}

std::string manifest_path_problem(std::string_view path) {
  const auto found = [&](const char* why) {
    return "expected a normalised relative file path, found " + quote_found(path) + " (" + why +
           ")";
  };
  if (path.empty()) return "expected a relative file path, found \"\"";
  if (path.size() > kMaxManifestPathBytes) {
    return "expected a path of at most " + std::to_string(kMaxManifestPathBytes) +
           " bytes, found " + std::to_string(path.size()) + " bytes";
  }
  if (auto why = json::check_text(path, kLabel); !why.empty()) return why;
  if (path.front() == '/') return found("it starts with /");
  if (path.find('\\') != std::string_view::npos) return found("a backslash; the separator is /");
  if (path.back() == '/') return found("it ends with /, which names a folder");
  for (std::size_t start = 0; start <= path.size();) {
    const auto end = std::min(path.find('/', start), path.size());
    const auto segment = path.substr(start, end - start);
    if (segment.empty()) return found("an empty segment //");
    if (segment == ".") return found("a \".\" segment");
    if (segment == "..") return found("a \"..\" segment");
    start = end + 1;
  }
  return {};
}

std::string content_addressed_path(std::string_view name, std::string_view sha256) {
  std::string out = "objects/" + std::string(sha256);
  const auto slash = name.rfind('/');
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return out;
  const auto ext = name.substr(dot + 1);
  const bool short_alnum =
      !ext.empty() && ext.size() <= 8 && std::all_of(ext.begin(), ext.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      });
  if (short_alnum && dot > (slash == std::string_view::npos ? 0 : slash + 1))
    out += "." + std::string(ext);
  return out;
}

std::optional<Manifest> parse_manifest(std::string_view bytes, Problems& problems) {
  const std::string file = bundle_files::kManifest;
  const auto root = json::parse(bytes, file, problems);
  if (!root) return std::nullopt;
  Context ctx(file, problems);
  Manifest m;
  {
    ObjectReader r(*root, "", ctx, {"schema", "version", "issued_at", "expires_at", "files"});
    check_schema(r);
    m.version = r.integer("version", 1, (1LL << 53)).value_or(0);
    for (const auto key : {"issued_at", "expires_at"}) {
      if (auto t = r.text(key, kLabel)) {
        const auto unix_time = parse_rfc3339(*t);
        if (!unix_time) {
          r.report(key, "expected an RFC 3339 time like 2026-11-25T09:00:00+08:00, found " +
                            quote_found(*t));
        } else if (std::string_view(key) == "issued_at") {
          m.issued_at = *t, m.issued_at_unix = *unix_time;
        } else {
          m.expires_at = *t, m.expires_at_unix = *unix_time;
        }
      }
    }
    if (!m.issued_at.empty() && !m.expires_at.empty() && m.expires_at_unix <= m.issued_at_unix) {
      r.report("expires_at",
               "expected a time after issued_at " + m.issued_at + ", found " + m.expires_at);
    }
    if (const Json* files = r.object("files")) {
      if (files->size() > limits::kMaxManifestFiles) {
        r.report("files", "expected at most " + std::to_string(limits::kMaxManifestFiles) +
                              " files, found " + std::to_string(files->size()));
      } else {
        for (const auto& [name, entry] : files->items()) {
          const std::string p = "files." + name;
          if (const auto why = manifest_path_problem(name); !why.empty()) {
            ctx.report("files." + quote_found(name), why);
            continue;
          }
          const bool known = name == bundle_files::kDocument || name == bundle_files::kNotices ||
                             name == bundle_files::kHotlines || name == bundle_files::kCalendar ||
                             name.rfind(bundle_files::kAssetsDir, 0) == 0;
          if (!known) {
            ctx.report("files." + quote_found(name),
                       "expected document.json, notices.json, hotlines.json, calendar.json or a "
                       "file under assets/, found another path");
            continue;
          }
          ObjectReader fr(entry, p, ctx, {"sha256", "size", "path"});
          ManifestFile mf;
          if (auto sha = fr.text("sha256", kLabel)) {
            const bool hex = sha->size() == 64 && std::all_of(sha->begin(), sha->end(), [](char c) {
                               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                             });
            if (hex) {
              mf.sha256 = *sha;
            } else {
              fr.report("sha256", "expected 64 lowercase hex digits, found " + quote_found(*sha));
            }
          }
          // path (optional): where the file lies on the server; absent, under its name.
          if (fr.has("path")) {
            if (auto where =
                    fr.text("path", TextRule{TextKind::OneLine, 4 * kMaxManifestPathBytes, true})) {
              if (const auto why = manifest_path_problem(*where); !why.empty()) {
                fr.report("path", why);
              } else {
                mf.path = std::move(*where);
              }
            }
          }
          mf.size = static_cast<std::uint64_t>(fr.integer("size", 0, 1LL << 40).value_or(0));
          m.files.emplace(name, mf);
        }
        for (const auto required : bundle_files::kContentFiles) {
          if (!files->contains(required)) {
            r.report("files", std::string("expected an entry for ") + required + ", found none");
          }
        }
      }
    }
  }
  ctx.finish();
  if (ctx.count() > 0) return std::nullopt;
  return m;
}

void validate_cross(const Bundle& bundle, Problems& problems) {
  Context ctx(bundle_files::kNotices, problems);
  for (std::size_t n = 0; n < bundle.notices.size(); ++n) {
    const Notice& notice = bundle.notices[n];
    for (std::size_t i = 0; i < notice.applicants.size(); ++i) {
      const Applicant& a = notice.applicants[i];
      const std::string path =
          "notices[" + std::to_string(n) + "].applicants[" + std::to_string(i) + "]";
      const Form* form = bundle.document.form_for(a.category);
      if (form == nullptr) continue;  // document.json already reported the missing form
      for (std::size_t r = 0; r < a.reviews.size(); ++r) {
        if (form->review(a.reviews[r].level) == nullptr) {
          std::string levels;
          for (const auto& fr : form->reviews) {
            if (!levels.empty()) levels += ", ";
            levels += review_code(fr.level);
          }
          ctx.report(path + ".reviews[" + std::to_string(r) + "].level",
                     "expected a level of the " + form->title + " (" + levels + "), found \"" +
                         std::string(review_code(a.reviews[r].level)) + "\"");
        }
      }
    }
  }
  ctx.finish();
}

BundleFiles read_bundle_files(const std::filesystem::path& dir, const LoadOptions& options) {
  FileMap files;
  Problems read_problems;
  std::uint64_t total = 0;
  const auto read = [&](const std::string& name, bool required) {
    const auto path = dir / name;
    std::error_code ec;
    if (!required && !std::filesystem::exists(path, ec)) return;
    auto r = files::read_bytes(path, options.max_file_bytes,
                               options.map_large_files ? files::Map::Large : files::Map::Never);
    if (!r) {
      read_problems.push_back({name, "", r.error().what});
      return;
    }
    total += r->size();
    files[name] = std::move(*r);
  };
  read(bundle_files::kManifest, options.require_manifest);
  read(bundle_files::kDocument, true);
  read(bundle_files::kNotices, true);
  read(bundle_files::kHotlines, true);
  for (const char* name : bundle_files::kOptionalContentFiles) read(name, false);
  // Assets listed by a manifest are read too, so hashes can be checked.
  if (files.contains(bundle_files::kManifest)) {
    Problems ignored;
    if (const auto m = parse_manifest(files[bundle_files::kManifest].view(), ignored)) {
      for (const auto& [name, entry] : m->files) {
        if (!files.contains(name) && total <= options.max_bundle_bytes) read(name, false);
      }
    }
  }
  if (total > options.max_bundle_bytes) {
    read_problems.push_back({dir.filename().string(), "",
                             "expected a bundle of at most " +
                                 files::human_size(options.max_bundle_bytes) + ", found " +
                                 std::to_string(total) + " bytes"});
  }
  return {std::move(files), std::move(read_problems)};
}

LoadResult load_bundle(BundleFiles read, const LoadOptions& options) {
  if (!read.problems.empty()) {
    LoadResult failed;
    failed.problems = std::move(read.problems);
    failed.raw = std::move(read.files);
    return failed;
  }
  return load_bundle(std::move(read.files), options);
}

LoadResult load_bundle(const std::filesystem::path& dir, const LoadOptions& options) {
  return load_bundle(read_bundle_files(dir, options), options);
}

LoadResult load_bundle(std::map<std::string, std::string> files, const LoadOptions& options) {
  return load_bundle(file_map(std::move(files)), options);
}

namespace {

constexpr char kNoFile[] = "expected the file, found none";

// What `manifest` lists, checked against `raw` in the manifest's order: a missing file and a
// wrong size at once, the SHA-256 by the future. With a megabyte or more to hash it runs on
// another thread, so the hashes are taken while the content parses (10,000 applicants, 12 MB
// signed: load_bundle 28 -> 22 ms, bench/load_bench's minimum); smaller, on get(). Its lines: one
// per file that does not match, none for one that does. `raw` must outlive the future.
std::future<Problems> check_listed_files(const Manifest& manifest, const FileMap& raw) {
  struct Hash {
    std::size_t line;  // lines[line]: its message stays empty when the hash matches
    const files::Bytes* bytes;
    std::string expected;
  };
  Problems lines;
  std::vector<Hash> hashes;
  std::uint64_t hashed_bytes = 0;
  for (const auto& [name, entry] : manifest.files) {
    const auto it = raw.find(name);
    if (it == raw.end()) {
      lines.push_back({name, "", kNoFile});
    } else if (it->second.size() != entry.size) {
      lines.push_back({name, "",
                       "expected " + std::to_string(entry.size) +
                           " bytes as manifest.json says, found " +
                           std::to_string(it->second.size())});
    } else {
      hashes.push_back({lines.size(), &it->second, entry.sha256});
      hashed_bytes += it->second.size();
      lines.push_back({name, "", ""});
    }
  }
  constexpr std::uint64_t kHashAsideFrom = 1u << 20;  // smaller: not worth a thread
  return std::async(hashed_bytes >= kHashAsideFrom ? std::launch::async : std::launch::deferred,
                    [lines = std::move(lines), hashes = std::move(hashes)]() mutable {
                      for (const Hash& h : hashes) {
                        const std::string found = crypto::sha256_hex(*h.bytes);
                        if (found != h.expected)
                          lines[h.line].message = "expected sha256 " + h.expected +
                                                  " as manifest.json says, found " + found;
                      }
                      std::erase_if(lines, [](const Problem& p) { return p.message.empty(); });
                      return lines;
                    });
}

}  // namespace

LoadResult load_bundle(FileMap files, const LoadOptions& options) {
  LoadResult result;
  result.raw = std::move(files);
  Bundle bundle;
  std::uint64_t total = 0;
  for (const auto& [name, bytes] : result.raw) {
    total += bytes.size();
    if (bytes.size() > options.max_file_bytes) {
      result.problems.push_back({name, "",
                                 "expected at most " + files::human_size(options.max_file_bytes) +
                                     ", found " + std::to_string(bytes.size()) + " bytes"});
    }
  }
  if (total > options.max_bundle_bytes) {
    result.problems.push_back({"bundle", "",
                               "expected at most " + files::human_size(options.max_bundle_bytes) +
                                   ", found " + std::to_string(total) + " bytes"});
  }
  if (!result.problems.empty()) return result;
  const auto file = [&](const std::string& name, bool required) -> const files::Bytes* {
    const auto it = result.raw.find(name);
    if (it != result.raw.end()) return &it->second;
    if (required) result.problems.push_back({name, "", kNoFile});
    return nullptr;
  };
  const files::Bytes* manifest_bytes = file(bundle_files::kManifest, options.require_manifest);
  const files::Bytes* document = file(bundle_files::kDocument, true);
  const files::Bytes* notices = file(bundle_files::kNotices, true);
  const files::Bytes* hotlines = file(bundle_files::kHotlines, true);
  const files::Bytes* calendar = file(bundle_files::kCalendar, false);
  std::future<Problems> listed;
  if (manifest_bytes != nullptr) {
    bundle.manifest = parse_manifest(*manifest_bytes, result.problems);
    if (bundle.manifest) listed = check_listed_files(*bundle.manifest, result.raw);
  }
  const std::size_t listed_at = result.problems.size();  // after manifest.json's own lines
  std::optional<Document> doc;
  std::optional<std::vector<Notice>> ns;
  std::optional<std::vector<Hotline>> hs;
  std::optional<Calendar> cal = Calendar{};
  if (document) doc = parse_document(*document, result.problems);
  // calendar.json before notices.json: a window in working days is counted over it. Broken, it
  // is reported alone (notices.json's windows would only repeat that its years are missing).
  if (calendar) cal = parse_calendar(*calendar, result.problems);
  if (notices && cal) ns = parse_notices(*notices, result.problems, &bundle.public_url, &*cal);
  if (hotlines) hs = parse_hotlines(*hotlines, result.problems);
  if (listed.valid()) {  // the listed files' lines before the content's
    const Problems lines = listed.get();
    result.problems.insert(result.problems.begin() + static_cast<std::ptrdiff_t>(listed_at),
                           lines.begin(), lines.end());
  }
  // A mapped file cut short while it was read showed zeros past its new end: what was found in
  // it is not the file's, so that alone is said.
  if (std::any_of(result.raw.begin(), result.raw.end(),
                  [](const auto& f) { return f.second.cut_short(); })) {
    result.problems.clear();
    for (const auto& [name, bytes] : result.raw)
      if (bytes.cut_short()) result.problems.push_back({name, "", files::kCutShort});
    return result;
  }
  if (!doc || !cal || !ns || !hs) return result;
  bundle.document = std::move(*doc);
  bundle.calendar = std::move(*cal);
  bundle.notices = std::move(*ns);
  bundle.hotlines = std::move(*hs);
  validate_cross(bundle, result.problems);
  if (result.problems.empty()) result.bundle = std::move(bundle);
  return result;
}

LoadResult load_embedded_bundle() { return load_bundle(embedded_bundle_files()); }

}  // namespace kiosk::content
