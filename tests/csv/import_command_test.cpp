// kioskctl import-csv on real files: success, reviews kept, manifest note, and all-or-nothing
// failures.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/bundle_files.hpp"
#include "content/csv_import.hpp"
#include "content/parse.hpp"
#include "csv_test_util.hpp"
#include "ctl/commands.hpp"
#include "ctl_run.hpp"

namespace kiosk {
namespace {

using csvtest::kSheet;
using csvtest::read_file;
using csvtest::snapshot;
using csvtest::write_file;
namespace fs = std::filesystem;

using CmdResult = test::CtlResult;
CmdResult run(const ctl::Args& args) { return test::run_ctl(args); }

class ImportCsv : public testing::Test {
 protected:
  void SetUp() override { dir_ = csvtest::copy_bundle(tmp_.path()); }

  // Writes the sheet next to the bundle and imports it into notice demo-2026.
  CmdResult import(std::string_view sheet_bytes, const std::string& notice = "demo-2026") {
    const fs::path csv = tmp_.path() / "applicants.csv";
    write_file(csv, sheet_bytes);
    return run({"import-csv", csv.string(), "--into", dir_.string(), "--notice", notice});
  }
  std::string csv_path() const { return (tmp_.path() / "applicants.csv").string(); }

  content::Notice notice() const {
    const auto loaded = content::load_bundle(dir_);
    EXPECT_TRUE(loaded.bundle.has_value())
        << (loaded.problems.empty() ? "" : loaded.problems[0].line());
    if (!loaded.bundle) return {};
    for (const auto& n : loaded.bundle->notices) {
      if (n.id == "demo-2026") return n;
    }
    ADD_FAILURE() << "no notice demo-2026";
    return {};
  }

  csvtest::TempDir tmp_;
  fs::path dir_;
};

TEST_F(ImportCsv, ImportsAndKeepsTheRestOfTheNotice) {
  const auto before = notice();
  const auto r = import(kSheet);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "imported 5 applicants (UTF-8) into " + (dir_ / "notices.json").string() +
                       ", notice demo-2026\n");
  const auto after = notice();
  ASSERT_EQ(after.applicants.size(), 5u);
  EXPECT_EQ(after.applicants[0].name, "示例甲街道");
  EXPECT_EQ(after.applicants[0].summary, "甲街道位于示例区,辖区约6平方公里。\n下辖12个居委会。");
  EXPECT_EQ(after.applicants[2].address, "示例路1号");
  EXPECT_TRUE(after.applicants[0].reviews.empty());
  EXPECT_EQ(after.title, before.title);
  EXPECT_EQ(after.intro, before.intro);
  EXPECT_EQ(after.window.start, before.window.start);
  EXPECT_EQ(after.demo, before.demo);
  // The other files are untouched, and no temporary file is left behind.
  const auto files = snapshot(dir_);
  EXPECT_EQ(files.size(), 3u);
  for (const char* name : {"document.json", "hotlines.json"}) {
    EXPECT_EQ(files.at(name), read_file(kiosk::test::fixture_bundle_dir() / name)) << name;
  }
}

// A schema-2 notice (docs/LIFECYCLE.md) imports as before: its working-day window (counted over
// calendar.json), objection and records are kept; a record naming an applicant the sheet drops is
// refused, naming it, and nothing is written (corrections are never made by re-importing a sheet).
TEST_F(ImportCsv, ASchemaTwoNoticeKeepsItsLifecycleAndItsRecordsStayConsistent) {
  write_file(dir_ / "calendar.json",
             content::embedded_bundle_files().at(content::bundle_files::kCalendar));
  auto j = nlohmann::ordered_json::parse(read_file(dir_ / "notices.json"));
  j["schema"] = 2;
  auto& n = j["notices"][0];
  n["window"] = {{"start", "2026-09-28"}, {"working_days", 5}};
  n["objection"] = {{"office", "示例区民政局(示例)"}};
  n["corrections"] = nlohmann::ordered_json::array({{{"id", "e1"},
                                                     {"date", "2026-10-08"},
                                                     {"kind", "extended"},
                                                     {"working_days", 2},
                                                     {"text", "延长2个工作日。"}}});
  write_file(dir_ / "notices.json", j.dump(2));
  auto r = import(kSheet);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto after = notice();
  EXPECT_EQ(after.applicants.size(), 5u);
  EXPECT_EQ(after.declared_window.end.iso(), "2026-10-09");
  EXPECT_EQ(after.window.end.iso(), "2026-10-12");  // + 10-10 (调休上班) and 10-12
  EXPECT_EQ(after.window.working_days, 7);
  ASSERT_TRUE(after.objection);
  ASSERT_EQ(after.corrections.size(), 1u);

  // A withdrawal of an applicant the next sheet no longer has.
  j = nlohmann::ordered_json::parse(read_file(dir_ / "notices.json"));
  const std::string first = j["notices"][0]["applicants"][0]["id"];
  j["notices"][0]["corrections"].push_back({{"id", "w1"},
                                            {"date", "2026-10-08"},
                                            {"kind", "withdrawn"},
                                            {"applicant", first},
                                            {"text", "撤回。"}});
  write_file(dir_ / "notices.json", j.dump(2));
  const auto before = snapshot(dir_);
  // The sheet without its first row (示例甲街道, whose 基本情况 spans two lines).
  const std::string sheet =
      kSheet.substr(0, kSheet.find('\n') + 1) + kSheet.substr(kSheet.find("模范街道(镇),示例乙镇"));
  r = import(sheet);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.err.find("notices.json: notices[0].corrections[1].applicant: expected the id of an "
                       "applicant of this notice, found \"" +
                       first + "\""),
            std::string::npos)
      << r.err;
  EXPECT_EQ(snapshot(dir_), before);
}

