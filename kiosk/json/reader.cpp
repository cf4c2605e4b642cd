// JSON parsing and path-aware reading; see reader.hpp.
#include "json/reader.hpp"

#include <algorithm>
#include <cstdio>

#include "core/utf8.hpp"

namespace kiosk::json {
namespace {

struct LineCol {
  std::size_t line = 1, column = 1;
};

LineCol line_col(std::string_view bytes, std::size_t offset) {
  LineCol lc;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) {
      ++lc.column;
    }
  }
  return lc;
}

std::string at(std::string_view bytes, std::size_t offset) {
  const auto lc = line_col(bytes, offset);
  return "line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column);
}

// Offset of the first bracket that nests deeper than kMaxDepth, outside strings.
std::optional<std::size_t> too_deep(std::string_view bytes) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::optional<Json> parse(std::string_view bytes, const std::string& file, Problems& problems) {
  if (const auto bad = utf8::first_invalid(bytes)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "found byte 0x%02X (is the file saved as GBK?)",
                  static_cast<unsigned char>(bytes[*bad]));
    problems.push_back({file, at(bytes, *bad), std::string("expected UTF-8 text, ") + buf});
    return std::nullopt;
  }
  if (const auto deep = too_deep(bytes)) {
    problems.push_back({file, at(bytes, *deep),
                        "expected at most " + std::to_string(kMaxDepth) +
                            " levels of nesting, found more"});
    return std::nullopt;
  }
  try {
    return Json::parse(bytes.begin(), bytes.end());
  } catch (const Json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line L, column C: detail".
    std::string detail = e.what();
    if (const auto colon = detail.find(": "); colon != std::string::npos) {
      detail = detail.substr(colon + 2);
    }
    // nlohmann adds "; last read: '…'" with raw input; the line and column already say where.
    if (const auto lr = detail.find("; last read: '"); lr != std::string::npos) {
      const auto close = detail.find("'", lr + 14);
      detail.erase(lr, close == std::string::npos ? std::string::npos : close + 1 - lr);
    }
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    problems.push_back({file, at(bytes, offset), "expected valid JSON, found " + detail});
  } catch (const Json::exception& e) {
    problems.push_back({file, "", std::string("expected valid JSON, found ") + e.what()});
  }
  return std::nullopt;
}

std::string describe(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case Json::value_t::string: return quote_found(v.get_ref<const std::string&>());
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "the number " + v.dump();
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    default: return "a value of another kind";
  }
}

void Context::report(const std::string& path, std::string message) {
  if (count_++ < kMaxProblemsPerFile) problems_.push_back({file_, path, std::move(message)});
}

void Context::finish() {
  if (count_ > kMaxProblemsPerFile) {
    problems_.push_back({file_, "", "… and " + std::to_string(count_ - kMaxProblemsPerFile) +
                                        " more problems"});
  }
}

std::string check_text(std::string_view text, const TextRule& rule) {
  if (!rule.allow_empty && text.empty()) return "expected text, found \"\"";
  std::size_t chars = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto d = utf8::decode(text, pos);
    if (!d.valid) return "expected UTF-8 text, found an invalid byte";
    const char32_t cp = d.codepoint;
    const bool newline_ok = rule.kind == TextKind::Paragraph && cp == '\n';
    if ((cp < 0x20 && !newline_ok) || (cp >= 0x7F && cp < 0xA0)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
      return std::string("expected ") +
             (rule.kind == TextKind::OneLine ? "one line of text" : "text") +
             ", found the control character " + buf;
    }
    if (is_bidi_control(cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
      return std::string("expected text without bidirectional overrides, found ") + buf;
    }
    pos += d.length;
    ++chars;
  }
  if (chars > rule.max_chars) {
    return "expected at most " + std::to_string(rule.max_chars) + " characters, found " +
           std::to_string(chars);
  }
  return {};
}

std::string index_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

ObjectReader::ObjectReader(const Json& value, std::string path, Context& ctx,
                           std::vector<std::string_view> known_keys)
    : path_(std::move(path)), ctx_(ctx), known_(std::move(known_keys)) {
  if (value.is_object()) {
    object_ = &value;
  } else {
    ctx_.report(path_.empty() ? "(top level)" : path_, "expected an object, found " + describe(value));
  }
}

