// The text rules every JSON file is held to (issue 11, item 15): text that shows nothing, line
// separators in one-line fields, duplicate keys and invalid UTF-8 named by their field, in the
// bundle's files, the manifest and the configuration alike; each with its exact line.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "content/parse.hpp"
#include "fixture_bundle.hpp"
#include "json/reader.hpp"

namespace kiosk::content {
namespace {

using Json = nlohmann::ordered_json;

std::string lines(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += p.line() + "\n";
  return out;
}

// The default bundle with file changed by mutate; its problems, one line each ("" when accepted).
std::string verdict(const std::string& file, const std::function<void(Json&)>& mutate) {
  auto files = test::fixture_bundle_files();  // tests/data/bundle
  Json j = Json::parse(files.at(file));
  mutate(j);
  files[file] = j.dump(1);
  const auto result = load_bundle(files);
  EXPECT_EQ(result.bundle.has_value(), result.problems.empty());
  return lines(result.problems);
}

// The same with the bytes of file given (after dumping the mutated DOM, `from` replaced by `to`).
std::string verdict_bytes(const std::string& file, const std::function<void(Json&)>& mutate,
                          const std::string& from, const std::string& to) {
  auto files = test::fixture_bundle_files();  // tests/data/bundle
  Json j = Json::parse(files.at(file));
  mutate(j);
  std::string bytes = j.dump(1);
  const auto at = bytes.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) bytes.replace(at, from.size(), to);
  files[file] = bytes;
  const auto result = load_bundle(files);
  EXPECT_FALSE(result.bundle.has_value());
  return lines(result.problems);
}

Json& applicant(Json& j, int i) { return j["notices"][0]["applicants"][i]; }

const std::string kBlank = ": expected visible text, found only spaces/invisible characters\n";

// Text made only of characters that draw nothing, each alone and mixed.
const std::vector<std::string> kShowsNothing{
    " ",      "   ",          "\u3000\u3000",
    "\u200B", "\u200C\u200D", "\u2060",
    "\uFEFF", "\u00A0",       " \u3000\u200B\uFEFF",
    "\u0301", "\uFE0F",       "\U000E0041",
    "\u3164", "\u00AD",       "\u2800",
    "\u180E", "\u2063\u034F", "\u202F\u205F",
};

TEST(TextRules, OneLineTextThatShowsNothingIsRefusedInEveryField) {
  for (const auto& v : kShowsNothing) {
    SCOPED_TRACE(testing::PrintToString(v));
    const std::string a = "notices.json: notices[0].applicants[4].";
    EXPECT_EQ(verdict("notices.json", [&](Json& j) { applicant(j, 4)["name"] = v; }),
              a + "name" + kBlank);
    EXPECT_EQ(verdict("notices.json", [&](Json& j) { applicant(j, 4)["leader"] = v; }),
              a + "leader" + kBlank);
    // Optional fields may be empty, but not blank-looking.
    EXPECT_EQ(verdict("notices.json", [&](Json& j) { applicant(j, 4)["address"] = v; }),
              a + "address" + kBlank);
    EXPECT_EQ(verdict("notices.json", [&](Json& j) { applicant(j, 0)["contact"] = v; }),
              "notices.json: notices[0].applicants[0].contact" + kBlank);
    EXPECT_EQ(verdict("notices.json", [&](Json& j) { j["notices"][0]["title"] = v; }),
              "notices.json: notices[0].title" + kBlank);
    EXPECT_EQ(verdict("hotlines.json", [&](Json& j) { j["hotlines"][0]["name"] = v; }),
              "hotlines.json: hotlines[0].name" + kBlank);
    EXPECT_EQ(verdict("hotlines.json", [&](Json& j) { j["hotlines"][0]["hours"] = v; }),
              "hotlines.json: hotlines[0].hours" + kBlank);
    EXPECT_EQ(verdict("document.json", [&](Json& j) { j["standards"][0]["label"] = v; }),
              "document.json: standards[0].label" + kBlank);
    EXPECT_EQ(verdict("document.json", [&](Json& j) { j["signature"]["issuer"] = v; }),
              "document.json: signature.issuer" + kBlank);
  }
}

TEST(TextRules, ParagraphsThatShowNothingAreRefusedToo) {
  EXPECT_EQ(verdict("document.json", [](Json& j) { j["preamble"][0] = "\u3000\u3000"; }),
            "document.json: preamble[0]" + kBlank);
  EXPECT_EQ(verdict("notices.json", [](Json& j) { applicant(j, 4)["summary"] = "\n\u200B\n"; }),
            "notices.json: notices[0].applicants[4].summary" + kBlank);
  EXPECT_EQ(
      verdict("notices.json", [](Json& j) { applicant(j, 0)["reviews"][0]["opinion"] = " "; }),
      "notices.json: notices[0].applicants[0].reviews[0].opinion" + kBlank);
}

TEST(TextRules, VisibleTextWithInvisibleCharactersStaysAccepted) {
  for (const std::string v : {"\u3000\u3000示例居委会", "示例\u200B居委会", "e\u0301", "\u200B示",
                              "示例👨‍👩‍👧‍👦", "🇨🇳", "العربية", "-", "\u0600"}) {
    SCOPED_TRACE(v);
    EXPECT_EQ(verdict("notices.json", [&](Json& j) { applicant(j, 4)["name"] = v; }), "");
  }
  // Empty optional fields stay allowed.
  EXPECT_EQ(verdict("notices.json", [](Json& j) { applicant(j, 4)["address"] = ""; }), "");
}

TEST(TextRules, LineBreaksInOneLineFieldsAreNamed) {
  const std::string a =
      "notices.json: notices[0].applicants[4].name: expected one line of text, found the ";
  const auto name = [](const std::string& v) {
    return verdict("notices.json", [&](Json& j) { applicant(j, 4)["name"] = v; });
  };
  EXPECT_EQ(name("示例\u2028居委会"), a + "line separator U+2028\n");
  EXPECT_EQ(name("示例\u2029居委会"), a + "paragraph separator U+2029\n");
  EXPECT_EQ(name("示例\r居委会"), a + "control character U+000D\n");
  EXPECT_EQ(name("示例\v居委会"), a + "control character U+000B\n");
  EXPECT_EQ(name("示例\f居委会"), a + "control character U+000C\n");
  EXPECT_EQ(name("示例\u0085居委会"), a + "control character U+0085\n");
  EXPECT_EQ(verdict("hotlines.json", [](Json& j) { j["hotlines"][0]["name"] = "监督\u2028电话"; }),
            "hotlines.json: hotlines[0].name: expected one line of text, found the line separator "
            "U+2028\n");
  EXPECT_EQ(
      verdict("document.json", [](Json& j) { j["sections"][0]["heading"] = "一、\u2029指导思想"; }),
      "document.json: sections[0].heading: expected one line of text, found the paragraph "
      "separator "
      "U+2029\n");
  // A paragraph may break where the layout breaks.
  EXPECT_EQ(
      verdict("notices.json", [](Json& j) { applicant(j, 4)["summary"] = "第一行\u2028第二行"; }),
      "");
}

TEST(TextRules, DuplicateKeysAreRefusedWithTheirPath) {
  // The last "name" would silently win; the file is refused instead.
  EXPECT_EQ(verdict_bytes(
                "notices.json", [](Json& j) { applicant(j, 3)["zz-dup"] = "另一个名字"; },
                "\"zz-dup\"", "\"name\""),
            "notices.json: notices[0].applicants[3].name: expected each key once, found \"name\" "
            "again\n");
  EXPECT_EQ(verdict_bytes(
                "hotlines.json", [](Json& j) { j["zz-dup"] = 1; }, "\"zz-dup\"", "\"schema\""),
            "hotlines.json: schema: expected each key once, found \"schema\" again\n");
  EXPECT_EQ(
      verdict_bytes(
          "document.json", [](Json& j) { j["forms"][2]["fields"][1]["zz-dup"] = "x"; },
          "\"zz-dup\"", "\"label\""),
      "document.json: forms[2].fields[1].label: expected each key once, found \"label\" again\n");
}

TEST(TextRules, DuplicateKeysInTheManifestAndTheConfigurationToo) {
  Problems problems;
  EXPECT_FALSE(
      parse_manifest(R"({"schema": 1, "version": 2, "version": 3, "issued_at": "x"})", problems));
  EXPECT_EQ(lines(problems),
            "manifest.json: version: expected each key once, found \"version\" again\n");
  problems.clear();
  EXPECT_FALSE(
      config::parse(R"({"office_name": "甲街道", "display": {"width": 1920, "width": 800}})",
                    "kiosk.json", problems));
  EXPECT_EQ(lines(problems),
            "kiosk.json: display.width: expected each key once, found \"width\" again\n");
  problems.clear();
  EXPECT_FALSE(config::parse("{\"office_name\": \"\u3000\u200B\"}", "kiosk.json", problems));
  EXPECT_EQ(lines(problems), "kiosk.json: office_name" + kBlank);
  problems.clear();
  EXPECT_FALSE(config::parse("{\"office_name\": \"甲\u2028街道\"}", "kiosk.json", problems));
  EXPECT_EQ(
      lines(problems),
      "kiosk.json: office_name: expected one line of text, found the line separator U+2028\n");
}

TEST(TextRules, InvalidUtf8NamesItsField) {
  // 你 in GBK (C4 E3) typed into an applicant's name, the rest of the file UTF-8.
  const std::string got = verdict_bytes(
      "notices.json", [](Json& j) { applicant(j, 3)["name"] = "示例@@居委会"; }, "@@", "\xC4\xE3");
  const std::string want =
      "notices.json: notices[0].applicants[3].name: expected UTF-8 text, found invalid byte 0xC4 "
      "at character 3 "
      "(line ";
  EXPECT_EQ(got.substr(0, want.size()), want);
  EXPECT_NE(got.find("; is the file saved as GBK?)\n"), std::string::npos) << got;
}

}  // namespace
}  // namespace kiosk::content

