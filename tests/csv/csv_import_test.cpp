// content::import_applicants_csv: encodings, RFC 4180 records, headers, per-cell checks, limits.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/csv_import.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "crypto/sha256.hpp"
#include "csv_test_util.hpp"
#include "json/reader.hpp"

namespace kiosk::content {
namespace {

using csvtest::kSheet;

std::vector<std::string> lines(const CsvImport& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) out.push_back(p.line());
  return out;
}

CsvImport import(std::string_view bytes) { return import_applicants_csv(bytes, "applicants.csv"); }

// Exactly one problem, and this is its line.
void expect_one(std::string_view bytes, const std::string& line) {
  const auto r = import(bytes);
  EXPECT_EQ(lines(r), std::vector<std::string>{line});
  EXPECT_TRUE(r.applicants.empty());
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

bool same_applicants(const std::vector<Applicant>& a, const std::vector<Applicant>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto &x = a[i], &y = b[i];
    if (x.id != y.id || x.category != y.category || x.name != y.name || x.leader != y.leader ||
        x.contact != y.contact || x.address != y.address || x.phone != y.phone ||
        x.summary != y.summary || x.basis != y.basis || !x.reviews.empty() || !y.reviews.empty()) {
      return false;
    }
  }
  return true;
}

TEST(CsvImport, ReadsTheSampleSheet) {
  const auto r = import(kSheet);
  ASSERT_TRUE(r.ok()) << testing::PrintToString(lines(r));
  EXPECT_EQ(r.encoding, "UTF-8");
  ASSERT_EQ(r.applicants.size(), 5u);
  EXPECT_EQ(r.rows, (std::vector<std::size_t>{2, 3, 4, 5, 6}));  // row 2 spans two lines
  const Applicant& a = r.applicants[0];
  EXPECT_EQ(a.category, Category::StreetDemo);
  EXPECT_EQ(a.name, "示例甲街道");
  EXPECT_EQ(a.leader, "王某某");
  EXPECT_EQ(a.contact, "李某某");
  EXPECT_EQ(a.address, "");
  EXPECT_EQ(a.phone, "021-0000 1001");
  EXPECT_EQ(a.summary, "甲街道位于示例区,辖区约6平方公里。\n下辖12个居委会。");
  EXPECT_EQ(a.basis, "1.创建规划;2.自查报告");
  EXPECT_EQ(a.id, derived_applicant_id(Category::StreetDemo, "示例甲街道"));
  EXPECT_EQ(r.applicants[2].summary, "居委会\"示范\"情况");
  EXPECT_EQ(r.applicants[2].address, "示例路1号");
  EXPECT_EQ(r.applicants[3].phone, "021 0000 1004转8");
  EXPECT_EQ(r.applicants[3].summary, "");
  EXPECT_EQ(r.applicants[3].basis, "");
  EXPECT_EQ(r.applicants[4].category, Category::CommitteeHarmony);
}

TEST(CsvImport, Utf8BomAndGbkGiveIdenticalApplicants) {
  const auto utf8 = import(kSheet);
  const auto bom = import("\xEF\xBB\xBF" + kSheet);
  const auto gbk = import(csvtest::to_gbk(kSheet));
  const auto gb18030 = import(csvtest::convert(kSheet, "GB18030"));
  ASSERT_TRUE(utf8.ok() && bom.ok() && gbk.ok() && gb18030.ok())
      << testing::PrintToString(lines(gbk));
  EXPECT_EQ(utf8.encoding, "UTF-8");
  EXPECT_EQ(bom.encoding, "UTF-8 with BOM");
  EXPECT_EQ(gbk.encoding, "GB18030");
  EXPECT_EQ(gb18030.encoding, "GB18030");
  EXPECT_TRUE(same_applicants(utf8.applicants, bom.applicants));
  EXPECT_TRUE(same_applicants(utf8.applicants, gbk.applicants));
  EXPECT_TRUE(same_applicants(utf8.applicants, gb18030.applicants));
}

TEST(CsvImport, CheckedInFixturesMadeWithIconvAgree) {
  // tests/data/csv/sheet-gbk.csv is sheet-utf8.csv run through `iconv -f UTF-8 -t GBK`, with CRLF
  // row ends as Excel writes them.
  const std::string dir = std::string(KIOSK_TEST_DATA) + "/csv/";
  const auto utf8 = import(csvtest::read_file(dir + "sheet-utf8.csv"));
  const auto gbk = import(csvtest::read_file(dir + "sheet-gbk.csv"));
  ASSERT_TRUE(utf8.ok()) << testing::PrintToString(lines(utf8));
  ASSERT_TRUE(gbk.ok()) << testing::PrintToString(lines(gbk));
  EXPECT_EQ(gbk.encoding, "GB18030");
  EXPECT_EQ(utf8.applicants.size(), 5u);
  EXPECT_TRUE(same_applicants(utf8.applicants, gbk.applicants));
  EXPECT_TRUE(same_applicants(utf8.applicants, import(kSheet).applicants));
}

TEST(CsvImport, QuotedCommasQuotesAndLineBreaks) {
  const std::string sheet =
      "类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\r\n"
      "示范居委会,\"示例,逗号居委会\",\"孙\"\"某\"\"某\",,\"示例路1号,2单元\",021-0000 1003,"
      "\"第一行\r\n第二行\n第三行\r第四行\",\"\"\r\n";
  const auto r = import(sheet);
  ASSERT_TRUE(r.ok()) << testing::PrintToString(lines(r));
  ASSERT_EQ(r.applicants.size(), 1u);
  EXPECT_EQ(r.applicants[0].name, "示例,逗号居委会");
  EXPECT_EQ(r.applicants[0].leader, "孙\"某\"某");
  EXPECT_EQ(r.applicants[0].address, "示例路1号,2单元");
  EXPECT_EQ(r.applicants[0].summary, "第一行\n第二行\n第三行\n第四行");
  EXPECT_EQ(r.applicants[0].basis, "");
}

TEST(CsvImport, RowEndsBlankLinesAndNoFinalNewline) {
  const auto reference = import(kSheet);
  std::string crlf = replace_all(kSheet, "\n", "\r\n");  // also the line break inside the cell
  std::string blank = replace_all(kSheet, "依据一\n", "依据一\n\n,,,,,,,\n \u3000 ,,\n");
  blank = "\n" + blank + "\n\n";
  std::string no_final = kSheet.substr(0, kSheet.size() - 1);
  std::string cr_only = replace_all(kSheet, "\n", "\r");
  for (const auto& [name, text] :
       std::vector<std::pair<std::string, std::string>>{{"CRLF", crlf},
                                                        {"blank lines", blank},
                                                        {"no final newline", no_final},
                                                        {"CR", cr_only}}) {
    const auto r = import(text);
    ASSERT_TRUE(r.ok()) << name << ": " << testing::PrintToString(lines(r));
    EXPECT_TRUE(same_applicants(reference.applicants, r.applicants)) << name;
  }
  // Blank rows are rows: what follows them is numbered as a spreadsheet shows it.
  EXPECT_EQ(import(blank).rows, (std::vector<std::size_t>{3, 4, 5, 9, 10}));
}

TEST(CsvImport, RowNumbersCountRecordsNotLines) {
  // Row 2 holds a three-line cell; row 3 is blank; the bad phone is on row 4.
  const std::string sheet =
      "类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n"
      "示范居委会,一居委会,孙某某,,路1号,021-0000 1003,\"一\n二\n三\",\n"
      "\n"
      "示范居委会,二居委会,孙某某,,路2号,12,,\n";
  expect_one(sheet,
             "applicants.csv: row 4, column 电话: expected a telephone number, found \"12\"");
}

TEST(CsvImport, ColumnsInAnotherOrder) {
  const std::string sheet =
      "电话,申报依据,名称,地址,基本情况,联系人,负责人,类别\n"
      "021-0000 1001,1.创建规划;2.自查报告,示例甲街道,,\"甲街道位于示例区,辖区约6平方公里。\n"
      "下辖12个居委会。\",李某某,王某某,示范街道(镇)\n"
      "021-0000 1002,乙镇申报依据,示例乙镇,,乙镇基本情况,钱某某,赵某某,模范街道(镇)\n"
      "021-0000 1003,依据一,示例一居委会,示例路1号,\"居委会\"\"示范\"\"情况\",,孙某某,示范居委会\n"
      "021 0000 1004转8,,示例二居委会,示例路2号,,,周某某,模范居委会\n"
      "(021) 0000-1005,依据三,示例三居委会,示例路3号,情况三,,吴某某,和谐社区建设示范居委会\n";
  const auto r = import(sheet);
  ASSERT_TRUE(r.ok()) << testing::PrintToString(lines(r));
  EXPECT_TRUE(same_applicants(import(kSheet).applicants, r.applicants));
}

TEST(CsvImport, TrimsHeadingsAndOneLineCellsButKeepsParagraphIndentation) {
  const std::string sheet =
      " 类别 ,\u3000名称\u3000,负责人,联系人,地址,电话,基本情况,申报依据\n"
      "\u3000示范居委会 ,  示例一居委会\u3000, 孙某某 ,,\t示例路1号 , 021-0000 1003 ,"
      "\"\n\u3000\u3000第一段。\n\u3000\u3000第二段。 \n\n\",依据 \n";
  const auto r = import(sheet);
  ASSERT_TRUE(r.ok()) << testing::PrintToString(lines(r));
  const Applicant& a = r.applicants.at(0);
  EXPECT_EQ(a.category, Category::CommitteeDemo);
  EXPECT_EQ(a.name, "示例一居委会");
  EXPECT_EQ(a.leader, "孙某某");
  EXPECT_EQ(a.address, "示例路1号");
  EXPECT_EQ(a.phone, "021-0000 1003");
  EXPECT_EQ(a.summary, "\u3000\u3000第一段。\n\u3000\u3000第二段。");
  EXPECT_EQ(a.basis, "依据");
}

TEST(CsvImport, CategoryTakesShortNameFullTitleOrCode) {
  const std::string sheet =
      "类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n"
      "上海市社区建设示范街道(镇),一,甲,乙,,021-0000 1001,,\n"
      "模范街道（镇）,二,甲,乙,,021-0000 1001,,\n"
      "committee_harmony,三,甲,,路,021-0000 1001,,\n"
      "上海市社区建设模范居委会,四,甲,,路,021-0000 1001,,\n";
  const auto r = import(sheet);
  ASSERT_TRUE(r.ok()) << testing::PrintToString(lines(r));
  ASSERT_EQ(r.applicants.size(), 4u);
  EXPECT_EQ(r.applicants[0].category, Category::StreetDemo);
  EXPECT_EQ(r.applicants[1].category, Category::StreetModel);
  EXPECT_EQ(r.applicants[2].category, Category::CommitteeHarmony);
  EXPECT_EQ(r.applicants[3].category, Category::CommitteeModel);
}

TEST(CsvImport, IdsAreGivenOrDerivedStably) {
  const std::string sheet =
      "编号,类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n"
      "sd-01,示范街道(镇),一,甲,乙,,021-0000 1001,,\n"
      ",示范街道(镇),二,甲,乙,,021-0000 1001,,\n"
      " cm_9 ,模范居委会,三,甲,,路,021-0000 1001,,\n";
  const auto first = import(sheet);
  const auto second = import(sheet);
  ASSERT_TRUE(first.ok()) << testing::PrintToString(lines(first));
  ASSERT_EQ(first.applicants.size(), 3u);
  EXPECT_EQ(first.applicants[0].id, "sd-01");
  EXPECT_EQ(first.applicants[1].id, derived_applicant_id(Category::StreetDemo, "二"));
  EXPECT_EQ(first.applicants[2].id, "cm_9");
  EXPECT_TRUE(same_applicants(first.applicants, second.applicants));
  // The documented derivation: "a-" + 12 hex digits of sha256("street_demo|二").
  EXPECT_EQ(first.applicants[1].id, "a-" + crypto::sha256_hex("street_demo|二").substr(0, 12));
  EXPECT_NE(derived_applicant_id(Category::StreetDemo, "二"),
            derived_applicant_id(Category::StreetModel, "二"));
  // The derived ids of the sample sheet do not depend on its encoding or row order.
  std::vector<std::string> a, b;
  for (const auto& x : import(kSheet).applicants) a.push_back(x.id);
  for (const auto& x : import(csvtest::to_gbk(kSheet)).applicants) b.push_back(x.id);
  EXPECT_EQ(a, b);
  for (const auto& id : a) EXPECT_TRUE(id.size() == 14 && id.starts_with("a-")) << id;
}

// A sheet's 编号 and notices.json's "id" follow one rule (json::is_id) and say it in the same
// words.
TEST(CsvImport, IdRuleIsTheBundlesRule) {
  for (const std::string& id : std::vector<std::string>{
           "a", "sd-01", "X_9", std::string(64, 'z'), std::string(65, 'z'), "a b", "编号", "a.b"}) {
    const auto r = import("编号,类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n" + id +
                          ",示范街道(镇),一,甲,乙,,021-0000 1001,,\n");
    EXPECT_EQ(r.ok(), json::is_id(id)) << id;
    if (!r.ok()) {
      EXPECT_EQ(lines(r), std::vector<std::string>{"applicants.csv: row 2, column 编号: expected " +
                                                   std::string(json::kIdExpected) + ", found " +
                                                   quote_found(id)});
    }
  }
  EXPECT_EQ(json::kIdExpected, "an id of 1–64 letters, digits, _ or -");
}

// ---------------------------------------------------------------------------------------------
// Problems: each names its row and column, exactly.

const std::string kHeader = "类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n";
const std::string kRowA = "示范街道(镇),示例甲街道,王某某,李某某,,021-0000 1001,情况,依据\n";
const std::string kRowB = "示范居委会,示例一居委会,孙某某,,示例路1号,021-0000 1003,情况,依据\n";

TEST(CsvImportProblems, MissingColumn) {
  expect_one(
      "类别,名称,负责人,联系人,地址,基本情况,申报依据\n示范居委会,一,甲,,路,,\n",
      "applicants.csv: row 1: expected a column 电话 (the header needs 类别, 名称, 负责人, 联系人, "
      "地址, 电话, 基本情况, 申报依据 and optionally 编号, 所属街镇), found none");
}

TEST(CsvImportProblems, UnknownAndRepeatedHeadings) {
  const auto r = import("类别,名字,负责人,联系人,地址,电话,基本情况,申报依据,电话\n" + kRowB);
  EXPECT_EQ(
      lines(r),
      (std::vector<std::string>{
          "applicants.csv: row 1: expected a column heading among 类别, 名称, 负责人, "
          "联系人, 地址, "
          "电话, 基本情况, 申报依据 and optionally 编号, 所属街镇, found \"名字\" in column B",
          "applicants.csv: row 1: expected each column heading once, found \"电话\" in "
          "columns F and I",
          "applicants.csv: row 1: expected a column 名称 (the header needs 类别, 名称, "
          "负责人, 联系人, "
          "地址, 电话, 基本情况, 申报依据 and optionally 编号, 所属街镇), found none"}));
}

TEST(CsvImportProblems, UnknownCategory) {
  expect_one(
      kHeader + kRowA + "示范小区,示例小区,孙某某,,路,021-0000 1003,,\n",
      "applicants.csv: row 3, column 类别: expected one of 示范街道(镇), 模范街道(镇), 示范居委会, "
      "模范居委会, 和谐社区建设示范居委会 (or the full title, or the code such as street_demo), "
      "found \"示范小区\"");
}

TEST(CsvImportProblems, EmptyRequiredFields) {
  expect_one(kHeader + kRowA + kRowB + "示范居委会,示例二居委会,  ,,路,021-0000 1003,,\n",
             "applicants.csv: row 4, column 负责人: expected text, found \"\"");
  expect_one(kHeader + kRowA + kRowB + "示范居委会,示例二居委会,孙某某,,路,,,\n",
             "applicants.csv: row 4, column 电话: expected a telephone number, found \"\"");
  expect_one(
      kHeader + ",示例二居委会,孙某某,,路,021-0000 1003,,\n",
      "applicants.csv: row 2, column 类别: expected one of 示范街道(镇), 模范街道(镇), 示范居委会, "
      "模范居委会, 和谐社区建设示范居委会 (or the full title, or the code such as street_demo), "
      "found \"\"");
}

TEST(CsvImportProblems, FieldOfTheWrongKind) {
  expect_one(
      kHeader + "示范街道(镇),示例甲街道,王某某,李某某,示例路9号,021-0000 1001,,\n",
      "applicants.csv: row 2, column 地址: expected an empty 地址 for 示范街道(镇) (its form has "
      "联系人 instead), found \"示例路9号\"");
  expect_one(
      kHeader + kRowA + "模范居委会,示例一居委会,孙某某,李某某,示例路1号,021-0000 1003,,\n",
      "applicants.csv: row 3, column 联系人: expected an empty 联系人 for 模范居委会 (its form has "
      "地址 instead), found \"李某某\"");
}

TEST(CsvImportProblems, BadPhone) {
  expect_one(kHeader + kRowA + "示范居委会,示例一居委会,孙某某,,路,021-abc,,\n",
             "applicants.csv: row 3, column 电话: expected a telephone number, found \"021-abc\"");
}

TEST(CsvImportProblems, TextRules) {
  expect_one(
      kHeader + "示范居委会,\"示例\n居委会\",孙某某,,路,021-0000 1003,,\n",
      "applicants.csv: row 2, column 名称: expected one line of text, found the control character "
      "U+000A");
  std::string long_name;
  for (int i = 0; i < 51; ++i) long_name += "某";
  expect_one(kHeader + "示范居委会,示例居委会," + long_name + ",,路,021-0000 1003,,\n",
             "applicants.csv: row 2, column 负责人: expected at most 50 characters, found 51");
  expect_one(kHeader + "示范居委会,示例居委会,孙某某,,路,021-0000 1003,\"a\u202Eb\",\n",
             "applicants.csv: row 2, column 基本情况: expected text without bidirectional "
             "overrides, found "
             "U+202E");
}

TEST(CsvImportProblems, CellsThatShowNothingOrBreakTheLine) {
  const std::string blank = ": expected visible text, found only spaces/invisible characters";
  expect_one(kHeader + "示范居委会,\u200B,孙某某,,路,021-0000 1003,,\n",
             "applicants.csv: row 2, column 名称" + blank);
  // Trimmed of U+3000 first, then only a zero-width space is left.
  expect_one(kHeader + kRowA + "示范居委会,示例居委会,\u3000\u200B\u3000,,路,021-0000 1003,,\n",
             "applicants.csv: row 3, column 负责人" + blank);
  // 地址 may be empty, but not blank-looking.
  expect_one(kHeader + "示范居委会,示例居委会,孙某某,,\uFEFF,021-0000 1003,,\n",
             "applicants.csv: row 2, column 地址" + blank);
  expect_one(kHeader + "示范街道(镇),示例街道,王某某,\u2060\u200D,,021-0000 1003,,\n",
             "applicants.csv: row 2, column 联系人" + blank);
  expect_one(kHeader + "示范居委会,示例\u2028居委会,孙某某,,路,021-0000 1003,,\n",
             "applicants.csv: row 2, column 名称: expected one line of text, found the line "
             "separator U+2028");
  expect_one(kHeader + "示范居委会,示例居委会,孙某某,,路\u2029一号,021-0000 1003,,\n",
             "applicants.csv: row 2, column 地址: expected one line of text, found the paragraph "
             "separator U+2029");
  // Visible text keeps its invisible characters; paragraphs may break at U+2028.
  const auto r =
      import(kHeader + "示范居委会,示例\u200B居委会,孙某某,,路,021-0000 1003,一\u2028二,\n");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(lines(r));
  EXPECT_EQ(r.applicants.at(0).name, "示例\u200B居委会");
}

// The sheet and notices.json refuse the same names with the same words (text_rules.hpp).
TEST(CsvImportProblems, RefusesTheNamesNoticesJsonRefuses) {
  for (const std::string name :
       {"\u200B", "\u200C\u200D", "\u2060", "\uFEFF", "\u0301", "\uFE0F", "\u3164", "\u2800",
        "\u00A0", "\u00AD", "示\u2028例", "示\u2029例", "示\u0085例", "示\u202E例"}) {
    SCOPED_TRACE(testing::PrintToString(name));
    auto files = embedded_bundle_files();
    auto j = nlohmann::ordered_json::parse(files.at("notices.json"));
    j["notices"][0]["applicants"][4]["name"] = name;
    files["notices.json"] = j.dump();
    const auto bundle = load_bundle(files);
    ASSERT_EQ(bundle.problems.size(), 1u);
    const std::string json_prefix = "notices.json: notices[0].applicants[4].name: ";
    const std::string json_line = bundle.problems[0].line();
    ASSERT_TRUE(json_line.starts_with(json_prefix)) << json_line;
    expect_one(kHeader + "示范居委会," + name + ",孙某某,,路,021-0000 1003,,\n",
               "applicants.csv: row 2, column 名称: " + json_line.substr(json_prefix.size()));
  }
}

TEST(CsvImportProblems, DuplicateIdsAndNamesNameBothRows) {
  expect_one(
      "编号,类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n"
      "a1,示范居委会,一,甲,,路,021-0000 1001,,\n"
      "a2,示范居委会,二,甲,,路,021-0000 1001,,\n"
      "a1,示范居委会,三,甲,,路,021-0000 1001,,\n",
      "applicants.csv: row 4, column 编号: expected an applicant id unique in the sheet, found "
      "\"a1\" "
      "again (first on row 2)");
  expect_one(
      kHeader + kRowB + kRowA + kRowB,
      "applicants.csv: row 4, column 名称: expected each 类别 and 名称 once, found 示范居委会 "
      "\"示例一居委会\" again (first on row 2)");
  // The same name under another category is another applicant.
  EXPECT_TRUE(
      import(kHeader + kRowB + "模范居委会,示例一居委会,孙某某,,示例路1号,021-0000 1003,,\n").ok());
}

TEST(CsvImportProblems, InvalidId) {
  expect_one(
      "编号,类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n"
      "a 1,示范居委会,一,甲,,路,021-0000 1001,,\n",
      "applicants.csv: row 2, column 编号: expected an id of 1–64 letters, digits, _ or -, found "
      "\"a 1\"");
}

TEST(CsvImportProblems, UnterminatedQuote) {
  expect_one(
      kHeader + kRowA + "示范居委会,示例一居委会,孙某某,,路,021-0000 1003,\"情况\n" + kRowB,
      "applicants.csv: row 3, column 基本情况: expected a closing quote (\") for the quoted cell "
      "that starts here, found the end of the file");
  expect_one(
      "类别,\"名称,负责人\n",
      "applicants.csv: row 1: expected a closing quote (\") for the quoted cell that starts here, "
      "found the end of the file");
}

TEST(CsvImportProblems, TextAfterAClosingQuote) {
  expect_one(
      kHeader + "示范居委会,\"示例\"居委会,孙某某,,路,021-0000 1003,,\n",
      "applicants.csv: row 2, column 名称: expected a comma or the end of the row after a closing "
      "quote, found \"居委会\"");
}

TEST(CsvImportProblems, CellInAColumnWithoutHeading) {
  expect_one(
      kHeader + kRowA.substr(0, kRowA.size() - 1) + ",,多余\n",
      "applicants.csv: row 2, column J: expected an empty cell (the column has no heading), found "
      "\"多余\"");
  EXPECT_TRUE(
      import(kHeader + kRowA.substr(0, kRowA.size() - 1) + ",,\n").ok());  // trailing commas
}

TEST(CsvImportProblems, InvalidBytesNameTheirRow) {
  // A UTF-8 sheet with a damaged byte: its UTF-8 header shows it is not GBK.
  expect_one(kHeader + kRowA + "示范居委会,\"一\n二\",孙某某,,路,021-0000 1003,,\n" + kRowB +
                 "示范居委会,坏\xFF字,孙某某,,路,021-0000 1003,,\n",
             "applicants.csv: row 5, column 名称: expected UTF-8 text like the rows before it, "
             "found the byte "
             "0xFF at character 2");
  // The same inside a GBK file.
  expect_one(csvtest::to_gbk(kHeader + kRowA + kRowB) + "\x80,\n",
             "applicants.csv: row 4, column 类别: expected UTF-8 or GB18030 (GBK) text, found the "
             "byte 0x80 at "
             "character 1");
  expect_one(csvtest::to_gbk(kHeader + kRowA + "示范居委会,示例一居委会,孙某某,,示例路") + "\x80" +
                 csvtest::to_gbk("1号,021-0000 1003,情况,依据\n"),
             "applicants.csv: row 3, column 地址: expected UTF-8 or GB18030 (GBK) text, found the "
             "byte 0x80 at "
             "character 4");
  // In a quoted cell over two lines, and before the header is read (a column letter then).
  expect_one(kHeader + "示范居委会,示例居委会,孙某某,,路,021-0000 1003,\"第一行\n第\xFF\",\n",
             "applicants.csv: row 2, column 基本情况: expected UTF-8 text like the rows before it, "
             "found the "
             "byte 0xFF at character 6");
  expect_one("a,b\xFF\n",
             "applicants.csv: row 1, column B: expected UTF-8 or GB18030 (GBK) text, found the "
             "byte 0xFF at character 2");
  // A UTF-8 byte order mark promises UTF-8. (示 is CA BE in GBK, which happens to be valid UTF-8;
  // 范 is B7 B6, which is not.)
  expect_one("\xEF\xBB\xBF" + kHeader + csvtest::to_gbk(kRowB),
             "applicants.csv: row 2, column 类别: expected UTF-8 text (the file starts with a "
             "UTF-8 byte order "
             "mark), found the byte 0xB7 at character 2");
  expect_one(std::string("\xFF\xFE", 2) + "a\0,\0",
             "applicants.csv: row 1: expected UTF-8 or GB18030 text "
             "(Excel: save as \"CSV UTF-8\" or \"CSV\"), found UTF-16 (a "
             "UTF-16 byte order mark)");
}

TEST(CsvImportProblems, EmptySheets) {
  expect_one(
      "",
      "applicants.csv: row 1: expected a header row with the columns 类别, 名称, 负责人, 联系人, "
      "地址, 电话, 基本情况, 申报依据 and optionally 编号, 所属街镇, found an empty file");
  expect_one(
      kHeader + "\n,,,\n",
      "applicants.csv: row 2: expected at least one applicant row after the header, found none");
}

TEST(CsvImportProblems, ReportsEveryProblemUpToTheCap) {
  std::string two = kHeader + "示范居委会,,孙某某,,路,1,,\n";
  const auto r2 = import(two);
  EXPECT_EQ(lines(r2),
            (std::vector<std::string>{
                "applicants.csv: row 2, column 名称: expected text, found \"\"",
                "applicants.csv: row 2, column 电话: expected a telephone number, found \"1\""}));
  std::string many = kHeader;
  for (int i = 0; i < 300; ++i)
    many += "示范居委会,居委会" + std::to_string(i) + ",孙某某,,路,1,,\n";
  const auto r = import(many);
  ASSERT_EQ(r.problems.size(), json::kMaxProblemsPerFile + 1);
  EXPECT_EQ(r.problems[0].line(),
            "applicants.csv: row 2, column 电话: expected a telephone number, found \"1\"");
  EXPECT_EQ(r.problems.back().line(), "applicants.csv: … and 100 more problems");
}

TEST(CsvImportProblems, RowAndSizeLimits) {
  std::string sheet = kHeader;
  for (std::size_t i = 0; i <= limits::kMaxApplicantsPerNotice; ++i) {
    sheet += "示范居委会,居委会" + std::to_string(i) + ",孙某某,,路,021-0000 1003,,\n";
  }
  expect_one(sheet,
             "applicants.csv: row 10002: expected at most 10000 applicant rows, found 10001");
  const std::string big(limits::kMaxFileBytes + 1, 'a');  // the one limit of every content file
  expect_one(big, "applicants.csv: expected at most 16 MiB, found 16777217 bytes");
}

}  // namespace
}  // namespace kiosk::content

