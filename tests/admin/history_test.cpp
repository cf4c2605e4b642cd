// admin/publish.hpp, history.hpp and diff.hpp against a real loopback nginx: a publish reports
// progress and keeps DIR/.history/v<N>/, the diff names what changed since, a cancel stops before
// anything is uploaded, and republishing an old version makes a NEW version with its content.
#include "admin/history.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "admin/diff.hpp"
#include "admin/edits.hpp"
#include "admin/keys.hpp"
#include "admin/publish.hpp"
#include "fixture_bundle.hpp"
#include "nginx_fixture.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(nginx.ok()) << nginx.error();
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
    const auto made = admin::keygen((temp / "office").string(), false);
    ASSERT_TRUE(made) << made.error().what;
    auto key = admin::load_secret_key(temp / "office.key", {});
    ASSERT_TRUE(key) << key.error().what;
    secret = std::string(key->secret.bytes());
    admin::Destination d;
    d.to = nginx.url("pub/");
    d.user = test::Nginx::kUser;
    d.password_file = nginx.password_file();
    auto resolved = admin::resolve_target(d, {});
    ASSERT_TRUE(std::holds_alternative<admin::PublishTargetPtr>(resolved));
    target = std::move(std::get<admin::PublishTargetPtr>(resolved));
  }
  // sign + publish, as the console's 发布 does.
  Result<admin::PublishReport> sign_and_publish(const admin::PublishControl& control = {},
                                                const tz::Clock& clock = tz::Clock()) {
    Problems problems;
    admin::SignOptions options;
    options.key_name = "office.key";
    options.clock = clock;
    if (!admin::sign(dir, secret, options, problems)) return Error{first_problem_line(problems)};
    auto bundle = admin::read_signed_bundle(dir, {}, problems);
    if (!bundle) return Error{first_problem_line(problems)};
    return admin::publish(*bundle, *target, control);
  }
  json served_manifest() const {
    return json::parse(test::read_file(nginx.www() / "pub" / "manifest.json"));
  }

  test::TempDir temp;
  test::Nginx nginx;
  fs::path dir;
  std::string secret;
  admin::PublishTargetPtr target;
};

TEST_F(HistoryTest, APublishReportsProgressAndKeepsAHistoryCopy) {
  std::vector<std::pair<std::size_t, std::size_t>> progress;
  admin::PublishControl control;
  control.progress = [&](std::size_t done, std::size_t total) {
    progress.emplace_back(done, total);
  };
  auto report = sign_and_publish(control);
  ASSERT_TRUE(report) << report.error().what;
  EXPECT_EQ(report->version, 1);
  EXPECT_EQ(report->line.rfind("published version 1 to ", 0), 0u) << report->line;
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.front().first, 0u);
  EXPECT_EQ(progress.back().first, progress.back().second);  // all uploads done
  EXPECT_EQ(progress.back().second, 3u + 1u + 2u);  // 3 files, the sig copy, sig and manifest
  EXPECT_EQ(served_manifest()["version"], 1);

  const auto history = admin::list_history(dir);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].version, 1);
  EXPECT_EQ(history[0].files, 3u);
  EXPECT_FALSE(history[0].published_at.empty());
  const auto folder = admin::history_folder(dir, 1);
  ASSERT_TRUE(folder);
  EXPECT_EQ(test::read_file(*folder / "notices.json"), test::read_file(dir / "notices.json"));
  EXPECT_EQ(test::read_file(*folder / "manifest.sig"), test::read_file(dir / "manifest.sig"));

  // Nothing changed since: an empty diff against version 1.
  const auto diff = admin::diff_since_published(dir);
  ASSERT_TRUE(diff) << diff.error().what;
  EXPECT_EQ(diff->since, 1);
  EXPECT_TRUE(diff->empty());
}

// Issue 13 item 1: the RFC 3339 stamps written for machines (issued_at, expires_at, the history's
// published_at) are office time with the configured zone's offset, not a fixed +08:00.
TEST_F(HistoryTest, StampsCarryTheOfficeZonesOffset) {
  const long long instant = *parse_rfc3339("2026-12-01T20:00:00Z");
  const tz::Clock new_york(*tz::Zone::locate("America/New_York"), instant);
  admin::PublishControl control;
  control.clock = new_york;
  const auto report = sign_and_publish(control, new_york);
  ASSERT_TRUE(report) << report.error().what;
  const json m = served_manifest();
  EXPECT_EQ(m["issued_at"], "2026-12-01T15:00:00-05:00");
  EXPECT_EQ(m["expires_at"], "2026-12-31T15:00:00-05:00");
  const auto history = admin::list_history(dir);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].published_at, "2026-12-01T15:00:00-05:00");
  // The default office zone, Asia/Shanghai: +08:00 whatever the PC's TZ.
  setenv("TZ", "America/New_York", 1);
  Problems problems;
  admin::SignOptions options;
  options.clock = tz::Clock(tz::Zone(), instant);
  ASSERT_TRUE(admin::sign(dir, secret, options, problems)) << first_problem_line(problems);
  unsetenv("TZ");
  EXPECT_EQ(json::parse(test::read_file(dir / "manifest.json"))["issued_at"],
            "2026-12-02T04:00:00+08:00");
}

