// The console's lifecycle routes (kiosk/console/API.md, "The life of a 公示") over real HTTP on a
// copy of the tests' bundle with the default calendar.json: a working-day window, objection,
// correction records and a result reach notices.json (moved to schema 2), each bad input is 422
// with the bundle's own problem, and nothing is written then.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "console_fixture.hpp"
#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

using Json = nlohmann::json;

class LifecycleApi : public ::testing::Test {
 protected:
  void SetUp() override {
    test::write_file(console.dir() / content::bundle_files::kCalendar,
                     content::embedded_bundle_files().at(content::bundle_files::kCalendar));
    cli = console.client();
    token = console.csrf();
  }
  httplib::Result send(const std::string& method, const std::string& path, const Json& body = {}) {
    const httplib::Headers h{{"X-CSRF-Token", token}};
    const std::string text = body.is_null() ? "" : body.dump();
    if (method == "POST") return cli->Post(path.c_str(), h, text, "application/json");
    if (method == "PUT") return cli->Put(path.c_str(), h, text, "application/json");
    return cli->Delete(path.c_str(), h);
  }
  Json lifecycle() {
    const auto r = cli->Get("/api/notices/demo-2026/lifecycle");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return r ? Json::parse(r->body) : Json();
  }
  std::string on_disk() const { return test::read_file(console.dir() / "notices.json"); }
  // A 422 whose first problem's message is `message`, with nothing written.
  void expect_refused(const std::string& method, const std::string& path, const Json& body,
                      const std::string& where, const std::string& message) {
    const std::string before = on_disk();
    const auto r = send(method, path, body);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 422) << r->body;
    const Json p = Json::parse(r->body).at("problems").at(0);
    EXPECT_EQ(p.value("where", ""), where) << r->body;
    EXPECT_EQ(p.value("message", ""), message) << r->body;
    EXPECT_EQ(on_disk(), before);
  }

  test::RunningConsole console;
  std::unique_ptr<httplib::Client> cli;
  std::string token;
};

