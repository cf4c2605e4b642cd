// Importing a notice's applicant list from a spreadsheet (.xlsx or .csv, told apart by content)
// into a bundle directory, all or nothing; and the .xlsx template to fill in.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/csv_import.hpp"
#include "content/model.hpp"
#include "core/problem.hpp"
#include "core/result.hpp"

namespace kiosk::admin {

// One problem placed for a table: the console shows it on its row, under its column.
struct ImportProblem {
  std::size_t row = 0;  // the sheet row (header = its own row number); 0: the file or the bundle
  std::string column;   // the heading ("电话"), a letter for a column without one, "" for a row
  std::string message;  // "expected …, found …"
  std::string line;     // the whole line, as kioskctl prints it
};

// A sheet read and checked, before anything is written.
struct SheetRead {
  std::string format;                   // "xlsx" or "csv"
  std::string encoding;                 // csv: "UTF-8", "UTF-8 with BOM" or "GB18030"; xlsx: ""
  std::string sheet;                    // xlsx: the name of the sheet read
  std::size_t header_row = 0;           // 0 when no header was found
  std::vector<std::string> header;      // the header row's cells as read
  std::vector<content::SheetRow> rows;  // the data rows below it, cells as read
  std::vector<content::Applicant> applicants;  // empty unless problems is
  std::vector<std::size_t> applicant_rows;     // the sheet row of each applicant
  Problems problems;  // every problem, one line each (BUNDLE.md "CSV import")
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Reads bytes as an applicant sheet: an .xlsx workbook when they are a zip archive (sheet
// sheet_name, default the first; sheet/xlsx.hpp), a refusal that says to save as .xlsx when they
// are an OLE file (.xls, .et, a workbook with a password), else CSV (UTF-8 or GB18030). One set
// of header and row rules for both (content/csv_import.hpp): the same problems, each naming its
// row and heading. sheet_name with a CSV file is a problem (a CSV file has one sheet).
SheetRead read_applicant_sheet(std::string_view bytes, const std::string& file_name,
                               std::string_view sheet_name = {});

struct ImportOutcome {
  SheetRead sheet;
  // Every problem: the file's, then the bundle's (a missing notice, a file that does not read,
  // the bundle as the kiosk would load it with the new applicants). Nothing was written unless
  // this is empty.
  Problems problems;
  std::filesystem::path notices_path;  // DIR/notices.json
  std::size_t imported = 0;
  bool changed = false;            // notices.json was rewritten (false: same applicants)
  bool manifest_stale = false;     // DIR has a manifest.json, which no longer matches
  std::vector<std::string> notes;  // "note: FILE: row 5: a-… changed 类别 …; its reviews …"
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Replaces the applicants of notice notice_id in DIR/notices.json with the sheet's, all or
// nothing: every input is checked first (the sheet, the bundle's content files, the notice, and
// the whole bundle as the kiosk would load it with the new notices.json), then notices.json is
// written atomically, keeping its mode. An applicant re-imported under the same id and 类别
// keeps its reviews (a changed 类别 drops them, with a note). bytes nullopt: the file could not
// be read (the caller reports why); the bundle is still checked so every problem shows at once.
ImportOutcome import_applicants(const std::filesystem::path& dir, std::string_view notice_id,
                                std::optional<std::string_view> bytes, const std::string& file_name,
                                std::string_view sheet_name = {});

// Each problem of an import, with its row and column apart (content::parse_row_place).
std::vector<ImportProblem> place_problems(const Problems& problems);

// The template .xlsx: sheet 申报单位 with the import's header row (类别 名称 负责人 联系人 地址
// 电话 基本情况 申报依据 编号 所属街镇), every column formatted as text (phones and ids stay
// digits), a 类别 drop-down with the five categories' short names, a comment on each heading; sheet
// 填写说明 explains each column.
Result<std::string> applicant_template();

}  // namespace kiosk::admin
