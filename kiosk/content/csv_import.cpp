// CSV import of applicant lists: encoding detection (iconv for GB18030), RFC 4180 records, checks.
#include "content/csv_import.hpp"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <utility>

#include "content/limits.hpp"
#include "content/parse.hpp"
#include "content/text_rules.hpp"
#include "core/files.hpp"
#include "core/utf8.hpp"
#include "crypto/sha256.hpp"
#include "json/reader.hpp"

namespace kiosk::content {
namespace {

using json::TextRule;

// ---------------------------------------------------------------------------------------------
// Records (RFC 4180)

struct Record {
  std::size_t row = 0;  // spreadsheet row number, 1-based
  std::vector<std::string> fields;
  std::vector<CellProblem> issues;  // cells a workbook reader could not read (never from CSV)
};

struct TrailingText {  // text after a closing quote, before the next comma or row end
  std::size_t row = 0;
  std::size_t field = 0;
  std::string text;
};

struct Records {
  std::vector<Record> records;
  std::size_t next_row = 1;                     // the row any further text would be on
  std::optional<std::size_t> unterminated_row;  // a quote that never closed, opened on this row
  std::size_t unterminated_field = 0;
  std::vector<TrailingText> trailing;
};

// Splits text into records. Works on UTF-8 and on raw GB18030 alike: the bytes it looks at
// (" , CR LF) never occur inside a multi-byte character of either encoding.
Records split_records(std::string_view text) {
  Records out;
  std::size_t pos = 0;
  const std::size_t n = text.size();
  while (pos < n) {
    Record rec;
    rec.row = out.next_row;
    while (true) {  // one field per iteration
      std::string field;
      if (pos < n && text[pos] == '"') {
        ++pos;
        bool closed = false;
        while (pos < n) {
          const char c = text[pos];
          if (c == '"') {
            if (pos + 1 < n && text[pos + 1] == '"') {
              field += '"';
              pos += 2;
              continue;
            }
            ++pos;
            closed = true;
            break;
          }
          if (c == '\r') {  // CRLF or a lone CR inside a field: one \n
            field += '\n';
            pos += (pos + 1 < n && text[pos + 1] == '\n') ? 2 : 1;
            continue;
          }
          // Plain text up to the next quote or CR, in one piece.
          std::size_t stop = text.find_first_of("\"\r", pos);
          if (stop == std::string_view::npos) stop = n;
          field.append(text.substr(pos, stop - pos));
          pos = stop;
        }
        if (!closed) {
          out.unterminated_row = rec.row;
          out.unterminated_field = rec.fields.size();
          rec.fields.push_back(std::move(field));
          out.records.push_back(std::move(rec));
          return out;  // the rest of the file was swallowed by the open quote
        }
        // Anything up to the next separator is out of place; keep it, but report it.
        const std::size_t start = pos;
        while (pos < n && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n') ++pos;
        if (pos > start) {
          out.trailing.push_back(
              {rec.row, rec.fields.size(), std::string(text.substr(start, pos - start))});
          field.append(text.substr(start, pos - start));
        }
      } else {
        const std::size_t start = pos;
        while (pos < n && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n') ++pos;
        field.assign(text.substr(start, pos - start));
      }
      rec.fields.push_back(std::move(field));
      if (pos < n && text[pos] == ',') {
        ++pos;
        continue;  // a comma at the very end still opens an (empty) last field
      }
      break;
    }
    if (pos < n && text[pos] == '\r') ++pos;
    if (pos < n && text[pos] == '\n') ++pos;
    out.records.push_back(std::move(rec));
    ++out.next_row;
  }
  return out;
}

// "row 5, column 名称" and "at character 2" for the byte at offset in raw, the undecoded file
// (gb18030: how its text before the byte reads), so an encoding error names its cell and where in
// it, as every other problem does. Defined after the columns.
struct Place {
  std::string where;
  std::size_t character = 1;
};
Place place_of_offset(std::string_view raw, std::size_t offset, bool gb18030);

// ---------------------------------------------------------------------------------------------
// Encoding

std::string hex_byte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(b));
  return buf;
}

struct Converted {
  std::optional<std::string> text;
  std::size_t bad_offset = 0;  // when !text
};

Converted from_gb18030(std::string_view bytes) {
  Converted out;
  iconv_t cd = ::iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1))) return out;
  std::string input(bytes);
  std::string result(bytes.size() * 2 + 16, '\0');  // a GB18030 character never grows beyond 2×
  char* in = input.data();
  std::size_t in_left = input.size();
  char* dst = result.data();
  std::size_t out_left = result.size();
  bool ok = true;
  while (in_left > 0) {
    if (::iconv(cd, &in, &in_left, &dst, &out_left) != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) {  // not expected given the bound above, but stay correct
      const std::size_t used = result.size() - out_left;
      result.resize(result.size() * 2);
      dst = result.data() + used;
      out_left = result.size() - used;
      continue;
    }
    ok = false;  // EILSEQ or EINVAL (a truncated character at the end)
    break;
  }
  ::iconv_close(cd);
  if (ok) {
    result.resize(result.size() - out_left);
    out.text = std::move(result);
  } else {
    out.bad_offset = static_cast<std::size_t>(in - input.data());
  }
  return out;
}

