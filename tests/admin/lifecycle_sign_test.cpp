// The lifecycle on the administrator's side (LIFECYCLE.md): kioskctl validate prints each notice's
// resolved 公示期, and sign refuses a version from which a notice or an applicant of the last
// signed version has disappeared silently, naming it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "admin/history.hpp"
#include "admin/keys.hpp"
#include "admin/publish.hpp"
#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "ctl_run.hpp"
#include "fixture_bundle.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// 09:00 in Shanghai on a date.
tz::Clock at(const char* iso) {
  return tz::Clock(tz::Zone(), CivilDate::parse(iso)->days() * 86400LL + 3600);
}

class LifecycleSignTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
    test::write_file(dir / content::bundle_files::kCalendar,
                     content::embedded_bundle_files().at(content::bundle_files::kCalendar));
    const auto made = admin::keygen((temp / "office").string(), false);
    ASSERT_TRUE(made) << made.error().what;
    auto key = admin::load_secret_key(temp / "office.key", {});
    ASSERT_TRUE(key) << key.error().what;
    secret = std::string(key->secret.bytes());
  }
  Json notices() const { return Json::parse(test::read_file(dir / "notices.json")); }
  void write(const Json& j) { test::write_file(dir / "notices.json", j.dump(2)); }
  // sign at 09:00 office time on `today`; "" or every problem, one line each.
  std::string sign(const char* today) {
    Problems problems;
    admin::SignOptions options;
    options.key_name = "office.key";
    options.clock = at(today);
    const bool ok = admin::sign(dir, secret, options, problems).has_value();
    std::string out;
    for (const auto& p : problems) out += p.line() + "\n";
    EXPECT_EQ(ok, out.empty());
    return out;
  }
  // sign and keep the signed files as a published version (.history/v<N>/), as publish does.
  void sign_and_keep(const char* today) {
    ASSERT_EQ(sign(today), "");
    const auto kept = admin::record_history(dir, at(today));
    ASSERT_TRUE(kept) << kept.error().what;
  }

  test::TempDir temp;
  fs::path dir;
  std::string secret;
};

