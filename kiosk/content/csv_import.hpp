// Import of one notice's applicant list from a spreadsheet saved as CSV (BUNDLE.md "CSV import").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.hpp"
#include "core/problem.hpp"

namespace kiosk::content {

// A cell that a workbook reader could not turn into text (a formula saved without its value …).
struct CellProblem {
  std::size_t column = 0;  // 0-based: column A is 0
  std::string message;     // "expected …, found …"
};

// One row of a sheet as text cells, from a CSV file or a workbook (sheet/xlsx.hpp).
struct SheetRow {
  std::size_t row = 0;             // the row number the spreadsheet shows, 1-based
  std::vector<std::string> cells;  // cells[0] is column A
  std::vector<CellProblem> issues;
};

struct CsvImport {
  // The applicants in sheet order, without reviews (the sheet has no review columns). Empty
  // whenever problems is not: nothing half-valid is ever returned.
  std::vector<Applicant> applicants;
  std::vector<std::size_t> rows;  // the sheet row of each applicant (header = row 1)
  // One line each, "FILE: row 5, column 电话: expected …, found …"; at most
  // kMaxProblemsPerFile (core/problem.hpp), then one "… and N more problems" line.
  Problems problems;
  std::string encoding;  // "UTF-8", "UTF-8 with BOM" or "GB18030"; empty when not decodable
  // Every non-empty row from the header on, cells as read (before trimming), so a caller can show
  // the sheet with each problem on its row; kept whether or not there were problems. Empty when
  // there was no header.
  std::vector<SheetRow> table;
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Reads a CSV file's bytes as an applicant list. The contract, in full:
//
// Encoding: a UTF-8 byte order mark means UTF-8; else valid UTF-8 is UTF-8; else the bytes are
// converted from GB18030 (a superset of GBK, what Chinese Excel saves). Bytes that are neither
// give one problem naming the row, the column (its heading once the header is read) and the
// character in the cell of the first bad byte. UTF-16 (a UTF-16 BOM) is refused.
//
// Syntax (RFC 4180): comma separator; fields may be quoted with "" for a quote and may then hold
// commas and line breaks (CRLF and CR inside a field become \n); rows end with CRLF, LF or CR; the
// last row needs no line break. Rows are numbered as a spreadsheet shows them: every record counts
// (blank ones too, a multi-line field is one row), the first is row 1. A row whose cells are all
// empty is skipped. An unterminated quote is a problem on the row where it opened; text after a
// closing quote and before the next comma is a problem.
//
// Header: the first non-empty row. The columns 类别 名称 负责人 联系人 地址 电话 基本情况 申报依据
// are all required (one sheet holds street and committee applicants alike, so both 联系人 and 地址
// are always there), 编号 and 所属街镇 are optional; any order. Headings and one-line cells are
// trimmed of surrounding spaces, tabs and U+3000. A missing, unknown or repeated heading is a
// problem on the header row and then no data row is checked. A column with an empty heading must be
// empty.
//
// Data rows: 类别 is the short Chinese name, the full title (full-width parentheses accepted) or
// the code (street_demo …). Street categories use 联系人 and must leave 地址 empty, committee
// categories the reverse. 名称, 负责人, 电话 must be non-empty; text rules (text_rules.hpp, the
// same as notices.json's: no control characters, no U+2028/U+2029 in one-line cells, no cell that
// shows only spaces or invisible characters) and lengths as SCHEMA.md (名称 200, 负责人/联系人 50,
// 地址 and 所属街镇 200 (所属街镇 may be empty), 电话 a telephone number, 基本情况/申报依据
// paragraphs of up to 10,000 characters with newlines; paragraphs lose trailing white space and
// leading blank lines). The id is 编号 when that cell is filled ([A-Za-z0-9_-]{1,64}), else
// derived_applicant_id(). Ids and 类别+名称 pairs are unique; a repeat names both rows. At least
// one and at most limits::kMaxApplicantsPerNotice data rows; at most limits::kMaxFileBytes of
// input. Every problem is reported (up to the cap), each naming its row and, where it has one,
// column.
CsvImport import_applicants_csv(std::string_view bytes, const std::string& file_name);

// The same rules as import_applicants_csv from "Header:" on, for rows a workbook reader read
// (ascending row numbers). A row's issues are problems on their cells ("row 5, column 电话:
// expected a value, found a formula saved without its value (=…)"), reported instead of that
// cell's own checks.
CsvImport import_applicant_rows(const std::vector<SheetRow>& rows, const std::string& file_name);
using ApplicantImport = CsvImport;

// The headings the import reads, in the template's order: 类别 名称 负责人 联系人 地址 电话
// 基本情况 申报依据 (required), 编号 and 所属街镇 (optional).
const std::vector<std::string>& applicant_headings();

// The row and column of a problem's where ("row 5, column 电话" -> 5, "电话"; "row 1" -> 1, "").
struct RowPlace {
  std::size_t row = 0;
  std::string column;  // a heading, or a letter for a column without one; "" for the whole row
};
std::optional<RowPlace> parse_row_place(std::string_view where);

// The id given to an applicant whose 编号 is empty: "a-" and the first 12 hex digits of the
// SHA-256 of "category_code|name", so importing the same sheet again keeps the ids.
std::string derived_applicant_id(Category category, std::string_view name);

}  // namespace kiosk::content
