// Sync rounds against a real nginx: install, 304, new versions, and every refusal BUNDLE.md and
// issue 4 list, each leaving the installed bundle exactly as it was.
#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "app/sync_once.hpp"
#include "content/parse.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "fifo_guard.hpp"
#include "raw_server.hpp"
#include "sync_env.hpp"

namespace kiosk::test {
namespace {

using sync::Outcome;

TEST_F(SyncTest, FirstRoundInstallsNextIs304NewVersionInstalls) {
  const auto v1 = publish(1, "");
  auto r = round();
  EXPECT_EQ(r.outcome, Outcome::Installed);
  EXPECT_EQ(r.line, "installed version 1 (3 files downloaded, 0 unchanged)");
  ASSERT_TRUE(r.bundle && r.bundle->manifest);
  EXPECT_EQ(r.bundle->manifest->version, 1);
  EXPECT_EQ(installed(), v1);

  r = round();
  EXPECT_EQ(r.outcome, Outcome::Current);
  EXPECT_EQ(r.line, "already current: version 1 (HTTP 304)");
  EXPECT_FALSE(r.bundle);
  EXPECT_NE(nginx.access_log_with("\" 304").find("\"GET /b/manifest.json HTTP/1.1\" 304"),
            std::string::npos);

  const auto v2 = publish(2, " 第二版");
  r = round();
  EXPECT_EQ(r.outcome, Outcome::Installed);
  EXPECT_EQ(r.line, "installed version 2 (1 file downloaded, 2 unchanged)");
  ASSERT_TRUE(r.bundle);
  EXPECT_NE(r.bundle->notices.at(0).title.find("第二版"), std::string::npos);
  EXPECT_EQ(installed(), v2);

  // What a restart shows, and what persisted.
  const auto startup = sync::load_startup_bundle(settings, now());
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Cache);
  EXPECT_EQ(startup.note, "");
  ASSERT_TRUE(startup.bundle.manifest);
  EXPECT_EQ(startup.bundle.manifest->version, 2);
  const auto state = sync::Cache(settings.cache_dir).read_state();
  EXPECT_EQ(state.version, 2);
  EXPECT_EQ(state.manifest_sha256, crypto::sha256_hex(v2.at("manifest.json")));
  EXPECT_FALSE(state.etag.empty());
  EXPECT_EQ(state.consecutive_failures, 0);
}

TEST_F(SyncTest, KeepsAtMostTwoBundles) {
  for (int v = 1; v <= 4; ++v) {
    publish(v, "v" + std::to_string(v));
    ASSERT_EQ(round().outcome, Outcome::Installed);
  }
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(settings.cache_dir / "bundles")) {
    (void)e;
    ++count;
  }
  EXPECT_EQ(count, 2);
}

TEST_F(SyncTest, UnsignedAcceptedOnlyWhenAllowed) {
  auto files = make_bundle(content_files(), 1, nullptr);
  write_bundle(nginx.www() / "b", files);
  EXPECT_EQ(
      round().line,
      "manifest.sig: expected a signature, found HTTP 404 (unsigned bundles are refused unless "
      "content.allow_unsigned is true)");
  settings.trust.allow_unsigned = true;
  settings.trust.trusted_keys.clear();
  const auto r = round();
  EXPECT_EQ(r.outcome, Outcome::Installed) << r.line;
}

TEST_F(SyncTest, SameBytesAfterTouchIsCurrent) {
  publish(3, "");
  ASSERT_EQ(round().outcome, Outcome::Installed);
  // A new ETag for the same bytes (the file rewritten a second later).
  const auto path = nginx.www() / "b" / "manifest.json";
  std::filesystem::last_write_time(
      path, std::filesystem::last_write_time(path) + std::chrono::seconds(5));
  EXPECT_EQ(round().line, "already current: version 3");
  EXPECT_EQ(round().line, "already current: version 3 (HTTP 304)");
}

TEST_F(SyncTest, RevalidatesHourlyWithoutValidators) {
  publish(1, "");
  const long long t = now();
  ASSERT_EQ(sync::run_round(settings, *client, t).outcome, Outcome::Installed);
  EXPECT_EQ(sync::run_round(settings, *client, t + 3599).line,
            "already current: version 1 (HTTP 304)");
  // A same-second, same-size republish would keep the ETag; an hour on, the kiosk asks afresh.
  EXPECT_EQ(sync::run_round(settings, *client, t + 3600).line, "already current: version 1");
  EXPECT_EQ(sync::run_round(settings, *client, t + 3601).line,
            "already current: version 1 (HTTP 304)");
}

// --- Refusals: each leaves version 5 installed, intact, with the exact reason line. ---