ObjectReader::~ObjectReader() {
  if (object_ == nullptr) return;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string choices;
    for (const auto k : known_) {
      if (!choices.empty()) choices += ", ";
      choices += k;
    }
    ctx_.report(path(quote_found(key).substr(1, quote_found(key).size() - 2)),
                "expected one of the keys " + choices + ", found an unknown key");
  }
}

std::string ObjectReader::path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const Json* ObjectReader::get(std::string_view key) const {
  if (object_ == nullptr) return nullptr;
  const auto it = object_->find(key);
  return it == object_->end() ? nullptr : &*it;
}

void ObjectReader::report(std::string_view key, std::string message) {
  ctx_.report(path(key), std::move(message));
}

const Json* ObjectReader::require(std::string_view key, const char* expected) {
  if (object_ == nullptr) return nullptr;
  const Json* v = get(key);
  if (v == nullptr) report(key, std::string("expected ") + expected + ", found nothing");
  return v;
}

std::optional<std::string> ObjectReader::text(std::string_view key, const TextRule& rule) {
  const Json* v = require(key, "a string");
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    report(key, "expected a string, found " + describe(*v));
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (auto message = check_text(s, rule); !message.empty()) {
    report(key, std::move(message));
    return std::nullopt;
  }
  return s;
}

std::string ObjectReader::optional_text(std::string_view key, const TextRule& rule) {
  if (!has(key)) return {};
  TextRule relaxed = rule;
  relaxed.allow_empty = true;
  return text(key, relaxed).value_or(std::string());
}

std::optional<long long> ObjectReader::integer(std::string_view key, long long min, long long max) {
  const Json* v = require(key, "an integer");
  if (v == nullptr) return std::nullopt;
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (!v->is_number_integer()) {
    report(key, "expected " + range + ", found " + describe(*v));
    return std::nullopt;
  }
  if (v->is_number_unsigned() && v->get<unsigned long long>() > static_cast<unsigned long long>(max)) {
    report(key, "expected " + range + ", found " + v->dump());
    return std::nullopt;
  }
  const long long n = v->get<long long>();
  if (n < min || n > max) {
    report(key, "expected " + range + ", found " + v->dump());
    return std::nullopt;
  }
  return n;
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
  const Json* v = require(key, "true or false");
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    report(key, "expected true or false, found " + describe(*v));
    return std::nullopt;
  }
  return v->get<bool>();
}

bool ObjectReader::optional_boolean(std::string_view key, bool fallback) {
  if (!has(key)) return fallback;
  return boolean(key).value_or(fallback);
}

std::optional<CivilDate> ObjectReader::date(std::string_view key) {
  const Json* v = require(key, "a date YYYY-MM-DD");
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) {
    if (auto d = CivilDate::parse(v->get_ref<const std::string&>())) return d;
  }
  report(key, "expected a date YYYY-MM-DD, found " + describe(*v));
  return std::nullopt;
}

const Json* ObjectReader::array(std::string_view key, std::size_t max_items, bool required) {
  const Json* v = required ? require(key, "an array") : get(key);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    report(key, "expected an array, found " + describe(*v));
    return nullptr;
  }
  if (v->size() > max_items) {
    report(key, "expected at most " + std::to_string(max_items) + " items, found " +
                    std::to_string(v->size()));
    return nullptr;
  }
  return v;
}

const Json* ObjectReader::object(std::string_view key, bool required) {
  const Json* v = required ? require(key, "an object") : get(key);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    report(key, "expected an object, found " + describe(*v));
    return nullptr;
  }
  return v;
}

std::optional<std::string> ObjectReader::id(std::string_view key) {
  const Json* v = require(key, "an id");
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    const bool ok = !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-';
    });
    if (ok) return s;
  }
  report(key, "expected an id of 1–64 letters, digits, _ or -, found " + describe(*v));
  return std::nullopt;
}

std::optional<std::string> ObjectReader::choice(std::string_view key,
                                                const std::vector<std::string_view>& choices) {
  const Json* v = require(key, "a string");
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (std::find(choices.begin(), choices.end(), s) != choices.end()) return s;
  }
  std::string list;
  for (const auto c : choices) {
    if (!list.empty()) list += ", ";
    list += c;
  }
  report(key, "expected one of " + list + ", found " + describe(*v));
  return std::nullopt;
}

}  // namespace kiosk::json
