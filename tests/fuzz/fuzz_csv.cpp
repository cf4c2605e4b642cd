// libFuzzer target: the CSV importer (encoding detection, RFC 4180, header and row checks).
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/csv_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto result = kiosk::content::import_applicants_csv(
      std::string_view(reinterpret_cast<const char*>(data), size), "applicants.csv");
  // Nothing half-valid: applicants only when there was no problem; one line per problem.
  if (!result.problems.empty() && !result.applicants.empty()) __builtin_trap();
  if (result.applicants.size() != result.rows.size()) __builtin_trap();
  for (const auto& p : result.problems) {
    if (p.line().find('\n') != std::string::npos) __builtin_trap();
  }
  return 0;
}
