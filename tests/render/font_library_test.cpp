// FontLibrary against the real Debian fonts: fontconfig resolution, per-character fallback, tofu,
// and advances that equal what is drawn.
#include "render/font_library.hpp"

#include <SDL.h>
#include <SDL_ttf.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <tuple>

#include "config/config.hpp"
#include "core/utf8.hpp"
#include "render/text_measurer.hpp"
#include "text/layout.hpp"

namespace kiosk::render {
namespace {

// A fixed chain for the fallback and tofu tests (U+20000 and 😀 are tofu in it); the kiosk's
// default chain, which ends with BabelStone Han, is config::Config{}.fonts.families.
const std::vector<std::string> kFamilies{"Noto Sans CJK SC", "WenQuanYi Micro Hei",
                                         "Droid Sans Fallback"};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(FontResolution, FindsTheSimplifiedChineseFaceInsideTheNotoCollection) {
  const auto r = resolve_families({"Noto Sans CJK SC"});
  ASSERT_EQ(r.faces.size(), 1u) << "fonts-noto-cjk must be installed";
  const FontFace& f = r.faces[0];
  EXPECT_TRUE(ends_with(f.file, "NotoSansCJK-Regular.ttc")) << f.file;
  EXPECT_NE(f.index, 0) << "index 0 of the collection is the Japanese face";
  ASSERT_TRUE(f.has_bold());
  EXPECT_TRUE(ends_with(f.bold_file, "NotoSansCJK-Bold.ttc")) << f.bold_file;
  EXPECT_NE(f.bold_index, 0);
  // The face at that index really is the SC one.
  ASSERT_EQ(TTF_Init(), 0);
  TTF_Font* font = TTF_OpenFontIndex(f.file.c_str(), 20, f.index);
  ASSERT_NE(font, nullptr);
  EXPECT_STREQ(TTF_FontFaceFamilyName(font), "Noto Sans CJK SC");
  TTF_CloseFont(font);
  TTF_Quit();
}

TEST(FontResolution, WenQuanYiIsAvailableAsFallbackWithoutABoldFace) {
  const auto r = resolve_families({"WenQuanYi Micro Hei"});
  ASSERT_EQ(r.faces.size(), 1u) << "fonts-wqy-microhei must be installed";
  EXPECT_TRUE(ends_with(r.faces[0].file, "wqy-microhei.ttc")) << r.faces[0].file;
  EXPECT_FALSE(r.faces[0].has_bold()) << "bold is synthesised from the regular face";
}

TEST(FontResolution, AFamilyThatIsNotInstalledIsMissingNotSubstituted) {
  const auto r = resolve_families({"Droid Sans Fallback", "No Such Family 42", "Noto Sans CJK SC"});
  ASSERT_EQ(r.faces.size(), 1u);
  EXPECT_EQ(r.faces[0].family, "Noto Sans CJK SC");
  EXPECT_EQ(r.missing, (std::vector<std::string>{"Droid Sans Fallback", "No Such Family 42"}));
}

TEST(FontResolution, FamilyNamesMatchIgnoringCaseAndBlanks) {
  const auto r = resolve_families({"noto sans cjksc"});
  ASSERT_EQ(r.faces.size(), 1u);
}

class Fonts : public ::testing::Test {
 protected:
  FontLibrary fonts{kFamilies};
};

TEST_F(Fonts, ConfiguredChainHasNotoThenWenQuanYi) {
  ASSERT_GE(fonts.faces().size(), 2u);
  EXPECT_EQ(fonts.faces()[0].family, "Noto Sans CJK SC");
  EXPECT_EQ(fonts.faces()[1].family, "WenQuanYi Micro Hei");
  EXPECT_TRUE(fonts.usable());
}

// open_primary opens, at once, the two fonts any screen draws with: the first face's regular and
// bold (opened lazily otherwise, 2–4 ms each, inside the first frame's draw); nothing else.
TEST_F(Fonts, OpenPrimaryOpensTheFirstFacesRegularAndBoldAtOnce) {
  EXPECT_EQ(fonts.stats().fonts_open, 0u);
  ASSERT_TRUE(fonts.open_primary());
  EXPECT_EQ(fonts.stats().fonts_open, 2u);
  (void)fonts.advance(U'公', 40, true);  // already open: the same two
  EXPECT_EQ(fonts.stats().fonts_open, 2u);
  FontLibrary none{std::vector<std::string>{"No Such Family 42"}};
  EXPECT_FALSE(none.open_primary());
  EXPECT_EQ(none.stats().fonts_open, 0u);
}

TEST_F(Fonts, PicksTheFontPerCharacter) {
  EXPECT_EQ(fonts.face_for(U'公'), 0);
  EXPECT_EQ(fonts.face_for(U'A'), 0);
  EXPECT_EQ(fonts.face_for(U'\U00020BB7'), 0) << "𠮷 (astral) is in Noto Sans CJK SC";
  EXPECT_EQ(fonts.face_for(U'\u4DAE'), 0) << "䶮 (Extension A) is in Noto Sans CJK SC";
  EXPECT_EQ(fonts.face_for(U'\u0104'), 1) << "Ą is only in WenQuanYi";
  EXPECT_EQ(fonts.face_for(U'\uFFFD'), 1) << "U+FFFD is only in WenQuanYi";
  EXPECT_EQ(fonts.face_for(U'\U00020000'), FontLibrary::kNoFace);
  EXPECT_EQ(fonts.face_for(U'\U0001F600'), FontLibrary::kNoFace);
}

TEST_F(Fonts, CanDrawIsTrueForInvisibleCharactersAndFalseForTofu) {
  EXPECT_TRUE(fonts.can_draw(U'\n'));
  EXPECT_TRUE(fonts.can_draw(U'\u200B'));
  EXPECT_TRUE(fonts.can_draw(U'\uFE0F'));
  EXPECT_TRUE(fonts.can_draw(U'\u3000'));
  EXPECT_TRUE(fonts.can_draw(U'\u2026'));
  EXPECT_FALSE(fonts.can_draw(U'\U00020000'));
  EXPECT_FALSE(fonts.can_draw(U'\U0001F600'));
}

TEST_F(Fonts, SplitsTextIntoRunsByFont) {
  const std::string text = "公示Ą名单\U0001F600";
  const auto runs = fonts.runs(text);
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(text.substr(runs[0].begin, runs[0].end - runs[0].begin), "公示");
  EXPECT_EQ(runs[0].face, 0);
  EXPECT_EQ(text.substr(runs[1].begin, runs[1].end - runs[1].begin), "Ą");
  EXPECT_EQ(runs[1].face, 1);
  EXPECT_EQ(runs[2].face, 0);
  EXPECT_EQ(runs[3].face, FontLibrary::kNoFace);
  EXPECT_EQ(runs[3].end, text.size());
}

TEST_F(Fonts, TofuTakesTheAdvanceOfTheWhiteSquareAndDrawsIt) {
  const int square = fonts.advance(U'\u25A1', 32, false);
  EXPECT_GT(square, 0);
  EXPECT_EQ(fonts.advance(U'\U00020000', 32, false), square);
  EXPECT_EQ(fonts.advance(U'\U0001F600', 32, false), square);
  const LineBitmap line = fonts.rasterise_line("\U00020000", 32, false);
  const auto ink =
      std::count_if(line.alpha.begin(), line.alpha.end(), [](auto a) { return a > 128; });
  EXPECT_GT(ink, 20) << "□ is drawn where no font has the glyph";
}

TEST_F(Fonts, HostileTextNeverCrashes) {
  const std::vector<std::string> samples{
      "",
      "𠮷野家 䶮 😀👍🏽 \U00020000\U0002A6D6",
      std::string("\xff\xfe\xc0\x80\xed\xa0\x80 broken \xe4\xb8", 17),
      std::string("a\0b", 3),
      "\t\r\n\x1b[0m\u200b\u200d\ufeff\ufe0f",
      std::string(5000, 'W'),
  };
  for (const auto& s : samples) {
    const LineBitmap b = fonts.rasterise_line(s, 30, false);
    EXPECT_EQ(b.alpha.size(),
              static_cast<std::size_t>(b.width) * static_cast<std::size_t>(b.height));
    const int measured = fonts.measure(s, 30, false);
    if (measured < 16000) {
      EXPECT_EQ(b.advance, measured) << s.size();
    } else {
      EXPECT_LE(b.width, 16384 + 64) << "a line never outgrows a texture";
    }
    (void)fonts.runs(s);
    (void)fonts.rasterise_line(s, 30, true);
  }
}

TEST_F(Fonts, AMissingFamilyChainStillMeasures) {
  FontLibrary none(std::vector<std::string>{"No Such Family 42"});
  EXPECT_FALSE(none.usable());
  EXPECT_EQ(none.advance(U'中', 30, false), 30);
  EXPECT_EQ(none.line_metrics(30, false).line_height, 44);
  EXPECT_EQ(none.rasterise_line("中文", 30, false).width, 0);
  EXPECT_FALSE(none.can_draw(U'中'));
}

TEST_F(Fonts, LineMetricsComeFromThePrimaryFace) {
  const LineMetrics m = fonts.line_metrics(28, false);
  EXPECT_GE(m.ascent, 28);
  EXPECT_LE(m.ascent, 35);
  EXPECT_GE(m.line_height, 38);
  EXPECT_LE(m.line_height, 45);
}

// Ink columns of a coverage bitmap: [first, last] with alpha above a threshold.
std::pair<int, int> ink_columns(const std::vector<std::uint8_t>& alpha, int width, int height,
                                int stride) {
  int first = width, last = -1;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (alpha[static_cast<std::size_t>(y * stride + x)] > 96) {
        first = std::min(first, x);
        last = std::max(last, x);
      }
    }
  }
  return {first, last};
}

