// Server-controlled text made safe for a one-line reason (printable.hpp).
#include "net/printable.hpp"

#include <vector>

#include "core/utf8.hpp"

namespace kiosk::net {
namespace {

bool breaks_or_reorders(char32_t c) {
  return c == 0x2028 || c == 0x2029 || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// The printable form of one code point (an escape, U+FFFD or the character itself).
std::string piece(const utf8::Decoded& d, std::string_view source) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (!d.valid) return "\xEF\xBF\xBD";  // U+FFFD
  const char32_t c = d.codepoint;
  if (c < 0x20 || c == 0x7F) return std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
  if ((c >= 0x80 && c <= 0x9F) || breaks_or_reorders(c)) {
    std::string out = "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 15];
    return out;
  }
  return std::string(source);
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_chars) {
  if (max_chars == 0) max_chars = 1;
  std::string out;
  std::size_t chars = 0;
  std::vector<std::size_t> ends;  // out.size() after each piece, to back off for the "…"
  std::vector<std::size_t> counts;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto d = utf8::decode(text, pos);
    const std::string p = piece(d, text.substr(pos, d.length));
    pos += d.length;
    const std::size_t n = p.size() > 1 && p[0] == '\\' ? p.size() : 1;  // an escape is ASCII
    if (chars + n > max_chars) {
      // Cut: drop whole pieces until the "…" fits.
      while (!ends.empty() && chars + 1 > max_chars) {
        ends.pop_back();
        chars -= counts.back();
        counts.pop_back();
        out.resize(ends.empty() ? 0 : ends.back());
      }
      return out + "\xE2\x80\xA6";  // …
    }
    out += p;
    chars += n;
    ends.push_back(out.size());
    counts.push_back(n);
  }
  return out;
}

}  // namespace kiosk::net
