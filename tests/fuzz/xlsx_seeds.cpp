// Writes the fuzz_xlsx seed workbooks into a folder: libxlsxwriter's (shared strings, merged
// cells, dates, numbers) and hand-made packages (inline strings, rPh, _xHHHH_, no r, absolute
// targets, 1904), so no binary seed is committed.
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "sheet_test_util.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: xlsx_seeds OUTDIR\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out);

  lxw_workbook* wb = workbook_new((out / "libxlsxwriter.xlsx").c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "申报单位");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format_index(date, 31);
  const char* header[] = {"类别", "名称", "负责人",   "联系人",
                          "地址", "电话", "基本情况", "申报依据"};
  for (lxw_col_t c = 0; c < 8; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  worksheet_merge_range(ws, 1, 0, 2, 0, "示范居委会", nullptr);
  worksheet_write_string(ws, 1, 1, "示例一居委会", nullptr);
  worksheet_write_string(ws, 1, 2, "孙某某", nullptr);
  worksheet_write_string(ws, 1, 4, "示例路1号", nullptr);
  worksheet_write_number(ws, 1, 5, 13800138000.0, nullptr);
  worksheet_write_number(ws, 1, 6, 46351, date);
  worksheet_write_formula(ws, 2, 1, "=B2&\"乙\"", nullptr);
  worksheet_write_string(ws, 2, 5, "021-abc", nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR) return 1;

  sheettest::Book b;
  b.root_target = "/xl/workbook.xml";
  b.sheet_target = "/xl/worksheets/sheet1.xml";
  b.workbook_pr = "<workbookPr date1904=\"1\"/>";
  b.shared_strings = "<sst xmlns=\"" + sheettest::kMainNs +
                     "\"><si><r><t>类别</t></r><rPh><t>るい</t></rPh></si><si/>"
                     "<si><t>a_x000D_b_xD83D__xDE00_</t></si></sst>";
  b.sheet_xml = "<worksheet xmlns=\"" + sheettest::kMainNs +
                "\"><dimension ref=\"A1\"/><sheetData><row><c t=\"s\"><v>0</v></c><c "
                "t=\"s\"><v>2</v></c></row><row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>x"
                "</t></is></c><c><f>A1</f></c><c t=\"e\"><v>#N/A</v></c><c><v>1.2E+17</v></c>"
                "</row></sheetData><mergeCells><mergeCell ref=\"B3:B9\"/></mergeCells>"
                "</worksheet>";
  kiosk::test::write_file(out / "handmade.xlsx", sheettest::make_book(b));
  return 0;
}
