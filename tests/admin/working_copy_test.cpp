// admin/working_copy.hpp on real directories: load with every problem (file, where, field), the
// overview's notice states on a date, validate ignoring DIR/.history.
#include "admin/working_copy.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ctl_run.hpp"
#include "fixture_bundle.hpp"
#include "temp_dir.hpp"
#include "ui/model.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

class WorkingCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
  }
  ordered_json notices() const {
    return ordered_json::parse(test::read_file(dir / "notices.json"));
  }
  void write_notices(const ordered_json& j) const {
    test::write_file(dir / "notices.json", j.dump(2) + "\n");
  }
  test::TempDir temp;
  fs::path dir;
};

TEST_F(WorkingCopyTest, LoadsAValidBundle) {
  auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy) << copy.error().what;
  EXPECT_TRUE(copy->problems.empty()) << first_problem_line(copy->problems);
  ASSERT_TRUE(copy->bundle);
  EXPECT_TRUE(copy->files.contains("notices.json"));
}

TEST_F(WorkingCopyTest, RefusesWhatIsNoDirectory) {
  const auto copy = admin::load_working_copy(temp / "missing");
  ASSERT_FALSE(copy);
  EXPECT_EQ(copy.error().what,
            (temp / "missing").string() + ": expected a bundle directory, found nothing");
}

TEST_F(WorkingCopyTest, ListsEveryProblemWithFileWhereAndField) {
  auto j = notices();
  j["notices"][0]["applicants"][0]["phone"] = "";
  j["notices"][0]["title"] = "";
  write_notices(j);
  const auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy);
  EXPECT_FALSE(copy->bundle);
  ASSERT_GE(copy->problems.size(), 2u);
  bool phone = false, title = false;
  for (const auto& p : copy->problems) {
    EXPECT_EQ(p.file, "notices.json");
    if (p.where == "notices[0].applicants[0].phone") {
      phone = true;
      EXPECT_EQ(admin::field_of(p.where), "phone");
    }
    if (p.where == "notices[0].title") title = true;
  }
  EXPECT_TRUE(phone && title) << first_problem_line(copy->problems);
}

TEST(FieldOf, NamesTheLastSegment) {
  EXPECT_EQ(admin::field_of("notices[0].applicants[3].phone"), "phone");
  EXPECT_EQ(admin::field_of("notices[0].window.end"), "end");
  EXPECT_EQ(admin::field_of("notices[2]"), "");
  EXPECT_EQ(admin::field_of("files.\"assets/a.b.png\""), "assets/a.b.png");
  EXPECT_EQ(admin::field_of(""), "");
}

TEST_F(WorkingCopyTest, OverviewGivesEachNoticeItsStateOnADate) {
  auto j = notices();
  j["notices"][0]["window"] = {{"start", "2026-03-01"}, {"end", "2026-03-10"}};
  write_notices(j);
  const auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy && copy->bundle) << first_problem_line(copy->problems);
  const auto state_on = [&](const char* date) {
    const auto o = admin::overview(*copy, *CivilDate::parse(date));
    return std::string(admin::state_label(o.notices.at(0).state));
  };
  EXPECT_EQ(state_on("2026-02-28"), "未开始");
  EXPECT_EQ(state_on("2026-03-01"), "公示中");
  EXPECT_EQ(state_on("2026-03-10"), "公示中");
  EXPECT_EQ(state_on("2026-03-11"), "已结束");
  const auto o = admin::overview(*copy, *CivilDate::parse("2026-03-05"));
  EXPECT_EQ(admin::state_code(o.notices[0].state), "open");
  std::size_t by_category = 0;
  for (const auto n : o.notices[0].by_category) by_category += n;
  EXPECT_EQ(by_category, o.notices[0].applicants);
  EXPECT_EQ(o.notices[0].applicants, j["notices"][0]["applicants"].size());
  EXPECT_FALSE(o.hotlines.empty());
  EXPECT_FALSE(o.manifest);  // the fixture is unsigned
}

