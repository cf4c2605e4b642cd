// notices.json's lifecycle fields (schema 2): working-day windows, objection, corrections, result.
#include "content/lifecycle_parse.hpp"

#include <algorithm>
#include <set>

#include "content/parse.hpp"
#include "content/text_rules.hpp"
#include "core/url.hpp"

namespace kiosk::content::lifecycle {
namespace {

using json::Json;
using json::ObjectReader;

constexpr json::TextRule kRecordText{json::TextKind::Paragraph, limits::kMaxOpinionChars, false};
constexpr json::TextRule kRules{json::TextKind::Paragraph, limits::kMaxOpinionChars, true};
constexpr json::TextRule kResultText{json::TextKind::Paragraph, limits::kMaxParagraphChars, false};
constexpr json::TextRule kOneLine{json::TextKind::OneLine, limits::kMaxLabelChars, true};
constexpr json::TextRule kPerson{json::TextKind::OneLine, limits::kMaxPersonChars, true};

// A schema-2 key in a schema-1 file: reported (named, with the fix); false then.
bool schema_allows(ObjectReader& r, std::string_view key, int schema) {
  if (schema >= 2 || !r.has(key)) return true;
  r.report(key, "expected \"schema\": 2 in notices.json for this field, found \"schema\": 1");
  return false;
}

std::string day_text(CivilDate d) { return d.iso(); }

// "2026-10-09 (5 working days from 2026-09-28 by calendar.json)".
std::string resolved_end(CivilDate end, int n, CivilDate from) {
  return day_text(end) + " (" + std::to_string(n) + " working days from " + day_text(from) +
         " by calendar.json)";
}

std::string calendar_missing(int year) {
  return "expected calendar.json data for " + std::to_string(year) + ", found none " +
         how_to_add_year(year);
}

// The first year in [from, to] that the calendar lacks, or 0.
int first_missing_year(const Calendar& calendar, CivilDate from, CivilDate to) {
  for (int y = from.year; y <= to.year; ++y) {
    if (!calendar.has_year(y)) return y;
  }
  return 0;
}

bool is_postcode(std::string_view s) {
  return s.size() == 6 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_email(std::string_view s) {
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const auto domain = s.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("@._%+-").find(c) != std::string_view::npos;
  });
}

// An optional one-line phone-like field (phone, fax).
std::string read_phone(ObjectReader& r, std::string_view key) {
  std::string s = r.optional_text(key, rules::kApplicantPhone);
  if (!s.empty() && !is_phone_number(s)) {
    r.report(key, "expected " + std::string(rules::kPhoneExpected) + ", found " + quote_found(s));
    return {};
  }
  return s;
}

Objection read_objection(const Json& j, const std::string& path, json::Context& ctx) {
  ObjectReader r(
      j, path, ctx,
      {"office", "address", "postcode", "contact", "phone", "fax", "email", "rules", "url"});
  Objection o;
  o.office = r.optional_text("office", kOneLine);
  o.address = r.optional_text("address", kOneLine);
  o.postcode = r.optional_text("postcode", kOneLine);
  if (!o.postcode.empty() && !is_postcode(o.postcode)) {
    r.report("postcode", "expected a postcode of 6 digits, found " + quote_found(o.postcode));
    o.postcode.clear();
  }
  o.contact = r.optional_text("contact", kPerson);
  o.phone = read_phone(r, "phone");
  o.fax = read_phone(r, "fax");
  o.email = r.optional_text("email", kOneLine);
  if (!o.email.empty() && (o.email.size() > kMaxEmailBytes || !is_email(o.email))) {
    r.report("email", "expected an e-mail address like xinfang@example.gov.cn (at most " +
                          std::to_string(kMaxEmailBytes) + " bytes), found " +
                          quote_found(o.email));
    o.email.clear();
  }
  o.rules = r.optional_text("rules", kRules);
  o.url = r.optional_text("url", kOneLine);
  if (!o.url.empty()) {
    if (auto why = objection_url_problem(o.url); !why.empty()) {
      r.report("url", why);
      o.url.clear();
    }
  }
  if (r.ok() && j.empty()) {
    ctx.report(path,
               "expected at least one of office, address, postcode, contact, phone, fax, email, "
               "rules or url, found an empty object");
  }
  return o;
}

// What a record of each kind may carry besides id, date, kind and text.
struct KindKeys {
  bool applicant, field, extension;
};
KindKeys keys_of(CorrectionKind k) {
  switch (k) {
    case CorrectionKind::Withdrawn:
      return {true, false, false};
    case CorrectionKind::Corrected:
      return {true, true, false};
    case CorrectionKind::Extended:
      return {false, false, true};
    case CorrectionKind::Terminated:
      return {false, false, false};
  }
  return {false, false, false};
}

// One record; `effective` is the window as the records before it left it, and grows here.
std::optional<Correction> read_correction(const Json& j, const std::string& path,
                                          json::Context& ctx, const Calendar& calendar,
                                          const Notice& n, NoticeWindow& effective,
                                          std::set<std::string>& ids,
                                          std::set<std::string>& withdrawn,
                                          std::optional<CivilDate>& previous,
                                          std::optional<CivilDate>& terminated) {
  ObjectReader r(j, path, ctx,
                 {"id", "date", "kind", "text", "applicant", "field", "end", "working_days"});
  Correction c;
  bool good = r.ok();
  c.id = r.id("id").value_or("");
  if (!c.id.empty() && !ids.insert(c.id).second) {
    r.report("id",
             "expected a record id unique in its notice, found " + quote_found(c.id) + " again");
  }
  const auto date = r.date("date");
  const auto kind = r.choice("kind", {"withdrawn", "corrected", "extended", "terminated"});
  c.text = r.text("text", kRecordText).value_or("");
  if (!date || !kind) return std::nullopt;
  c.date = *date;
  c.kind = *correction_kind_from_code(*kind);
  if (terminated) {
    r.report("kind", "expected no record after the termination of " + day_text(*terminated) +
                         ", found " + quote_found(*kind));
    good = false;
  }
  if (c.date < n.declared_window.start) {
    r.report("date", "expected a date on or after the window's start " +
                         day_text(n.declared_window.start) + ", found " + day_text(c.date));
    good = false;
  } else if (previous && c.date < *previous) {
    r.report("date", "expected a date on or after the record before (" + day_text(*previous) +
                         ": records in date order), found " + day_text(c.date));
    good = false;
  }
  previous = c.date;
  const KindKeys allowed = keys_of(c.kind);
  for (const auto& [key, ok] : {std::pair<std::string_view, bool>{"applicant", allowed.applicant},
                                {"field", allowed.field},
                                {"end", allowed.extension},
                                {"working_days", allowed.extension}}) {
    if (!ok && r.has(key)) {
      r.report(key, "expected no " + std::string(key) + " in a " + *kind + " record, found " +
                        json::describe(*r.get(key)));
      good = false;
    }
  }
  const Applicant* applicant = nullptr;
  if (allowed.applicant) {
    if (auto id = r.id("applicant")) {
      c.applicant = *id;
      applicant = n.applicant(*id);
      if (applicant == nullptr) {
        r.report("applicant",
                 "expected the id of an applicant of this notice, found " + quote_found(*id));
        good = false;
      } else if (c.kind == CorrectionKind::Withdrawn && !withdrawn.insert(*id).second) {
        r.report("applicant",
                 "expected an applicant withdrawn once, found " + quote_found(*id) + " again");
        good = false;
      }
    } else {
      good = false;
    }
  }
  if (allowed.field) {
    if (auto field = r.choice(
            "field", {"name", "leader", "contact", "address", "phone", "summary", "basis"})) {
      c.field = *field;
      if (applicant != nullptr) {
        const bool street = is_street(applicant->category);
        const std::string_view absent = street ? "address" : "contact";
        if (c.field == absent) {
          r.report("field", "expected a field the applicant's form has (no " + std::string(absent) +
                                " for category " + std::string(category_code(applicant->category)) +
                                "), found " + quote_found(c.field));
          good = false;
        }
      }
    } else {
      good = false;
    }
  }
  if (c.kind == CorrectionKind::Terminated) {
    if (c.date > effective.end) {
      r.report("date", "expected a date within the window (to " + day_text(effective.end) +
                           "), found " + day_text(c.date));
      good = false;
    }
    terminated = c.date;
  }
  if (allowed.extension) {
    const bool has_end = r.has("end"), has_days = r.has("working_days");
    if (has_end == has_days) {
      ctx.report(path, std::string("expected exactly one of end or working_days in an extended "
                                   "record, found ") +
                           (has_end ? "both" : "neither"));
      return std::nullopt;
    }
    if (c.date > effective.end) {
      r.report("date", "expected a date within the window (to " + day_text(effective.end) +
                           ": an ended window is not extended), found " + day_text(c.date));
      good = false;
    }
    NoticeWindow grown = effective;
    if (has_end) {
      const auto end = r.date("end");
      if (!end) return std::nullopt;
      c.end = *end;
      if (*end <= effective.end) {
        r.report("end", "expected a date after the window's end " + day_text(effective.end) +
                            ", found " + day_text(*end));
        return std::nullopt;
      }
      grown.end = *end;
      if (effective.in_working_days()) {
        if (const int y = first_missing_year(calendar, effective.start, *end); y != 0) {
          r.report("end", calendar_missing(y));
          return std::nullopt;
        }
        grown.working_days = static_cast<int>(working_days_in(calendar, effective.start, *end));
      }
    } else {
      const auto days = r.integer("working_days", 1, kMaxWindowWorkingDays);
      if (!days) return std::nullopt;
      c.working_days = static_cast<int>(*days);
      const CivilDate after = CivilDate::from_days(effective.end.days() + 1);
      const auto end = add_working_days(calendar, after, c.working_days);
      if (!end) {
        r.report("working_days", calendar_missing(first_missing_year_from(calendar, after)));
        return std::nullopt;
      }
      grown.end = *end;
      if (effective.in_working_days()) grown.working_days += c.working_days;
    }
    if (good) effective = grown;
  }
  if (!good) return std::nullopt;
  return c;
}

NoticeResult read_result(const Json& j, const std::string& path, json::Context& ctx,
                         const Notice& n, const std::set<std::string>& withdrawn) {
  ObjectReader r(j, path, ctx, {"date", "doc_number", "text", "approved"});
  NoticeResult res;
  if (auto date = r.date("date")) {
    res.date = *date;
    if (*date <= n.board_end()) {
      r.report("date", "expected a date after the notice's last day " + day_text(n.board_end()) +
                           ", found " + day_text(*date));
    }
  }
  res.doc_number = r.optional_text("doc_number", rules::kLabel);
  res.text = r.text("text", kResultText).value_or("");
  if (const Json* arr = r.array("approved", limits::kMaxApplicantsPerNotice, false)) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const Json& v = (*arr)[i];
      const std::string p = json::index_path(r.path("approved"), i);
      if (!v.is_string() || !json::is_id(v.get_ref<const std::string&>())) {
        ctx.report(p,
                   "expected " + std::string(json::kIdExpected) + ", found " + json::describe(v));
        continue;
      }
      const auto& id = v.get_ref<const std::string&>();
      if (n.applicant(id) == nullptr) {
        ctx.report(p, "expected the id of an applicant of this notice, found " + quote_found(id));
      } else if (withdrawn.contains(id)) {
        ctx.report(p, "expected an applicant that was not withdrawn, found " + quote_found(id));
      } else if (!seen.insert(id).second) {
        ctx.report(p, "expected each applicant once, found " + quote_found(id) + " again");
      } else {
        res.approved.push_back(id);
      }
    }
  }
  return res;
}

}  // namespace

