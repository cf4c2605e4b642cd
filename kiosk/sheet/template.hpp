// Writing a fill-in template .xlsx (header row, text columns, drop-down lists, a help sheet) with
// libxlsxwriter, for the applicant import.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace kiosk::sheet {

struct TemplateColumn {
  std::string heading;               // row 1
  std::string help;                  // a comment on the heading and a line on the help sheet
  double width = 16;                 // in Excel's character widths
  bool text = true;                  // formatted as text (@): digits stay digits (phones, ids)
  bool wrap = false;                 // long paragraphs: wrapped
  std::vector<std::string> choices;  // when not empty: a drop-down list with only these values
};

struct Template {
  std::string sheet_name;               // the sheet to fill in (first tab)
  std::vector<TemplateColumn> columns;  // in order, from column A
  std::size_t rows = 1000;              // data rows (below the header) the formats and lists cover
  std::string help_sheet_name;          // second tab: help lines, then one line per column
  std::vector<std::string> help_lines;
};

// The workbook's bytes. libxlsxwriter writes files only, so it goes through a private temporary
// file in $TMPDIR (or /tmp) that is removed before returning. Errors: one line naming the step.
Result<std::string> write_template(const Template& t);

}  // namespace kiosk::sheet
