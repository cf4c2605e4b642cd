// sheet/xlsx.hpp on hand-made packages: the cases no writer at hand produces (a wrong WPS
// <dimension>, rows and cells without r, absolute and ../ targets, phonetic runs, _xHHHH_
// escapes, prefixed namespaces), number and date display, and every refusal and limit.
#include <gtest/gtest.h>

#include <string>

#include "sheet/xlsx.hpp"
#include "sheet_test_util.hpp"

namespace kiosk {
namespace {

using sheettest::Book;
using sheettest::make_book;
using sheettest::worksheet;

// The text of cell (row number, column letter index), "" when absent.
std::string cell(const sheet::Sheet& s, std::size_t row, std::size_t col) {
  for (const auto& r : s.rows) {
    if (r.number == row) return col < r.cells.size() ? r.cells[col] : "";
  }
  return "";
}

sheet::Sheet read_ok(const std::string& bytes, std::string_view name = {}) {
  auto r = sheet::read_xlsx(bytes, "t.xlsx", name);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().what);
  return r.ok() ? std::move(r).value() : sheet::Sheet{};
}

TEST(XlsxHandMade, WrongDimensionAndRowsAndCellsWithoutR) {
  Book b;
  b.sheet_xml = "<worksheet xmlns=\"" + sheettest::kMainNs +
                "\"><dimension ref=\"A1\"/><sheetData>"
                "<row><c t=\"inlineStr\"><is><t>a1</t></is></c><c t=\"inlineStr\"><is><t>b1</t>"
                "</is></c></row>"
                "<row><c r=\"C2\" t=\"inlineStr\"><is><t>c2</t></is></c><c><v>7</v></c></row>"
                "<row r=\"5\"><c t=\"inlineStr\"><is><t>a5</t></is></c></row>"
                "<row><c r=\"B6\" t=\"inlineStr\"><is><t>b6</t></is></c></row>"
                "</sheetData></worksheet>";
  const auto s = read_ok(make_book(b));
  ASSERT_EQ(s.rows.size(), 4u);
  EXPECT_EQ(cell(s, 1, 0), "a1");
  EXPECT_EQ(cell(s, 1, 1), "b1");
  EXPECT_EQ(cell(s, 2, 2), "c2");
  EXPECT_EQ(cell(s, 2, 3), "7");  // follows C2
  EXPECT_EQ(cell(s, 5, 0), "a5");
  EXPECT_EQ(cell(s, 6, 1), "b6");  // the row after 5
  EXPECT_EQ(s.name, "Sheet1");
}

TEST(XlsxHandMade, AbsoluteAndDotDotTargetsAndPrefixedNamespace) {
  Book b;
  b.root_target = "/xl/workbook.xml";
  b.sheet_target = "/xl/worksheets/sheet1.xml";
  b.sst_target = "../xl/./sharedStrings.xml";
  b.shared_strings =
      "<x:sst xmlns:x=\"" + sheettest::kMainNs + "\"><x:si><x:t>共享</x:t></x:si></x:sst>";
  b.sheet_xml = "<x:worksheet xmlns:x=\"" + sheettest::kMainNs +
                "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c>"
                "</x:row></x:sheetData></x:worksheet>";
  EXPECT_EQ(cell(read_ok(make_book(b)), 1, 0), "共享");
}

TEST(XlsxHandMade, RichTextPhoneticRunsEmptyStringsAndEscapes) {
  Book b;
  b.shared_strings =
      "<sst xmlns=\"" + sheettest::kMainNs +
      "\"><si><r><t>示例</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">街道 </t></r>"
      "<rPh sb=\"0\" eb=\"2\"><t>しれい</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si/><si><t/></si>"
      "<si><t>第一行_x000D_\n第二行_x000D_第三行</t></si>"
      "<si><t>_x005F_x000D_ 与 _x0041_ 与 _xD83D__xDE00_</t></si></sst>";
  b.sheet_xml = worksheet(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
      "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
      "<c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"inlineStr\"><is><r><t>内</t></r>"
      "<r><t>联</t></r><rPh><t>ない</t></rPh></is></c>"
      "<c r=\"G1\" t=\"str\"><f>A1</f><v>公式_x000D_结果</v></c></row>");
  const auto s = read_ok(make_book(b));
  EXPECT_EQ(cell(s, 1, 0), "示例街道 ");
  EXPECT_EQ(cell(s, 1, 1), "");
  EXPECT_EQ(cell(s, 1, 2), "");
  EXPECT_EQ(cell(s, 1, 3), "第一行\n第二行\n第三行");
  EXPECT_EQ(cell(s, 1, 4), "_x000D_ 与 A 与 😀");
  EXPECT_EQ(cell(s, 1, 5), "内联");
  EXPECT_EQ(cell(s, 1, 6), "公式\n结果");
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_TRUE(s.rows[0].issues.empty());
}

// Styles: xf 0 General, 1 built-in 14, 2 CJK 31 (yyyy"年"m"月"d"日"), 3 custom date,
// 4 built-in time 20, 5 CJK time 32, 6 custom text-ish "0.00", 7 datetime 22.
const std::string kStyles =
    "<styleSheet xmlns=\"" + sheettest::kMainNs +
    "\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月"
    "&quot;d&quot;日&quot;;@\"/><numFmt numFmtId=\"165\" formatCode=\"[Red]0.00\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs count=\"8\">"
    "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"31\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"20\"/><xf numFmtId=\"32\"/><xf numFmtId=\"165\"/><xf numFmtId=\"22\"/>"
    "</cellXfs></styleSheet>";

TEST(XlsxHandMade, NumbersAsAChineseReaderExpects) {
  Book b;
  b.styles = kStyles;
  b.sheet_xml = worksheet(
      "<row r=\"1\"><c><v>13800138000</v></c><c><v>0.30000000000000004</v></c><c><v>1234.5</v>"
      "</c><c><v>-0.25</v></c><c><v>1E-3</v></c><c><v>123456789012345678</v></c>"
      "<c s=\"6\"><v>2.5</v></c><c t=\"b\"><v>1</v></c><c><v>1.5E+3</v></c></row>"
      "<row r=\"2\"><c><v>1.2345678901234568E+17</v></c><c t=\"e\"><v>#N/A</v></c>"
      "<c><f>B1*2</f></c><c><f>B1*2</f><v></v></c><c><v>abc</v></c></row>");
  const auto s = read_ok(make_book(b));
  EXPECT_EQ(cell(s, 1, 0), "13800138000");
  EXPECT_EQ(cell(s, 1, 1), "0.3");
  EXPECT_EQ(cell(s, 1, 2), "1234.5");
  EXPECT_EQ(cell(s, 1, 3), "-0.25");
  EXPECT_EQ(cell(s, 1, 4), "0.001");
  EXPECT_EQ(cell(s, 1, 5), "123456789012345678");  // every digit was in the file
  EXPECT_EQ(cell(s, 1, 6), "2.5");
  EXPECT_EQ(cell(s, 1, 7), "TRUE");
  EXPECT_EQ(cell(s, 1, 8), "1500");
  ASSERT_EQ(s.rows.size(), 2u);
  const auto& issues = s.rows[1].issues;
  ASSERT_EQ(issues.size(), 5u);
  EXPECT_EQ(issues[0].column, 0u);
  EXPECT_EQ(issues[0].message,
            "expected text (Excel keeps only 15 digits of a number: format the column as 文本 "
            "(text) and type the digits again), found the number 1.23456789012346E+17");
  EXPECT_EQ(issues[1].message, "expected a value, found the error #N/A");
  EXPECT_EQ(issues[2].column, 2u);
  EXPECT_EQ(issues[2].message,
            "expected a value, found a formula saved without its value (=B1*2); open the sheet "
            "in Excel or WPS and save it again, or paste the values only");
  EXPECT_EQ(issues[3].column, 3u);
  EXPECT_EQ(issues[4].message, "expected a number, found abc");
}

TEST(XlsxHandMade, DatesInBothSystemsAndCjkFormats) {
  for (const bool is1904 : {false, true}) {
    Book b;
    b.styles = kStyles;
    if (is1904) b.workbook_pr = "<workbookPr date1904=\"1\"/>";
    const std::string serial = is1904 ? "44889" : "46351";  // 2026-11-25
    b.sheet_xml = worksheet("<row r=\"1\"><c s=\"1\"><v>" + serial + "</v></c><c s=\"2\"><v>" +
                            serial + "</v></c><c s=\"3\"><v>" + serial + "</v></c><c s=\"4\"><v>" +
                            "0.5</v></c><c s=\"5\"><v>0.75</v></c><c s=\"7\"><v>" + serial +
                            ".375</v></c><c t=\"d\"><v>2026-11-25T09:30:00</v></c></row>");
    const auto s = read_ok(make_book(b));
    SCOPED_TRACE(is1904 ? "1904" : "1900");
    EXPECT_EQ(cell(s, 1, 0), "2026-11-25");
    EXPECT_EQ(cell(s, 1, 1), "2026-11-25");
    EXPECT_EQ(cell(s, 1, 2), "2026-11-25");
    EXPECT_EQ(cell(s, 1, 3), "12:00");
    EXPECT_EQ(cell(s, 1, 4), "18:00");
    EXPECT_EQ(cell(s, 1, 5), "2026-11-25 09:00");
    EXPECT_EQ(cell(s, 1, 6), "2026-11-25 09:30");
  }
}

TEST(XlsxHandMade, MergedRangesReadDownTheirFirstColumn) {
  Book b;
  b.sheet_xml = worksheet(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>类</t></is></c><c r=\"B1\" "
      "t=\"inlineStr\"><is><t>宽</t></is></c></row><row r=\"2\"><c r=\"B2\" t=\"inlineStr\">"
      "<is><t>x</t></is></c></row><row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>y</t></is>"
      "</c></row>",
      "<mergeCells count=\"2\"><mergeCell ref=\"A1:A3\"/><mergeCell ref=\"B1:C1\"/>"
      "<mergeCell ref=\"A5:A1048576\"/></mergeCells>");
  const auto s = read_ok(make_book(b));
  EXPECT_EQ(cell(s, 2, 0), "类");
  EXPECT_EQ(cell(s, 3, 0), "类");
  EXPECT_EQ(cell(s, 1, 2), "");  // a horizontal merge copies nothing sideways
  EXPECT_EQ(s.rows.size(), 3u);
}

TEST(XlsxHandMade, SheetByNameAndAnUnknownName) {
  Book b;
  b.sheet_name = "名单";
  b.more_sheets = {"说明", "其他"};
  b.sheet_xml = worksheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>first</t></is></c></row>");
  const std::string bytes = make_book(b);
  EXPECT_EQ(cell(read_ok(bytes), 1, 0), "first");
  EXPECT_EQ(cell(read_ok(bytes, "其他"), 1, 0), "其他");
  const auto r = sheet::read_xlsx(bytes, "t.xlsx", "Sheet9");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().what,
            "t.xlsx: expected a sheet named \"Sheet9\", found \"名单\", \"说明\", \"其他\"");
}