TEST_F(ImportCsv, SameSheetInEveryEncodingWritesTheSameFile) {
  ASSERT_EQ(import(kSheet).status, 0);
  const std::string utf8 = read_file(dir_ / "notices.json");
  const auto bom = import("\xEF\xBB\xBF" + kSheet);
  EXPECT_EQ(bom.status, 0);
  EXPECT_NE(bom.out.find("(UTF-8 with BOM)"), std::string::npos) << bom.out;
  EXPECT_NE(bom.out.find("(unchanged)"), std::string::npos) << bom.out;
  const auto gbk = import(csvtest::to_gbk(kSheet));
  EXPECT_EQ(gbk.status, 0);
  EXPECT_NE(gbk.out.find("(GB18030)"), std::string::npos) << gbk.out;
  EXPECT_EQ(read_file(dir_ / "notices.json"), utf8);
}

TEST_F(ImportCsv, ReimportKeepsDerivedIds) {
  ASSERT_EQ(import(kSheet).status, 0);
  std::vector<std::string> first;
  for (const auto& a : notice().applicants) first.push_back(a.id);
  // The same sheet with its rows in another order and CRLF row ends.
  const std::string reordered =
      "类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\r\n"
      "和谐社区建设示范居委会,示例三居委会,吴某某,,示例路3号,(021) 0000-1005,情况三,依据三\r\n"
      "示范街道(镇),示例甲街道,王某某,李某某,,021-0000 1001,,\r\n";
  ASSERT_EQ(import(reordered).status, 0);
  const auto second = notice().applicants;
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].id, first[4]);
  EXPECT_EQ(second[1].id, first[0]);
}

TEST_F(ImportCsv, ReviewsAreKeptForTheSameIdAndCategory) {
  const auto before = notice();
  const content::Applicant* sd01 = before.applicant("sd-01");
  const content::Applicant* cd01 = before.applicant("cd-01");
  ASSERT_TRUE(sd01 != nullptr && cd01 != nullptr);
  ASSERT_FALSE(sd01->reviews.empty());
  const std::string sheet =
      "编号,类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n"
      "sd-01,示范街道(镇),示例街道(改),王某某,李某某,,021-0000 0001,新的基本情况,新的依据\n"
      "cd-01,示范居委会,示例一居委会,某某,,示例路1号,021-0000 0005,,\n"
      "new-1,模范居委会,新居委会,某某,,示例路9号,021-0000 0009,,\n";
  const auto r = import(sheet);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto after = notice();
  ASSERT_EQ(after.applicants.size(), 3u);
  const content::Applicant* a = after.applicant("sd-01");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->name, "示例街道(改)");
  EXPECT_EQ(a->summary, "新的基本情况");
  ASSERT_EQ(a->reviews.size(), sd01->reviews.size());
  for (std::size_t i = 0; i < a->reviews.size(); ++i) {
    EXPECT_EQ(a->reviews[i].level, sd01->reviews[i].level);
    EXPECT_EQ(a->reviews[i].opinion, sd01->reviews[i].opinion);
    EXPECT_EQ(a->reviews[i].date, sd01->reviews[i].date);
    EXPECT_EQ(a->reviews[i].sealed, sd01->reviews[i].sealed);
  }
  EXPECT_EQ(after.applicant("cd-01")->reviews.size(), cd01->reviews.size());
  EXPECT_TRUE(after.applicant("new-1")->reviews.empty());
}

