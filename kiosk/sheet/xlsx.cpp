// The .xlsx reader: zip parts through libzip, streamed into expat, into rows of text cells.
#include "sheet/xlsx.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "core/utf8.hpp"
#include "sheet/lazy.hpp"

namespace kiosk::sheet {
namespace {

constexpr char kNsSep = '\x01';  // expat joins "URI" kNsSep "local" for namespaced names
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// ---------------------------------------------------------------------------------------------
// Text helpers

// Decodes _xHHHH_ escapes (UTF-16 code units; a surrogate pair is two escapes) and turns CR LF
// and lone CR into LF.
std::string unescape(std::string_view s) {
  if (s.find('_') == std::string_view::npos && s.find('\r') == std::string_view::npos)
    return std::string(s);  // the common case: nothing to decode
  std::string out;
  out.reserve(s.size());
  const auto hex4 = [&](std::size_t at) -> std::optional<char32_t> {
    if (at + 7 > s.size() || s[at] != '_' || (s[at + 1] != 'x' && s[at + 1] != 'X') ||
        s[at + 6] != '_')
      return std::nullopt;
    unsigned v = 0;
    const auto r = std::from_chars(s.data() + at + 2, s.data() + at + 6, v, 16);
    if (r.ec != std::errc() || r.ptr != s.data() + at + 6) return std::nullopt;
    return static_cast<char32_t>(v);
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '_') {
      if (const auto u = hex4(i)) {
        char32_t cp = *u;
        i += 7;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (const auto lo = hex4(i); lo && *lo >= 0xDC00 && *lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (*lo - 0xDC00);
            i += 7;
          } else {
            cp = 0xFFFD;
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        if (cp == '\r') {
          out += '\r';  // folded below with a following LF
        } else {
          utf8::append(out, cp);
        }
        continue;
      }
    }
    out += s[i++];
  }
  std::string folded;
  folded.reserve(out.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (out[k] == '\r') {
      folded += '\n';
      if (k + 1 < out.size() && out[k + 1] == '\n') ++k;
    } else {
      folded += out[k];
    }
  }
  return folded;
}

std::string shorten(std::string_view s, std::size_t max = 60) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

// ---------------------------------------------------------------------------------------------
// Numbers and dates

// "1.5e+17" and the like as plain decimal digits.
std::string expand_exponent(const std::string& s) {
  const auto e = s.find_first_of("eE");
  if (e == std::string::npos) return s;
  std::string mant = s.substr(0, e);
  int exp = 0;
  std::from_chars(s.data() + e + 1 + (s[e + 1] == '+' ? 1 : 0), s.data() + s.size(), exp);
  bool neg = false;
  if (!mant.empty() && mant[0] == '-') {
    neg = true;
    mant.erase(0, 1);
  }
  std::string digits;
  int point = 0;  // digits before the decimal point in mant
  bool seen_point = false;
  for (const char c : mant) {
    if (c == '.') {
      seen_point = true;
      continue;
    }
    digits += c;
    if (!seen_point) ++point;
  }
  point += exp;
  std::string out;
  if (point <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<std::size_t>(point)) + "." +
          digits.substr(static_cast<std::size_t>(point));
  }
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return neg ? "-" + out : out;
}

struct NumberText {
  std::string text;
  std::string issue;  // non-empty: the number cannot be shown exactly
};

NumberText format_number(double x) {
  char buf[64];
  if (std::fabs(x) >= 1e15 && std::floor(x) == x) {
    std::snprintf(buf, sizeof buf, "%.15G", x);
    return {"",
            std::string("expected text (Excel keeps only 15 digits of a number: format the column "
                        "as 文本 (text) and type the digits again), found the number ") +
                buf};
  }
  if (x == 0) return {"0", ""};
  std::snprintf(buf, sizeof buf, "%.15g", x);
  return {expand_exponent(buf), ""};
}

enum class DateKind { None, Date, Time, DateTime };

DateKind builtin_date_kind(unsigned id) {
  if ((id >= 14 && id <= 17) || id == 27 || id == 28 || id == 29 || id == 30 || id == 31 ||
      id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
    return DateKind::Date;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56)
    return DateKind::Time;
  if (id == 22) return DateKind::DateTime;
  return DateKind::None;
}

// Whether a custom number format shows a date and/or a time: its first section, outside quoted
// text, escapes and [..] (colours, locales), holds y/m/d or 年月日 (date), h/s or 时分秒 (time).
DateKind custom_date_kind(std::string_view code) {
  bool date = false, time = false, month_or_minute = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      const auto end = code.find('"', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {
      ++i;
      continue;
    }
    if (c == '[') {
      const auto end = code.find(']', i + 1);
      if (end == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, end - i - 1);
      if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 's' ||
                              inside[0] == 'S' || inside[0] == 'm' || inside[0] == 'M')) {
        time = true;  // elapsed time: [h]:mm
      }
      i = end;
      continue;
    }
    switch (c) {
      case 'y':
      case 'Y':
      case 'd':
      case 'D':
        date = true;
        break;
      case 'h':
      case 'H':
      case 's':
      case 'S':
        time = true;
        break;
      case 'm':
      case 'M':
        month_or_minute = true;
        break;
      default:
        break;
    }
    if (code.substr(i).starts_with("年") || code.substr(i).starts_with("月") ||
        code.substr(i).starts_with("日"))
      date = true;
    if (code.substr(i).starts_with("时") || code.substr(i).starts_with("秒")) time = true;
  }
  if (month_or_minute && !time) date = true;  // m alone is a month
  if (date && time) return DateKind::DateTime;
  if (date) return DateKind::Date;
  if (time) return DateKind::Time;
  return DateKind::None;
}

// Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
void civil_from_days(long long z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long yy = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2 ? 1 : 0));
}

std::string hms(long long seconds) {
  char buf[32];
  const long long h = seconds / 3600, mi = seconds / 60 % 60, s = seconds % 60;
  if (s != 0) {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", h, mi, s);
  } else {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", h, mi);
  }
  return buf;
}

// A date serial as text, or nullopt when it is outside the dates Excel shows (0001-9999).
std::optional<std::string> format_date(double serial, DateKind kind, bool date1904) {
  if (!(serial >= 0 && serial < 2958466)) return std::nullopt;
  long long day = static_cast<long long>(std::floor(serial));
  long long secs = std::llround((serial - static_cast<double>(day)) * 86400.0);
  if (secs >= 86400) {
    ++day;
    secs -= 86400;
  }
  if (kind == DateKind::Time) return hms(secs);
  char buf[32];
  if (!date1904 && day == 60) {
    std::snprintf(buf, sizeof buf, "1900-02-29");  // Excel's (Lotus') day that never was
  } else {
    // Days since 1970-01-01: 1904-01-01 is -24107; in the 1900 system serial 1 is 1900-01-01,
    // and serials after the fake 1900-02-29 are one day ahead.
    const long long days1970 = date1904 ? day - 24107 : day < 60 ? day - 25568 : day - 25569;
    int y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days1970, y, m, d);
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  }
  std::string out = buf;
  if (secs != 0) out += " " + hms(secs);  // a date-time at midnight reads as the date alone
  return out;
}

// An ISO 8601 date-time (t="d") as the same text a date serial gives.
std::string format_iso(std::string_view v) {
  std::string out(v.substr(0, std::min<std::size_t>(v.size(), 10)));
  if (v.size() >= 16 && (v[10] == 'T' || v[10] == ' ')) {
    std::string t(v.substr(11, 8));
    if (t.ends_with(":00")) t.resize(5);
    if (t != "00:00") out += " " + t;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cell references

std::string_view local_name(const XML_Char* name) {
  const std::string_view n(name);
  const auto sep = n.rfind(kNsSep);
  return sep == std::string_view::npos ? n : n.substr(sep + 1);
}
std::string_view ns_uri(const XML_Char* name) {
  const std::string_view n(name);
  const auto sep = n.rfind(kNsSep);
  return sep == std::string_view::npos ? std::string_view{} : n.substr(0, sep);
}

// The value of the attribute with this local name (and, when namespaced, any namespace).
const char* attr(const XML_Char** atts, std::string_view local, bool namespaced = false) {
  for (std::size_t i = 0; atts[i] != nullptr; i += 2) {
    if (local_name(atts[i]) == local && ns_uri(atts[i]).empty() != namespaced) return atts[i + 1];
  }
  return nullptr;
}

struct CellRef {
  std::size_t row = 0, column = 0;  // row 1-based (0: none given), column 0-based
};

// "B12" -> column 1, row 12; "B" -> column 1; nullopt when not a reference.
std::optional<CellRef> parse_ref(std::string_view s) {
  CellRef r;
  std::size_t i = 0, col = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])) && i < 3) {
    col = col * 26 +
          static_cast<std::size_t>(std::toupper(static_cast<unsigned char>(s[i])) - 'A' + 1);
    ++i;
  }
  if (i == 0) return std::nullopt;
  r.column = col - 1;
  if (i < s.size()) {
    std::size_t row = 0;
    const auto res = std::from_chars(s.data() + i, s.data() + s.size(), row);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size() || row == 0) return std::nullopt;
    r.row = row;
  }
  return r;
}

