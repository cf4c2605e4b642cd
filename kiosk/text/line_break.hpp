// Line-break opportunities: UAX #14 (libunibreak) plus Chinese 避头尾 rules and cluster protection.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kiosk::text {

// What may happen between code point i and code point i + 1 (the entry belongs to i).
enum class Break : std::uint8_t {
  inside_cluster,  // never break here, not even in an emergency (combining mark, ZWJ, VS, skin
                   // tone, flag pair, CR LF follow)
  none,            // no opportunity; an over-long run may still be split here as a last resort
  allowed,         // a line may end after code point i
  mandatory,       // a line must end after code point i (LF, CR, VT, FF, NEL, U+2028/9, end)
};

// One entry per code point of `text`; the last entry is always Break::mandatory (end of text).
// Opportunities come from UAX #14 (libunibreak, language "zh"); then an `allowed` is removed when
//  - 避头尾: it would put a forbidden_at_line_start() character at the start of the next line, or
//    leave a forbidden_at_line_end() character (ignoring trailing spaces) at the end of this one;
//  - it lies between a digit and a following ideograph (a number and its unit or measure word:
//    2011年, 9月, 640户 stay whole).
// Mandatory breaks are never removed. Any char32_t value is accepted (invalid ones break like
// U+FFFD). Linear in text.size(); thread-safe.
[[nodiscard]] std::vector<Break> find_breaks(std::u32string_view text);

// 避头尾: closing punctuation that must not begin a line — ，。、；：！？）」』》〉】〕…—·%‰
// ,.;:!?)]} ” ’ and their full-width, half-width, small-form and vertical-form variants.
[[nodiscard]] bool forbidden_at_line_start(char32_t codepoint);

// 避头尾: opening punctuation that must not end a line — （「『《〈【〔“‘([{ and variants.
[[nodiscard]] bool forbidden_at_line_end(char32_t codepoint);

}  // namespace kiosk::text