TEST_F(ImportCsv, ReviewsOfAnotherCategoryAreDroppedWithANote) {
  const auto before = notice();
  const std::size_t count = before.applicant("cd-01")->reviews.size();
  ASSERT_GT(count, 0u);
  const auto r = import(
      "编号,类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n"
      "cd-01,模范居委会,示例一居委会,某某,,示例路1号,021-0000 0005,,\n");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("note: " + csv_path() +
                       ": row 2: cd-01 changed 类别 from 示范居委会 to 模范居委会; its " +
                       std::to_string(count) + " reviews were not kept\n"),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(notice().applicant("cd-01")->reviews.empty());
}

TEST_F(ImportCsv, SignedBundleKeepsItsManifestAndSaysToSignAgain) {
  const std::string manifest =
      "{\"schema\": 1, \"version\": 3}\n";  // only its presence matters here
  write_file(dir_ / "manifest.json", manifest);
  write_file(dir_ / "manifest.sig", "signature");
  const auto r = import(kSheet);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(
      r.out.find("note: " + (dir_ / "manifest.json").string() +
                 " no longer matches notices.json and was left as it was; sign the bundle again "
                 "(kioskctl sign " +
                 dir_.string() + " --key PREFIX.key)\n"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(read_file(dir_ / "manifest.json"), manifest);
  EXPECT_EQ(read_file(dir_ / "manifest.sig"), "signature");
  Problems problems;
  const auto notices = content::parse_notices(read_file(dir_ / "notices.json"), problems);
  ASSERT_TRUE(notices.has_value());
  EXPECT_EQ(notices->at(0).applicants.size(), 5u);
}

TEST_F(ImportCsv, FiveThousandRowGbkSheet) {
  std::string sheet = "编号,类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\r\n";
  std::string summary;
  for (int i = 0; i < 20; ++i) summary += "本居委会辖区内居民自治组织健全,社区服务设施完善,";
  for (int i = 0; i < 5000; ++i) {
    const bool street = i % 5 == 0;
    sheet += (i % 7 == 0 ? "" : "id-" + std::to_string(i)) + "," +
             (street ? "示范街道(镇)" : "和谐社区建设示范居委会") + ",示例单位" +
             std::to_string(i) + ",负责人" + std::to_string(i % 100) + "," +
             (street ? "联系人" : "") + "," + (street ? "" : "示例路" + std::to_string(i) + "号") +
             ",021-5555 " + std::to_string(1000 + i) + ",\"" + summary +
             "\n第二段。\",\"1.材料,2.材料\"\r\n";
  }
  const std::string gbk = csvtest::to_gbk(sheet);
  const auto r = import(gbk);
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 2000);
  EXPECT_EQ(r.out, "imported 5000 applicants (GB18030) into " + (dir_ / "notices.json").string() +
                       ", notice demo-2026\n");
  const auto n = notice();
  ASSERT_EQ(n.applicants.size(), 5000u);
  EXPECT_EQ(n.applicants[0].id,
            content::derived_applicant_id(content::Category::StreetDemo, "示例单位0"));
  EXPECT_EQ(n.applicants[1].id, "id-1");
  EXPECT_EQ(n.applicants[4999].name, "示例单位4999");
  EXPECT_EQ(n.applicants[4999].address, "示例路4999号");
  EXPECT_EQ(n.applicants[4999].phone, "021-5555 5999");
  EXPECT_EQ(n.applicants[4999].summary, summary + "\n第二段。");
  EXPECT_EQ(n.applicants[4999].basis, "1.材料,2.材料");
  EXPECT_EQ(n.applicants[5].contact, "联系人");
}

// ---------------------------------------------------------------------------------------------
// Every failure leaves the directory byte for byte as it was.

struct FailureCase {
  const char* name;
  std::string sheet;
  std::string line;  // expected on stderr after "<csv path>: "
};

const std::string kHeader = "类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n";
const std::string kRowA = "示范街道(镇),示例甲街道,王某某,李某某,,021-0000 1001,情况,依据\n";
const std::string kRowB = "示范居委会,示例一居委会,孙某某,,示例路1号,021-0000 1003,情况,依据\n";

std::vector<FailureCase> failure_cases() {
  return {
      {"missing_column", "类别,名称,负责人,联系人,地址,基本情况,申报依据\n示范居委会,一,甲,,路,,\n",
       "row 1: expected a column 电话 (the header needs 类别, 名称, 负责人, 联系人, 地址, 电话, "
       "基本情况, "
       "申报依据 and optionally 编号, 所属街镇), found none"},
      {"unknown_category", kHeader + kRowA + "示范小区,示例小区,孙某某,,路,021-0000 1003,,\n",
       "row 3, column 类别: expected one of 示范街道(镇), 模范街道(镇), 示范居委会, 模范居委会, "
       "和谐社区建设示范居委会 (or the full title, or the code such as street_demo), found "
       "\"示范小区\""},
      {"empty_leader", kHeader + kRowA + kRowB + "示范居委会,示例二居委会,,,路,021-0000 1003,,\n",
       "row 4, column 负责人: expected text, found \"\""},
      {"empty_phone", kHeader + kRowA + kRowB + kRowA + "示范居委会,示例二居委会,孙某某,,路,,,\n",
       "row 5, column 电话: expected a telephone number, found \"\""},
      {"wrong_kind", kHeader + "示范街道(镇),示例甲街道,王某某,李某某,示例路9号,021-0000 1001,,\n",
       "row 2, column 地址: expected an empty 地址 for 示范街道(镇) (its form has 联系人 instead), "
       "found "
       "\"示例路9号\""},
      {"bad_phone", kHeader + kRowA + "示范居委会,示例一居委会,孙某某,,路,021-abc,,\n",
       "row 3, column 电话: expected a telephone number, found \"021-abc\""},
      {"duplicate_id",
       "编号,类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\na1,示范居委会,一,甲,,路,021-0000 "
       "1001,,\n"
       "a1,示范居委会,三,甲,,路,021-0000 1001,,\n",
       "row 3, column 编号: expected an applicant id unique in the sheet, found \"a1\" again "
       "(first on row 2)"},
      {"unterminated_quote",
       kHeader + kRowA + "示范居委会,示例一居委会,孙某某,,路,021-0000 1003,\"情况\n" + kRowB,
       "row 3, column 基本情况: expected a closing quote (\") for the quoted cell that starts "
       "here, found "
       "the end of the file"},
      {"invalid_bytes", csvtest::to_gbk(kHeader + kRowA) + "\xFF\n",
       "row 3, column 类别: expected UTF-8 or GB18030 (GBK) text, found the byte 0xFF at character "
       "1"},
      {"header_only", kHeader,
       "row 2: expected at least one applicant row after the header, found none"},
  };
}

TEST_F(ImportCsv, EveryFailureLeavesTheDirectoryUnchanged) {
  for (const bool signed_bundle : {false, true}) {
    if (signed_bundle) write_file(dir_ / "manifest.json", "{\"schema\": 1}\n");
    for (const auto& c : failure_cases()) {
      const auto before = snapshot(dir_);
      const auto r = import(c.sheet);
      EXPECT_EQ(r.status, 1) << c.name;
      EXPECT_EQ(r.out, "") << c.name;
      EXPECT_NE(r.err.find(csv_path() + ": " + c.line + "\n"), std::string::npos) << c.name << "\n"
                                                                                  << r.err;
      EXPECT_EQ(snapshot(dir_), before) << c.name;
    }
  }
}

TEST_F(ImportCsv, UnknownNoticeInvalidBundleAndUnreadableFilesChangeNothing) {
  auto before = snapshot(dir_);
  auto r = import(kSheet, "no-such-notice");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            (dir_ / "notices.json").string() +
                ": notices: expected a notice with id \"no-such-notice\" (the file has demo-2026), "
                "found none\n");
  EXPECT_EQ(snapshot(dir_), before);

  r = run({"import-csv", (tmp_.path() / "missing.csv").string(), "--into", dir_.string(),
           "--notice", "demo-2026"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            (tmp_.path() / "missing.csv").string() + ": cannot open: No such file or directory\n");
  EXPECT_EQ(snapshot(dir_), before);

  // The sheet is fine but the bundle around it is not: nothing is written.
  write_file(dir_ / "hotlines.json", "{\"schema\": 1, \"hotlines\": [{}]}");
  before = snapshot(dir_);
  r = import(kSheet);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("hotlines.json: hotlines[0]"), std::string::npos) << r.err;
  EXPECT_EQ(snapshot(dir_), before);

  fs::remove(dir_ / "hotlines.json");
  before = snapshot(dir_);
  r = import(kSheet);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            (dir_ / "hotlines.json").string() + ": cannot open: No such file or directory\n");
  EXPECT_EQ(snapshot(dir_), before);
}

