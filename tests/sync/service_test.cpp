// sync::Service: the thread runs rounds, hands over a new bundle once, reports status with an
// injected clock, backs off after failures, and stops promptly even mid-transfer.
#include <atomic>
#include <thread>

#include "sync/service.hpp"
#include "sync_env.hpp"

namespace kiosk::test {
namespace {

using namespace std::chrono_literals;

// Waits up to `limit` for pred.
template <typename Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = 10s) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

TEST(Backoff, PollWithJitterAfterSuccessDoublingAfterFailures) {
  using sync::next_delay;
  EXPECT_EQ(next_delay(60s, 0, 0.0), 54s);
  EXPECT_EQ(next_delay(60s, 0, 1.0), 66s);
  EXPECT_EQ(next_delay(60s, 1, 0.0), 7500ms);
  EXPECT_EQ(next_delay(60s, 1, 1.0), 15s);
  EXPECT_EQ(next_delay(60s, 2, 1.0), 30s);
  EXPECT_EQ(next_delay(60s, 3, 1.0), 60s);
  EXPECT_EQ(next_delay(60s, 8, 1.0), 1800s);     // 15 s · 2^7 = 1920 s, capped at 30 min
  EXPECT_EQ(next_delay(60s, 500, 0.5), 1350s);   // no overflow, still capped
  EXPECT_EQ(next_delay(10s, 1, 1.0), 10s);       // base is the poll interval when shorter
  EXPECT_EQ(next_delay(7200s, 20, 1.0), 7200s);  // the cap is never below the poll interval
}

class ServiceTest : public SyncTest {
 protected:
  void SetUp() override {
    SyncTest::SetUp();
    settings.poll_interval = std::chrono::seconds(30);  // rounds happen when the test asks
  }
};

TEST_F(ServiceTest, RunsRoundsHandsOverTheBundleOnceAndReportsStatus) {
  publish(7, " 服务");
  std::atomic<int> woken{0};
  std::atomic<long long> fake_now{now()};
  sync::ServiceHooks hooks;
  hooks.now_unix = [&] { return fake_now.load(); };
  hooks.on_new_bundle = [&] { ++woken; };
  hooks.first_delay = 0ms;
  hooks.jitter_seed = 1;
  const auto shown = sync::load_startup_bundle(settings, now());
  sync::Service service(settings, shown, hooks);
  EXPECT_EQ(service.status().installed_version, 0);
  EXPECT_TRUE(service.status().enabled);
  service.start();
  ASSERT_TRUE(eventually([&] { return woken.load() == 1; }));
  auto bundle = service.take_new_bundle();
  ASSERT_TRUE(bundle && bundle->manifest);
  EXPECT_EQ(bundle->manifest->version, 7);
  EXPECT_FALSE(service.take_new_bundle());
  auto st = service.status();
  EXPECT_EQ(st.installed_version, 7);
  EXPECT_EQ(st.issued_at, bundle->manifest->issued_at);
  EXPECT_EQ(st.expires_at_unix, bundle->manifest->expires_at_unix);
  EXPECT_EQ(st.last_round_unix, fake_now.load());
  EXPECT_EQ(st.last_result, "installed version 7 (3 files downloaded, 0 unchanged)");
  EXPECT_TRUE(st.last_ok);
  EXPECT_EQ(st.consecutive_failures, 0);

  // Failures count up (each request_round is one more round) and the status says why.
  fake_now += 100;
  const auto good_url = settings.server_url;
  std::filesystem::remove(nginx.www() / "b" / "manifest.json");
  service.request_round();
  ASSERT_TRUE(eventually([&] { return service.status().consecutive_failures == 1; }));
  st = service.status();
  EXPECT_EQ(st.last_result, "manifest.json: expected HTTP 200, found 404");
  EXPECT_FALSE(st.last_ok);
  EXPECT_EQ(st.last_round_unix, fake_now.load());
  EXPECT_EQ(st.installed_version, 7);
  EXPECT_GE(st.next_round_unix, fake_now.load());
  service.request_round();
  ASSERT_TRUE(eventually([&] { return service.status().consecutive_failures == 2; }));

  // Success resets the count.
  publish(8, " 服务二");
  service.request_round();
  ASSERT_TRUE(eventually([&] { return woken.load() == 2; }));
  st = service.status();
  EXPECT_EQ(st.consecutive_failures, 0);
  EXPECT_EQ(st.installed_version, 8);
  EXPECT_EQ(service.take_new_bundle()->manifest->version, 8);
  service.stop();
}

TEST_F(ServiceTest, PicksUpABundleAnotherProcessInstalled) {
  publish(4, " 外部");
  const auto shown = sync::load_startup_bundle(settings, now());  // the embedded default
  ASSERT_EQ(shown.source, sync::StartupBundle::Source::Embedded);
  ASSERT_EQ(round().outcome, sync::Outcome::Installed);  // as `kiosk --sync-once` would
  std::atomic<int> woken{0};
  sync::ServiceHooks hooks;
  hooks.on_new_bundle = [&] { ++woken; };
  hooks.first_delay = 0ms;
  sync::Service service(settings, shown, hooks);
  service.start();
  ASSERT_TRUE(eventually([&] { return woken.load() == 1; }));
  EXPECT_EQ(service.status().last_result, "already current: version 4 (HTTP 304)");
  const auto bundle = service.take_new_bundle();
  ASSERT_TRUE(bundle && bundle->manifest);
  EXPECT_EQ(bundle->manifest->version, 4);
  EXPECT_EQ(service.status().installed_version, 4);
  // Once shown, a 304 hands nothing over again.
  service.request_round();
  ASSERT_TRUE(eventually(
      [&] { return service.status().last_round_unix > 0 && !service.status().syncing; }));
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(service.take_new_bundle());
  EXPECT_EQ(woken.load(), 1);
}

TEST_F(ServiceTest, StatusStartsFromTheLastRecordedRound) {
  settings.server_url = nginx.url("status500/");
  ASSERT_EQ(round().outcome, sync::Outcome::Failed);
  const sync::Service service(settings, sync::load_startup_bundle(settings, now()));
  const auto st = service.status();
  EXPECT_EQ(st.last_result, "manifest.json: expected HTTP 200, found 500");
  EXPECT_EQ(st.consecutive_failures, 1);
  EXPECT_FALSE(st.last_ok);
}

TEST_F(ServiceTest, StopsPromptlyDuringAStalledTransfer) {
  publish(3, "");
  settings.server_url = nginx.url("stall/");
  settings.net.limits.low_speed_time = std::chrono::seconds(60);  // only a cancel ends it soon
  sync::ServiceHooks hooks;
  hooks.first_delay = 0ms;
  sync::Service service(settings, sync::load_startup_bundle(settings, now()), hooks);
  service.start();
  ASSERT_TRUE(eventually([&] { return service.status().syncing; }));
  std::this_thread::sleep_for(300ms);
  const auto t0 = std::chrono::steady_clock::now();
  service.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2500ms);
}

TEST_F(ServiceTest, DisabledWithoutAServer) {
  settings.server_url.clear();
  sync::Service service(settings, sync::load_startup_bundle(settings, now()));
  service.start();
  EXPECT_FALSE(service.status().enabled);
  EXPECT_FALSE(service.take_new_bundle());
}

}  // namespace
}  // namespace kiosk::test
