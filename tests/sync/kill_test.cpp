// Crash safety: a child installing bundles in a loop is SIGKILLed at random points, 200 times;
// after each kill the cache must load as exactly the old or the new bundle, never anything else.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <random>
#include <thread>

#include "bundles.hpp"
#include "nginx_fixture.hpp"
#include "sync/round.hpp"

namespace kiosk::test {
namespace {

// Forks a child that runs `warm_up` once and then `loop` (which never returns), and returns its
// pid once the warm-up is done: the kill's random delay then counts from the child's steady
// work, not from the fork and its first pass (copy-on-write faults, first allocations), which
// under AddressSanitizer on a slow machine outlasted the whole delay: no kill landed inside a
// write. -1 when the pipe or the fork fails.
pid_t fork_running(const std::function<void()>& loop, const std::function<void()>& warm_up = {}) {
  int ready[2];
  if (::pipe(ready) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(ready[0]);
    if (warm_up) warm_up();
    const char started = 'r';
    (void)!::write(ready[1], &started, 1);
    ::close(ready[1]);
    loop();
    ::_exit(3);
  }
  ::close(ready[1]);
  char started = 0;
  if (child > 0) (void)!::read(ready[0], &started, 1);
  ::close(ready[0]);
  return child;
}

TEST(KillDuringInstall, CacheIsAlwaysExactlyOldOrNew) {
  TempDir temp;
  const auto key = make_key();
  const auto old_files = make_bundle(content_files(" 旧"), 1, &key);
  const auto new_files = make_bundle(content_files(" 新版本"), 2, &key);
  sync::Settings settings;
  settings.cache_dir = temp / "cache";
  settings.trust.trusted_keys = {key.public_b64};
  const sync::Cache cache(settings.cache_dir);
  ASSERT_TRUE(cache.install(old_files, 1).ok());

  // How long one install takes here, so the kills land inside installs.
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(cache.install(i % 2 ? old_files : new_files, i % 2 ? 1 : 2).ok());
  const auto per_install =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0) /
      4;
  const long long window_us = std::max<long long>(200, per_install.count() * 3);

  std::mt19937_64 rng(20261125);
  int saw_old = 0, saw_new = 0;
  for (int i = 0; i < 200; ++i) {
    // Install the two versions alternately, as fast as the disk allows, until killed.
    const pid_t child = fork_running([&] {
      for (long n = 0;; ++n) {
        const bool odd = (n + i) % 2 != 0;
        if (!cache.install(odd ? new_files : old_files, odd ? 2 : 1)) ::_exit(3);
      }
    });
    ASSERT_GT(child, 0);
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<long long>(0, window_us)(rng)));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the installer failed by itself, status " << status;

    auto read = cache.read_current(settings.trust.max_bundle_bytes);
    ASSERT_TRUE(read) << "kill " << i << ": no current bundle: " << read.error().what;
    const auto verified = sync::verify_bundle(*read, settings.trust);
    ASSERT_TRUE(verified.ok()) << "kill " << i << ": " << verified.error().what;
    if (*read == old_files) {
      ++saw_old;
    } else if (*read == new_files) {
      ++saw_new;
    } else {
      FAIL() << "kill " << i << ": the cache holds neither the old nor the new bundle";
    }
  }
  // The start-up path agrees, and leftovers of killed installs do not pile up.
  const auto startup = sync::load_startup_bundle(settings, 1'800'000'000);
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Cache) << startup.note;
  ASSERT_TRUE(cache.install(new_files, 2).ok());
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(settings.cache_dir / "bundles")) {
    (void)e;
    ++entries;
  }
  EXPECT_LE(entries, 2);
  EXPECT_GT(saw_old, 0);
  EXPECT_GT(saw_new, 0);
  std::cout << "after 200 kills: " << saw_old << " old, " << saw_new << " new; one install takes "
            << per_install.count() << " µs\n";
}

// Issue 11 items 12 and 19: a SIGKILL inside a state.json write leaves either state whole (never
// an unusable file) and at most a .state.json.tmp*, which the next start-up removes.
TEST(KillDuringStateWrite, StateIsWholeAndTemporariesGoAtStartUp) {
  TempDir temp;
  const auto key = make_key();
  sync::Settings settings;
  settings.cache_dir = temp / "cache";
  settings.trust.trusted_keys = {key.public_b64};
  const sync::Cache cache(settings.cache_dir);
  ASSERT_TRUE(cache.install(make_bundle(content_files(), 3, &key), 3).ok());
  sync::State a, b;
  a.version = b.version = 3;
  a.last_result = "already current: version 3";
  b.last_result = std::string(20000, 'x');  // a longer write, so kills land inside it
  ASSERT_TRUE(cache.write_state(a).ok());
  // How long a pair of writes takes here, so the kills land among them.
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(cache.write_state(i % 2 ? a : b).ok());
  const auto per_pair =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0) /
      2;
  const long long window_us = std::max<long long>(3000, per_pair.count() * 3);
  std::mt19937_64 rng(20261201);
  for (int i = 0; i < 100; ++i) {
    const auto write = [&](long n) {
      if (!cache.write_state(n % 2 ? a : b)) ::_exit(3);
    };
    const pid_t child = fork_running(
        [&] {
          for (long n = 0;; ++n) write(n);
        },
        [&] {
          write(0);
          write(1);
        });
    ASSERT_GT(child, 0);
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<long long>(0, window_us)(rng)));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer failed by itself, status " << status;
    std::string problem;
    const auto state = cache.read_state(&problem);
    ASSERT_EQ(problem, "") << "kill " << i;
    ASSERT_TRUE(state == a || state == b) << "kill " << i;
  }
  int temporaries = 0;
  for (const auto& e : std::filesystem::directory_iterator(settings.cache_dir)) {
    temporaries += e.path().filename().string().rfind(".state.json.tmp", 0) == 0 ? 1 : 0;
  }
  EXPECT_GT(temporaries, 0) << "no kill landed inside a write; the test proves nothing";
  (void)sync::load_startup_bundle(settings, 1'800'000'000);
  for (const auto& e : std::filesystem::directory_iterator(settings.cache_dir)) {
    EXPECT_NE(e.path().filename().string().rfind(".state.json.tmp", 0), 0u)
        << e.path() << " was left";
  }
  std::cout << "after 100 kills inside state writes: " << temporaries
            << " temporaries left, all removed; a pair of writes takes " << per_pair.count()
            << " µs\n";
}

}  // namespace
}  // namespace kiosk::test
