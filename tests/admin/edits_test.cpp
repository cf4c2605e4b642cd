// admin/edits.hpp on real files: each edit writes notices.json / hotlines.json when the bundle
// stays valid, and a refused edit writes nothing and names the field as SCHEMA.md does.
#include "admin/edits.hpp"

#include <gtest/gtest.h>

#include "fixture_bundle.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

class EditsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
  }
  ordered_json notices() const {
    return ordered_json::parse(test::read_file(dir / "notices.json"))["notices"];
  }
  static ordered_json new_notice() {
    return {{"title", "关于2027年度示范居委会的公示"},
            {"issuer", "示例街道办事处"},
            {"window", {{"start", "2027-01-04"}, {"end", "2027-01-15"}}},
            {"intro", "下列单位拟推荐……"}};
  }
  static ordered_json new_applicant() {
    return {{"category", "committee_demo"},
            {"name", "新建居委会"},
            {"leader", "赵某"},
            {"address", "示例路9号"},
            {"phone", "021-0000 0099"},
            {"summary", ""},
            {"basis", ""}};
  }
  // A refused edit: nothing written, a problem naming the file, and where.
  void expect_refused(const Problems& problems, const std::string& file,
                      const std::string& where_prefix, const std::string& before) const {
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems[0].file, file);
    EXPECT_EQ(problems[0].where.rfind(where_prefix, 0), 0u) << problems[0].line();
    EXPECT_EQ(test::read_file(dir / file), before);
  }

  test::TempDir temp;
  fs::path dir;
};

TEST_F(EditsTest, CreatesANoticeWithAFreshIdAndNoApplicants) {
  Problems problems;
  const auto id = admin::create_notice(dir, new_notice(), problems);
  ASSERT_TRUE(id) << first_problem_line(problems);
  const auto list = notices();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["id"], *id);
  EXPECT_EQ(id->rfind("notice-", 0), 0u);
  EXPECT_EQ(list[1]["title"], "关于2027年度示范居委会的公示");
  EXPECT_TRUE(list[1]["applicants"].empty());
  // SCHEMA.md's key order whatever order the object came in.
  EXPECT_EQ(list[1].begin().key(), "id");
  // A second one gets another id.
  const auto second = admin::create_notice(dir, new_notice(), problems);
  ASSERT_TRUE(second) << first_problem_line(problems);
  EXPECT_NE(*second, *id);
  auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy && copy->bundle) << first_problem_line(copy->problems);
  EXPECT_EQ(copy->bundle->notices.size(), 3u);
}

TEST_F(EditsTest, RefusesAnInvalidNoticeAndWritesNothing) {
  const std::string before = test::read_file(dir / "notices.json");
  auto bad = new_notice();
  bad["window"]["end"] = "2026-12-31";  // before its start
  Problems problems;
  EXPECT_FALSE(admin::create_notice(dir, bad, problems));
  expect_refused(problems, "notices.json", "notices[1].window", before);

  problems.clear();
  bad = new_notice();
  bad["colour"] = "red";  // no such field
  EXPECT_FALSE(admin::create_notice(dir, bad, problems));
  expect_refused(problems, "notices.json", "notices[1]", before);

  problems.clear();
  bad = new_notice();
  bad["id"] = "demo-2026";  // taken
  EXPECT_FALSE(admin::create_notice(dir, bad, problems));
  expect_refused(problems, "notices.json", "notices[1].id", before);
}

TEST_F(EditsTest, ReplacesGivenFieldsAndKeepsTheApplicants) {
  const auto issuer = notices()[0]["issuer"];
  Problems problems;
  const auto copy =
      admin::replace_notice(dir, "demo-2026",
                            {{"title", "新标题"},
                             {"window", {{"start", "2026-12-01"}, {"end", "2026-12-20"}}},
                             {"doc_number", nullptr}},
                            problems);
  ASSERT_TRUE(copy) << first_problem_line(problems);
  const auto n = notices()[0];
  EXPECT_EQ(n["title"], "新标题");
  EXPECT_EQ(n["window"]["end"], "2026-12-20");
  EXPECT_FALSE(n.contains("doc_number"));
  EXPECT_EQ(n["applicants"].size(), 14u);
  EXPECT_EQ(n["issuer"], issuer);
}

