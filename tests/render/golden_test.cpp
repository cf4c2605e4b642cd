// The golden helper itself, and one golden of the renderer (shapes, Chinese text, QR) at 960×540.
#include "golden.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "qr/qr.hpp"
#include "render/offscreen.hpp"

namespace kiosk::golden {
namespace {

const std::vector<std::string> kFamilies{"Noto Sans CJK SC", "WenQuanYi Micro Hei",
                                         "Droid Sans Fallback"};

render::Image solid(int w, int h, Color c) {
  render::Image img(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) img.set(x, y, c);
  }
  return img;
}

class GoldenHelper : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("kiosk_golden_selftest_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    setenv("KIOSK_GOLDEN_OUT", (dir / "out").c_str(), 1);
    unsetenv("KIOSK_UPDATE_GOLDENS");
  }
  void TearDown() override {
    unsetenv("KIOSK_GOLDEN_OUT");
    std::filesystem::remove_all(dir);
  }
  std::filesystem::path dir;
};

TEST_F(GoldenHelper, ComparesWithinTolerance) {
  render::Image a = solid(40, 30, {100, 100, 100, 255});
  render::Image b = a;
  b.set(3, 3, {110, 100, 100, 255});
  EXPECT_EQ(compare(a, b, 24).differing, 0u);
  EXPECT_EQ(compare(a, b, 24).max_delta, 10);
  b.set(4, 4, {200, 100, 100, 255});
  EXPECT_EQ(compare(a, b, 24).differing, 1u);
  EXPECT_FALSE(compare(a, solid(41, 30, {}), 24).same_size);
}

TEST_F(GoldenHelper, MissingGoldenFailsAndUpdateWritesIt) {
  const auto golden = dir / "goldens" / "thing.png";
  const render::Image img = solid(20, 10, {1, 2, 3, 255});
  EXPECT_FALSE(matches_golden(img, golden));
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "thing_actual.png"));
  setenv("KIOSK_UPDATE_GOLDENS", "1", 1);
  EXPECT_TRUE(matches_golden(img, golden));
  unsetenv("KIOSK_UPDATE_GOLDENS");
  EXPECT_TRUE(std::filesystem::exists(golden));
  EXPECT_TRUE(matches_golden(img, golden));
}

TEST_F(GoldenHelper, MismatchWritesActualAndDiff) {
  const auto golden = dir / "g.png";
  setenv("KIOSK_UPDATE_GOLDENS", "1", 1);
  ASSERT_TRUE(matches_golden(solid(50, 50, {255, 255, 255, 255}), golden));
  unsetenv("KIOSK_UPDATE_GOLDENS");
  render::Image changed = solid(50, 50, {255, 255, 255, 255});
  for (int i = 0; i < 10; ++i) changed.set(i, i, {0, 0, 0, 255});
  const auto result = matches_golden(changed, golden);
  EXPECT_FALSE(result);
  EXPECT_NE(std::string(result.message()).find("10 of 2500 pixels differ"), std::string::npos)
      << result.message();
  const auto diff = render::load_png(dir / "out" / "g_diff.png");
  ASSERT_TRUE(diff) << diff.error().what;
  EXPECT_EQ(diff->at(5, 5), (Color{255, 0, 0, 255}));
  EXPECT_NE(diff->at(5, 6), (Color{255, 0, 0, 255}));
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "g_actual.png"));
  EXPECT_TRUE(matches_golden(changed, golden, Tolerance{24, 0.01}));
}

// Screenshots are compared by their pixels: one changed pixel differs, a missing file is a
// failure of both checks (never a pass of different_pixels).
TEST_F(GoldenHelper, SamePixelsComparesPicturesNotBytes) {
  const auto white = solid(40, 30, {255, 255, 255, 255});
  ASSERT_TRUE(render::save_png(white, dir / "a.png"));
  ASSERT_TRUE(render::save_png(white, dir / "b.png"));
  render::Image dot = white;
  dot.set(3, 4, {254, 255, 255, 255});
  ASSERT_TRUE(render::save_png(dot, dir / "dot.png"));
  EXPECT_TRUE(same_pixels(dir / "a.png", dir / "b.png"));
  EXPECT_FALSE(different_pixels(dir / "a.png", dir / "b.png"));
  const auto one = same_pixels(dir / "a.png", dir / "dot.png");
  EXPECT_FALSE(one);
  EXPECT_NE(std::string(one.message()).find("1 of 1200 pixels differ, by up to 1"),
            std::string::npos)
      << one.message();
  EXPECT_TRUE(different_pixels(dir / "a.png", dir / "dot.png"));
  EXPECT_FALSE(same_pixels(dir / "a.png", dir / "missing.png"));
  EXPECT_FALSE(different_pixels(dir / "a.png", dir / "missing.png"));
  ASSERT_TRUE(render::save_png(solid(30, 40, {255, 255, 255, 255}), dir / "tall.png"));
  EXPECT_TRUE(different_pixels(dir / "a.png", dir / "tall.png"));
}

TEST(RendererGolden, SampleCard) {
  render::FontLibrary fonts(kFamilies);
  auto off = render::Offscreen::create(960, 540, fonts).value();
  draw::DisplayList list;
  list.background = {0xf7, 0xf4, 0xec, 255};
  list.fill({0, 0, 960, 72}, {0xa3, 0x1f, 0x1f, 255});
  list.text({24, 14}, "社区公示栏 · 监督电话", {32, true, {255, 255, 255, 255}});
  list.commands.emplace_back(
      draw::FillRect{{24, 96, 560, 420}, {255, 255, 255, 255}, 20, 3, {0xd0, 0xc8, 0xb8, 255}});
  list.text({48, 120}, "示范居委会(5个)", {32, true, {0x1a, 0x1a, 0x1a, 255}});
  list.text({48, 170}, "吉野家𠮷 龚䶮 Ą 无字形\U00020000", {28, false, {0x1a, 0x1a, 0x1a, 255}});
  list.text({48, 220}, "区民政局 021-5970 0000", {44, true, {0xa3, 0x1f, 0x1f, 255}});
  list.push_clip({48, 290, 500, 24});
  list.text({48, 280}, "被裁剪:只见中间一段", {32, false, {0x1a, 0x1a, 0x1a, 255}});
  list.pop_clip();
  list.fill({48, 340, 200, 80}, {0x1f, 0x5f, 0xa3, 255}, 40);
  list.text({88, 360}, "返回首页", {32, true, {255, 255, 255, 255}});
  const auto qr = qr::make("tel:02159700000");
  ASSERT_TRUE(qr);
  const float side = static_cast<float>(qr->size * 8);
  list.commands.emplace_back(draw::QrCode{{620, 120, side, side}, qr->size, qr->modules});
  off.draw(list);
  EXPECT_TRUE(matches_golden(off.image(), std::string(KIOSK_SOURCE_ROOT) +
                                              "/tests/render/goldens/sample_card_960x540.png"));
}

}  // namespace
}  // namespace kiosk::golden