class RefusalTest : public SyncTest {
 protected:
  void SetUp() override {
    SyncTest::SetUp();
    if (HasFatalFailure()) return;
    v5 = publish(5, " 第五版");
    const auto r = round();
    ASSERT_EQ(r.outcome, Outcome::Installed) << r.line;
  }
  // Runs a round, expects `line`, and checks nothing changed on disk but the recorded result.
  void expect_refused(const std::string& line) {
    const auto r = round();
    EXPECT_EQ(r.outcome, Outcome::Failed);
    EXPECT_EQ(r.line, line);
    EXPECT_FALSE(r.bundle);
    EXPECT_EQ(installed(), v5) << "the installed bundle changed";
    const auto state = sync::Cache(settings.cache_dir).read_state();
    EXPECT_EQ(state.version, 5);
    EXPECT_EQ(state.last_result, line);
    EXPECT_FALSE(state.last_ok);
    EXPECT_EQ(state.consecutive_failures, 1);
    const auto startup = sync::load_startup_bundle(settings, now());
    EXPECT_EQ(startup.source, sync::StartupBundle::Source::Cache) << startup.note;
  }
  sync::Files v5;
};

TEST_F(RefusalTest, BadSignature) {
  auto files = make_bundle(content_files(" 六"), 6, &key);
  files["manifest.sig"] =
      crypto::base64_encode(crypto::sign_detached("other bytes", key.secret)) + "\n";
  write_bundle(nginx.www() / "b", files);
  expect_refused("manifest.sig: signature does not verify with any trusted key");
}

TEST_F(RefusalTest, UnknownKey) {
  const auto stranger = make_key();
  write_bundle(nginx.www() / "b", make_bundle(content_files(" 六"), 6, &stranger));
  expect_refused("manifest.sig: signature does not verify with any trusted key");
}

TEST_F(RefusalTest, MalformedSignature) {
  auto files = make_bundle(content_files(" 六"), 6, &key);
  files["manifest.sig"] = "not base64!\n";
  write_bundle(nginx.www() / "b", files);
  expect_refused(
      "manifest.sig: expected one line of base64 of a 64-byte Ed25519 signature, found \"not "
      "base64!\"");
}

TEST_F(RefusalTest, UnsignedBundle) {
  write_bundle(nginx.www() / "b", make_bundle(content_files(" 六"), 6, nullptr));
  expect_refused(
      "manifest.sig: expected a signature, found HTTP 404 (unsigned bundles are refused unless "
      "content.allow_unsigned is true)");
}

TEST_F(RefusalTest, Rollback) {
  write_bundle(nginx.www() / "b", make_bundle(content_files(" 旧"), 4, &key));
  expect_refused(
      "manifest.json: version 4 is older than the installed version 5 (rollback refused)");
}

TEST_F(RefusalTest, SameVersionOtherBytes) {
  write_bundle(nginx.www() / "b", make_bundle(content_files(" 改"), 5, &key));
  expect_refused("manifest.json: version 5 is already installed with other bytes (refused)");
}

TEST_F(RefusalTest, ExpiredManifest) {
  ManifestTimes times;
  times.issued_at = now() - 40 * 86400;
  times.expires_at = now() - 10 * 86400;
  auto files = make_bundle(content_files(" 六"), 6, &key, times);
  write_bundle(nginx.www() / "b", files);
  const auto expires =
      nlohmann::json::parse(files["manifest.json"].view())["expires_at"].get<std::string>();
  expect_refused("manifest.json: expired at " + expires + " (refused)");
}

TEST_F(RefusalTest, FileHashMismatch) {
  auto files = make_bundle(content_files(" 六"), 6, &key);
  write_bundle(nginx.www() / "b", files);
  std::string tampered = files["notices.json"].str();
  tampered[tampered.find("示例")] = 'X';  // same size, other bytes
  write_file(nginx.www() / "b" / "notices.json", tampered);
  expect_refused("notices.json: expected sha256 " + crypto::sha256_hex(files["notices.json"]) +
                 " as manifest.json says, found " + crypto::sha256_hex(tampered));
}

TEST_F(RefusalTest, BundleOverTheSizeLimit) {
  settings.trust.max_bundle_bytes = 64 << 10;
  auto content = content_files(" 六");
  content["notices.json"] = many_applicants_notices(200);
  write_bundle(nginx.www() / "b", make_bundle(content, 6, &key));
  std::uint64_t total = 0;
  for (const auto& [name, bytes] : content) total += bytes.size();
  const auto log_before = nginx.access_log().size();
  expect_refused("manifest.json: files total " + std::to_string(total) +
                 " bytes, over the limit of 64 KiB (content.max_bundle_mb)");
  EXPECT_EQ(nginx.access_log().substr(log_before).find("GET /b/notices.json"), std::string::npos)
      << "downloaded anyway";
}

