// admin/preview.hpp: one screen of a working copy as PNG bytes, drawn by the kiosk's renderer at
// the asked size and orientation (decoded back here), and the screen names of a bundle.
#include "admin/preview.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "config/config.hpp"
#include "fixture_bundle.hpp"
#include "render/image.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

class PreviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
    setup.font_families = config::Config{}.fonts.families;
    setup.width = 640;
    setup.height = 360;
  }
  render::Image decode(const std::string& png) const {
    const fs::path file = temp / "shot.png";
    test::write_file(file, png);
    auto image = render::load_png(file);
    EXPECT_TRUE(image) << image.error().what;
    return image ? std::move(image).value() : render::Image{};
  }
  test::TempDir temp;
  fs::path dir;
  admin::PreviewSetup setup;
};

TEST_F(PreviewTest, DrawsAScreenAsAPngOfTheAskedSizeAndOrientation) {
  admin::Previewer previewer(setup);
  if (!previewer.fonts_usable()) GTEST_SKIP() << "no configured font installed";
  const auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy && copy->bundle);
  admin::PreviewRequest request;
  request.screen = "home";
  request.date = *CivilDate::parse("2026-11-25");
  auto landscape = previewer.png(*copy, request);
  ASSERT_TRUE(landscape) << landscape.error().what;
  EXPECT_EQ(landscape->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto image = decode(*landscape);
  EXPECT_EQ(image.width, 640);
  EXPECT_EQ(image.height, 360);

  request.orientation = admin::Orientation::Portrait;
  auto portrait = previewer.png(*copy, request);
  ASSERT_TRUE(portrait) << portrait.error().what;
  image = decode(*portrait);
  EXPECT_EQ(image.width, 360);
  EXPECT_EQ(image.height, 640);

  // 适老模式 draws other pixels than the normal text size.
  request.orientation = admin::Orientation::Landscape;
  request.large_text = true;
  auto large = previewer.png(*copy, request);
  ASSERT_TRUE(large) << large.error().what;
  EXPECT_NE(*large, *landscape);

  request.size = std::pair{300, 200};
  request.screen = "notices:demo-2026/committee_demo";
  auto list = previewer.png(*copy, request);
  ASSERT_TRUE(list) << list.error().what;
  image = decode(*list);
  EXPECT_EQ(image.width, 300);
  EXPECT_EQ(image.height, 200);
}

TEST_F(PreviewTest, RefusesAnUnknownScreenAndAnInvalidBundle) {
  admin::Previewer previewer(setup);
  if (!previewer.fonts_usable()) GTEST_SKIP() << "no configured font installed";
  auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy);
  admin::PreviewRequest request;
  request.screen = "nowhere";
  const auto r = previewer.png(*copy, request);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().what.find("\"nowhere\""), std::string::npos) << r.error().what;

  test::write_file(dir / "notices.json", "{");
  copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy);
  request.screen = "home";
  const auto broken = previewer.png(*copy, request);
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().what.find("notices.json"), std::string::npos) << broken.error().what;
}

TEST_F(PreviewTest, ListsTheScreenNamesOfTheBundleOnADate) {
  const auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy && copy->bundle);
  const auto names = admin::screen_names(*copy, *CivilDate::parse("2026-11-25"));
  const auto has = [&](const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  EXPECT_TRUE(has("attract"));
  EXPECT_TRUE(has("home"));
  EXPECT_TRUE(has("hotlines"));
  EXPECT_TRUE(has("notices:demo-2026/committee_demo"));
  EXPECT_TRUE(has("standard:1"));
  EXPECT_TRUE(has("archive"));           // 往期公示
  EXPECT_TRUE(has("notice:demo-2026"));  // the notice's own page (公示详情)
  EXPECT_TRUE(std::none_of(names.begin(), names.end(),
                           [](const std::string& n) { return n.rfind("applicant:", 0) == 0; }));
  // Before its window the notice is not listed, so neither are its category lists.
  const auto before = admin::screen_names(*copy, *CivilDate::parse("2026-01-01"));
  EXPECT_TRUE(std::none_of(before.begin(), before.end(), [](const std::string& n) {
    return n.rfind("notices:demo-2026", 0) == 0;
  }));
  EXPECT_TRUE(std::find(before.begin(), before.end(), "notice:demo-2026") == before.end());
  // Ended (2027-12-31) and under 往期公示 for archive_days (90): its page, not its lists.
  const auto ended = admin::screen_names(*copy, *CivilDate::parse("2028-01-15"));
  EXPECT_TRUE(std::find(ended.begin(), ended.end(), "notice:demo-2026") != ended.end());
  EXPECT_TRUE(std::none_of(ended.begin(), ended.end(), [](const std::string& n) {
    return n.rfind("notices:demo-2026", 0) == 0;
  }));
}

}  // namespace
}  // namespace kiosk