std::optional<std::size_t> parse_size(const char* s) {
  if (s == nullptr) return std::nullopt;
  const std::string_view v(s);
  std::size_t n = 0;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size()) return std::nullopt;
  return n;
}

// ---------------------------------------------------------------------------------------------
// XML parts, streamed from the zip into expat

class Handler {
 public:
  virtual ~Handler() = default;
  virtual void start(std::string_view name, const XML_Char** atts) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
  std::string error;  // set to stop the parse with this message
};

struct ParseState {
  XML_Parser parser = nullptr;
  Handler* handler = nullptr;
  std::string failure;  // a DTD, or an exception in a handler
};

void stop(ParseState* st, std::string why) {
  if (st->failure.empty()) st->failure = std::move(why);
  XML_StopParser(st->parser, XML_FALSE);
}

void XMLCALL on_start(void* ud, const XML_Char* name, const XML_Char** atts) {
  auto* st = static_cast<ParseState*>(ud);
  try {
    st->handler->start(local_name(name), atts);
    if (!st->handler->error.empty()) stop(st, st->handler->error);
  } catch (const std::exception& e) {
    stop(st, e.what());
  }
}
void XMLCALL on_end(void* ud, const XML_Char* name) {
  auto* st = static_cast<ParseState*>(ud);
  try {
    st->handler->end(local_name(name));
    if (!st->handler->error.empty()) stop(st, st->handler->error);
  } catch (const std::exception& e) {
    stop(st, e.what());
  }
}
void XMLCALL on_text(void* ud, const XML_Char* s, int len) {
  auto* st = static_cast<ParseState*>(ud);
  try {
    st->handler->text(std::string_view(s, static_cast<std::size_t>(len)));
    if (!st->handler->error.empty()) stop(st, st->handler->error);
  } catch (const std::exception& e) {
    stop(st, e.what());
  }
}
void XMLCALL on_doctype(void* ud, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  stop(static_cast<ParseState*>(ud), "expected XML without a DTD, found a <!DOCTYPE>");
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ParserFree {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

class Package {
 public:
  explicit Package(const ReadLimits& limits) : limits_(limits) {}

  // Opens the archive; an error line when it is not a readable zip.
  std::optional<std::string> open(std::string_view bytes) {
    if (std::string missing = zip_unavailable(); !missing.empty()) {
      return "cannot read .xlsx workbooks here: " + missing + " (install libzip4)";
    }
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src == nullptr) {
      zip_error_fini(&err);
      return "expected an .xlsx workbook, found a file libzip cannot read";
    }
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (z == nullptr) {
      zip_source_free(src);
      std::string why = zip_error_strerror(&err);
      zip_error_fini(&err);
      return "expected an .xlsx workbook (a zip archive), found a damaged zip archive (" + why +
             ")";
    }
    zip_error_fini(&err);
    zip_.reset(z);
    const zip_int64_t n = zip_get_num_entries(z, 0);
    if (n < 0 || static_cast<std::uint64_t>(n) > limits_.max_entries) {
      return "expected at most " + std::to_string(limits_.max_entries) +
             " parts in an .xlsx workbook, found " + std::to_string(n);
    }
    return std::nullopt;
  }

  bool has(const std::string& part) const { return locate(part) >= 0; }

  // Reads a small part whole (the ODF mimetype), at most max bytes.
  std::string read_small(const std::string& part, std::size_t max) const {
    const zip_int64_t idx = locate(part);
    if (idx < 0) return {};
    std::unique_ptr<zip_file_t, FileCloser> f(
        zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(idx), 0));
    if (!f) return {};
    std::string out(max, '\0');
    const zip_int64_t got = zip_fread(f.get(), out.data(), max);
    out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return out;
  }

  // Streams one part through handler; an error line when the part is missing (and required),
  // damaged, too big or not well-formed XML.
  std::optional<std::string> parse(const std::string& part, Handler& handler) {
    const zip_int64_t idx = locate(part);
    if (idx < 0) return "expected the part " + part + " in the workbook, found none";
    std::unique_ptr<zip_file_t, FileCloser> f(
        zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(idx), 0));
    if (!f) {
      const zip_error_t* e = zip_get_error(zip_.get());
      const int code = zip_error_code_zip(e);
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD) {
        return "expected an .xlsx workbook without a password, found " + part +
               " encrypted; save the sheet again as .xlsx without a password";
      }
      return "expected a readable part " + part + ", found " +
             zip_error_strerror(zip_get_error(zip_.get()));
    }
    std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS(nullptr, kNsSep));
    if (!parser) return std::string("expected memory for an XML parser, found none");
    ParseState st;
    st.parser = parser.get();
    st.handler = &handler;
    XML_SetUserData(parser.get(), &st);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
    std::array<char, 1 << 16> buf{};
    std::uint64_t part_bytes = 0;
    while (true) {
      const zip_int64_t got = zip_fread(f.get(), buf.data(), buf.size());
      if (got < 0) {
        return "expected an intact part " + part + ", found damaged data (" +
               zip_file_strerror(f.get()) + ")";
      }
      part_bytes += static_cast<std::uint64_t>(got);
      total_ += static_cast<std::uint64_t>(got);
      if (part_bytes > limits_.max_part_bytes) {
        return "expected at most " + std::to_string(limits_.max_part_bytes >> 20) + " MiB in " +
               part + " once unpacked, found more";
      }
      if (total_ > limits_.max_total_bytes) {
        return "expected at most " + std::to_string(limits_.max_total_bytes >> 20) +
               " MiB of workbook once unpacked, found more";
      }
      const bool last = got == 0;
      if (XML_Parse(parser.get(), buf.data(), static_cast<int>(got), last ? XML_TRUE : XML_FALSE) !=
          XML_STATUS_OK) {
        if (!st.failure.empty()) return part + ": " + st.failure;
        return part + ": line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
               ": expected well-formed XML, found " +
               XML_ErrorString(XML_GetErrorCode(parser.get()));
      }
      if (last) break;
    }
    if (!st.failure.empty()) return part + ": " + st.failure;
    return std::nullopt;
  }

 private:
  zip_int64_t locate(const std::string& part) const {
    return zip_name_locate(zip_.get(), part.c_str(), ZIP_FL_NOCASE | ZIP_FL_ENC_GUESS);
  }

  const ReadLimits& limits_;
  std::unique_ptr<zip_t, ZipCloser> zip_;
  std::uint64_t total_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Relationships, workbook, shared strings, styles