TEST_F(EditsTest, RefusesAnEmptyTitleAndAnUnknownNotice) {
  const std::string before = test::read_file(dir / "notices.json");
  Problems problems;
  EXPECT_FALSE(admin::replace_notice(dir, "demo-2026", {{"title", ""}}, problems));
  expect_refused(problems, "notices.json", "notices[0].title", before);
  EXPECT_EQ(admin::field_of(problems[0].where), "title");

  problems.clear();
  EXPECT_FALSE(admin::replace_notice(dir, "nope", {{"title", "x"}}, problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message.rfind(admin::kNotFound, 0), 0u) << problems[0].line();
  problems.clear();
  EXPECT_FALSE(admin::delete_notice(dir, "nope", problems));
  EXPECT_EQ(problems.at(0).message.rfind(admin::kNotFound, 0), 0u);
  EXPECT_EQ(test::read_file(dir / "notices.json"), before);
}

TEST_F(EditsTest, DeletesANotice) {
  Problems problems;
  ASSERT_TRUE(admin::create_notice(dir, new_notice(), problems));
  ASSERT_TRUE(admin::delete_notice(dir, "demo-2026", problems)) << first_problem_line(problems);
  const auto list = notices();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_NE(list[0]["id"], "demo-2026");
}

TEST_F(EditsTest, AddsReplacesAndDeletesAnApplicant) {
  Problems problems;
  const auto id = admin::add_applicant(dir, "demo-2026", new_applicant(), problems);
  ASSERT_TRUE(id) << first_problem_line(problems);
  EXPECT_EQ(*id, "a001");
  EXPECT_EQ(notices()[0]["applicants"].size(), 15u);
  EXPECT_EQ(notices()[0]["applicants"][14]["name"], "新建居委会");

  auto changed = new_applicant();
  changed["name"] = "改名居委会";
  ASSERT_TRUE(admin::replace_applicant(dir, "demo-2026", "a001", changed, problems))
      << first_problem_line(problems);
  EXPECT_EQ(notices()[0]["applicants"][14]["name"], "改名居委会");
  EXPECT_EQ(notices()[0]["applicants"][14]["id"], "a001");

  ASSERT_TRUE(admin::delete_applicant(dir, "demo-2026", "a001", problems));
  EXPECT_EQ(notices()[0]["applicants"].size(), 14u);
  EXPECT_TRUE(problems.empty());
}

TEST_F(EditsTest, RefusesAnInvalidApplicantAndWritesNothing) {
  const std::string before = test::read_file(dir / "notices.json");
  auto bad = new_applicant();
  bad["phone"] = "not a phone";
  Problems problems;
  EXPECT_FALSE(admin::add_applicant(dir, "demo-2026", bad, problems));
  expect_refused(problems, "notices.json", "notices[0].applicants[14].phone", before);

  problems.clear();
  bad = new_applicant();
  bad["contact"] = "某人";  // a committee form has no contact
  EXPECT_FALSE(admin::replace_applicant(dir, "demo-2026", "sd-01", bad, problems));
  EXPECT_FALSE(problems.empty());
  EXPECT_EQ(test::read_file(dir / "notices.json"), before);

  problems.clear();
  EXPECT_FALSE(admin::delete_applicant(dir, "demo-2026", "zz", problems));
  EXPECT_EQ(problems.at(0).message.rfind(admin::kNotFound, 0), 0u);
}

TEST_F(EditsTest, ReplacesTheHotlinesOrRefusesABadNumber) {
  Problems problems;
  ordered_json hotlines = ordered_json::array();
  hotlines.push_back({{"id", "street"},
                      {"name", "街道监督电话"},
                      {"level", "街镇"},
                      {"number", "021-1234 5678"},
                      {"hours", "工作日"}});
  auto copy = admin::replace_hotlines(dir, hotlines, problems);
  ASSERT_TRUE(copy) << first_problem_line(problems);
  EXPECT_EQ(admin::hotlines_json(*copy), hotlines);
  ASSERT_TRUE(copy->bundle);
  EXPECT_EQ(copy->bundle->hotlines.size(), 1u);

  const std::string before = test::read_file(dir / "hotlines.json");
  hotlines[0]["number"] = "12";
  EXPECT_FALSE(admin::replace_hotlines(dir, hotlines, problems));
  expect_refused(problems, "hotlines.json", "hotlines[0].number", before);
}

TEST_F(EditsTest, AnAlreadyBrokenBundleCanBeMendedStepByStep) {
  // A broken hotline does not block fixing a notice; the edit adds no problem of its own.
  test::write_file(dir / "hotlines.json",
                   R"({"schema": 1, "hotlines": [{"id": "x", "name": "n", "level": "区",
                   "number": "1", "hours": ""}]})");
  Problems problems;
  const auto copy = admin::replace_notice(dir, "demo-2026", {{"title", "改"}}, problems);
  ASSERT_TRUE(copy) << first_problem_line(problems);
  EXPECT_FALSE(copy->problems.empty());  // the hotline's problem is still there
  EXPECT_EQ(notices()[0]["title"], "改");
  const auto json = admin::notice_json(*copy, "demo-2026");
  ASSERT_TRUE(json);
  EXPECT_EQ((*json)["title"], "改");
}

}  // namespace
}  // namespace kiosk
