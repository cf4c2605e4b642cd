// Characters no configured font can draw, as kioskctl validate reports them.
#include "render/undrawable.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "content/bundle_strings.hpp"
#include "content/parse.hpp"
#include "core/utf8.hpp"
#include "ctl/commands.hpp"
#include "fixture_bundle.hpp"

namespace kiosk::render {
namespace {

// A fixed chain in which U+20000 and 😀 are undrawable; the kiosk's default chain (ending with
// BabelStone Han, which has both) is config::Config{}.fonts.families, what kioskctl validate uses.
const std::vector<std::string> kFamilies{"Noto Sans CJK SC", "WenQuanYi Micro Hei",
                                         "Droid Sans Fallback"};

// Writes a bundle's files to a fresh scratch directory.
std::filesystem::path write_bundle(const std::string& name,
                                   const std::map<std::string, std::string>& files) {
  const auto dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& [file, bytes] : files) std::ofstream(dir / file, std::ios::binary) << bytes;
  return dir;
}

TEST(Undrawable, ListsDistinctCharactersInOrder) {
  FontLibrary fonts(kFamilies);
  EXPECT_TRUE(undrawable_in("张𠮷䶮 Ą\n\u200b", fonts).empty());
  EXPECT_EQ(undrawable_in("\U00020000王\U0001F600\U00020000", fonts),
            (std::vector<char32_t>{0x20000, 0x1F600}));
  EXPECT_EQ(codepoint_label(0x20000), "U+20000");
  EXPECT_EQ(codepoint_label(0x4E2D), "U+4E2D");
}

TEST(Undrawable, NamesFileJsonPathAndCodePoint) {
  FontLibrary fonts(kFamilies);
  const std::map<std::string, std::string> files{
      {"notices.json",
       R"({"notices": [{"id": "n1", "applicants": [{"name": "甲"}, {"name": "乙"}, {"name": "丙"}, {"name": "张𠀀"}]}]})"},
      {"hotlines.json", R"({"hotlines": [{"name": "区民政局😀", "number": "021"}]})"},
      {"manifest.json", R"({"note": "𠀀"})"},
      {"broken.json", "{"},
  };
  const Problems problems =
      undrawable_characters(content::bundle_strings(content::file_map(files)), fonts);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line(),
            "hotlines.json: hotlines[0].name: expected characters the configured fonts can draw, "
            "found \"😀\" (U+1F600)");
  EXPECT_EQ(problems[1].line(),
            "notices.json: notices[0].applicants[3].name: expected characters the configured fonts "
            "can draw, found "
            "\"𠀀\" (U+20000)");
}

// A file whose raw characters are all drawable is not parsed again (the validate path's fast
// check), but a character written as a \u escape is still found.
TEST(Undrawable, EscapedCharactersAreFoundToo) {
  FontLibrary fonts(kFamilies);
  const std::map<std::string, std::string> files{
      {"hotlines.json", R"({"hotlines": [{"name": "区民政局\ud83d\ude00", "number": "021"}]})"},
      {"document.json", "{\n\t\"title\": \"标准 \\\"甲\\\"\"\r\n}"},
  };
  const auto skip = [&fonts](const std::string&, std::string_view bytes) {
    return surely_drawable(bytes, fonts);
  };
  const Problems problems =
      undrawable_characters(content::bundle_strings(content::file_map(files), skip), fonts);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line(),
            "hotlines.json: hotlines[0].name: expected characters the configured fonts can draw, "
            "found \"😀\" (U+1F600)");
}

// surely_drawable's inline decoding of CJK agrees with undrawable_in's on every kind of byte
// sequence: 3-byte ones at the edges of the fast path (E0, ED, EF), 2- and 4-byte ones, cut-off and
// invalid ones (drawn as U+FFFD), the same character twice.
TEST(Undrawable, SurelyDrawableAgreesWithUndrawableIn) {
  FontLibrary fonts(kFamilies);
  for (const std::string text :
       {"公示", "\xE0\xA4\x85", "\xED\x9F\xBB", "\xEF\xBC\x8C", "\xEF\xBF\xBF", "\xED\xA0\x80",
        "\xE4\xB8", "\xE4", "\xC3\xA9\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xF0\xA0\x80\x80", "\xFF",
        "王王\xE4\xB8\xAD"
        "A",
        "\x80"
        "abc",
        "\xEE\x80\x80"}) {
    EXPECT_EQ(surely_drawable(text, fonts), undrawable_in(text, fonts).empty())
        << "bytes of " << quote_found(text);
  }
}