TEST_F(LifecycleSignTest, ValidatePrintsEachNoticesResolvedWindow) {
  Json j = notices();
  j["schema"] = 2;
  Json second = j["notices"][0];
  second["id"] = "guoqing";
  second["window"] = {{"start", "2026-09-28"}, {"working_days", 5}};
  j["notices"].push_back(second);
  write(j);
  const auto r = test::run_ctl({"validate", dir.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto first_line = r.out.find('\n');
  EXPECT_EQ(r.out.substr(first_line + 1),
            "notice demo-2026: 公示期 2026-11-20 至 2027-12-31 (407 天)\n"
            "notice guoqing: 公示期 2026-09-28 至 2026-10-09 (5 个工作日)\n");
}

TEST_F(LifecycleSignTest, ValidateRefusesAWorkingDayWindowIntoAYearWithoutData) {
  Json j = notices();
  j["schema"] = 2;
  j["notices"][0]["window"] = {{"start", "2026-12-21"}, {"working_days", 10}};
  write(j);
  const auto r = test::run_ctl({"validate", dir.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "notices.json: notices[0].window.working_days: expected calendar.json data for 2027, "
            "found none (add \"2027\" to calendar.json's years with source, off and work from "
            "国务院办公厅关于2027年部分节假日安排的通知, published in the autumn before)\n");
}

TEST_F(LifecycleSignTest, SignPutsCalendarJsonInTheManifest) {
  ASSERT_EQ(sign("2026-12-01"), "");
  const auto m = Json::parse(test::read_file(dir / "manifest.json"));
  EXPECT_TRUE(m["files"].contains("calendar.json")) << m.dump();
  EXPECT_EQ(m["files"].size(), 4u);
  content::LoadOptions options;
  options.require_manifest = true;
  const auto loaded = content::load_bundle(dir, options);
  ASSERT_TRUE(loaded.bundle);
  EXPECT_EQ(loaded.bundle->calendar.years.size(), 2u);
}

TEST_F(LifecycleSignTest, ARemovedApplicantIsRefusedNamingIt) {
  sign_and_keep("2026-12-01");
  Json j = notices();
  auto& list = j["notices"][0]["applicants"];
  list.erase(list.begin() + 1);  // sd-02
  write(j);
  EXPECT_EQ(sign("2026-12-02"),
            "notices.json: notices[0].applicants: expected applicant \"sd-02\" (示例镇) of the "
            "last signed version (v1) to stay, with a withdrawn record to mark it 已撤回, found it "
            "removed\n");
}

TEST_F(LifecycleSignTest, AWithdrawnApplicantThatStaysIsSigned) {
  sign_and_keep("2026-12-01");
  Json j = notices();
  j["schema"] = 2;
  j["notices"][0]["corrections"] = Json::array({{{"id", "w1"},
                                                 {"date", "2026-12-02"},
                                                 {"kind", "withdrawn"},
                                                 {"applicant", "sd-02"},
                                                 {"text", "申报单位主动撤回。"}}});
  write(j);
  EXPECT_EQ(sign("2026-12-02"), "");
}

TEST_F(LifecycleSignTest, ARemovedNoticeIsRefusedUntilItsArchiveTimeRanOut) {
  sign_and_keep("2026-12-01");
  Json j = notices();
  j["notices"][0]["id"] = "renamed";  // demo-2026 is gone
  write(j);
  // Its window ends 2027-12-31; with archive_days 90 it may go from 2028-03-31.
  EXPECT_EQ(sign("2026-12-02"),
            "notices.json: notices: expected notice \"demo-2026\" of the last signed version (v1) "
            "to stay until its archive time ends (2028-03-30; a terminated record ends it early), "
            "found it removed\n");
  EXPECT_EQ(sign("2028-03-31"), "");
}

// kioskctl sign --config: the kiosks' archive_days decides how long an ended notice must stay, and
// their timezone the offset of the stamps (the office's, not the PC's or a fixed +08:00).
TEST_F(LifecycleSignTest, SignWithAConfigTakesItsArchiveDaysAndTimezone) {
  // A notice that ended two days ago (today on the office's clock, as the command reads it).
  const CivilDate today = tz::Clock(tz::Zone()).now().date;
  Json j = notices();
  j["notices"][0]["window"] = {{"start", CivilDate::from_days(today.days() - 20).iso()},
                               {"end", CivilDate::from_days(today.days() - 2).iso()}};
  write(j);
  sign_and_keep(today.iso().c_str());
  j["notices"][0]["id"] = "renamed";  // the ended notice is dropped
  write(j);
  const std::string key = (temp / "office.key").string();
  // Without --config archive_days is 90: it must stay.
  auto r = test::run_ctl({"sign", dir.string(), "--key", key});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("\"demo-2026\""), std::string::npos) << r.err;
  test::write_file(temp / "kiosk.json", R"({"timezone": "America/New_York", "archive_days": 0})");
  r = test::run_ctl(
      {"sign", dir.string(), "--key", key, "--config", (temp / "kiosk.json").string()});
  EXPECT_EQ(r.status, 0) << r.err;
  const auto m = Json::parse(test::read_file(dir / "manifest.json"));
  const std::string issued = m["issued_at"];
  EXPECT_TRUE(issued.ends_with("-05:00") || issued.ends_with("-04:00")) << issued;
  // A config that does not load is one line naming it; nothing is signed.
  test::write_file(temp / "bad.json", R"({"archive_days": -1})");
  r = test::run_ctl({"sign", dir.string(), "--key", key, "--config", (temp / "bad.json").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("archive_days"), std::string::npos) << r.err;
}

TEST_F(LifecycleSignTest, WhatHadNotBegunMayGo) {
  sign_and_keep("2026-11-01");  // the window begins 2026-11-20
  Json j = notices();
  auto& list = j["notices"][0]["applicants"];
  list.erase(list.begin() + 1);
  write(j);
  EXPECT_EQ(sign("2026-11-02"), "");
}

// The manifest being replaced is the version compared with, when it was kept.
TEST_F(LifecycleSignTest, TheVersionComparedWithIsTheManifestBeingReplaced) {
  sign_and_keep("2026-12-01");  // v1 with sd-02
  Json j = notices();
  j["schema"] = 2;
  j["notices"][0]["corrections"] = Json::array({{{"id", "w1"},
                                                 {"date", "2026-12-02"},
                                                 {"kind", "withdrawn"},
                                                 {"applicant", "sm-01"},
                                                 {"text", "撤回。"}}});
  write(j);
  EXPECT_EQ(sign("2026-12-02"), "");  // no applicant is gone
  // The working copy's manifest is v2 now (not kept): v1 is the newest kept.
  auto& list = j["notices"][0]["applicants"];
  list.erase(list.begin() + 1);
  write(j);
  EXPECT_NE(sign("2026-12-03").find("\"sd-02\""), std::string::npos);
}

}  // namespace
}  // namespace kiosk
