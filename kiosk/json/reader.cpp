// JSON parsing and path-aware reading; see reader.hpp.
#include "json/reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <set>
#include <utility>

#include "core/utf8.hpp"
#include "core/utf8_scan.hpp"

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

// "U+2028": how messages name a code point.
std::string code_point(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most
// U+10FFFF) that starts with the non-ASCII byte at p, or 0.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned char b0 = p[0];
  const auto cont = [&](std::size_t i, unsigned char lo, unsigned char hi) {
    return p + i < end && p[i] >= lo && p[i] <= hi;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = b0 == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// How a key appears in a path: as written, but with control characters escaped and long keys
// shortened, as quote_found renders a value (without its quotes).
std::string key_segment(const std::string& key) {
  const std::string quoted = quote_found(key);
  return quoted.substr(1, quoted.size() - 2);
}

// One open object or array while a document is followed, for naming paths: "a.b[3].c".
struct PathFrame {
  bool object = false;
  bool want_key = true;   // object: the next string is a key
  std::size_t index = 0;  // array: the item being read
  std::string key;        // object: the key of the value being read
};

std::string path_of(const std::vector<PathFrame>& frames, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    const PathFrame& f = frames[i];
    if (f.object) {
      if (!out.empty()) out += '.';
      out += key_segment(f.key);
    } else {
      out += "[" + std::to_string(f.index) + "]";
    }
  }
  return out;
}

// Where the byte at offset sits, found by following the document's structure up to it (the
// bytes before it are valid UTF-8): the path of the string that holds it, whether that string is
// a key, and which character of the string it is (1-based, an escape counting one).
struct StringSpot {
  std::string path;
  bool in_key = false;
  std::size_t character = 0;
};

std::optional<StringSpot> string_at(std::string_view bytes, std::size_t offset) {
  std::vector<PathFrame> frames;
  std::size_t i = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  // The value of the \uXXXX escape at j, or -1.
  const auto u_escape = [&](std::size_t j) -> long {
    if (j + 6 > offset || bytes[j] != '\\' || bytes[j + 1] != 'u') return -1;
    long v = 0;
    for (std::size_t k = j + 2; k < j + 6; ++k) {
      const auto h = static_cast<unsigned char>(bytes[k]);
      if (std::isxdigit(h) == 0) return -1;
      v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    return v;
  };
  while (i < offset) {
    const char c = bytes[i];
    if (c == '"') {
      const bool key = !frames.empty() && frames.back().object && frames.back().want_key;
      std::string text;  // the key as written, for the path
      std::size_t j = i + 1;
      std::size_t chars = 0;
      while (j < offset && bytes[j] != '"') {
        const std::size_t start = j;
        if (const long u = u_escape(j); u >= 0) {
          j += 6;  // a surrogate pair is one character
          if (u >= 0xD800 && u <= 0xDBFF && u_escape(j) >= 0xDC00 && u_escape(j) <= 0xDFFF) j += 6;
        } else if (bytes[j] == '\\') {
          j += 2;  // another escape, or one cut short by the bad byte (then j passes offset)
        } else {
          j += utf8::decode(bytes, j).length;
        }
        if (key) text.append(bytes.substr(start, std::min(j, offset) - start));
        ++chars;
      }
      if (j >= offset) {
        StringSpot spot;
        spot.in_key = key;
        spot.character = chars + 1;
        spot.path = path_of(frames, key ? frames.size() - 1 : frames.size());
        return spot;
      }
      if (key) {
        frames.back().key = std::move(text);
        frames.back().want_key = false;
      }
      i = j + 1;
      continue;
    }
    if (c == '{' || c == '[') {
      if (frames.size() >= static_cast<std::size_t>(kMaxDepth)) return std::nullopt;
      frames.push_back({c == '{', true, 0, {}});
    } else if ((c == '}' || c == ']') && !frames.empty()) {
      frames.pop_back();
    } else if (c == ',' && !frames.empty()) {
      if (frames.back().object) {
        frames.back().want_key = true;
      } else {
        ++frames.back().index;
      }
    }
    ++i;
  }
  return std::nullopt;
}

// nlohmann's parser, the exact path, refusing duplicate keys: nlohmann silently keeps the last
// of them, so a second "name" would hide the first (SCHEMA.md: each key once). Every duplicate
// is reported with its path; a syntax error is reported alone.
std::optional<Json> parse_exact(std::string_view bytes, const std::string& file,
                                Problems& problems) {
  std::vector<PathFrame> frames;
  std::vector<std::set<std::string>> keys;  // per open object, the keys seen so far
  Problems duplicates;
  Context ctx(file, duplicates);
  // Called for every event of the parse; keeps frames in step with the document.
  const auto follow = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) {
    const auto item_done = [&] {
      if (!frames.empty() && !frames.back().object) ++frames.back().index;
    };
    switch (event) {
      case Json::parse_event_t::object_start:
        frames.push_back({true, true, 0, {}});
        keys.emplace_back();
        break;
      case Json::parse_event_t::array_start:
        frames.push_back({false, false, 0, {}});
        break;
      case Json::parse_event_t::key: {
        frames.back().key = parsed.get<std::string>();
        if (!keys.back().insert(frames.back().key).second) {
          ctx.report(path_of(frames, frames.size()),
                     "expected each key once, found " + quote_found(frames.back().key) + " again");
        }
        break;
      }
      case Json::parse_event_t::object_end:
        keys.pop_back();
        frames.pop_back();
        item_done();
        break;
      case Json::parse_event_t::array_end:
        frames.pop_back();
        item_done();
        break;
      case Json::parse_event_t::value:
        item_done();
        break;
    }
    return true;
  };
  try {
    Json out = Json::parse(bytes.begin(), bytes.end(), follow);
    if (ctx.count() == 0) return out;
    ctx.finish();
    problems.insert(problems.end(), duplicates.begin(), duplicates.end());
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

// A strict JSON parser for the happy path: builds the same nlohmann DOM Json::parse would, from
// the bytes in place (strings are found, checked and copied whole, not a character at a time),
// with the UTF-8 and nesting checks folded into the same pass. It gives up (returns false) on
// anything unusual, valid or not: a byte order mark, a fraction or exponent, an integer beyond
// 64 bits, a duplicate key, any error. parse() then takes the slow, exact path, so results and
// error messages are the same either way (a duplicate key is refused there, with its path).
// With an ItemStream, the items its route leads to are handed to it as each is parsed.
class FastParser {
 public:
  FastParser(std::string_view bytes, ItemStream* stream)
      : p_(reinterpret_cast<const unsigned char*>(bytes.data())),
        end_(p_ + bytes.size()),
        stream_(stream != nullptr && !stream->keys.empty() ? stream : nullptr) {
    if (stream_ != nullptr) indices_.resize(stream_->keys.size());
  }

  bool parse(Json& out) {
    skip_ws();
    if (!value(out, 0, stream_ != nullptr ? 0 : kOffRoute)) return false;
    skip_ws();
    return p_ == end_;
  }

 private:
  // Where a value lies on the stream's route: an object at object_route must follow
  // keys[object_route] next; an array at array_route was reached by following that many keys
  // (all of them: its items are handed out). kOffRoute: not on the route.
  static constexpr int kOffRoute = -1;

  void skip_ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool value(Json& out, int depth, int object_route = kOffRoute, int array_route = kOffRoute) {
    if (p_ >= end_) return false;
    switch (*p_) {
      case '{':
        return object(out, depth + 1, object_route);
      case '[':
        return array(out, depth + 1, array_route);
      case '"': {
        std::string text;
        if (!string(text)) return false;
        out = std::move(text);
        return true;
      }
      case 't':
        return literal("true", Json(true), out);
      case 'f':
        return literal("false", Json(false), out);
      case 'n':
        return literal("null", Json(nullptr), out);
      default:
        return number(out);
    }
  }

  bool literal(std::string_view w, Json v, Json& out) {
    if (!word(w)) return false;
    out = std::move(v);
    return true;
  }

  // At an opening bracket: steps past it, and past the closing one when it follows at once
  // (true: an empty object or array).
  bool opens_empty(unsigned char close) {
    ++p_;
    skip_ws();
    if (p_ < end_ && *p_ == close) {
      ++p_;
      return true;
    }
    return false;
  }

  // A member's key and the colon after it, up to its value.
  bool key(std::string& out) {
    skip_ws();
    if (p_ >= end_ || *p_ != '"' || !string(out)) return false;
    skip_ws();
    if (p_ >= end_ || *p_ != ':') return false;
    ++p_;
    skip_ws();
    return true;
  }

  // After a member or an item: a comma (another follows), the closing bracket, or an error.
  enum class Next { More, Closed, Wrong };
  Next after_item(unsigned char close) {
    skip_ws();
    if (p_ >= end_) return Next::Wrong;
    if (*p_ == ',') {
      ++p_;
      return Next::More;
    }
    if (*p_ != close) return Next::Wrong;
    ++p_;
    return Next::Closed;
  }

  bool object(Json& out, int depth, int route) {
    if (depth > kMaxDepth) return false;
    out = Json::object();
    auto& members = out.get_ref<Json::object_t&>();
    if (opens_empty('}')) return true;
    for (;;) {
      std::string name;
      if (!key(name)) return false;
      const auto [it, inserted] = members.emplace(std::move(name), Json());
      if (!inserted) return false;  // refused, with its path, by the exact path
      const bool follow = route != kOffRoute && it->first == stream_->keys[route];
      if (!value(it->second, depth, kOffRoute, follow ? route + 1 : kOffRoute)) return false;
      if (const Next next = after_item('}'); next != Next::More) return next == Next::Closed;
    }
  }

  bool array(Json& out, int depth, int route) {
    if (depth > kMaxDepth) return false;
    out = Json::array();
    auto& items = out.get_ref<Json::array_t&>();
    if (opens_empty(']')) return true;
    const bool hand_out = route != kOffRoute && static_cast<std::size_t>(route) == indices_.size();
    for (std::size_t index = 0;; ++index) {
      skip_ws();
      if (route != kOffRoute) indices_[static_cast<std::size_t>(route) - 1] = index;
      if (hand_out && offer_flat(depth)) {
        items.emplace_back();  // taken: null in its place, as below
      } else if (hand_out) {
        Json item;
        if (!value(item, depth)) return false;
        stream_->take(indices_, item);
        items.emplace_back();  // null in its place: the array keeps its size
      } else {
        items.emplace_back();
        if (!value(items.back(), depth, route)) return false;
      }
      if (const Next next = after_item(']'); next != Next::More) return next == Next::Closed;
    }
  }

  // At an item to hand out: offers it to take_flat when it is a flat object (ItemStream). true
  // when taken; false with p_ back at the item, which is then parsed as usual (so a flat object
  // refused here, or bytes that are no flat object, are read exactly as they were without this).
  bool offer_flat(int depth) {
    // The DOM path would nest the item at depth + 1, an array in it at depth + 2 and that
    // array's objects at depth + 3.
    if (!stream_->take_flat || p_ >= end_ || *p_ != '{' || depth + 3 > kMaxDepth) return false;
    const unsigned char* const start = p_;
    if (flat_object(flat_, true) && stream_->take_flat(indices_, flat_)) return true;
    p_ = start;
    return false;
  }

  // A FlatObject (reader.hpp); with_arrays: members may be arrays of objects (not in those).
  bool flat_object(FlatObject& out, bool with_arrays) {
    out.members.clear();
    if (opens_empty('}')) return true;
    for (;;) {
      if (out.members.size() == FlatObject::kMaxMembers) return false;
      FlatMember& m = out.members.emplace_back();
      if (!key(m.key)) return false;
      for (std::size_t i = 0; i + 1 < out.members.size(); ++i) {
        if (out.members[i].key == m.key) return false;  // a duplicate: the DOM path refuses it
      }
      if (!flat_value(m, with_arrays)) return false;
      if (const Next next = after_item('}'); next != Next::More) return next == Next::Closed;
    }
  }

  bool flat_value(FlatMember& m, bool with_arrays) {
    if (p_ >= end_) return false;
    switch (*p_) {
      case '"':
        m.kind = FlatMember::Kind::String;
        return string(m.text);
      case 'n':
        m.kind = FlatMember::Kind::Null;
        return word("null");
      case 't':
        m.kind = FlatMember::Kind::Boolean;
        m.boolean = true;
        return word("true");
      case 'f':
        m.kind = FlatMember::Kind::Boolean;
        return word("false");
      case '[':
        break;
      default:
        return false;
    }
    if (!with_arrays) return false;
    m.kind = FlatMember::Kind::Objects;
    if (opens_empty(']')) return true;
    for (;;) {
      skip_ws();
      if (p_ >= end_ || *p_ != '{' || m.objects.size() == FlatObject::kMaxMembers) return false;
      if (!flat_object(m.objects.emplace_back(), false)) return false;
      if (const Next next = after_item(']'); next != Next::More) return next == Next::Closed;
    }
  }

  bool word(std::string_view w) {
    if (static_cast<std::size_t>(end_ - p_) < w.size() ||
        std::string_view(reinterpret_cast<const char*>(p_), w.size()) != w) {
      return false;
    }
    p_ += w.size();
    return true;
  }

  bool string(std::string& out) {
    ++p_;  // the opening quote
    const unsigned char* run = p_;
    while (p_ < end_) {
      // Plain text 16 bytes at a time (utf8_scan.hpp); the loop below takes the byte after it.
      if constexpr (utf8::kHasPlainRun) {
        if (end_ - p_ >= 16) {
          const auto plain = utf8::plain_run(p_, kStringBytes);
          p_ += plain.bytes;
          if (plain.whole) continue;
        }
      }
      const unsigned char c = *p_;
      if (c == '"') {
        out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p_ - run));
        ++p_;
        return true;
      }
      if (c == '\\') {
        out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p_ - run));
        if (!escape(out)) return false;
        run = p_;
      } else if (c < 0x20) {
        return false;
      } else if (c < 0x80) {
        ++p_;
      } else if (c >= 0xE1 && c <= 0xEF && c != 0xED && end_ - p_ >= 3 && (p_[1] & 0xC0) == 0x80 &&
                 (p_[2] & 0xC0) == 0x80) {
        p_ += 3;  // the common case: a CJK character (no overlong or surrogate form starts so)
      } else {
        const std::size_t n = utf8_sequence(p_, end_);
        if (n == 0) return false;
        p_ += n;
      }
    }
    return false;
  }

  bool hex4(char32_t& cp) {
    if (end_ - p_ < 4) return false;
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const unsigned char c = *p_++;
      cp <<= 4;
      if (c >= '0' && c <= '9') {
        cp |= static_cast<char32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        cp |= static_cast<char32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        cp |= static_cast<char32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  bool escape(std::string& out) {
    ++p_;  // the backslash
    if (p_ >= end_) return false;
    const unsigned char c = *p_++;
    switch (c) {
      case '"':
        out.push_back('"');
        return true;
      case '\\':
        out.push_back('\\');
        return true;
      case '/':
        out.push_back('/');
        return true;
      case 'b':
        out.push_back('\b');
        return true;
      case 'f':
        out.push_back('\f');
        return true;
      case 'n':
        out.push_back('\n');
        return true;
      case 'r':
        out.push_back('\r');
        return true;
      case 't':
        out.push_back('\t');
        return true;
      case 'u': {
        char32_t cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          char32_t low = 0;
          if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
          p_ += 2;
          if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        utf8::append(out, cp);
        return true;
      }
      default:
        return false;
    }
  }

  // Integers only (what bundles and configs hold); nlohmann's types: unsigned when not negative.
  bool number(Json& out) {
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    if (p_ >= end_ || *p_ < '0' || *p_ > '9') return false;
    std::uint64_t magnitude = 0;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
        const auto digit = static_cast<std::uint64_t>(*p_ - '0');
        if (magnitude > (UINT64_MAX - digit) / 10) return false;
        magnitude = magnitude * 10 + digit;
        ++p_;
      }
    }
    if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E' || (*p_ >= '0' && *p_ <= '9')))
      return false;
    if (!negative) {
      out = magnitude;
      return true;
    }
    constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;
    if (magnitude > kMinMagnitude) return false;
    out = magnitude == kMinMagnitude ? INT64_MIN : -static_cast<std::int64_t>(magnitude);
    return true;
  }

  // What a string may hold unescaped that needs no closer look: ASCII from space to DEL but the
  // quote and the backslash, and three-byte sequences always well-formed (leads E1–EF but ED).
  static constexpr utf8::PlainBytes kStringBytes{0x20, 0x7F, '"', '\\', 0xE1};

  const unsigned char* p_;
  const unsigned char* end_;
  ItemStream* stream_;                // nullptr: nothing is handed out
  std::vector<std::size_t> indices_;  // on the route: the index in each array on the way
  FlatObject flat_;                   // the item offer_flat reads (its vector reused)
};

}  // namespace

