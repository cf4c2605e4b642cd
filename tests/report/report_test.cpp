// The report module and the reading side against a real nginx: signed status.json, log segments
// and index by WebDAV PUT with per-kiosk basic auth, listing, verification, proof.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>

#include <cstdio>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "admin/fleet.hpp"
#include "admin/proof.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "ctl_run.hpp"
#include "fleet/display_log.hpp"
#include "fleet/identity.hpp"
#include "raw_server.hpp"
#include "report/service.hpp"
#include "report/status.hpp"
#include "report/upload.hpp"
#include "report_server.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {
namespace fs = std::filesystem;

report::Status sample_status(const std::string& id) {
  report::Status s;
  s.kiosk_id = id;
  s.office_name = "示例居委会";
  s.time_unix = static_cast<long long>(std::time(nullptr));
  s.time = tz::Zone().rfc3339(s.time_unix);
  s.content_version = 7;
  s.sync_state = "ok";
  s.screen = "on:home";
  return s;
}

// A kiosk's identity and display log in its own state dir, with records at chosen times.
struct LoggedKiosk {
  TempDir state;
  fleet::Identity id;
  std::optional<fleet::DisplayLog> log;
  explicit LoggedKiosk(const std::string& kiosk_id) {
    auto i = fleet::load_or_create_identity(state.path(), kiosk_id);
    EXPECT_TRUE(i) << (i ? "" : i.error().what);
    id = *i;
    auto l = fleet::DisplayLog::open(state.path(), id, 400);
    EXPECT_TRUE(l) << (l ? "" : l.error().what);
    log.emplace(std::move(*l));
  }
  void add(const std::string& event, nlohmann::json fields, long long at) {
    auto r = log->append(event, std::move(fields), at);
    ASSERT_TRUE(r) << r.error().what;
  }
  report::Upload what(long long now, bool with_status = true) const {
    report::Upload u;
    report::Status s = sample_status(id.kiosk_id);
    s.time_unix = now;
    s.log_head_seq = log->head_seq();
    s.log_head_hash = log->head_hash();
    if (with_status) u.status_json = report::signed_status_json(s, id.secret_key);
    u.log_file = state.path() / std::string(fleet::kLogFile);
    u.state_file = state.path() / "report-state.json";
    u.kiosk_id = id.kiosk_id;
    u.now_unix = now;
    return u;
  }
  // Where this kiosk reports on `server`, with its own user and password.
  Result<report::Target> target(ReportServer& server, const fs::path& password) const {
    report::Destination d;
    d.url = server.reports_url();
    d.user = id.kiosk_id;
    d.password_file = password;
    return report::resolve_target(d, id.kiosk_id);
  }
  Result<report::UploadResult> upload(ReportServer& server, const fs::path& password,
                                      long long now) {
    auto t = target(server, password);
    EXPECT_TRUE(t);
    net::Client client(t->options);
    return report::upload(*t, client, what(now));
  }
};

TEST(Status, SignedRoundTripAndTamperingCaught) {
  const auto keys = crypto::generate_keypair();
  const std::string pub = crypto::base64_encode(keys.public_key);
  const std::string text = report::signed_status_json(sample_status("k1"), keys.secret_key);
  ASSERT_TRUE(report::verify_status(text, pub));
  auto parsed = report::parse_status(text);
  ASSERT_TRUE(parsed) << parsed.error().what;
  EXPECT_EQ(parsed->kiosk_id, "k1");
  EXPECT_EQ(parsed->content_version, 7);
  EXPECT_EQ(parsed->office_name, "示例居委会");
  std::string edited = text;
  edited.replace(edited.find("\"version\":7"), 11, "\"version\":8");
  EXPECT_FALSE(report::verify_status(edited, pub));
  const auto other = crypto::generate_keypair();
  EXPECT_FALSE(report::verify_status(text, crypto::base64_encode(other.public_key)));
  std::string unsigned_text = text.substr(0, text.find(",\"signature\"")) + "}";
  EXPECT_FALSE(report::verify_status(unsigned_text, pub));
}

