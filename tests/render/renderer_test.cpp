// The Renderer on an offscreen software surface with the real fonts: pixels read back for fills,
// rounded corners, borders, text inside its line box and clip, QR modules, and the line cache.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "qr/qr.hpp"
#include "render/offscreen.hpp"
#include "render/png.hpp"
#include "render/text_measurer.hpp"
#include "text/layout.hpp"

namespace kiosk::render {
namespace {

const std::vector<std::string> kFamilies{"Noto Sans CJK SC", "WenQuanYi Micro Hei",
                                         "Droid Sans Fallback"};
constexpr Color kWhite{255, 255, 255, 255};
constexpr Color kInk{0x1a, 0x1a, 0x1a, 255};

bool dark(Color c) { return c.r < 128 && c.g < 128 && c.b < 128; }

// Counts dark pixels of an offscreen inside and outside a rectangle.
struct InkCount {
  int inside = 0, outside = 0;
};
InkCount count_ink(const Image& img, int x0, int y0, int x1, int y1) {
  InkCount c;
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      if (!dark(img.at(x, y))) continue;
      (x >= x0 && x < x1 && y >= y0 && y < y1 ? c.inside : c.outside)++;
    }
  }
  return c;
}

class RendererTest : public ::testing::Test {
 protected:
  FontLibrary fonts{kFamilies};
};

TEST_F(RendererTest, FillsRectanglesWithTheirColourOverTheBackground) {
  auto off = Offscreen::create(200, 100, fonts).value();
  draw::DisplayList list;
  list.background = {10, 20, 30, 255};
  list.fill({20, 10, 50, 40}, {200, 100, 50, 255});
  off.draw(list);
  EXPECT_EQ(off.pixel(21, 11), (Color{200, 100, 50, 255}));
  EXPECT_EQ(off.pixel(69, 49), (Color{200, 100, 50, 255}));
  EXPECT_EQ(off.pixel(70, 49), (Color{10, 20, 30, 255}));
  EXPECT_EQ(off.pixel(19, 11), (Color{10, 20, 30, 255}));
  EXPECT_EQ(off.pixel(199, 99), (Color{10, 20, 30, 255}));
}

TEST_F(RendererTest, TranslucentFillBlendsOnce) {
  auto off = Offscreen::create(100, 100, fonts).value();
  draw::DisplayList list;
  list.background = kWhite;
  list.commands.emplace_back(
      draw::FillRect{{0, 0, 100, 100}, {0, 0, 0, 128}, 20, 4, {0, 0, 0, 128}});
  off.draw(list);
  const Color centre = off.pixel(50, 50);
  EXPECT_NEAR(centre.r, 127, 2);
  const Color border = off.pixel(50, 1);
  EXPECT_NEAR(border.r, 127, 2) << "fill and border do not overlap";
}

TEST_F(RendererTest, RoundedCornersLeaveTheCornerPixelsToTheBackground) {
  auto off = Offscreen::create(200, 200, fonts).value();
  draw::DisplayList list;
  list.background = kWhite;
  list.fill({0, 0, 200, 200}, {0, 80, 160, 255}, 40);
  off.draw(list);
  EXPECT_EQ(off.pixel(0, 0), kWhite);
  EXPECT_EQ(off.pixel(199, 0), kWhite);
  EXPECT_EQ(off.pixel(0, 199), kWhite);
  EXPECT_EQ(off.pixel(199, 199), kWhite);
  EXPECT_EQ(off.pixel(100, 0), (Color{0, 80, 160, 255}));
  EXPECT_EQ(off.pixel(0, 100), (Color{0, 80, 160, 255}));
  EXPECT_EQ(off.pixel(20, 20), (Color{0, 80, 160, 255}));
  // On the arc the edge is antialiased: neither background nor fill.
  const Color edge = off.pixel(11, 12);
  EXPECT_NE(edge, kWhite);
}

