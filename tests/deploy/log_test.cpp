// platform::Logger: sd-daemon priority prefixes, one line per message, and redaction of secrets.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "app/lifecycle.hpp"
#include "platform/log.hpp"
#include "temp_dir.hpp"

namespace kiosk::platform {
namespace {

// Everything written to a memory FILE*.
struct Captured {
  char* buf = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&buf, &size);
  ~Captured() {
    if (f) std::fclose(f);
    std::free(buf);
  }
  std::string text() {
    std::fflush(f);
    return std::string(buf, size);
  }
};

TEST(Log, PrioritiesArePrefixedAsSdDaemonDoes) {
  Captured c;
  Logger log(c.f);
  log.error("kiosk: no display");
  log.warning("sync: failed: timeout");
  log.notice("lockdown: ignored");
  log.info("kiosk started");
  EXPECT_EQ(
      c.text(),
      "<3>kiosk: no display\n<4>sync: failed: timeout\n<5>lockdown: ignored\n<6>kiosk started\n");
}

// The restart cause carries its priority as data: a run that died is a warning, a clean exit
// information; the caller passes it to log() instead of searching the line for words.
TEST(Log, RestartCauseComesWithItsPriority) {
  const test::TempDir dir;
  EXPECT_TRUE(app::RunState(dir.path()).begin(tz::Zone()).line.empty())
      << "first start: nothing known";
  app::RunState died(dir.path());  // the run above never called end()
  const auto crash = died.begin(tz::Zone());
  EXPECT_EQ(crash.priority, Priority::Warning);
  EXPECT_EQ(crash.line.rfind("the previous run (pid ", 0), 0u) << crash.line;
  died.end(0, "stopped by systemd");
  const auto clean = app::RunState(dir.path()).begin(tz::Zone());
  EXPECT_EQ(clean.priority, Priority::Info);
  EXPECT_NE(clean.line.find("exited with status 0"), std::string::npos) << clean.line;
}

TEST(Log, WithoutTheJournalLinesArePlain) {
  Captured c;
  Logger log(c.f, false);
  log.error("kiosk: no display");
  EXPECT_EQ(c.text(), "kiosk: no display\n");
}

TEST(Log, OneLinePerMessage) {
  Captured c;
  Logger log(c.f);
  log.info("two\nlines\tand\x1b[31m colour");
  EXPECT_EQ(c.text(), "<6>two lines and [31m colour\n");
}

TEST(Log, UrlCredentialsAreRedacted) {
  EXPECT_EQ(
      redact(
          "sync: failed: https://user:s3cret@content.example.org/qingpu/manifest.json: HTTP 401"),
      "sync: failed: https://content.example.org/qingpu/manifest.json: HTTP 401");
  EXPECT_EQ(redact("sync from http://admin@10.0.0.5:8080/x"), "sync from http://10.0.0.5:8080/x");
  EXPECT_EQ(redact("https://a:b@h1/ and https://c:d@h2/"), "https://h1/ and https://h2/");
  EXPECT_EQ(redact("mail me: kiosk@localhost"), "mail me: kiosk@localhost")
      << "no URL, nothing to strip";
  EXPECT_EQ(redact("https://host/path@v2"), "https://host/path@v2")
      << "an @ in the path is not userinfo";
}

TEST(Log, SignedUrlParametersAndHeadersAreRedacted) {
  EXPECT_EQ(redact("GET "
                   "https://s3.example.org/b/"
                   "manifest.json?X-Amz-Credential=AKIA123&X-Amz-Signature=abcdef&v=2 failed"),
            "GET "
            "https://s3.example.org/b/"
            "manifest.json?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&v=2 failed");
  EXPECT_EQ(redact("https://h/x?token=t0k&page=3"), "https://h/x?token=REDACTED&page=3");
  EXPECT_EQ(redact("publish: password=hunter2 rejected"), "publish: password=REDACTED rejected");
  EXPECT_EQ(redact("request had Authorization: Basic dXNlcjpwYXNz"),
            "request had Authorization: REDACTED");
  EXPECT_EQ(redact("authorization failed (HTTP 401)"), "authorization failed (HTTP 401)");
}

TEST(Log, EveryLineIsRedacted) {
  Captured c;
  Logger log(c.f);
  log.warning("sync: failed: https://u:pw@host/m.json?sig=zzz: timeout");
  EXPECT_EQ(c.text(), "<4>sync: failed: https://host/m.json?sig=REDACTED: timeout\n");
}

TEST(Log, LinesFromTwoThreadsNeverInterleave) {
  Captured c;
  Logger log(c.f);
  const std::string a(200, 'a'), b(200, 'b');
  std::thread t1([&] {
    for (int i = 0; i < 500; ++i) log.info(a);
  });
  std::thread t2([&] {
    for (int i = 0; i < 500; ++i) log.info(b);
  });
  t1.join();
  t2.join();
  const std::string text = c.text();
  std::size_t lines = 0, start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    EXPECT_TRUE(line == "<6>" + a || line == "<6>" + b);
    ++lines;
    start = end + 1;
  }
  EXPECT_EQ(lines, 1000u);
}

}  // namespace
}  // namespace kiosk::platform
