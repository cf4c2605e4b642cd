// Reading one worksheet of an .xlsx workbook (Office Open XML, as Excel, WPS and LibreOffice save
// it) as rows of text cells, on libzip and expat; and telling workbooks from other files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace kiosk::sheet {

// What a file's first bytes say it is.
enum class FileKind {
  Xlsx,       // a zip archive (an .xlsx, or another zip: read_xlsx says which)
  OleBinary,  // an OLE compound file: .xls, .et (WPS), or an .xlsx encrypted with a password
  Text,       // anything else (a CSV sheet, or not a spreadsheet at all)
};
FileKind sniff(std::string_view bytes);

// The one line that refuses an OLE compound file: it says to save the sheet as .xlsx.
std::string ole_refusal(const std::string& file_name);

// A cell the reader could not turn into text (a formula saved without its value, an error value,
// a number too long to be exact): the row still reads, with "" in that cell.
struct CellIssue {
  std::size_t column = 0;  // 0-based: column A is 0
  std::string message;     // "expected …, found …", without the place
};

struct Row {
  std::size_t number = 0;          // the row number the spreadsheet shows (1-based)
  std::vector<std::string> cells;  // cells[0] is column A; trailing empty cells are dropped
  std::vector<CellIssue> issues;
};

struct Sheet {
  std::string name;       // the worksheet's name, as on its tab
  std::vector<Row> rows;  // ascending by number; rows with no text and no issue are left out
};

struct ReadLimits {
  std::uint64_t max_entries = 10000;             // zip entries
  std::uint64_t max_part_bytes = 128ull << 20;   // uncompressed bytes of one XML part
  std::uint64_t max_total_bytes = 256ull << 20;  // uncompressed bytes read in all
  std::size_t max_strings = 2'000'000;           // shared strings
  std::size_t max_cells = 2'000'000;             // cells with text
  std::size_t max_columns = 1024;                // a cell right of this column is a problem
  std::size_t max_rows = 1'048'576;              // Excel's own limit
};

// Reads worksheet `sheet_name` (default: the first in the workbook's tab order) of the .xlsx in
// bytes. The contract, in full:
//
// Parts: _rels/.rels names the workbook (xl/workbook.xml when it does not); the workbook's
// relationships name its sheets, shared strings and styles. Relationship targets are relative to
// the part's folder ("worksheets/sheet1.xml", "../xl/…") or absolute from the package root
// ("/xl/worksheets/sheet1.xml"); both resolve. XML namespaces are matched by URI, so prefixed
// SpreadsheetML (<x:c>) and the ISO strict namespaces read too. A DTD is refused (none is valid).
//
// Cells: shared strings (t="s": plain, rich-text runs concatenated, phonetic <rPh> runs skipped,
// empty <si/> read as ""), inline strings (t="inlineStr"), formula strings (t="str"), booleans
// (TRUE/FALSE), ISO dates (t="d") and numbers. Text is decoded from _xHHHH_ escapes (UTF-16
// units, surrogate pairs joined; _x005F_ escapes the underscore), and CR LF or CR become LF.
// Numbers are shown as a Chinese office reader expects: plain digits, never exponent notation
// (13800138000, 0.25, 1234.5), rounded to Excel's 15 significant digits. A value written as a
// plain integer ("123456789012345678", as openpyxl writes a Python int) keeps all its digits; one
// of 16 or more digits in exponent form (1.23456789012346E+17, as Excel saves it) is an issue:
// its last digits are already lost, the column must be 文本 and the digits typed again. A number
// whose style is a date (built-in formats 14-22, 45-47 and the CJK ones 27-36 and 50-58, or a
// custom format with y/m/d/h/s or 年月日 outside quotes and brackets) reads "YYYY-MM-DD",
// "YYYY-MM-DD HH:MM[:SS]" or "HH:MM[:SS]", in the 1900 system or the 1904 one (date1904).
// A formula with no cached value (openpyxl and some generators save none) and an error value
// (#N/A, #REF!…) are issues, not "".
//
// Rows and cells: a <row> or <c> without its r attribute follows the one before it; <dimension>
// is ignored (WPS writes wrong ones). Each merged range's text (its top-left cell) is read in
// every row the range spans, in the range's first column; its other columns read as empty (a
// horizontal merge does not copy text into the columns it covers).
//
// Failures (one line: "FILE: expected …, found …"): not a zip, an OLE file (ole_refusal), a
// zip that is no workbook (an .ods, a .docx…), a missing or damaged part, no such sheet (the
// line lists the sheet names), a chart sheet, and any limit above. It never throws or aborts on
// any input.
Result<Sheet> read_xlsx(std::string_view bytes, const std::string& file_name,
                        std::string_view sheet_name = {}, const ReadLimits& limits = {});

// "A", "B", … "Z", "AA", … for a 0-based column index.
std::string column_letter(std::size_t column);

}  // namespace kiosk::sheet