TEST_F(RendererTest, BorderIsDrawnInsideTheRect) {
  auto off = Offscreen::create(200, 120, fonts).value();
  draw::DisplayList list;
  list.background = kWhite;
  list.commands.emplace_back(
      draw::FillRect{{10, 10, 180, 100}, {230, 240, 250, 255}, 16, 6, {200, 30, 30, 255}});
  off.draw(list);
  EXPECT_EQ(off.pixel(100, 10), (Color{200, 30, 30, 255}));
  EXPECT_EQ(off.pixel(100, 15), (Color{200, 30, 30, 255}));
  EXPECT_EQ(off.pixel(100, 16), (Color{230, 240, 250, 255}));
  EXPECT_EQ(off.pixel(100, 9), kWhite);
  EXPECT_EQ(off.pixel(10, 60), (Color{200, 30, 30, 255}));
  EXPECT_EQ(off.pixel(189, 60), (Color{200, 30, 30, 255}));
  EXPECT_EQ(off.pixel(100, 60), (Color{230, 240, 250, 255}));
  EXPECT_EQ(off.pixel(10, 10), kWhite) << "rounded border corner";
}

TEST_F(RendererTest, TextInksInsideItsLineBoxOnly) {
  auto off = Offscreen::create(600, 200, fonts).value();
  FontMeasurer measurer(fonts);
  const draw::TextStyle style{32, false, kInk};
  const auto& m = measurer.metrics(style);
  const std::string s = "社区公示 申报单位名单";
  draw::DisplayList list;
  list.background = kWhite;
  list.text({40, 50}, s, style);
  off.draw(list);
  const float width = text::measure_width(s, m);
  const InkCount ink = count_ink(off.image(), 40, 50, 40 + static_cast<int>(width) + 1,
                                 50 + static_cast<int>(m.line_height()));
  EXPECT_GT(ink.inside, 200);
  EXPECT_EQ(ink.outside, 0);
}

TEST_F(RendererTest, TextTakesItsColourFromTheStyle) {
  auto off = Offscreen::create(300, 100, fonts).value();
  draw::DisplayList list;
  list.background = kWhite;
  list.text({10, 10}, "■■■", {40, false, {200, 0, 0, 255}});
  off.draw(list);
  bool found_red = false;
  const Image img = off.image();
  for (int y = 0; y < img.height && !found_red; ++y) {
    for (int x = 0; x < img.width; ++x) {
      const Color c = img.at(x, y);
      if (c.r > 190 && c.g < 10 && c.b < 10) {
        found_red = true;
        break;
      }
    }
  }
  EXPECT_TRUE(found_red);
}

TEST_F(RendererTest, ClipsNestAndIntersect) {
  auto off = Offscreen::create(400, 200, fonts).value();
  draw::DisplayList list;
  list.background = kWhite;
  list.push_clip({50, 50, 200, 100});
  list.push_clip({100, 0, 300, 80});  // intersects to 100..250 × 50..80
  list.fill({0, 0, 400, 200}, {0, 0, 0, 255});
  list.pop_clip();
  list.fill({0, 120, 400, 80}, {0, 0, 255, 255});  // clipped to 50..250 × 120..150
  list.pop_clip();
  list.pop_clip();  // unbalanced: ignored
  list.fill({0, 190, 10, 10}, {0, 255, 0, 255});
  off.draw(list);
  EXPECT_EQ(off.pixel(100, 50), (Color{0, 0, 0, 255}));
  EXPECT_EQ(off.pixel(249, 79), (Color{0, 0, 0, 255}));
  EXPECT_EQ(off.pixel(99, 60), kWhite);
  EXPECT_EQ(off.pixel(250, 60), kWhite);
  EXPECT_EQ(off.pixel(150, 80), kWhite);
  EXPECT_EQ(off.pixel(50, 120), (Color{0, 0, 255, 255}));
  EXPECT_EQ(off.pixel(249, 149), (Color{0, 0, 255, 255}));
  EXPECT_EQ(off.pixel(150, 150), kWhite);
  EXPECT_EQ(off.pixel(49, 130), kWhite);
  EXPECT_EQ(off.pixel(5, 195), (Color{0, 255, 0, 255}));
}

TEST_F(RendererTest, ClippedTextHasNoInkOutsideTheClip) {
  auto off = Offscreen::create(600, 200, fonts).value();
  draw::DisplayList list;
  list.background = kWhite;
  list.push_clip({0, 60, 600, 20});  // cuts through the middle of the line
  list.text({10, 45}, "监督及投诉电话 021-5970 0000", {40, true, kInk});
  list.pop_clip();
  off.draw(list);
  const InkCount ink = count_ink(off.image(), 0, 60, 600, 80);
  EXPECT_GT(ink.inside, 100);
  EXPECT_EQ(ink.outside, 0);
}

