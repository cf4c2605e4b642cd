// Test harness for the UI: a fake TextMeasurer, test bundles (from the fixture in
// tests/data/bundle), and a driver that renders frames and taps hotspots with a fake monotonic
// clock, as the app's loop would.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "content/parse.hpp"
#include "fixture_bundle.hpp"
#include "frame_loop.hpp"
#include "ui/reducer.hpp"
#include "ui/views.hpp"

// Actions in assertion messages, as their stable text (found by ADL: Act's alternatives live here).
namespace kiosk::ui::act {
inline std::ostream& operator<<(std::ostream& out, const Act& action) {
  return out << to_string(action);
}
}  // namespace kiosk::ui::act

namespace kiosk::ui::testing {

// Deterministic metrics: ASCII (and no-break space) half an em, everything else one em; line
// height 1.45 em, ascent 1.16 em, like Noto Sans CJK.
class FakeMetrics final : public text::FontMetrics {
 public:
  explicit FakeMetrics(float em) : em_(em) {}
  [[nodiscard]] float advance(char32_t cp) const override {
    if (cp == U'\n' || cp == U'\r' || cp == 0x2060) return 0;
    return (cp < 0x80 || cp == 0xA0) ? em_ * 0.5F : em_;
  }
  [[nodiscard]] float line_height() const override { return std::round(em_ * 1.45F); }
  [[nodiscard]] float ascent() const override { return std::round(em_ * 1.16F); }

 private:
  float em_;
};

class FakeMeasurer final : public TextMeasurer {
 public:
  const text::FontMetrics& metrics(const TextStyle& style) override {
    auto& slot = metrics_[{style.size_px, style.bold}];
    if (!slot) slot = std::make_unique<FakeMetrics>(style.size_px);
    return *slot;
  }

