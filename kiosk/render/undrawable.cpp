// Finds characters in located strings that no configured font can draw.
#include "render/undrawable.hpp"

#include <algorithm>
#include <cstdio>

#include "core/utf8.hpp"

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
  std::vector<bool> asked(0x110000, false);
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[pos]);
    if (c < 0x80) {
      if (c == '\\' && pos + 1 < bytes.size() && bytes[pos + 1] == 'u') return false;
      ++pos;
      if (c == '\t' || c == '\n' || c == '\r' || asked[c]) continue;
      asked[c] = true;
      if (!fonts.can_draw(c)) return false;
      continue;
    }
    const auto d = utf8::decode(bytes, pos);
    pos += d.length;
    const char32_t cp = d.valid ? d.codepoint : U'\uFFFD';
    if (asked[cp]) continue;
    asked[cp] = true;
    if (!fonts.can_draw(cp)) return false;
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