TEST_F(RendererTest, QrCodeModulesAreCrispSquares) {
  const auto qr = qr::make("tel:02159700000");
  ASSERT_TRUE(qr);
  const int module = 6;
  const int side = qr->size * module;
  auto off = Offscreen::create(side + 40, side + 40, fonts).value();
  draw::DisplayList list;
  list.background = {200, 200, 200, 255};
  list.commands.emplace_back(draw::QrCode{
      {20, 20, static_cast<float>(side), static_cast<float>(side)}, qr->size, qr->modules});
  off.draw(list);
  for (int y = 0; y < qr->size; ++y) {
    for (int x = 0; x < qr->size; ++x) {
      const Color expected = qr->dark(x, y) ? Color{0, 0, 0, 255} : Color{255, 255, 255, 255};
      // Every pixel of the module, not only its centre: crisp edges.
      for (int dy = 0; dy < module; ++dy) {
        for (int dx = 0; dx < module; ++dx) {
          ASSERT_EQ(off.pixel(20 + x * module + dx, 20 + y * module + dy), expected)
              << "module " << x << "," << y;
        }
      }
    }
  }
  EXPECT_EQ(off.pixel(19, 19), (Color{200, 200, 200, 255}));
}

TEST_F(RendererTest, QrCodeCentresWhenTheRectIsNotAMultiple) {
  const auto qr = qr::make("tel:021");
  ASSERT_TRUE(qr);
  auto off = Offscreen::create(300, 300, fonts).value();
  draw::DisplayList list;
  list.commands.emplace_back(draw::QrCode{{0, 0, 300, 300}, qr->size, qr->modules});
  off.draw(list);
  const int module = 300 / qr->size;
  const int offset = (300 - module * qr->size) / 2;
  const int q = 4;  // quiet zone
  EXPECT_EQ(off.pixel(offset + q * module, offset + q * module), (Color{0, 0, 0, 255}))
      << "finder pattern corner";
  EXPECT_EQ(off.pixel(offset + q * module - 1, offset + q * module), (Color{255, 255, 255, 255}));
}

draw::DisplayList page_of_lines(int count, int first = 0) {
  draw::DisplayList list;
  list.background = kWhite;
  for (int i = 0; i < count; ++i) {
    list.text({20, static_cast<float>(10 + (i % 20) * 50)},
              "第" + std::to_string(first + i) + "号 示范居委会 申报单位 联系电话 021-5970 0000",
              {32, false, kInk});
  }
  return list;
}

TEST_F(RendererTest, DrawingTheSameListAgainOnlyHitsTheCache) {
  auto off = Offscreen::create(1200, 1000, fonts).value();
  const draw::DisplayList list = page_of_lines(20);
  off.draw(list);
  const RenderStats first = off.renderer().stats();
  EXPECT_EQ(first.misses, 20u);
  EXPECT_EQ(first.hits, 0u);
  for (int i = 0; i < 99; ++i) off.draw(list);
  const RenderStats after = off.renderer().stats();
  EXPECT_EQ(after.misses, 20u);
  EXPECT_EQ(after.hits, 99u * 20u);
  EXPECT_EQ(after.texture_bytes, first.texture_bytes);
  EXPECT_EQ(after.textures, 20u);
  EXPECT_EQ(after.text_rasterised, 0u);
  EXPECT_EQ(after.text_drawn, 20u);
}

TEST_F(RendererTest, ColourIsPartOfTheCacheKey) {
  auto off = Offscreen::create(600, 100, fonts).value();
  draw::DisplayList list;
  list.text({0, 0}, "创建标准", {32, false, kInk});
  list.text({0, 50}, "创建标准", {32, false, {0, 90, 200, 255}});
  off.draw(list);
  EXPECT_EQ(off.renderer().stats().misses, 2u);
  off.draw(list);
  EXPECT_EQ(off.renderer().stats().misses, 2u);
  EXPECT_EQ(off.renderer().stats().hits, 2u);
  EXPECT_EQ(off.renderer().stats().fonts.glyphs_cached, 4u) << "both colours share the glyphs";
}