std::string error_of(const std::string& bytes, const sheet::ReadLimits& limits = {}) {
  const auto r = sheet::read_xlsx(bytes, "t.xlsx", {}, limits);
  return r.ok() ? "(read)" : r.error().what;
}

TEST(XlsxRefusals, OleFilesSayToSaveAsXlsx) {
  std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  ole.resize(4096, '\0');
  EXPECT_EQ(sheet::sniff(ole), sheet::FileKind::OleBinary);
  const std::string line = error_of(ole);
  EXPECT_EQ(line, sheet::ole_refusal("t.xlsx"));
  EXPECT_NE(line.find("save it as .xlsx"), std::string::npos);
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(XlsxRefusals, OtherZipsDamageDtdsAndMissingParts) {
  EXPECT_EQ(error_of(sheettest::make_zip(
                {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}})),
            "t.xlsx: expected an .xlsx workbook (Excel 工作簿), found an OpenDocument spreadsheet "
            "(.ods); open it in Excel or WPS and save it as .xlsx");
  EXPECT_EQ(error_of("PK\x03\x04 not really a zip"),
            "t.xlsx: expected an .xlsx workbook (a zip archive), found a damaged zip archive "
            "(Not a zip archive)");
  EXPECT_EQ(error_of(""),
            "t.xlsx: expected an .xlsx workbook (a zip archive starting with PK), found an empty "
            "file");
  Book b;
  b.sheet_xml = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>" + worksheet("");
  EXPECT_EQ(error_of(make_book(b)),
            "t.xlsx: sheet \"Sheet1\": xl/worksheets/sheet1.xml: expected XML without a DTD, "
            "found a <!DOCTYPE>");
  b.sheet_xml = worksheet("<row><c>");
  EXPECT_NE(error_of(make_book(b)).find("expected well-formed XML"), std::string::npos);
  b.sheet_xml = worksheet("");
  b.sheet_part = "xl/worksheets/elsewhere.xml";
  EXPECT_EQ(error_of(make_book(b)),
            "t.xlsx: sheet \"Sheet1\": expected the part xl/worksheets/sheet1.xml in the "
            "workbook, found none");
}

