// 30 simulated days of a typical kiosk's events (not timed): the log stays within its bound and
// verifies every day, and how many bytes a day it grows (the figure in the README's limits).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "crypto/sha256.hpp"
#include "fleet/display_log.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {

using fleet::DisplayLog;

constexpr long long kDay0 = 1'794'931'200;  // 2026-11-18T00:00:00+08:00

// One typical day, as the app logs it: notices entering and leaving the board at midnight every
// few days, waking at office hours and dimming after, a content update every third day, a short
// network outage, and one touch at night waking the dimmed screen.
void typical_day(DisplayLog& log, int d) {
  const long long t = kDay0 + d * 86400LL;
  const auto at = [&](int hh, int mm) { return t + hh * 3600LL + mm * 60LL; };
  const auto ok = [](const Result<void>& r) {
    if (!r) throw std::runtime_error(r.error().what);
  };
  if (d % 5 == 0) {
    ok(log.append("notice_off",
                  {{"notice", "2026-dibao-" + std::to_string(d - 5)}, {"reason", "window_end"}},
                  at(0, 0)));
    ok(log.append("notice_on",
                  {{"notice", "2026-dibao-" + std::to_string(d)}, {"reason", "window_start"}},
                  at(0, 0)));
  }
  ok(log.append("wake", {}, at(8, 0)));
  if (d % 3 == 0) {
    ok(log.append(
        "content",
        {{"version", 100 + d}, {"manifest_sha256", crypto::sha256_hex(std::to_string(d))}},
        at(10, 0)));
    ok(log.append("notice_on",
                  {{"notice", "2026-jiuzhu-" + std::to_string(d)}, {"reason", "content"}},
                  at(10, 0)));
  }
  ok(log.append("offline", {{"reason", "cannot reach the content server: timed out after 30 s"}},
                at(14, 0)));
  ok(log.append("online", {}, at(14, 5)));
  ok(log.append("dim", {}, at(18, 0)));
  ok(log.append("wake", {}, at(19, 30)));
  ok(log.append("dim", {}, at(19, 32)));
}

TEST(LogGrowth, ThirtyDaysStayWithinTheBoundAndVerify) {
  TempDir temp;
  auto id = fleet::load_or_create_identity(temp / "a", "kiosk-growth");
  ASSERT_TRUE(id);
  // Kept for 400 days (the default): 30 days only grow; the growth per day is the figure.
  auto all = DisplayLog::open(temp / "a", *id, fleet::kDefaultLogDays);
  ASSERT_TRUE(all);
  // Kept for 7 days: the size stops growing at about 8 days' worth.
  auto week = DisplayLog::open(temp / "b", *id, 7);
  ASSERT_TRUE(week);
  ASSERT_TRUE(
      all->append("start", {{"version", 99}, {"manifest_sha256", std::string(64, 'a')}}, kDay0));
  ASSERT_TRUE(
      week->append("start", {{"version", 99}, {"manifest_sha256", std::string(64, 'a')}}, kDay0));
  std::uintmax_t biggest_day = 0, biggest_week_file = 0;
  std::uintmax_t size_before = std::filesystem::file_size(temp / "a" / "display-log.jsonl");
  for (int d = 0; d < 30; ++d) {
    typical_day(*all, d);
    typical_day(*week, d);
    const auto size = std::filesystem::file_size(temp / "a" / "display-log.jsonl");
    biggest_day = std::max(biggest_day, size - size_before);
    size_before = size;
    const auto week_text = read_file(temp / "b" / "display-log.jsonl");
    biggest_week_file = std::max<std::uintmax_t>(biggest_week_file, week_text.size());
    const auto v = fleet::verify_log(week_text, id->public_key);
    ASSERT_TRUE(v) << "day " << d << ": " << v.error().what;
    // Never more than log_days + 1 days (the day's slack) + today, plus the prune record.
    EXPECT_GE(v->front().time_unix, kDay0 + d * 86400LL - 9 * 86400LL) << "day " << d;
  }
  const auto all_text = read_file(temp / "a" / "display-log.jsonl");
  const auto all_records = fleet::verify_log(all_text, id->public_key);
  ASSERT_TRUE(all_records) << all_records.error().what;
  EXPECT_EQ(all_records->front().seq, 1);
  EXPECT_LE(biggest_week_file, 9 * biggest_day + 1024);
  EXPECT_LT(std::filesystem::file_size(temp / "b" / "display-log.jsonl"), all_text.size() / 3);
  const double per_day = static_cast<double>(all_text.size()) / 30.0;
  std::cout << "display log growth: " << all_records->size() << " records, " << all_text.size()
            << " bytes in 30 typical days = " << static_cast<long>(per_day) << " bytes/day ("
            << static_cast<long>(all_text.size() / all_records->size())
            << " bytes/record, busiest day " << biggest_day << " bytes); 400 days ≈ "
            << static_cast<long>(per_day * 400 / 1024) << " KiB; with log_days 7 the file stayed "
            << "at most " << biggest_week_file << " bytes\n";
}

}  // namespace
}  // namespace kiosk::test