TEST_F(RefusalTest, FileLargerThanListedStopsAtTheLimit) {
  settings.server_url = nginx.url("big/");
  auto files = make_bundle(content_files(" 六"), 6, &key);
  write_bundle(nginx.www() / "b", files);
  write_file(nginx.www() / "big-notices.json",
             files["notices.json"].str() + std::string(8 << 20, ' '));
  expect_refused("notices.json: larger than the " + std::to_string(files["notices.json"].size()) +
                 " bytes manifest.json lists; download stopped");
}

TEST_F(RefusalTest, FileShorterThanListed) {
  auto files = make_bundle(content_files(" 六"), 6, &key);
  write_bundle(nginx.www() / "b", files);
  const std::string_view full = files["notices.json"];
  write_file(nginx.www() / "b" / "notices.json", full.substr(0, full.size() / 2));
  expect_refused("notices.json: expected " + std::to_string(full.size()) +
                 " bytes as manifest.json says, found " + std::to_string(full.size() / 2));
}

// A server that announces 1000 bytes, sends 100 and hangs up.
class TruncatingServer {
 public:
  TruncatingServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(fd_, 8);
    thread_ = std::thread([this] {
      while (!stop_) {
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        char buf[4096];
        (void)::recv(c, buf, sizeof buf, 0);
        const std::string head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
        const std::string body(100, ' ');
        (void)::send(c, head.data(), head.size(), MSG_NOSIGNAL);
        (void)::send(c, body.data(), body.size(), MSG_NOSIGNAL);
        ::close(c);
      }
    });
  }
  ~TruncatingServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  [[nodiscard]] int port() const { return port_; }

 private:
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST_F(RefusalTest, TruncatedResponse) {
  TruncatingServer server;
  settings.server_url = "http://127.0.0.1:" + std::to_string(server.port()) + "/b/";
  expect_refused("manifest.json: response truncated: connection closed after 100 of 1000 bytes");
}

TEST_F(RefusalTest, InvalidJson) {
  auto content = content_files(" 六");
  content["notices.json"] = "{\"schema\": 1, \"notices\": [\n";
  write_bundle(nginx.www() / "b", make_bundle(content, 6, &key));
  Problems problems;
  content::parse_notices(content["notices.json"], problems);
  ASSERT_FALSE(problems.empty());
  expect_refused(problems.front().line());
  EXPECT_EQ(problems.front().line().rfind("notices.json: ", 0), 0u);
}

TEST_F(RefusalTest, ValidJsonThatFailsValidation) {
  auto content = content_files(" 六");
  auto j = nlohmann::ordered_json::parse(content["notices.json"].view());
  j["notices"][0]["applicants"][0]["phone"] = "打电话";
  content["notices.json"] = j.dump(1);
  write_bundle(nginx.www() / "b", make_bundle(content, 6, &key));
  expect_refused(
      "notices.json: notices[0].applicants[0].phone: expected a telephone number, found "
      "\"打电话\"");
}

TEST_F(RefusalTest, ServerDown) {
  const int port = unused_port();
  settings.server_url = "http://127.0.0.1:" + std::to_string(port) + "/b/";
  expect_refused("manifest.json: cannot connect to 127.0.0.1:" + std::to_string(port) +
                 " (Connection refused)");
}

TEST_F(RefusalTest, ServerStalls) {
  settings.server_url = nginx.url("stall/");
  write_bundle(nginx.www() / "b", make_bundle(content_files(" 六"), 6, &key));
  const auto start = std::chrono::steady_clock::now();
  expect_refused("notices.json: server stalled: less than 100 bytes/s for 1 s (low-speed limit)");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
}

TEST_F(RefusalTest, RedirectToAnotherScheme) {
  settings.server_url = nginx.url("ftp/");
  expect_refused(
      "manifest.json: redirect to ftp://127.0.0.1/x refused: only http and https are followed");
}

TEST_F(RefusalTest, RedirectLoop) {
  settings.server_url = nginx.url("loop/");
  expect_refused("manifest.json: more than 3 redirects");
}

TEST_F(RefusalTest, ServerError500) {
  settings.server_url = nginx.url("status500/");
  expect_refused("manifest.json: expected HTTP 200, found 500");
}

TEST_F(RefusalTest, HtmlErrorPageWith200) {
  settings.server_url = nginx.url("html/");
  expect_refused("manifest.json: expected JSON, found an HTML page (Content-Type text/html)");
}

TEST_F(RefusalTest, FailuresCountUpAndResetOnSuccess) {
  settings.server_url = nginx.url("status500/");
  round();
  round();
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state().consecutive_failures, 2);
  settings.server_url = nginx.url("b/");
  EXPECT_EQ(round().line, "already current: version 5 (HTTP 304)");
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state().consecutive_failures, 0);
}

// --- The cache at start-up ---