TEST_F(Fonts, AdvancesEqualTheDrawnWidth) {
  FontMeasurer measurer(fonts);
  for (const int px : {28, 32, 46}) {
    for (const bool bold : {false, true}) {
      for (const std::string s : {"社区建设示范(模范)单位", "电话:021-6970 0000,2011年3月",
                                  "Ą𠮷䶮abc", "“公示期”自2026年11月20日起至12月31日止。"}) {
        const draw::TextStyle style{static_cast<float>(px), bold, {}};
        const float measured = text::measure_width(s, measurer.metrics(style));
        const LineBitmap b = fonts.rasterise_line(s, px, bold);
        EXPECT_EQ(static_cast<float>(b.advance), measured) << s;
        // The last glyph's ink ends within its advance box (±1 px of antialiasing).
        const auto [first, last] = ink_columns(b.alpha, b.width, b.height, b.width);
        EXPECT_LE(last - b.origin_x, b.advance + 1) << s;
        EXPECT_GE(first - b.origin_x, -2) << s;
      }
    }
  }
}

// Our per-glyph placement against SDL_ttf's own rendering of the same CJK line (kerning off):
// same width, ink in the same columns within 1 px.
TEST_F(Fonts, PerGlyphPlacementMatchesSdlTtfForChineseText) {
  const std::string s = "上海市社区建设示范单位创建标准";
  const FontFace& face = fonts.faces()[0];
  ASSERT_EQ(TTF_Init(), 0);
  TTF_Font* font = TTF_OpenFontIndex(face.file.c_str(), 32, face.index);
  ASSERT_NE(font, nullptr);
  TTF_SetFontKerning(font, 0);
  SDL_Surface* ref = TTF_RenderUTF8_Blended(font, s.c_str(), SDL_Color{255, 255, 255, 255});
  ASSERT_NE(ref, nullptr);
  std::vector<std::uint8_t> ref_alpha(static_cast<std::size_t>(ref->w * ref->h));
  for (int y = 0; y < ref->h; ++y) {
    for (int x = 0; x < ref->w; ++x) {
      Uint32 p = 0;
      std::memcpy(&p, static_cast<Uint8*>(ref->pixels) + y * ref->pitch + x * 4, 4);
      ref_alpha[static_cast<std::size_t>(y * ref->w + x)] = static_cast<std::uint8_t>(p >> 24);
    }
  }
  const LineBitmap ours = fonts.rasterise_line(s, 32, false);
  EXPECT_NEAR(ours.advance, ref->w, 1);
  const auto [rf, rl] = ink_columns(ref_alpha, ref->w, ref->h, ref->w);
  const auto [of, ol] = ink_columns(ours.alpha, ours.width, ours.height, ours.width);
  EXPECT_NEAR(of - ours.origin_x, rf, 1);
  EXPECT_NEAR(ol - ours.origin_x, rl, 1);
  // Pixel by pixel, with the line boxes aligned (SDL_ttf's surface starts at the line box top).
  const auto ours_at = [&](int x, int y) -> int {
    const int bx = x + ours.origin_x, by = y + ours.origin_y;
    if (bx < 0 || by < 0 || bx >= ours.width || by >= ours.height) return 0;
    return ours.alpha[static_cast<std::size_t>(by * ours.width + bx)];
  };
  int differing = 0;
  for (int y = 0; y < ref->h; ++y) {
    for (int x = 0; x < ref->w; ++x) {
      if (std::abs(ours_at(x, y) - ref_alpha[static_cast<std::size_t>(y * ref->w + x)]) > 8)
        ++differing;
    }
  }
  EXPECT_LT(differing, ref->w * ref->h / 200) << "our line should look like SDL_ttf's";
  SDL_FreeSurface(ref);
  TTF_CloseFont(font);
  TTF_Quit();
}