// Whether the first line holding a byte >= 0x80 is valid UTF-8 (false when there is none).
bool first_non_ascii_line_is_utf8(std::string_view bytes) {
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = bytes.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = bytes.substr(start, end - start);
    for (const char c : line) {
      if (static_cast<unsigned char>(c) >= 0x80) return !utf8::first_invalid(line);
    }
    start = end + 1;
  }
  return false;
}

std::string at_character(const Place& place) {
  return " at character " + std::to_string(place.character);
}

// Decodes bytes to UTF-8, setting result.encoding; reports and returns nullopt when impossible.
std::optional<std::string> decode(std::string_view bytes, FileProblems& ctx, CsvImport& result) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    ctx.report("row 1",
               "expected UTF-8 or GB18030 text (Excel: save as \"CSV UTF-8\" or \"CSV\"), "
               "found UTF-16 (a UTF-16 byte order mark)");
    return std::nullopt;
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    const std::string_view body = bytes.substr(3);
    if (const auto bad = utf8::first_invalid(body)) {
      const Place place = place_of_offset(body, *bad, false);
      ctx.report(
          place.where,
          "expected UTF-8 text (the file starts with a UTF-8 byte order mark), found the byte " +
              hex_byte(static_cast<unsigned char>(body[*bad])) + at_character(place));
      return std::nullopt;
    }
    result.encoding = "UTF-8 with BOM";
    return std::string(body);
  }
  const auto bad_utf8 = utf8::first_invalid(bytes);
  if (!bad_utf8) {
    result.encoding = "UTF-8";
    return std::string(bytes);
  }
  // The first line that is not plain ASCII decides: when it is good UTF-8 (a GBK header never is),
  // the file is UTF-8 with a damaged byte further on, not GB18030 to be read as mojibake.
  if (first_non_ascii_line_is_utf8(bytes)) {
    const Place place = place_of_offset(bytes, *bad_utf8, false);
    ctx.report(place.where, "expected UTF-8 text like the rows before it, found the byte " +
                                hex_byte(static_cast<unsigned char>(bytes[*bad_utf8])) +
                                at_character(place));
    return std::nullopt;
  }
  Converted c = from_gb18030(bytes);
  if (!c.text) {
    const Place place = place_of_offset(bytes, c.bad_offset, true);
    ctx.report(place.where, "expected UTF-8 or GB18030 (GBK) text, found the byte " +
                                hex_byte(static_cast<unsigned char>(bytes[c.bad_offset])) +
                                at_character(place));
    return std::nullopt;
  }
  result.encoding = "GB18030";
  return std::move(c.text);
}

// ---------------------------------------------------------------------------------------------
// Columns and cells

// The optional columns come last (Id, Town): a header without them is a whole header.
enum class Column { Category, Name, Leader, Contact, Address, Phone, Summary, Basis, Id, Town };
constexpr std::size_t kColumnCount = 10;
constexpr std::size_t kRequiredColumns = 8;
constexpr std::array<std::string_view, kColumnCount> kHeadings{
    "类别", "名称", "负责人", "联系人", "地址", "电话", "基本情况", "申报依据", "编号", "所属街镇"};

std::string_view heading(Column c) { return kHeadings[static_cast<std::size_t>(c)]; }

