// Formatting of Problem lines, and FileProblems' cap.
#include "core/problem.hpp"

#include <cstdio>

#include "core/utf8.hpp"

namespace kiosk {

std::string Problem::line() const {
  std::string out;
  if (!file.empty()) out += file + ": ";
  if (!where.empty()) out += where + ": ";
  out += message;
  return out;
}

std::string more_problems(std::size_t count) {
  return "and " + std::to_string(count) + " more problem" + (count == 1 ? "" : "s");
}

Problem more_problems_line(std::string file, std::size_t count) {
  return {std::move(file), "", "… " + more_problems(count)};
}

std::string first_problem_line(const Problems& problems) {
  if (problems.empty()) return "";
  std::string line = problems.front().line();
  if (problems.size() > 1) line += " (" + more_problems(problems.size() - 1) + ")";
  return line;
}

void FileProblems::report(const std::string& where, std::string message) {
  if (count_++ < kMaxProblemsPerFile) problems_.push_back({file_, where, std::move(message)});
}

void FileProblems::finish() {
  if (count_ > kMaxProblemsPerFile) {
    problems_.push_back(more_problems_line(file_, count_ - kMaxProblemsPerFile));
  }
}

std::string quote_found(std::string_view value) {
  constexpr std::size_t kMaxCodepoints = 40;
  std::string out = "\"";
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < value.size()) {
    if (count == kMaxCodepoints) {
      out += "…";
      break;
    }
    const auto decoded = utf8::decode(value, pos);
    if (!decoded.valid) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(value[pos]));
      out += buf;
      pos += 1;
    } else if (decoded.codepoint < 0x20 || decoded.codepoint == 0x7F || decoded.codepoint == '"' ||
               decoded.codepoint == '\\') {
      switch (decoded.codepoint) {
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        default: {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(decoded.codepoint));
          out += buf;
        }
      }
      pos += decoded.length;
    } else {
      out.append(value.substr(pos, decoded.length));
      pos += decoded.length;
    }
    ++count;
  }
  out += "\"";
  return out;
}

}  // namespace kiosk