TEST(Upload, StatusAndLogSegmentsArriveAndVerify) {
  ReportServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  const auto pw = server.enrol_user("k-up");
  LoggedKiosk k("k-up");
  const long long t0 = 1'790'000'000;
  k.add("start", {{"version", 1}, {"manifest_sha256", ""}}, t0);
  k.add("notice_on", {{"notice", "n1"}, {"reason", "start"}}, t0 + 1);
  auto r = k.upload(server, pw, t0 + 2);
  ASSERT_TRUE(r) << r.error().what;
  EXPECT_EQ(report::last_reported_unix(k.state.path() / "report-state.json"), t0 + 2);
  EXPECT_EQ(r->log_through, 2);
  const fs::path dir = server.reports_dir() / "k-up";
  EXPECT_TRUE(fs::exists(dir / "status.json"));
  EXPECT_TRUE(fs::exists(dir / "log" / "000000000001.jsonl"));
  // More records: the open segment grows (rewritten), the index still names one segment.
  k.add("dim", nlohmann::json::object(), t0 + 100);
  k.add("wake", nlohmann::json::object(), t0 + 200);
  r = k.upload(server, pw, t0 + 300);
  ASSERT_TRUE(r) << r.error().what;
  EXPECT_EQ(r->log_through, 4);
  const auto index = nlohmann::json::parse(read_file(dir / "log" / "index.json"));
  ASSERT_EQ(index["segments"].size(), 1u);
  EXPECT_EQ(index["segments"][0]["last"], 4);
  // Nothing new: no segment is sent again, only the status.
  r = k.upload(server, pw, t0 + 400);
  ASSERT_TRUE(r) << r.error().what;
  EXPECT_EQ(r->files, 1);
  // A week later the next record starts a new segment.
  k.add("dim", nlohmann::json::object(), t0 + 8 * 86400);
  r = k.upload(server, pw, t0 + 8 * 86400 + 1);
  ASSERT_TRUE(r) << r.error().what;
  EXPECT_TRUE(fs::exists(dir / "log" / "000000000005.jsonl"));
  // The reading side: the whole log from the server verifies under the kiosk's key.
  auto reader = admin::ReportReader::open({server.reports_url(), std::nullopt, ""});
  ASSERT_TRUE(reader);
  auto log = reader->display_log("k-up");
  ASSERT_TRUE(log) << log.error().what;
  auto records = fleet::verify_log(*log, k.id.public_key);
  ASSERT_TRUE(records) << records.error().what;
  EXPECT_EQ(records->size(), 5u);
  // kioskctl verify-log's URL form reads the same.
  TempDir keys;
  const auto pub = keys.write("k-up.pub", k.id.public_key + "\n");
  const auto verified =
      run_ctl({"verify-log", server.reports_url() + "k-up/", "--key", pub.string()});
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_NE(verified.out.find("verified: 5 records, seq 1–5"), std::string::npos) << verified.out;
  auto listed = reader->list();
  ASSERT_TRUE(listed) << listed.error().what;
  EXPECT_EQ(*listed, std::vector<std::string>{"k-up"});
}

