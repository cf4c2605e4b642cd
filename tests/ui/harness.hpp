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
inline std::string all_text(const DisplayList& dl) {
  std::string out;
  for (const auto& cmd : dl.commands) {
    if (const auto* t = std::get_if<TextRun>(&cmd)) out += t->text + "\n";
  }
  return out;
}

}  // namespace kiosk::ui::testing