TEST_F(HistoryTest, TheDiffNamesWhatChangedSinceTheLastPublish) {
  auto before = admin::diff_since_published(dir);
  ASSERT_TRUE(before);
  EXPECT_FALSE(before->since);  // nothing published yet: everything is new
  EXPECT_EQ(before->notices_added, std::vector<std::string>{"demo-2026"});

  ASSERT_TRUE(sign_and_publish());
  Problems problems;
  ASSERT_TRUE(admin::replace_notice(dir, "demo-2026", {{"title", "新标题"}}, problems));
  ASSERT_TRUE(admin::add_applicant(dir, "demo-2026",
                                   {{"category", "committee_demo"},
                                    {"name", "新居委会"},
                                    {"leader", "赵某"},
                                    {"address", "示例路9号"},
                                    {"phone", "021-0000 0099"},
                                    {"summary", ""},
                                    {"basis", ""}},
                                   problems));
  auto sd01 = *admin::notice_json(*admin::load_working_copy(dir), "demo-2026");
  auto applicant = sd01["applicants"][0];
  applicant["leader"] = "换人";
  ASSERT_TRUE(admin::replace_applicant(dir, "demo-2026", "sd-01", applicant, problems));
  const std::string second_id = sd01["applicants"][1]["id"];
  ASSERT_TRUE(admin::delete_applicant(dir, "demo-2026", second_id, problems));
  auto hotlines = admin::hotlines_json(*admin::load_working_copy(dir));
  hotlines.erase(hotlines.begin());
  ASSERT_TRUE(admin::replace_hotlines(dir, hotlines, problems)) << first_problem_line(problems);
  ASSERT_TRUE(admin::create_notice(dir,
                                   {{"id", "n2"},
                                    {"title", "第二个公示"},
                                    {"issuer", "示例街道办事处"},
                                    {"window", {{"start", "2027-01-04"}, {"end", "2027-01-15"}}}},
                                   problems))
      << first_problem_line(problems);

  const auto diff = admin::diff_since_published(dir);
  ASSERT_TRUE(diff) << diff.error().what;
  EXPECT_EQ(diff->since, 1);
  EXPECT_EQ(diff->notices_added, std::vector<std::string>{"n2"});
  EXPECT_TRUE(diff->notices_removed.empty());
  ASSERT_EQ(diff->notices_changed.size(), 1u);
  EXPECT_EQ(diff->notices_changed[0].id, "demo-2026");
  EXPECT_EQ(diff->notices_changed[0].fields, std::vector<std::string>{"title"});
  ASSERT_EQ(diff->applicants.size(), 1u);
  const auto& a = diff->applicants[0];
  EXPECT_EQ(a.notice, "demo-2026");
  EXPECT_EQ(a.added, std::vector<std::string>{"a001"});
  EXPECT_EQ(a.removed, std::vector<std::string>{second_id});
  ASSERT_EQ(a.changed.size(), 1u);
  EXPECT_EQ(a.changed[0].id, "sd-01");
  EXPECT_EQ(a.changed[0].fields, std::vector<std::string>{"leader"});
  EXPECT_TRUE(diff->hotlines_changed);
}

TEST_F(HistoryTest, ACancelledPublishUploadsNothingAndKeepsNoHistory) {
  std::atomic<bool> cancel{true};
  admin::PublishControl control;
  control.cancel = &cancel;
  const auto report = sign_and_publish(control);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().what.rfind("publish cancelled after 0 of ", 0), 0u)
      << report.error().what;
  EXPECT_FALSE(fs::exists(nginx.www() / "pub" / "manifest.json"));
  EXPECT_TRUE(admin::list_history(dir).empty());
}

TEST_F(HistoryTest, RepublishingAnOldVersionMakesANewVersionWithItsContent) {
  ASSERT_TRUE(sign_and_publish());
  const std::string v1_notices = test::read_file(dir / "notices.json");
  Problems problems;
  ASSERT_TRUE(admin::replace_notice(dir, "demo-2026", {{"title", "第二版"}}, problems));
  ASSERT_TRUE(sign_and_publish());
  EXPECT_EQ(served_manifest()["version"], 2);
  ASSERT_EQ(admin::list_history(dir).size(), 2u);

  const auto report = admin::republish(dir, 1, secret, *target, {});
  ASSERT_TRUE(report) << report.error().what;
  EXPECT_EQ(report->version, 3);
  EXPECT_EQ(served_manifest()["version"], 3);
  EXPECT_EQ(test::read_file(dir / "notices.json"), v1_notices);
  const auto history = admin::list_history(dir);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].version, 3);  // newest first
  EXPECT_EQ(test::read_file(*admin::history_folder(dir, 3) / "notices.json"), v1_notices);

  // A version that was never kept is refused, and nothing changes.
  const auto missing = admin::republish(dir, 9, secret, *target, {});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().what.find("v9"), std::string::npos) << missing.error().what;
  EXPECT_EQ(served_manifest()["version"], 3);
}

}  // namespace
}  // namespace kiosk
