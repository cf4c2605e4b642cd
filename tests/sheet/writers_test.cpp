// Workbooks written in the test by three independent writers from Debian packages —
// libxlsxwriter (C), python3-openpyxl and LibreOffice headless — read back by sheet/xlsx.hpp and
// checked by the import's rules (admin/import.hpp). A missing writer skips its test with a line.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <string>

#include "admin/import.hpp"
#include "sheet/xlsx.hpp"
#include "sheet_test_util.hpp"

namespace kiosk {
namespace {

using kiosk::test::read_file;
using kiosk::test::TempDir;
using sheettest::shell_quote;

std::string cell(const sheet::Sheet& s, std::size_t row, std::size_t col) {
  for (const auto& r : s.rows) {
    if (r.number == row) return col < r.cells.size() ? r.cells[col] : "";
  }
  return "";
}

std::vector<std::string> lines(const Problems& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.line());
  return out;
}

const char* const kHeader[] = {"类别", "名称",     "负责人",   "联系人", "地址",
                               "电话", "基本情况", "申报依据", "编号"};

TEST(Writers, LibxlsxwriterSharedStringsMergedCellsDatesAndNumbers) {
  TempDir tmp;
  const std::string path = (tmp.path() / "lxw.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  ASSERT_NE(wb, nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "申报单位");
  lxw_format* cjk_date = workbook_add_format(wb);
  format_set_num_format_index(cjk_date, 31);  // built-in yyyy"年"m"月"d"日" in a zh-CN Excel
  lxw_format* custom_date = workbook_add_format(wb);
  format_set_num_format(custom_date, "yyyy\"年\"m\"月\"d\"日\" dddd");
  lxw_format* merged = workbook_add_format(wb);
  for (lxw_col_t c = 0; c < 9; ++c) worksheet_write_string(ws, 0, c, kHeader[c], nullptr);
  // Rows 2-3 share one merged 类别 cell, as offices draw their lists.
  worksheet_merge_range(ws, 1, 0, 2, 0, "示范居委会", merged);
  worksheet_write_string(ws, 1, 1, "示例一居委会", nullptr);
  worksheet_write_string(ws, 1, 2, "孙某某", nullptr);
  worksheet_write_string(ws, 1, 4, "示例路1号", nullptr);
  worksheet_write_number(ws, 1, 5, 13800138000.0, nullptr);
  worksheet_write_string(ws, 1, 6, "第一段\n第二段", nullptr);
  worksheet_write_number(ws, 1, 7, 46351, cjk_date);
  worksheet_write_string(ws, 1, 8, "110101199001011234", nullptr);
  worksheet_write_string(ws, 2, 1, "示例二居委会", nullptr);
  worksheet_write_string(ws, 2, 2, "周某某", nullptr);
  worksheet_write_string(ws, 2, 4, "示例路2号", nullptr);
  worksheet_write_string(ws, 2, 5, "021-0000 1004", nullptr);
  worksheet_write_number(ws, 2, 6, 46351.5, custom_date);
  worksheet_write_string(ws, 2, 7, "依据", nullptr);
  worksheet_write_string(ws, 3, 0, "示范街道(镇)", nullptr);
  worksheet_write_string(ws, 3, 1, "示例甲街道", nullptr);
  worksheet_write_string(ws, 3, 2, "王某某", nullptr);
  worksheet_write_string(ws, 3, 3, "李某某", nullptr);
  worksheet_write_string(ws, 3, 5, "021-0000 1001", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const std::string bytes = read_file(path);

  auto read = sheet::read_xlsx(bytes, "lxw.xlsx");
  ASSERT_TRUE(read.ok()) << read.error().what;
  EXPECT_EQ(read->name, "申报单位");
  EXPECT_EQ(cell(*read, 1, 6), "基本情况");  // a shared string
  EXPECT_EQ(cell(*read, 2, 5), "13800138000");
  EXPECT_EQ(cell(*read, 2, 6), "第一段\n第二段");
  EXPECT_EQ(cell(*read, 2, 7), "2026-11-25");
  EXPECT_EQ(cell(*read, 2, 8), "110101199001011234");
  EXPECT_EQ(cell(*read, 3, 0), "示范居委会");  // from the merged range
  EXPECT_EQ(cell(*read, 3, 6), "2026-11-25 12:00");

  const auto r = admin::read_applicant_sheet(bytes, "lxw.xlsx");
  ASSERT_TRUE(r.ok()) << lines(r.problems)[0];
  EXPECT_EQ(r.format, "xlsx");
  EXPECT_EQ(r.sheet, "申报单位");
  EXPECT_EQ(r.header_row, 1u);
  EXPECT_EQ(r.header.size(), 9u);
  ASSERT_EQ(r.applicants.size(), 3u);
  EXPECT_EQ(r.applicants[0].id, "110101199001011234");
  EXPECT_EQ(r.applicants[0].phone, "13800138000");
  EXPECT_EQ(r.applicants[1].category, content::Category::CommitteeDemo);
  EXPECT_EQ(r.applicants[2].contact, "李某某");
  EXPECT_EQ(r.applicant_rows, (std::vector<std::size_t>{2, 3, 4}));
}

// Runs a python3-openpyxl script with OUT set to the workbook path; the workbook's bytes.
std::string openpyxl_book(const TempDir& tmp, const std::string& script) {
  const auto py = tmp.write("make.py", script);
  const auto out = tmp.path() / "openpyxl.xlsx";
  const std::string cmd =
      sheettest::python() + " " + shell_quote(py.string()) + " " + shell_quote(out.string());
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return read_file(out);
}

TEST(Writers, OpenpyxlFormulasWithoutValuesDate1904AndABadRow) {
  if (!sheettest::have_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  TempDir tmp;
  const std::string bytes = openpyxl_book(tmp, R"PY(import sys, datetime, openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904
wb = openpyxl.Workbook()
wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.title = "名单"
ws.append(["类别", "名称", "负责人", "联系人", "地址", "电话", "基本情况", "申报依据", "编号"])
ws.append(["示范街道(镇)", "示例甲街道", "王某某", "李某某", None, "021-0000 1001", "情况", "依据", "s-1"])
ws.append(["示范居委会", "示例一居委会", "孙某某", None, "示例路1号", "=A1&B1", "情况", "依据", "s-2"])
ws.append(["模范居委会", "示例二居委会", "周某某", None, "示例路2号", "021-abc", None, "依据", 123456789012345678])
ws["G4"] = datetime.date(2026, 11, 25)
ws["G4"].number_format = 'yyyy"年"m"月"d"日"'
wb.create_sheet("说明")["A1"] = "不是名单"
wb.save(sys.argv[1])
)PY");
  ASSERT_FALSE(bytes.empty());
  auto read = sheet::read_xlsx(bytes, "o.xlsx");
  ASSERT_TRUE(read.ok()) << read.error().what;
  EXPECT_EQ(read->name, "名单");
  EXPECT_EQ(cell(*read, 4, 6), "2026-11-25");  // 1904 system
  EXPECT_EQ(cell(*read, 4, 8), "");            // openpyxl wrote the int as 1.234567890123457e+17
  auto other = sheet::read_xlsx(bytes, "o.xlsx", "说明");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(cell(*other, 1, 0), "不是名单");

  const auto r = admin::read_applicant_sheet(bytes, "o.xlsx");
  EXPECT_EQ(
      lines(r.problems),
      (std::vector<std::string>{
          "o.xlsx: row 3, column 电话: expected a value, found a formula saved without its "
          "value (=A1&B1); open the sheet in Excel or WPS and save it again, or paste the "
          "values only",
          "o.xlsx: row 4, column 编号: expected text (Excel keeps only 15 digits of a number: "
          "format the column as 文本 (text) and type the digits again), found the number "
          "1.23456789012346E+17",
          "o.xlsx: row 4, column 电话: expected a telephone number, found \"021-abc\""}));
  EXPECT_TRUE(r.applicants.empty());
  ASSERT_EQ(r.rows.size(), 3u);  // the rows as read, for the console to show with the problems
  EXPECT_EQ(r.rows[2].row, 4u);
  EXPECT_EQ(r.rows[2].cells[5], "021-abc");
  const auto placed = admin::place_problems(r.problems);
  ASSERT_EQ(placed.size(), 3u);
  EXPECT_EQ(placed[2].row, 4u);
  EXPECT_EQ(placed[2].column, "电话");
  EXPECT_EQ(placed[2].message, "expected a telephone number, found \"021-abc\"");
}

TEST(Writers, LibreOfficeFromCsvNumbersDatesAndALongIdTurnedNumber) {
  const std::string soffice = sheettest::soffice();
  if (soffice.empty()) GTEST_SKIP() << "LibreOffice (libreoffice-calc-nogui) is not installed";
  TempDir tmp;
  const auto csv =
      tmp.write("lo.csv",
                "类别,名称,负责人,联系人,地址,电话,基本情况,申报依据,编号\n"
                "示范街道(镇),示例甲街道,王某某,李某某,,13800138000,2026-11-25,依据,\n"
                "示范居委会,示例一居委会,孙某某,,示例路1号,021-0000 1003,\"情况,有逗号\",依据,"
                "110101199001011234\n");
  // A profile of its own, so a running LibreOffice (or another test) is never in the way.
  const std::string cmd =
      shell_quote(soffice) + " --headless -env:UserInstallation=file://" +
      (tmp.path() / "profile").string() + " --convert-to xlsx --infilter=CSV:44,34,76,1 --outdir " +
      shell_quote(tmp.path().string()) + " " + shell_quote(csv.string()) + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  const std::string bytes = read_file(tmp.path() / "lo.xlsx");
  ASSERT_FALSE(bytes.empty());
  auto read = sheet::read_xlsx(bytes, "lo.xlsx");
  ASSERT_TRUE(read.ok()) << read.error().what;
  EXPECT_EQ(cell(*read, 2, 5), "13800138000");  // a number, shown without exponent
  EXPECT_EQ(cell(*read, 2, 6), "2026-11-25");   // a date cell (yyyy\-mm\-dd)
  EXPECT_EQ(cell(*read, 3, 6), "情况,有逗号");  // a shared string
  // LibreOffice turned the 18-digit id into a number and kept 15 digits: a problem on its cell.
  const auto r = admin::read_applicant_sheet(bytes, "lo.xlsx");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line(),
            "lo.xlsx: row 3, column 编号: expected text (Excel keeps only 15 digits of a number: "
            "format the column as 文本 (text) and type the digits again), found the number "
            "1.10101199001011E+17");
}

// A flat ODS document (what LibreOffice itself keeps) with a vertically merged 类别 and a date in a
// Chinese format (LibreOffice writes it as yyyy\年m\月d\日), converted by LibreOffice to .xlsx.
TEST(Writers, LibreOfficeFromFodsMergedCellsAndACjkDateFormat) {
  const std::string soffice = sheettest::soffice();
  if (soffice.empty()) GTEST_SKIP() << "LibreOffice (libreoffice-calc-nogui) is not installed";
  TempDir tmp;
  const auto fods = tmp.write("m.fods", R"XML(<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="N1"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="名单">
<table:table-row><table:table-cell office:value-type="string"><text:p>类别</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>名称</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>日期</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>示范居委会</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>甲</text:p></table:table-cell><table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="2026-11-25"><text:p>2026年11月25日</text:p></table:table-cell></table:table-row>
<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>乙</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="13800138000"><text:p>13800138000</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document>
)XML");
  const std::string cmd = shell_quote(soffice) + " --headless -env:UserInstallation=file://" +
                          (tmp.path() / "profile").string() + " --convert-to xlsx --outdir " +
                          shell_quote(tmp.path().string()) + " " + shell_quote(fods.string()) +
                          " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  const std::string bytes = read_file(tmp.path() / "m.xlsx");
  ASSERT_FALSE(bytes.empty());
  auto read = sheet::read_xlsx(bytes, "m.xlsx");
  ASSERT_TRUE(read.ok()) << read.error().what;
  EXPECT_EQ(read->name, "名单");
  EXPECT_EQ(cell(*read, 2, 0), "示范居委会");
  EXPECT_EQ(cell(*read, 3, 0), "示范居委会");  // the merged range, read in each row it spans
  EXPECT_EQ(cell(*read, 2, 2), "2026-11-25");
  EXPECT_EQ(cell(*read, 3, 2), "13800138000");
}

}  // namespace
}  // namespace kiosk