TEST_F(RendererTest, TheCacheStaysWithinItsBudgetOverFiveThousandLines) {
  RendererOptions options;
  options.texture_cache_bytes = 8u << 20;
  auto off = Offscreen::create(1200, 1000, fonts, options).value();
  std::size_t peak = 0;
  for (int frame = 0; frame < 250; ++frame) {
    off.draw(page_of_lines(20, frame * 20));
    peak = std::max(peak, off.renderer().stats().texture_bytes);
  }
  const RenderStats s = off.renderer().stats();
  EXPECT_EQ(s.misses, 5000u);
  EXPECT_LE(peak, options.texture_cache_bytes);
  EXPECT_GT(s.evictions, 0u);
  EXPECT_LT(s.textures, 5000u);
}

TEST_F(RendererTest, LinesOutsideTheClipAreNeverRasterised) {
  auto off = Offscreen::create(400, 300, fonts).value();
  draw::DisplayList list;
  list.push_clip({0, 0, 400, 100});
  for (int i = 0; i < 100; ++i)
    list.text({0, 150.0f + static_cast<float>(i) * 40}, "看不见的行 " + std::to_string(i),
              {32, false, kInk});
  list.text({0, 10}, "看得见的行", {32, false, kInk});
  list.text({500, 10}, "右边看不见", {32, false, kInk});
  list.pop_clip();
  off.draw(list);
  const RenderStats s = off.renderer().stats();
  EXPECT_EQ(s.misses, 1u);
  EXPECT_EQ(s.text_drawn, 1u);
  EXPECT_EQ(s.text_culled, 101u);
}

// The project has one PNG writer (render/png.hpp: 8-bit RGB, colour type 2); Offscreen::save_png
// and render::save_png (golden tests' actual and diff images) both write through it, not libpng's
// RGBA writer in SDL_image.
std::string png_head(const std::filesystem::path& path) {
  std::string head(26, '\0');
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
  }
  return head;
}

TEST_F(RendererTest, EveryPngIsWrittenByTheProjectsEncoder) {
  auto off = Offscreen::create(64, 48, fonts).value();
  draw::DisplayList list;
  list.fill({4, 4, 30, 20}, {200, 10, 90, 255}, 0);
  off.draw(list);
  const auto dir = std::filesystem::temp_directory_path();
  const auto a = off.save_png(dir / "kiosk_render_encoder_a.png");
  ASSERT_TRUE(a) << a.error().what;
  const auto b = save_png(off.image(), dir / "kiosk_render_encoder_b.png");
  ASSERT_TRUE(b) << b.error().what;
  for (const char* name : {"kiosk_render_encoder_a.png", "kiosk_render_encoder_b.png"}) {
    const std::string head = png_head(dir / name);
    ASSERT_EQ(head.size(), 26u) << name;
    EXPECT_EQ(head.substr(12, 4), "IHDR") << name;
    EXPECT_EQ(static_cast<int>(head[24]), 8) << name;  // bit depth
    EXPECT_EQ(static_cast<int>(head[25]), 2) << name;  // colour type: RGB
    const auto loaded = load_png(dir / name);
    ASSERT_TRUE(loaded) << loaded.error().what;
    EXPECT_EQ(loaded->rgba, off.image().rgba) << name;
    std::filesystem::remove(dir / name);
  }
}

TEST_F(RendererTest, PngRoundTripsThePixels) {
  auto off = Offscreen::create(120, 80, fonts).value();
  draw::DisplayList list;
  list.fill({10, 10, 50, 30}, {12, 34, 56, 255}, 8);
  list.text({10, 40}, "公示", {28, true, kInk});
  off.draw(list);
  const auto path = std::filesystem::temp_directory_path() / "kiosk_render_roundtrip.png";
  const auto saved = off.save_png(path);
  ASSERT_TRUE(saved) << saved.error().what;
  const auto loaded = load_png(path);
  ASSERT_TRUE(loaded) << loaded.error().what;
  EXPECT_EQ(loaded->rgba, off.image().rgba);
  std::filesystem::remove(path);
}