TEST_F(Fonts, BoldIsHeavierThanRegular) {
  const auto ink = [&](bool bold) {
    const LineBitmap b = fonts.rasterise_line("示范居委会", 40, bold);
    long sum = 0;
    for (const auto a : b.alpha) sum += a;
    return sum;
  };
  EXPECT_GT(ink(true), ink(false) * 11 / 10);
  // WenQuanYi has no bold face: emboldened by SDL_ttf, still heavier.
  FontLibrary wqy(std::vector<std::string>{"WenQuanYi Micro Hei"});
  const auto wqy_ink = [&](bool bold) {
    const LineBitmap b = wqy.rasterise_line("示范居委会", 40, bold);
    long sum = 0;
    for (const auto a : b.alpha) sum += a;
    return sum;
  };
  EXPECT_GT(wqy_ink(true), wqy_ink(false));
}

TEST_F(Fonts, MeasuresFromTwoThreadsAtOnce) {
  FontMeasurer measurer(fonts);
  const std::string text = "示范街道(镇)模范居委会和谐社区建设示范居委会 2011年3月 ABCxyz 𠮷";
  float a = 0, b = 0;
  std::thread t1([&] {
    for (int i = 0; i < 200; ++i) a = text::measure_width(text, measurer.metrics({30, false, {}}));
  });
  std::thread t2([&] {
    for (int i = 0; i < 200; ++i) {
      b = text::measure_width(text, measurer.metrics({30, false, {}}));
      (void)fonts.rasterise_line(text, 30 + i % 3, i % 2 == 0);
    }
  });
  t1.join();
  t2.join();
  EXPECT_EQ(a, b);
  EXPECT_GT(a, 0);
}