std::string accepted_headings() {
  std::string out;
  for (std::size_t c = 0; c < kRequiredColumns; ++c) {
    if (!out.empty()) out += ", ";
    out += kHeadings[c];
  }
  return out + " and optionally 编号, 所属街镇";
}

// "A", "B", … "Z", "AA", … as a spreadsheet names column index i (0-based).
std::string column_letter(std::size_t i) {
  std::string out;
  ++i;
  while (i > 0) {
    const std::size_t rem = (i - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    i = (i - 1) / 26;
  }
  return out;
}

constexpr std::string_view kIdeographicSpace = "\u3000";

// Trims spaces, tabs and U+3000 at both ends.
std::string trim(std::string_view s) {
  while (true) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
      s.remove_prefix(1);
    } else if (s.starts_with(kIdeographicSpace)) {
      s.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
      s.remove_suffix(1);
    } else if (s.ends_with(kIdeographicSpace)) {
      s.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return std::string(s);
}

// A paragraph loses trailing white space and leading blank lines; its indentation stays.
std::string trim_paragraph(std::string_view s) {
  while (true) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
      s.remove_suffix(1);
    } else if (s.ends_with(kIdeographicSpace)) {
      s.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  while (true) {
    const auto nl = s.find('\n');
    if (nl == std::string_view::npos) break;
    if (!trim(s.substr(0, nl)).empty()) break;
    s.remove_prefix(nl + 1);
  }
  return std::string(s);
}

std::string category_choices() {
  std::string out;
  for (const auto c : kAllCategories) {
    if (!out.empty()) out += ", ";
    out += category_short(c);
  }
  return out + " (or the full title, or the code such as street_demo)";
}

std::optional<Category> parse_category(std::string_view text) {
  if (auto c = category_from_chinese(text)) return c;
  return category_from_code(text);
}

// Whether a cell holds nothing but white space (line breaks and U+3000 included).
bool is_blank(std::string_view s) {
  while (!s.empty()) {
    if (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r') {
      s.remove_prefix(1);
    } else if (s.starts_with(kIdeographicSpace)) {
      s.remove_prefix(kIdeographicSpace.size());
    } else {
      return false;
    }
  }
  return true;
}

bool all_empty(const Record& r) {
  if (!r.issues.empty()) return false;
  for (const auto& f : r.fields) {
    if (!is_blank(f)) return false;
  }
  return true;
}

Place place_of_offset(std::string_view raw, std::size_t offset, bool gb18030) {
  const auto text = [&](const std::string& bytes) {  // raw bytes before the bad one, as UTF-8
    return gb18030 ? from_gb18030(bytes).text.value_or(std::string()) : bytes;
  };
  const Records prefix = split_records(raw.substr(0, offset));
  std::size_t row = prefix.next_row;
  std::size_t field = 0;
  std::string before;  // the cell's text before the bad byte
  if (prefix.unterminated_row) {
    row = *prefix.unterminated_row;
    field = prefix.unterminated_field;
    before = prefix.records.back().fields.back();
  } else if (offset > 0 && raw[offset - 1] != '\n' && raw[offset - 1] != '\r' &&
             !prefix.records.empty()) {
    // A prefix that ends inside a row counts that row as complete; the bad byte is in its last
    // cell.
    row = prefix.records.back().row;
    field = prefix.records.back().fields.size() - 1;
    before = prefix.records.back().fields.back();
  }
  Place place;
  place.character = utf8::length(text(before)) + 1;
  std::string column = column_letter(field);
  for (const Record& r : prefix.records) {  // the header, when it comes before the bad row
    if (r.row >= row) break;
    if (all_empty(r)) continue;
    if (field < r.fields.size()) {
      const std::string name = trim(text(r.fields[field]));
      for (const auto h : kHeadings) {
        if (h == name) column = name;
      }
    }
    break;
  }
  place.where = "row " + std::to_string(row) + ", column " + column;
  return place;
}

// ---------------------------------------------------------------------------------------------
// The import

class Importer {
 public:
  Importer(FileProblems& ctx, CsvImport& result) : ctx_(ctx), result_(result) {}

  // The rules from "Header:" on, on records from a CSV file or a workbook's sheet.
  void run(const Records& recs) {
    std::size_t i = 0;
    while (i < recs.records.size() && all_empty(recs.records[i])) ++i;
    if (i == recs.records.size()) {
      if (recs.unterminated_row) {
        report_unterminated(recs);
      } else {
        ctx_.report("row 1", "expected a header row with the columns " + accepted_headings() +
                                 ", found an empty file");
      }
      return;
    }
    const Record& header = recs.records[i];
    for (std::size_t k = i; k < recs.records.size(); ++k) {
      if (!all_empty(recs.records[k]))
        result_.table.push_back({recs.records[k].row, recs.records[k].fields, {}});
    }
    for (const auto& t : recs.trailing) trailing_.emplace(t.row, t);
    if (recs.unterminated_row && *recs.unterminated_row == header.row) {
      report_unterminated(recs);  // the open quote swallowed the rest of the file
      return;
    }
    const bool header_ok = report_issues(header, true) && read_header(header);
    report_trailing(header.row);
    if (!header_ok) {
      if (recs.unterminated_row) report_unterminated(recs);
      return;
    }

    std::size_t data_rows = 0;
    std::optional<std::size_t> first_excess;
    for (++i; i < recs.records.size(); ++i) {
      const Record& r = recs.records[i];
      if (recs.unterminated_row && r.row == *recs.unterminated_row) {
        report_unterminated(recs);  // the rest of the file is one cell; nothing more to check
        break;
      }
      if (all_empty(r)) continue;
      ++data_rows;
      if (data_rows > limits::kMaxApplicantsPerNotice) {
        if (!first_excess) first_excess = r.row;
        continue;
      }
      read_row(r, header.fields.size());
    }
    if (first_excess) {
      ctx_.report("row " + std::to_string(*first_excess),
                  "expected at most " + std::to_string(limits::kMaxApplicantsPerNotice) +
                      " applicant rows, found " + std::to_string(data_rows));
    } else if (data_rows == 0 && !recs.unterminated_row) {
      ctx_.report("row " + std::to_string(header.row + 1),
                  "expected at least one applicant row after the header, found none");
    }
  }

 private:
  std::string where(std::size_t row) const { return "row " + std::to_string(row); }
  std::string where(std::size_t row, Column c) const {
    return "row " + std::to_string(row) + ", column " + std::string(heading(c));
  }
  // The heading of field index f, or its letter when it has none.
  std::string column_name(std::size_t f) const {
    if (f < field_column_.size() && field_column_[f])
      return std::string(heading(*field_column_[f]));
    return column_letter(f);
  }

  bool read_header(const Record& header) {
    header_row_ = header.row;
    field_column_.assign(header.fields.size(), std::nullopt);
    bool ok = true;
    for (std::size_t f = 0; f < header.fields.size(); ++f) {
      const std::string name = trim(header.fields[f]);
      if (name.empty()) continue;  // an unnamed column; its cells must stay empty
      std::optional<Column> column;
      for (std::size_t c = 0; c < kColumnCount; ++c) {
        if (kHeadings[c] == name) column = static_cast<Column>(c);
      }
      if (!column) {
        ctx_.report(where(header.row), "expected a column heading among " + accepted_headings() +
                                           ", found " + quote_found(name) + " in column " +
                                           column_letter(f));
        ok = false;
        continue;
      }
      auto& slot = index_[static_cast<std::size_t>(*column)];
      if (slot) {
        ctx_.report(where(header.row), "expected each column heading once, found " +
                                           quote_found(name) + " in columns " +
                                           column_letter(*slot) + " and " + column_letter(f));
        ok = false;
        continue;
      }
      slot = f;
      field_column_[f] = column;
    }
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (!index_[c] && c < kRequiredColumns) {
        ctx_.report(where(header.row), "expected a column " + std::string(kHeadings[c]) +
                                           " (the header needs " + accepted_headings() +
                                           "), found none");
        ok = false;
      }
    }
    return ok;
  }

  void report_trailing(std::size_t row) {
    const auto [begin, end] = trailing_.equal_range(row);
    for (auto it = begin; it != end; ++it) {
      ctx_.report(where(row) + ", column " + column_name(it->second.field),
                  "expected a comma or the end of the row after a closing quote, found " +
                      quote_found(it->second.text));
    }
  }

  void report_unterminated(const Records& recs) {
    std::string w = where(*recs.unterminated_row);
    if (header_row_ != 0 && *recs.unterminated_row != header_row_) {
      w += ", column " + column_name(recs.unterminated_field);
    }
    ctx_.report(w,
                "expected a closing quote (\") for the quoted cell that starts here, found the end "
                "of the file");
  }

  std::string cell(const Record& r, Column c) const {
    const auto& idx = index_[static_cast<std::size_t>(c)];
    if (!idx || *idx >= r.fields.size()) return {};
    return r.fields[*idx];
  }

  // Checks text against rule; returns whether it passed.
  bool check(const Record& r, Column c, const std::string& text, const TextRule& rule) {
    if (unreadable(r, c)) return false;  // already reported by report_issues
    if (auto msg = json::check_text(text, rule); !msg.empty()) {
      ctx_.report(where(r.row, c), std::move(msg));
      return false;
    }
    return true;
  }

  // Reports each cell a workbook reader could not read, by the column's heading (the header row:
  // by letter); returns whether there was none.
  bool report_issues(const Record& r, bool header) {
    for (const auto& issue : r.issues) {
      ctx_.report(where(r.row) + ", column " +
                      (header ? column_letter(issue.column) : column_name(issue.column)),
                  issue.message);
    }
    return r.issues.empty();
  }
  bool unreadable(const Record& r, Column c) const {
    const auto& idx = index_[static_cast<std::size_t>(c)];
    for (const auto& issue : r.issues) {
      if (idx && issue.column == *idx) return true;
    }
    return false;
  }

  void read_row(const Record& r, std::size_t header_width) {
    const std::size_t before = ctx_.count();
    report_trailing(r.row);
    report_issues(r, false);
    for (std::size_t f = 0; f < r.fields.size(); ++f) {
      if ((f >= header_width || !field_column_[f]) && !is_blank(r.fields[f])) {
        ctx_.report(where(r.row) + ", column " + column_letter(f),
                    "expected an empty cell (the column has no heading), found " +
                        quote_found(r.fields[f]));
      }
    }
    Applicant a;
    const std::string category_text = trim(cell(r, Column::Category));
    std::optional<Category> category;
    if (check(r, Column::Category, category_text, rules::kCategoryText)) {
      category = parse_category(category_text);
      if (!category) {
        ctx_.report(where(r.row, Column::Category), "expected one of " + category_choices() +
                                                        ", found " + quote_found(category_text));
      }
    }
    if (category) a.category = *category;
    a.name = trim(cell(r, Column::Name));
    const bool name_ok = check(r, Column::Name, a.name, rules::kApplicantName);
    a.leader = trim(cell(r, Column::Leader));
    check(r, Column::Leader, a.leader, rules::kApplicantLeader);
    a.contact = trim(cell(r, Column::Contact));
    a.address = trim(cell(r, Column::Address));
    if (category) {
      const bool street = is_street(*category);
      const Column wrong = street ? Column::Address : Column::Contact;
      const Column right = street ? Column::Contact : Column::Address;
      const std::string& wrong_text = street ? a.address : a.contact;
      if (!wrong_text.empty()) {
        ctx_.report(where(r.row, wrong), "expected an empty " + std::string(heading(wrong)) +
                                             " for " + std::string(category_short(*category)) +
                                             " (its form has " + std::string(heading(right)) +
                                             " instead), found " + quote_found(wrong_text));
      }
      if (street) {
        check(r, Column::Contact, a.contact, rules::kApplicantContact);
        a.address.clear();
      } else {
        check(r, Column::Address, a.address, rules::kApplicantAddress);
        a.contact.clear();
      }
    } else {
      check(r, Column::Contact, a.contact, rules::kApplicantContact);
      check(r, Column::Address, a.address, rules::kApplicantAddress);
    }
    a.town = trim(cell(r, Column::Town));
    check(r, Column::Town, a.town, rules::kApplicantTown);
    a.phone = trim(cell(r, Column::Phone));
    if (check(r, Column::Phone, a.phone, rules::kApplicantPhone) && !is_phone_number(a.phone)) {
      ctx_.report(where(r.row, Column::Phone), "expected " + std::string(rules::kPhoneExpected) +
                                                   ", found " + quote_found(a.phone));
    }
    a.summary = trim_paragraph(cell(r, Column::Summary));
    check(r, Column::Summary, a.summary, rules::kApplicantSummary);
    a.basis = trim_paragraph(cell(r, Column::Basis));
    check(r, Column::Basis, a.basis, rules::kApplicantBasis);

    const std::string given_id = trim(cell(r, Column::Id));
    bool id_ok = true;
    if (!given_id.empty()) {
      if (json::is_id(given_id)) {
        a.id = given_id;
      } else {
        ctx_.report(where(r.row, Column::Id), "expected " + std::string(json::kIdExpected) +
                                                  ", found " + quote_found(given_id));
        id_ok = false;
      }
    } else if (category && name_ok) {
      a.id = derived_applicant_id(*category, a.name);
    } else {
      id_ok = false;
    }

    if (category && name_ok) {
      const auto [it, fresh] = names_.try_emplace({*category, a.name}, r.row);
      if (!fresh) {
        ctx_.report(where(r.row, Column::Name), "expected each 类别 and 名称 once, found " +
                                                    std::string(category_short(*category)) + " " +
                                                    quote_found(a.name) + " again (first on row " +
                                                    std::to_string(it->second) + ")");
        id_ok = false;  // its derived id repeats too; one line says it
      }
    }
    if (id_ok) {
      const auto [it, fresh] = ids_.try_emplace(a.id, r.row);
      if (!fresh) {
        ctx_.report(given_id.empty() ? where(r.row) : where(r.row, Column::Id),
                    "expected an applicant id unique in the sheet, found " + quote_found(a.id) +
                        " again (first on row " + std::to_string(it->second) + ")");
      }
    }
    if (ctx_.count() == before) {
      result_.applicants.push_back(std::move(a));
      result_.rows.push_back(r.row);
    }
  }

  FileProblems& ctx_;
  CsvImport& result_;
  std::size_t header_row_ = 0;
  std::array<std::optional<std::size_t>, kColumnCount> index_{};   // column -> field index
  std::vector<std::optional<Column>> field_column_;                // field index -> column
  std::map<std::pair<Category, std::string>, std::size_t> names_;  // -> first row
  std::map<std::string, std::size_t> ids_;                         // -> first row
  std::multimap<std::size_t, TrailingText> trailing_;              // by row
};

}  // namespace

