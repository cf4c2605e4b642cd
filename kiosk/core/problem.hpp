// Problem: one user-facing error line, "FILE: PATH: what was expected, what was found".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct Problem {
  std::string file;     // e.g. "notices.json" or "applicants.csv"; may be empty
  std::string where;    // JSON path ("notices[0].applicants[12].phone"), "row 5, column 电话", …
  std::string message;  // "expected a telephone number, found \"\""

  // The one line shown to a person and asserted by tests.
  [[nodiscard]] std::string line() const;
  bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

// Renders a found value for an error message: quoted, shortened to about 40 characters at a
// UTF-8 boundary, control characters escaped, so a bad byte never garbles the terminal.
std::string quote_found(std::string_view value);

}  // namespace kiosk
