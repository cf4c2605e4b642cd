// kioskctl fleet against real kiosk processes, each with its own config and state dir, syncing
// from and reporting to a real nginx (WebDAV PUT, per-kiosk basic auth, autoindex json): reports
// arrive; a kiosk that stopped reporting is 离线 after the grace; one refusing a bundle is 同步失败
// with its reason; one behind is 内容落后; fleet exits 1 then.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "bundles.hpp"
#include "ctl_run.hpp"
#include "process.hpp"
#include "report_server.hpp"
#include "temp_dir.hpp"
#include "xserver.hpp"

namespace kiosk::test {
namespace {
namespace fs = std::filesystem;

// The kiosk binary with args; stdout and stderr kept; stopped after `limit`.
ProgramRun run_kiosk(const fs::path& dir, const std::vector<std::string>& args,
                     std::chrono::seconds limit = std::chrono::seconds(60)) {
  std::vector<std::string> argv{(fs::path(KIOSK_BINARY_DIR) / "kiosk" / "app" / "kiosk").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, dir, limit);
}

struct TestKiosk {
  std::string id;
  TempDir dir;
  fs::path config;
  TestKiosk(ReportServer& server, std::string kiosk_id, const std::string& trusted, bool screenshot)
      : id(std::move(kiosk_id)) {
    fs::create_directories(dir.path() / "state");
    const auto pw = server.enrol_user(id);
    nlohmann::json c = {{"office_name", id + "居委会"},
                        {"kiosk_id", id},
                        {"state_dir", (dir.path() / "state").string()},
                        {"content",
                         {{"server_url", server.content_url()},
                          {"trusted_keys", {trusted}},
                          {"cache_dir", (dir.path() / "cache").string()}}},
                        {"report",
                         {{"url", server.reports_url()},
                          {"user", id},
                          {"password_file", pw.string()},
                          {"screenshot", screenshot}}}};
    config = dir.write("kiosk.json", c.dump(2));
  }
  ProgramRun run(const std::string& mode) const {
    return run_kiosk(dir.path(), {mode, "--config", config.string()});
  }
  void enrol(const fs::path& keys) const {
    fs::copy_file(dir.path() / "state" / "identity.pub", keys / (id + ".pub"),
                  fs::copy_options::overwrite_existing);
  }
};

TEST(Fleet, ReportsArriveAndEachProblemIsNamed) {
  ReportServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  const TestKey key = make_key(), other = make_key();
  write_bundle(server.content_dir(), make_bundle(content_files("v1"), 1, &key));
  TestKiosk ok(server, "k-ok", key.public_b64, true),
      behind(server, "k-behind", key.public_b64, false),
      failing(server, "k-fail", other.public_b64, false),
      off(server, "k-off", key.public_b64, false);
  for (const TestKiosk* k : {&ok, &behind, &off}) {
    const ProgramRun r = k->run("--sync-once");
    ASSERT_EQ(r.status, 0) << k->id << ": " << r.err;
  }
  const ProgramRun refused = failing.run("--sync-once");
  ASSERT_EQ(refused.status, 1) << refused.out;

  // k-off reports once, then stops.
  ProgramRun r = off.run("--report-once");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("reported to " + server.reports_url() + "k-off/"), std::string::npos)
      << r.out;
  TempDir keys;
  off.enrol(keys.path());
  // All is well so far: one kiosk, showing the newest version.
  auto fleet = run_ctl({"fleet", "--from", server.reports_url(), "--keys", keys.path().string()});
  EXPECT_EQ(fleet.status, 0) << fleet.out << fleet.err;
  EXPECT_NE(fleet.out.find("k-off  正常  k-off居委会"), std::string::npos) << fleet.out;

