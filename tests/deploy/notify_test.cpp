// systemd's view of the real kiosk binary under Xvfb: NOTIFY_SOCKET points at a datagram socket
// the test reads, WATCHDOG_USEC asks for pings. READY=1 comes once the first frame is on the X
// server, WATCHDOG=1 every half interval while the kiosk sits idle, none once the test-only hook
// KIOSK_TEST_FREEZE_AFTER_MS hangs the loop, STOPPING=1 on SIGTERM; the journal lines carry
// sd-daemon priority prefixes and the restart cause.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <thread>

#include "session.hpp"
#include "x11.hpp"

namespace kiosk::deploy {
namespace {

using namespace std::chrono_literals;
using test::fraction_of_colour;

struct Message {
  std::string text;
  Clock::time_point at;
};

class Notify : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!x_.ok()) GTEST_SKIP() << x_.why();
    // Always open (no dimming whatever the hour), no sync, a scratch cache for run-state.
    config_ = dir_.write("kiosk.json", R"({"office_name": "示例居委会", "idle_timeout_s": 600,
      "office_hours": {"open": "00:00", "close": "00:00"},
      "content": {"cache_dir": ")" + dir_.path().string() +
                                           R"("}})");
  }

  std::vector<std::string> env(const std::string& extra = "",
                               const std::string& watchdog_usec = "1000000") {
    std::vector<std::string> e{"DISPLAY=" + x_.display(), "NOTIFY_SOCKET=" + socket_.path(),
                               "WATCHDOG_USEC=" + watchdog_usec};
    if (!extra.empty()) e.push_back(extra);
    return e;
  }

  // Messages until `until` says stop or timeout_ms pass.
  template <class F>
  std::vector<Message> collect(int timeout_ms, F&& until) {
    std::vector<Message> out;
    const auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < end) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
      auto m = socket_.receive(static_cast<int>(std::max<long long>(1, left)));
      if (!m) continue;
      out.push_back({*m, Clock::now()});
      if (until(out.back())) break;
    }
    return out;
  }

  XServer x_{false};
  TempDir dir_;
  NotifySocket socket_;
  std::filesystem::path config_;
};

constexpr std::uint8_t kPaper[3] = {0xf6, 0xf3, 0xec};  // ui::palette::kPaper, 待机's background

TEST_F(Notify, ReadyAfterTheFirstFrameWatchdogWhileIdleAndNoneOnceFrozen) {
  // WatchdogSec=2: a ping every second; the hook hangs the loop 7 s after start.
  Kiosk k({"--config", config_.string()}, env("KIOSK_TEST_FREEZE_AFTER_MS=7000", "2000000"));
  double paper_at_ready = -1;
  const auto until_ready = collect(20'000, [&](const Message& m) {
    if (m.text != "READY=1") return false;
    // The first frame must already be on the X server when READY=1 arrives.
    paper_at_ready = fraction_of_colour(x_.display(), kPaper[0], kPaper[1], kPaper[2], 2);
    return true;
  });
  ASSERT_FALSE(until_ready.empty()) << "no READY=1; stderr: " << k.log();
  ASSERT_EQ(until_ready.back().text, "READY=1") << k.log();
  for (const auto& m : until_ready)
    EXPECT_NE(m.text, "WATCHDOG=1") << "a watchdog ping before READY=1";
  EXPECT_GT(paper_at_ready, 0.3) << "READY=1 came before the first frame was on screen";
  const auto ready_at = until_ready.back().at;

  // Idle on 待机: the pings keep coming every half interval (1 s), well inside the interval (2 s),
  // until the hook freezes the loop (at the latest 7 s after READY=1).
  std::vector<Clock::time_point> pings;
  (void)collect(9'500, [&](const Message& m) {
    if (m.text == "WATCHDOG=1") pings.push_back(m.at);
    return false;
  });
  ASSERT_TRUE(k.running()) << k.log();
  const auto early = std::count_if(pings.begin(), pings.end(),
                                   [&](Clock::time_point p) { return p < ready_at + 3500ms; });
  EXPECT_GE(early, 3) << "too few WATCHDOG=1 while idle";
  ASSERT_FALSE(pings.empty());
  EXPECT_LT(pings.front() - ready_at, 1800ms);
  for (std::size_t i = 1; i < pings.size(); ++i) {
    EXPECT_LT(pings[i] - pings[i - 1], 1800ms) << "gap before ping " << i << " (WatchdogSec 2 s)";
  }
  // Frozen: nothing in the last 2.5 s.
  EXPECT_LT(pings.back(), Clock::now() - 2500ms) << "WATCHDOG=1 kept coming from a frozen loop";
  EXPECT_NE(k.log().find("KIOSK_TEST_FREEZE_AFTER_MS"), std::string::npos) << k.log();
}

TEST_F(Notify, StoppingOnSigtermWithJournalLinesAndTheRestartCause) {
  {
    Kiosk first({"--config", config_.string()}, env());
    ASSERT_FALSE(collect(20'000, [](const Message& m) { return m.text == "READY=1"; }).empty())
        << first.log();
    first.signal(SIGKILL);  // a crash: no clean exit recorded
    ASSERT_EQ(first.wait(5000), -1);
  }
  Kiosk k({"--config", config_.string()}, env());
  const auto up = collect(20'000, [](const Message& m) { return m.text == "READY=1"; });
  ASSERT_FALSE(up.empty());
  ASSERT_EQ(up.back().text, "READY=1") << k.log();
  k.signal(SIGTERM);
  const auto down = collect(10'000, [](const Message& m) { return m.text == "STOPPING=1"; });
  ASSERT_FALSE(down.empty()) << k.log();
  EXPECT_EQ(down.back().text, "STOPPING=1");
  EXPECT_EQ(k.wait(10'000), 0) << "SIGTERM is a clean exit";
  const std::string log = k.log();
  EXPECT_NE(log.find("<4>the previous run (pid "), std::string::npos) << log;
  EXPECT_NE(log.find("ended without a clean exit"), std::string::npos) << log;
  EXPECT_NE(log.find("<6>kiosk 0.1.0 started: config " + config_.string() +
                     "; content embedded default; no sync"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("watchdog 1 s"), std::string::npos) << log;
  EXPECT_NE(log.find("<6>kiosk stopping (exit status 0): SIGTERM"), std::string::npos) << log;
  // Every line has a priority prefix.
  std::size_t start = 0;
  while (start < log.size()) {
    const auto end = log.find('\n', start);
    const std::string line = log.substr(start, end - start);
    EXPECT_TRUE(line.size() > 3 && line[0] == '<' && line[2] == '>') << line;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  // The next start knows this one exited cleanly.
  Kiosk next({"--config", config_.string()}, env());
  ASSERT_FALSE(collect(20'000, [](const Message& m) { return m.text == "READY=1"; }).empty())
      << next.log();
  next.signal(SIGTERM);
  EXPECT_EQ(next.wait(10'000), 0);
  EXPECT_NE(next.log().find("<6>the previous run exited with status 0 at "), std::string::npos)
      << next.log();
}

}  // namespace
}  // namespace kiosk::deploy
