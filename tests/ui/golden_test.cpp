// Pixel goldens of every screen, rendered offscreen with the real fonts exactly as
// `kiosk --screenshot` draws them: landscape 1920×1080, portrait 1080×1920, 适老模式 and some
// smaller panels, on the fixed date 2026-11-25 09:30. Goldens live in tests/ui/goldens/; on a mismatch the test writes
// NAME_actual.png and NAME_diff.png (see golden.hpp); refresh with
//   KIOSK_UPDATE_GOLDENS=1 ./ui_golden_tests
// and look at every image before committing it.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/runtime.hpp"
#include "config/config.hpp"
#include "content/parse.hpp"
#include "golden.hpp"
#include "screenshot/screenshot.hpp"

namespace kiosk::screenshot {
namespace {

struct Env {
  render::FontLibrary fonts{config::Config{}.fonts.families};
  ui::FontRoles roles = load_roles();
  ui::Model model{*content::load_embedded_bundle().bundle, "示例居委会", 1, qr_encoder()};
};

Env& env() {
  static Env* e = new Env();  // shared by the tests of this binary; fonts open once
  return *e;
}

struct Case {
  const char* screen;
  const char* file;
};
constexpr Case kScreens[] = {
    {"attract", "attract"},     {"home", "home"},           {"notices", "notices"},
    {"applicant:cd-01", "applicant_cd-01"}, {"standards", "standards"}, {"standard:2", "standard_2"},
    {"hotlines", "hotlines"},   {"steps", "steps"},         {"document", "document"},
    {"diagnostics", "diagnostics"}};

void check(const std::string& screen, const std::string& name, int w, int h, bool large,
           CivilDate date = {2026, 11, 25}) {
  ASSERT_TRUE(env().fonts.usable()) << "no CJK font installed (fonts-noto-cjk)";
  ScreenshotRequest req;
  req.screen = screen;
  req.width = w;
  req.height = h;
  req.large_text = large;
  req.date = date;
  req.diagnostics.fonts = "Noto Sans CJK SC";
  req.diagnostics.uptime_s = 3725;
  req.diagnostics.rss_mb = 41.5;
  req.diagnostics.frame_p50_ms = 1.2;
  req.diagnostics.frame_p99_ms = 3.4;
  req.diagnostics.frame_last_ms = 1.1;
  const ScreenshotResult r = render_screen(env().model, req, env().fonts, env().roles);
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_TRUE(golden::matches_golden(r.image, std::string(KIOSK_SOURCE_ROOT) + "/tests/ui/goldens/" + name + ".png"));
}

TEST(Goldens, Landscape) {
  for (const auto& c : kScreens) check(c.screen, std::string(c.file) + "_1920x1080", 1920, 1080, false);
}

TEST(Goldens, Portrait) {
  for (const auto& c : kScreens) check(c.screen, std::string(c.file) + "_1080x1920", 1080, 1920, false);
}

TEST(Goldens, LargeText) {
  for (const auto& c : kScreens) check(c.screen, std::string(c.file) + "_1920x1080_large", 1920, 1080, true);
  check("notices", "notices_1080x1920_large", 1080, 1920, true);
  check("applicant:cd-01", "applicant_cd-01_1080x1920_large", 1080, 1920, true);
}

// Smaller panels show the same layouts at ui::layout_scale (1366×768: 0.71×; 800×600: 0.56×),
// with numbers shrunk to stay on one line and tiles rearranged where 适老模式 leaves less room.
TEST(Goldens, SmallerPanels) {
  for (const char* screen : {"home", "notices", "standards", "hotlines"}) {
    check(screen, std::string(screen) + "_1366x768_large", 1366, 768, true);
  }
  check("home", "home_800x600", 800, 600, false);
  check("applicant:cd-01", "applicant_cd-01_800x600_large", 800, 600, true);
  check("hotlines", "hotlines_800x600_large", 800, 600, true);
}

TEST(Goldens, DimmedClockOutsideOfficeHours) {
  check("dimmed", "dimmed_1920x1080", 1920, 1080, false);
  check("dimmed", "dimmed_1080x1920", 1080, 1920, false);
}

TEST(Goldens, CurrentStepMarked) {
  check("steps", "steps_2011-05-10_1920x1080", 1920, 1080, false, {2011, 5, 10});
}

TEST(Goldens, UnknownScreenIsRefused) {
  ScreenshotRequest req;
  req.screen = "nope";
  const ScreenshotResult r = render_screen(env().model, req, env().fonts, env().roles);
  EXPECT_TRUE(r.unknown_screen);
  EXPECT_NE(r.error.find("standard:N"), std::string::npos);
}

}  // namespace
}  // namespace kiosk::screenshot