struct Relationship {
  std::string type, target;
  bool external = false;
};

class RelsHandler : public Handler {
 public:
  std::map<std::string, Relationship> rels;  // by Id
  void start(std::string_view name, const XML_Char** atts) override {
    if (name != "Relationship") return;
    const char* id = attr(atts, "Id");
    const char* target = attr(atts, "Target");
    if (id == nullptr || target == nullptr || rels.size() > 100000) return;
    const char* type = attr(atts, "Type");
    const char* mode = attr(atts, "TargetMode");
    rels[id] = {type ? type : "", target, mode != nullptr && std::string_view(mode) == "External"};
  }
  void end(std::string_view) override {}
};

// The folder a part lies in ("xl/" for "xl/workbook.xml").
std::string folder_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// The relationships part of a part: "xl/_rels/workbook.xml.rels".
std::string rels_of(const std::string& part) {
  const auto slash = part.rfind('/');
  if (slash == std::string::npos) return "_rels/" + part + ".rels";
  return part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

// A relationship target resolved against the source part's folder; absolute targets start at
// the package root. "." and ".." segments are folded; %XX decoded.
std::string resolve(const std::string& base_folder, std::string_view target) {
  std::string decoded;
  for (std::size_t i = 0; i < target.size(); ++i) {
    unsigned v = 0;
    if (target[i] == '%' && i + 2 < target.size() &&
        std::from_chars(target.data() + i + 1, target.data() + i + 3, v, 16).ptr ==
            target.data() + i + 3) {
      decoded += static_cast<char>(v);
      i += 2;
    } else {
      decoded += target[i];
    }
  }
  std::string path = decoded.starts_with('/') ? decoded.substr(1) : base_folder + decoded;
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    const std::string seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

bool type_is(const Relationship& r, std::string_view kind) {
  return r.type.ends_with("/" + std::string(kind));
}

struct SheetEntry {
  std::string name, rel_id;
};

class WorkbookHandler : public Handler {
 public:
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  void start(std::string_view name, const XML_Char** atts) override {
    if (name == "workbookPr") {
      const char* v = attr(atts, "date1904");
      date1904 = v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (name == "sheet" && sheets.size() < 10000) {
      const char* n = attr(atts, "name");
      const char* id = attr(atts, "id", true);
      sheets.push_back({n ? n : "", id ? id : ""});
    }
  }
  void end(std::string_view) override {}
};

// Collects text of <t> elements outside phonetic runs (<rPh>), for <si> and <is> alike.
class RichText {
 public:
  void start(std::string_view name) {
    if (name == "rPh") ++phonetic_;
    if (name == "t" && phonetic_ == 0) in_t_ = true;
  }
  void end(std::string_view name) {
    if (name == "rPh" && phonetic_ > 0) --phonetic_;
    if (name == "t") in_t_ = false;
  }
  void text(std::string_view s) {
    if (in_t_) text_.append(s);
  }
  std::string take() {
    std::string out = unescape(text_);
    text_.clear();
    phonetic_ = 0;
    in_t_ = false;
    return out;
  }

 private:
  std::string text_;
  int phonetic_ = 0;
  bool in_t_ = false;
};

class SharedStringsHandler : public Handler {
 public:
  explicit SharedStringsHandler(std::size_t max) : max_(max) {}
  std::vector<std::string> strings;
  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_si_ = true;
      return;
    }
    if (in_si_) rich_.start(name);
  }
  void end(std::string_view name) override {
    if (name == "si") {
      in_si_ = false;
      if (strings.size() >= max_) {
        error = "expected at most " + std::to_string(max_) + " shared strings, found more";
        return;
      }
      strings.push_back(rich_.take());
      return;
    }
    if (in_si_) rich_.end(name);
  }
  void text(std::string_view s) override {
    if (in_si_) rich_.text(s);
  }

 private:
  std::size_t max_;
  bool in_si_ = false;
  RichText rich_;
};

class StylesHandler : public Handler {
 public:
  std::map<unsigned, std::string> formats;  // custom numFmt id -> code
  std::vector<unsigned> xf_formats;         // cellXfs index -> numFmtId
  void start(std::string_view name, const XML_Char** atts) override {
    if (name == "cellXfs") in_cell_xfs_ = true;
    if (name == "numFmt" && formats.size() < 100000) {
      const auto id = parse_size(attr(atts, "numFmtId"));
      const char* code = attr(atts, "formatCode");
      if (id && code != nullptr) formats[static_cast<unsigned>(*id)] = code;
    }
    if (name == "xf" && in_cell_xfs_ && xf_formats.size() < 1000000) {
      const auto id = parse_size(attr(atts, "numFmtId"));
      xf_formats.push_back(id ? static_cast<unsigned>(*id) : 0u);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  bool in_cell_xfs_ = false;
};

// ---------------------------------------------------------------------------------------------
// The worksheet

struct Merge {
  std::size_t row1, col1, row2, col2;
};

class SheetHandler : public Handler {
 public:
  SheetHandler(const ReadLimits& limits, const std::vector<std::string>& strings,
               const StylesHandler& styles, bool date1904)
      : limits_(limits), strings_(strings), styles_(styles), date1904_(date1904) {}

  std::map<std::size_t, Row> rows;
  std::vector<Merge> merges;
  std::size_t cells = 0;

  void start(std::string_view name, const XML_Char** atts) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (in_data_ && name == "row") {
      const auto r = parse_size(attr(atts, "r"));
      row_ = (r && *r >= 1) ? *r : row_ + 1;
      if (row_ > limits_.max_rows) {
        error = "expected at most " + std::to_string(limits_.max_rows) + " rows, found row " +
                std::to_string(row_);
      }
      column_ = std::nullopt;
    } else if (in_data_ && name == "c") {
      in_c_ = true;
      const char* r = attr(atts, "r");
      const auto ref = r ? parse_ref(r) : std::nullopt;
      if (ref) {
        if (ref->row != 0 && ref->row != row_ && row_ == 0) row_ = ref->row;
        column_ = ref->column;
      } else {
        column_ = column_ ? *column_ + 1 : 0;
      }
      if (row_ == 0) row_ = 1;  // a cell outside any <row>: the first row
      const char* t = attr(atts, "t");
      type_ = t ? t : "n";
      const auto s = parse_size(attr(atts, "s"));
      style_ = s ? *s : 0;
      value_.clear();
      formula_.clear();
      has_v_ = has_f_ = in_v_ = in_f_ = in_is_ = false;
    } else if (in_c_ && name == "v") {
      in_v_ = has_v_ = true;
    } else if (in_c_ && name == "f") {
      in_f_ = has_f_ = true;
    } else if (in_c_ && name == "is") {
      in_is_ = true;
    } else if (in_is_) {
      rich_.start(name);
    } else if (name == "mergeCell") {
      const char* ref = attr(atts, "ref");
      if (ref == nullptr || merges.size() >= 100000) return;
      const std::string_view v(ref);
      const auto colon = v.find(':');
      if (colon == std::string_view::npos) return;
      const auto a = parse_ref(v.substr(0, colon));
      const auto b = parse_ref(v.substr(colon + 1));
      if (!a || !b || a->row == 0 || b->row == 0) return;
      merges.push_back({std::min(a->row, b->row), std::min(a->column, b->column),
                        std::max(a->row, b->row), std::max(a->column, b->column)});
    }
  }

  void end(std::string_view name) override {
    if (name == "sheetData") {
      in_data_ = false;
    } else if (in_c_ && name == "c") {
      in_c_ = false;
      finish_cell();
    } else if (in_c_ && name == "v") {
      in_v_ = false;
    } else if (in_c_ && name == "f") {
      in_f_ = false;
    } else if (in_c_ && name == "is") {
      in_is_ = false;
      value_ = rich_.take();
    } else if (in_is_) {
      rich_.end(name);
    }
  }

  void text(std::string_view s) override {
    if (in_v_) {
      if (value_.size() < 1'000'000) value_.append(s);
    } else if (in_f_) {
      if (formula_.size() < 200) formula_.append(s);
    } else if (in_is_) {
      rich_.text(s);
    }
  }

 private:
  void finish_cell() {
    std::string text;
    std::string issue;
    if (has_f_ && (!has_v_ || (value_.empty() && type_ != "str" && type_ != "inlineStr"))) {
      issue = "expected a value, found a formula saved without its value (=" + shorten(formula_) +
              "); open the sheet in Excel or WPS and save it again, or paste the values only";
    } else if (type_ == "s") {
      const auto idx = parse_size(value_.c_str());
      if (!idx || *idx >= strings_.size()) {
        issue = "expected a shared string index below " + std::to_string(strings_.size()) +
                ", found " + shorten(value_);
      } else {
        text = strings_[*idx];
      }
    } else if (type_ == "inlineStr" || type_ == "str") {
      text = type_ == "str" ? unescape(value_) : value_;
    } else if (type_ == "b") {
      if (!value_.empty()) text = value_ == "1" || value_ == "true" ? "TRUE" : "FALSE";
    } else if (type_ == "e") {
      issue = "expected a value, found the error " + shorten(value_);
    } else if (type_ == "d") {
      text = format_iso(value_);
    } else if (!value_.empty() && is_integer_literal(value_) && !is_date_style()) {
      text = value_;  // the file holds every digit (an 18-digit id written as a number): keep them
    } else if (!value_.empty()) {
      double x = 0;
      const auto r = std::from_chars(value_.data(), value_.data() + value_.size(), x);
      if (r.ec != std::errc() || r.ptr != value_.data() + value_.size() || !std::isfinite(x)) {
        issue = "expected a number, found " + shorten(value_);
      } else {
        const DateKind kind = date_kind();
        std::optional<std::string> date;
        if (kind != DateKind::None) date = format_date(x, kind, date1904_);
        if (date) {
          text = std::move(*date);
        } else {
          NumberText n = format_number(x);
          text = std::move(n.text);
          issue = std::move(n.issue);
        }
      }
    }
    if (text.empty() && issue.empty()) return;
    const std::size_t col = *column_;
    if (col >= limits_.max_columns) {
      error = "row " + std::to_string(row_) + ": expected at most " +
              std::to_string(limits_.max_columns) + " columns, found a cell in column " +
              column_letter(col);
      return;
    }
    if (++cells > limits_.max_cells) {
      error = "expected at most " + std::to_string(limits_.max_cells) + " cells, found more";
      return;
    }
    Row& row = rows[row_];
    row.number = row_;
    if (!text.empty()) {
      if (row.cells.size() <= col) row.cells.resize(col + 1);
      row.cells[col] = std::move(text);
    }
    if (!issue.empty()) row.issues.push_back({col, std::move(issue)});
  }

  DateKind date_kind() const {
    if (style_ >= styles_.xf_formats.size()) return DateKind::None;
    const unsigned fmt = styles_.xf_formats[style_];
    const auto custom = styles_.formats.find(fmt);
    return custom != styles_.formats.end() ? custom_date_kind(custom->second)
                                           : builtin_date_kind(fmt);
  }
  bool is_date_style() const { return date_kind() != DateKind::None; }
  static bool is_integer_literal(std::string_view v) {
    if (v.starts_with('-')) v.remove_prefix(1);
    if (v.empty() || v.size() > 30 || (v.size() > 1 && v[0] == '0')) return false;
    return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  const ReadLimits& limits_;
  const std::vector<std::string>& strings_;
  const StylesHandler& styles_;
  bool date1904_;
  bool in_data_ = false, in_c_ = false, in_v_ = false, in_f_ = false, in_is_ = false;
  bool has_v_ = false, has_f_ = false;
  std::size_t row_ = 0;
  std::optional<std::size_t> column_;
  std::string type_;
  std::size_t style_ = 0;
  std::string value_, formula_;
  RichText rich_;
};

// Each merged range's top-left text, down the rows it spans, in its first column (up to the last
// row that has data, so a range to row 1048576 costs nothing).
std::optional<std::string> fill_merges(SheetHandler& h, const ReadLimits& limits) {
  if (h.rows.empty()) return std::nullopt;
  const std::size_t last = h.rows.rbegin()->first;
  for (const auto& m : h.merges) {
    const auto top = h.rows.find(m.row1);
    if (top == h.rows.end() || top->second.cells.size() <= m.col1 ||
        top->second.cells[m.col1].empty())
      continue;
    const std::string value = top->second.cells[m.col1];
    for (std::size_t r = m.row1 + 1; r <= std::min(m.row2, last); ++r) {
      Row& row = h.rows[r];
      row.number = r;
      if (row.cells.size() <= m.col1) row.cells.resize(m.col1 + 1);
      if (!row.cells[m.col1].empty()) continue;
      if (++h.cells > limits.max_cells) {
        return "expected at most " + std::to_string(limits.max_cells) +
               " cells (merged ranges included), found more";
      }
      row.cells[m.col1] = value;
    }
  }
  return std::nullopt;
}

// What a zip that is not an .xlsx workbook is, for the refusal.
std::string what_zip(const Package& pkg) {
  const std::string mime = pkg.read_small("mimetype", 100);
  if (mime.starts_with("application/vnd.oasis.opendocument.spreadsheet"))
    return "an OpenDocument spreadsheet (.ods)";
  if (mime.starts_with("application/vnd.oasis.opendocument")) return "an OpenDocument file";
  if (pkg.has("word/document.xml")) return "a Word document (.docx)";
  if (pkg.has("ppt/presentation.xml")) return "a PowerPoint file (.pptx)";
  return "a zip archive with no workbook in it";
}

Result<Sheet> read(std::string_view bytes, const std::string& file, std::string_view sheet_name,
                   const ReadLimits& limits) {
  const auto fail = [&](const std::string& what) { return Error{file + ": " + what}; };
  switch (sniff(bytes)) {
    case FileKind::OleBinary:
      return Error{ole_refusal(file)};
    case FileKind::Text:
      return fail("expected an .xlsx workbook (a zip archive starting with PK), found " +
                  std::string(bytes.empty() ? "an empty file" : "other bytes"));
    case FileKind::Xlsx:
      break;
  }
  Package pkg(limits);
  if (auto e = pkg.open(bytes)) return fail(*e);

  // The workbook part, from the package relationships.
  std::string workbook = "xl/workbook.xml";
  if (pkg.has("_rels/.rels")) {
    RelsHandler root;
    if (auto e = pkg.parse("_rels/.rels", root)) return fail(*e);
    for (const auto& [id, rel] : root.rels) {
      if (!rel.external && type_is(rel, "officeDocument")) workbook = resolve("", rel.target);
    }
  }
  if (!pkg.has(workbook)) {
    return fail("expected an .xlsx workbook (Excel 工作簿), found " + what_zip(pkg) +
                "; open it in Excel or WPS and save it as .xlsx");
  }
  WorkbookHandler wb;
  if (auto e = pkg.parse(workbook, wb)) return fail(*e);
  RelsHandler wb_rels;
  if (pkg.has(rels_of(workbook))) {
    if (auto e = pkg.parse(rels_of(workbook), wb_rels)) return fail(*e);
  }
  const std::string base = folder_of(workbook);

  // The sheet.
  if (wb.sheets.empty()) return fail("expected at least one sheet in " + workbook + ", found none");
  const SheetEntry* chosen = nullptr;
  if (sheet_name.empty()) {
    chosen = &wb.sheets.front();
  } else {
    for (const auto& s : wb.sheets) {
      if (s.name == sheet_name) chosen = &s;
    }
    if (chosen == nullptr) {
      std::string names;
      for (const auto& s : wb.sheets) names += (names.empty() ? "" : ", ") + ("\"" + s.name + "\"");
      return fail("expected a sheet named \"" + std::string(sheet_name) + "\", found " + names);
    }
  }
  const auto rel = wb_rels.rels.find(chosen->rel_id);
  if (rel == wb_rels.rels.end() || rel->second.external) {
    return fail("sheet \"" + chosen->name + "\": expected a relationship " + chosen->rel_id +
                " in " + rels_of(workbook) + ", found none");
  }
  if (!type_is(rel->second, "worksheet")) {
    return fail("sheet \"" + chosen->name + "\": expected a worksheet, found " +
                (type_is(rel->second, "chartsheet") ? std::string("a chart sheet")
                                                    : "a " + rel->second.type));
  }
  const std::string sheet_part = resolve(base, rel->second.target);

  // Shared strings and styles, when the workbook has them.
  SharedStringsHandler sst(limits.max_strings);
  StylesHandler styles;
  for (const auto& [id, r] : wb_rels.rels) {
    if (r.external) continue;
    if (type_is(r, "sharedStrings")) {
      const std::string part = resolve(base, r.target);
      if (pkg.has(part)) {
        if (auto e = pkg.parse(part, sst)) return fail(*e);
      }
    } else if (type_is(r, "styles")) {
      const std::string part = resolve(base, r.target);
      if (pkg.has(part)) {
        if (auto e = pkg.parse(part, styles)) return fail(*e);
      }
    }
  }

  SheetHandler sh(limits, sst.strings, styles, wb.date1904);
  if (auto e = pkg.parse(sheet_part, sh)) return fail("sheet \"" + chosen->name + "\": " + *e);
  if (auto e = fill_merges(sh, limits)) return fail("sheet \"" + chosen->name + "\": " + *e);

  Sheet out;
  out.name = chosen->name;
  out.rows.reserve(sh.rows.size());
  for (auto& [n, row] : sh.rows) {
    while (!row.cells.empty() && row.cells.back().empty()) row.cells.pop_back();
    if (row.cells.empty() && row.issues.empty()) continue;
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace

FileKind sniff(std::string_view bytes) {
  if (bytes.starts_with(kOleMagic)) return FileKind::OleBinary;
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) return FileKind::Xlsx;
  return FileKind::Text;
}

std::string ole_refusal(const std::string& file_name) {
  return file_name +
         ": expected an .xlsx workbook, found an .xls or .et file or a workbook with a password "
         "(an OLE compound file); open it in Excel or WPS and save it as .xlsx (Excel 工作簿) "
         "without a password";
}

std::string column_letter(std::size_t column) {
  std::string out;
  std::size_t i = column + 1;
  while (i > 0) {
    const std::size_t rem = (i - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    i = (i - 1) / 26;
  }
  return out;
}

Result<Sheet> read_xlsx(std::string_view bytes, const std::string& file_name,
                        std::string_view sheet_name, const ReadLimits& limits) {
  try {
    return read(bytes, file_name, sheet_name, limits);
  } catch (const std::bad_alloc&) {
    return Error{file_name + ": expected a workbook that fits in memory, found a bigger one"};
  } catch (const std::exception& e) {
    return Error{file_name + ": expected a readable .xlsx workbook, found " + e.what()};
  }
}

}  // namespace kiosk::sheet
