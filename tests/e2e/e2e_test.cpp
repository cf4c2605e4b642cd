// End to end: the real kiosk binary in a real window under Xvfb, driven by injected mouse
// events from 待机 to one applicant's 申报详情 and back home, each step checked from an X server
// screenshot. The expected pixels are the same screens rendered offscreen
// (screenshot::render_screen), compared below the header, whose clock shows the real time.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/runtime.hpp"
#include "config/config.hpp"
#include "content/parse.hpp"
#include "golden.hpp"
#include "process.hpp"
#include "screenshot/screenshot.hpp"
#include "temp_dir.hpp"
#include "x11.hpp"
#include "xserver.hpp"

namespace kiosk {
namespace {

using namespace std::chrono_literals;

constexpr int kW = 1920, kH = 1080;

// The root window's pixels, as the X server has them.
render::Image grab(const std::string& display) {
  render::Image out(kW, kH);
  test::grab_root(display, kW, kH, out.rgba);
  return out;
}

// Everything below the header (whose clock is live).
render::Image below_header(const render::Image& in, int header) {
  render::Image out(in.width, in.height - header);
  for (int y = header; y < in.height; ++y) {
    for (int x = 0; x < in.width; ++x) out.set(x, y - header, in.at(x, y));
  }
  return out;
}

class EndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::on_path("Xvfb") || !test::on_path("xdotool"))
      GTEST_SKIP() << "Xvfb or xdotool is not installed";
    x_ = std::make_unique<test::XServer>(false, kW, kH);
    ASSERT_TRUE(x_->ok()) << x_->why();
    display_ = x_->display();
    kiosk_ = test::spawn({std::string(KIOSK_BINARY_DIR) + "/kiosk/app/kiosk", "--windowed",
                          "--size", "1920x1080", "--at", "2026-11-25", "--config", config_path()},
                         {"DISPLAY=" + display_});
    ASSERT_GT(kiosk_, 0);
  }
  void TearDown() override {
    test::stop(kiosk_, 5000);
    x_.reset();
  }

  std::string config_path() const {
    return dir_
        .write(
            "kiosk.json",
            R"({"office_name": "示例居委会", "display": {"fullscreen": false}, "idle_timeout_s": 600,
                   "office_hours": {"open": "00:00", "close": "00:00"}})")
        .string();
  }

  // The screen as render_screen draws it, and where its hotspots are.
  // Fails the test (and aborts on reading it) when the screen cannot be drawn.
  screenshot::Shot expected(const std::string& screen) {
    screenshot::ScreenshotRequest req;
    req.screen = screen;
    req.width = kW;
    req.height = kH;
    screenshot::describe_content(model_.bundle(), true, req.diagnostics);
    auto shot = screenshot::render_screen(model_, req, fonts_, roles_);
    EXPECT_TRUE(shot) << screen << ": " << shot.error().what;
    return shot ? std::move(*shot) : screenshot::Shot{};
  }

  // Waits (up to 10 s) until the X server shows `screen` below the header.
  ::testing::AssertionResult shows(const std::string& screen) {
    const auto want = expected(screen);
    if (want.image.rgba.empty()) return ::testing::AssertionFailure() << "no expected frame";
    const auto want_body = below_header(want.image, header_height(want));
    golden::Comparison last;
    render::Image got;
    for (int i = 0; i < 100; ++i) {
      got = grab(display_);
      last = golden::compare(want_body, below_header(got, header_height(want)), 24);
      if (last.same_size && last.fraction() < 0.001) return ::testing::AssertionSuccess();
      std::this_thread::sleep_for(100ms);
    }
    const auto out = golden::output_dir();
    std::filesystem::create_directories(out);
    // Best effort: the failure below is the finding; the images only help to look at it.
    (void)render::save_png(got, out / ("e2e_" + screen.substr(0, screen.find(':')) + "_x11.png"));
    (void)render::save_png(want.image,
                           out / ("e2e_" + screen.substr(0, screen.find(':')) + "_expected.png"));
    return ::testing::AssertionFailure()
           << "X server does not show " << screen << ": " << last.differing
           << " pixels differ; screenshots in " << out;
  }

  static int header_height(const screenshot::Shot& r) {
    // The header ends at its accent rule; the toggle button sits inside it. Use the lowest hotspot
    // of the header ("large-text" / "admin") plus a margin.
    float bottom = 0;
    for (const auto& h : r.hotspots) {
      if (std::holds_alternative<ui::act::LargeText>(h.action) ||
          std::holds_alternative<ui::act::Admin>(h.action))
        bottom = std::max(bottom, h.rect.bottom());
    }
    return static_cast<int>(bottom) + 24;
  }

  void tap(const screenshot::Shot& on, const std::string& action) {
    for (const auto& h : on.hotspots) {
      if (ui::to_string(h.action) == action) {
        tap_at(static_cast<int>(h.rect.x + h.rect.w / 2),
               static_cast<int>(h.rect.y + h.rect.h / 2));
        return;
      }
    }
    ADD_FAILURE() << "no hotspot " << action;
  }
  void tap_at(int x, int y) {
    const std::string cmd = "DISPLAY=" + display_ + " xdotool mousemove " + std::to_string(x) +
                            " " + std::to_string(y) + " click 1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }

  std::string display_;
  test::TempDir dir_;
  std::unique_ptr<test::XServer> x_;
  pid_t kiosk_ = -1;
  render::FontLibrary fonts_{config::Config{}.fonts.families};
  ui::FontRoles roles_ = screenshot::load_roles();
  ui::Model model_{*content::load_embedded_bundle().bundle, "示例居委会", 1,
                   screenshot::qr_encoder()};
};

TEST_F(EndToEnd, AttractToApplicantAndBackHome) {
  ASSERT_TRUE(shows("attract"));
  tap_at(960, 600);  // any touch on 待机
  ASSERT_TRUE(shows("home"));
  tap(expected("home"), "go:notices");
  ASSERT_TRUE(shows("notices"));
  tap(expected("notices"), "category:committee_demo");
  ASSERT_TRUE(shows("notices:committee_demo"));
  tap(expected("notices:committee_demo"), "applicant:demo-2026/cd-02");
  ASSERT_TRUE(shows("applicant:cd-02"));
  tap(expected("applicant:cd-02"), "back");
  ASSERT_TRUE(shows("notices:committee_demo"));
  tap(expected("notices:committee_demo"), "applicant:demo-2026/cd-02");
  ASSERT_TRUE(shows("applicant:cd-02"));
  tap(expected("applicant:cd-02"), "home");
  ASSERT_TRUE(shows("home"));
}

}  // namespace
}  // namespace kiosk
