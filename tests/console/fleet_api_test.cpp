// The console's fleet and proof routes (API.md "Fleet and proof") over a report directory laid out
// as kiosks upload it (report/upload.hpp), with statuses and display logs signed by kiosk keys.
#include <gtest/gtest.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "console_fixture.hpp"
#include "crypto/sha256.hpp"
#include "fleet/display_log.hpp"
#include "fleet/identity.hpp"
#include "report/status.hpp"

namespace kiosk::test {
namespace {
namespace fs = std::filesystem;

// One kiosk's report directory (status.json, log/ with one segment and index.json, screen.png),
// written as the uploader lays it out; its public key enrolled in keys/.
void lay_out_kiosk(const fs::path& reports, const fs::path& keys, const std::string& id,
                   long long seen, long long version, bool notice_on) {
  TempDir state;
  auto identity = fleet::load_or_create_identity(state.path(), id);
  ASSERT_TRUE(identity);
  auto log = fleet::DisplayLog::open(state.path(), *identity, 400);
  ASSERT_TRUE(log);
  const tz::Zone zone;
  const long long p0 = zone.start_of(CivilDate{2026, 11, 20});
  ASSERT_TRUE(log->append("start", {{"version", version}, {"manifest_sha256", ""}}, p0 - 60));
  if (notice_on) {
    ASSERT_TRUE(
        log->append("notice_on", {{"notice", "demo-2026"}, {"reason", "window_start"}}, p0 + 30));
  }
  const std::string segment = read_file(state.path() / std::string(fleet::kLogFile));
  write_file(reports / id / "log" / "000000000001.jsonl", segment);
  nlohmann::json index = {{"kiosk_id", id},
                          {"segments",
                           {{{"name", "000000000001.jsonl"},
                             {"first", 1},
                             {"last", log->head_seq()},
                             {"sha256", crypto::sha256_hex(segment)}}}}};
  write_file(reports / id / "log" / "index.json", index.dump());
  report::Status s;
  s.kiosk_id = id;
  s.office_name = id + "居委会";
  s.time_unix = seen;
  s.time = zone.rfc3339(seen);
  s.content_version = version;
  s.sync_state = "ok";
  s.screen = "on:home";
  s.log_head_seq = log->head_seq();
  s.log_head_hash = log->head_hash();
  write_file(reports / id / "status.json", report::signed_status_json(s, identity->secret_key));
  write_file(reports / id / "screen.png", std::string("\x89PNG\r\n\x1a\n", 8) + "rest");
  write_file(keys / (id + ".pub"), identity->public_key + "\n");
}

TEST(FleetApi, GridProblemsFirstScreenshotAndProof) {
  TempDir reports, keys;
  const long long now = static_cast<long long>(std::time(nullptr));
  lay_out_kiosk(reports.path(), keys.path(), "k-new", now - 10, 5, true);
  lay_out_kiosk(reports.path(), keys.path(), "k-old", now - 10, 4, false);
  console::Options options;
  options.fleet = reports.path().string();
  options.keys = keys.path().string();
  RunningConsole console(options);
  auto client = console.client();
  auto res = client->Get("/api/fleet");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto f = nlohmann::json::parse(res->body);
  EXPECT_TRUE(f["available"]);
  EXPECT_FALSE(f["healthy"]);
  EXPECT_EQ(f["newest"], 5);
  ASSERT_EQ(f["kiosks"].size(), 2u);
  EXPECT_EQ(f["kiosks"][0]["id"], "k-old");  // problems first
  EXPECT_EQ(f["kiosks"][0]["state"], "内容落后");
  EXPECT_EQ(f["kiosks"][1]["state"], "正常");
  res = client->Get("/api/fleet/k-new/screen.png");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/png");
  res = client->Get("/api/fleet/..%2Fx/screen.png");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);

  res = client->Get("/api/proof?notice=demo-2026");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto p = nlohmann::json::parse(res->body);
  EXPECT_EQ(p["start"], "2026-11-20");
  ASSERT_EQ(p["kiosks"].size(), 2u);
  for (const auto& k : p["kiosks"]) {
    EXPECT_TRUE(k["verified"]) << k.dump();
    if (k["id"] == "k-new") {
      EXPECT_EQ(k["shown"].size(), 1u) << k.dump();
    } else {
      EXPECT_EQ(k["shown"].size(), 0u);
      EXPECT_FALSE(k["covered"]);
    }
  }
  res = client->Get("/api/proof.html?notice=demo-2026");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("公示张贴情况证明"), std::string::npos);
  res = client->Get("/api/proof?notice=nope");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST(FleetApi, WithoutFleetSaysHowToSetIt) {
  RunningConsole console;
  auto res = console.client()->Get("/api/fleet");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("serve --fleet URL"), std::string::npos);
}

}  // namespace
}  // namespace kiosk::test