std::string derived_applicant_id(Category category, std::string_view name) {
  std::string key(category_code(category));
  key += '|';
  key.append(name);
  return "a-" + crypto::sha256_hex(key).substr(0, 12);
}

CsvImport import_applicants_csv(std::string_view bytes, const std::string& file_name) {
  CsvImport result;
  FileProblems ctx(file_name, result.problems);
  if (bytes.size() > limits::kMaxFileBytes) {
    ctx.report("", "expected at most " + files::human_size(limits::kMaxFileBytes) + ", found " +
                       std::to_string(bytes.size()) + " bytes");
  } else if (const auto text = decode(bytes, ctx, result)) {
    Importer(ctx, result).run(split_records(*text));
  }
  ctx.finish();
  if (!result.problems.empty()) {
    result.applicants.clear();
    result.rows.clear();
  }
  return result;
}

CsvImport import_applicant_rows(const std::vector<SheetRow>& rows, const std::string& file_name) {
  CsvImport result;
  FileProblems ctx(file_name, result.problems);
  Records recs;
  recs.records.reserve(rows.size());
  for (const auto& r : rows) recs.records.push_back({r.row, r.cells, r.issues});
  recs.next_row = rows.empty() ? 1 : rows.back().row + 1;
  Importer(ctx, result).run(recs);
  ctx.finish();
  if (!result.problems.empty()) {
    result.applicants.clear();
    result.rows.clear();
  }
  return result;
}

const std::vector<std::string>& applicant_headings() {
  static const std::vector<std::string> kAll(kHeadings.begin(), kHeadings.end());
  return kAll;
}

std::optional<RowPlace> parse_row_place(std::string_view where) {
  if (!where.starts_with("row ")) return std::nullopt;
  where.remove_prefix(4);
  RowPlace out;
  std::size_t digits = 0;
  while (digits < where.size() && where[digits] >= '0' && where[digits] <= '9') {
    out.row = out.row * 10 + static_cast<std::size_t>(where[digits] - '0');
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  where.remove_prefix(digits);
  if (where.empty()) return out;
  if (!where.starts_with(", column ")) return std::nullopt;
  out.column = std::string(where.substr(9));
  return out;
}

}  // namespace kiosk::content
