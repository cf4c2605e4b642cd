// UTF-8 decoding and validation (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::utf8 {

struct Decoded {
  char32_t codepoint = 0;
  std::size_t length = 1;  // bytes consumed; 1 for an invalid byte so callers can skip it
  bool valid = false;
};

// Decodes the code point starting at text[pos]; pos must be < text.size().
Decoded decode(std::string_view text, std::size_t pos);

// Byte offset of the first invalid sequence, or nullopt when the whole text is valid UTF-8.
std::optional<std::size_t> first_invalid(std::string_view text);

// Number of code points (invalid bytes count one each).
std::size_t length(std::string_view text);

void append(std::string& out, char32_t codepoint);

// Whether cp shows nothing on its own: white space (U+3000 too), line and paragraph separators,
// control and format characters (zero-width spaces and joiners, bidi marks, U+FEFF, tags),
// combining marks and variation selectors (they only change the character before them), the
// other default-ignorable code points (Hangul fillers) and U+2800 BRAILLE PATTERN BLANK. Text
// made only of such code points looks empty on screen. Unassigned and private-use code points
// count as visible (they draw a box or a font's glyph). Tables of Unicode 14.
bool shows_nothing(char32_t cp);

}  // namespace kiosk::utf8