TEST_F(ImportCsv, UsageErrorsExitTwo) {
  write_file(tmp_.path() / "applicants.csv", kSheet);
  const auto before = snapshot(dir_);
  const std::string csv = csv_path();
  const std::string dir = dir_.string();
  const std::vector<std::pair<ctl::Args, std::string>> cases{
      {{"import-csv"},
       "kioskctl import-csv: expected a CSV file, found none (usage: kioskctl import-csv "
       "FILE.csv --into DIR --notice ID)\n"},
      {{"import-csv", csv, "--notice", "demo-2026"},
       "kioskctl import-csv: expected --into DIR, found none (usage: kioskctl import-csv FILE.csv "
       "--into "
       "DIR --notice ID)\n"},
      {{"import-csv", csv, "--into", dir},
       "kioskctl import-csv: expected --notice ID, found none (usage: "
       "kioskctl import-csv FILE.csv --into DIR --notice ID)\n"},
      {{"import-csv", csv, "--into", dir, "--notice"},
       "kioskctl import-csv: expected a value after --notice, found none\n"},
      {{"import-csv", csv, "--into", dir, "--notice", "demo-2026", "--force"},
       "kioskctl import-csv: expected --into or --notice, found the option --force\n"},
      {{"import-csv", csv, csv, "--into", dir, "--notice", "demo-2026"},
       "kioskctl import-csv: expected one CSV file, found " + csv + " and " + csv + "\n"},
      {{"import-csv", csv, "--into", dir, "--into", dir, "--notice", "demo-2026"},
       "kioskctl import-csv: expected --into once, found it again\n"},
  };
  for (const auto& [args, message] : cases) {
    const auto r = run(args);
    EXPECT_EQ(r.status, 2) << message;
    EXPECT_EQ(r.err, message);
    EXPECT_EQ(snapshot(dir_), before);
  }
  // The --opt=value form works too.
  const auto r = run({"import-csv", "--into=" + dir, "--notice=demo-2026", csv});
  EXPECT_EQ(r.status, 0) << r.err;
}

