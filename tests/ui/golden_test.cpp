// Pixel goldens of every screen, rendered offscreen with the real fonts exactly as
// `kiosk --screenshot` draws them: landscape 1920×1080, portrait 1080×1920, 适老模式 and some
// smaller panels, on the fixed date 2026-11-25 09:30, showing the tests' bundle
// (tests/data/bundle). One test per golden (Goldens.Screen/<name>). Goldens live in
// tests/ui/goldens/; on a mismatch the test writes NAME_actual.png and NAME_diff.png (see
// golden.hpp); refresh with
//   KIOSK_UPDATE_GOLDENS=1 ./ui_golden_tests
// and look at every image before committing it.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/runtime.hpp"
#include "config/config.hpp"
#include "content/parse.hpp"
#include "fixture_bundle.hpp"
#include "golden.hpp"
#include "harness.hpp"
#include "process.hpp"
#include "render/image.hpp"
#include "screenshot/screenshot.hpp"
#include "temp_dir.hpp"

namespace kiosk::screenshot {
namespace {

// The tests' bundle with notices.json's public_url set: the 扫码带走 QR codes appear.
constexpr char kPublicUrl[] = "https://gongshi.example.cn/qingpu/";
content::Bundle with_public_url() {
  content::Bundle b = *content::load_bundle(test::fixture_bundle_dir()).bundle;
  b.public_url = kPublicUrl;
  return b;
}

struct Env {
  render::FontLibrary fonts{config::Config{}.fonts.families};
  ui::FontRoles roles = load_roles();
  ui::Model model{*content::load_bundle(test::fixture_bundle_dir()).bundle, "示例居委会", 1,
                  qr_encoder()};  // tests/data/bundle
  ui::Model take_home{with_public_url(), "示例居委会", 2, qr_encoder()};
  // The same with cd-01 named test::kRareName (CJK Extensions E, G, H: BabelStone Han only).
  ui::Model rare_names{*content::load_bundle(test::rare_name_bundle_files()).bundle, "示例居委会",
                       1, qr_encoder()};
  // 300 示范居委会 across 11 towns (issue 16's index strip), generated from the fixture.
  ui::Model towns{ui::testing::bundle_with_towns(), "示例居委会", 2, qr_encoder()};
  // Issue 13's lifecycle fixture: working days across 国庆, a withdrawal, a correction, an
  // extension with a result, a termination, 异议 details (tests/ui/harness.hpp).
  ui::Model lifecycle{ui::testing::lifecycle_bundle(), "示例居委会", 3, qr_encoder()};
};

Env& env() {
  static Env* e = new Env();  // shared by the tests of this binary; fonts open once
  return *e;
}

// One golden: the screen name for --screen, the panel size, 适老模式, the date; the golden file
// is goldens/<name>.png and the test Goldens.Screen/<name> (with '-' as '_'), so a failing screen
// has its own name and `ctest -R 'Screen/home_1920x1080_large$'` reruns it alone.
struct Case {
  std::string screen;
  std::string file;  // the golden's file name, without .png
  int width = 1920;
  int height = 1080;
  bool large = false;
  CivilDate date{2026, 11, 25};
  std::string take_home{};  // with public_url: the URL the screen's 扫码带走 QR code must name
  bool rare_names = false;  // Env::rare_names instead of Env::model
  bool towns = false;       // Env::towns instead of the fixture
  bool lifecycle = false;   // Env::lifecycle
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }  // gtest's name for a case

// Every screen at landscape 1920×1080, portrait 1080×1920 and 适老模式 1920×1080; smaller panels
// show the same layouts at ui::layout_scale (1366×768: 0.71×; 800×600: 0.56×), with numbers
// shrunk to stay on one line and tiles rearranged where 适老模式 leaves less room; the dimmed
// clock outside office hours; the current step marked on another date.
std::vector<Case> cases() {
  static const std::pair<const char*, const char*> kScreens[] = {
      {"attract", "attract"},     {"home", "home"},
      {"notices", "notices"},     {"applicant:cd-01", "applicant_cd-01"},
      {"standards", "standards"}, {"standard:2", "standard_2"},
      {"hotlines", "hotlines"},   {"steps", "steps"},
      {"document", "document"},   {"diagnostics", "diagnostics"}};
  std::vector<Case> out;
  for (const auto& [screen, file] : kScreens) {
    out.push_back({screen, std::string(file) + "_1920x1080", 1920, 1080, false});
    out.push_back({screen, std::string(file) + "_1080x1920", 1080, 1920, false});
    out.push_back({screen, std::string(file) + "_1920x1080_large", 1920, 1080, true});
  }
  out.push_back({"notices", "notices_1080x1920_large", 1080, 1920, true});
  out.push_back({"applicant:cd-01", "applicant_cd-01_1080x1920_large", 1080, 1920, true});
  for (const char* screen : {"home", "notices", "standards", "hotlines"}) {
    out.push_back({screen, std::string(screen) + "_1366x768_large", 1366, 768, true});
  }
  out.push_back({"home", "home_800x600", 800, 600, false});
  out.push_back({"applicant:cd-01", "applicant_cd-01_800x600_large", 800, 600, true});
  out.push_back({"hotlines", "hotlines_800x600_large", 800, 600, true});
  out.push_back({"dimmed", "dimmed_1920x1080", 1920, 1080, false});
  out.push_back({"dimmed", "dimmed_1080x1920", 1080, 1920, false});
  out.push_back({"steps", "steps_2011-05-10_1920x1080", 1920, 1080, false, {2011, 5, 10}});
  // 扫码带走 with public_url: the category list (its notice's page at that category), the
  // applicant and the hotlines, landscape, portrait and 适老模式.
  const std::string base = std::string(kPublicUrl) + "site/";
  const std::pair<const char*, std::string> kTakeHome[] = {
      {"notices", base + "notice/demo-2026.html#street_demo"},
      {"applicant:cd-01", base + "applicant/demo-2026/cd-01.html"},
      {"hotlines", base + "hotlines.html"}};
  for (const auto& [screen, url] : kTakeHome) {
    std::string file = screen;
    if (file.find(':') != std::string::npos) file.replace(file.find(':'), 1, "_");
    out.push_back({screen, file + "_1920x1080_take_home", 1920, 1080, false, {2026, 11, 25}, url});
    out.push_back({screen, file + "_1080x1920_take_home", 1080, 1920, false, {2026, 11, 25}, url});
    out.push_back(
        {screen, file + "_1920x1080_large_take_home", 1920, 1080, true, {2026, 11, 25}, url});
  }
  // A name only the last family of the chain can draw, in both text modes: glyphs, not □.
  out.push_back({"applicant:cd-01",
                 "applicant_rare_names_1920x1080",
                 1920,
                 1080,
                 false,
                 {2026, 11, 25},
                 "",
                 true});
  out.push_back({"applicant:cd-01",
                 "applicant_rare_names_1920x1080_large",
                 1920,
                 1080,
                 true,
                 {2026, 11, 25},
                 "",
                 true});
  // The index strip by 所属街镇 over a 300-row list, and 所属街镇 on 申报详情.
  const CivilDate day{2026, 11, 25};
  const char* const list = "notices:committee_demo";
  out.push_back({list, "notices_towns_1920x1080", 1920, 1080, false, day, "", false, true});
  out.push_back({list, "notices_towns_1080x1920", 1080, 1920, false, day, "", false, true});
  out.push_back({list, "notices_towns_1920x1080_large", 1920, 1080, true, day, "", false, true});
  out.push_back({list, "notices_towns_1080x1920_large", 1080, 1920, true, day, "", false, true});
  out.push_back(
      {"applicant:t6-1", "applicant_town_1920x1080", 1920, 1080, false, day, "", false, true});
  // Issue 13 (LIFECYCLE.md) on the lifecycle fixture: each new look landscape, portrait and
  // 适老模式: 待机 with days left in working days, the withdrawn count and the 异议 line with its
  // QR code; a withdrawn row; a withdrawn and a corrected applicant; 监督电话's 异议 card;
  // 往期公示; 公示详情 with a result. Then single looks: a rest day, an extension, a termination.
  const auto lc = [&](const char* screen, const char* file, CivilDate date) {
    const std::string stem = std::string("lc_") + file + "_" + date.iso();
    out.push_back({screen, stem + "_1920x1080", 1920, 1080, false, date, "", false, false, true});
    out.push_back({screen, stem + "_1080x1920", 1080, 1920, false, date, "", false, false, true});
    out.push_back(
        {screen, stem + "_1920x1080_large", 1920, 1080, true, date, "", false, false, true});
  };
  const CivilDate sep30{2026, 9, 30};
  lc("attract", "attract", sep30);
  lc("notices:committee_demo", "notices_withdrawn", sep30);
  lc("applicant:lc-gq/cd-02", "applicant_withdrawn", sep30);
  lc("applicant:lc-gq/sd-01", "applicant_corrected", sep30);
  lc("hotlines", "hotlines", sep30);
  lc("archive", "archive", {2026, 10, 10});
  lc("notice:lc-ext", "notice_result", sep30);
  const auto one = [&](const char* screen, const char* file, CivilDate date) {
    out.push_back({screen, std::string("lc_") + file + "_" + date.iso() + "_1920x1080", 1920, 1080,
                   false, date, "", false, false, true});
  };
  one("attract", "attract_rest_day", {2026, 10, 2});
  one("home", "home_rest_day", {2026, 10, 2});
  one("notices", "notices_extended", {2026, 9, 8});
  one("notice:lc-term", "notice_terminated", {2026, 9, 25});
  one("notice:lc-gq", "notice_current", sep30);
  return out;
}

class Goldens : public ::testing::TestWithParam<Case> {};

TEST_P(Goldens, Screen) {
  const Case& c = GetParam();
  ASSERT_TRUE(env().fonts.usable()) << "no CJK font installed (fonts-noto-cjk)";
  ScreenshotRequest req;
  req.screen = c.screen;
  req.width = c.width;
  req.height = c.height;
  req.large_text = c.large;
  req.date = c.date;
  req.diagnostics.fonts = "Noto Sans CJK SC";
  req.diagnostics.uptime_s = 3725;
  req.diagnostics.rss_mb = 41.5;
  req.diagnostics.frame_p50_ms = 1.2;
  req.diagnostics.frame_p99_ms = 3.4;
  req.diagnostics.frame_last_ms = 1.1;
  const ui::Model& model = c.lifecycle           ? env().lifecycle
                           : c.towns             ? env().towns
                           : c.rare_names        ? env().rare_names
                           : c.take_home.empty() ? env().model
                                                 : env().take_home;
  const auto r = render_screen(model, req, env().fonts, env().roles);
  ASSERT_TRUE(r) << r.error().what;
  EXPECT_TRUE(golden::matches_golden(
      r->image, std::string(KIOSK_SOURCE_ROOT) + "/tests/ui/goldens/" + c.file + ".png"));
  if (c.take_home.empty()) return;
  // The QR code on the screen, as a phone reads it: zbarimg (zbar-tools) decodes the frame.
  if (!test::on_path("zbarimg")) GTEST_SKIP() << "no zbarimg (Debian package zbar-tools)";
  test::TempDir dir;
  const auto png = dir / "screen.png";
  ASSERT_TRUE(render::save_png(r->image, png));
  FILE* p = ::popen(("zbarimg --raw -q '" + png.string() + "' 2>/dev/null").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string said;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p) != nullptr) said += buf;
  ::pclose(p);
  // Every QR code on the screen: the take-home page's, and the hotlines' tel: codes.
  EXPECT_NE(said.find(c.take_home + "\n"), std::string::npos) << said;
  EXPECT_EQ(said.find("https://"), said.rfind("https://")) << "one take-home code: " << said;
}

INSTANTIATE_TEST_SUITE_P(, Goldens, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           std::string name = param.param.file;
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

// Every golden file is some test's, so a golden left behind by a renamed case does not linger.
TEST(GoldenFiles, EachIsTested) {
  std::set<std::string> tested;
  for (const auto& c : cases()) tested.insert(c.file + ".png");
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(KIOSK_SOURCE_ROOT) + "/tests/ui/goldens")) {
    EXPECT_TRUE(tested.contains(entry.path().filename().string()))
        << entry.path() << " is no test's golden";
  }
  EXPECT_EQ(tested.size(), cases().size()) << "two cases share a golden";
}

TEST(GoldenScreens, UnknownScreenIsRefused) {
  ScreenshotRequest req;
  req.screen = "nope";
  const auto r = render_screen(env().model, req, env().fonts, env().roles);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().what.rfind("unknown screen \"nope\"; valid screens: ", 0), 0u)
      << r.error().what;
  EXPECT_NE(r.error().what.find("standard:N"), std::string::npos);
  const auto route = screen_route(env().model, req);
  ASSERT_FALSE(route);
  EXPECT_EQ(route.error(), r.error());
}

}  // namespace
}  // namespace kiosk::screenshot
