// libFuzzer target: the .xlsx reader (zip, XML parts, cells) and the import's row rules on what it
// reads. Seeds: tests/fuzz/xlsx/ plus workbooks xlsx_seeds writes at build time.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/csv_import.hpp"
#include "sheet/xlsx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kiosk::sheet::ReadLimits limits;
  limits.max_part_bytes = 16u << 20;  // a zip bomb is cut off here, not by the fuzzer's rss limit
  limits.max_total_bytes = 32u << 20;
  limits.max_cells = 200000;
  const auto read = kiosk::sheet::read_xlsx(bytes, "fuzz.xlsx", {}, limits);
  if (!read.ok()) {
    if (read.error().what.find('\n') != std::string::npos) __builtin_trap();
    return 0;
  }
  std::vector<kiosk::content::SheetRow> rows;
  std::size_t last = 0;
  for (const auto& r : read->rows) {
    if (r.number <= last) __builtin_trap();  // ascending, no repeats
    last = r.number;
    if (r.cells.size() > limits.max_columns) __builtin_trap();
    kiosk::content::SheetRow row{r.number, r.cells, {}};
    for (const auto& i : r.issues) {
      if (i.column >= limits.max_columns) __builtin_trap();
      row.issues.push_back({i.column, i.message});
    }
    rows.push_back(std::move(row));
  }
  const auto imported = kiosk::content::import_applicant_rows(rows, "fuzz.xlsx");
  if (!imported.problems.empty() && !imported.applicants.empty()) __builtin_trap();
  for (const auto& p : imported.problems) {
    if (p.line().find('\n') != std::string::npos) __builtin_trap();
  }
  return 0;
}
