// Tests for find_breaks(): UAX #14 opportunities, 避头尾 suppression, clusters, mandatory breaks.
#include "text/line_break.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kinsoku_chars.hpp"

namespace kiosk::text {
namespace {

using testing::kNoEnd;
using testing::kNoStart;

TEST(TextFindBreaks, EmptyTextHasNoEntries) { EXPECT_TRUE(find_breaks(U"").empty()); }

TEST(TextFindBreaks, IdeographsLatinWordsSpacesAndNewlines) {
  const std::u32string text = U"一二\nab cd";
  const std::vector<Break> expected = {
      Break::allowed,    // 一|二
      Break::none,       // 二 before LF: no break before a newline
      Break::mandatory,  // LF
      Break::none,       // a|b inside a word
      Break::none,       // b before a space
      Break::allowed,    // after the space
      Break::none,       // c|d
      Break::mandatory,  // end of text
  };
  EXPECT_EQ(find_breaks(text), expected);
}

TEST(TextFindBreaks, NumbersStayWithTheirUnit) {
  // Nothing inside "2011年" or "640户" (UAX #14 alone allows 1|年 and 0|户); 年|6 is fine.
  const std::vector<Break> breaks = find_breaks(U"2011年640户");
  ASSERT_EQ(breaks.size(), 9U);
  for (const std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 7U}) {
    EXPECT_NE(breaks[i], Break::allowed) << i;
  }
  EXPECT_EQ(breaks[4], Break::allowed);
  EXPECT_EQ(breaks[8], Break::mandatory);
}

TEST(TextFindBreaks, CodePointsThatAbortLibunibreakAreSafe) {
  // Debian's libunibreak 1.1 asserts on regional indicators, U+FFFF and values past U+10FFFF.
  const std::u32string text = {U'a', 0xFFFF, 0x1F1E8, 0x110000, 0xFFFFFFFF, U'一'};
  const std::vector<Break> breaks = find_breaks(text);
  ASSERT_EQ(breaks.size(), text.size());
  EXPECT_EQ(breaks.back(), Break::mandatory);
}

TEST(TextFindBreaks, EveryNoStartCharacterSuppressesTheBreakBeforeIt) {
  for (const char32_t c : kNoStart) {
    std::u32string text = U"中";
    text += c;
    text += U"文";
    const std::vector<Break> breaks = find_breaks(text);
    EXPECT_NE(breaks[0], Break::allowed) << "U+" << std::hex << static_cast<unsigned>(c);
  }
}

TEST(TextFindBreaks, EveryNoEndCharacterSuppressesTheBreakAfterIt) {
  for (const char32_t c : kNoEnd) {
    std::u32string text = U"中";
    text += c;
    text += U"文";
    const std::vector<Break> breaks = find_breaks(text);
    EXPECT_NE(breaks[1], Break::allowed) << "U+" << std::hex << static_cast<unsigned>(c);
  }
}

TEST(TextFindBreaks, NoEndCharacterIsSeenThroughTrailingSpaces) {
  // A break after "( " would leave "(" at the end of the line once the space hangs.
  const std::vector<Break> breaks = find_breaks(U"a( b");
  ASSERT_EQ(breaks.size(), 4U);
  EXPECT_NE(breaks[2], Break::allowed);
}

TEST(TextFindBreaks, NoStartCharacterAfterASpaceStillSuppressesTheBreak) {
  const std::vector<Break> breaks = find_breaks(U"ab ，c");
  ASSERT_EQ(breaks.size(), 5U);
  EXPECT_NE(breaks[2], Break::allowed);
}

TEST(TextFindBreaks, MandatoryBreaksSurviveNoStartCharacters) {
  const std::vector<Break> breaks = find_breaks(U"一\n，");
  EXPECT_EQ(breaks[1], Break::mandatory);
}

TEST(TextFindBreaks, ClustersAreNeverSplit) {
  // Thumbs up + skin tone, e + combining acute, ZWJ sequence, a pair of flags.
  const std::u32string text = U"👍🏽e\u0301👩\u200D👧🇨🇳🇨🇳";
  const std::vector<Break> breaks = find_breaks(text);
  ASSERT_EQ(breaks.size(), 11U);
  EXPECT_EQ(breaks[0], Break::inside_cluster);  // 👍|🏽
  EXPECT_EQ(breaks[2], Break::inside_cluster);  // e|◌́
  EXPECT_EQ(breaks[4], Break::inside_cluster);  // 👩|ZWJ
  EXPECT_EQ(breaks[5], Break::inside_cluster);  // ZWJ|👧
  EXPECT_EQ(breaks[7], Break::inside_cluster);  // 🇨|🇳
  EXPECT_NE(breaks[8], Break::inside_cluster);  // between the two flags
  EXPECT_EQ(breaks[9], Break::inside_cluster);  // 🇨|🇳
  EXPECT_EQ(breaks[10], Break::mandatory);
}

TEST(TextKinsoku, PredicatesCoverEveryListedCharacter) {
  for (const char32_t c : kNoStart) {
    EXPECT_TRUE(forbidden_at_line_start(c)) << "U+" << std::hex << static_cast<unsigned>(c);
    EXPECT_FALSE(forbidden_at_line_end(c)) << "U+" << std::hex << static_cast<unsigned>(c);
  }
  for (const char32_t c : kNoEnd) {
    EXPECT_TRUE(forbidden_at_line_end(c)) << "U+" << std::hex << static_cast<unsigned>(c);
    EXPECT_FALSE(forbidden_at_line_start(c)) << "U+" << std::hex << static_cast<unsigned>(c);
  }
  for (const char32_t c : std::u32string_view(U"中a1 \u3000𠮷😀-/")) {
    EXPECT_FALSE(forbidden_at_line_start(c)) << "U+" << std::hex << static_cast<unsigned>(c);
    EXPECT_FALSE(forbidden_at_line_end(c)) << "U+" << std::hex << static_cast<unsigned>(c);
  }
}

}  // namespace
}  // namespace kiosk::text
