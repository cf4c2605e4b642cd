// Bad content never crashes: each broken input gets exactly the one line that names the file,
// the JSON path, what was expected and what was found.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "content/serialize.hpp"
#include "crypto/sha256.hpp"
#include "fixture_bundle.hpp"
#include "temp_dir.hpp"

namespace kiosk::content {
namespace {

using Json = nlohmann::ordered_json;
using Mutation = std::function<void(Json&)>;

struct Case {
  const char* name;
  const char* file;
  Mutation mutate;
  const char* expected;  // the whole problem list, one line each
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

std::string lines(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += p.line() + "\n";
  return out;
}

std::string run_mutation(const std::string& file, const Mutation& mutate) {
  auto files = test::fixture_bundle_files();  // tests/data/bundle
  Json j = Json::parse(files.at(file));
  mutate(j);
  files[file] = j.dump(2);
  auto result = load_bundle(files);
  EXPECT_EQ(result.bundle.has_value(), result.problems.empty());
  return lines(result.problems);
}

std::string run_bytes(const std::string& file, const std::string& bytes) {
  auto files = test::fixture_bundle_files();  // tests/data/bundle
  files[file] = bytes;
  auto result = load_bundle(files);
  EXPECT_FALSE(result.bundle.has_value());
  return lines(result.problems);
}

Json& applicant(Json& j, int i = 0) { return j["notices"][0]["applicants"][i]; }

const Case kCases[] = {
    {"EmptyPhone", "notices.json", [](Json& j) { applicant(j, 12)["phone"] = ""; },
     "notices.json: notices[0].applicants[12].phone: expected a telephone number, found \"\"\n"},
    {"LettersInPhone", "notices.json", [](Json& j) { applicant(j)["phone"] = "call me"; },
     "notices.json: notices[0].applicants[0].phone: expected a telephone number, found \"call "
     "me\"\n"},
    {"PhoneTooFewDigits", "notices.json", [](Json& j) { applicant(j)["phone"] = "12-34"; },
     "notices.json: notices[0].applicants[0].phone: expected a telephone number, found "
     "\"12-34\"\n"},
    {"PhoneIsNumber", "notices.json", [](Json& j) { applicant(j)["phone"] = 2100000001; },
     "notices.json: notices[0].applicants[0].phone: expected a string, found the number "
     "2100000001\n"},
    {"MissingName", "notices.json", [](Json& j) { applicant(j).erase("name"); },
     "notices.json: notices[0].applicants[0].name: expected a string, found nothing\n"},
    {"EmptyName", "notices.json", [](Json& j) { applicant(j)["name"] = ""; },
     "notices.json: notices[0].applicants[0].name: expected text, found \"\"\n"},
    {"NameWithNewline", "notices.json", [](Json& j) { applicant(j)["name"] = "示例\n街道"; },
     "notices.json: notices[0].applicants[0].name: expected one line of text, found the control "
     "character U+000A\n"},
    {"NameWithBidiOverride", "notices.json",
     [](Json& j) { applicant(j)["name"] = "示例\u202e街道"; },
     "notices.json: notices[0].applicants[0].name: expected text without bidirectional overrides, "
     "found U+202E\n"},
    {"NameTooLong", "notices.json", [](Json& j) { applicant(j)["name"] = std::string(201, 'x'); },
     "notices.json: notices[0].applicants[0].name: expected at most 200 characters, found 201\n"},
    {"SummaryTooLong", "notices.json",
     [](Json& j) {
       std::string s;
       for (int i = 0; i < 10001; ++i) s += "字";
       applicant(j)["summary"] = s;
     },
     "notices.json: notices[0].applicants[0].summary: expected at most 10000 characters, found "
     "10001\n"},
    {"UnknownCategory", "notices.json", [](Json& j) { applicant(j)["category"] = "street_best"; },
     "notices.json: notices[0].applicants[0].category: expected one of street_demo, street_model, "
     "committee_demo, committee_model, committee_harmony, found \"street_best\"\n"},
    {"ChineseCategoryInJson", "notices.json",
     [](Json& j) { applicant(j)["category"] = "示范街道(镇)"; },
     "notices.json: notices[0].applicants[0].category: expected one of street_demo, street_model, "
     "committee_demo, committee_model, committee_harmony, found \"示范街道(镇)\"\n"},
    {"TownWithALineBreak", "notices.json", [](Json& j) { applicant(j)["town"] = "赵巷\n镇"; },
     "notices.json: notices[0].applicants[0].town: expected one line of text, found the control "
     "character U+000A\n"},
    {"TownTooLong", "notices.json",
     [](Json& j) {
       std::string s;
       for (int i = 0; i < 201; ++i) s += "镇";
       applicant(j)["town"] = s;
     },
     "notices.json: notices[0].applicants[0].town: expected at most 200 characters, found 201\n"},
    {"TownNotText", "notices.json", [](Json& j) { applicant(j)["town"] = 7; },
     "notices.json: notices[0].applicants[0].town: expected a string, found the number 7\n"},
    {"AddressOnStreet", "notices.json", [](Json& j) { applicant(j)["address"] = "示例路1号"; },
     "notices.json: notices[0].applicants[0].address: expected no address for category street_demo "
     "(its form has 联系人 contact), found \"示例路1号\"\n"},
    {"ContactOnCommittee", "notices.json", [](Json& j) { applicant(j, 4)["contact"] = "某某"; },
     "notices.json: notices[0].applicants[4].contact: expected no contact for category "
     "committee_demo (its form has 地址 address), found \"某某\"\n"},
    {"DuplicateApplicantId", "notices.json", [](Json& j) { applicant(j, 1)["id"] = "sd-01"; },
     "notices.json: notices[0].applicants[1].id: expected an applicant id unique in its notice, "
     "found \"sd-01\" again\n"},
    {"BadApplicantId", "notices.json", [](Json& j) { applicant(j)["id"] = "a b"; },
     "notices.json: notices[0].applicants[0].id: expected an id of 1–64 letters, digits, _ or -, "
     "found \"a b\"\n"},
    {"DuplicateNoticeId", "notices.json", [](Json& j) { j["notices"].push_back(j["notices"][0]); },
     "notices.json: notices[1].id: expected a unique notice id, found \"demo-2026\" again\n"},
    {"WindowEndsBeforeStart", "notices.json",
     [](Json& j) {
       j["notices"][0]["window"] = {{"start", "2026-12-01"}, {"end", "2026-11-30"}};
     },
     "notices.json: notices[0].window.end: expected a date on or after start 2026-12-01, found "
     "2026-11-30\n"},
    {"WindowImpossibleDate", "notices.json",
     [](Json& j) { j["notices"][0]["window"]["start"] = "2026-02-30"; },
     "notices.json: notices[0].window.start: expected a date YYYY-MM-DD, found \"2026-02-30\"\n"},
    {"WindowSlashDate", "notices.json",
     [](Json& j) { j["notices"][0]["window"]["end"] = "2026/12/31"; },
     "notices.json: notices[0].window.end: expected a date YYYY-MM-DD, found \"2026/12/31\"\n"},
    {"WindowMissing", "notices.json", [](Json& j) { j["notices"][0].erase("window"); },
     "notices.json: notices[0].window: expected an object, found nothing\n"},
    {"UnknownNoticeKey", "notices.json", [](Json& j) { j["notices"][0]["titel"] = "x"; },
     "notices.json: notices[0].titel: expected one of the keys id, title, issuer, doc_number, "
     "window, intro, demo, applicants, objection, corrections, result, found an unknown key\n"},
    {"DemoNotBoolean", "notices.json", [](Json& j) { j["notices"][0]["demo"] = "yes"; },
     "notices.json: notices[0].demo: expected true or false, found \"yes\"\n"},
    {"ApplicantsNotArray", "notices.json",
     [](Json& j) { j["notices"][0]["applicants"] = Json::object(); },
     "notices.json: notices[0].applicants: expected an array, found an object\n"},
    {"ReviewLevelNotOnForm", "notices.json",
     [](Json& j) {
       applicant(j)["reviews"] = Json::array(
           {{{"level", "street"}, {"opinion", ""}, {"date", nullptr}, {"sealed", false}}});
     },
     "notices.json: notices[0].applicants[0].reviews[0].level: expected a level of the "
     "上海市社区建设示范街道(镇)申报表 (district_bureau, district_government, city_bureau), found "
     "\"street\"\n"},
    {"ReviewTwice", "notices.json",
     [](Json& j) { applicant(j)["reviews"][1] = applicant(j)["reviews"][0]; },
     "notices.json: notices[0].applicants[0].reviews[1].level: expected each review level once, "
     "found \"district_bureau\" again\n"},
    {"ReviewSealedString", "notices.json",
     [](Json& j) { applicant(j)["reviews"][0]["sealed"] = "盖章"; },
     "notices.json: notices[0].applicants[0].reviews[0].sealed: expected true or false, found "
     "\"盖章\"\n"},
    {"SchemaThree", "notices.json", [](Json& j) { j["schema"] = 3; },
     "notices.json: schema: expected an integer from 1 to 2, found 3\n"},
    {"TopLevelArray", "notices.json", [](Json& j) { j = Json::array(); },
     "notices.json: (top level): expected an object, found an array\n"},
    {"HotlineBadLevel", "hotlines.json", [](Json& j) { j["hotlines"][0]["level"] = "市"; },
     "hotlines.json: hotlines[0].level: expected one of 区, 街镇, found \"市\"\n"},
    {"HotlineBadNumber", "hotlines.json", [](Json& j) { j["hotlines"][0]["number"] = "12345abc"; },
     "hotlines.json: hotlines[0].number: expected a telephone number, found \"12345abc\"\n"},
    {"HotlineDuplicateId", "hotlines.json",
     [](Json& j) { j["hotlines"][1]["id"] = j["hotlines"][0]["id"]; },
     "hotlines.json: hotlines[1].id: expected a unique hotline id, found \"district-supervision\" "
     "again\n"},
    {"NineStandards", "document.json", [](Json& j) { j["standards"].erase(9); },
     "document.json: standards: expected the ten 创建标准, found 9\n"},
    {"StandardsOutOfOrder", "document.json",
     [](Json& j) { std::swap(j["standards"][0], j["standards"][1]); },
     "document.json: standards[0].number: expected 1 (standards in order), found 2\n"
     "document.json: standards[1].number: expected 2 (standards in order), found 1\n"},
    {"IndicatorQuoteNotInText", "document.json",
     [](Json& j) { j["standards"][1]["indicators"][0]["quote"] = "覆盖率99%"; },
     "document.json: standards[1].indicators[0].quote: expected words that occur in the standard's "
     "text, found \"覆盖率99%\"\n"},
    {"StepEndsBeforeStart", "document.json", [](Json& j) { j["steps"][0]["end"] = "2011-01-01"; },
     "document.json: steps[0].end: expected a date on or after start 2011-02-28, found "
     "2011-01-01\n"},
    {"SectionWithTwoBodies", "document.json",
     [](Json& j) { j["sections"][0]["include"] = "steps"; },
     "document.json: sections[0]: expected exactly one of paragraphs, subsections or include, "
     "found 2\n"},
    {"SectionIncludeUnknown", "document.json",
     [](Json& j) { j["sections"][3]["include"] = "hotlines"; },
     "document.json: sections[3].include: expected one of standards, steps, found \"hotlines\"\n"},
    {"FormMissing", "document.json", [](Json& j) { j["forms"].erase(4); },
     "document.json: forms: expected a form for category committee_harmony, found none\n"},
    {"StreetFormWithAddress", "document.json",
     [](Json& j) { j["forms"][0]["fields"][2]["key"] = "address"; },
     "document.json: forms[0].fields: expected a field with key contact for category street_demo, "
     "found none\n"
     "document.json: forms[0].fields: expected no field address on a street form, found one\n"},
    {"DocumentDateWrongType", "document.json", [](Json& j) { j["date"] = 20110228; },
     "document.json: date: expected a date YYYY-MM-DD, found the number 20110228\n"},
};

class BadContent : public ::testing::TestWithParam<Case> {};

TEST_P(BadContent, GetsExactlyItsErrorLine) {
  const Case& c = GetParam();
  EXPECT_EQ(run_mutation(c.file, c.mutate), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadContent, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

struct BytesCase {
  const char* name;
  const char* file;
  std::string bytes;
  const char* expected;
  friend void PrintTo(const BytesCase& c, std::ostream* os) { *os << c.name; }
};

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

const BytesCase kByteCases[] = {
    {"InvalidUtf8", "notices.json", "{\"schema\": 1, \"notices\": [{\"id\": \"\xC4\xE3\"}]}",
     "notices.json: notices[0].id: expected UTF-8 text, found invalid byte 0xC4 at character 1 "
     "(line 1, column 35; is the file saved as GBK?)\n"},
    {"TrailingGarbage", "hotlines.json", "{\"schema\": 1, \"hotlines\": []} extra",
     "hotlines.json: line 1, column 31: expected valid JSON, found syntax error while parsing "
     "value - invalid literal; expected end of input\n"},
    {"Truncated", "notices.json", "{\"schema\": 1, \"notices\": [",
     "notices.json: line 1, column 27: expected valid JSON, found syntax error while parsing value "
     "- unexpected end of input; expected '[', '{', or a literal\n"},
    {"EmptyFile", "document.json", "",
     "document.json: line 1, column 1: expected valid JSON, found syntax error while parsing value "
     "- unexpected end of input; expected '[', '{', or a literal\n"},
    {"NestingBomb", "notices.json", nested(100000),
     "notices.json: line 1, column 33: expected at most 32 levels of nesting, found more\n"},
    {"OverSizeLimit", "notices.json", std::string((16u << 20) + 1, ' '),
     "notices.json: expected at most 16 MiB, found 16777217 bytes\n"},
};

class BadBytes : public ::testing::TestWithParam<BytesCase> {};

TEST_P(BadBytes, GetsExactlyItsErrorLine) {
  const BytesCase& c = GetParam();
  EXPECT_EQ(run_bytes(c.file, c.bytes), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadBytes, ::testing::ValuesIn(kByteCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(BadContent, MissingFileIsNamed) {
  auto files = test::fixture_bundle_files();  // tests/data/bundle
  files.erase("hotlines.json");
  EXPECT_EQ(lines(load_bundle(files).problems), "hotlines.json: expected the file, found none\n");
}

// The bundle's file names have one definition (content::bundle_files) that the loader reads by.
TEST(BadContent, EveryContentFileIsRequiredByItsOneName) {
  EXPECT_EQ(std::string(bundle_files::kManifest), "manifest.json");
  EXPECT_EQ(std::string(bundle_files::kSignature), "manifest.sig");
  for (const char* name : bundle_files::kContentFiles) {
    auto files = embedded_bundle_files();
    ASSERT_EQ(files.erase(name), 1u) << name;
    EXPECT_EQ(lines(load_bundle(files).problems),
              std::string(name) + ": expected the file, found none\n");
  }
  auto files = embedded_bundle_files();
  files.erase(bundle_files::kManifest);
  LoadOptions signed_only;
  signed_only.require_manifest = true;
  EXPECT_EQ(lines(load_bundle(files, signed_only).problems),
            "manifest.json: expected the file, found none\n");
}

TEST(BadContent, EveryProblemIsReportedNotJustTheFirst) {
  auto files = test::fixture_bundle_files();  // tests/data/bundle
  Json j = Json::parse(files.at("notices.json"));
  for (int i = 0; i < 3; ++i) applicant(j, i)["phone"] = "";
  files["notices.json"] = j.dump();
  EXPECT_EQ(load_bundle(files).problems.size(), 3u);
}

TEST(BadContent, ProblemFloodIsCapped) {
  auto files = test::fixture_bundle_files();  // tests/data/bundle
  Json j = Json::parse(files.at("notices.json"));
  auto& list = j["notices"][0]["applicants"];
  const Json proto = list[0];
  for (int i = 0; i < 500; ++i) {
    Json a = proto;
    a["id"] = "x" + std::to_string(i);
    a["phone"] = "";
    list.push_back(a);
  }
  files["notices.json"] = j.dump();
  const auto problems = load_bundle(files).problems;
  ASSERT_EQ(problems.size(), 201u);
  EXPECT_EQ(problems.back().line(), "notices.json: … and 300 more problems");
}

// notices.json's applicants are read while the file is parsed (json::ItemStream); a file the fast
// pass leaves to the exact path (here: the same bytes after a byte order mark) is read from its
// DOM. Both give the same problems in the same order, capped the same way: the notices' own
// fields, then their applicants', then their unknown keys.
TEST(BadContent, StreamedApplicantsReportAsTheDomDoes) {
  Json j = Json::parse(test::fixture_bundle_files().at("notices.json"));
  Json& notice = j["notices"][0];
  notice["title"] = "";
  notice["colour"] = "red";
  auto& list = notice["applicants"];
  list[1]["id"] = list[0]["id"];
  list[2]["phone"] = "";
  list[3]["extra"] = 1;
  list[4] = "not an object";
  const Json proto = list[0];
  for (int i = 0; i < 250; ++i) {
    Json a = proto;
    a["id"] = "x" + std::to_string(i);
    a["leader"] = "";
    list.push_back(a);
  }
  Json second = notice;
  second["id"] = "second";
  j["notices"].push_back(second);
  const std::string bytes = j.dump();
  Problems streamed, from_dom;
  EXPECT_FALSE(parse_notices(bytes, streamed).has_value());
  EXPECT_FALSE(parse_notices("\xEF\xBB\xBF" + bytes, from_dom).has_value());
  ASSERT_EQ(streamed.size(), 201u);
  EXPECT_EQ(lines(streamed), lines(from_dom));
  EXPECT_EQ(streamed[0].line(), "notices.json: notices[0].title: expected text, found \"\"");
  EXPECT_EQ(streamed.back().line(), "notices.json: … and 312 more problems");
}

// Most applicants are read straight from the bytes (json::FlatReader), the rest from their DOM;
// one that the flat reading gives up on part way (here: after its id was taken) leaves no trace,
// so its id is not "seen again" when its DOM is read. Problems as the DOM path gives them.
TEST(BadContent, AnApplicantReadAgainFromItsDomKeepsItsIdOnce) {
  Json j = Json::parse(test::fixture_bundle_files().at("notices.json"));
  auto& list = j["notices"][0]["applicants"];
  list[1]["phone"] = "call me";             // flat reading takes its id, then gives up
  list[2]["id"] = list[1]["id"];            // a real duplicate of it
  list[3]["reviews"][0]["sealed"] = "yes";  // gives up inside a review
  const std::string bytes = j.dump();
  Problems streamed, from_dom;
  EXPECT_FALSE(parse_notices(bytes, streamed).has_value());
  EXPECT_FALSE(parse_notices("\xEF\xBB\xBF" + bytes, from_dom).has_value());
  EXPECT_EQ(lines(streamed), lines(from_dom));
  EXPECT_EQ(lines(streamed),
            "notices.json: notices[0].applicants[1].phone: expected a telephone number, found "
            "\"call me\"\n"
            "notices.json: notices[0].applicants[2].id: expected an applicant id unique in its "
            "notice, found \"" +
                list[1]["id"].get<std::string>() +
                "\" again\n"
                "notices.json: notices[0].applicants[3].reviews[0].sealed: expected true or false, "
                "found \"yes\"\n");
}

// Valid applicants give the same model either way: every field, every review, escapes decoded.
TEST(BadContent, FlatAndDomReadingGiveTheSameApplicants) {
  Json j = Json::parse(test::fixture_bundle_files().at("notices.json"));
  auto& list = j["notices"][0]["applicants"];
  list[0]["summary"] = "第一段。\n第二段,\"引号\"与\\反斜杠";
  list[1]["reviews"] = Json::array();
  list[2].erase("reviews");
  std::string bytes = j.dump();
  // An escaped key and an escaped character, as an editor might save them.
  const auto at = bytes.find("\"leader\"");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 8, "\"lead\\u0065r\"");
  Problems problems;
  const auto streamed = parse_notices(bytes, problems);
  const auto from_dom = parse_notices("\xEF\xBB\xBF" + bytes, problems);
  ASSERT_TRUE(streamed.has_value()) << lines(problems);
  ASSERT_TRUE(from_dom.has_value()) << lines(problems);
  ASSERT_EQ(streamed->size(), from_dom->size());
  for (std::size_t n = 0; n < streamed->size(); ++n) {
    const auto& a = (*streamed)[n].applicants;
    const auto& b = (*from_dom)[n].applicants;
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(applicant_to_json(a[i]).dump(), applicant_to_json(b[i]).dump()) << i;
    }
  }
  const auto& first = (*streamed)[0].applicants;
  EXPECT_EQ(first[0].summary, "第一段。\n第二段,\"引号\"与\\反斜杠");
  EXPECT_TRUE(first[1].reviews.empty());
  EXPECT_FALSE(first[3].reviews.empty());
}

// A folder shown as it is reads its large files through a mapping (LoadOptions::map_large_files):
// the same bundle as reading them, and a file cut short between reading and parsing is said to
// be, alone, instead of the zeros the mapping then shows being reported as JSON problems.
std::string many_applicants(std::size_t count) {
  auto j = Json::parse(test::fixture_bundle_files().at(bundle_files::kNotices));
  auto& applicants = j["notices"][0]["applicants"];
  const Json proto = applicants;
  applicants = Json::array();
  for (std::size_t i = 0; i < count; ++i) {
    Json a = proto[i % proto.size()];
    a["id"] = "a" + std::to_string(i);
    applicants.push_back(std::move(a));
  }
  return j.dump(1);
}

TEST(MappedFiles, ALargeFileMappedLoadsAsItDoesRead) {
  const test::TempDir dir;
  test::write_fixture_bundle(dir.path());
  const std::string notices = many_applicants(600);
  ASSERT_GE(notices.size(), files::kMapFrom);
  dir.write(bundle_files::kNotices, notices);
  LoadOptions mapped;
  mapped.map_large_files = true;
  BundleFiles read = read_bundle_files(dir.path(), mapped);
  ASSERT_TRUE(read.problems.empty());
  EXPECT_TRUE(read.files.at(bundle_files::kNotices).mapped());
  EXPECT_FALSE(read.files.at(bundle_files::kHotlines).mapped());  // small: read
  const LoadResult a = load_bundle(std::move(read));
  const LoadResult b = load_bundle(dir.path());
  ASSERT_TRUE(a.bundle) << lines(a.problems);
  ASSERT_TRUE(b.bundle) << lines(b.problems);
  EXPECT_FALSE(b.raw.at(bundle_files::kNotices).mapped());
  const auto& mine = a.bundle->notices[0].applicants;
  const auto& theirs = b.bundle->notices[0].applicants;
  ASSERT_EQ(mine.size(), 600U);
  ASSERT_EQ(theirs.size(), 600U);
  for (std::size_t i = 0; i < mine.size(); ++i)
    EXPECT_EQ(applicant_to_json(mine[i]), applicant_to_json(theirs[i])) << i;
}

TEST(MappedFiles, AFileCutShortWhileItIsReadIsSaidAlone) {
  const test::TempDir dir;
  test::write_fixture_bundle(dir.path());
  const auto path = dir.write(bundle_files::kNotices, many_applicants(600));
  LoadOptions mapped;
  mapped.map_large_files = true;
  BundleFiles read = read_bundle_files(dir.path(), mapped);
  ASSERT_TRUE(read.files.at(bundle_files::kNotices).mapped());
  std::filesystem::resize_file(path, 100);  // an editor writing the file in place, say
  const LoadResult r = load_bundle(std::move(read));
  EXPECT_FALSE(r.bundle);
  EXPECT_EQ(lines(r.problems),
            "notices.json: expected the file to stay as it was while it was read, found it cut "
            "short; read it again\n");
}

// What manifest.json lists is checked in its order before the content's own lines, whether the
// hashes are taken beside the parse (a megabyte and more) or after it.
class ListedFiles : public ::testing::TestWithParam<std::size_t> {};

TEST_P(ListedFiles, TheirLinesComeInTheManifestsOrderBeforeTheContents) {
  auto files = test::fixture_bundle_files();  // tests/data/bundle
  Json notices = Json::parse(many_applicants(GetParam()));
  applicant(notices)["phone"] = "";
  files[bundle_files::kNotices] = notices.dump(1);
  const std::string& n = files[bundle_files::kNotices];
  const std::string& h = files[bundle_files::kHotlines];
  const std::string& d = files[bundle_files::kDocument];
  if (GetParam() > 1000) {
    ASSERT_GE(n.size(), std::size_t{1} << 20);  // hashed beside the parse
  }
  const std::string wrong(64, '0');
  const Json manifest = {
      {"schema", 1},
      {"version", 7},
      {"issued_at", "2026-11-25T09:00:00+08:00"},
      {"expires_at", "2026-12-25T09:00:00+08:00"},
      {"files",
       {{bundle_files::kDocument, {{"sha256", crypto::sha256_hex(d)}, {"size", d.size()}}},
        {bundle_files::kHotlines, {{"sha256", crypto::sha256_hex(h)}, {"size", h.size() + 1}}},
        {bundle_files::kNotices, {{"sha256", wrong}, {"size", n.size()}}}}}};
  files[bundle_files::kManifest] = manifest.dump();
  const LoadResult r = load_bundle(files);
  EXPECT_FALSE(r.bundle);
  EXPECT_EQ(lines(r.problems),
            "hotlines.json: expected " + std::to_string(h.size() + 1) +
                " bytes as manifest.json says, found " + std::to_string(h.size()) +
                "\nnotices.json: expected sha256 " + wrong + " as manifest.json says, found " +
                crypto::sha256_hex(n) +
                "\nnotices.json: notices[0].applicants[0].phone: expected a telephone number, "
                "found \"\"\n");
}

// 40 applicants hash after the parse; 3,000 (over a megabyte) on a thread beside it.
INSTANTIATE_TEST_SUITE_P(SmallAndLarge, ListedFiles, ::testing::Values(40, 3000));

}  // namespace
}  // namespace kiosk::content