namespace {

std::optional<Json> parse_streaming(std::string_view bytes, const std::string& file,
                                    Problems& problems, ItemStream* stream) {
  if (stream != nullptr) stream->streamed = false;
  {
    Json fast;
    if (FastParser(bytes, stream).parse(fast)) {
      if (stream != nullptr) stream->streamed = true;
      return fast;
    }
  }
  if (const auto bad = utf8::first_invalid(bytes)) {
    // Named by the field that holds the bad byte when there is one, so a person can find it in
    // an editor that shows the file as mojibake; the line and column stay for a plain viewer.
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(bytes[*bad])));
    const std::string hint = "is the file saved as GBK?";
    if (const auto spot = string_at(bytes, *bad)) {
      problems.push_back({file, spot->path.empty() ? "(top level)" : spot->path,
                          std::string("expected UTF-8 text") + (spot->in_key ? " in a key" : "") +
                              ", found invalid byte " + byte + " at character " +
                              std::to_string(spot->character) + " (" + at(bytes, *bad) + "; " +
                              hint + ")"});
    } else {
      problems.push_back(
          {file, at(bytes, *bad),
           std::string("expected UTF-8 text, found invalid byte ") + byte + " (" + hint + ")"});
    }
    return std::nullopt;
  }
  if (const auto deep = too_deep(bytes)) {
    problems.push_back(
        {file, at(bytes, *deep),
         "expected at most " + std::to_string(kMaxDepth) + " levels of nesting, found more"});
    return std::nullopt;
  }
  return parse_exact(bytes, file, problems);
}

}  // namespace

