// Problem: one user-facing error line, "FILE: PATH: what was expected, what was found".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk {

struct Problem {
  std::string file;   // e.g. "notices.json" or "applicants.csv"; may be empty
  std::string where;  // JSON path ("notices[0].applicants[12].phone"), "row 5, column 电话", …
  std::string message;  // "expected a telephone number, found \"\""

  // The one line shown to a person and asserted by tests.
  [[nodiscard]] std::string line() const;
  bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

// At most this many problems are kept per file; one last line says how many more there were.
inline constexpr std::size_t kMaxProblemsPerFile = 200;

// One file's problems as a reader finds them (JSON paths, CSV rows …): each report() appends
// "FILE: WHERE: message" to the list until kMaxProblemsPerFile, then only counts; finish() adds
// the "… and N more problems" line when some were dropped.
class FileProblems {
 public:
  FileProblems(std::string file, Problems& problems)
      : file_(std::move(file)), problems_(problems) {}
  void report(const std::string& where, std::string message);
  [[nodiscard]] std::size_t count() const { return count_; }
  [[nodiscard]] const std::string& file() const { return file_; }
  // Adds the "… and N more problems" line when problems were dropped.
  void finish();

 private:
  std::string file_;
  Problems& problems_;
  std::size_t count_ = 0;
};

// The one wording of problems left out of a list: "and 1 more problem", "and 300 more problems".
[[nodiscard]] std::string more_problems(std::size_t count);
// The line that ends a list cut at a cap (json::Context, the CSV importer):
// "FILE: … and 300 more problems".
[[nodiscard]] Problem more_problems_line(std::string file, std::size_t count);
// One line for a whole list: the first problem's line, plus " (and N more problem[s])" when there
// are others; "" for none. For the sync round's result, start-up notes and --content errors.
[[nodiscard]] std::string first_problem_line(const Problems& problems);

// Renders a found value for an error message: quoted, shortened to about 40 characters at a
// UTF-8 boundary, control characters escaped, so a bad byte never garbles the terminal.
std::string quote_found(std::string_view value);

}  // namespace kiosk