TEST_F(LifecycleApi, AWorkingDayWindowIsSavedResolvedAndMovesTheFileToSchemaTwo) {
  EXPECT_EQ(Json::parse(on_disk()).at("schema"), 1);
  const auto r = send("PUT", "/api/notices/demo-2026/lifecycle",
                      {{"window", {{"start", "2026-09-28"}, {"working_days", 5}}}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const Json disk = Json::parse(on_disk());
  EXPECT_EQ(disk.at("schema"), 2);
  EXPECT_EQ(disk.at("notices")[0].at("window"),
            Json({{"start", "2026-09-28"}, {"working_days", 5}}));
  const Json l = lifecycle();
  EXPECT_EQ(l.at("resolved").at("window"),
            Json({{"start", "2026-09-28"}, {"end", "2026-10-09"}, {"working_days", 5}}));
  EXPECT_EQ(l.at("resolved").at("window_line"),
            "notice demo-2026: 公示期 2026-09-28 至 2026-10-09 (5 个工作日)");
  EXPECT_EQ(l.at("calendar_years").size(), 2u);
  // 总览's list (GET /api/bundle) gives the same window, its count of working days with it.
  const auto bundle = cli->Get("/api/bundle?at=2026-09-30");
  ASSERT_TRUE(bundle);
  ASSERT_EQ(bundle->status, 200) << bundle->body;
  EXPECT_EQ(Json::parse(bundle->body).at("notices")[0].at("window"),
            Json({{"start", "2026-09-28"}, {"end", "2026-10-09"}, {"working_days", 5}}));
  expect_refused(
      "PUT", "/api/notices/demo-2026/lifecycle",
      {{"window", {{"start", "2026-12-28"}, {"working_days", 5}}}},
      "notices[0].window.working_days",
      "expected calendar.json data for 2027, found none (add \"2027\" to calendar.json's "
      "years with source, off and work from 国务院办公厅关于2027年部分节假日安排的通知, "
      "published in the autumn before)");
  expect_refused("PUT", "/api/notices/demo-2026/lifecycle",
                 {{"window", {{"start", "2026-09-28"}, {"working_days", 31}}}},
                 "notices[0].window.working_days", "expected an integer from 1 to 30, found 31");
  const auto other = send("PUT", "/api/notices/demo-2026/lifecycle", {{"title", "x"}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 422);
  EXPECT_EQ(
      send("PUT", "/api/notices/nobody/lifecycle", {{"objection", {{"office", "x"}}}})->status,
      404);
}

TEST_F(LifecycleApi, ObjectionIsSetAndRemoved) {
  const Json objection = {{"office", "示例区民政局(示例)"},
                          {"phone", "021-0000 0009"},
                          {"url", "https://example.gov.cn/yiyi"}};
  const auto r = send("PUT", "/api/notices/demo-2026/lifecycle", {{"objection", objection}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(lifecycle().at("objection"), objection);
  expect_refused("PUT", "/api/notices/demo-2026/lifecycle", {{"objection", {{"postcode", "2017"}}}},
                 "notices[0].objection.postcode",
                 "expected a postcode of 6 digits, found \"2017\"");
  ASSERT_EQ(send("PUT", "/api/notices/demo-2026/lifecycle", {{"objection", nullptr}})->status, 200);
  EXPECT_TRUE(lifecycle().at("objection").is_null());
}

TEST_F(LifecycleApi, CorrectionRecordsAreAddedInDateOrderAndDeleted) {
  const std::string path = "/api/notices/demo-2026/corrections";
  auto r = send("POST", path,
                {{"date", "2026-12-03"},
                 {"kind", "withdrawn"},
                 {"applicant", "sd-02"},
                 {"text", "申报单位主动撤回。"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Json::parse(r->body).at("id"), "r1");
  r = send("POST", path,
           {{"id", "fix-phone"},
            {"date", "2026-12-01"},
            {"kind", "corrected"},
            {"applicant", "sd-01"},
            {"field", "phone"},
            {"text", "原为……现更正为……"}});
  ASSERT_EQ(r->status, 201) << r->body;
  r = send(
      "POST", path,
      {{"date", "2026-12-04"}, {"kind", "extended"}, {"end", "2028-01-31"}, {"text", "延长。"}});
  ASSERT_EQ(r->status, 201) << r->body;
  Json l = lifecycle();
  ASSERT_EQ(l.at("corrections").size(), 3u);
  EXPECT_EQ(l.at("corrections")[0].at("id"), "fix-phone");  // the earlier date first
  EXPECT_EQ(l.at("corrections")[1].at("id"), "r1");
  EXPECT_EQ(l.at("resolved").at("withdrawn"), 1);
  EXPECT_EQ(l.at("resolved").at("extended"), true);
  EXPECT_EQ(l.at("resolved").at("window").at("end"), "2028-01-31");
  EXPECT_EQ(l.at("resolved").at("declared_window").at("end"), "2027-12-31");
  EXPECT_EQ(Json::parse(on_disk()).at("schema"), 2);

  expect_refused(
      "POST", path,
      {{"date", "2026-12-05"}, {"kind", "withdrawn"}, {"applicant", "zz-99"}, {"text", "x"}},
      "notices[0].corrections[3].applicant",
      "expected the id of an applicant of this notice, found \"zz-99\"");
  expect_refused("POST", path, {{"date", "2026-12-05"}, {"kind", "extended"}, {"text", "x"}},
                 "notices[0].corrections[3]",
                 "expected exactly one of end or working_days in an extended record, found "
                 "neither");
  expect_refused("POST", path,
                 {{"id", "r1"}, {"date", "2026-12-05"}, {"kind", "terminated"}, {"text", "x"}},
                 "notices[0].corrections[3].id",
                 "expected a new record id, found \"r1\" (already used in this notice)");

  ASSERT_EQ(send("DELETE", path + "/r1")->status, 200);
  EXPECT_EQ(lifecycle().at("corrections").size(), 2u);
  EXPECT_EQ(send("DELETE", path + "/r1")->status, 404);
}

TEST_F(LifecycleApi, AResultIsSetAfterTheWindowAndRemoved) {
  ASSERT_EQ(send("PUT", "/api/notices/demo-2026/lifecycle",
                 {{"window", {{"start", "2026-09-28"}, {"working_days", 5}}}})
                ->status,
            200);
  const Json result = {{"date", "2026-10-20"},
                       {"doc_number", "示民〔2026〕1号"},
                       {"text", "经公示无异议,予以命名。"},
                       {"approved", {"sd-01", "cd-01"}}};
  const auto r = send("PUT", "/api/notices/demo-2026/lifecycle", {{"result", result}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(lifecycle().at("result"), result);
  Json early = result;
  early["date"] = "2026-10-09";
  expect_refused("PUT", "/api/notices/demo-2026/lifecycle", {{"result", early}},
                 "notices[0].result.date",
                 "expected a date after the notice's last day 2026-10-09, found 2026-10-09");
  ASSERT_EQ(send("PUT", "/api/notices/demo-2026/lifecycle", {{"result", nullptr}})->status, 200);
  EXPECT_TRUE(lifecycle().at("result").is_null());
}

}  // namespace
}  // namespace kiosk