// surely_drawable as it was before its 16-byte fast path (core/utf8_scan.hpp): the oracle below.
bool surely_drawable_before(std::string_view bytes, FontLibrary& fonts) {
  std::vector<std::uint64_t> asked((0x110000 + 63) / 64, 0);
  const auto first_time = [&asked](char32_t cp) {
    std::uint64_t& word = asked[cp >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (cp & 63);
    if ((word & bit) != 0) return false;
    word |= bit;
    return true;
  };
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[pos]);
    if (c < 0x80) {
      if (c == '\\' && pos + 1 < bytes.size() && bytes[pos + 1] == 'u') return false;
      ++pos;
      if (c == '\t' || c == '\n' || c == '\r' || !first_time(c)) continue;
      if (!fonts.can_draw(c)) return false;
      continue;
    }
    const auto d = utf8::decode(bytes, pos);
    pos += d.length;
    const char32_t cp = d.valid ? d.codepoint : U'\uFFFD';
    if (first_time(cp) && !fonts.can_draw(cp)) return false;
  }
  return true;
}

// The 16-byte fast path answers as the byte loop did, on random JSON-like text long enough to take
// it: plain ASCII and CJK, escapes (\u among them), whitespace, and characters no font draws in
// every position (U+E000 private use, U+20000, U+1F600), broken sequences too.
TEST(Undrawable, SurelyDrawableAnswersAsBeforeOnRandomText) {
  FontLibrary fonts(kFamilies);
  ASSERT_TRUE(fonts.usable());
  static const std::vector<std::string> pieces{"\"name\": \"",
                                               "\", ",
                                               "\\\"",
                                               "\\\\",
                                               "\\n",
                                               "\\u4e2d",
                                               "\t",
                                               "\n",
                                               "\r\n",
                                               "\x7F",
                                               "\x01",
                                               "é",
                                               "　",
                                               "\xE0\xA4\x85",
                                               "\xED\x9F\xBB",
                                               "\xEF\xBC\x8C",
                                               "\xEF\xBF\xBF",
                                               "\xED\xA0\x80",
                                               "\xE4\xB8",
                                               "\x80",
                                               "\xFF",
                                               "\xEE\x80\x80",
                                               "\U00020000",
                                               "\U0001F600",
                                               "𠮷"};
  std::mt19937 rng(42);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> kind(0, 40);
  std::uniform_int_distribution<std::size_t> length(0, 120);
  int drawable = 0;
  for (int n = 0; n < 5000; ++n) {
    std::string s;
    const std::size_t size = length(rng);
    while (s.size() < size) {
      const int k = kind(rng);
      s += k < 20 ? "示例" : k < 38 ? "ab 1" : pieces[piece(rng)];
    }
    const bool want = surely_drawable_before(s, fonts);
    drawable += want ? 1 : 0;
    ASSERT_EQ(surely_drawable(s, fonts), want) << "bytes of " << quote_found(s);
  }
  EXPECT_GT(drawable, 100);  // both answers were asked for
  EXPECT_LT(drawable, 4900);
}

TEST(Undrawable, TheEmbeddedDefaultContentIsFullyDrawable) {
  FontLibrary fonts(kFamilies);
  const Problems problems = undrawable_characters(
      content::bundle_strings(content::file_map(content::embedded_bundle_files())), fonts);
  EXPECT_TRUE(problems.empty()) << problems.front().line();
}

