// Core value types: UTF-8 decoding, calendar dates, RFC 3339 times, bounded reads, atomic writes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "core/civil_date.hpp"
#include "core/files.hpp"
#include "core/problem.hpp"
#include "core/utf8.hpp"

namespace kiosk {
namespace {

TEST(Utf8, DecodesAndRejectsWhatRfc3629Forbids) {
  EXPECT_EQ(utf8::first_invalid("公示 abc 𠮷"), std::nullopt);
  EXPECT_EQ(utf8::length("公示𠮷a"), 4u);
  EXPECT_EQ(utf8::first_invalid("ab\xC0\xAF"), 2u);         // overlong '/'
  EXPECT_EQ(utf8::first_invalid("\xED\xA0\x80"), 0u);       // surrogate
  EXPECT_EQ(utf8::first_invalid("x\xF4\x90\x80\x80"), 1u);  // > U+10FFFF
  EXPECT_EQ(utf8::first_invalid("公\xE7\xA4"), 3u);         // truncated at the end
  EXPECT_EQ(utf8::first_invalid("\xC4\xE3\xBA\xC3"), 0u);   // GBK 你好
  std::string s;
  utf8::append(s, U'𠮷');
  EXPECT_EQ(s, "𠮷");
}

TEST(Utf8, ShowsNothingIsTrueForWhatDrawsNoGlyphOnItsOwn) {
  for (const char32_t cp : {U' ',
                            U'\t',
                            U'\n',
                            char32_t{0},
                            char32_t{0x85},
                            char32_t{0xA0},
                            char32_t{0xAD},
                            char32_t{0x0301},
                            char32_t{0x034F},
                            char32_t{0x061C},
                            char32_t{0x0903},
                            char32_t{0x115F},
                            char32_t{0x180E},
                            char32_t{0x2000},
                            char32_t{0x200B},
                            char32_t{0x200D},
                            char32_t{0x2028},
                            char32_t{0x2029},
                            char32_t{0x202E},
                            char32_t{0x2060},
                            char32_t{0x2069},
                            char32_t{0x20DD},
                            char32_t{0x2800},
                            char32_t{0x3000},
                            char32_t{0x3164},
                            char32_t{0xFE0F},
                            char32_t{0xFEFF},
                            char32_t{0xFFA0},
                            char32_t{0x1D173},
                            char32_t{0xE0001},
                            char32_t{0xE0041},
                            char32_t{0xE01EF}}) {
    EXPECT_TRUE(utf8::shows_nothing(cp)) << std::hex << static_cast<unsigned>(cp);
  }
  for (const char32_t cp :
       {U'a', U'-', U'.', U'示', U'〇', U'。', U'𠮷', char32_t{0x0600}, char32_t{0x0E01},
        char32_t{0x1F468}, char32_t{0x1F1E8}, char32_t{0xE000}, char32_t{0xFFFD},
        char32_t{0x10FFFF}, char32_t{0x2FFFF}}) {
    EXPECT_FALSE(utf8::shows_nothing(cp)) << std::hex << static_cast<unsigned>(cp);
  }
}

TEST(Problem, QuotesFoundValuesSafely) {
  EXPECT_EQ(quote_found("a\nb\"c"), "\"a\\nb\\\"c\"");
  EXPECT_EQ(quote_found("\xC4x"), "\"\\xC4x\"");
  EXPECT_EQ(quote_found(std::string(50, 'x')), "\"" + std::string(40, 'x') + "…\"");
  EXPECT_EQ((Problem{"a.json", "x.y", "expected z"}).line(), "a.json: x.y: expected z");
}

// One wording for problems left out, wherever a list is cut (json and CSV files, the sync line,
// --content errors).
TEST(Problem, SaysHowManyMoreProblemsInOneWording) {
  EXPECT_EQ(more_problems(1), "and 1 more problem");
  EXPECT_EQ(more_problems(300), "and 300 more problems");
  EXPECT_EQ(more_problems_line("notices.json", 2).line(), "notices.json: … and 2 more problems");
  EXPECT_EQ(first_problem_line({}), "");
  const Problems three{
      {"a.json", "x", "expected 1, found 2"}, {"a.json", "y", "m"}, {"b.json", "", "m"}};
  EXPECT_EQ(first_problem_line({three[0]}), "a.json: x: expected 1, found 2");
  EXPECT_EQ(first_problem_line({three[0], three[1]}),
            "a.json: x: expected 1, found 2 (and 1 more problem)");
  EXPECT_EQ(first_problem_line(three), "a.json: x: expected 1, found 2 (and 2 more problems)");
}

TEST(CivilDate, ParsesOnlyRealDays) {
  EXPECT_TRUE(CivilDate::parse("2024-02-29"));
  EXPECT_FALSE(CivilDate::parse("2026-02-29"));
  EXPECT_FALSE(CivilDate::parse("2026-13-01"));
  EXPECT_FALSE(CivilDate::parse("2026-1-01"));
  EXPECT_FALSE(CivilDate::parse("2026-01-01 "));
  EXPECT_FALSE(CivilDate::parse("２０２６-01-01"));
}

TEST(CivilDate, ArithmeticAndChineseForms) {
  const auto d = *CivilDate::parse("2026-11-25");
  EXPECT_EQ(d.weekday(), 3);
  EXPECT_EQ(d.chinese(), "2026年11月25日");
  EXPECT_EQ(d.chinese_weekday(), "星期三");
  EXPECT_EQ(CivilDate::from_days(d.days() + 7).iso(), "2026-12-02");
  EXPECT_EQ(CivilDate::from_days(0).iso(), "1970-01-01");
  EXPECT_EQ(CivilDate::parse("2011-02-28")->chinese_weekday(), "星期一");
}

TEST(Rfc3339, ParsesOffsetsAndRejectsJunk) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T08:00:00+08:00"), 0);
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:01Z"), 1);
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:01.5Z"), 1);
  EXPECT_EQ(parse_rfc3339("2026-11-25T09:00:00+08:00"), 1795568400);
  EXPECT_FALSE(parse_rfc3339("2026-11-25 09:00:00"));
  EXPECT_FALSE(parse_rfc3339("2026-11-25T09:00:00+0800"));
  EXPECT_FALSE(parse_rfc3339("2026-11-25T24:00:00Z"));
}

class Files : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kiosk-core-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(Files, ReadRefusesFilesOverTheLimit) {
  ASSERT_TRUE(files::write_atomic(dir_ / "a", std::string(2048, 'x')));
  EXPECT_EQ(files::read(dir_ / "a", 4096)->size(), 2048u);
  const auto r = files::read(dir_ / "a", 1024);
  EXPECT_FALSE(r);
  EXPECT_EQ(r.error().what, "expected at most 1 KiB, found 2048 bytes");
  EXPECT_EQ(files::read(dir_, 10).error().what, "expected a regular file, found a directory");
}

// A large notices.json is held once: the buffer is sized from fstat, not grown at the end of the
// file (growing doubled it: 24.7 MB for a 12.3 MB file).
TEST_F(Files, ReadHoldsALargeFileInABufferItsSize) {
  const std::size_t size = 3u << 20;
  ASSERT_TRUE(files::write_atomic(dir_ / "big", std::string(size, 'x')));
  const auto r = files::read(dir_ / "big", 16u << 20);
  ASSERT_TRUE(r) << r.error().what;
  EXPECT_EQ(r->size(), size);
  EXPECT_LE(r->capacity(), size + 4096);
}

TEST_F(Files, AtomicWriteReplacesWholeAndLeavesNoTemporaries) {
  ASSERT_TRUE(files::write_atomic(dir_ / "n.json", "old"));
  ASSERT_TRUE(files::write_atomic(dir_ / "n.json", "new contents", 0600));
  EXPECT_EQ(*files::read(dir_ / "n.json", 100), "new contents");
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "n.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST_F(Files, AtomicWriteIntoMissingDirectoryFailsCleanly) {
  const auto written = files::write_atomic(dir_ / "missing" / "x", "data");
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().what.find("cannot create"), std::string::npos);
}

