// A 公示's life on the screens (issue 13, LIFECYCLE.md): working days left on every day of a
// window across 国庆, withdrawals, corrections, extensions and termination everywhere the notice
// or applicant appears, 异议 details, the status rule with archive_days, 往期公示 and 公示详情.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness.hpp"
#include "layout_check.hpp"
#include "text/layout.hpp"
#include "ui/font_roles.hpp"
#include "ui/palette.hpp"

namespace kiosk::ui {
namespace {

using testing::make_model;

std::shared_ptr<const Model> lifecycle_model(int archive_days = kDefaultArchiveDays) {
  return std::make_shared<const Model>(testing::lifecycle_bundle(), "示例居委会", 1,
                                       testing::fake_qr(), archive_days);
}

struct Shot {
  DisplayList list;
  ScreenId shown = ScreenId::Home;
  std::string text;  // every text run, word joiners dropped, no-break spaces as spaces
};

// What `kiosk --screenshot --screen NAME --at DAY` lays out (testing::open_screen), on the
// lifecycle fixture unless another model is given, with its text as a reader sees it.
Shot shot(const std::string& name, CivilDate day, Size size = {1920, 1080}, bool large = false,
          std::shared_ptr<const Model> model = nullptr) {
  if (!model) model = lifecycle_model();
  auto opened = testing::open_screen(model, name, day, size, large);
  Shot out{std::move(opened.list), opened.shown, ""};
  std::string raw = testing::all_text(out.list);
  for (std::size_t i = 0; i < raw.size();) {
    if (raw.compare(i, 3, "\u2060") == 0) {
      i += 3;
    } else if (raw.compare(i, 2, "\u00a0") == 0) {
      out.text += ' ';
      i += 2;
    } else {
      out.text += raw[i++];
    }
  }
  return out;
}

// Whether the screen says `what`, wherever its lines were broken.
bool says(const Shot& s, const std::string& what) {
  std::string flat;
  for (const char ch : s.text) {
    if (ch != '\n') flat += ch;
  }
  return flat.find(what) != std::string::npos;
}

// Tall enough for a whole 公示详情 or 申报详情 page (a page draws only what is in view).
constexpr Size kTall{1080, 12000};

CivilDate day(int month, int d) { return {2026, month, d}; }

// The "done when": a notice of 5 个工作日 from 2026-09-28 (国庆: 10-01..10-07 off, 10-10 a
// make-up working day) on each day from 09-27 to 10-10, as `--at` each date shows it on
// 公示名单, 公示详情 and 待机.
TEST(WorkingDays, EveryDayFrom0927To1010) {
  const std::string period = "公示期 5 个工作日(2026年9月28日至10月9日)";
  struct Day {
    CivilDate date;
    std::string left;  // "" : not on the board
    bool rest = false;
  };
  const std::vector<Day> days = {
      {day(9, 27), ""},                 // Sunday before the start: not shown yet
      {day(9, 28), "还剩 5 个工作日"},  // Monday: today counts
      {day(9, 29), "还剩 4 个工作日"},  //
      {day(9, 30), "还剩 3 个工作日"},  //
      {day(10, 1), "还剩 2 个工作日", true},
      {day(10, 2), "还剩 2 个工作日", true},
      {day(10, 3), "还剩 2 个工作日", true},
      {day(10, 4), "还剩 2 个工作日", true},
      {day(10, 5), "还剩 2 个工作日", true},
      {day(10, 6), "还剩 2 个工作日", true},
      {day(10, 7), "还剩 2 个工作日", true},
      {day(10, 8), "还剩 2 个工作日"},  // Thursday after the holiday
      {day(10, 9), "今天是最后一天"},   // Friday, the last working day
      {day(10, 10), ""},                // a make-up working day, but the window has ended
  };
  for (const Day& d : days) {
    const std::string when = d.date.iso();
    const Shot list = shot("notices", d.date);
    const Shot page = shot("notice:lc-gq", d.date);
    const Shot board = shot("attract", d.date);
    if (d.left.empty()) {
      EXPECT_FALSE(says(list, period)) << when << "\n" << list.text;
      EXPECT_FALSE(says(board, period)) << when;
      if (d.date < day(9, 28)) {
        EXPECT_EQ(page.shown, ScreenId::Home) << when << ": not before its start";
      } else {
        EXPECT_EQ(page.shown, ScreenId::NoticePage) << when << ": under 往期公示";
        EXPECT_TRUE(says(page, "公示已结束")) << when;
        EXPECT_TRUE(says(page, period.substr(std::string("公示期 ").size()))) << when;
        EXPECT_TRUE(
            says(shot("archive", d.date), "2026年度市级“社区建设示范(模范)单位”创建申报公示"))
            << when;
      }
      continue;
    }
    for (const Shot* s : {&list, &page, &board}) {
      EXPECT_TRUE(says(*s, period)) << when << "\n" << s->text;
      EXPECT_TRUE(says(*s, d.left)) << when << " expected " << d.left << "\n" << s->text;
      EXPECT_EQ(says(*s, "今日为休息日,不计入公示期"), d.rest) << when << "\n" << s->text;
    }
  }
}

TEST(WorkingDays, CalendarDayWindowsSayDays) {
  // The demo notice, in calendar days, keeps its form: no 工作日 anywhere.
  const Shot s =
      shot("notices", {2026, 11, 25}, {1920, 1080}, false, make_model(testing::fixture_bundle()));
  EXPECT_TRUE(says(s, "公示期 2026年11月20日至2027年12月31日")) << s.text;
  EXPECT_TRUE(says(s, "还剩 402 天")) << s.text;
  EXPECT_FALSE(says(s, "工作日"));
}

// A withdrawn applicant stays, greyed and marked 已撤回(date), counted apart, on every screen
// where it appears; its own page shows the record.
TEST(Corrections, AWithdrawnApplicantIsMarkedEverywhere) {
  const CivilDate d = day(9, 30);
  const Shot list = shot("notices:committee_demo", d);
  EXPECT_TRUE(says(list, "已撤回(9月30日)")) << list.text;
  EXPECT_TRUE(says(list, "共 4 个,已撤回 1 个")) << list.text;
  const Shot page = shot("applicant:lc-gq/cd-02", d);
  EXPECT_TRUE(says(page, "已撤回(2026年9月30日)")) << page.text;
  EXPECT_TRUE(says(page, "申报单位书面申请撤回申报")) << page.text;
  EXPECT_TRUE(says(shot("home", d), "申报单位共 14 个,已撤回 1 个")) << shot("home", d).text;
  EXPECT_TRUE(says(shot("notice:lc-gq", d, kTall), "已撤回(9月30日)"));
  EXPECT_TRUE(says(shot("notice:lc-gq", d, kTall), "申报单位 共 14 个,已撤回 1 个"));
  // 待机: the cover counts apart, the committee list greys the row with its mark.
  const auto model = lifecycle_model();
  testing::Driver drive(model, {1920, 1080}, d);
  bool cover = false, row = false, counts = false;
  for (int page_no = 0; page_no < 12; ++page_no) {
    const std::string text = testing::all_text(drive.last);
    if (text.find("已撤回 1 个") != std::string::npos) {
      cover = true;
      // The cover still counts per category with the withdrawn line and the 异议 box on it: on
      // one line when the cards do not fit.
      counts |= text.find("示范居委会 4 个") != std::string::npos &&
                text.find("和谐社区建设示范居委会 3 个") != std::string::npos;
    }
    row |= text.find("已撤回(9月30日)") != std::string::npos;
    drive.run(kAttractPageMs);
  }
  EXPECT_TRUE(cover);
  EXPECT_TRUE(counts);
  EXPECT_TRUE(row);
}

TEST(Corrections, ACorrectedFieldSaysSoWithItsExplanation) {
  const Shot page = shot("applicant:lc-gq/sd-01", day(9, 30), kTall);
  EXPECT_TRUE(says(page, "已更正")) << page.text;
  EXPECT_TRUE(says(page, "更正说明(9月29日):联系电话原为021-0000 0001,现更正为021-0000 0002"))
      << page.text;
  const Shot list = shot("notices:street_demo", day(9, 30));
  EXPECT_TRUE(says(list, "已更正")) << list.text;
}

TEST(Corrections, ExtendedAndTerminatedNoticesSayWhy) {
  // lc-ext: 5 working days from 09-01 (to 09-07), extended on 09-04 to 09-10.
  const Shot ext = shot("notices", day(9, 8));
  EXPECT_TRUE(says(ext, "公示期 8 个工作日(2026年9月1日至9月10日)")) << ext.text;
  EXPECT_TRUE(says(ext, "公示期已延长(9月4日):因收到实名异议需进一步核实,公示期延长3个工作日"))
      << ext.text;
  EXPECT_TRUE(says(ext, "还剩 3 个工作日")) << ext.text;
  EXPECT_TRUE(
      says(shot("notice:lc-ext", day(9, 8)), "原定公示期 5 个工作日(2026年9月1日至9月7日)"));
  // lc-term: terminated on 09-25: marked that day, gone from the board the day after.
  const Shot term = shot("notice:lc-term", day(9, 25));
  EXPECT_TRUE(says(term, "已终止(9月25日):因申报材料不符合要求,终止本次公示")) << term.text;
  const Shot board = shot("attract", day(9, 25));
  EXPECT_TRUE(says(board, "已终止(9月25日)")) << board.text;
  const auto model = lifecycle_model();
  const auto& notices = model->notices();
  EXPECT_EQ(Model::status(notices[2], day(9, 25)), NoticeStatus::Current);
  EXPECT_EQ(Model::status(notices[2], day(9, 26)), NoticeStatus::Ended);
  EXPECT_TRUE(model->listed_notices(day(9, 26)).empty());
  EXPECT_TRUE(says(shot("archive", day(9, 26)), "已终止(9月25日)"));
}

// Model::status is the one rule; an ended notice is under 往期公示 for archive_days after its
// board_end(), then gone from every screen.
TEST(Archive, EndedNoticesLeaveTheBoardForTheArchiveThenGo) {
  const auto model = lifecycle_model(90);
  // lc-ext ends 09-10: 往期公示 through 12-09 (09-10 + 90 days), gone on 12-10.
  EXPECT_EQ(model->archived_notices(day(9, 11)), (std::vector<std::size_t>{1}));
  EXPECT_EQ(model->archived_notices(day(10, 10)), (std::vector<std::size_t>{0, 2, 1}));
  EXPECT_TRUE(Model::archived(model->notices()[1], day(12, 9), 90));
  EXPECT_FALSE(Model::archived(model->notices()[1], day(12, 10), 90));
  EXPECT_EQ(shot("notice:lc-ext", day(12, 9)).shown, ScreenId::NoticePage);
  EXPECT_EQ(shot("notice:lc-ext", day(12, 10)).shown, ScreenId::Home);
  EXPECT_EQ(shot("applicant:lc-ext/sd-01", day(12, 10)).shown, ScreenId::Home);
  // An ended notice is not in 公示名单 nor on 待机.
  EXPECT_TRUE(says(shot("notices", day(10, 10)), "目前没有正在公示的名单"));
  EXPECT_FALSE(says(shot("attract", day(10, 10)), "第一批"));
  // archive_days 0: gone the day after it ends.
  const auto none = lifecycle_model(0);
  EXPECT_TRUE(none->archived_notices(day(9, 11)).empty());
  EXPECT_TRUE(says(shot("archive", day(9, 11), {1920, 1080}, false, none), "暂无往期公示"));
  // 往期公示 shows the result; 公示详情 its text and approved applicants by name.
  const Shot archive = shot("archive", day(9, 30));
  EXPECT_TRUE(says(archive, "公示结果:2026年9月18日  青民〔2026〕12号,共 3 个单位"))
      << archive.text;
  const Shot page = shot("notice:lc-ext", day(9, 30), kTall);
  EXPECT_TRUE(says(page, "公示结果")) << page.text;
  EXPECT_TRUE(says(page, "经公示无异议")) << page.text;
  EXPECT_TRUE(says(page, "1. " + model->notices()[1].applicants[0].name)) << page.text;
  // 公示名单 of a notice with records opens its 公示详情.
  {
    testing::Driver list(model, {1920, 1080}, day(9, 30));
    list.send(Open{*route_from_name("notices", *model, day(9, 30))});
    list.tap("notice-page:lc-gq");
    EXPECT_EQ(list.screen(), ScreenId::NoticePage);
  }
  // 首页 reaches 往期公示; its cards reach 公示详情.
  testing::Driver drive(model, kTall, day(9, 30));
  drive.send(Open{route_to(ScreenId::Home)});
  drive.tap("go:archive");
  EXPECT_EQ(drive.screen(), ScreenId::Archive);
  drive.tap("notice-page:lc-ext");
  EXPECT_EQ(drive.screen(), ScreenId::NoticePage);
  drive.tap("applicant:lc-ext/sd-01");
  EXPECT_EQ(drive.screen(), ScreenId::Applicant);
}

int qr_codes(const DisplayList& dl) {
  int n = 0;
  for (const auto& c : dl.commands) n += std::holds_alternative<QrCode>(c) ? 1 : 0;
  return n;
}

// 异议 details on the applicant's objection panel (both orientations), 监督电话 and 待机, with a QR
// code for the url.
TEST(Objection, DetailsAndQrOnPanelHotlinesAndAttract) {
  const CivilDate d = day(9, 30);
  for (const char* name : {"applicant:lc-gq/sd-02", "hotlines", "attract", "notice:lc-gq"}) {
    for (const Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
      // Portrait puts the details under the page: a tall panel shows all of it.
      const bool page = std::string(name).starts_with("notice:") ||
                        (std::string(name).starts_with("applicant:") && size.height > size.width);
      const Shot s = shot(name, d, page ? kTall : size);
      EXPECT_TRUE(says(s, "青浦区民政局基层政权和社区建设科")) << name << "\n" << s.text;
      EXPECT_TRUE(says(s, "021-0000 0000")) << name;
      EXPECT_TRUE(says(s, "扫码提交异议")) << name << "\n" << s.text;
      EXPECT_GE(qr_codes(s.list), 1) << name;
    }
  }
  // The notice without details: the hotlines as before.
  EXPECT_FALSE(says(shot("applicant:lc-ext/sd-02", day(9, 8)), "扫码提交异议"));
}

// The new looks keep the layout rules at every panel size in both text modes, and the contrast
// and text sizes of every other screen.
TEST(Layout, LifecycleScreensFitAtEveryPanelSize) {
  testing::FakeMeasurer m;
  const testing::TextBox box = [&m](const TextRun& t) {
    return Size{text::measure_width(t.text, m.metrics(t.style)), m.metrics(t.style).line_height()};
  };
  const Size sizes[] = {{1920, 1080}, {1080, 1920}, {1366, 768}, {800, 600},
                        {600, 800},   {1280, 1024}, {3840, 2160}};
  const char* const screens[] = {"attract",
                                 "home",
                                 "notices:committee_demo",
                                 "applicant:lc-gq/cd-02",
                                 "applicant:lc-gq/sd-01",
                                 "hotlines",
                                 "archive",
                                 "notice:lc-gq",
                                 "notice:lc-ext",
                                 "notice:lc-term"};
  for (const CivilDate d : {day(9, 25), day(10, 2)}) {
    for (const Size size : sizes) {
      for (const bool large : {false, true}) {
        for (const char* screen : screens) {
          const std::string where = std::string(screen) + " " + d.iso() + " " +
                                    std::to_string(static_cast<int>(size.width)) + "x" +
                                    std::to_string(static_cast<int>(size.height)) +
                                    (large ? " 适老模式" : "");
          const Shot s = shot(screen, d, size, large);
          EXPECT_EQ(testing::layout_problem(s.list, size, box), "") << where;
          for (const auto& cmd : s.list.commands) {
            if (const auto* t = std::get_if<TextRun>(&cmd)) {
              EXPECT_GE(t->style.size_px,
                        28.0F * layout_scale(std::min(size.width, size.height)) - 0.5F)
                  << where << " \"" << t->text << "\"";
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace kiosk::ui