 private:
  std::map<std::pair<float, bool>, std::unique_ptr<FakeMetrics>> metrics_;
};

// The tests' bundle (tests/data/bundle), not the shipped demo in content/.
inline content::Bundle fixture_bundle() {
  auto loaded = content::load_bundle(test::fixture_bundle_dir());
  for (const auto& p : loaded.problems) ADD_FAILURE() << p.line();
  return std::move(loaded.bundle).value();  // throws (the test fails) when the fixture is invalid
}

// The fixture bundle with `extra` generated applicants added to its notice's 示范居委会.
inline content::Bundle bundle_with_applicants(std::size_t extra, std::string name_prefix = "生成") {
  content::Bundle b = fixture_bundle();
  auto& applicants = b.notices.at(0).applicants;
  const content::Applicant templ = applicants.at(4);  // cd-01, a committee_demo applicant
  for (std::size_t i = 0; i < extra; ++i) {
    content::Applicant a = templ;
    a.id = "gen-" + std::to_string(i);
    a.name = name_prefix + std::to_string(i) + "号社区居民委员会";
    applicants.push_back(std::move(a));
  }
  return b;
}

// The 11 街镇 of a district (青浦区's 3 街道 and 8 镇), for the index strip's tests.
inline const std::vector<std::string>& towns() {
  static const std::vector<std::string> kTowns{"夏阳街道", "盈浦街道", "香花桥街道", "朱家角镇",
                                               "练塘镇",   "金泽镇",   "赵巷镇",     "徐泾镇",
                                               "华新镇",   "重固镇",   "白鹤镇"};
  return kTowns;
}
// How many of the 300 applicants each town of towns() has (uneven, as districts are).
inline const std::vector<std::size_t>& town_counts() {
  static const std::vector<std::size_t> kCounts{40, 35, 32, 30, 28, 27, 25, 24, 22, 20, 17};
  return kCounts;
}

// The fixture bundle whose notice's 示范居委会 are 300 generated applicants across the 11 towns,
// interleaved in file order as a sheet merged from several towns' lists would be (town k's j-th
// applicant is "<town>第j居委会", id "t<k>-<j>").
inline content::Bundle bundle_with_towns() {
  content::Bundle b = fixture_bundle();
  auto& applicants = b.notices.at(0).applicants;
  const content::Applicant templ = applicants.at(4);  // cd-01, a committee_demo applicant
  std::erase_if(applicants, [](const content::Applicant& a) {
    return a.category == content::Category::CommitteeDemo;
  });
  std::vector<std::size_t> made(towns().size(), 0);
  for (std::size_t added = 0; added < 300;) {
    for (std::size_t k = 0; k < towns().size(); ++k) {
      if (made[k] == town_counts()[k]) continue;
      content::Applicant a = templ;
      a.id = "t" + std::to_string(k) + "-" + std::to_string(made[k] + 1);
      a.name = towns()[k] + "第" + std::to_string(made[k] + 1) + "居委会";
      a.town = towns()[k];
      a.reviews.clear();
      applicants.push_back(std::move(a));
      ++made[k];
      ++added;
    }
  }
  return b;
}

// The 2026 arrangement of LIFECYCLE.md's table (国务院办公厅关于2026年部分节假日安排的通知), as a
// bundle's calendar.json carries it: the tests' own copy, not the shipped content/.
inline content::Calendar calendar_2026() {
  content::CalendarYear y;
  y.source = "国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)";
  const auto range = [&](int m0, int d0, int m1, int d1) {
    for (long d = CivilDate{2026, m0, d0}.days(); d <= CivilDate{2026, m1, d1}.days(); ++d)
      y.off.push_back(CivilDate::from_days(d));
  };
  range(1, 1, 1, 3);
  range(2, 15, 2, 23);
  range(4, 4, 4, 6);
  range(5, 1, 5, 5);
  range(6, 19, 6, 21);
  range(9, 25, 9, 27);
  range(10, 1, 10, 7);
  y.work = {{2026, 1, 4}, {2026, 2, 14}, {2026, 2, 28},
            {2026, 5, 9}, {2026, 9, 20}, {2026, 10, 10}};
  content::Calendar c;
  c.years[2026] = y;
  return c;
}

// The lifecycle fixture (issue 13, LIFECYCLE.md): the tests' bundle with the 2026 calendar and
// three more notices beside the demo's (which it keeps):
// - lc-gq: 5 个工作日 from 2026-09-28 (国庆: ends 10-09), cd-02 withdrawn on 09-30, sd-01's phone
//   corrected on 09-29, with 异议 details and an objection url;
// - lc-ext: 5 个工作日 from 09-01 (to 09-07), extended by 3 working days to 09-10, with a 公示结果;
// - lc-term: 2026-09-21 to 10-16 in calendar days, terminated on 09-25.
inline content::Bundle lifecycle_bundle() {
  content::Bundle b = fixture_bundle();
  b.calendar = calendar_2026();
  const content::Notice demo = b.notices.at(0);
  content::Notice gq = demo;
  gq.id = "lc-gq";
  gq.title = "2026年度市级“社区建设示范(模范)单位”创建申报公示";
  gq.demo = false;
  gq.window = {{2026, 9, 28}, {2026, 10, 9}, 5};
  gq.declared_window = gq.window;
  content::Objection o;
  o.office = "青浦区民政局基层政权和社区建设科";
  o.address = "上海市青浦区公园路100号";
  o.postcode = "201700";
  o.contact = "王老师";
  o.phone = "021-0000 0000";
  o.email = "yiyi@example.cn";
  o.rules =
      "反映问题须实事求是。以单位名义反映的须加盖公章,以个人名义反映的须署真实姓名;"
      "信件以邮戳为准。";
  o.url = "https://gongshi.example.cn/yiyi";
  gq.objection = o;
  content::Correction fix;
  fix.id = "c1";
  fix.date = {2026, 9, 29};
  fix.kind = content::CorrectionKind::Corrected;
  fix.applicant = "sd-01";
  fix.field = "phone";
  fix.text = "联系电话原为021-0000 0001,现更正为021-0000 0002";
  content::Correction gone;
  gone.id = "c2";
  gone.date = {2026, 9, 30};
  gone.kind = content::CorrectionKind::Withdrawn;
  gone.applicant = "cd-02";
  gone.text = "申报单位书面申请撤回申报";
  gq.corrections = {fix, gone};

  content::Notice ext = demo;
  ext.id = "lc-ext";
  ext.title = "2026年度市级“社区建设示范(模范)单位”第一批创建申报公示";
  ext.demo = false;
  ext.applicants.resize(5);  // sd-01, sd-02, sm-01, sm-02, cd-01
  ext.declared_window = {{2026, 9, 1}, {2026, 9, 7}, 5};
  ext.window = {{2026, 9, 1}, {2026, 9, 10}, 8};
  content::Correction longer;
  longer.id = "e1";
  longer.date = {2026, 9, 4};
  longer.kind = content::CorrectionKind::Extended;
  longer.working_days = 3;
  longer.text = "因收到实名异议需进一步核实,公示期延长3个工作日";
  ext.corrections = {longer};
  content::NoticeResult result;
  result.date = {2026, 9, 18};
  result.doc_number = "青民〔2026〕12号";
  result.text = "经公示无异议,区民政局同意命名以下单位为上海市社区建设示范(模范)单位。";
  result.approved = {"sd-01", "sm-01", "cd-01"};
  ext.result = result;

  content::Notice term = demo;
  term.id = "lc-term";
  term.title = "2026年度和谐社区建设示范居委会申报公示";
  term.demo = false;
  term.applicants.resize(3);
  term.window = {{2026, 9, 21}, {2026, 10, 16}, 0};
  term.declared_window = term.window;
  content::Correction stop;
  stop.id = "t1";
  stop.date = {2026, 9, 25};
  stop.kind = content::CorrectionKind::Terminated;
  stop.text = "因申报材料不符合要求,终止本次公示";
  term.corrections = {stop};

  b.notices = {gq, ext, term, demo};
  return b;
}

// A fixed QR symbol so snapshots show where QR codes go without libqrencode.
inline QrEncoder fake_qr() {
  return [](std::string_view) -> std::optional<QrMatrix> {
    auto modules = std::make_shared<std::vector<std::uint8_t>>(29 * 29, 0);
    for (std::size_t i = 0; i < modules->size(); i += 3) (*modules)[i] = 1;
    return QrMatrix{29, modules};
  };
}

inline std::shared_ptr<const Model> make_model(content::Bundle b, std::uint64_t generation = 1) {
  return std::make_shared<const Model>(std::move(b), "示例居委会", generation, fake_qr());
}

// Drives State like the app's loop: render -> FrameLaidOut, input at the fake clock's time.
class Driver {
 public:
  explicit Driver(std::shared_ptr<const Model> model, Size size = {1920, 1080},
                  CivilDate today = {2026, 11, 25}, int idle_timeout_s = 90)
      : size_(size), views_(measurer_) {
    state = initial_state(std::move(model), now_, today, 9 * 60 + 30, idle_timeout_s);
    frame();
  }