// Issue 11 item 5: a FIFO where a file is read is refused at once. Should a read block, a helper
// thread opens the FIFO's write end after 3 s and closes it (the reader sees end of file), so a
// regression fails on the time taken instead of hanging the suite.
TEST_F(Files, ReadRefusesAFifoWithoutBlocking) {
  const auto fifo = dir_ / "notices.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  std::atomic<bool> done{false}, released{false};
  std::thread guard([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (!done) {
      if (std::chrono::steady_clock::now() >= deadline) {
        const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) ::close(fd), released = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = files::read(fifo, 1 << 20);
  const auto head = files::read_head(fifo, 4096);
  const auto took = std::chrono::steady_clock::now() - t0;
  done = true;
  guard.join();
  EXPECT_FALSE(released) << "files::read blocked on the FIFO until the test released it";
  EXPECT_LT(took, std::chrono::seconds(1));
  EXPECT_FALSE(r);
  EXPECT_EQ(r.error().what, "expected a regular file, found a FIFO");
  EXPECT_FALSE(head);
  EXPECT_EQ(head.error().what, "expected a regular file, found a FIFO");
  EXPECT_EQ(files::read("/dev/null", 10).error().what,
            "expected a regular file, found a character device");
}

TEST_F(Files, ReadHeadReadsAtMostItsLimit) {
  ASSERT_TRUE(files::write_atomic(dir_ / "a", std::string(5000, 'x')));
  EXPECT_EQ(files::read_head(dir_ / "a", 4096)->size(), 4096u);
  EXPECT_EQ(*files::read_head(dir_ / "a", 6000), std::string(5000, 'x'));
  EXPECT_EQ(files::read_head(dir_ / "missing", 10).error().what,
            "cannot open: No such file or directory");
}

}  // namespace
}  // namespace kiosk