namespace kiosk::content {
namespace {

// Damaged sheets (bytes flipped, cut, spliced, in both encodings) never crash the importer, and
// its answer always keeps the contract: applicants only without problems, every problem on a row.
TEST(CsvImportRobustness, MutatedSheetsKeepTheContract) {
  std::mt19937 rng(20261125);
  const std::vector<std::string> seeds{kSheet, csvtest::to_gbk(kSheet), "\xEF\xBB\xBF" + kSheet,
                                       replace_all(kSheet, "\n", "\r\n")};
  const std::string specials = "\",\r\n\xFF\x80\xE3";
  for (int i = 0; i < 3000; ++i) {
    std::string s = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t at = rng() % s.size();
      switch (rng() % 4) {
        case 0:
          s[at] = specials[rng() % specials.size()];
          break;
        case 1:
          s[at] = static_cast<char>(rng() % 256);
          break;
        case 2:
          s.erase(at, 1 + rng() % 8);
          break;
        default:
          s.resize(at);
          break;
      }
    }
    const auto r = import(s);
    if (r.ok()) {
      EXPECT_FALSE(r.applicants.empty());
      EXPECT_EQ(r.applicants.size(), r.rows.size());
      EXPECT_FALSE(r.encoding.empty());
    } else {
      EXPECT_TRUE(r.applicants.empty());
      for (const auto& p : r.problems) {
        EXPECT_TRUE(p.line().starts_with("applicants.csv: row ") ||
                    p.line().starts_with("applicants.csv: … and "))
            << p.line();
      }
    }
  }
}

// 所属街镇 (issue 16): an optional column in any place; each applicant keeps its town, "" where the
// cell is empty; the heading may be left out altogether (kSheet above has none).
TEST(CsvImport, TownColumnIsOptionalAndKeptPerRow) {
  const auto r = import(
      "所属街镇,类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n"
      " 赵巷镇 ,示范居委会,示例一居委会,孙某某,,示例路1号,021-0000 1003,,\n"
      ",示范居委会,示例二居委会,周某某,,示例路2号,021-0000 1004,,\n"
      "夏阳街道,示范街道(镇),示例甲街道,王某某,李某某,,021-0000 1001,,\n");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(lines(r));
  ASSERT_EQ(r.applicants.size(), 3u);
  EXPECT_EQ(r.applicants[0].town, "赵巷镇");  // trimmed like every one-line cell
  EXPECT_EQ(r.applicants[1].town, "");
  EXPECT_EQ(r.applicants[2].town, "夏阳街道");
  EXPECT_EQ(import(kSheet).applicants.at(0).town, "");
}

TEST(CsvImport, TownCellsAreHeldToTheOneLineRules) {
  std::string long_town;
  for (int i = 0; i < 201; ++i) long_town += "镇";
  const auto r = import(
      "类别,名称,负责人,联系人,地址,电话,基本情况,申报依据,所属街镇\n"
      "示范居委会,示例一居委会,孙某某,,示例路1号,021-0000 1003,,,\"赵巷\n镇\"\n"
      "示范居委会,示例二居委会,周某某,,示例路2号,021-0000 1004,,," +
      long_town + "\n示范居委会,示例三居委会,吴某某,,示例路3号,021-0000 1005,,,\u200b\n");
  EXPECT_EQ(
      lines(r),
      (std::vector<std::string>{
          "applicants.csv: row 2, column 所属街镇: expected one line of text, found the "
          "control character U+000A",
          "applicants.csv: row 3, column 所属街镇: expected at most 200 characters, found 201",
          "applicants.csv: row 4, column 所属街镇: expected visible text, found only "
          "spaces/invisible characters"}));
  EXPECT_TRUE(r.applicants.empty());
  expect_one("类别,名称,负责人,联系人,地址,电话,基本情况,申报依据,所属街镇,所属街镇\n",
             "applicants.csv: row 1: expected each column heading once, found \"所属街镇\" in "
             "columns I and J");
}

}  // namespace
}  // namespace kiosk::content
