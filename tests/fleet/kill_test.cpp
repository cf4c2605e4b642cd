// Power cuts while logging: a child appending (and pruning) is SIGKILLed at every write, fsync
// and rename the log makes, and at random instants as the cache's kill tests do; after each kill
// the log opens, verifies, has lost at most the record being written, and goes on.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "fleet/display_log.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {

using fleet::DisplayLog;

constexpr long long kT0 = 1'795'000'000;
constexpr int kLogDays = 1;
constexpr long long kStep = 4 * 3600;  // four records a simulated day: prunes happen often

// The child: opens the log and appends records kStep apart from `from`, for ever or `count` times.
[[noreturn]] void append_forever(const std::filesystem::path& dir, const fleet::Identity& id,
                                 long long from) {
  auto log = DisplayLog::open(dir, id, kLogDays);
  if (!log) ::_exit(3);
  for (long long n = log->head_seq() + 1;; ++n) {
    if (!log->append(n % 2 ? "dim" : "wake", {{"n", n}}, from + n * kStep)) ::_exit(4);
  }
}

struct Kill {
  long long head_before = 0;  // the records durable before the child started
};

// Forks a child that runs until `step` has been reached `nth` times, where it SIGKILLs itself.
// False when the child ended without reaching it.
bool kill_at(const std::filesystem::path& dir, const fleet::Identity& id, const std::string& step,
             int nth) {
  const pid_t child = ::fork();
  if (child < 0) return false;
  if (child == 0) {
    int seen = 0;
    fleet::set_step_hook_for_test([&](std::string_view s) {
      if (s == step && ++seen == nth) ::raise(SIGKILL);
    });
    append_forever(dir, id, kT0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

long long verified_head(const std::filesystem::path& dir, const fleet::Identity& id,
                        std::string* problem) {
  const auto text = read_file(dir / std::string(fleet::kLogFile));
  auto v = fleet::verify_log(text, id.public_key);
  if (!v) {
    *problem = v.error().what;
    return -1;
  }
  return v->empty() ? 0 : v->back().seq;
}

TEST(KillDuringAppend, AtEveryWriteFsyncAndRenameTheLogStaysWhole) {
  TempDir temp;
  auto id = fleet::load_or_create_identity(temp / "state", "k");
  ASSERT_TRUE(id);
  const auto dir = temp / "state";
  const std::vector<std::string> steps{"create.dirsync", "append.write", "append.fsync",
                                       "prune.write",    "prune.fsync",  "prune.rename",
                                       "prune.dirsync"};
  int kills = 0;
  for (const auto& step : steps) {
    for (int nth = 1; nth <= (step == "create.dirsync" ? 1 : 3); ++nth) {
      std::filesystem::remove_all(dir / std::string(fleet::kLogFile));
      // A fresh log for create.dirsync; else a few records first, so prunes are due soon.
      if (step != "create.dirsync") {
        auto log = DisplayLog::open(dir, *id, kLogDays);
        ASSERT_TRUE(log);
        for (int i = 1; i <= 3; ++i) ASSERT_TRUE(log->append("dim", {{"n", i}}, kT0 + i * kStep));
      }
      std::string problem;
      const long long before = verified_head(dir, *id, &problem);
      ASSERT_GE(before, 0) << problem;
      ASSERT_TRUE(kill_at(dir, *id, step, nth)) << step << " #" << nth << " was never reached";
      ++kills;
      // Reopen as the next start does: whole, verifiable, and appending goes on.
      auto log = DisplayLog::open(dir, *id, kLogDays);
      ASSERT_TRUE(log) << step << " #" << nth << ": " << log.error().what;
      const long long after = verified_head(dir, *id, &problem);
      ASSERT_GE(after, 0) << step << " #" << nth << ": " << problem;
      EXPECT_EQ(after, log->head_seq());
      ASSERT_TRUE(
          log->append("crash_restart", {{"last_seq", after}}, kT0 + (after + 1) * kStep + 60));
      ASSERT_GE(verified_head(dir, *id, &problem), 0) << step << " #" << nth << ": " << problem;
      // No temporary of a killed prune is left after the open.
      for (const auto& e : std::filesystem::directory_iterator(dir))
        EXPECT_NE(e.path().filename().string().rfind(".display-log", 0), 0u) << e.path();
    }
  }
  EXPECT_EQ(kills, 19);
}

// As the cache's kill test: SIGKILL at a random instant, 100 times; every record that was
// durable before stays, and the log verifies each time.
// The display log's size (0 when there is none yet): it changes as soon as the writer appends.
std::uintmax_t log_size(const std::filesystem::path& dir) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(dir / "display-log.jsonl", ec);
  return ec ? 0 : size;
}

TEST(KillDuringAppend, RandomKillsNeverBreakTheChain) {
  TempDir temp;
  auto id = fleet::load_or_create_identity(temp / "state", "k");
  ASSERT_TRUE(id);
  const auto dir = temp / "state";
  std::mt19937_64 rng(20261201);
  long long last = 0;
  int torn = 0;
  for (int i = 0; i < 100; ++i) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    const std::uintmax_t size_before = log_size(dir);
    if (child == 0) append_forever(dir, *id, kT0);
    // Not a timing assumption: the writer has appended (however loaded the machine), then the kill
    // falls at a random instant of what it writes next.
    for (int wait = 0; wait < 10'000 && log_size(dir) == size_before; ++wait)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<long long>(0, 3000)(rng)));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer failed by itself, status " << status;
    auto log = DisplayLog::open(dir, *id, kLogDays);
    ASSERT_TRUE(log) << "kill " << i << ": " << log.error().what;
    torn += log->torn_bytes() > 0 ? 1 : 0;
    std::string problem;
    const long long head = verified_head(dir, *id, &problem);
    ASSERT_GE(head, last) << "kill " << i << ": " << problem;
    last = head;
  }
  EXPECT_GT(last, 10);
  std::cout << "after 100 random kills: head seq " << last << ", " << torn
            << " torn tails cut away\n";
}

}  // namespace
}  // namespace kiosk::test