std::optional<Json> parse(std::string_view bytes, const std::string& file, Problems& problems) {
  return parse_streaming(bytes, file, problems, nullptr);
}

std::optional<Json> parse(std::string_view bytes, const std::string& file, Problems& problems,
                          ItemStream& stream) {
  return parse_streaming(bytes, file, problems, &stream);
}

std::string describe(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case Json::value_t::string:
      return quote_found(v.get_ref<const std::string&>());
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "the number " + v.dump();
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    default:
      return "a value of another kind";
  }
}

bool is_id(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string check_text(std::string_view text, const TextRule& rule) {
  if (!rule.allow_empty && text.empty()) return "expected text, found \"\"";
  std::size_t chars = 0;
  std::size_t pos = 0;
  bool visible = false;  // whether some character so far draws something (utf8::shows_nothing)
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  while (pos < text.size()) {
    // Once something visible was seen, plain text 16 bytes at a time (utf8_scan.hpp): printable
    // ASCII and the 3-byte sequences of the fast path below, which only count characters then.
    if constexpr (utf8::kHasPlainRun) {
      if (visible && text.size() - pos >= 16) {
        static constexpr utf8::PlainBytes kPlain{0x20, 0x7E, 0, 0, 0xE3};
        const auto run = utf8::plain_run(bytes + pos, kPlain);
        pos += run.bytes;
        chars += run.chars;
        if (run.whole) continue;
      }
    }
    // Fast paths: printable ASCII, and well-formed 3-byte sequences of U+3000–U+CFFF and
    // U+E000–U+FFFF (CJK, full-width punctuation), which hold no control or bidi characters.
    const unsigned char b = bytes[pos];
    if (b >= 0x20 && b < 0x7F) {
      visible = visible || b != ' ';
      ++pos;
      ++chars;
      continue;
    }
    if (b >= 0xE3 && b <= 0xEF && b != 0xED && pos + 2 < text.size() &&
        (bytes[pos + 1] & 0xC0) == 0x80 && (bytes[pos + 2] & 0xC0) == 0x80) {
      if (!visible) {  // U+3000, U+3164, U+FEFF, variation selectors … show nothing
        const auto cp = static_cast<char32_t>(
            ((b & 0x0Fu) << 12) | ((bytes[pos + 1] & 0x3Fu) << 6) | (bytes[pos + 2] & 0x3Fu));
        visible = !utf8::shows_nothing(cp);
      }
      pos += 3;
      ++chars;
      continue;
    }
    const auto d = utf8::decode(text, pos);
    if (!d.valid) {
      char buf[80];
      std::snprintf(buf, sizeof buf,
                    "expected UTF-8 text, found invalid byte 0x%02X at character %zu",
                    static_cast<unsigned>(b), chars + 1);
      return buf;
    }
    const char32_t cp = d.codepoint;
    const bool newline_ok = rule.kind == TextKind::Paragraph && cp == '\n';
    if ((cp < 0x20 && !newline_ok) || (cp >= 0x7F && cp < 0xA0)) {
      return std::string("expected ") +
             (rule.kind == TextKind::OneLine ? "one line of text" : "text") +
             ", found the control character " + code_point(cp);
    }
    if (is_bidi_control(cp)) {
      return "expected text without bidirectional overrides, found " + code_point(cp);
    }
    // The layout breaks lines at U+2028 and U+2029 as at \n: fine in a paragraph, not in one line.
    if (rule.kind == TextKind::OneLine && (cp == 0x2028 || cp == 0x2029)) {
      return std::string("expected one line of text, found the ") +
             (cp == 0x2028 ? "line separator " : "paragraph separator ") + code_point(cp);
    }
    visible = visible || !utf8::shows_nothing(cp);
    pos += d.length;
    ++chars;
  }
  if (chars > rule.max_chars) {
    return "expected at most " + std::to_string(rule.max_chars) + " characters, found " +
           std::to_string(chars);
  }
  // Text that is there but draws nothing (spaces, U+3000, zero-width characters, a combining
  // mark with no letter) would be a blank name on the screen: refused like empty text, even where
  // empty text is allowed, since "present but blank" is always a mistake.
  if (chars > 0 && !visible) return "expected visible text, found only spaces/invisible characters";
  return {};
}

FlatMember* FlatObject::find(std::string_view key) {
  for (auto& m : members) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

FlatReader::FlatReader(FlatObject& item, const std::vector<std::string_view>& known_keys)
    : item_(item) {
  for (const auto& m : item_.members) {
    if (std::find(known_keys.begin(), known_keys.end(), m.key) == known_keys.end()) failed_ = true;
  }
}

bool FlatReader::has(std::string_view key) const { return item_.find(key) != nullptr; }

bool FlatReader::is_null(std::string_view key) const {
  const FlatMember* m = item_.find(key);
  return m != nullptr && m->kind == FlatMember::Kind::Null;
}

FlatMember* FlatReader::member(std::string_view key, FlatMember::Kind kind) {
  FlatMember* m = item_.find(key);
  if (m == nullptr || m->kind != kind) {
    failed_ = true;
    return nullptr;
  }
  return m;
}

std::optional<bool> FlatReader::boolean(std::string_view key) {
  const FlatMember* m = member(key, FlatMember::Kind::Boolean);
  if (m == nullptr) return std::nullopt;
  return m->boolean;
}

std::optional<CivilDate> FlatReader::date(std::string_view key) {
  const FlatMember* m = member(key, FlatMember::Kind::String);
  if (m == nullptr) return std::nullopt;
  auto d = CivilDate::parse(m->text);
  if (!d) failed_ = true;
  return d;
}

std::vector<FlatObject>* FlatReader::objects(std::string_view key, std::size_t max_items) {
  FlatMember* m = member(key, FlatMember::Kind::Objects);
  if (m == nullptr) return nullptr;
  if (m->objects.size() > max_items) {
    failed_ = true;
    return nullptr;
  }
  return &m->objects;
}

std::optional<std::string> FlatReader::text(std::string_view key, const TextRule& rule) {
  FlatMember* m = member(key, FlatMember::Kind::String);
  if (m == nullptr) return std::nullopt;
  if (!check_text(m->text, rule).empty()) {
    failed_ = true;
    return std::nullopt;
  }
  return std::move(m->text);
}

std::string FlatReader::optional_text(std::string_view key, const TextRule& rule) {
  if (!has(key)) return {};
  TextRule relaxed = rule;
  relaxed.allow_empty = true;
  return text(key, relaxed).value_or(std::string());
}

std::optional<std::string> FlatReader::id(std::string_view key) {
  const FlatMember* m = member(key, FlatMember::Kind::String);
  if (m == nullptr) return std::nullopt;
  if (!is_id(m->text)) {
    failed_ = true;
    return std::nullopt;
  }
  return m->text;
}

std::optional<std::string> FlatReader::choice(std::string_view key,
                                              const std::vector<std::string_view>& choices) {
  const FlatMember* m = member(key, FlatMember::Kind::String);
  if (m == nullptr) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), m->text) == choices.end()) {
    failed_ = true;
    return std::nullopt;
  }
  return m->text;
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
    ctx_.report(path_.empty() ? "(top level)" : path_,
                "expected an object, found " + describe(value));
  }
}

