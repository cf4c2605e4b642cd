// The display log from the real kiosk binary (offscreen SDL, a real nginx serving a newer bundle):
// start, notice_on, content after the sync swap, notice_off and stop; dim outside office hours;
// crash_restart after a SIGKILL; and the records' reasons from the kiosk's state changes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "app/display_events.hpp"
#include "bundles.hpp"
#include "crypto/sha256.hpp"
#include "fleet/display_log.hpp"
#include "nginx_fixture.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {

namespace fs = std::filesystem;

fs::path kiosk_binary() { return fs::path(KIOSK_BINARY_DIR) / "kiosk" / "app" / "kiosk"; }

struct Event {
  std::string event;
  nlohmann::json fields;
};

// The verified records of STATE/display-log.jsonl under STATE/identity.pub.
std::vector<Event> events_in(const fs::path& state, std::string* problem = nullptr) {
  const auto records = fleet::verify_log(read_file(state / "display-log.jsonl"),
                                         read_file(state / "identity.pub").substr(0, 44));
  if (!records) {
    if (problem) *problem = records.error().what;
    return {};
  }
  std::vector<Event> out;
  for (const auto& r : *records) out.push_back({r.event, r.fields});
  return out;
}
std::string names(const std::vector<Event>& events) {
  std::string s;
  for (const auto& e : events) s += (s.empty() ? "" : " ") + e.event;
  return s;
}

// Waits (at most `limit`) until the log holds `count` records of `event` (more than one: a later
// run's, when an earlier run wrote some).
bool wait_for(const fs::path& state, const std::string& event, std::chrono::seconds limit,
              std::size_t count = 1) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    const auto events = events_in(state);
    if (static_cast<std::size_t>(std::count_if(events.begin(), events.end(), [&](const auto& e) {
          return e.event == event;
        })) >= count)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// SIGTERM (systemctl stop) and the exit status.
int terminate(pid_t pid) {
  ::kill(pid, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop(pid, 100);
  return -2;
}

TEST(DisplayLogKiosk, StartContentNoticesAndStopFromTheRealKiosk) {
  Nginx nginx;
  ASSERT_TRUE(nginx.ok()) << nginx.error();
  TempDir temp;
  const auto key = make_key();
  const auto v1 = make_bundle(content_files(" 一"), 1, &key);
  const auto v2 = make_bundle(content_files(" 二"), 2, &key);
  ASSERT_TRUE(sync::Cache(temp / "cache").install(v1, 1).ok());
  write_bundle(nginx.www() / "b", v2);
  const fs::path state = temp / "state";
  fs::create_directories(state);  // as systemd's StateDirectory=kiosk does
  const auto config = temp.write(
      "kiosk.json", R"({"kiosk_id": "cun-e2e", "state_dir": ")" + state.string() +
                        R"(", "office_hours": {"open": "08:00", "close": "18:00"},
        "content": {"server_url": ")" +
                        nginx.url("b/") + R"(", "poll_interval_s": 10, "trusted_keys": [")" +
                        key.public_b64 + R"("], "cache_dir": ")" + (temp / "cache").string() +
                        R"("}})");
  const std::vector<std::string> argv{
      kiosk_binary().string(),    "--config", config.string(), "--windowed", "--now",
      "2026-11-25T10:00:00+08:00"};
  const pid_t pid = spawn(argv, {"SDL_VIDEODRIVER=offscreen"});
  ASSERT_GT(pid, 0);
  // The sync's first round comes within 10 s (its jitter), installs version 2 and swaps it in.
  const bool swapped = wait_for(state, "content", std::chrono::seconds(40));
  EXPECT_EQ(terminate(pid), 0);
  ASSERT_TRUE(swapped) << "no content record: " << names(events_in(state));
  std::string problem;
  const auto events = events_in(state, &problem);
  ASSERT_EQ(problem, "");
  EXPECT_EQ(names(events), "start notice_on content notice_off stop");
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].fields["version"], 1);
  EXPECT_EQ(events[0].fields["manifest_sha256"], crypto::sha256_hex(v1.at("manifest.json")));
  EXPECT_EQ(events[1].fields, (nlohmann::json{{"notice", "demo-2026"}, {"reason", "start"}}));
  EXPECT_EQ(events[2].fields["version"], 2);
  EXPECT_EQ(events[2].fields["manifest_sha256"], crypto::sha256_hex(v2.at("manifest.json")));
  EXPECT_EQ(events[3].fields, (nlohmann::json{{"notice", "demo-2026"}, {"reason", "stop"}}));
  // Office time, whatever the PC's zone: --now's instant in Asia/Shanghai.
  EXPECT_NE(read_file(state / "display-log.jsonl").find("\"time\":\"2026-11-25T10:00:00+08:00\""),
            std::string::npos);
}