TEST_F(Fonts, GlyphCacheStaysWithinItsBudget) {
  FontLibrary small(kFamilies, FontLibraryOptions{64 * 1024});
  std::string text;
  for (char32_t cp = 0x4E00; cp < 0x4E00 + 400; ++cp) utf8::append(text, cp);
  (void)small.rasterise_line(text, 40, false);
  EXPECT_LE(small.stats().glyph_bytes, 64u * 1024) << "over its budget right after a long line";
  (void)small.rasterise_line("再来一行", 40, false);
  const FontStats s = small.stats();
  EXPECT_GE(s.glyph_cache_clears, 1u);
  EXPECT_GT(s.glyph_bytes, 0u);
  EXPECT_LE(s.glyph_bytes, 64u * 1024);
  // Line after line, it never stays over its budget between two lines.
  for (int i = 0; i < 300; ++i) {
    std::string line;
    for (char32_t cp = 0x4E00 + static_cast<char32_t>(i * 7);
         cp < 0x4E00 + static_cast<char32_t>(i * 7 + 30); ++cp) {
      utf8::append(line, cp);
    }
    (void)small.rasterise_line(line, 30 + i % 20, i % 2 == 0);
    ASSERT_LE(small.stats().glyph_bytes, 64u * 1024) << "after line " << i;
  }
}

