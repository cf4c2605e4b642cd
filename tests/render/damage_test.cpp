// Renderer::draw_changes: repainting only what changed (and moving a scrolled list's pixels in
// place) leaves exactly the pixels a full draw() leaves, frame after frame, and the rectangles it
// returns cover every pixel that changed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "qr/qr.hpp"
#include "render/offscreen.hpp"

namespace kiosk::render {
namespace {

const std::vector<std::string> kFamilies{"Noto Sans CJK SC", "WenQuanYi Micro Hei",
                                         "Droid Sans Fallback"};
constexpr int kW = 960, kH = 600;

struct Scene {
  float offset = 0;       // the list's scroll position
  float view_y = 180.5F;  // a fractional viewport top, as the views produce
  bool overlay = false;   // a translucent panel over part of the list, drawn after it
  bool paper = false;     // an opaque fill under the whole list, drawn before it
  bool nested = false;    // a clip inside the list's clip
  std::string clock = "09:30";
  Color accent{0x8a, 0x1c, 0x1c, 255};
};

draw::DisplayList build(const Scene& s, const std::shared_ptr<const std::vector<std::uint8_t>>& qr,
                        int qr_size) {
  draw::DisplayList dl;
  dl.background = {0xf6, 0xf3, 0xec, 255};
  dl.fill({0, 0, kW, 80}, {255, 255, 255, 255});
  dl.fill({0, 78, kW, 3}, s.accent);
  dl.text({20, 20}, "示例居委会", {30, true, s.accent});
  dl.text({700, 24}, "2026年11月25日 " + s.clock, {24, false, {0x1a, 0x1a, 0x1a, 255}});
  dl.commands.push_back(
      draw::FillRect{{20, 100, 260, 64}, {0xe6, 0xed, 0xf7, 255}, 12, 2, {0x12, 0x30, 0x5a, 255}});
  dl.text({36, 116}, "示范居委会 12 个", {24, true, {0x12, 0x30, 0x5a, 255}});
  dl.commands.push_back(
      draw::QrCode{{40, 400, 150, 150}, qr_size, qr, {0, 0, 0, 255}, {255, 255, 255, 255}});
  const Rect view{300, s.view_y, 620, 360};
  if (s.paper) dl.fill({290, 170, 650, 390}, {255, 255, 255, 255});
  dl.push_clip(view);
  const float row_h = 74;
  for (int k = 0; k < 40; ++k) {
    const float y = view.y + static_cast<float>(k) * row_h - std::round(s.offset);
    if (y + row_h < view.y || y > view.bottom()) continue;
    if (k % 5 == 2)
      dl.fill({view.x, y, view.w - 20, row_h}, {0x12, 0x30, 0x5a, 40});  // translucent highlight
    dl.fill({view.x, y + row_h - 2, view.w - 20, 2}, {0xc9, 0xc2, 0xb2, 255});
    dl.text({view.x + 10, y + 8}, std::to_string(k + 1), {24, false, {0x45, 0x45, 0x45, 255}});
    dl.text({view.x + 50, y + 8}, "上海市青浦区第" + std::to_string(k + 1) + "号和谐家园居民委员会",
            {26, true, {0x1a, 0x1a, 0x1a, 255}});
    dl.text({view.x + 50, y + 42.5F}, "负责人:某某(示例) · 地址:示例路" + std::to_string(k) + "号",
            {20, false, {0x45, 0x45, 0x45, 255}});
    if (s.nested && k % 7 == 3) {
      dl.push_clip({view.x + 400, y, 100, row_h / 2});
      dl.fill({view.x + 380, y, 200, row_h}, {200, 60, 60, 255});
      dl.pop_clip();
    }
  }
  dl.pop_clip();
  // The scroll bar, drawn after the list and inside its clip's columns.
  const float thumb_y = view.y + (view.h - 60) * std::min(1.0F, s.offset / (40 * row_h - view.h));
  dl.fill({view.right() - 8, view.y, 8, view.h}, {0xf6, 0xf3, 0xec, 255}, 4);
  dl.fill({view.right() - 8, std::round(thumb_y), 8, 60}, {0x99, 0x99, 0x99, 255}, 4);
  if (s.overlay) dl.fill({600, 300, 300, 120}, {0, 0, 0, 90}, 16);
  dl.fill({0, kH - 70, kW, 70}, {255, 255, 255, 255});
  dl.text({20, kH - 50}, "返回上页", {26, true, {0x12, 0x30, 0x5a, 255}});
  return dl;
}

class DamageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m = qr::make("tel:021-59729999");
    ASSERT_TRUE(m.has_value());
    qr_ = m->modules;
    qr_size_ = m->size;
  }