TEST(XlsxRefusals, ZipBombsAndTooManyParts) {
  Book b;
  b.sheet_xml = worksheet(std::string(3u << 20, ' '));  // 3 MiB of spaces deflate to a few KiB
  const std::string bomb = make_book(b);
  EXPECT_LT(bomb.size(), 64u * 1024);
  sheet::ReadLimits limits;
  limits.max_part_bytes = 1u << 20;
  EXPECT_EQ(error_of(bomb, limits),
            "t.xlsx: sheet \"Sheet1\": expected at most 1 MiB in xl/worksheets/sheet1.xml once "
            "unpacked, found more");
  limits = {};
  limits.max_total_bytes = 2u << 20;
  EXPECT_NE(error_of(bomb, limits).find("expected at most 2 MiB of workbook once unpacked"),
            std::string::npos);

  sheettest::Parts many;
  for (int i = 0; i < 30; ++i) many.emplace_back("f" + std::to_string(i), "x");
  limits = {};
  limits.max_entries = 20;
  EXPECT_EQ(error_of(sheettest::make_zip(many), limits),
            "t.xlsx: expected at most 20 parts in an .xlsx workbook, found 30");

  b.sheet_xml = worksheet(
      "<row r=\"1\"><c r=\"XFD1\" t=\"inlineStr\"><is><t>far</t></is></c>"
      "</row>");
  EXPECT_EQ(error_of(make_book(b)),
            "t.xlsx: sheet \"Sheet1\": xl/worksheets/sheet1.xml: row 1: expected at most 1024 "
            "columns, found a cell in column XFD");
}

}  // namespace
}  // namespace kiosk