// KiB of the process's memory (Rss in /proc/self/smaps) backed by the file at `path`; nullopt
// when no mapping of it is there at all.
std::optional<std::size_t> resident_kib_of(const std::string& path) {
  std::FILE* f = std::fopen("/proc/self/smaps", "r");
  if (f == nullptr) return std::nullopt;
  std::size_t kib = 0;
  bool mapped = false;
  bool ours = false;
  char line[4096];
  while (std::fgets(line, sizeof line, f) != nullptr) {
    std::string l(line);
    if (!l.empty() && l.back() == '\n') l.pop_back();
    unsigned long long start = 0, end = 0;
    if (std::sscanf(l.c_str(), "%llx-%llx", &start, &end) == 2 &&
        l.find(' ') != std::string::npos) {
      ours = l.size() >= path.size() && l.compare(l.size() - path.size(), path.size(), path) == 0;
      mapped = mapped || ours;
    } else if (ours && l.rfind("Rss:", 0) == 0) {
      kib += std::strtoull(l.c_str() + 4, nullptr, 10);
    }
  }
  std::fclose(f);
  if (!mapped) return std::nullopt;
  return kib;
}

// The font files are read through a memory mapping, whose pages the library lets go every few
// glyphs: drawing thousands of different characters leaves at most a few hundred KiB of the
// collection in the process (without letting go: one page and its neighbours per glyph, 12 MB).
TEST_F(Fonts, DrawingManyCharactersKeepsLittleOfTheFontFileResident) {
  ASSERT_TRUE(fonts.open_primary());
  const std::string file = std::filesystem::canonical(fonts.faces()[0].file).string();
  for (char32_t cp = 0x4E00; cp < 0x4E00 + 3000; cp += 30) {
    std::string line;
    for (char32_t c = cp; c < cp + 30; ++c) utf8::append(line, c);
    const LineBitmap bitmap = fonts.rasterise_line(line, 30, cp % 60 == 0);
    ASSERT_GT(bitmap.width, 0) << "line at U+" << std::hex << static_cast<unsigned>(cp);
  }
  EXPECT_GE(fonts.stats().glyphs_cached, 3000u);
  const auto resident = resident_kib_of(file);
  ASSERT_TRUE(resident.has_value()) << file << " is not mapped (read through a FILE* again?)";
  EXPECT_LE(*resident, 2048u) << file;
}

// CJK Extensions E, G and H: in BabelStone Han only (fonts-babelstone-han).
constexpr char32_t kRare[] = {U'\U0002B820', U'\U00030000', U'\U00031350'};
// Supplementary Private Use Area-A: no installed font has it, so it is drawn as □.
constexpr char32_t kNoFontHasIt = U'\U000F0000';

std::string utf8_of(char32_t cp) {
  std::string s;
  utf8::append(s, cp);
  return s;
}

TEST(DefaultChain, EndsWithBabelStoneHan) {
  const auto& families = config::Config{}.fonts.families;
  ASSERT_FALSE(families.empty());
  EXPECT_EQ(families.front(), "Noto Sans CJK SC");
  EXPECT_EQ(families.back(), "BabelStone Han");
  const auto r = resolve_families({"BabelStone Han"});
  ASSERT_EQ(r.faces.size(), 1u) << "fonts-babelstone-han must be installed";
  EXPECT_TRUE(ends_with(r.faces[0].file, "BabelStoneHan.ttf")) << r.faces[0].file;
  EXPECT_FALSE(r.faces[0].has_bold()) << "bold is synthesised from the regular face";
}

