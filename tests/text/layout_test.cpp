// Tests for layout_paragraph(), ellipsize_single_line() and measure_width() with fake metrics.
#include "text/layout.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "fake_metrics.hpp"
#include "kinsoku_chars.hpp"

namespace kiosk::text {
namespace {

using testing::FakeMetrics;
using testing::kNoEnd;
using testing::kNoStart;
using Lines = std::vector<std::string>;

std::string encode(char32_t c) {
  std::string out;
  utf8::append(out, c);
  return out;
}

std::string hex(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

ParagraphLayout lay(std::string_view text, float width, LayoutOptions options = {}) {
  const FakeMetrics metrics;
  return layout_paragraph(text, metrics, width, options);
}

Lines texts(std::string_view text, const ParagraphLayout& layout) {
  Lines out;
  for (const Line& line : layout.lines) {
    out.emplace_back(text.substr(line.begin, line.end - line.begin));
  }
  return out;
}

Lines wrap(std::string_view text, float width, LayoutOptions options = {}) {
  return texts(text, lay(text, width, options));
}

std::u32string decode_all(std::string_view text) {
  std::u32string out;
  for (std::size_t pos = 0; pos < text.size();) {
    const utf8::Decoded d = utf8::decode(text, pos);
    out += d.valid ? d.codepoint : U'\uFFFD';
    pos += d.length;
  }
  return out;
}

bool is_blank_byte(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Properties every layout must have, whatever the input: lines in order, only blanks between
// them, exact widths, nothing wider than max_width except a lone glyph, 避头尾 kept unless a
// line is an emergency split, and all visible text covered when not truncated.
void expect_well_formed(std::string_view text, const ParagraphLayout& layout, float max_width) {
  const FakeMetrics metrics;
  std::size_t previous_end = 0;
  for (std::size_t k = 0; k < layout.lines.size(); ++k) {
    const Line& line = layout.lines[k];
    SCOPED_TRACE("line " + std::to_string(k));
    ASSERT_LE(previous_end, line.begin);
    ASSERT_LE(line.begin, line.end);
    ASSERT_LE(line.end, text.size());
    for (std::size_t i = previous_end; i < line.begin; ++i) {
      EXPECT_TRUE(is_blank_byte(text[i])) << "dropped byte " << i;
    }
    const std::string_view content = text.substr(line.begin, line.end - line.begin);
    EXPECT_FLOAT_EQ(line.width, measure_width(content, metrics));
    const std::u32string cps = decode_all(content);
    if (line.width > std::max(max_width, 0.0F) + 0.001F) {
      ASSERT_FALSE(cps.empty());
      EXPECT_FLOAT_EQ(line.width, metrics.advance(cps.front())) << "only a lone glyph may overflow";
    }
    if (!cps.empty()) {
      EXPECT_NE(cps.back(), U' ');
    }
    previous_end = line.end;
  }
  if (!layout.truncated) {
    for (std::size_t i = previous_end; i < text.size(); ++i) {
      EXPECT_TRUE(is_blank_byte(text[i])) << "lost byte " << i;
    }
  }
}

void expect_kinsoku(std::string_view text, const ParagraphLayout& layout) {
  for (std::size_t k = 0; k < layout.lines.size(); ++k) {
    const Line& line = layout.lines[k];
    const std::u32string cps = decode_all(text.substr(line.begin, line.end - line.begin));
    if (cps.empty()) continue;
    if (k > 0) {
      EXPECT_EQ(kNoStart.find(cps.front()), kNoStart.npos)
          << "line " << k << " starts with " << hex(cps.front());
    }
    if (k + 1 < layout.lines.size()) {
      EXPECT_EQ(kNoEnd.find(cps.back()), kNoEnd.npos)
          << "line " << k << " ends with " << hex(cps.back());
    }
  }
}

// --- plain wrapping -------------------------------------------------------------------------

TEST(TextLayout, EmptyStringHasNoLines) {
  const ParagraphLayout layout = lay("", 10);
  EXPECT_TRUE(layout.lines.empty());
  EXPECT_FALSE(layout.truncated);
}

TEST(TextLayout, OnlySpacesGiveOneEmptyLine) {
  const ParagraphLayout layout = lay("    ", 1);
  ASSERT_EQ(layout.lines.size(), 1U);
  EXPECT_EQ(layout.lines[0], (Line{0, 0, 0.0F, false}));
}

TEST(TextLayout, ChineseFillingTheWidthExactlyStaysOnOneLine) {
  const std::string text = "一二三四五六七八九十";
  const ParagraphLayout layout = lay(text, 10);
  ASSERT_EQ(layout.lines.size(), 1U);
  EXPECT_EQ(layout.lines[0], (Line{0, 30, 10.0F, false}));
  EXPECT_EQ(wrap(text, 9.99F), (Lines{"一二三四五六七八九", "十"}));
}

TEST(TextLayout, ChineseWrapsAtExactWidthWithByteOffsets) {
  const ParagraphLayout layout = lay("春眠不觉晓处处闻啼鸟", 4);
  EXPECT_EQ(layout.lines, (std::vector<Line>{
                              {0, 12, 4.0F, false}, {12, 24, 4.0F, false}, {24, 30, 2.0F, false}}));
}

TEST(TextLayout, TrailingSpacesHangAndAreExcluded) {
  const ParagraphLayout layout = lay("ab   cd", 2);
  EXPECT_EQ(layout.lines, (std::vector<Line>{{0, 2, 1.0F, false}, {5, 7, 1.0F, false}}));
  // Spaces alone never cause a wrap.
  EXPECT_EQ(wrap("ab      ", 1), (Lines{"ab"}));
}

// --- 避头尾 ---------------------------------------------------------------------------------

TEST(TextKinsoku, NoStartCharacterNeverBeginsALine) {
  for (const char32_t c : kNoStart) {
    SCOPED_TRACE(hex(c));
    // Without the rule, "一二三四" fills the width and c would begin line two.
    const std::string text = "一二三四" + encode(c) + "五六";
    const ParagraphLayout layout = lay(text, 4);
    EXPECT_EQ(texts(text, layout), (Lines{"一二三", "四" + encode(c) + "五六"}));
    expect_kinsoku(text, layout);
  }
}

TEST(TextKinsoku, NoEndCharacterNeverEndsALine) {
  for (const char32_t c : kNoEnd) {
    SCOPED_TRACE(hex(c));
    // Without the rule, c would be the last thing that fits on line one.
    const std::string text = "一二三" + encode(c) + "四五六";
    const ParagraphLayout layout = lay(text, 4);
    EXPECT_EQ(texts(text, layout), (Lines{"一二三", encode(c) + "四五六"}));
    expect_kinsoku(text, layout);
  }
}

TEST(TextKinsoku, ClosingPunctuationRunPushesOneCharacterDown) {
  EXPECT_EQ(wrap("一二三四」。五六", 4), (Lines{"一二三", "四」。五", "六"}));
}

TEST(TextKinsoku, DoubleDashAndDoubleEllipsisStayTogetherAndOffTheLineStart) {
  // Without 避头尾 the lines would be "一二三" and "——四五".
  EXPECT_EQ(wrap("一二三——四五", 4), (Lines{"一二", "三——四", "五"}));
  EXPECT_EQ(wrap("一二三……四五", 4), (Lines{"一二", "三……四", "五"}));
}

TEST(TextKinsoku, PercentAndMiddleDotStayWithTheirText) {
  EXPECT_EQ(wrap("增长二十%以上", 4), (Lines{"增长二", "十%以上"}));
  EXPECT_EQ(wrap("克里斯·保罗", 3), (Lines{"克里", "斯·保", "罗"}));
}

TEST(TextKinsoku, QuotesFollowTheirText) {
  EXPECT_EQ(wrap("一二三“好”", 4), (Lines{"一二三", "“好”"}));
  EXPECT_EQ(wrap("一二三好”", 4), (Lines{"一二三", "好”"}));
  EXPECT_EQ(wrap("他说“你好”再见", 5), (Lines{"他说“你", "好”再见"}));
}

TEST(TextKinsoku, EmergencySplitPrefersABoundaryThatKeepsTheRules) {
  // "abcdef." has no opportunity; cutting before "." would start a line with it.
  EXPECT_EQ(wrap("abcdef.", 3), (Lines{"abcde", "f."}));
}

TEST(TextKinsoku, EmergencySplitKeepsAnOpeningBracketWithItsText) {
  // "abcde(f" has no opportunity (UAX #14: no break before "(" after a letter); "(" fits on
  // line one but must not end it.
  EXPECT_EQ(wrap("abcde(f", 3), (Lines{"abcde", "(f"}));
}

TEST(TextKinsoku, EmergencySplitFallsBackWhenEveryBoundaryBreaksTheRules) {
  EXPECT_EQ(wrap("一，，，，，，，，", 4), (Lines{"一，，，", "，，，，", "，"}));
}

// --- mixed scripts, numbers, words ----------------------------------------------------------

TEST(TextLayout, DigitRunsAreNotSplit) {
  EXPECT_EQ(wrap("这是2011年的事", 3), (Lines{"这是", "2011年", "的事"}));
  EXPECT_EQ(wrap("共640户", 3), (Lines{"共", "640户"}));
  EXPECT_EQ(wrap("第9月", 2.4F), (Lines{"第", "9月"}));
}

TEST(TextLayout, LatinWordMovesToTheNextLineWhole) {
  EXPECT_EQ(wrap("请用WebDAV上传", 4), (Lines{"请用", "WebDAV上", "传"}));
  EXPECT_EQ(wrap("hello world foo", 3), (Lines{"hello", "world", "foo"}));
}

TEST(TextLayout, LatinWordWiderThanTheLineIsSplitAtCharacters) {
  EXPECT_EQ(wrap("WebDAV", 2), (Lines{"WebD", "AV"}));
  EXPECT_EQ(wrap("上传WebDAVServer", 3), (Lines{"上传", "WebDAV", "Server"}));
}

TEST(TextLayout, MixedChineseLatinAndNumbers) {
  const std::string text = "公示期为2024年9月1日至9月7日，电话0755-12345678。";
  const ParagraphLayout layout = lay(text, 6);
  EXPECT_EQ(texts(text, layout),
            (Lines{"公示期为", "2024年9月1日", "至9月7日，电", "话", "0755-1234567", "8。"}));
  expect_well_formed(text, layout, 6);
  expect_kinsoku(text, layout);
}

TEST(TextLayout, ThreeHundredIdeographs) {
  std::string text;
  for (int i = 0; i < 300; ++i) utf8::append(text, static_cast<char32_t>(0x4E00 + i));
  const ParagraphLayout layout = lay(text, 17);
  ASSERT_EQ(layout.lines.size(), 18U);  // 17 full lines of 17, then 11
  for (std::size_t k = 0; k < 17; ++k) {
    EXPECT_EQ(layout.lines[k], (Line{k * 51, k * 51 + 51, 17.0F, false})) << k;
  }
  EXPECT_EQ(layout.lines[17], (Line{867, 900, 11.0F, false}));
}

const std::string kNotice =
    "各位居民：根据《城乡居民最低生活保障办法》的规定，现将2024年第三季度低保申请人员名单予以公示"
    "（共640户）。公示期为2024年9月1日至9月7日，共计7天。如对公示名单有异议，请在公示期内向社区"
    "居委会反映，联系电话：0755-12345678，或发送邮件至info@example.org。名单亦可通过WebDAV同步服务"
    "器下载，地址为https://kiosk.example.org/dav，请勿随意修改“公示”栏目的内容。特此公告！本次公示"
    "的申请人员包括：张三、李四、王五、赵六等，其中新增“特困”人员12名，退出人员3名；详细名单见附件"
    "【低保名单】。如有疑问……请拨打热线。谢谢大家的配合";

TEST(TextLayout, ThreeHundredCharacterNotice) {
  ASSERT_EQ(utf8::length(kNotice), 300U);
  const ParagraphLayout layout = lay(kNotice, 15);
  EXPECT_EQ(texts(kNotice, layout), (Lines{
                                        "各位居民：根据《城乡居民最低生",
                                        "活保障办法》的规定，现将2024年",
                                        "第三季度低保申请人员名单予以公",
                                        "示（共640户）。公示期为2024年",
                                        "9月1日至9月7日，共计7天。如对",
                                        "公示名单有异议，请在公示期内向",
                                        "社区居委会反映，联系电话：",
                                        "0755-12345678，或发送邮件至",
                                        "info@example.org。名单亦可通过",
                                        "WebDAV同步服务器下载，地址为",
                                        "https://kiosk.example.org/",
                                        "dav，请勿随意修改“公示”栏目",
                                        "的内容。特此公告！本次公示的申",
                                        "请人员包括：张三、李四、王五、",
                                        "赵六等，其中新增“特困”人员",
                                        "12名，退出人员3名；详细名单见",
                                        "附件【低保名单】。如有疑问……",
                                        "请拨打热线。谢谢大家的配合",
                                    }));
  EXPECT_EQ(layout.lines.size(), 18U);
  EXPECT_FALSE(layout.truncated);
  for (const Line& line : layout.lines) EXPECT_LE(line.width, 15.0F);
  expect_well_formed(kNotice, layout, 15);
  expect_kinsoku(kNotice, layout);
}

// --- mandatory breaks -----------------------------------------------------------------------

TEST(TextLayout, MandatoryNewlineIsHonoured) {
  const ParagraphLayout layout = lay("一二\n三四", 10);
  EXPECT_EQ(layout.lines, (std::vector<Line>{{0, 6, 2.0F, false}, {7, 13, 2.0F, false}}));
}

TEST(TextLayout, BlankLinesCrlfAndTrailingNewline) {
  EXPECT_EQ(wrap("一\r\n\r\n二", 10), (Lines{"一", "", "二"}));
  EXPECT_EQ(wrap("一二\n", 10), (Lines{"一二"}));
  EXPECT_EQ(wrap("一\n\n", 10), (Lines{"一", ""}));
  EXPECT_EQ(wrap("\n", 10), (Lines{""}));
}

TEST(TextLayout, IndentationAfterANewlineIsKept) {
  EXPECT_EQ(wrap("通知\n　　各位居民", 10), (Lines{"通知", "　　各位居民"}));
  EXPECT_EQ(wrap("a\n  b", 10), (Lines{"a", "  b"}));
}

TEST(TextLayout, NewlinesAreNeverMeasured) {
  const FakeMetrics metrics;  // advance('\n') is 100 in the fake
  EXPECT_FLOAT_EQ(measure_width("一\n二\r\n", metrics), 2.0F);
  EXPECT_EQ(wrap("一\n二", 1), (Lines{"一", "二"}));
}

// --- max_lines and ellipsis -----------------------------------------------------------------

TEST(TextEllipsis, LastLineIsShortenedToFitTheEllipsis) {
  const std::string text = "一二三四五六七八九十";
  const ParagraphLayout layout = lay(text, 4, {.max_lines = 2, .ellipsis = true});
  EXPECT_TRUE(layout.truncated);
  EXPECT_EQ(layout.lines, (std::vector<Line>{{0, 12, 4.0F, false}, {12, 21, 3.0F, true}}));
  EXPECT_EQ(texts(text, layout), (Lines{"一二三四", "五六七"}));
}

TEST(TextEllipsis, WithoutEllipsisTheLinesAreJustCut) {
  const ParagraphLayout layout =
      lay("一二三四五六七八九十", 4, {.max_lines = 2, .ellipsis = false});
  EXPECT_TRUE(layout.truncated);
  EXPECT_EQ(layout.lines, (std::vector<Line>{{0, 12, 4.0F, false}, {12, 24, 4.0F, false}}));
}

TEST(TextEllipsis, TextThatFitsIsNotTruncated) {
  const ParagraphLayout layout = lay("一二三四五六七八", 4, {.max_lines = 2});
  EXPECT_FALSE(layout.truncated);
  EXPECT_EQ(layout.lines.size(), 2U);
  EXPECT_FALSE(layout.lines[1].ellipsis);
  // Only blank lines left over is not a truncation either.
  EXPECT_FALSE(lay("一二\n\n  \n", 4, {.max_lines = 1}).truncated);
}

TEST(TextEllipsis, LineWithRoomKeepsAllItsTextBeforeTheEllipsis) {
  const std::string text = "第一段\n第二段";
  const ParagraphLayout layout = lay(text, 10, {.max_lines = 1});
  EXPECT_TRUE(layout.truncated);
  EXPECT_EQ(layout.lines, (std::vector<Line>{{0, 9, 3.0F, true}}));
}

TEST(TextEllipsis, ShortenedLineDropsTrailingSpaceAndOpeningBracket) {
  const std::string text = "通知 （第二号）正文很长很长";
  // Line one is "通知 （第二号）正" (8.5); with "…" (1) it shrinks to "通知 （第二号）" (7.5).
  const ParagraphLayout layout = lay(text, 8.5F, {.max_lines = 1});
  EXPECT_EQ(texts(text, layout), (Lines{"通知 （第二号）"}));
  EXPECT_EQ(layout.lines[0], (Line{0, 22, 7.5F, true}));
  // Line one is "通知 （第" (4.5); 3.5 is left for text: "通知 （" loses its "（" and space.
  const ParagraphLayout narrower = lay(text, 4.5F, {.max_lines = 1});
  EXPECT_EQ(texts(text, narrower), (Lines{"通知"}));
  EXPECT_EQ(narrower.lines[0], (Line{0, 6, 2.0F, true}));
}

TEST(TextEllipsis, NotEvenTheEllipsisFits) {
  const ParagraphLayout layout = lay("一二", 0.5F, {.max_lines = 1});
  EXPECT_TRUE(layout.truncated);
  EXPECT_EQ(layout.lines, (std::vector<Line>{{0, 0, 0.0F, true}}));
}

TEST(TextEllipsizeSingleLine, TextThatFitsIsReturnedWhole) {
  const FakeMetrics metrics;
  EXPECT_EQ(ellipsize_single_line("公告", metrics, 10), (Line{0, 6, 2.0F, false}));
  EXPECT_EQ(ellipsize_single_line("公告\n", metrics, 2), (Line{0, 6, 2.0F, false}));
  EXPECT_EQ(ellipsize_single_line("", metrics, 2), (Line{0, 0, 0.0F, false}));
}

TEST(TextEllipsizeSingleLine, CutsAtAnyCharacterNotAtWords) {
  const FakeMetrics metrics;
  // 关于2024年度低 is 7 wide; with "…" exactly 8.
  EXPECT_EQ(ellipsize_single_line("关于2024年度低保名单的公示", metrics, 8),
            (Line{0, 19, 7.0F, true}));
  // Trailing space and "（" are dropped before the "…".
  EXPECT_EQ(ellipsize_single_line("ab cd ef", metrics, 2.5F), (Line{0, 2, 1.0F, true}));
  EXPECT_EQ(ellipsize_single_line("一二三（四五六）", metrics, 5), (Line{0, 9, 3.0F, true}));
}

TEST(TextEllipsizeSingleLine, SecondLineMeansEllipsis) {
  const FakeMetrics metrics;
  EXPECT_EQ(ellipsize_single_line("标题\n第二行", metrics, 10), (Line{0, 6, 2.0F, true}));
}

TEST(TextEllipsizeSingleLine, NarrowerThanTheEllipsis) {
  const FakeMetrics metrics;
  EXPECT_EQ(ellipsize_single_line("标题", metrics, 0.5F), (Line{0, 0, 0.0F, true}));
}

// --- robustness -----------------------------------------------------------------------------

TEST(TextRobustness, InvalidBytesAreReplacementCharacters) {
  const std::string text = "一\xFF\xFE二";
  const ParagraphLayout layout = lay(text, 2);
  // Each bad byte is one U+FFFD, which breaks like an ideograph.
  EXPECT_EQ(layout.lines, (std::vector<Line>{{0, 4, 2.0F, false}, {4, 8, 2.0F, false}}));
  EXPECT_EQ(texts(text, layout), (Lines{"一\xFF", "\xFE二"}));
}

TEST(TextRobustness, TruncatedAndOverlongSequences) {
  EXPECT_EQ(lay("一\xE4\xB8", 10).lines, (std::vector<Line>{{0, 5, 3.0F, false}}));
  EXPECT_EQ(lay("\xC0\xAF\xED\xA0\x80", 10).lines, (std::vector<Line>{{0, 5, 5.0F, false}}));
  EXPECT_EQ(wrap("\x80\x80\x80", 1), (Lines{"\x80", "\x80", "\x80"}));
}

TEST(TextRobustness, WidthSmallerThanOneGlyphPutsEachGlyphOnItsOwnLine) {
  EXPECT_EQ(lay("一二三", 0.5F).lines,
            (std::vector<Line>{{0, 3, 1.0F, false}, {3, 6, 1.0F, false}, {6, 9, 1.0F, false}}));
  EXPECT_EQ(wrap("ab", 0.2F), (Lines{"a", "b"}));
  EXPECT_EQ(wrap("a b", 0), (Lines{"a", "b"}));
  EXPECT_EQ(wrap("一二", -5), (Lines{"一", "二"}));
  EXPECT_EQ(wrap("一二", std::nanf("")), (Lines{"一", "二"}));
  EXPECT_EQ(wrap("一二", INFINITY), (Lines{"一二"}));
}

TEST(TextRobustness, RandomBytesNeverCrashLoopOrOverflow) {
  std::mt19937 rng(20240901);
  const std::vector<std::string> pieces = {"一", "，", "（", "a",        "b",    " ",
                                           "\n", "\r", "😀",  "\xCC\x81", "\xFF", "\xE4\xB8",
                                           "“",  "…",  "1",  "🏽"};
  const std::vector<float> widths = {0.0F, 0.3F, 1.0F, 2.5F, 4.0F, 7.75F};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = static_cast<int>(rng() % 40);
    for (int i = 0; i < length; ++i) {
      if (rng() % 5 == 0) {
        text += static_cast<char>(rng() % 256);
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    const float width = widths[rng() % widths.size()];
    const int max_lines = static_cast<int>(rng() % 4);
    std::string escaped;
    for (const char ch : text) {
      char buf[8];
      const auto byte = static_cast<unsigned>(static_cast<std::uint8_t>(ch));
      std::snprintf(buf, sizeof buf, "\\x%02X", byte);
      escaped += buf;
    }
    SCOPED_TRACE("round " + std::to_string(round) + " width " + std::to_string(width) +
                 " max_lines " + std::to_string(max_lines) + " text \"" + escaped + "\"");
    const ParagraphLayout layout = lay(text, width, {.max_lines = max_lines});
    if (max_lines > 0) {
      EXPECT_LE(layout.lines.size(), static_cast<std::size_t>(max_lines));
    }
    expect_well_formed(text, layout, width);
    const FakeMetrics metrics;
    const Line single = ellipsize_single_line(text, metrics, width);
    EXPECT_LE(single.end, text.size());
    if (::testing::Test::HasFailure()) break;
  }
}

// --- astral code points and emoji -----------------------------------------------------------

TEST(TextAstral, SupplementaryIdeographsAndEmojiAreSingleCodePoints) {
  const std::string text = "𠮷䶮😀𠮷";
  const ParagraphLayout layout = lay(text, 2);
  EXPECT_EQ(layout.lines, (std::vector<Line>{{0, 7, 2.0F, false}, {7, 15, 2.0F, false}}));
  const FakeMetrics metrics;
  EXPECT_EQ(ellipsize_single_line("𠮷𠮷𠮷𠮷", metrics, 3), (Line{0, 8, 2.0F, true}));
}

TEST(TextAstral, EmojiClustersAreNeverSplit) {
  EXPECT_EQ(wrap("👍🏽👍🏽", 0.5F), (Lines{"👍🏽", "👍🏽"}));
  EXPECT_EQ(wrap("👩\u200D👩\u200D👧", 0.5F), (Lines{"👩\u200D👩\u200D👧"}));
  EXPECT_EQ(wrap("🇨🇳🇨🇳", 0.5F), (Lines{"🇨🇳", "🇨🇳"}));
  EXPECT_EQ(wrap("e\u0301e\u0301", 0.5F), (Lines{"e\u0301", "e\u0301"}));
}

// Found by the touch monkey (tests/monkey): one 200-code-point cluster (a letter under 199
// combining marks) took a line by itself and ran 2,800 px past a 1,000 px box. Short clusters still
// stay whole; a long one is split where it stops fitting, and every line fits.
TEST(TextAstral, HugeClustersAreSplitToFit) {
  // Fonts without mark positioning give combining marks and ZWJ an advance; so does this.
  class SpacingMarks final : public FontMetrics {
   public:
    [[nodiscard]] float advance(char32_t) const override { return 1.0F; }
    [[nodiscard]] float line_height() const override { return 1.25F; }
    [[nodiscard]] float ascent() const override { return 1.0F; }
  };
  std::string zalgo = "Z";
  for (int i = 0; i < 199; ++i) zalgo += "\u0301";
  const SpacingMarks metrics;
  const ParagraphLayout layout = layout_paragraph(zalgo, metrics, 10);
  ASSERT_GT(layout.lines.size(), 1U);
  std::size_t covered = 0;
  for (const Line& line : layout.lines) {
    EXPECT_LE(line.width, 10.0F);
    EXPECT_EQ(line.begin, covered);
    covered = line.end;
  }
  EXPECT_EQ(covered, zalgo.size());
  std::string chain = "👨";
  for (int i = 0; i < 40; ++i) chain += "\u200D👨";  // one endless ZWJ sequence
  for (const Line& line : layout_paragraph(chain, metrics, 6).lines) EXPECT_LE(line.width, 6.0F);
  const std::string short_cluster = "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301";  // 8 code points
  const ParagraphLayout whole = layout_paragraph(short_cluster + "e", metrics, 3);
  EXPECT_EQ(texts(short_cluster + "e", whole), (Lines{short_cluster, "e"}));
}

// --- cost -----------------------------------------------------------------------------------

TEST(TextPerformance, TenThousandCharactersMeasureEachCodePointOnceAndRunFast) {
  std::string text;
  while (utf8::length(text) < 10000) text += kNotice;
  const std::size_t n = utf8::length(text);
  const FakeMetrics metrics;
  const ParagraphLayout layout = layout_paragraph(text, metrics, 20);
  EXPECT_EQ(metrics.calls, n);
  EXPECT_GT(layout.lines.size(), 400U);

  constexpr int kRuns = 20;
  const auto started = std::chrono::steady_clock::now();
  std::size_t lines = 0;
  for (int i = 0; i < kRuns; ++i) lines += layout_paragraph(text, metrics, 20).lines.size();
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - started;
  const double per_layout = elapsed.count() / kRuns;
  std::printf("[ timing   ] %zu code points, %zu lines: %.3f ms per layout\n", n, lines / kRuns,
              per_layout);
  // About 0.6 ms optimised (half of it in libunibreak), ~5 ms under -O0 with sanitizers; a
  // quadratic algorithm would take ~100x longer. The bound leaves room for a busy machine.
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(per_layout, 5.0);
#else
  EXPECT_LT(per_layout, 50.0);
#endif

  metrics.calls = 0;
  const ParagraphLayout cut = layout_paragraph(text, metrics, 20, {.max_lines = 3});
  EXPECT_TRUE(cut.truncated);
  EXPECT_EQ(metrics.calls, n + 1);  // plus the "…"
}

}  // namespace
}  // namespace kiosk::text
