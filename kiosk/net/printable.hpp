// Text a server controls (a header, a URL it redirects to, an excerpt of what it sent) made safe to
// quote in a one-line reason that goes to stderr, the journal, state.json and the 维护 screen.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::net {

// The default cap for one quoted excerpt, in code points.
inline constexpr std::size_t kMaxExcerptChars = 200;

// Contract: the result is valid UTF-8 of at most max_chars code points (max_chars >= 1) with no
// character that moves the cursor, breaks the line or reorders text:
//   - C0 controls (tab, CR and LF too), DEL and C1 controls become \xNN (C0, DEL) or \u0085 (C1);
//   - U+2028, U+2029 and the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
//     U+2066–U+2069) become \u2028 etc.;
//   - each byte of an invalid UTF-8 sequence becomes U+FFFD;
//   - text longer than max_chars is cut at a character boundary (never inside an escape) and ends
//     with "…" (counted in max_chars).
// Everything else, Chinese included, is kept. printable(printable(s, n), n) == printable(s, n).
std::string printable(std::string_view text, std::size_t max_chars = kMaxExcerptChars);

}  // namespace kiosk::net
