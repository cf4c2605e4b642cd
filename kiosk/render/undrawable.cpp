// Finds characters in located strings that no configured font can draw.
#include "render/undrawable.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "core/utf8.hpp"
#include "core/utf8_scan.hpp"

namespace kiosk::render {
namespace {

constexpr std::size_t kMaxPerFile = 200;

// "… and N more strings …" for the file whose problems were cut off.
void add_dropped_line(const std::string& file, std::size_t dropped, Problems& out) {
  if (dropped == 0) return;
  out.push_back({file, "",
                 "… and " + std::to_string(dropped) +
                     " more strings with characters the configured fonts cannot draw"});
}

}  // namespace

bool surely_drawable(std::string_view bytes, FontLibrary& fonts) {
  // One bit per code point asked already: the loop runs once per character of a 6 MB file.
  std::vector<std::uint64_t> asked((0x110000 + 63) / 64, 0);
  const auto first_time = [&asked](char32_t cp) {
    std::uint64_t& word = asked[cp >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (cp & 63);
    if ((word & bit) != 0) return false;
    word |= bit;
    return true;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  // When the fonts draw all of printable ASCII (asked once here, not per file byte), plain text
  // goes 16 bytes at a time (core/utf8_scan.hpp): ASCII but the backslash passes as it is, and
  // only the code point of each 3-byte sequence (the inline case below) is looked up.
  bool ascii_drawable = utf8::kHasPlainRun && size >= 16;
  for (char32_t c = 0x20; ascii_drawable && c < 0x7F; ++c) ascii_drawable = fonts.can_draw(c);
  static constexpr utf8::PlainBytes kPlain{0x20, 0x7E, '\\', '\\', 0xE1};
  std::size_t pos = 0;
  while (pos < size) {
    if (ascii_drawable && size - pos >= 16) {
      const auto run = utf8::plain_run(p + pos, kPlain);
      for (unsigned leads = run.leads; leads != 0; leads &= leads - 1) {
        const unsigned char* s = p + pos + std::countr_zero(leads);
        const auto cp =
            static_cast<char32_t>(((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu));
        if (first_time(cp) && !fonts.can_draw(cp)) return false;
      }
      pos += run.bytes;
      if (run.whole) continue;
    }
    const unsigned char c = p[pos];
    if (c < 0x80) {
      if (c == '\\' && pos + 1 < size && p[pos + 1] == 'u') return false;
      ++pos;
      if (c == '\t' || c == '\n' || c == '\r' || !first_time(c)) continue;
      if (!fonts.can_draw(c)) return false;
      continue;
    }
    char32_t cp = 0;
    // The common case inline (CJK text): a 3-byte sequence led by E1–EC or EE–EF, which with two
    // continuation bytes is always well-formed (no overlong form, no surrogate).
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && pos + 2 < size && (p[pos + 1] & 0xC0) == 0x80 &&
        (p[pos + 2] & 0xC0) == 0x80) {
      cp = static_cast<char32_t>(((c & 0x0Fu) << 12) | ((p[pos + 1] & 0x3Fu) << 6) |
                                 (p[pos + 2] & 0x3Fu));
      pos += 3;
    } else {
      const auto d = utf8::decode(bytes, pos);
      pos += d.length;
      cp = d.valid ? d.codepoint : U'\uFFFD';
    }
    if (first_time(cp) && !fonts.can_draw(cp)) return false;
  }
  return true;
}

std::string codepoint_label(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

std::vector<char32_t> undrawable_in(std::string_view text, FontLibrary& fonts) {
  std::vector<char32_t> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto d = utf8::decode(text, pos);
    pos += d.length;
    const char32_t cp = d.valid ? d.codepoint : U'\uFFFD';
    if (!fonts.can_draw(cp) && std::find(out.begin(), out.end(), cp) == out.end())
      out.push_back(cp);
  }
  return out;
}

Problems undrawable_characters(const std::vector<LocatedText>& strings, FontLibrary& fonts) {
  Problems out;
  const std::string* file = nullptr;  // the file of the strings counted so far
  std::size_t reported = 0, dropped = 0;
  for (const auto& s : strings) {
    if (file == nullptr || *file != s.file) {
      if (file != nullptr) add_dropped_line(*file, dropped, out);
      file = &s.file;
      reported = dropped = 0;
    }
    const auto missing = undrawable_in(s.text, fonts);
    if (missing.empty()) continue;
    if (reported == kMaxPerFile) {
      ++dropped;
      continue;
    }
    std::string found;
    for (const char32_t cp : missing) {
      if (!found.empty()) found += ", ";
      std::string ch;
      utf8::append(ch, cp);
      found += quote_found(ch) + " (" + codepoint_label(cp) + ")";
    }
    out.push_back(
        {s.file, s.path, "expected characters the configured fonts can draw, found " + found});
    ++reported;
  }
  if (file != nullptr) add_dropped_line(*file, dropped, out);
  return out;
}

}  // namespace kiosk::render