TEST(Undrawable, KioskctlValidateReportsThem) {
  auto files = content::embedded_bundle_files();
  std::string& text = files.at("notices.json");
  const auto at = text.find("\"name\": \"");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 9, "\U000F0000");
  const auto dir = write_bundle("kiosk_undrawable_bundle", files);
  std::ostringstream out, err;
  const int status = ctl::cmd_validate({dir.string()}, out, err);
  EXPECT_EQ(status, 1) << out.str() << err.str();
  EXPECT_NE(
      err.str().find(
          ": expected characters the configured fonts can draw, found \"\U000F0000\" (U+F0000)"),
      std::string::npos)
      << err.str();
  EXPECT_NE(err.str().find("notices.json: notices[0].applicants[0].name: "), std::string::npos)
      << err.str();
  std::filesystem::remove_all(dir);
}

// Names with CJK Extension E, G and H characters pass kioskctl validate (its default chain is the
// kiosk's, ending with BabelStone Han); a code point no font has is still refused by number.
TEST(Undrawable, KioskctlValidatePassesExtensionEGHNamesAndRefusesWhatNoFontHas) {
  auto dir = write_bundle("kiosk_rare_names_bundle", test::rare_name_bundle_files());
  std::ostringstream out, err;
  EXPECT_EQ(ctl::cmd_validate({dir.string()}, out, err), 0) << err.str();
  EXPECT_EQ(err.str(), "");
  EXPECT_NE(out.str().find(": valid: "), std::string::npos) << out.str();

  auto files = test::rare_name_bundle_files();
  std::string& notices = files.at("notices.json");
  const auto at = notices.find(test::kRareName);
  ASSERT_NE(at, std::string::npos);
  notices.insert(at + std::string_view(test::kRareName).size(), "\U000F0000");
  dir = write_bundle("kiosk_rare_names_bundle", files);
  std::ostringstream out2, err2;
  EXPECT_EQ(ctl::cmd_validate({dir.string()}, out2, err2), 1) << out2.str();
  EXPECT_NE(err2.str().find("notices.json: notices[0].applicants[4].name: expected characters the "
                            "configured fonts can draw, found \"\U000F0000\" (U+F0000)\n"),
            std::string::npos)
      << err2.str();
  EXPECT_EQ(err2.str().find("U+2B820"), std::string::npos) << err2.str();

  // A private-use character (an IME's 造字) is refused too, though BabelStone Han has a glyph
  // there.
  notices.insert(at + std::string_view(test::kRareName).size(), "\uE000");
  dir = write_bundle("kiosk_rare_names_bundle", files);
  std::ostringstream out3, err3;
  EXPECT_EQ(ctl::cmd_validate({dir.string()}, out3, err3), 1) << out3.str();
  EXPECT_NE(err3.str().find("found \"\uE000\" (U+E000), \"\U000F0000\" (U+F0000)\n"),
            std::string::npos)
      << err3.str();
  std::filesystem::remove_all(dir);
}

// surely_drawable (validate's fast path) claims only what the fonts have: with the default chain
// the rare characters pass it, a code point no font has does not, and it agrees with
// undrawable_in; with the chain before BabelStone Han the rare characters fail it.
TEST(Undrawable, SurelyDrawableClaimsOnlyWhatTheChainHas) {
  FontLibrary fonts(config::Config{}.fonts.families);
  FontLibrary before(kFamilies);
  const std::string rare = test::kRareName;
  for (const std::string& text :
       {rare, rare + "\U000F0000", std::string("\U000F0000"), std::string("\U0002EBF0"),
        std::string("\U00020000\U0001F600"), std::string("\xF3\xB0\x80\x80"),
        std::string("\U0010FFFD"), std::string("\uE000")}) {
    EXPECT_EQ(surely_drawable(text, fonts), undrawable_in(text, fonts).empty())
        << "bytes of " << quote_found(text);
  }
  EXPECT_TRUE(surely_drawable(rare, fonts));
  EXPECT_FALSE(surely_drawable(rare + "\uE000", fonts))
      << "private use: BabelStone Han's own glyph";
  EXPECT_FALSE(surely_drawable(rare + "\U000F0000", fonts));
  EXPECT_FALSE(surely_drawable(rare, before));
  EXPECT_EQ(undrawable_in(rare, before), (std::vector<char32_t>{0x2B820, 0x30000, 0x31350}));
}

}  // namespace
}  // namespace kiosk::render