// A frame of 256 rows or more is deflated in two halves at once, joined into one zlib stream.
TEST_F(RendererTest, PngOfAFrameDeflatedInTwoHalvesRoundTripsThePixels) {
  for (const int height : {256, 517, 1080}) {
    auto off = Offscreen::create(640, height, fonts).value();
    draw::DisplayList list;
    list.background = {250, 248, 240, 255};
    for (int y = 0; y < height; y += 40) {
      list.fill({5, static_cast<float>(y), 300, 30}, {12, static_cast<std::uint8_t>(y), 56, 255},
                8);
      list.text({320, static_cast<float>(y)}, "公示 " + std::to_string(y), {24, false, kInk});
    }
    off.draw(list);
    const auto path = std::filesystem::temp_directory_path() / "kiosk_render_halves.png";
    const auto saved = off.save_png(path);
    ASSERT_TRUE(saved) << saved.error().what;
    const auto loaded = load_png(path);
    ASSERT_TRUE(loaded) << loaded.error().what;
    EXPECT_EQ(loaded->rgba, off.image().rgba) << height << " rows";
    std::filesystem::remove(path);
  }
}

// The Up filter's four-bytes-at-once subtraction (render/png.cpp) on every kind of byte pair:
// random pixels (a random X byte too, which the PNG leaves out), narrow and odd widths, a pitch
// wider than the row, and frames deflated in two halves, decode to exactly their RGB.
TEST(PngEncoder, RandomFramesRoundTripTheirRgb) {
  std::mt19937 rng(7);
  for (const auto& [w, h, pitch] : std::vector<std::array<int, 3>>{
           {1, 1, 1}, {1, 7, 3}, {3, 5, 3}, {17, 9, 20}, {64, 300, 64}, {333, 260, 340}}) {
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(pitch) *
                                      static_cast<std::size_t>(h));
    for (auto& p : pixels) {
      // Runs of one value too, as a UI has, so the filter's zeros and wrap-arounds both occur.
      p = rng() % 4 == 0 && &p != pixels.data() ? *(&p - 1) : static_cast<std::uint32_t>(rng());
    }
    const std::string png = encode_png(pixels.data(), w, h, static_cast<std::size_t>(pitch));
    ASSERT_FALSE(png.empty());
    const auto path = std::filesystem::temp_directory_path() / "kiosk_render_random.png";
    ASSERT_TRUE(write_png_bytes(png, path));
    const auto loaded = load_png(path);
    std::filesystem::remove(path);
    ASSERT_TRUE(loaded) << loaded.error().what;
    ASSERT_EQ(loaded->width, w);
    ASSERT_EQ(loaded->height, h);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const std::uint32_t p = pixels[static_cast<std::size_t>(y * pitch + x)];
        const std::size_t at = static_cast<std::size_t>(y * w + x) * 4;
        ASSERT_EQ(loaded->rgba[at], (p >> 16) & 0xFF) << w << "x" << h << " at " << x << "," << y;
        ASSERT_EQ(loaded->rgba[at + 1], (p >> 8) & 0xFF)
            << w << "x" << h << " at " << x << "," << y;
        ASSERT_EQ(loaded->rgba[at + 2], p & 0xFF) << w << "x" << h << " at " << x << "," << y;
        ASSERT_EQ(loaded->rgba[at + 3], 255);
      }
    }
  }
}

TEST_F(RendererTest, OffscreenRejectsAbsurdSizes) {
  const auto zero = Offscreen::create(0, 100, fonts);
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().what, "offscreen size 0x100 is outside 1..16384");
  EXPECT_FALSE(Offscreen::create(100, 20000, fonts));
}

