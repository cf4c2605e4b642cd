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

}  // namespace kiosk::utf8