  // Draws the scenes one after another incrementally and from scratch; every frame must match.
  void check(const std::vector<Scene>& scenes, bool expect_moves) {
    auto incremental = Offscreen::create(kW, kH, fonts_).value();
    auto reference = Offscreen::create(kW, kH, fonts_).value();
    Image before;
    std::size_t moved = 0;
    for (std::size_t i = 0; i < scenes.size(); ++i) {
      const draw::DisplayList list = build(scenes[i], qr_, qr_size_);
      const std::vector<PixelRect> rects = incremental.draw_changes(list);
      moved += incremental.renderer().stats().moved_regions;
      reference.draw(list);
      const Image got = incremental.image(), want = reference.image();
      int wrong = 0, uncovered = 0;
      for (int y = 0; y < kH; ++y) {
        for (int x = 0; x < kW; ++x) {
          if (!(got.at(x, y) == want.at(x, y))) ++wrong;
          if (before.empty() || before.at(x, y) == want.at(x, y)) continue;
          bool covered = false;
          for (const auto& r : rects)
            covered = covered || (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h);
          if (!covered) ++uncovered;
        }
      }
      EXPECT_EQ(wrong, 0) << "frame " << i << ": pixels differing from a full draw";
      EXPECT_EQ(uncovered, 0) << "frame " << i
                              << ": changed pixels outside the returned rectangles";
      before = want;
    }
    if (expect_moves) {
      EXPECT_GT(moved, 0U) << "no frame moved the list's pixels in place";
    }
  }

  FontLibrary fonts_{kFamilies};
  std::shared_ptr<const std::vector<std::uint8_t>> qr_;
  int qr_size_ = 0;
};

TEST_F(DamageTest, ScrollingAListMovesItsPixelsAndMatchesFullDraws) {
  std::vector<Scene> scenes;
  for (const float offset :
       {0.0F, 6.0F, 30.0F, 31.0F, 200.0F, 170.0F, 170.0F, 700.0F, 1000.0F, 999.4F, 0.0F}) {
    Scene s;
    s.offset = offset;
    scenes.push_back(s);
  }
  check(scenes, true);
}

TEST_F(DamageTest, AnUnchangedFrameRepaintsNothing) {
  auto off = Offscreen::create(kW, kH, fonts_).value();
  const draw::DisplayList list = build(Scene{}, qr_, qr_size_);
  EXPECT_EQ(off.draw_changes(list).size(), 1U);  // the first frame: everything
  EXPECT_TRUE(off.draw_changes(list).empty());
  off.renderer().invalidate();
  const auto all = off.draw_changes(list);
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all[0], (PixelRect{0, 0, kW, kH}));
}

TEST_F(DamageTest, OverlaysUnderlaysNestedClipsAndOtherChangesStayExact) {
  std::vector<Scene> scenes;
  Scene s;
  scenes.push_back(s);
  s.clock = "09:31";  // a small change outside the list
  scenes.push_back(s);
  s.overlay = true;  // a translucent panel over the list, then scrolling under it
  scenes.push_back(s);
  s.offset = 45;
  scenes.push_back(s);
  s.offset = 90;
  scenes.push_back(s);
  s.overlay = false;
  s.paper = true;  // an opaque underlay appears, then the list scrolls over it
  scenes.push_back(s);
  s.offset = 130;
  scenes.push_back(s);
  s.nested = true;  // a nested clip: the list is repainted, not moved
  scenes.push_back(s);
  s.offset = 160;
  scenes.push_back(s);
  s.nested = false;
  s.view_y = 200;  // the list's viewport moves
  scenes.push_back(s);
  s.accent = {0x20, 0x60, 0x20, 255};
  scenes.push_back(s);
  s.offset = 2500;  // past the end: the rows leave entirely
  scenes.push_back(s);
  check(scenes, true);
}

// KIOSK_DEBUG_DAMAGE=1: draw_changes tints exactly what it repainted, so a screen shows it.
TEST_F(DamageTest, DebugSwitchTintsOnlyTheRepaintedRectangles) {
  ::setenv("KIOSK_DEBUG_DAMAGE", "1", 1);
  auto debug = Offscreen::create(kW, kH, fonts_).value();
  ::unsetenv("KIOSK_DEBUG_DAMAGE");
  auto reference = Offscreen::create(kW, kH, fonts_).value();
  Scene s;
  (void)debug.draw_changes(build(s, qr_, qr_size_));
  const Image first = debug.image();
  s.clock = "09:31";
  const draw::DisplayList list = build(s, qr_, qr_size_);
  const std::vector<PixelRect> rects = debug.draw_changes(list);
  ASSERT_FALSE(rects.empty());
  reference.draw(list);
  const Image got = debug.image(), plain = reference.image();
  int tinted_inside = 0, changed_outside = 0, inside = 0;
  for (int y = 0; y < kH; ++y) {
    for (int x = 0; x < kW; ++x) {
      bool in = false;
      for (const auto& r : rects)
        in = in || (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h);
      if (in) {
        ++inside;
        if (!(got.at(x, y) == plain.at(x, y))) ++tinted_inside;
      } else if (!(got.at(x, y) == first.at(x, y))) {
        ++changed_outside;
      }
    }
  }
  EXPECT_EQ(tinted_inside, inside) << "every repainted pixel is tinted";
  EXPECT_EQ(changed_outside, 0) << "pixels outside the repainted rectangles stay as they were";
  EXPECT_LT(inside, kW * kH / 4) << "a clock change repaints a small part of the screen";
}

}  // namespace
}  // namespace kiosk::render