// Issue 13 item 1: at 2026-12-01T20:00Z it is already 12-02 04:00 in Shanghai. The PC's TZ
// (UTC here) does not matter: today and a notice opening on 12-02 are the office's, as the
// kiosk's clock and rule (ui::Model::status) have them; an office in New York is still on 12-01.
TEST_F(WorkingCopyTest, TodayAndStatesAreTheOfficesWhateverThePcsZone) {
  auto j = notices();
  j["notices"][0]["window"] = {{"start", "2026-12-02"}, {"end", "2026-12-08"}};
  write_notices(j);
  const auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy && copy->bundle) << first_problem_line(copy->problems);
  const long long instant = *parse_rfc3339("2026-12-01T20:00:00Z");
  setenv("TZ", "UTC", 1);
  const tz::Clock shanghai(tz::Zone(), instant);
  const CivilDate today = admin::office_today(shanghai);
  EXPECT_EQ(today.iso(), "2026-12-02");
  EXPECT_EQ(admin::state_code(admin::overview(*copy, today).notices.at(0).state), "open");
  EXPECT_EQ(ui::Model::status(copy->bundle->notices.at(0), shanghai.now().date),
            ui::NoticeStatus::Current);
  const tz::Clock new_york(*tz::Zone::locate("America/New_York"), instant);
  EXPECT_EQ(admin::office_today(new_york).iso(), "2026-12-01");
  EXPECT_EQ(
      admin::state_code(admin::overview(*copy, admin::office_today(new_york)).notices.at(0).state),
      "upcoming");
  unsetenv("TZ");
}

TEST_F(WorkingCopyTest, OverviewStillListsNoticesWhenAnotherFileIsBroken) {
  test::write_file(dir / "hotlines.json", "{not json");
  const auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy);
  EXPECT_FALSE(copy->bundle);
  const auto o = admin::overview(*copy, *CivilDate::parse("2026-11-25"));
  EXPECT_FALSE(o.notices.empty());
  EXPECT_FALSE(o.problems.empty());
  EXPECT_EQ(o.problems.front().file, "hotlines.json");
}

TEST_F(WorkingCopyTest, SaveRefusesAnInvalidChangeAndWritesNothing) {
  auto copy = admin::load_working_copy(dir);
  ASSERT_TRUE(copy);
  const std::string before = test::read_file(dir / "notices.json");
  auto j = notices();
  j["notices"][0]["window"]["end"] = "2000-01-01";  // before its start
  Problems problems;
  EXPECT_FALSE(admin::save_working_copy(*copy, {{"notices.json", j.dump(2)}}, problems));
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].file, "notices.json");
  EXPECT_EQ(problems[0].where.rfind("notices[0].window", 0), 0u) << problems[0].line();
  EXPECT_EQ(test::read_file(dir / "notices.json"), before);
}

TEST_F(WorkingCopyTest, ValidateAndSignIgnoreTheHistoryFolder) {
  test::write_file(dir / ".history" / "v1" / "notices.json", "{broken");
  test::write_file(dir / ".history" / "junk.txt", "x");
  const auto report = admin::validate(dir, {});
  EXPECT_TRUE(report.problems.empty()) << first_problem_line(report.problems);
  const auto r = test::run_ctl({"validate", dir.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(test::run_ctl({"keygen", "--out", (temp / "k").string()}).status, 0);
  const auto s = test::run_ctl({"sign", dir.string(), "--key", (temp / "k.key").string()});
  ASSERT_EQ(s.status, 0) << s.err;
  const auto m = nlohmann::json::parse(test::read_file(dir / "manifest.json"));
  for (const auto& [name, entry] : m["files"].items())
    EXPECT_EQ(name.find(".history"), std::string::npos) << name;
  EXPECT_EQ(m["files"].size(), 3u);
}

}  // namespace
}  // namespace kiosk