class StartupTest : public RefusalTest {
 protected:
  // Damages the installed bundle, then expects start-up to refuse and move it aside.
  void expect_moved_aside(const std::string& problem) {
    const auto startup = sync::load_startup_bundle(settings, 1'800'000'000);
    EXPECT_EQ(startup.source, sync::StartupBundle::Source::Embedded);
    EXPECT_FALSE(startup.bundle.manifest);
    EXPECT_FALSE(startup.bundle.notices.empty());
    const auto aside = settings.cache_dir / "corrupt-20270115T080000Z";
    EXPECT_EQ(startup.note, "cache: version 5: " + problem + "; moved aside to " + aside.string() +
                                "; no earlier bundle kept; showing the embedded default content");
    EXPECT_TRUE(std::filesystem::is_directory(aside));
    EXPECT_FALSE(
        std::filesystem::exists(std::filesystem::symlink_status(settings.cache_dir / "current")));
    // The next round puts the same version back (same bytes are not a rollback).
    const auto r = round();
    EXPECT_EQ(r.outcome, Outcome::Installed) << r.line;
    EXPECT_EQ(installed(), v5);
  }
  std::filesystem::path current() const { return *sync::Cache(settings.cache_dir).current(); }
};

TEST_F(StartupTest, BadHash) {
  std::string notices = v5["notices.json"].str();
  notices[notices.find("示例")] = 'Y';
  std::filesystem::remove(current() / "notices.json");
  write_file(current() / "notices.json", notices);
  // The byte replaced broke a UTF-8 sequence too: the second problem.
  expect_moved_aside("notices.json: expected sha256 " + crypto::sha256_hex(v5["notices.json"]) +
                     " as manifest.json says, found " + crypto::sha256_hex(notices) +
                     " (and 1 more problem)");
}

TEST_F(StartupTest, TruncatedFile) {
  const std::string hotlines = v5["hotlines.json"].str();
  std::filesystem::resize_file(current() / "hotlines.json", hotlines.size() - 10);
  // The cut JSON does not parse either: the second problem.
  expect_moved_aside("hotlines.json: expected " + std::to_string(hotlines.size()) +
                     " bytes as manifest.json says, found " + std::to_string(hotlines.size() - 10) +
                     " (and 1 more problem)");
}

TEST_F(StartupTest, BadJsonManifest) {
  std::filesystem::remove(current() / "manifest.json");
  write_file(current() / "manifest.json", "{\"schema\": 1,");
  expect_moved_aside("manifest.sig: signature does not verify with any trusted key");
}

TEST_F(StartupTest, BadJsonContentUnsignedDevelopmentCache) {
  settings.trust.allow_unsigned = true;
  settings.trust.trusted_keys.clear();
  std::filesystem::remove(current() / "manifest.sig");
  std::filesystem::remove(current() / "notices.json");
  write_file(current() / "notices.json", "{\"schema\": 1,");
  const auto startup = sync::load_startup_bundle(settings, 1'800'000'000);
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Embedded);
  EXPECT_EQ(startup.note.rfind("cache: version 5: notices.json: expected ", 0), 0u) << startup.note;
}

TEST_F(StartupTest, MissingSignature) {
  std::filesystem::remove(current() / "manifest.sig");
  expect_moved_aside(
      "manifest.sig: expected a signature, found none (unsigned bundles are refused unless "
      "content.allow_unsigned is true)");
}

TEST_F(StartupTest, MissingFile) {
  std::filesystem::remove(current() / "document.json");
  expect_moved_aside("document.json: cannot open: No such file or directory");
}

TEST_F(StartupTest, KeyNoLongerTrusted) {
  settings.trust.trusted_keys = {make_key().public_b64};
  const auto startup = sync::load_startup_bundle(settings, 1'800'000'000);
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Embedded);
}

TEST_F(StartupTest, RollbackFloorSurvivesLosingTheCache) {
  std::filesystem::remove(current() / "manifest.sig");
  (void)sync::load_startup_bundle(settings, 1'800'000'000);  // moved aside
  write_bundle(nginx.www() / "b", make_bundle(content_files(" 旧"), 4, &key));
  const auto r = round();
  EXPECT_EQ(r.line,
            "manifest.json: version 4 is older than the installed version 5 (rollback refused)");
}

TEST_F(StartupTest, NoCacheGivesTheEmbeddedBundleQuietly) {
  settings.cache_dir = temp / "nothing-here";
  const auto startup = sync::load_startup_bundle(settings, now());
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Embedded);
  EXPECT_EQ(startup.note, "");
  EXPECT_FALSE(startup.bundle.notices.empty());
}

TEST_F(SyncTest, CrashBetweenSwapAndStateWriteKeepsTheFloor) {
  publish(5, "");
  ASSERT_EQ(round().outcome, Outcome::Installed);
  // Version 6 reached `current` but state.json still says 5.
  const auto v6 = make_bundle(content_files(" 六"), 6, &key);
  ASSERT_TRUE(sync::Cache(settings.cache_dir).install(v6, 6).ok());
  ASSERT_EQ(sync::Cache(settings.cache_dir).read_state().version, 5);
  write_bundle(nginx.www() / "b", make_bundle(content_files(" 五"), 5, &key));
  EXPECT_EQ(round().line,
            "manifest.json: version 5 is older than the installed version 6 (rollback refused)");
  EXPECT_EQ(installed(), v6);
}

// --- Issue 11 items 4 and 13: the round's deadline, and server text in its reasons. ---

// Serves manifest.json and manifest.sig of `files` at once and every other file at 150 bytes a
// second (over the test's low-speed limit of 100, so only a deadline ends it).
RawServer::Handler dripping_server(const sync::Files& files) {
  return [&files](RawConnection& c) {
    for (std::string head; !(head = c.read_request()).empty();) {
      const auto start = head.find(' ') + 1;
      const std::string path = head.substr(start, head.find(' ', start) - start);
      if (path.find("/root/") != std::string::npos) {  // a server without roots (TRUST.md)
        if (!c.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")) return;
        continue;
      }
      std::string body = "x";
      for (const auto& [name, bytes] : files) {  // by name, or by its sha256 in the path
        if (path.ends_with("/" + name) || path.find(crypto::sha256_hex(bytes)) != std::string::npos)
          body = bytes;
      }
      if (!c.write("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                   "\r\n\r\n"))
        return;
      if (path.ends_with("/manifest.json") || path.ends_with("/manifest.sig")) {
        if (!c.write(body)) return;
        continue;
      }
      for (std::size_t at = 0; at < body.size(); at += 3) {
        if (!c.write(body.substr(at, 3))) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  };
}

TEST_F(SyncTest, RoundDeadlineEndsADrippingRound) {
  const auto files = make_bundle(content_files(), 1, &key);
  RawServer drip(dripping_server(files));
  ASSERT_TRUE(drip.ok());
  settings.server_url = drip.url("b/");
  settings.round_timeout = std::chrono::seconds(2);  // each request alone may take 10 s
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = round();
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(r.outcome, Outcome::Failed);
  EXPECT_TRUE(r.line.ends_with(": no complete response before the round deadline (2 s)")) << r.line;
  EXPECT_GE(took, std::chrono::milliseconds(1900));
  EXPECT_LT(took, std::chrono::milliseconds(4000));
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state().last_result, r.line);
  EXPECT_FALSE(installed());
  // The next round has a deadline of its own, and a fast server installs.
  publish(1, "");
  settings.server_url = nginx.url("b/");
  const auto next = round();
  EXPECT_EQ(next.outcome, Outcome::Installed) << next.line;
}

TEST_F(SyncTest, ServerTextInTheReasonIsPrintableAndBounded) {
  // An HTML page for manifest.json whose Content-Type holds a terminal title escape, a
  // right-to-left override and 50 KB.
  const std::string content_type =
      "text/html\x1b]0;pwned\x07\xe2\x80\xae" + std::string(50'000, 'a');
  RawServer server([&content_type](RawConnection& c) {
    while (!c.read_request().empty()) {
      if (!c.write("HTTP/1.1 200 OK\r\nContent-Type: " + content_type +
                   "\r\nContent-Length: 7\r\n\r\n<html>\n"))
        return;
    }
  });
  settings.server_url = server.url("b/");
  const auto r = round();
  // 200 characters: text/html (9) \x1b (4) ]0;pwned (8) \x07 (4) \u202e (6) + 168 a + "…".
  const std::string expected =
      "manifest.json: expected JSON, found an HTML page (Content-Type "
      "text/html\\x1b]0;pwned\\x07\\u202e" +
      std::string(168, 'a') + "…)";
  EXPECT_EQ(r.line, expected);
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state().last_result, expected);

  // A signature line with a line separator and a bidi override, quoted by the signature check.
  auto files = make_bundle(content_files(), 1, &key);
  files["manifest.sig"] =
      "\xe2\x80\xa8\xe2\x80\xae"
      "abc\n";
  write_bundle(nginx.www() / "b", files);
  settings.server_url = nginx.url("b/");
  EXPECT_EQ(round().line,
            "manifest.sig: expected one line of base64 of a 64-byte Ed25519 signature, found "
            "\"\\u2028\\u202eabc\"");
}

// --- Issue 11: the cache at start-up and its owner ---

// The bundles/v<version>-… directory of a version, or an empty path.
std::filesystem::path bundle_dir(const std::filesystem::path& cache_dir, long long version) {
  for (const auto& e : std::filesystem::directory_iterator(cache_dir / "bundles")) {
    if (e.path().filename().string().rfind("v" + std::to_string(version) + "-", 0) == 0)
      return e.path();
  }
  return {};
}

void replace_file(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::remove(path);
  write_file(path, bytes);
}

// Item 9: a damaged installed bundle falls back to the previous one kept in bundles/.
TEST_F(SyncTest, DamagedCurrentFallsBackToTheKeptPreviousBundle) {
  const auto v1 = publish(1, " 一");
  ASSERT_EQ(round().outcome, Outcome::Installed);
  const auto v2 = publish(2, " 二");
  ASSERT_EQ(round().outcome, Outcome::Installed);
  const auto v1_dir = bundle_dir(settings.cache_dir, 1);
  ASSERT_FALSE(v1_dir.empty());
  replace_file(bundle_dir(settings.cache_dir, 2) / "notices.json", "{}");
  const auto startup = sync::load_startup_bundle(settings, 1'800'000'000);
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Cache);
  ASSERT_TRUE(startup.bundle.manifest) << startup.note;
  EXPECT_EQ(startup.bundle.manifest->version, 1);
  EXPECT_EQ(startup.manifest_sha256, crypto::sha256_hex(v1.at("manifest.json")));
  // The reason names both: version 2 refused and why, version 1 shown.
  EXPECT_EQ(startup.note.rfind("cache: version 2: notices.json: expected 1", 0), 0u)
      << startup.note;
  const std::string aside = (settings.cache_dir / "corrupt-20270115T080000Z").string();
  EXPECT_NE(startup.note.find("; moved aside to " + aside + "; showing version 1 kept in " +
                              v1_dir.string()),
            std::string::npos)
      << startup.note;
  // Until a round runs, every start shows version 1 the same way; the round puts version 2 back.
  const auto again = sync::load_startup_bundle(settings, 1'800'000'100);
  ASSERT_TRUE(again.bundle.manifest);
  EXPECT_EQ(again.bundle.manifest->version, 1);
  EXPECT_EQ(again.note, "cache: no current bundle; showing version 1 kept in " + v1_dir.string());
  const auto r = round();
  EXPECT_EQ(r.outcome, Outcome::Installed) << r.line;
  EXPECT_EQ(installed(), v2);
  EXPECT_EQ(sync::load_startup_bundle(settings, now()).note, "");
}

TEST_F(SyncTest, DamagedCurrentAndKeptBundleFallBackToTheEmbeddedOne) {
  publish(1, " 一");
  ASSERT_EQ(round().outcome, Outcome::Installed);
  publish(2, " 二");
  ASSERT_EQ(round().outcome, Outcome::Installed);
  std::filesystem::remove(bundle_dir(settings.cache_dir, 2) / "document.json");
  std::filesystem::remove(bundle_dir(settings.cache_dir, 1) / "manifest.sig");
  const auto startup = sync::load_startup_bundle(settings, 1'800'000'000);
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Embedded);
  EXPECT_FALSE(startup.bundle.manifest);
  EXPECT_FALSE(startup.bundle.notices.empty());
  EXPECT_EQ(
      startup.note,
      "cache: version 2: document.json: cannot open: No such file or directory; moved aside to " +
          (settings.cache_dir / "corrupt-20270115T080000Z").string() +
          "; kept version 1: manifest.sig: expected a signature, found none (unsigned bundles are "
          "refused unless content.allow_unsigned is true); showing the embedded default content");
}

// Item 12: the floor catches up after a crash between the swap and the state write, at start-up
// and in a round, so a later loss of `current` cannot let the older version back in.
TEST_F(SyncTest, FloorCatchesUpAtStartUpAfterACrashBeforeTheStateWrite) {
  publish(5, "");
  ASSERT_EQ(round().outcome, Outcome::Installed);
  const auto v6 = make_bundle(content_files(" 六"), 6, &key);
  ASSERT_TRUE(
      sync::Cache(settings.cache_dir).install(v6, 6).ok());  // swapped; state.json still says 5
  const auto startup = sync::load_startup_bundle(settings, now());
  ASSERT_TRUE(startup.bundle.manifest);
  EXPECT_EQ(startup.bundle.manifest->version, 6);
  EXPECT_EQ(startup.note, "");
  const auto state = sync::Cache(settings.cache_dir).read_state();
  EXPECT_EQ(state.version, 6);
  EXPECT_EQ(state.manifest_sha256, crypto::sha256_hex(v6.at("manifest.json")));
}

TEST_F(SyncTest, FloorCatchesUpInARoundAfterACrashBeforeTheStateWrite) {
  const auto v5 = publish(5, "");
  ASSERT_EQ(round().outcome, Outcome::Installed);
  const auto v6 = make_bundle(content_files(" 六"), 6, &key);
  ASSERT_TRUE(sync::Cache(settings.cache_dir).install(v6, 6).ok());
  write_bundle(nginx.www() / "b", v6);
  EXPECT_EQ(round().line, "already current: version 6");
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state().version, 6);
  // The cache is lost (damaged, moved aside); the server replays the genuine version 5: refused.
  std::filesystem::remove(settings.cache_dir / "current");
  write_bundle(nginx.www() / "b", v5);
  EXPECT_EQ(round().line,
            "manifest.json: version 5 is older than the installed version 6 (rollback refused)");
}

TEST_F(StartupTest, CachedBundleBelowTheFloorIsRefused) {
  // An older, validly signed bundle in `current` (a restored backup, a replay) under a floor of 5.
  ASSERT_TRUE(
      sync::Cache(settings.cache_dir).install(make_bundle(content_files(" 旧"), 4, &key), 4).ok());
  const auto startup = sync::load_startup_bundle(settings, 1'800'000'000);
  ASSERT_TRUE(startup.bundle.manifest) << startup.note;
  EXPECT_EQ(startup.bundle.manifest->version, 5);
  EXPECT_EQ(
      startup.note.rfind(
          "cache: version 4: below the rollback floor 5 in state.json (refused); moved aside to ",
          0),
      0u)
      << startup.note;
  EXPECT_NE(startup.note.find("; showing version 5 kept in "), std::string::npos) << startup.note;
}

TEST_F(StartupTest, CorruptStateIsSaidAndRebuilt) {
  const auto state_file = settings.cache_dir / "state.json";
  replace_file(state_file, "{not json");
  auto startup = sync::load_startup_bundle(settings, now());
  ASSERT_TRUE(startup.bundle.manifest);
  EXPECT_EQ(startup.bundle.manifest->version, 5);
  EXPECT_EQ(startup.note,
            "cache: state.json: expected a JSON object, found text that does not parse as JSON; "
            "rollback floor rebuilt "
            "from the installed version 5");
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state().version, 5);
  EXPECT_EQ(sync::load_startup_bundle(settings, now()).note, "");

  replace_file(state_file, std::string(2 << 20, ' '));
  startup = sync::load_startup_bundle(settings, now());
  EXPECT_EQ(startup.note,
            "cache: state.json: expected at most 1 MiB, found 2097152 bytes; rollback floor "
            "rebuilt from the installed "
            "version 5");

  // A round says it too, and rewrites the file.
  replace_file(state_file, "[1]");
  const auto r = round();
  EXPECT_EQ(r.line,
            "already current: version 5 (cache: state.json: expected a JSON object, found array; "
            "state.json rewritten)");
  std::string problem = "unset";
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state(&problem).version, 5);
  EXPECT_EQ(problem, "");
}

// Item 5: a FIFO in the cache is refused at once, never waited on.
TEST_F(StartupTest, FifoInTheCachedBundleIsRefusedAtOnce) {
  std::filesystem::remove(current() / "notices.json");
  FifoGuard fifo(current() / "notices.json");
  const auto t0 = std::chrono::steady_clock::now();
  const auto startup = sync::load_startup_bundle(settings, 1'800'000'000);
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_FALSE(fifo.finish()) << "start-up blocked on the FIFO until the test released it";
  EXPECT_LT(took, std::chrono::seconds(2));
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Embedded);
  EXPECT_EQ(
      startup.note.rfind(
          "cache: version 5: notices.json: expected a regular file, found a FIFO; moved aside", 0),
      0u)
      << startup.note;
}

TEST_F(StartupTest, FifoAsStateIsRefusedAtOnce) {
  std::filesystem::remove(settings.cache_dir / "state.json");
  {
    FifoGuard fifo(settings.cache_dir / "state.json");
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = round();
    const auto took = std::chrono::steady_clock::now() - t0;
    EXPECT_FALSE(fifo.finish()) << "the round blocked on the FIFO until the test released it";
    EXPECT_LT(took, std::chrono::seconds(2));
    EXPECT_EQ(
        r.line,
        "already current: version 5 (cache: state.json: expected a regular file, found a FIFO; "
        "state.json rewritten)");
  }
  std::filesystem::remove(settings.cache_dir / "state.json");
  FifoGuard fifo(settings.cache_dir / "state.json");
  const auto t0 = std::chrono::steady_clock::now();
  const auto startup = sync::load_startup_bundle(settings, now());
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_FALSE(fifo.finish()) << "start-up blocked on the FIFO until the test released it";
  EXPECT_LT(took, std::chrono::seconds(2));
  ASSERT_TRUE(startup.bundle.manifest);
  EXPECT_EQ(startup.note,
            "cache: state.json: expected a regular file, found a FIFO; rollback floor rebuilt from "
            "the installed version 5");
}

// Item 19: temporaries of a state write cut short by a crash do not pile up.
TEST_F(StartupTest, StaleStateTemporariesAreRemoved) {
  const auto dir = settings.cache_dir;
  write_file(dir / ".state.json.tmp123456", "{\"schema\": 1, \"vers");
  write_file(dir / ".state.json.tmp7", "");
  write_file(dir / ".run-state.tmp9", "running");  // not the round's to remove
  (void)sync::load_startup_bundle(settings, now());
  EXPECT_FALSE(std::filesystem::exists(dir / ".state.json.tmp123456"));
  EXPECT_FALSE(std::filesystem::exists(dir / ".state.json.tmp7"));
  EXPECT_TRUE(std::filesystem::exists(dir / ".run-state.tmp9"));
  write_file(dir / ".state.json.tmp42", "{");
  (void)round();
  EXPECT_FALSE(std::filesystem::exists(dir / ".state.json.tmp42"));
}

// Item 19: a read-only start-up (kiosk --screenshot) changes nothing in a damaged cache.
TEST_F(StartupTest, ReadOnlyStartUpLeavesADamagedCacheAlone) {
  replace_file(current() / "notices.json", "{}");
  write_file(settings.cache_dir / ".state.json.tmp5", "{");
  std::filesystem::remove(settings.cache_dir / "install.lock");
  std::filesystem::remove(settings.cache_dir / "round.lock");
  const auto before_current = current();
  const auto startup = sync::load_startup_bundle(settings, 1'800'000'000, sync::Access::ReadOnly);
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Embedded);
  EXPECT_EQ(startup.note.rfind("cache: version 5: notices.json: expected 1", 0), 0u)
      << startup.note;
  EXPECT_NE(
      startup.note.find(
          "; left in place (read-only); no earlier bundle kept; showing the embedded default"),
      std::string::npos)
      << startup.note;
  EXPECT_EQ(current(), before_current);
  EXPECT_TRUE(std::filesystem::exists(settings.cache_dir / ".state.json.tmp5"));
  EXPECT_FALSE(std::filesystem::exists(settings.cache_dir / "install.lock"));
  EXPECT_FALSE(std::filesystem::exists(settings.cache_dir / "corrupt-20270115T080000Z"));
}

// Item 6: a sync as another user than the cache's owner is refused before anything is created.
TEST_F(SyncTest, SyncOnceRefusesACacheDirOfAnotherUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the cache dir to another user";
  publish(1, "");
  std::filesystem::create_directories(settings.cache_dir);
  ASSERT_EQ(::chown(settings.cache_dir.c_str(), 65534, 65534), 0);
  config::Config c;
  c.content.server_url = settings.server_url;
  c.content.trusted_keys = settings.trust.trusted_keys;
  c.content.cache_dir = settings.cache_dir.string();
  std::ostringstream out, err;
  EXPECT_EQ(app::run_sync_once(c, out, err), 1);
  EXPECT_EQ(err.str(), "cache: cache dir " + settings.cache_dir.string() +
                           " belongs to user nobody, not root; run as that user: sudo -u nobody "
                           "kiosk --sync-once\n");
  EXPECT_TRUE(std::filesystem::is_empty(settings.cache_dir)) << "the refused run created files";
}

// Item 6: a lock file the kiosk cannot open (left by a run as root) is reported as it is, with the
// repair, not as "another sync round is running"; after the repair the kiosk syncs again.
TEST_F(SyncTest, ALockFileOfAnotherUserIsNotAnotherRound) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to act as another user";
  publish(1, "");
  ASSERT_EQ(round().outcome,
            Outcome::Installed);  // as root: root-owned round.lock, state.json, bundles/
  ASSERT_EQ(::chown(settings.cache_dir.c_str(), 65534, 65534), 0);  // the kiosk's CacheDirectory=
  std::filesystem::permissions(
      temp.path(), std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                       std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                       std::filesystem::perms::others_exec);
  const std::string nogroup = [] {
    const group* g = ::getgrgid(65534);
    return g != nullptr ? std::string(g->gr_name) : std::string("65534");
  }();
  // One round as uid 65534 in a child process; its line comes back through a pipe.
  const auto round_as_nobody = [&]() -> std::string {
    int fds[2];
    if (::pipe(fds) != 0) return "pipe failed";
    const pid_t child = ::fork();
    if (child == 0) {
      ::close(fds[0]);
      if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
      net::Client c(settings.net);
      const std::string line = sync::run_round(settings, c, now()).line;
      (void)!::write(fds[1], line.data(), line.size());
      ::_exit(0);
    }
    ::close(fds[1]);
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fds[0], POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char buf[4096];
      const ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    return line;
  };
  const auto lock = settings.cache_dir / "round.lock";
  EXPECT_EQ(round_as_nobody(),
            "cache: cannot open " + lock.string() + ": Permission denied; " + lock.string() +
                " belongs to user root, not nobody (an earlier run as another user?); repair: sudo "
                "chown -R nobody:" +
                nogroup + " " + settings.cache_dir.string());
  // The repair it names.
  for (const auto& e : std::filesystem::recursive_directory_iterator(settings.cache_dir)) {
    ASSERT_EQ(::lchown(e.path().c_str(), 65534, 65534), 0) << e.path();
  }
  EXPECT_EQ(round_as_nobody(), "already current: version 1 (HTTP 304)");
}

}  // namespace
}  // namespace kiosk::test