// A WebDAV server without an autoindex listing (Apache mod_dav, nextcloud, …) answers PROPFIND
// Depth 1 with a 207 multistatus; the kiosks are its sub-collections. nginx-light has no PROPFIND
// (no dav_ext), so the answer here is the one such a server sends, byte for byte in form.
TEST(Listing, WebDavPropfindFindsTheKiosks) {
  std::string seen;
  std::mutex m;
  RawServer server([&](RawConnection& c) {
    for (;;) {
      const std::string head = c.read_request();
      if (head.empty()) return;
      {
        std::lock_guard lock(m);
        seen += head.substr(0, head.find('\r')) + "\n";
        if (head.find("Depth: 1") != std::string::npos) seen += "Depth: 1\n";
      }
      if (head.rfind("PROPFIND /reports/ ", 0) == 0) {
        const std::string body =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">"
            "<D:response><D:href>/reports/</D:href><D:propstat><D:prop><D:resourcetype>"
            "<D:collection/></D:resourcetype></D:prop></D:propstat></D:response>"
            "<D:response><D:href>/reports/k-one/</D:href><D:propstat><D:prop><D:resourcetype>"
            "<D:collection/></D:resourcetype></D:prop></D:propstat></D:response>"
            "<D:response><D:href>http://127.0.0.1/reports/k%2Dtwo/</D:href></D:response>"
            "<D:response><D:href>/reports/readme.txt</D:href></D:response>"
            "</D:multistatus>";
        c.write("HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body);
      } else {
        c.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
      }
    }
  });
  ASSERT_TRUE(server.ok());
  auto reader = admin::ReportReader::open({server.url("reports/"), std::nullopt, ""});
  ASSERT_TRUE(reader);
  auto listed = reader->list();
  ASSERT_TRUE(listed) << listed.error().what;
  EXPECT_EQ(*listed, (std::vector<std::string>{"k-one", "k-two"}));
  std::lock_guard lock(m);
  EXPECT_NE(seen.find("GET /reports/ HTTP/1.1\nPROPFIND /reports/ HTTP/1.1\nDepth: 1"),
            std::string::npos)
      << seen;
}

TEST(Upload, WrongPasswordIsOneLineWithoutThePassword) {
  ReportServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  const auto pw = server.enrol_user("k-a");
  server.enrol_user("k-b");
  LoggedKiosk k("k-b");
  k.add("start", {{"version", 1}, {"manifest_sha256", ""}}, 1'790'000'000);
  // k-b uploads with k-a's password: nginx checks k-b's own file.
  report::Destination d;
  d.url = server.reports_url();
  d.user = "k-b";
  d.password_file = pw;
  auto t = report::resolve_target(d, "k-b");
  ASSERT_TRUE(t);
  net::Client client(t->options);
  auto r = report::upload(*t, client, k.what(1'790'000'001));
  ASSERT_FALSE(r);
  EXPECT_EQ(report::last_reported_unix(k.state.path() / "report-state.json"), 0)
      << "a refused report is not a report";
  EXPECT_NE(r.error().what.find("HTTP 401"), std::string::npos) << r.error().what;
  EXPECT_NE(r.error().what.find("report.password_file"), std::string::npos);
  const std::string password = read_file(pw).substr(0, read_file(pw).find('\n'));
  EXPECT_EQ(r.error().what.find(password), std::string::npos);
  EXPECT_EQ(r.error().what.find('\n'), std::string::npos);
  EXPECT_FALSE(fs::exists(server.reports_dir() / "k-b" / "status.json"));
}

TEST(Upload, TamperedSegmentOnTheServerIsCaught) {
  ReportServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  const auto pw = server.enrol_user("k-t");
  LoggedKiosk k("k-t");
  k.add("start", {{"version", 1}, {"manifest_sha256", ""}}, 1'790'000'000);
  k.add("notice_on", {{"notice", "n1"}, {"reason", "start"}}, 1'790'000'001);
  ASSERT_TRUE(k.upload(server, pw, 1'790'000'002));
  const fs::path seg = server.reports_dir() / "k-t" / "log" / "000000000001.jsonl";
  std::string text = read_file(seg);
  // The notice's id in record 2's body; a bare "n1" could also turn up inside record 1's base64
  // signature or a hash (the keys are new each run).
  const auto at = text.find("\"notice\":\"n1\"");
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at, std::string("\"notice\":\"n1\"").size(), "\"notice\":\"n2\"");
  write_file(seg, text);
  auto reader = admin::ReportReader::open({server.reports_url(), std::nullopt, ""});
  ASSERT_TRUE(reader);
  auto log = reader->display_log("k-t");
  ASSERT_FALSE(log);
  EXPECT_NE(log.error().what.find("sha256"), std::string::npos) << log.error().what;
  // Index rewritten to match: the signature still catches it.
  auto index = nlohmann::json::parse(read_file(seg.parent_path() / "index.json"));
  index["segments"][0]["sha256"] = crypto::sha256_hex(text);
  write_file(seg.parent_path() / "index.json", index.dump());
  log = reader->display_log("k-t");
  ASSERT_TRUE(log);
  EXPECT_FALSE(fleet::verify_log(*log, k.id.public_key));
  TempDir keys;
  const auto pub = keys.write("k-t.pub", k.id.public_key + "\n");
  const auto verified =
      run_ctl({"verify-log", server.reports_url() + "k-t/", "--key", pub.string()});
  EXPECT_EQ(verified.status, 1);
  EXPECT_NE(verified.err.find("record 2"), std::string::npos) << verified.err;
}

// The kiosk's report thread and `kiosk --report-once` share STATE_DIR/report-state.json: one report
// waits while another holds report-state.json.lock, then goes on; a stopping service does not wait.
TEST(Upload, OneReportAtATimeHoldsTheStateLock) {
  ReportServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  const auto pw = server.enrol_user("k-l");
  LoggedKiosk k("k-l");
  k.add("start", {{"version", 1}, {"manifest_sha256", ""}}, 1'790'000'000);
  const fs::path lock_path = k.state.path() / "report-state.json.lock";
  const int held = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX), 0);  // "another report" holds it
  auto waiting =
      std::async(std::launch::async, [&] { return k.upload(server, pw, 1'790'000'001); });
  EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "the report went on while the lock was held";
  EXPECT_FALSE(fs::exists(k.state.path() / "report-state.json"));
  ::close(held);  // that report ends
  ASSERT_EQ(waiting.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  const auto done = waiting.get();
  ASSERT_TRUE(done) << done.error().what;
  EXPECT_EQ(done->log_through, 1);
  // A service being stopped stops waiting at once.
  const int again = ::open(lock_path.c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_EQ(::flock(again, LOCK_EX), 0);
  auto t = k.target(server, pw);
  ASSERT_TRUE(t);
  std::atomic<bool> stop{true};
  t->options.cancel = &stop;
  net::Client client(t->options);
  const auto stopped = report::upload(*t, client, k.what(1'790'000'002));
  ::close(again);
  ASSERT_FALSE(stopped);
  EXPECT_NE(stopped.error().what.find("stopped while waiting"), std::string::npos)
      << stopped.error().what;
}

// What one kiosk sends in a day (README "Limits"): a report every 300 s, the display log's records
// of an ordinary day (dim at 18:00, wake at 08:00, a notice's window starting), screenshots as the
// service takes them (on a change of content or dimming, else every 6 h) at the measured sizes of
// `kiosk --screenshot --thumbnail 480` (home 62 KB, dimmed 20 KB), after 400 days of log already
// on the server (the largest index.json). Prints the bytes; checks they stay under 1 MiB.
TEST(Measure, ReportBytesPerKioskPerDay) {
  ReportServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  const auto pw = server.enrol_user("k-day");
  LoggedKiosk k("k-day");
  const tz::Zone zone;
  const long long day0 = zone.start_of(CivilDate{2026, 1, 1});
  report::Destination d;
  d.url = server.reports_url();
  d.user = "k-day";
  d.password_file = pw;
  auto t = report::resolve_target(d, "k-day");
  ASSERT_TRUE(t);
  net::Client client(t->options);
  // 400 days of history: dim and wake each day, uploaded as the kiosk went.
  for (int day = 0; day < 400; ++day) {
    const long long base = day0 + day * 86400LL;
    k.add("wake", nlohmann::json::object(), base + 8 * 3600);
    k.add("dim", nlohmann::json::object(), base + 18 * 3600);
    if (day % 2 == 0) {
      ASSERT_TRUE(report::upload(*t, client, k.what(base + 18 * 3600 + 60)));
    }
  }
  std::uint64_t status = 0, log = 0, shots = 0, requests = 0;
  const long long today = day0 + 400 * 86400LL;
  std::string shown_key = "on";
  long long shot_at = 0;
  for (long long at = today; at < today + 86400; at += 300) {
    const long long minute = (at - today) / 60;
    if (minute == 0) k.add("notice_on", {{"notice", "n"}, {"reason", "window_start"}}, at);
    if (minute == 8 * 60) k.add("wake", nlohmann::json::object(), at);
    if (minute == 18 * 60) k.add("dim", nlohmann::json::object(), at);
    const std::string key = minute >= 8 * 60 && minute < 18 * 60 ? "on" : "dimmed";
    report::Upload u = k.what(at);
    if (key != shown_key || at - shot_at >= 6 * 3600) {
      u.screenshot = std::string(key == "on" ? 62079 : 19524, 'x');
      shown_key = key;
      shot_at = at;
    }
    auto r = report::upload(*t, client, u);
    ASSERT_TRUE(r) << r.error().what;
    status += u.status_json.size();
    if (u.screenshot) shots += u.screenshot->size();
    log += r->bytes - u.status_json.size() - (u.screenshot ? u.screenshot->size() : 0);
    requests += static_cast<std::uint64_t>(r->files);
  }
  const std::uint64_t total = status + log + shots;
  std::printf(
      "report bytes per kiosk per day: %llu (status.json %llu in 288 reports, display log "
      "%llu, screenshots %llu; %llu PUT requests)\n",
      static_cast<unsigned long long>(total), static_cast<unsigned long long>(status),
      static_cast<unsigned long long>(log), static_cast<unsigned long long>(shots),
      static_cast<unsigned long long>(requests));
  EXPECT_LT(total, 1u << 20);
}

// s3://BUCKET/PREFIX: the same files, signed with AWS SigV4 (nginx's /s3/ location logs each
// request's Authorization), no basic auth.
TEST(Upload, S3SignedWithSigV4) {
  ReportServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  LoggedKiosk k("k-s3");
  k.add("start", {{"version", 1}, {"manifest_sha256", ""}}, 1'790'000'000);
  report::Destination d;
  d.url = "s3://bucket/reports";
  d.aws_access_key_id = "AKIDEXAMPLE";
  d.aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  d.aws_region = "cn-north-1";
  d.aws_endpoint = server.nginx().url("s3");
  auto t = report::resolve_target(d, "k-s3");
  ASSERT_TRUE(t) << t.error().what;
  net::Client client(t->options);
  auto r = report::upload(*t, client, k.what(1'790'000'001));
  ASSERT_TRUE(r) << r.error().what;
  EXPECT_NE(r->line.find("s3://bucket/reports/k-s3/"), std::string::npos) << r->line;
  EXPECT_EQ(r->line.find("wJalr"), std::string::npos);
  std::string log = server.nginx().s3_log();  // nginx logs just after it answers
  for (int i = 0; i < 50 && log.find("k-s3/status.json") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    log = server.nginx().s3_log();
  }
  for (const char* path :
       {"/s3/bucket/reports/k-s3/log/000000000001.jsonl", "/s3/bucket/reports/k-s3/log/index.json",
        "/s3/bucket/reports/k-s3/status.json"}) {
    EXPECT_NE(log.find(std::string("PUT ") + path + " 20"), std::string::npos) << path << "\n"
                                                                               << log;
  }
  EXPECT_NE(log.find("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), std::string::npos) << log;
  EXPECT_NE(log.find("/cn-north-1/s3/aws4_request"), std::string::npos) << log;
  // Without credentials: one line naming what is missing.
  d.aws_secret_access_key.clear();
  auto missing = report::resolve_target(d, "k-s3");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().what.find("AWS_SECRET_ACCESS_KEY"), std::string::npos);
}

// The report thread's backoff: the interval ±10 % when all is well; after failures it doubles from
// min(interval, 30 s) up to max(interval, 1 h), with equal jitter.
TEST(Service, BackoffDoublesToItsCap) {
  using std::chrono::milliseconds;
  const auto s300 = std::chrono::seconds(300);
  EXPECT_EQ(report::backoff_delay(s300, 0, 0.0), milliseconds(270'000));
  EXPECT_EQ(report::backoff_delay(s300, 0, 0.999999).count() / 1000, 329);
  EXPECT_EQ(report::backoff_delay(s300, 1, 0.0), milliseconds(15'000));
  EXPECT_EQ(report::backoff_delay(s300, 2, 0.0), milliseconds(30'000));
  EXPECT_EQ(report::backoff_delay(s300, 8, 0.0), milliseconds(1'800'000));
  EXPECT_EQ(report::backoff_delay(s300, 30, 0.0), milliseconds(1'800'000));
}

// A server that accepts and never answers: the report ends by its deadline, backs off, and stop()
// returns at once (a transfer in progress is cancelled).
TEST(Service, StalledServerIsBoundedAndStopIsPrompt) {
  RawServer silent([](RawConnection& c) {
    (void)c.read_request();
    c.wait_closed(30'000);
  });
  ASSERT_TRUE(silent.ok());
  report::Destination d;
  d.url = silent.url("reports/");
  auto t = report::resolve_target(d, "k-slow");
  ASSERT_TRUE(t);
  report::ServiceSettings settings;
  settings.report_timeout = std::chrono::seconds(2);
  settings.first_delay = std::chrono::milliseconds(0);
  settings.screenshot = false;
  std::mutex m;
  std::vector<std::pair<bool, std::string>> reports;
  LoggedKiosk k("k-slow");
  report::ServiceHooks hooks;
  hooks.gather = [&k](std::string&) { return k.what(1'790'000'000); };
  hooks.on_report = [&](bool ok, const std::string& line) {
    std::lock_guard lock(m);
    reports.emplace_back(ok, line);
  };
  report::Service service(*t, settings, hooks);
  const auto t0 = std::chrono::steady_clock::now();
  service.start();
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard lock(m);
      if (!reports.empty()) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto took = std::chrono::steady_clock::now() - t0;
  {
    std::lock_guard lock(m);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_FALSE(reports[0].first);
    EXPECT_NE(reports[0].second.find("deadline"), std::string::npos) << reports[0].second;
  }
  EXPECT_LT(took, std::chrono::seconds(4));
  EXPECT_EQ(service.status().failures_in_a_row, 1);
  service.request_report();  // a second one, then stop while it hangs
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto s0 = std::chrono::steady_clock::now();
  service.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - s0, std::chrono::milliseconds(1500));
}

// Proof: one kiosk shows the notice through the whole 公示期 (dimmed at night is no gap), the other
// loses power in the middle; the report says exactly that.
TEST(Proof, FullCoverageAndAPowerCutGap) {
  ReportServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  const tz::Zone zone;
  const CivilDate start{2026, 11, 2};
  const long long p0 = zone.start_of(start), p1 = zone.start_of(CivilDate{2026, 11, 7});
  TempDir keys;
  LoggedKiosk a("kiosk-a"), b("kiosk-b"), c("kiosk-c");
  a.add("start", {{"version", 3}, {"manifest_sha256", ""}}, p0 - 86400);
  a.add("notice_on", {{"notice", "n-2026"}, {"reason", "window_start"}}, p0 + 30);
  for (int day = 0; day < 5; ++day) {
    a.add("dim", nlohmann::json::object(), p0 + day * 86400 + 18 * 3600);
    a.add("wake", nlohmann::json::object(), p0 + (day + 1) * 86400 + 8 * 3600);
  }
  // kiosk-b: a power cut on 11-04 after its last record at 08:00 (wake); back at 14:00.
  const long long cut_last = p0 + 2 * 86400 + 8 * 3600;
  const long long back = p0 + 2 * 86400 + 14 * 3600;
  b.add("start", {{"version", 3}, {"manifest_sha256", ""}}, p0 - 86400);
  b.add("notice_on", {{"notice", "n-2026"}, {"reason", "window_start"}}, p0 + 30);
  b.add("dim", nlohmann::json::object(), p0 + 18 * 3600);
  b.add("wake", nlohmann::json::object(), p0 + 86400 + 8 * 3600);
  b.add("dim", nlohmann::json::object(), p0 + 86400 + 18 * 3600);
  b.add("wake", nlohmann::json::object(), cut_last);
  b.add("crash_restart", {{"last_seq", b.log->head_seq()}}, back);
  b.add("start", {{"version", 3}, {"manifest_sha256", ""}}, back + 1);
  b.add("notice_on", {{"notice", "n-2026"}, {"reason", "start"}}, back + 2);
  // kiosk-c: the same cut, but its last whole report before it was at 11:55 (crash_restart's
  // alive_until): the notice is proven on until then.
  c.add("start", {{"version", 3}, {"manifest_sha256", ""}}, p0 - 86400);
  c.add("notice_on", {{"notice", "n-2026"}, {"reason", "window_start"}}, p0 + 30);
  c.add("dim", nlohmann::json::object(), p0 + 18 * 3600);
  c.add("wake", nlohmann::json::object(), p0 + 86400 + 8 * 3600);
  c.add("dim", nlohmann::json::object(), p0 + 86400 + 18 * 3600);
  c.add("wake", nlohmann::json::object(), cut_last);
  c.add("crash_restart",
        {{"last_seq", c.log->head_seq()}, {"alive_until", zone.rfc3339(cut_last + 235 * 60)}},
        back);
  c.add("start", {{"version", 3}, {"manifest_sha256", ""}}, back + 1);
  c.add("notice_on", {{"notice", "n-2026"}, {"reason", "start"}}, back + 2);
  for (LoggedKiosk* k : {&a, &b, &c}) {
    k->add("notice_off", {{"notice", "n-2026"}, {"reason", "window_end"}}, p1 + 20);
    const auto pw = server.enrol_user(k->id.kiosk_id);
    auto r = k->upload(server, pw, p1 + 60);
    ASSERT_TRUE(r) << r.error().what;
    write_file(keys.path() / (k->id.kiosk_id + ".pub"), k->id.public_key + "\n");
  }
  // Kept in the build folder to look at (print preview, --print-to-pdf).
  const fs::path out = fs::path(KIOSK_BINARY_DIR) / "tests" / "report" / "proof-example.html";
  const auto res = run_ctl({"proof", "n-2026", "--from", server.reports_url(), "--keys",
                            keys.path().string(), "--out", out.string(), "--window",
                            "2026-11-02..2026-11-06", "--title", "示范单位公示"});
  EXPECT_EQ(res.status, 1) << res.out << res.err;  // kiosk-b did not cover it
  EXPECT_NE(res.out.find("kiosk-a  已覆盖  显示 1 段  中断 0 处"), std::string::npos) << res.out;
  EXPECT_NE(res.out.find("kiosk-b  未覆盖  显示 2 段  中断 1 处  [2026-11-04T08:00:00+08:00 – "
                         "2026-11-04T14:00:02+08:00 断电或崩溃"),
            std::string::npos)
      << res.out;
  EXPECT_NE(res.out.find("kiosk-c  未覆盖  显示 2 段  中断 1 处  [2026-11-04T11:55:00+08:00 – "
                         "2026-11-04T14:00:02+08:00 断电或崩溃(最后一次上报 "),
            std::string::npos)
      << res.out;
  const std::string html = read_file(out);
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(html.find("已覆盖整个公示期"), std::string::npos);
  EXPECT_NE(html.find("断电或崩溃"), std::string::npos);
  EXPECT_NE(html.find("办公时间外熄屏待机 5 次"), std::string::npos) << html;
}

}  // namespace
}  // namespace kiosk::test