std::string objection_url_problem(std::string_view url) {
  if (url.size() > kMaxObjectionUrlBytes) {
    return "expected at most " + std::to_string(kMaxObjectionUrlBytes) + " bytes, found " +
           std::to_string(url.size());
  }
  if (url.rfind("https://", 0) != 0) {
    return "expected an https:// URL, found " + quote_found(url);
  }
  for (const char c : url) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-._~:/%+,;=!$()*[]?&#").find(c) != std::string_view::npos;
    if (!plain) {
      return "expected an https URL of letters, digits and -._~:/%+,;=!$()*[]?&#, found " +
             quote_found(url);
    }
  }
  return url::check_http_url(url);
}

void read_window(const Json& w, const std::string& path, json::Context& ctx, int schema,
                 const Calendar& calendar, Notice& n) {
  ObjectReader wr(w, path, ctx, {"start", "end", "working_days"});
  if (!wr.ok()) return;
  if (!schema_allows(wr, "working_days", schema)) return;
  const auto start = wr.date("start");
  const bool has_days = wr.has("working_days");
  if (schema >= 2 && !has_days && !wr.has("end")) {
    ctx.report(path, "expected end, working_days or both, found neither");
    return;
  }
  std::optional<CivilDate> end;
  if (!has_days || wr.has("end")) end = wr.date("end");
  std::optional<long long> days;
  if (has_days) days = wr.integer("working_days", 1, kMaxWindowWorkingDays);
  if (!start) return;
  if (end && *end < *start) {
    wr.report("end", "expected a date on or after start " + start->iso() + ", found " + end->iso());
    return;
  }
  if (!has_days) {
    if (end) n.window = {*start, *end, 0};
  } else {
    if (!days) return;
    const int count = static_cast<int>(*days);
    const auto last = add_working_days(calendar, *start, count);
    if (!last) {
      wr.report("working_days", calendar_missing(first_missing_year_from(calendar, *start)));
      return;
    }
    if (end && *end != *last) {
      wr.report("end", "expected " + resolved_end(*last, count, *start) + ", found " + end->iso());
      return;
    }
    n.window = {*start, *last, count};
  }
  n.declared_window = n.window;
}

void read_lifecycle(ObjectReader& nr, json::Context& ctx, int schema, const Calendar& calendar,
                    Notice& n) {
  for (const char* key : kSchema2Keys) {
    if (!schema_allows(nr, key, schema)) return;
  }
  if (const Json* o = nr.get("objection")) {
    n.objection = read_objection(*o, nr.path("objection"), ctx);
  }
  std::set<std::string> withdrawn;
  if (nr.has("corrections")) {
    const Json* arr = nr.array("corrections", kMaxCorrections);
    if (arr != nullptr) {
      NoticeWindow effective = n.declared_window;
      std::set<std::string> ids;
      std::optional<CivilDate> previous, terminated;
      for (std::size_t i = 0; i < arr->size(); ++i) {
        auto c = read_correction((*arr)[i], json::index_path(nr.path("corrections"), i), ctx,
                                 calendar, n, effective, ids, withdrawn, previous, terminated);
        if (c) n.corrections.push_back(std::move(*c));
      }
      n.window = effective;
    }
  }
  if (const Json* res = nr.get("result")) {
    n.result = read_result(*res, nr.path("result"), ctx, n, withdrawn);
  }
}

}  // namespace kiosk::content::lifecycle