TEST_F(RendererTest, ABadListNeverCrashes) {
  auto off = Offscreen::create(200, 200, fonts).value();
  draw::DisplayList list;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  list.fill({nan, 0, 10, 10}, kInk);
  list.fill({0, 0, inf, 10}, kInk, 1e9f);
  list.fill({-1e9f, -1e9f, 2e9f, 2e9f}, {1, 2, 3, 255}, -5);
  list.commands.emplace_back(draw::FillRect{{10, 10, 4, 4}, kInk, 100, 100, kInk});
  list.text({nan, 0}, "x", {32, false, kInk});
  list.text({0, 0}, "x", {nan, false, kInk});
  list.text({0, 0}, "x", {-3, false, kInk});
  list.text({0, 0}, "x", {1e6f, false, kInk});
  list.commands.emplace_back(draw::QrCode{{0, 0, 100, 100}, 5, nullptr});
  list.commands.emplace_back(
      draw::QrCode{{0, 0, 100, 100}, 50, std::make_shared<std::vector<std::uint8_t>>(4, 1)});
  list.commands.emplace_back(
      draw::QrCode{{0, 0, 3, 3}, 29, std::make_shared<std::vector<std::uint8_t>>(29 * 29, 1)});
  list.push_clip({nan, nan, 1, 1});
  list.fill({0, 0, 200, 200}, {255, 0, 0, 255});
  list.pop_clip();
  list.pop_clip();
  off.draw(list);
  EXPECT_NE(off.pixel(100, 100), (Color{255, 0, 0, 255}));
}