// The real binary, end to end.
std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CmdResult run_binary(const std::string& args) {
  const std::string cmd =
      shell_quote(std::string(KIOSK_BINARY_DIR) + "/kiosk/ctl/kioskctl") + " " + args + " 2>&1";
  CmdResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST_F(ImportCsv, KioskctlBinaryEndToEnd) {
  const fs::path binary = fs::path(KIOSK_BINARY_DIR) / "kiosk" / "ctl" / "kioskctl";
  if (!fs::exists(binary)) GTEST_SKIP() << "build the kioskctl target first: " << binary;
  const fs::path gbk = fs::path(KIOSK_TEST_DATA) / "csv" / "sheet-gbk.csv";
  const std::string notices = (dir_ / "notices.json").string();
  auto r = run_binary("import-csv " + shell_quote(gbk.string()) + " --into " +
                      shell_quote(dir_.string()) + " --notice demo-2026");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "imported 5 applicants (GB18030) into " + notices + ", notice demo-2026\n");
  r = run_binary("validate " + shell_quote(dir_.string()));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find(" 5 applicants"), std::string::npos) << r.out;

  const auto before = snapshot(dir_);
  write_file(tmp_.path() / "bad.csv",
             kHeader + kRowA + "示范居委会,示例一居委会,孙某某,,路,021-abc,,\n");
  r = run_binary("import-csv " + shell_quote((tmp_.path() / "bad.csv").string()) + " --into " +
                 shell_quote(dir_.string()) + " --notice demo-2026");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, (tmp_.path() / "bad.csv").string() +
                       ": row 3, column 电话: expected a telephone number, found \"021-abc\"\n");
  EXPECT_EQ(snapshot(dir_), before);
  r = run_binary("import-csv " + shell_quote((tmp_.path() / "bad.csv").string()));
  EXPECT_EQ(r.status, 2) << r.out;
}

}  // namespace
}  // namespace kiosk