  std::this_thread::sleep_for(std::chrono::seconds(12));
  write_bundle(server.content_dir(), make_bundle(content_files("v2"), 2, &key));
  ASSERT_EQ(ok.run("--sync-once").status, 0);
  for (const TestKiosk* k : {&failing, &behind, &ok}) {
    r = k->run("--report-once");
    ASSERT_EQ(r.status, 0) << k->id << ": " << r.err;
    k->enrol(keys.path());
  }
  // The report's files on the server; the password is nowhere in what the kiosk printed.
  const fs::path png = server.reports_dir() / "k-ok" / "screen.png";
  ASSERT_TRUE(fs::exists(png));
  const std::string bytes = read_file(png);
  ASSERT_GT(bytes.size(), 24u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  const auto width = (static_cast<unsigned char>(bytes[16]) << 24) |
                     (static_cast<unsigned char>(bytes[17]) << 16) |
                     (static_cast<unsigned char>(bytes[18]) << 8) |
                     static_cast<unsigned char>(bytes[19]);
  EXPECT_EQ(width, 480u);
  EXPECT_FALSE(fs::exists(server.reports_dir() / "k-behind" / "screen.png"));

  fleet = run_ctl({"fleet", "--from", server.reports_url(), "--keys", keys.path().string(),
                   "--offline-after", "0.15"});
  EXPECT_EQ(fleet.status, 1) << fleet.out << fleet.err;
  const std::string& out = fleet.out;
  const auto at = [&](const std::string& needle) {
    const auto p = out.find(needle);
    EXPECT_NE(p, std::string::npos) << needle << "\n" << out;
    return p;
  };
  const auto p_off = at("k-off  离线");
  const auto p_fail = at("k-fail  同步失败");
  const auto p_behind = at("k-behind  内容落后");
  const auto p_ok = at("k-ok  正常");
  EXPECT_LT(p_off, p_fail);  // problems first
  EXPECT_LT(p_fail, p_behind);
  EXPECT_LT(p_behind, p_ok);
  at("版本 1/2");
  at("显示第 1 版,最新第 2 版");
  // The refusal's own reason travels with the report.
  const auto fail_line = out.substr(p_fail, out.find('\n', p_fail) - p_fail);
  EXPECT_NE(fail_line.find("signature"), std::string::npos) << fail_line;
  at("4 kiosks:");

  // A kiosk with no key in --keys is 未登记; a status another key signed is 签名无效.
  fs::remove(keys.path() / "k-behind.pub");
  fs::copy_file(keys.path() / "k-ok.pub", keys.path() / "k-fail.pub",
                fs::copy_options::overwrite_existing);
  fleet = run_ctl({"fleet", "--from", server.reports_url(), "--keys", keys.path().string()});
  EXPECT_EQ(fleet.status, 1);
  EXPECT_NE(fleet.out.find("k-behind  未登记"), std::string::npos) << fleet.out;
  EXPECT_NE(fleet.out.find("k-fail  签名无效"), std::string::npos) << fleet.out;
}

// The running kiosk reports from its own thread: soon after it installs a bundle, with the screen
// it shows, a 480-pixel screenshot and its display log (which then verifies from the server).
TEST(Fleet, RunningKioskReportsAfterInstallFromItsThread) {
  XServer x(false, 1280, 720);
  if (!x.ok()) GTEST_SKIP() << "no Xvfb: " << x.why();
  ReportServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  const TestKey key = make_key();
  write_bundle(server.content_dir(), make_bundle(content_files("v1"), 1, &key));
  TestKiosk k(server, "k-live", key.public_b64, true);
  const fs::path err = k.dir.path() / "kiosk.log";
  const int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const pid_t pid = spawn({(fs::path(KIOSK_BINARY_DIR) / "kiosk" / "app" / "kiosk").string(),
                           "--windowed", "--size", "1280x720", "--config", k.config.string()},
                          {"DISPLAY=" + x.display()}, SpawnOptions{fd, false});
  ::close(fd);
  ASSERT_GT(pid, 0);
  const fs::path status_file = server.reports_dir() / "k-live" / "status.json";
  nlohmann::json status;
  for (int i = 0; i < 600; ++i) {  // 60 s
    if (fs::exists(status_file)) {
      const std::string text = read_file(status_file);
      const auto cut = text.rfind(",\"signature\"");
      if (cut != std::string::npos) {
        status = nlohmann::json::parse(text.substr(0, cut) + "}", nullptr, false);
        if (status.is_object() && status["content"]["version"] == 1) break;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const bool png = fs::exists(server.reports_dir() / "k-live" / "screen.png");
  stop(pid, 5000);
  const std::string log = read_file(err);
  ASSERT_TRUE(status.is_object()) << log;
  EXPECT_EQ(status["content"]["version"], 1) << status.dump() << log;
  EXPECT_EQ(status["sync"]["state"], "ok") << status.dump();
  EXPECT_EQ(
      status["screen"].get<std::string>().rfind("on:", 0) == 0 || status["screen"] == "dimmed",
      true)
      << status.dump();
  EXPECT_GT(status["uptime_s"].get<long long>(), -1);
  EXPECT_TRUE(png);
  EXPECT_EQ(
      log.find(read_file(server.nginx().www().parent_path() / "password-k-live").substr(0, 10)),
      std::string::npos);
  // The display log went up with it and verifies under the kiosk's key.
  TempDir keys;
  k.enrol(keys.path());
  const auto verified = run_ctl({"verify-log", server.reports_url() + "k-live/", "--key",
                                 (keys.path() / "k-live.pub").string()});
  EXPECT_EQ(verified.status, 0) << verified.err << log;
  EXPECT_NE(verified.out.find("verified:"), std::string::npos) << verified.out;
}

}  // namespace
}  // namespace kiosk::test