// The pixels, not only the face index: each rare character drawn with the default chain is ink
// unlike □ (what a code point no font has gets) and unlike the other two; with the chain before
// BabelStone Han the same comparison sees □ (so it would catch tofu).
TEST(DefaultChain, DrawsCjkExtensionsEGHAsGlyphsNotBoxes) {
  FontLibrary fonts(config::Config{}.fonts.families);
  FontLibrary before(kFamilies);
  ASSERT_TRUE(fonts.usable());
  const auto pixels = [](FontLibrary& f, char32_t cp, bool bold) {
    const LineBitmap b = f.rasterise_line(utf8_of(cp), 46, bold);
    return std::tuple(b.width, b.height, b.alpha);
  };
  for (const bool bold : {false, true}) {
    const auto box = pixels(fonts, kNoFontHasIt, bold);
    ASSERT_FALSE(std::get<2>(box).empty()) << "□ is drawn for U+F0000";
    for (const char32_t cp : kRare) {
      SCOPED_TRACE(testing::Message() << "U+" << std::hex << static_cast<unsigned>(cp));
      EXPECT_TRUE(fonts.can_draw(cp));
      ASSERT_NE(fonts.face_for(cp), FontLibrary::kNoFace);
      EXPECT_EQ(fonts.faces()[static_cast<std::size_t>(fonts.face_for(cp))].family,
                "BabelStone Han");
      const auto glyph = pixels(fonts, cp, bold);
      EXPECT_NE(glyph, box) << "drawn as □";
      const auto& alpha = std::get<2>(glyph);
      EXPECT_GT(std::count_if(alpha.begin(), alpha.end(), [](auto a) { return a > 128; }), 40);
      EXPECT_EQ(pixels(before, cp, bold), pixels(before, kNoFontHasIt, bold))
          << "without BabelStone Han it is □";
      EXPECT_EQ(fonts.measure(utf8_of(cp), 46, bold),
                fonts.rasterise_line(utf8_of(cp), 46, bold).advance);
    }
    EXPECT_NE(pixels(fonts, kRare[0], bold), pixels(fonts, kRare[1], bold));
    EXPECT_NE(pixels(fonts, kRare[1], bold), pixels(fonts, kRare[2], bold));
    EXPECT_NE(pixels(fonts, kRare[0], bold), pixels(fonts, kRare[2], bold));
  }
  EXPECT_FALSE(fonts.can_draw(kNoFontHasIt));
}

// BabelStone Han has glyphs of its own in the Private Use Area; a private-use character typed by
// an IME's 造字 means something else, so it is □ (and refused by validate), never that glyph.
TEST(DefaultChain, PrivateUseCodePointsAreBoxesEvenWhereAFontHasAGlyph) {
  FontLibrary fonts(config::Config{}.fonts.families);
  const auto box = fonts.rasterise_line(utf8_of(kNoFontHasIt), 46, false).alpha;
  for (const char32_t cp : {U'\uE000', U'\uE765', U'\uF8FF', U'\U000F0000', U'\U0010FFFD'}) {
    EXPECT_TRUE(is_private_use(cp));
    EXPECT_FALSE(fonts.can_draw(cp)) << static_cast<unsigned>(cp);
    EXPECT_EQ(fonts.rasterise_line(utf8_of(cp), 46, false).alpha, box) << static_cast<unsigned>(cp);
  }
  EXPECT_FALSE(is_private_use(char32_t{0xDFFF}));
  EXPECT_FALSE(is_private_use(U'\uF900'));
  EXPECT_FALSE(is_private_use(U'\U000EFFFF'));
}

// The last family takes only what the others lack: text they draw keeps its face.
TEST(DefaultChain, TheLastFamilyChangesNoCharacterTheOthersHave) {
  FontLibrary fonts(config::Config{}.fonts.families);
  FontLibrary before(kFamilies);
  for (const char32_t cp :
       {U'公', U'A', U'\U00020BB7', U'\u4DAE', U'\u0104', U'\uFFFD', U'\u25A1'}) {
    EXPECT_EQ(fonts.face_for(cp), before.face_for(cp)) << static_cast<unsigned>(cp);
  }
}

}  // namespace
}  // namespace kiosk::render