// A scripted fling through a long list at 1920×1080: prints frame times (not asserted: timing
// belongs to bench/) and checks that each row is rasterised once and the cache stays bounded.
TEST_F(RendererTest, FlingThroughALongListRasterisesEachRowOnce) {
  auto off = Offscreen::create(1920, 1080, fonts).value();
  constexpr int kRows = 5000;
  constexpr float kRowHeight = 96;
  const auto frame = [&](float scroll) {
    draw::DisplayList list;
    list.background = {0xf7, 0xf4, 0xec, 255};
    list.fill({0, 0, 1920, 120}, {0xa3, 0x1f, 0x1f, 255});
    list.text({60, 30}, "公示名单 · 示范居委会", {48, true, kWhite});
    list.push_clip({0, 120, 1920, 960});
    // Like a view: emit only rows that can be visible (plus one), drawn by the renderer's culling.
    const int first = std::max(0, static_cast<int>(scroll / kRowHeight) - 1);
    for (int i = first; i < std::min(kRows, first + 12); ++i) {
      const float y = 120 + static_cast<float>(i) * kRowHeight - scroll;
      list.fill({40, y + 6, 1840, kRowHeight - 12}, kWhite, 16);
      list.text({80, y + 25},
                std::to_string(i + 1) + ". 示例区第" + std::to_string(i + 1) + "居民委员会",
                {32, false, kInk});
      list.text({900, y + 25}, "和谐社区建设示范居委会", {32, false, {0x55, 0x55, 0x55, 255}});
      list.text({1500, y + 25}, "021-5970 " + std::to_string(1000 + i), {32, false, kInk});
    }
    list.pop_clip();
    return list;
  };
  std::vector<double> ms;
  float scroll = 0;
  for (int f = 0; f < 600; ++f) {
    const draw::DisplayList list = frame(scroll);
    const auto t0 = std::chrono::steady_clock::now();
    off.draw(list);
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    scroll += 40;
  }
  // Fling back up over the same rows: everything is cached now.
  std::vector<double> back;
  for (int f = 0; f < 300; ++f) {
    scroll -= 40;
    const draw::DisplayList list = frame(scroll);
    const auto t0 = std::chrono::steady_clock::now();
    off.draw(list);
    back.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  const auto pct = [](std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
  };
  const RenderStats s = off.renderer().stats();
  std::printf(
      "fling 1920x1080: new rows p50 %.2f ms p99 %.2f ms max %.2f ms; cached rows p50 %.2f ms p99 "
      "%.2f ms; "
      "%llu misses, %llu hits, %zu textures, %.1f MiB, glyphs %zu (%zu KiB)\n",
      pct(ms, 0.5), pct(ms, 0.99), pct(ms, 1.0), pct(back, 0.5), pct(back, 0.99),
      static_cast<unsigned long long>(s.misses), static_cast<unsigned long long>(s.hits),
      s.textures, static_cast<double>(s.texture_bytes) / (1 << 20), s.fonts.glyphs_cached,
      s.fonts.glyph_bytes / 1024);
  const std::size_t rows_seen = static_cast<std::size_t>(600 * 40 / kRowHeight) + 12;
  EXPECT_LE(s.misses, 1 + 3 * rows_seen) << "each row's three lines rasterised once";
  EXPECT_LE(s.texture_bytes, RendererOptions{}.texture_cache_bytes);
}

// A page of Chinese paragraphs laid out with text/ and drawn: the picture to look at, and timing.
TEST_F(RendererTest, RendersASampleChinesePage) {
  auto off = Offscreen::create(1920, 1080, fonts).value();
  FontMeasurer measurer(fonts);
  draw::DisplayList list;
  list.background = {0xf7, 0xf4, 0xec, 255};
  list.fill({0, 0, 1920, 120}, {0xa3, 0x1f, 0x1f, 255});
  list.text({60, 30}, "示例居委会 · 社区公示栏", {48, true, kWhite});
  list.text({1380, 40}, "2026年11月25日 星期三 09:30", {32, false, kWhite});
  const std::vector<std::string> paragraphs{
      "(一)组织领导坚强有力。街道(镇)党工委、办事处(政府)重视社区建设工作,"
      "成立由主要领导任组长的社区建设工作领导小组;"
      "党小组对居(村)民小组覆盖率100%,社区党员志愿者占社区党员总数的15%以上。",
      "申报单位名单:示范街道(镇)3个、模范居委会12个;人名生僻字:吉野家的“𠮷”、龚䶮;字体都没有的字:"
      "“\U00020000”;表情😀。",
      "公示期自2026年11月20日起至2026年12月31日止,共42天。如有异议,"
      "请于公示期内拨打监督及投诉电话021-5970 "
      "0000(工作日9:00—17:00)。",
  };
  float y = 160;
  const draw::TextStyle body{32, false, kInk};
  const auto& m = measurer.metrics(body);
  list.commands.emplace_back(
      draw::FillRect{{40, 140, 1200, 900}, kWhite, 24, 3, {0xd0, 0xc8, 0xb8, 255}});
  for (const auto& p : paragraphs) {
    const auto layout = text::layout_paragraph(p, m, 1120);
    for (const auto& line : layout.lines) {
      list.text({80, y}, p.substr(line.begin, line.end - line.begin), body);
      y += m.line_height();
    }
    y += m.line_height() / 2;
  }
  const draw::TextStyle large{46, false, kInk};
  const auto& lm = measurer.metrics(large);
  const std::string big = "适老模式:正文四十六像素,行距按字体计算。";
  for (const auto& line : text::layout_paragraph(big, lm, 1120).lines) {
    list.text({80, y}, big.substr(line.begin, line.end - line.begin), large);
    y += lm.line_height();
  }
  const auto qr = qr::make("tel:02159700000");
  ASSERT_TRUE(qr);
  const float side = static_cast<float>(qr->size * 10);
  list.commands.emplace_back(draw::FillRect{{1300, 140, 580, 640}, kWhite, 24, 0, {}});
  list.text({1340, 170}, "监督及投诉电话", {38, true, kInk});
  list.text({1340, 240}, "021-5970 0000", {64, true, {0xa3, 0x1f, 0x1f, 255}});
  list.commands.emplace_back(draw::QrCode{{1340, 340, side, side}, qr->size, qr->modules});
  list.push_clip({1300, 800, 580, 60});
  list.text({1340, 790}, "被裁剪的一行:上半部分看不见", {40, false, kInk});
  list.pop_clip();

  const auto t0 = std::chrono::steady_clock::now();
  off.draw(list);
  const auto t1 = std::chrono::steady_clock::now();
  off.draw(list);
  const auto t2 = std::chrono::steady_clock::now();
  const double first_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  const double cached_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
  const RenderStats s = off.renderer().stats();
  std::printf(
      "sample page: %zu text lines, first draw %.1f ms (rasterise %.1f ms), cached draw %.1f ms, "
      "%zu textures, %zu KiB, %zu glyphs cached (%zu KiB), %zu fonts open\n",
      s.textures, first_ms, s.fonts.rasterise_ms, cached_ms, s.textures, s.texture_bytes / 1024,
      s.fonts.glyphs_cached, s.fonts.glyph_bytes / 1024, s.fonts.fonts_open);
  const auto out = std::filesystem::path(KIOSK_BINARY_DIR) / "render_sample_1920x1080.png";
  const auto saved = off.save_png(out);
  ASSERT_TRUE(saved) << saved.error().what;
  std::printf("sample page written to %s\n", out.c_str());
}

}  // namespace
}  // namespace kiosk::render
