// Hostile text in content: what validation refuses (with the reason) and what it lets through for
// the renderer to draw inside its box (the rendering side is tested in tests/ui and tests/render).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "content/parse.hpp"
#include "fixture_bundle.hpp"

namespace kiosk::content {
namespace {

using Json = nlohmann::ordered_json;

// Loads the default bundle with the first applicant's field set to value; "" when accepted.
std::string verdict(const std::string& field, const std::string& value) {
  auto files = test::fixture_bundle_files();  // tests/data/bundle
  Json j = Json::parse(files.at("notices.json"));
  j["notices"][0]["applicants"][4][field] = value;  // a committee applicant: has "address"
  files["notices.json"] = j.dump();
  const auto result = load_bundle(files);
  std::string out;
  for (const auto& p : result.problems) out += p.line() + "\n";
  EXPECT_EQ(result.bundle.has_value(), out.empty());
  return out;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kPath = "notices.json: notices[0].applicants[4].";

TEST(HostileText, Refused) {
  EXPECT_EQ(verdict("name", "示例\x01居委会"),
            kPath + "name: expected one line of text, found the control character U+0001\n");
  EXPECT_EQ(verdict("summary", "第一段\x1b[31m红色"),
            kPath + "summary: expected text, found the control character U+001B\n");
  EXPECT_EQ(verdict("summary", "C1 control \xc2\x85 here"),
            kPath + "summary: expected text, found the control character U+0085\n");
  EXPECT_EQ(verdict("name", "abc\u2067def"),
            kPath + "name: expected text without bidirectional overrides, found U+2067\n");
  EXPECT_EQ(verdict("name", "abc\u202adef"),
            kPath + "name: expected text without bidirectional overrides, found U+202A\n");
  EXPECT_EQ(verdict("summary", repeat("字", 10001)),
            kPath + "summary: expected at most 10000 characters, found 10001\n");
  EXPECT_EQ(verdict("name", repeat("长", 201)),
            kPath + "name: expected at most 200 characters, found 201\n");
  EXPECT_EQ(verdict("leader", std::string("张\x00三", 4)),
            kPath + "leader: expected one line of text, found the control character U+0000\n");
}

TEST(HostileText, AcceptedForTheRendererToContain) {
  EXPECT_EQ(verdict("summary", repeat("字", 10000)), "");                       // longest field
  EXPECT_EQ(verdict("summary", std::string(10000, 'W')), "");                   // unbroken run
  EXPECT_EQ(verdict("name", "e\u0301\u0301\u0301\u0301\u0301 combining"), "");  // combining marks
  EXPECT_EQ(verdict("name", "示例👨‍👩‍👧‍👦居委会🇨🇳"),
            "");                                                     // emoji, ZWJ, flag
  EXPECT_EQ(verdict("name", "𠮷䶮𪚥居委会"), "");                    // outside the BMP
  EXPECT_EQ(verdict("name", "零宽\u200b连接\u200d不连\u200c"), "");  // zero-width characters
  EXPECT_EQ(verdict("address", "العربية עברית"), "");                // RTL text, no overrides
  EXPECT_EQ(verdict("summary", "第一段\n\n第二段\n"), "");           // paragraphs may break
}

}  // namespace
}  // namespace kiosk::content