namespace kiosk::json {
namespace {

std::string problem_of(const std::string& bytes) {
  Problems problems;
  EXPECT_FALSE(parse(bytes, "t.json", problems).has_value()) << bytes;
  std::string out;
  for (const auto& p : problems) out += p.line() + "\n";
  return out;
}

TEST(JsonTextRules, InvalidUtf8IsPlacedByPathCharacterLineAndColumn) {
  EXPECT_EQ(problem_of("{\"a\": \"x\xC3\x28\"}"),
            "t.json: a: expected UTF-8 text, found invalid byte 0xC3 at character 2 (line 1, "
            "column 9; is the "
            "file saved as GBK?)\n");
  // Escapes count one character each, a surrogate pair one.
  EXPECT_EQ(problem_of("{\"notices\": [{\"id\": \"n\", \"applicants\": [{\"name\": \"甲\"}, "
                       "{\"name\": \"a\\\"b\\u4e2d\\ud83d\\ude00\xC4\xE3\"}]}]}"),
            "t.json: notices[0].applicants[1].name: expected UTF-8 text, found invalid byte 0xC4 "
            "at character 6 "
            "(line 1, column 88; is the file saved as GBK?)\n");
  EXPECT_EQ(problem_of("{\n  \"list\": [\n    \"ok\",\n    \"b\xE4\xB8\"\n  ]\n}"),
            "t.json: list[1]: expected UTF-8 text, found invalid byte 0xE4 at character 2 (line 4, "
            "column 7; is "
            "the file saved as GBK?)\n");
  EXPECT_EQ(problem_of("\"\xFF\""),
            "t.json: (top level): expected UTF-8 text, found invalid byte 0xFF at character 1 "
            "(line 1, column 2; "
            "is the file saved as GBK?)\n");
  // In a key: the object that holds it.
  EXPECT_EQ(problem_of("{\"a\": {\"na\xC3me\": 1}}"),
            "t.json: a: expected UTF-8 text in a key, found invalid byte 0xC3 at character 3 (line "
            "1, column 11; "
            "is the file saved as GBK?)\n");
  // Outside any string: only the line and column say where.
  EXPECT_EQ(problem_of("{\"a\": \xFF}"),
            "t.json: line 1, column 7: expected UTF-8 text, found invalid byte 0xFF (is the file "
            "saved as GBK?)\n");
}

TEST(JsonTextRules, DuplicateKeysAreRefusedWhicheverPathParsesTheFile) {
  // Integers only: the fast parser's kind of file; a fraction sends it to nlohmann's path. Both
  // refuse the same way.
  EXPECT_EQ(problem_of(R"({"a": 1, "a": 2})"),
            "t.json: a: expected each key once, found \"a\" again\n");
  EXPECT_EQ(problem_of(R"({"a": 1.5, "a": 2})"),
            "t.json: a: expected each key once, found \"a\" again\n");
  EXPECT_EQ(
      problem_of(R"({"x": [{"k": 1}, 2, {"k": 1, "j": [], "k": 2}], "y": {"z": {}, "z": 0}})"),
      "t.json: x[2].k: expected each key once, found \"k\" again\n"
      "t.json: y.z: expected each key once, found \"z\" again\n");
  EXPECT_EQ(problem_of(R"([{"a\nb": 1, "a\nb": 2}])"),
            "t.json: [0].a\\nb: expected each key once, found \"a\\nb\" again\n");
  // The same key in sibling objects is no duplicate.
  Problems problems;
  EXPECT_TRUE(parse(R"([{"k": 1}, {"k": 2}, {"k": {"k": 3}}])", "t.json", problems).has_value());
  EXPECT_TRUE(problems.empty());
}

TEST(JsonTextRules, CheckTextNamesWhatShowsNothingAndWhatBreaksALine) {
  const TextRule line{TextKind::OneLine, 9, true};
  const TextRule paragraph{TextKind::Paragraph, 9, true};
  EXPECT_EQ(check_text("\u3000", line),
            "expected visible text, found only spaces/invisible characters");
  EXPECT_EQ(check_text("\n \n", paragraph),
            "expected visible text, found only spaces/invisible characters");
  EXPECT_EQ(check_text("", line), "");
  EXPECT_EQ(check_text("\u3000甲", line), "");
  EXPECT_EQ(check_text("a\u2028b", line),
            "expected one line of text, found the line separator U+2028");
  EXPECT_EQ(check_text("a\u2028b", paragraph), "");
  EXPECT_EQ(check_text("ab\xE4\xB8", line),
            "expected UTF-8 text, found invalid byte 0xE4 at character 3");
}

}  // namespace
}  // namespace kiosk::json
