// fonts/fonts.json and the font role rules (body ≥ 28 px, 适老模式 ≥ 1.4×).
#include "ui/font_roles.hpp"

#include <gtest/gtest.h>

namespace kiosk::ui {
namespace {

TEST(FontRoles, ShippedFileEqualsTheBuiltInDefaults) {
  Problems problems;
  const FontRoles roles =
      load_font_roles(std::string(KIOSK_SOURCE_ROOT) + "/fonts/fonts.json", problems);
  EXPECT_TRUE(problems.empty()) << problems.front().line();
  EXPECT_EQ(roles, default_font_roles());
}

TEST(FontRoles, EveryRoleIsReadableAndLargeModeIsAtLeast1Point4Times) {
  const FontRoles roles = default_font_roles();
  for (const FontRole role : kAllFontRoles) {
    EXPECT_GE(roles.get(role).px, 28) << font_role_name(role);
    EXPECT_GE(roles.get(role).large_px, 1.4 * roles.get(role).px) << font_role_name(role);
  }
  EXPECT_GE(roles.px(FontRole::Body, false), 28);
  EXPECT_EQ(roles.px(FontRole::Body, true), 46);
  EXPECT_TRUE(roles.bold(FontRole::Title));
  EXPECT_FALSE(roles.bold(FontRole::Body));
}

// Sizes follow the panel's short edge / 1080 both ways (the same physical size on a panel of the
// same diagonal), down to 600 / 1080 (800×600).
TEST(FontRoles, SizesScaleWithTheShortEdgeDownTo600px) {
  const FontRoles roles = default_font_roles();
  EXPECT_EQ(roles.px(FontRole::Body, false, 2160), 64);
  EXPECT_EQ(roles.px(FontRole::Body, false, 1080), 32);
  EXPECT_EQ(roles.px(FontRole::Body, false, 768), 23);  // 1366×768: 32 × 0.711
  EXPECT_EQ(roles.px(FontRole::Body, true, 768), 33);   // 适老模式: 46 × 0.711
  EXPECT_EQ(roles.px(FontRole::Body, false, 600), 18);  // 800×600: 32 × 0.556
  EXPECT_EQ(roles.px(FontRole::Body, false, 300), 18);  // no smaller than at 600 px
  EXPECT_FLOAT_EQ(layout_scale(1080), 1.0F);
  EXPECT_FLOAT_EQ(layout_scale(100), layout_scale(600));
}

TEST(FontRoles, AFileMayOverrideSomeRoles) {
  Problems problems;
  const auto roles = parse_font_roles(R"({"roles": {"body": {"px": 36, "large_px": 52}}})",
                                      "fonts.json", problems);
  ASSERT_TRUE(roles) << problems.front().line();
  EXPECT_EQ(roles->get(FontRole::Body), (RoleFont{36, 52, false}));
  EXPECT_EQ(roles->get(FontRole::Title), default_font_roles().get(FontRole::Title));
}

TEST(FontRoles, ProblemsNameTheKeyPath) {
  Problems problems;
  const auto roles = parse_font_roles(
      R"({"roles": {"body": {"px": 32, "large_px": 40, "bold": false}, "caption": {"px": 20, "large_px": 40},
          "footnote": {"px": 30, "large_px": 42}}})",
      "fonts.json", problems);
  EXPECT_FALSE(roles);
  std::vector<std::string> lines;
  for (const auto& p : problems) lines.push_back(p.line());
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "fonts.json: roles.body.large_px: expected at least 1.4 × px = 45 (适老模式 "
                      "text is at least 1.4 "
                      "times larger), found 40"),
            lines.end())
      << ::testing::PrintToString(lines);
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "fonts.json: roles.caption.px: expected an integer from 28 to 400, found 20"),
            lines.end())
      << ::testing::PrintToString(lines);
  bool unknown = false;
  for (const auto& l : lines) unknown = unknown || l.find("roles.footnote") != std::string::npos;
  EXPECT_TRUE(unknown) << ::testing::PrintToString(lines);
}

TEST(FontRoles, AMissingFileGivesDefaultsAndAProblem) {
  Problems problems;
  const FontRoles roles = load_font_roles("/nonexistent/fonts.json", problems);
  EXPECT_EQ(roles, default_font_roles());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "fonts.json");
}

}  // namespace
}  // namespace kiosk::ui
