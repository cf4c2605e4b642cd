// The lifecycle of a 公示 in the content files (LIFECYCLE.md, SCHEMA.md schema 2): calendar.json
// and working-day counting on the cases that bite, windows in working days, objection,
// corrections and result, each bad input with its exact line, and schema-1 bundles still loading.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "content/bundle_files.hpp"
#include "content/calendar.hpp"
#include "content/parse.hpp"
#include "fixture_bundle.hpp"

namespace kiosk::content {
namespace {

using Json = nlohmann::ordered_json;

CivilDate day(const char* iso) { return *CivilDate::parse(iso); }

std::string lines(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += p.line() + "\n";
  return out;
}

// The default bundle's calendar.json (2025 and 2026, as the State Council's notices set them).
const Calendar& default_calendar() {
  static const Calendar calendar = [] {
    Problems problems;
    auto c = parse_calendar(embedded_bundle_files().at(bundle_files::kCalendar), problems);
    EXPECT_EQ(lines(problems), "");
    return c.value_or(Calendar{});
  }();
  return calendar;
}

// --- counting -----------------------------------------------------------------------------

TEST(WorkingDays, AcrossNationalDayFiveWorkingDaysEndOnOctoberNinth) {
  // 09-28, 09-29, 09-30, then 10-01…10-07 off, 10-08, 10-09.
  const auto end = add_working_days(default_calendar(), day("2026-09-28"), 5);
  ASSERT_TRUE(end.ok()) << end.error().what;
  EXPECT_EQ(end->iso(), "2026-10-09");
}

TEST(WorkingDays, AcrossSpringFestivalCountsTheSaturdayMakeUpDay) {
  // 02-12 Thu, 02-13 Fri, 02-14 Sat (调休上班), then 02-15…02-23 off, 02-24, 02-25.
  const auto end = add_working_days(default_calendar(), day("2026-02-12"), 5);
  ASSERT_TRUE(end.ok()) << end.error().what;
  EXPECT_EQ(end->iso(), "2026-02-25");
}

TEST(WorkingDays, AWindowReachingAYearTheCalendarLacksIsRefusedNamingIt) {
  // 2026-12-28…31 are four working days; the fifth would be in 2027.
  const auto end = add_working_days(default_calendar(), day("2026-12-28"), 5);
  ASSERT_FALSE(end.ok());
  EXPECT_EQ(end.error().what,
            "calendar.json: no data for 2027 (add \"2027\" to calendar.json's years with source, "
            "off and work from 国务院办公厅关于2027年部分节假日安排的通知, published in the autumn "
            "before)");
  // Four fit.
  EXPECT_EQ(add_working_days(default_calendar(), day("2026-12-28"), 4)->iso(), "2026-12-31");
}

TEST(WorkingDays, AMakeUpSundayIsAWorkingDay) {
  const Calendar& cal = default_calendar();
  EXPECT_EQ(day("2026-09-20").weekday(), 0);  // a Sunday
  EXPECT_EQ(cal.is_working_day(day("2026-09-20")), true);
  EXPECT_EQ(cal.is_working_day(day("2026-09-13")), false);  // an ordinary Sunday
  EXPECT_EQ(cal.is_working_day(day("2026-10-01")), false);  // a Thursday off
  EXPECT_EQ(cal.is_working_day(day("2027-01-04")), std::nullopt);
  // A window starting on it counts it first.
  EXPECT_EQ(add_working_days(cal, day("2026-09-20"), 1)->iso(), "2026-09-20");
  EXPECT_EQ(add_working_days(cal, day("2026-09-19"), 2)->iso(), "2026-09-21");
  EXPECT_EQ(working_days_in(cal, day("2026-09-19"), day("2026-09-20")), 1);
}

TEST(WorkingDays, CountsInclusiveAndUnknownYearsCountMondayToFriday) {
  const Calendar& cal = default_calendar();
  EXPECT_EQ(working_days_in(cal, day("2026-09-28"), day("2026-10-09")), 5);
  EXPECT_EQ(working_days_in(cal, day("2026-10-09"), day("2026-09-28")), 0);
  // 2027-01-04 (Mon) … 2027-01-10 (Sun): no data, Monday to Friday.
  EXPECT_EQ(working_days_in(cal, day("2027-01-04"), day("2027-01-10")), 5);
  EXPECT_EQ(working_days_in(Calendar{}, day("2026-10-01"), day("2026-10-07")), 5);
}

TEST(WorkingDays, TheDefaultCalendarIsTheStateCouncilsTable) {
  const Calendar& cal = default_calendar();
  ASSERT_EQ(cal.years.size(), 2u);
  EXPECT_EQ(cal.years.at(2025).source,
            "国务院办公厅关于2025年部分节假日安排的通知(2024年11月12日)");
  EXPECT_EQ(cal.years.at(2026).source, "国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)");
  EXPECT_EQ(cal.years.at(2025).off.size(), 28u);
  EXPECT_EQ(cal.years.at(2026).off.size(), 33u);
  std::string work;
  for (const auto& [year, y] : cal.years) {
    for (const auto d : y.work) work += d.iso() + " ";
  }
  EXPECT_EQ(work,
            "2025-01-26 2025-02-08 2025-04-27 2025-09-28 2025-10-11 2026-01-04 2026-02-14 "
            "2026-02-28 2026-05-09 2026-09-20 2026-10-10 ");
}

// --- the model over a bundle ---------------------------------------------------------------

// The fixture bundle (tests/data/bundle) as schema 2 with the default calendar, its notice's
// window 5 working days from 2026-09-28; mutate changes notices.json, then it loads.
LoadResult load(const std::function<void(Json&)>& mutate,
                const std::function<void(Json&)>& mutate_calendar = {}) {
  auto files = test::fixture_bundle_files();
  files[bundle_files::kCalendar] = embedded_bundle_files().at(bundle_files::kCalendar);
  Json j = Json::parse(files.at(bundle_files::kNotices));
  j["schema"] = 2;
  j["notices"][0]["window"] = {{"start", "2026-09-28"}, {"working_days", 5}};
  if (mutate) mutate(j);
  files[bundle_files::kNotices] = j.dump(2);
  if (mutate_calendar) {
    Json c = Json::parse(files.at(bundle_files::kCalendar));
    mutate_calendar(c);
    files[bundle_files::kCalendar] = c.dump(2);
  }
  auto result = load_bundle(files);
  EXPECT_EQ(result.bundle.has_value(), result.problems.empty());
  return result;
}

Json& notice(Json& j) { return j["notices"][0]; }

TEST(Lifecycle, AWorkingDayWindowResolvesItsEndAndCountsWhatIsLeft) {
  const auto r = load({});
  ASSERT_TRUE(r.bundle) << lines(r.problems);
  const Notice& n = r.bundle->notices[0];
  EXPECT_EQ(n.window.start.iso(), "2026-09-28");
  EXPECT_EQ(n.window.end.iso(), "2026-10-09");
  EXPECT_EQ(n.window.working_days, 5);
  EXPECT_EQ(n.declared_window, n.window);
  EXPECT_FALSE(n.extended());
  EXPECT_EQ(n.board_end().iso(), "2026-10-09");
  // Every day from 09-27 to 10-10.
  const Calendar& cal = r.bundle->calendar;
  const std::pair<const char*, long> left[] = {
      {"2026-09-27", 5}, {"2026-09-28", 5}, {"2026-09-29", 4}, {"2026-09-30", 3},
      {"2026-10-01", 2}, {"2026-10-04", 2}, {"2026-10-07", 2}, {"2026-10-08", 2},
      {"2026-10-09", 1}, {"2026-10-10", 0}};
  for (const auto& [date, expected] : left) {
    EXPECT_EQ(n.window.left(cal, day(date)), expected) << date;
  }
  EXPECT_TRUE(n.window.rest_day(cal, day("2026-10-03")));
  EXPECT_FALSE(n.window.rest_day(cal, day("2026-09-30")));
  EXPECT_FALSE(n.window.rest_day(cal, day("2026-10-10")));  // after the window: not "inside"
}

TEST(Lifecycle, EndAndWorkingDaysThatAgreeAreAccepted) {
  const auto r = load([](Json& j) { notice(j)["window"]["end"] = "2026-10-09"; });
  ASSERT_TRUE(r.bundle) << lines(r.problems);
  EXPECT_EQ(r.bundle->notices[0].window.working_days, 5);
}

TEST(Lifecycle, ExtensionsGrowTheEffectiveWindowAndKeepTheDeclaredOne) {
  const auto r = load([](Json& j) {
    notice(j)["corrections"] = Json::array({{{"id", "e1"},
                                             {"date", "2026-10-08"},
                                             {"kind", "extended"},
                                             {"text", "延长3个工作日。"},
                                             {"working_days", 3}},
                                            {{"id", "e2"},
                                             {"date", "2026-10-13"},
                                             {"kind", "extended"},
                                             {"text", "再延长至10月16日。"},
                                             {"end", "2026-10-16"}}});
  });
  ASSERT_TRUE(r.bundle) << lines(r.problems);
  const Notice& n = r.bundle->notices[0];
  EXPECT_EQ(n.declared_window.end.iso(), "2026-10-09");
  EXPECT_EQ(n.declared_window.working_days, 5);
  EXPECT_EQ(n.window.start.iso(), "2026-09-28");
  EXPECT_EQ(n.window.end.iso(), "2026-10-16");  // +3: 10-10 (Sat, 调休), 10-12, 10-13; then 10-16
  EXPECT_EQ(n.window.working_days, 11);
  EXPECT_TRUE(n.extended());
  ASSERT_EQ(n.corrections.size(), 2u);
  EXPECT_EQ(n.corrections[0].working_days, 3);
  EXPECT_EQ(n.corrections[1].end->iso(), "2026-10-16");
}

TEST(Lifecycle, WithdrawalCorrectionTerminationAndResultAreRead) {
  const auto r = load([](Json& j) {
    notice(j)["objection"] = {{"office", "示例区民政局基层政权科(示例)"},
                              {"address", "示例路1号"},
                              {"postcode", "201700"},
                              {"phone", "021-0000 0009"},
                              {"email", "yiyi@example.gov.cn"},
                              {"rules", "实名反映,以邮戳为准。"},
                              {"url", "https://example.gov.cn/yiyi?n=1"}};
    notice(j)["corrections"] = Json::array(
        {{{"id", "c1"},
          {"date", "2026-09-29"},
          {"kind", "corrected"},
          {"applicant", "cd-01"},
          {"field", "phone"},
          {"text", "原为021-0000 0005,现更正为021-0000 0006。"}},
         {{"id", "w1"},
          {"date", "2026-09-30"},
          {"kind", "withdrawn"},
          {"applicant", "sd-02"},
          {"text", "申报单位主动撤回。"}},
         {{"id", "t1"}, {"date", "2026-10-08"}, {"kind", "terminated"}, {"text", "因故终止。"}}});
    notice(j)["result"] = {{"date", "2026-10-20"},
                           {"doc_number", "示民〔2026〕1号"},
                           {"text", "经公示无异议,予以命名。"},
                           {"approved", {"sd-01", "cd-01"}}};
  });
  ASSERT_TRUE(r.bundle) << lines(r.problems);
  const Notice& n = r.bundle->notices[0];
  ASSERT_TRUE(n.objection);
  EXPECT_FALSE(n.objection->empty());
  EXPECT_EQ(n.objection->postcode, "201700");
  EXPECT_NE(n.withdrawal("sd-02"), nullptr);
  EXPECT_EQ(n.withdrawal("sd-01"), nullptr);
  EXPECT_EQ(n.withdrawn_count(), 1u);
  ASSERT_EQ(n.corrections_of("cd-01", FieldKey::Phone).size(), 1u);
  EXPECT_EQ(n.corrections_of("cd-01", FieldKey::Name).size(), 0u);
  EXPECT_EQ(n.corrections_of("cd-01").size(), 1u);
  ASSERT_NE(n.termination(), nullptr);
  EXPECT_EQ(n.board_end().iso(), "2026-10-08");
  ASSERT_TRUE(n.result);
  EXPECT_EQ(n.result->approved, (std::vector<std::string>{"sd-01", "cd-01"}));
}

// Schema-1 bundles stay valid: the default bundle as shipped before schema 2 (notices.json
// schema 1, no calendar.json) and the tests' bundle.
TEST(Lifecycle, SchemaOneBundlesStillLoad) {
  auto files = embedded_bundle_files();
  EXPECT_EQ(Json::parse(files.at(bundle_files::kNotices))["schema"], 1);
  auto with = load_bundle(files);
  EXPECT_EQ(lines(with.problems), "");
  ASSERT_TRUE(with.bundle);
  EXPECT_EQ(with.bundle->calendar.years.size(), 2u);
  files.erase(bundle_files::kCalendar);
  auto without = load_bundle(files);
  EXPECT_EQ(lines(without.problems), "");
  ASSERT_TRUE(without.bundle);
  EXPECT_TRUE(without.bundle->calendar.years.empty());
  EXPECT_EQ(without.bundle->notices[0].window, with.bundle->notices[0].window);
  EXPECT_EQ(without.bundle->notices[0].window.working_days, 0);
  EXPECT_TRUE(load_bundle(test::fixture_bundle_files()).bundle);
}

TEST(Lifecycle, AWorkingDayWindowWithoutCalendarNamesTheYear) {
  auto files = test::fixture_bundle_files();
  Json j = Json::parse(files.at(bundle_files::kNotices));
  j["schema"] = 2;
  j["notices"][0]["window"] = {{"start", "2026-09-28"}, {"working_days", 5}};
  files[bundle_files::kNotices] = j.dump();
  EXPECT_EQ(lines(load_bundle(files).problems),
            "notices.json: notices[0].window.working_days: expected calendar.json data for 2026, "
            "found none (add \"2026\" to calendar.json's years with source, off and work from "
            "国务院办公厅关于2026年部分节假日安排的通知, published in the autumn before)\n");
}

TEST(Lifecycle, ABrokenCalendarIsReportedAlone) {
  const auto r = load({}, [](Json& c) { c["years"]["2026"]["off"][0] = "2026-13-01"; });
  EXPECT_EQ(lines(r.problems),
            "calendar.json: years.2026.off[0]: expected a date YYYY-MM-DD, found "
            "\"2026-13-01\"\n");
}

// --- bad input, one exact line each --------------------------------------------------------

struct Case {
  const char* name;
  std::function<void(Json&)> notices;
  std::function<void(Json&)> calendar;
  const char* expected;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

Json record(const char* id, const char* date, const char* kind, const char* text = "说明。") {
  return {{"id", id}, {"date", date}, {"kind", kind}, {"text", text}};
}

void corrections(Json& j, Json list) { notice(j)["corrections"] = std::move(list); }

const Case kCases[] = {
    // window
    {"WorkingDaysZero",
     [](Json& j) { notice(j)["window"]["working_days"] = 0; },
     {},
     "notices.json: notices[0].window.working_days: expected an integer from 1 to 30, found 0\n"},
    {"WorkingDaysThirtyOne",
     [](Json& j) { notice(j)["window"]["working_days"] = 31; },
     {},
     "notices.json: notices[0].window.working_days: expected an integer from 1 to 30, found 31\n"},
    {"WorkingDaysText",
     [](Json& j) { notice(j)["window"]["working_days"] = "5"; },
     {},
     "notices.json: notices[0].window.working_days: expected an integer from 1 to 30, found "
     "\"5\"\n"},
    {"EndDisagreesWithWorkingDays",
     [](Json& j) { notice(j)["window"]["end"] = "2026-10-08"; },
     {},
     "notices.json: notices[0].window.end: expected 2026-10-09 (5 working days from 2026-09-28 by "
     "calendar.json), found 2026-10-08\n"},
    {"NeitherEndNorWorkingDays",
     [](Json& j) { notice(j)["window"].erase("working_days"); },
     {},
     "notices.json: notices[0].window: expected end, working_days or both, found neither\n"},
    {"WorkingDaysIntoAMissingYear",
     [](Json& j) { notice(j)["window"]["start"] = "2026-12-28"; },
     {},
     "notices.json: notices[0].window.working_days: expected calendar.json data for 2027, found "
     "none (add \"2027\" to calendar.json's years with source, off and work from "
     "国务院办公厅关于2027年部分节假日安排的通知, published in the autumn before)\n"},
    {"WorkingDaysInSchemaOne",
     [](Json& j) { j["schema"] = 1; },
     {},
     "notices.json: notices[0].window.working_days: expected \"schema\": 2 in notices.json for "
     "this "
     "field, found \"schema\": 1\n"},
    {"SchemaThree",
     [](Json& j) { j["schema"] = 3; },
     {},
     "notices.json: schema: expected an integer from 1 to 2, found 3\n"},
    // objection
    {"ObjectionInSchemaOne",
     [](Json& j) {
       j["schema"] = 1;
       notice(j)["window"] = {{"start", "2026-09-28"}, {"end", "2026-10-09"}};
       notice(j)["objection"] = {{"office", "示例科"}};
     },
     {},
     "notices.json: notices[0].objection: expected \"schema\": 2 in notices.json for this field, "
     "found \"schema\": 1\n"},
    {"ObjectionEmpty",
     [](Json& j) { notice(j)["objection"] = Json::object(); },
     {},
     "notices.json: notices[0].objection: expected at least one of office, address, postcode, "
     "contact, phone, fax, email, rules or url, found an empty object\n"},
    {"ObjectionNotAnObject",
     [](Json& j) { notice(j)["objection"] = "民政局"; },
     {},
     "notices.json: notices[0].objection: expected an object, found \"民政局\"\n"},
    {"ObjectionPostcode",
     [](Json& j) {
       notice(j)["objection"] = {{"postcode", "20170"}};
     },
     {},
     "notices.json: notices[0].objection.postcode: expected a postcode of 6 digits, found "
     "\"20170\"\n"},
    {"ObjectionPhone",
     [](Json& j) {
       notice(j)["objection"] = {{"phone", "打电话"}};
     },
     {},
     "notices.json: notices[0].objection.phone: expected a telephone number, found \"打电话\"\n"},
    {"ObjectionFax",
     [](Json& j) {
       notice(j)["objection"] = {{"fax", "12"}};
     },
     {},
     "notices.json: notices[0].objection.fax: expected a telephone number, found \"12\"\n"},
    {"ObjectionEmail",
     [](Json& j) {
       notice(j)["objection"] = {{"email", "yiyi at example"}};
     },
     {},
     "notices.json: notices[0].objection.email: expected an e-mail address like "
     "xinfang@example.gov.cn (at most 100 bytes), found \"yiyi at example\"\n"},
    {"ObjectionUrlHttp",
     [](Json& j) {
       notice(j)["objection"] = {{"url", "http://example.gov.cn/"}};
     },
     {},
     "notices.json: notices[0].objection.url: expected an https:// URL, found "
     "\"http://example.gov.cn/\"\n"},
    {"ObjectionUrlQuote",
     [](Json& j) {
       notice(j)["objection"] = {{"url", "https://example.gov.cn/\"x"}};
     },
     {},
     "notices.json: notices[0].objection.url: expected an https URL of letters, digits and "
     "-._~:/%+,;=!$()*[]?&#, found \"https://example.gov.cn/\\\"x\"\n"},
    {"ObjectionUnknownKey",
     [](Json& j) {
       notice(j)["objection"] = {{"wechat", "x"}};
     },
     {},
     "notices.json: notices[0].objection.wechat: expected one of the keys office, address, "
     "postcode, contact, phone, fax, email, rules, url, found an unknown key\n"},
    {"ObjectionRulesTooLong",
     [](Json& j) {
       notice(j)["objection"] = {{"rules", std::string(2001, 'x')}};
     },
     {},
     "notices.json: notices[0].objection.rules: expected at most 2000 characters, found 2001\n"},
    // corrections
    {"CorrectionsInSchemaOne",
     [](Json& j) {
       j["schema"] = 1;
       notice(j)["window"] = {{"start", "2026-09-28"}, {"end", "2026-10-09"}};
       corrections(j, Json::array());
     },
     {},
     "notices.json: notices[0].corrections: expected \"schema\": 2 in notices.json for this field, "
     "found \"schema\": 1\n"},
    {"UnknownKind",
     [](Json& j) { corrections(j, {record("x", "2026-09-29", "deleted")}); },
     {},
     "notices.json: notices[0].corrections[0].kind: expected one of withdrawn, corrected, "
     "extended, terminated, found \"deleted\"\n"},
    {"MissingText",
     [](Json& j) {
       Json r = record("x", "2026-09-29", "terminated");
       r.erase("text");
       corrections(j, {r});
     },
     {},
     "notices.json: notices[0].corrections[0].text: expected a string, found nothing\n"},
    {"DuplicateRecordId",
     [](Json& j) {
       Json a = record("x", "2026-09-29", "withdrawn");
       a["applicant"] = "sd-01";
       Json b = record("x", "2026-09-29", "withdrawn");
       b["applicant"] = "sd-02";
       corrections(j, {a, b});
     },
     {},
     "notices.json: notices[0].corrections[1].id: expected a record id unique in its notice, "
     "found \"x\" again\n"},
    {"DateBeforeStart",
     [](Json& j) { corrections(j, {record("x", "2026-09-27", "terminated")}); },
     {},
     "notices.json: notices[0].corrections[0].date: expected a date on or after the window's "
     "start 2026-09-28, found 2026-09-27\n"},
    {"DatesOutOfOrder",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "withdrawn");
       a["applicant"] = "sd-01";
       Json b = record("b", "2026-09-29", "withdrawn");
       b["applicant"] = "sd-02";
       corrections(j, {a, b});
     },
     {},
     "notices.json: notices[0].corrections[1].date: expected a date on or after the record before "
     "(2026-09-30: records in date order), found 2026-09-29\n"},
    {"WithdrawnUnknownApplicant",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "withdrawn");
       a["applicant"] = "zz-99";
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0].applicant: expected the id of an applicant of this "
     "notice, found \"zz-99\"\n"},
    {"WithdrawnWithoutApplicant",
     [](Json& j) { corrections(j, {record("a", "2026-09-30", "withdrawn")}); },
     {},
     "notices.json: notices[0].corrections[0].applicant: expected an id, found nothing\n"},
    {"WithdrawnTwice",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "withdrawn");
       a["applicant"] = "sd-01";
       Json b = a;
       b["id"] = "b";
       corrections(j, {a, b});
     },
     {},
     "notices.json: notices[0].corrections[1].applicant: expected an applicant withdrawn once, "
     "found \"sd-01\" again\n"},
    {"CorrectedWithoutField",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "corrected");
       a["applicant"] = "sd-01";
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0].field: expected a string, found nothing\n"},
    {"CorrectedFieldTheFormLacks",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "corrected");
       a["applicant"] = "sd-01";
       a["field"] = "address";
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0].field: expected a field the applicant's form has "
     "(no address for category street_demo), found \"address\"\n"},
    {"FieldOnAWithdrawal",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "withdrawn");
       a["applicant"] = "sd-01";
       a["field"] = "name";
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0].field: expected no field in a withdrawn record, "
     "found \"name\"\n"},
    {"ApplicantOnATermination",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "terminated");
       a["applicant"] = "sd-01";
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0].applicant: expected no applicant in a terminated "
     "record, found \"sd-01\"\n"},
    {"ExtendedWithNeither",
     [](Json& j) { corrections(j, {record("a", "2026-09-30", "extended")}); },
     {},
     "notices.json: notices[0].corrections[0]: expected exactly one of end or working_days in an "
     "extended record, found neither\n"},
    {"ExtendedWithBoth",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "extended");
       a["end"] = "2026-10-20";
       a["working_days"] = 2;
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0]: expected exactly one of end or working_days in an "
     "extended record, found both\n"},
    {"ExtendedEndNotLater",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "extended");
       a["end"] = "2026-10-09";
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0].end: expected a date after the window's end "
     "2026-10-09, found 2026-10-09\n"},
    {"ExtendedWorkingDaysZero",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "extended");
       a["working_days"] = 0;
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0].working_days: expected an integer from 1 to 30, "
     "found 0\n"},
    {"ExtendedIntoAMissingYear",
     [](Json& j) {
       notice(j)["window"] = {{"start", "2026-12-01"}, {"working_days", 20}};
       Json a = record("a", "2026-12-10", "extended");
       a["working_days"] = 10;
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0].working_days: expected calendar.json data for 2027, "
     "found none (add \"2027\" to calendar.json's years with source, off and work from "
     "国务院办公厅关于2027年部分节假日安排的通知, published in the autumn before)\n"},
    {"ExtendedAfterTheWindowEnded",
     [](Json& j) {
       Json a = record("a", "2026-10-12", "extended");
       a["working_days"] = 2;
       corrections(j, {a});
     },
     {},
     "notices.json: notices[0].corrections[0].date: expected a date within the window (to "
     "2026-10-09: an ended window is not extended), found 2026-10-12\n"},
    {"TerminatedAfterTheWindow",
     [](Json& j) { corrections(j, {record("a", "2026-10-10", "terminated")}); },
     {},
     "notices.json: notices[0].corrections[0].date: expected a date within the window (to "
     "2026-10-09), found 2026-10-10\n"},
    {"RecordAfterTermination",
     [](Json& j) {
       Json b = record("b", "2026-10-02", "withdrawn");
       b["applicant"] = "sd-01";
       corrections(j, {record("a", "2026-10-01", "terminated"), b});
     },
     {},
     "notices.json: notices[0].corrections[1].kind: expected no record after the termination of "
     "2026-10-01, found \"withdrawn\"\n"},
    {"TooManyRecords",
     [](Json& j) {
       Json list = Json::array();
       for (int i = 0; i < 101; ++i) list.push_back(record("x", "2026-09-29", "corrected"));
       corrections(j, list);
     },
     {},
     "notices.json: notices[0].corrections: expected at most 100 items, found 101\n"},
    // result
    {"ResultInSchemaOne",
     [](Json& j) {
       j["schema"] = 1;
       notice(j)["window"] = {{"start", "2026-09-28"}, {"end", "2026-10-09"}};
       notice(j)["result"] = {{"date", "2026-10-20"}, {"text", "予以命名。"}};
     },
     {},
     "notices.json: notices[0].result: expected \"schema\": 2 in notices.json for this field, "
     "found \"schema\": 1\n"},
    {"ResultOnTheLastDay",
     [](Json& j) {
       notice(j)["result"] = {{"date", "2026-10-09"}, {"text", "予以命名。"}};
     },
     {},
     "notices.json: notices[0].result.date: expected a date after the notice's last day "
     "2026-10-09, found 2026-10-09\n"},
    {"ResultWithoutText",
     [](Json& j) {
       notice(j)["result"] = {{"date", "2026-10-20"}};
     },
     {},
     "notices.json: notices[0].result.text: expected a string, found nothing\n"},
    {"ResultApprovesAStranger",
     [](Json& j) {
       notice(j)["result"] = {{"date", "2026-10-20"}, {"text", "予以命名。"}, {"approved", {"zz"}}};
     },
     {},
     "notices.json: notices[0].result.approved[0]: expected the id of an applicant of this "
     "notice, found \"zz\"\n"},
    {"ResultApprovesTwice",
     [](Json& j) {
       notice(j)["result"] = {
           {"date", "2026-10-20"}, {"text", "予以命名。"}, {"approved", {"sd-01", "sd-01"}}};
     },
     {},
     "notices.json: notices[0].result.approved[1]: expected each applicant once, found \"sd-01\" "
     "again\n"},
    {"ResultApprovesAWithdrawnApplicant",
     [](Json& j) {
       Json a = record("a", "2026-09-30", "withdrawn");
       a["applicant"] = "sd-01";
       corrections(j, {a});
       notice(j)["result"] = {
           {"date", "2026-10-20"}, {"text", "予以命名。"}, {"approved", {"sd-01"}}};
     },
     {},
     "notices.json: notices[0].result.approved[0]: expected an applicant that was not withdrawn, "
     "found \"sd-01\"\n"},
    {"ResultApprovedNotIds",
     [](Json& j) {
       notice(j)["result"] = {{"date", "2026-10-20"}, {"text", "予以命名。"}, {"approved", {1}}};
     },
     {},
     "notices.json: notices[0].result.approved[0]: expected an id of 1–64 letters, digits, _ or -, "
     "found the number 1\n"},
    // calendar.json
    {"CalendarSchema",
     {},
     [](Json& c) { c["schema"] = 2; },
     "calendar.json: schema: expected an integer from 1 to 1, found 2\n"},
    {"CalendarYearKey",
     {},
     [](Json& c) { c["years"]["26"] = c["years"]["2026"]; },
     "calendar.json: years.\"26\": expected a year from 2000 to 2100 like \"2026\", found another "
     "key\n"},
    {"CalendarDateOutsideItsYear",
     {},
     [](Json& c) { c["years"]["2026"]["off"][0] = "2025-12-31"; },
     "calendar.json: years.2026.off[0]: expected a date in 2026, found 2025-12-31\n"},
    {"CalendarDatesOutOfOrder",
     {},
     [](Json& c) { c["years"]["2026"]["off"][1] = "2026-01-01"; },
     "calendar.json: years.2026.off[1]: expected a date after 2026-01-01 (dates in order, each "
     "once), found 2026-01-01\n"},
    {"CalendarMakeUpDayOnAWeekday",
     {},
     [](Json& c) { c["years"]["2026"]["work"][0] = "2026-01-05"; },
     "calendar.json: years.2026.work[0]: expected a Saturday or Sunday (a make-up working day), "
     "found 2026-01-05 (星期一)\n"},
    {"CalendarMakeUpDayAlsoOff",
     {},
     [](Json& c) {
       c["years"]["2026"]["off"] = {"2026-01-01", "2026-01-04"};
     },
     "calendar.json: years.2026.work[0]: expected a day not also in off, found 2026-01-04\n"},
    {"CalendarWithoutSource",
     {},
     [](Json& c) { c["years"]["2026"].erase("source"); },
     "calendar.json: years.2026.source: expected a string, found nothing\n"},
    {"CalendarUnknownKey",
     {},
     [](Json& c) { c["years"]["2026"]["holidays"] = Json::array(); },
     "calendar.json: years.2026.holidays: expected one of the keys source, off, work, found an "
     "unknown key\n"},
};

class BadLifecycle : public ::testing::TestWithParam<Case> {};

TEST_P(BadLifecycle, GetsExactlyItsErrorLine) {
  const Case& c = GetParam();
  EXPECT_EQ(lines(load(c.notices, c.calendar).problems), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadLifecycle, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Lifecycle, TheManifestMayListCalendarJson) {
  Problems problems;
  const std::string sha(64, 'a');
  const auto m =
      parse_manifest(R"({"schema":1,"version":1,"issued_at":"2026-11-25T09:00:00+08:00",)"
                     R"("expires_at":"2026-12-25T09:00:00+08:00","files":{)"
                     R"("document.json":{"sha256":")" +
                         sha +
                         R"(","size":1},)"
                         R"("notices.json":{"sha256":")" +
                         sha +
                         R"(","size":1},)"
                         R"("hotlines.json":{"sha256":")" +
                         sha +
                         R"(","size":1},)"
                         R"("calendar.json":{"sha256":")" +
                         sha + R"(","size":1}}})",
                     problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->files.contains("calendar.json"));
}

}  // namespace
}  // namespace kiosk::content