  State state;
  DisplayList last;

  const DisplayList& frame() {
    last = test::lay_out_frame(views_, state, size_);
    return last;
  }
  void send(const Event& e) {
    state = reduce(std::move(state), e);
    frame();
  }
  InputEvent pointer(InputEvent::Kind kind, Point p) const {
    InputEvent e;
    e.kind = kind;
    e.pointer_id = 1;
    e.position = p;
    e.time_ms = now_;
    return e;
  }
  [[nodiscard]] const Hotspot* find(const std::string& action) const {
    for (const auto& h : last.hotspots) {
      if (to_string(h.action) == action) return &h;
    }
    return nullptr;
  }
  [[nodiscard]] bool has_prefix(const std::string& prefix) const {
    for (const auto& h : last.hotspots) {
      if (to_string(h.action).rfind(prefix, 0) == 0) return true;
    }
    return false;
  }
  // Taps the centre of the hotspot with this action; fails the test when there is none.
  void tap(const std::string& action) {
    const Hotspot* h = find(action);
    ASSERT_NE(h, nullptr) << "no hotspot " << action << " on screen "
                          << static_cast<int>(state.route().screen);
    tap_at({h->rect.x + h->rect.w / 2, h->rect.y + h->rect.h / 2});
  }
  void tap_at(Point p) {
    send(pointer(InputEvent::Kind::PointerDown, p));
    advance(60);
    send(pointer(InputEvent::Kind::PointerUp, p));
  }
  // A straight drag from a to b over `ms` milliseconds in 16 ms steps, then release.
  void drag(Point a, Point b, std::int64_t ms, bool release = true) {
    send(pointer(InputEvent::Kind::PointerDown, a));
    const int steps = static_cast<int>(std::max<std::int64_t>(1, ms / 16));
    for (int i = 1; i <= steps; ++i) {
      advance(ms / steps);
      const float f = static_cast<float>(i) / static_cast<float>(steps);
      send(pointer(InputEvent::Kind::PointerMove, {a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f}));
    }
    if (release) {
      advance(4);
      send(pointer(InputEvent::Kind::PointerUp, b));
    }
  }
  // Moves the fake clock on without Ticks.
  void advance(std::int64_t ms) { now_ += ms; }
  // Moves the clock on in frame-sized Ticks, rendering each frame; `each` sees every state.
  template <class F>
  void run(std::int64_t ms, F&& each) {
    const std::int64_t end = now_ + ms;
    while (now_ < end) {
      now_ = std::min(end, now_ + 16);
      send(Tick{now_});
      each(state);
    }
  }
  void run(std::int64_t ms) {
    run(ms, [](const State&) {});
  }
  [[nodiscard]] std::int64_t now() const { return now_; }
  [[nodiscard]] ScreenId screen() const { return state.route().screen; }
  [[nodiscard]] const ScrollArea* page_area() const {
    for (const auto& a : last.scroll_areas) {
      if (a.id == "page") return &a;
    }
    return nullptr;
  }
  void resize(Size s) {
    size_ = s;
    frame();
  }

 private:
  std::int64_t now_ = 1'000'000;
  Size size_;
  FakeMeasurer measurer_;
  Views views_;
};

// Every TextRun's text, one per line, for "does the screen say X" checks.
// A screen as `kiosk --screenshot --screen NAME --at DAY` lays it out (screenshot::ScreenRenderer::
// draw: a fresh State on that date at 09:30, the route opened as a deep link), with the fake
// measurer: the list and the screen it ended on. A name that opens nothing fails the test.
struct OpenedScreen {
  DisplayList list;
  ScreenId shown = ScreenId::Home;
};
inline OpenedScreen open_screen(const std::shared_ptr<const Model>& model, const std::string& name,
                                CivilDate day, Size size, bool large) {
  FakeMeasurer measurer;
  Views views(measurer);
  State s = initial_state(model, 0, day, 9 * 60 + 30, 90);
  s.large_text = large;
  const auto route = route_from_name(name, *model, day);
  EXPECT_TRUE(route.has_value()) << name;
  if (route) s = reduce(std::move(s), Open{*route});
  return {views.render(*model, s, size), s.route().screen};
}

inline std::string all_text(const DisplayList& dl) {
  std::string out;
  for (const auto& cmd : dl.commands) {
    if (const auto* t = std::get_if<TextRun>(&cmd)) out += t->text + "\n";
  }
  return out;
}

}  // namespace kiosk::ui::testing
