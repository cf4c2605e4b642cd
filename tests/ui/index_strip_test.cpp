// 公示名单's index strip (issue 16): a long category list gets chips by 所属街镇 (or the first
// character) that jump the list so the group's first row is at the top; targets ≥ 88 / 106 px.
#include <gtest/gtest.h>

#include <set>

#include "core/utf8.hpp"
#include "harness.hpp"

namespace kiosk::ui {
namespace {

using testing::Driver;
using testing::make_model;

struct Chip {
  Rect rect;
  int y = 0;  // the act::ScrollTo offset
  std::string label;
};

// The strip's chips on the frame shown: the ScrollTo hotspots with the text drawn inside them.
std::vector<Chip> chips(const DisplayList& dl) {
  std::vector<Chip> out;
  for (const auto& h : dl.hotspots) {
    const auto* to = std::get_if<act::ScrollTo>(&h.action);
    if (!to) continue;
    Chip c{h.rect, to->y, ""};
    for (const auto& cmd : dl.commands) {
      const auto* t = std::get_if<TextRun>(&cmd);
      if (t && h.rect.contains({t->origin.x + 1, t->origin.y + 1})) c.label = t->text;
    }
    out.push_back(c);
  }
  return out;
}

// The list's rows on the frame shown, top to bottom: (hotspot rect, applicant id).
std::vector<std::pair<Rect, std::string>> rows(const DisplayList& dl) {
  std::vector<std::pair<Rect, std::string>> out;
  for (const auto& h : dl.hotspots) {
    if (const auto* a = std::get_if<act::Applicant>(&h.action))
      out.emplace_back(h.rect, a->applicant_id);
  }
  return out;
}

// A town as its chip names it: 赵巷镇 -> 赵巷, 夏阳街道 -> 夏阳 (all 11 stay distinct).
std::string short_name(std::string town) {
  for (const std::string_view suffix : {"街道", "镇"}) {
    if (town.ends_with(suffix)) return town.substr(0, town.size() - suffix.size());
  }
  return town;
}

const content::Applicant& applicant(const Model& m, const std::string& id) {
  return *m.notices().at(0).applicant(id);
}

// From 待机 to 公示名单's 示范居委会 (Driver cannot be moved: it is made by the caller).
void open_list(Driver& d, bool large) {
  d.tap_at({300, 600});
  if (large) d.tap("large-text");
  d.tap("go:notices");
  d.tap("category:committee_demo");
}

TEST(IndexStrip, ModelGroupsTheListByTownInTheOrderTownsFirstAppear) {
  const auto model = make_model(testing::bundle_with_towns());
  const ListIndex& li = model->list_index(0, content::Category::CommitteeDemo);
  ASSERT_TRUE(li.by_town);
  ASSERT_EQ(li.order.size(), 300u);
  ASSERT_EQ(li.groups.size(), 11u);
  const auto& applicants = model->notices()[0].applicants;
  for (std::size_t k = 0; k < 11; ++k) {
    const ListGroup& g = li.groups[k];
    EXPECT_EQ(g.label, testing::towns()[k]);
    EXPECT_EQ(g.count, testing::town_counts()[k]);
    for (std::size_t r = g.first; r < g.first + g.count; ++r)
      EXPECT_EQ(applicants[li.order[r]].town, g.label) << r;
    // Within a town, file order: 第1, 第2, …
    EXPECT_EQ(applicants[li.order[g.first]].name, g.label + "第1居委会");
  }
  // The attract cycle and the counts read members(): file order, all 300.
  const auto& members = model->members(0, content::Category::CommitteeDemo);
  ASSERT_EQ(members.size(), 300u);
  EXPECT_EQ(applicants[members[1]].town, testing::towns()[1]);  // interleaved as in the file
}

TEST(IndexStrip, ModelGroupsWithoutTownsByFirstCharacterAndPutsNoTownLast) {
  auto b = testing::bundle_with_applicants(300);  // "生成N号…" after the fixture's "示例…"
  auto model = make_model(b);
  const ListIndex& li = model->list_index(0, content::Category::CommitteeDemo);
  EXPECT_FALSE(li.by_town);
  ASSERT_GE(li.groups.size(), 2u);
  for (std::size_t k = 1; k < li.groups.size(); ++k)
    EXPECT_LT(li.groups[k - 1].label, li.groups[k].label);  // code point order (UTF-8 sorts so)
  EXPECT_EQ(li.groups.back().label, "示");
  EXPECT_EQ(li.groups.front().label, "生");

  // One applicant with a town: the list goes by town, the rest under 未填街镇, last.
  b.notices[0].applicants.back().town = "赵巷镇";
  model = make_model(b);
  const ListIndex& mixed = model->list_index(0, content::Category::CommitteeDemo);
  EXPECT_TRUE(mixed.by_town);
  ASSERT_EQ(mixed.groups.size(), 2u);
  EXPECT_EQ(mixed.groups[0].label, "赵巷镇");
  EXPECT_EQ(mixed.groups[1].label, kNoTown);
  EXPECT_EQ(mixed.groups[1].count, mixed.order.size() - 1);
}

// The heart of the issue: from the list, one tap on any town shows that town's first row at the
// top of the list, in both orientations and both text modes; the chips are ≥ 88 (106) px.
TEST(IndexStrip, TapOnATownLandsItsFirstRowAtTheTop) {
  const auto model = make_model(testing::bundle_with_towns());
  const ListIndex& li = model->list_index(0, content::Category::CommitteeDemo);
  for (const Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
    for (const bool large : {false, true}) {
      SCOPED_TRACE(std::to_string(static_cast<int>(size.width)) + (large ? " large" : ""));
      Driver d(model, size);
      open_list(d, large);
      const auto found = chips(d.last);
      ASSERT_EQ(found.size(), 11u) << "one chip per town";
      const float min = large ? 106 : 88;
      for (const auto& c : found) {
        EXPECT_GE(c.rect.h, min) << c.label;
        EXPECT_GE(c.rect.w, min) << c.label;
      }
      // Tap each town, last first (so every jump moves the list), then the first again.
      std::vector<std::size_t> order;
      for (std::size_t k = 11; k-- > 0;) order.push_back(k);
      order.push_back(0);
      for (const std::size_t k : order) {
        const auto now = chips(d.last);
        ASSERT_EQ(now.size(), 11u);
        const Chip& c = now[k];
        EXPECT_EQ(c.label, short_name(testing::towns()[k]));
        d.tap_at({c.rect.x + c.rect.w / 2, c.rect.y + c.rect.h / 2});
        ASSERT_EQ(d.screen(), ScreenId::Notices);
        // The reducer's state: the list's offset is the chip's, not clamped short of it.
        EXPECT_EQ(d.state.route().scroll.offset, static_cast<float>(c.y)) << c.label;
        // The frame: the first row drawn is the town's first applicant, whole, at the top.
        const auto shown = rows(d.last);
        ASSERT_FALSE(shown.empty());
        const Rect view = d.page_area()->viewport;
        EXPECT_NEAR(shown[0].first.y, view.y, 0.5) << c.label;  // rows may be a fraction tall
        const content::Applicant& first = applicant(*model, shown[0].second);
        EXPECT_EQ(first.id, model->notices()[0].applicants[li.order[li.groups[k].first]].id);
        EXPECT_EQ(first.name, testing::towns()[k] + "第1居委会");
        // The town's rows follow it (as many as the screen shows, up to the town's count).
        for (std::size_t r = 1; r < shown.size() && r < testing::town_counts()[k]; ++r)
          EXPECT_EQ(applicant(*model, shown[r].second).town, testing::towns()[k]) << r;
      }
    }
  }
}

TEST(IndexStrip, ListsOfAboutTwoScreensOrLessHaveNoStripAndCountsStay) {
  // The tests' bundle: a dozen applicants, no strip (and the existing goldens stay as they are).
  Driver d(make_model(testing::fixture_bundle()));
  open_list(d, false);
  EXPECT_TRUE(chips(d.last).empty());
  // 300 across 11 towns: the counts on the category button and the title are still 300.
  Driver t(make_model(testing::bundle_with_towns()));
  open_list(t, false);
  const std::string text = testing::all_text(t.last);
  EXPECT_NE(text.find("300 个"), std::string::npos);
  EXPECT_NE(text.find("共 300 个"), std::string::npos);
}

TEST(IndexStrip, ManyFirstCharactersMergeIntoRunsThatStillJumpToTheirFirstRow) {
  // 300 names with 60 different first characters: more than fit; runs "甲–乙" jump to their first.
  auto b = testing::fixture_bundle();
  auto& applicants = b.notices.at(0).applicants;
  const content::Applicant templ = applicants.at(4);
  for (int i = 0; i < 300; ++i) {
    content::Applicant a = templ;
    a.id = "c" + std::to_string(i);
    std::string name;
    utf8::append(name, static_cast<char32_t>(0x4E00 + (i % 60) * 7));
    a.name = name + "家村" + std::to_string(i) + "号居委会";
    applicants.push_back(std::move(a));
  }
  const auto model = make_model(b);
  Driver d(model);
  open_list(d, false);
  const auto found = chips(d.last);
  ASSERT_GE(found.size(), 2u);
  EXPECT_LT(found.size(), model->list_index(0, content::Category::CommitteeDemo).groups.size());
  std::set<int> ys;
  for (const auto& c : found) {
    EXPECT_GE(c.rect.h, 88);
    EXPECT_TRUE(ys.insert(c.y).second) << "each run jumps somewhere else";
  }
  const Chip last = found.back();
  d.tap_at({last.rect.x + last.rect.w / 2, last.rect.y + last.rect.h / 2});
  EXPECT_EQ(d.state.route().scroll.offset, static_cast<float>(last.y));
  EXPECT_NEAR(rows(d.last).at(0).first.y, d.page_area()->viewport.y, 0.5);
}

}  // namespace
}  // namespace kiosk::ui
