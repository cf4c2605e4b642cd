// Views: DisplayList text snapshots (tests/ui/snapshots, refresh with KIOSK_UPDATE_SNAPSHOTS=1),
// the palette's contrast, touch target and text sizes on every screen, layouts at several sizes
// staying inside the screen, and the cost of a frame with 5,000 applicants.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "layout_check.hpp"
#include "text/layout.hpp"
#include "ui/palette.hpp"

namespace kiosk::ui {
namespace {

using testing::Driver;
using testing::make_model;

const char* const kAllScreens[] = {"attract",         "home",
                                   "notices",         "notices:committee_harmony",
                                   "applicant:sd-01", "applicant:cd-01",
                                   "standards",       "standard:2",
                                   "standard:8",      "hotlines",
                                   "steps",           "document",
                                   "diagnostics",     "dimmed"};

struct Shot {
  DisplayList list;
  Size size;
};

Shot render_screen(const std::string& name, Size size, bool large, CivilDate day = {2026, 11, 25},
                   std::shared_ptr<const Model> model = nullptr) {
  if (!model) model = make_model(testing::fixture_bundle());
  return {testing::open_screen(model, name, day, size, large).list, size};
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Compares with tests/ui/snapshots/NAME.txt; KIOSK_UPDATE_SNAPSHOTS=1 rewrites it.
void expect_snapshot(const std::string& name, const std::string& actual) {
  const std::filesystem::path path =
      std::filesystem::path(KIOSK_SOURCE_ROOT) / "tests/ui/snapshots" / (name + ".txt");
  const char* update = std::getenv("KIOSK_UPDATE_SNAPSHOTS");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; create it with KIOSK_UPDATE_SNAPSHOTS=1";
  const std::string expected = read_file(path);
  if (expected != actual) {
    const auto out = std::filesystem::path(KIOSK_BINARY_DIR) / (name + ".actual.txt");
    std::ofstream(out, std::ios::binary) << actual;
    ADD_FAILURE()
        << "snapshot " << path << " differs; actual written to " << out
        << " (diff them; refresh with KIOSK_UPDATE_SNAPSHOTS=1 if the change is intended)";
  }
}

TEST(Snapshots, ScreensAsText) {
  const std::pair<const char*, const char*> shots[] = {
      {"home", "home_1920x1080"},
      {"notices:committee_demo", "notices_1920x1080"},
      {"applicant:cd-01", "applicant_1920x1080"},
      {"standard:2", "standard2_1920x1080"},
      {"hotlines", "hotlines_1920x1080"},
      {"attract", "attract_1920x1080"}};
  for (const auto& [screen, file] : shots)
    expect_snapshot(file, render_screen(screen, {1920, 1080}, false).list.to_text());
  expect_snapshot("home_1080x1920_large", render_screen("home", {1080, 1920}, true).list.to_text());
}

TEST(Palette, EveryTextPairIsAtLeast7To1) {
  for (const auto& [fg, bg] : palette::kTextPairs) {
    EXPECT_GE(palette::contrast_ratio(fg, bg), 7.0)
        << "fg #" << int{fg.r} << "," << int{fg.g} << "," << int{fg.b} << " bg " << int{bg.r} << ","
        << int{bg.g} << "," << int{bg.b};
  }
  EXPECT_NEAR(palette::contrast_ratio({0, 0, 0, 255}, {255, 255, 255, 255}), 21.0, 1e-9);
  EXPECT_NEAR(palette::contrast_ratio({255, 255, 255, 255}, {255, 255, 255, 255}), 1.0, 1e-9);
}

// The fill a text run is drawn on: the last opaque FillRect before it that holds the run's
// first glyph's middle, else the background.
Color background_of(const DisplayList& dl, std::size_t index, const TextRun& t) {
  const Point p{t.origin.x + t.style.size_px * 0.25F, t.origin.y + t.style.size_px * 0.7F};
  for (std::size_t i = index; i-- > 0;) {
    if (const auto* f = std::get_if<FillRect>(&dl.commands[i])) {
      if (f->color.a == 255 && f->rect.contains(p)) return f->color;
    }
  }
  return dl.background;
}

TEST(Accessibility, EveryTextOnEveryScreenHasContrast7AndAtLeast28px) {
  for (const bool large : {false, true}) {
    for (const Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
      for (const char* screen : kAllScreens) {
        const Shot shot = render_screen(screen, size, large);
        for (std::size_t i = 0; i < shot.list.commands.size(); ++i) {
          const auto* t = std::get_if<TextRun>(&shot.list.commands[i]);
          if (!t) continue;
          const Color bg = background_of(shot.list, i, *t);
          EXPECT_GE(palette::contrast_ratio(t->style.color, bg), 7.0)
              << screen << " \"" << t->text << "\"";
          EXPECT_GE(t->style.size_px, 28.0F) << screen << " \"" << t->text << "\"";
        }
      }
    }
  }
}

TEST(Accessibility, TouchTargetsAreAtLeast80px) {
  for (const bool large : {false, true}) {
    for (const Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
      for (const char* screen : kAllScreens) {
        const Shot shot = render_screen(screen, size, large);
        for (const auto& h : shot.list.hotspots) {
          // A row cut by the edge of its scrolling list is only partly visible.
          bool cut = false;
          for (const auto& a : shot.list.scroll_areas) {
            cut |= std::abs(h.rect.y - a.viewport.y) < 0.5F ||
                   std::abs(h.rect.bottom() - a.viewport.bottom()) < 0.5F;
          }
          if (!cut) {
            EXPECT_GE(h.rect.h, 80.0F) << screen << " " << h.action << (large ? " large" : "");
          }
          EXPECT_GE(h.rect.w, 80.0F) << screen << " " << h.action << (large ? " large" : "");
        }
      }
    }
  }
}

// The panel sizes every screen is checked at: landscape and portrait, every size between, the
// common smaller panels down to 800×600 (laid out at ui::layout_scale) and 4K.
const Size kPanelSizes[] = {{1920, 1080}, {1080, 1920}, {1440, 1080}, {1080, 1440}, {1500, 1500},
                            {1920, 1200}, {1200, 1920}, {1366, 768},  {768, 1366},  {1280, 720},
                            {1280, 800},  {1280, 1024}, {1024, 768},  {768, 1024},  {800, 600},
                            {600, 800},   {2560, 1440}, {3840, 2160}};

// Every screen at every panel size, in both text modes: text stays on screen and inside its clip,
// no two lines of text overlap, nothing covers a line drawn before it, and hotspots stay on the
// screen and do not overlap.
TEST(Layout, EveryScreenFitsAtEveryPanelSize) {
  testing::FakeMeasurer m;
  const testing::TextBox box = [&m](const TextRun& t) {
    return Size{text::measure_width(t.text, m.metrics(t.style)), m.metrics(t.style).line_height()};
  };
  const auto crowded = make_model(testing::bundle_with_applicants(300));
  for (const Size size : kPanelSizes) {
    for (const bool large : {false, true}) {
      for (const char* screen : kAllScreens) {
        const std::string where =
            std::string(screen) + " " + std::to_string(static_cast<int>(size.width)) + "x" +
            std::to_string(static_cast<int>(size.height)) + (large ? " 适老模式" : "");
        for (const auto& model : {std::shared_ptr<const Model>{}, crowded}) {
          const Shot shot = render_screen(screen, size, large, {2026, 11, 25}, model);
          EXPECT_EQ(testing::layout_problem(shot.list, size, box), "") << where;
          const auto& hs = shot.list.hotspots;
          for (std::size_t i = 0; i < hs.size(); ++i) {
            EXPECT_LE(hs[i].rect.bottom(), size.height + 0.5F) << where << " " << hs[i].action;
            EXPECT_LE(hs[i].rect.right(), size.width + 0.5F) << where << " " << hs[i].action;
            for (std::size_t j = i + 1; j < hs.size(); ++j) {
              const Rect common = hs[i].rect.intersect(hs[j].rect);
              const bool overlap = common.w > 0.5F && common.h > 0.5F;
              EXPECT_FALSE(overlap) << where << " " << hs[i].action << " overlaps " << hs[j].action;
            }
          }
        }
      }
    }
  }
}

TEST(Layout, DemoNoticesAreMarkedAndHeaderShowsDateAndTime) {
  const Shot home = render_screen("home", {1920, 1080}, false);
  const std::string text = testing::all_text(home.list);
  EXPECT_NE(text.find("2026年11月25日 星期三 09:30"), std::string::npos);
  EXPECT_NE(text.find("示例居委会"), std::string::npos);
  EXPECT_NE(text.find("示例\n"), std::string::npos) << "the demo notice carries a 示例 mark";
  EXPECT_NE(text.find("内容版本"), std::string::npos);
  for (const char* screen : {"notices", "applicant:cd-01", "attract"}) {
    EXPECT_NE(testing::all_text(render_screen(screen, {1920, 1080}, false).list).find("示例\n"),
              std::string::npos)
        << screen;
  }
}

TEST(Layout, OfflineAndExpiredNotesInTheFooter) {
  const auto model = make_model(testing::fixture_bundle());
  testing::FakeMeasurer measurer;
  Views views(measurer);
  State s = initial_state(model, 0, {2026, 11, 25}, 600, 90);
  s = reduce(std::move(s), Open{route_to(ScreenId::Home)});
  s.diagnostics.offline = true;
  s.diagnostics.expired = true;
  s.diagnostics.content_version = "12";
  s.diagnostics.content_issued_unix = 1'795'000'000;
  const std::string text = testing::all_text(views.render(*model, s, {1080, 1920}));
  EXPECT_NE(text.find("离线"), std::string::npos);
  EXPECT_NE(text.find("内容已过期"), std::string::npos);
  EXPECT_NE(text.find("内容版本 12"), std::string::npos);
  EXPECT_NE(text.find("更新于 2026年11月18日"), std::string::npos) << text;
}

TEST(Layout, StandardPicksOutEveryIndicator) {
  const auto model = make_model(testing::fixture_bundle());
  for (const auto& st : model->document().standards) {
    const Shot shot = render_screen("standard:" + std::to_string(st.number), {1920, 1080}, false);
    const std::string text = testing::all_text(shot.list);
    std::size_t highlights = 0;
    for (const auto& cmd : shot.list.commands) {
      if (const auto* f = std::get_if<FillRect>(&cmd))
        highlights += f->color == palette::kHighlight ? 1 : 0;
    }
    for (const auto& ind : st.indicators) {
      EXPECT_NE(text.find(ind.value), std::string::npos) << st.number << " " << ind.value;
    }
    // One chip per indicator plus at least one highlight per quote.
    EXPECT_GE(highlights, 2 * st.indicators.size()) << st.number;
  }
}

TEST(Layout, ListRowsEndWithEllipsisWhenTooLong) {
  content::Bundle b = testing::fixture_bundle();
  b.notices[0].applicants[4].name.clear();
  for (int i = 0; i < 60; ++i) b.notices[0].applicants[4].name += "很";
  const Shot shot = render_screen("notices:committee_demo", {1080, 1920}, true, {2026, 11, 25},
                                  make_model(std::move(b)));
  EXPECT_NE(testing::all_text(shot.list).find("很很\u2026"), std::string::npos);
}

TEST(Performance, AFrameOf5000ApplicantsEmitsOnlyVisibleRows) {
  auto model = make_model(
      testing::bundle_with_applicants(5000, "上海市青浦区某某镇某某村社区建设示范创建单位第"));
  Driver d(model);
  d.tap_at({300, 600});
  d.tap("go:notices");
  d.tap("category:committee_demo");
  EXPECT_LT(d.last.commands.size(), 250u);
  d.send(Action{act::ScrollTo{300000}});
  EXPECT_LT(d.last.commands.size(), 250u);
  EXPECT_TRUE(d.has_prefix("applicant:demo-2026/gen-"));
  EXPECT_GT(d.page_area()->max_offset, 300000.0F);
}

// Issue 11 item 9: 维护 says which content start-up fell back to and why (only when it did).
TEST(Layout, DiagnosticsShowsTheStartUpCacheNote) {
  const auto model = make_model(testing::fixture_bundle());
  testing::FakeMeasurer measurer;
  Views views(measurer);
  State s = initial_state(model, 0, {2026, 11, 25}, 600, 90);
  s = reduce(std::move(s), Open{route_to(ScreenId::Diagnostics)});
  EXPECT_EQ(testing::all_text(views.render(*model, s, {1920, 1080})).find("内容来源"),
            std::string::npos);
  s.diagnostics.content_note =
      "cache: version 2: notices.json: expected sha256 …; showing version 1 kept in bundles/";
  const std::string text = testing::all_text(views.render(*model, s, {1920, 1080}));
  EXPECT_NE(text.find("内容来源"), std::string::npos) << text;
  EXPECT_NE(text.find("showing version 1 kept in"), std::string::npos) << text;
}

}  // namespace
}  // namespace kiosk::ui