ObjectReader::ObjectReader(Json& value, std::string path, Context& ctx,
                           std::vector<std::string_view> known_keys)
    : ObjectReader(std::as_const(value), std::move(path), ctx, std::move(known_keys)) {
  if (object_ != nullptr) owned_ = &value;
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

bool ObjectReader::is_null(std::string_view key) const {
  const Json* v = get(key);
  return v != nullptr && v->is_null();
}

std::string ObjectReader::found(std::string_view key) const {
  const Json* v = get(key);
  return v == nullptr ? "nothing" : describe(*v);
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
  return text_at(key, *v, rule);
}

std::optional<std::string> ObjectReader::text_at(std::string_view key, const Json& value,
                                                 const TextRule& rule) {
  const Json* v = &value;
  if (!v->is_string()) {
    report(key, "expected a string, found " + describe(*v));
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (auto message = check_text(s, rule); !message.empty()) {
    report(key, std::move(message));
    return std::nullopt;
  }
  // value is a member of *owned_ (found through object_, the same object): moved out, not
  // looked up again.
  if (owned_ != nullptr) return std::move(const_cast<Json*>(v)->get_ref<std::string&>());
  return s;
}

std::string ObjectReader::optional_text(std::string_view key, const TextRule& rule) {
  const Json* v = get(key);
  if (v == nullptr) return {};
  TextRule relaxed = rule;
  relaxed.allow_empty = true;
  return text_at(key, *v, relaxed).value_or(std::string());
}

std::optional<long long> ObjectReader::integer(std::string_view key, long long min, long long max) {
  const Json* v = require(key, "an integer");
  if (v == nullptr) return std::nullopt;
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (!v->is_number_integer()) {
    report(key, "expected " + range + ", found " + describe(*v));
    return std::nullopt;
  }
  if (v->is_number_unsigned() &&
      v->get<unsigned long long>() > static_cast<unsigned long long>(max)) {
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

Json* ObjectReader::consumable_array(std::string_view key, std::size_t max_items, bool required) {
  if (owned_ == nullptr || array(key, max_items, required) == nullptr) return nullptr;
  const auto it = owned_->find(key);
  return it == owned_->end() ? nullptr : &*it;
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
    if (is_id(s)) return s;
  }
  report(key, "expected " + std::string(kIdExpected) + ", found " + describe(*v));
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