TEST(DisplayLogKiosk, DimOutsideOfficeHoursAndCrashRestartAfterAKill) {
  TempDir temp;
  const fs::path state = temp / "state";
  fs::create_directories(state);
  const auto config =
      temp.write("kiosk.json", R"({"state_dir": ")" + state.string() +
                                   R"(", "office_hours": {"open": "08:00", "close": "18:00"}})");
  const auto run = [&](const std::string& now) {
    return spawn({kiosk_binary().string(), "--config", config.string(), "--windowed", "--now", now},
                 {"SDL_VIDEODRIVER=offscreen"});
  };
  // 20:00 office time: the board starts dimmed. Killed (a power cut, a crash).
  pid_t pid = run("2026-11-25T12:00:00Z");
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for(state, "dim", std::chrono::seconds(20))) << names(events_in(state));
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  EXPECT_EQ(names(events_in(state)), "start notice_on dim");
  // The next start says so, then starts as usual; a clean stop ends with stop.
  pid = run("2026-11-25T10:00:00+08:00");
  ASSERT_GT(pid, 0);
  // The second run's notice_on (the first run's start is in the log already: waiting for "start"
  // let SIGTERM reach an ASan kiosk still starting, in CI).
  ASSERT_TRUE(wait_for(state, "notice_on", std::chrono::seconds(20), 2)) << names(events_in(state));
  EXPECT_EQ(terminate(pid), 0);
  std::string problem;
  const auto events = events_in(state, &problem);
  ASSERT_EQ(problem, "");
  EXPECT_EQ(names(events), "start notice_on dim crash_restart start notice_on notice_off stop");
  ASSERT_GE(events.size(), 4u);
  EXPECT_EQ(events[3].fields, (nlohmann::json{{"last_seq", 3}}));
  // The key stayed the kiosk's alone.
  EXPECT_EQ(fs::status(state / "identity.key").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

// A development run (no state_dir) writes nothing and says so once.
TEST(DisplayLogKiosk, NoStateDirNoLog) {
  TempDir temp;
  const auto config =
      temp.write("kiosk.json", R"({"state_dir": ")" + (temp / "absent").string() + R"("})");
  const int fd = ::open((temp / "err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const pid_t pid = spawn({kiosk_binary().string(), "--config", config.string(), "--windowed"},
                          {"SDL_VIDEODRIVER=offscreen"}, SpawnOptions{fd, false});
  ::close(fd);
  ASSERT_GT(pid, 0);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(terminate(pid), 0);
  EXPECT_FALSE(fs::exists(temp / "absent"));
  EXPECT_NE(
      read_file(temp / "err.txt")
          .find("display log: off: state_dir " + (temp / "absent").string() + " does not exist"),
      std::string::npos)
      << read_file(temp / "err.txt");
}

// kiosk --identity: kiosk_id and the public key for enrolment, the key made once, mode 0600, the
// secret never printed; refused in a state_dir another user owns.
TEST(KioskIdentity, PrintsIdAndPublicKeyOnly) {
  TempDir temp;
  const fs::path state = temp / "state";
  const auto config = temp.write(
      "kiosk.json", R"({"kiosk_id": "xinhua-01", "state_dir": ")" + state.string() + R"("})");
  const auto run = [&](const std::string& cfg) {
    const fs::path out = temp / "out.txt";
    const std::string cmd =
        kiosk_binary().string() + " --identity --config " + cfg + " > " + out.string() + " 2>&1";
    const int status = std::system(cmd.c_str());
    return std::pair{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out)};
  };
  const auto [status, out] = run(config.string());
  ASSERT_EQ(status, 0) << out;
  const std::string pub = read_file(state / "identity.pub");
  EXPECT_EQ(out, "kiosk_id: xinhua-01\npublic_key: " + pub);
  EXPECT_EQ(fs::status(state / "identity.key").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  const std::string secret = read_file(state / "identity.key");
  EXPECT_EQ(out.find(secret.substr(0, 12)), std::string::npos);
  EXPECT_EQ(run(config.string()).second, out);  // made once
  // Another user's state_dir without a key: refused, nothing made.
  const fs::path foreign = temp / "foreign";
  fs::create_directories(foreign);
  if (::geteuid() == 0 && ::chown(foreign.c_str(), 65534, 65534) == 0) {
    const auto cfg = temp.write("foreign.json", R"({"state_dir": ")" + foreign.string() + R"("})");
    const auto [st, msg] = run(cfg.string());
    EXPECT_EQ(st, 1);
    EXPECT_NE(msg.find("kiosk: --identity: state_dir " + foreign.string() + " belongs to user "),
              std::string::npos)
        << msg;
    EXPECT_FALSE(fs::exists(foreign / "identity.key"));
  }
}

// After a run that ended without stop (a power cut), crash_restart carries the time of that run's
// last whole report (report-state.json) as alive_until, in office time; a time not before this
// start (this run's own report, or a clock that was wrong) is left out.
TEST(DisplayEvents, CrashRestartSaysWhenTheLastReportWas) {
  TempDir temp;
  config::Config c;
  c.state_dir = (temp / "state").string();
  fs::create_directories(c.state_dir);
  platform::Logger journal(stderr, false);
  const tz::Zone shanghai;  // the default: Asia/Shanghai
  app::BoardState b;
  b.version = 1;
  b.notices = {"A"};
  const auto run_and_cut = [&](long long at) {  // no stop(): the run ends as in a power cut
    auto events = app::DisplayEvents::start(c, shanghai, journal);
    ASSERT_TRUE(events);
    events->observe(b, false, at);
  };
  const auto reported_at = [&](long long t) {
    write_file(fs::path(c.state_dir) / "report-state.json",
               R"({"uploaded_seq":0,"reported_unix":)" + std::to_string(t) + R"(,"segments":[]})");
  };
  run_and_cut(1'795'000'000);
  reported_at(1'795'000'600);
  run_and_cut(1'795'003'600);
  reported_at(std::time(nullptr) + 3600);  // after this start: not this crash's evidence
  run_and_cut(1'795'007'200);
  std::vector<std::string> alive;
  for (const auto& e : events_in(temp / "state")) {
    if (e.event == "crash_restart") alive.push_back(e.fields.value("alive_until", "(none)"));
  }
  EXPECT_EQ(alive, (std::vector<std::string>{"2026-11-18T19:16:40+08:00", "(none)"}));
}

// The reasons, from the board's changes as the kiosk sees them: the office date moving a notice's
// 公示期, a content swap, dimming, the sync going offline and back.
TEST(DisplayEvents, RecordsWhatTheBoardChanges) {
  TempDir temp;
  config::Config c;
  c.state_dir = (temp / "state").string();
  fs::create_directories(c.state_dir);
  platform::Logger journal(stderr, false);
  {
    auto events = app::DisplayEvents::start(c, tz::Zone(), journal);
    ASSERT_TRUE(events);
    app::BoardState b;
    b.version = 3;
    b.manifest_sha256 = std::string(64, 'a');
    b.notices = {"A"};
    long long t = 1'795'000'000;
    events->observe(b, false, t);
    events->observe(b, false, t += 60);  // nothing changed: nothing written
    b.notices = {"A", "B"};              // B's 公示期 starts (midnight)
    events->observe(b, false, t += 60);
    b.notices = {"B"};  // A's ends
    events->observe(b, false, t += 60);
    b.version = 4;  // a swap that drops B and brings C
    b.notices = {"C"};
    events->observe(b, true, t += 60);
    b.notices = {"C", "D"};
    events->observe(b, false, t += 60);
    b.notices = {"C"};  // D was terminated (终止公示) before its 公示期 ended
    b.terminated = {"D"};
    events->observe(b, false, t += 60);
    b.dimmed = true;
    events->observe(b, false, t += 60);
    b.dimmed = false;
    b.offline = true;
    b.offline_reason = "cannot reach the server";
    events->observe(b, false, t += 60);
    b.offline = false;
    events->observe(b, false, t += 60);
    events->stop(t += 60);
  }
  std::string problem;
  const auto events = events_in(temp / "state", &problem);
  ASSERT_EQ(problem, "");
  std::string got;
  for (const auto& e : events)
    got += e.event +
           (e.fields.contains("notice") ? " " + e.fields["notice"].get<std::string>() : "") +
           (e.fields.contains("reason") ? " " + e.fields["reason"].get<std::string>() : "") + "\n";
  EXPECT_EQ(got,
            "start\n"
            "notice_on A start\n"
            "notice_on B window_start\n"
            "notice_off A window_end\n"
            "content\n"
            "notice_off B content\n"
            "notice_on C content\n"
            "notice_on D window_start\n"
            "notice_off D terminated\n"
            "dim\n"
            "wake\n"
            "offline cannot reach the server\n"
            "online\n"
            "notice_off C stop\n"
            "stop\n");
}

}  // namespace
}  // namespace kiosk::test
