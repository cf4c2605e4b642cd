// Line-break opportunities: libunibreak's UAX #14 pass, then 避头尾 and cluster rules on top.
#include "text/line_break.hpp"

#include <linebreak.h>

namespace kiosk::text {
namespace {

// Characters after which a line must not be split even as a last resort: they attach to the
// previous code point (combining marks, variation selectors, ZWJ, emoji modifiers, tags).
bool is_cluster_extender(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
         (c >= 0x302A && c <= 0x302F) || (c >= 0x3099 && c <= 0x309A) ||
         (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200D ||
         (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F) ||
         (c >= 0xE0100 && c <= 0xE01EF);
}

bool is_regional_indicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19); }

bool is_ideograph(char32_t c) {
  return c == 0x3007 || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// Spaces that hang at a line end, so 避头尾 looks through them at the last visible character.
bool is_space(char32_t c) { return c == U' ' || c == U'\t'; }

// Debian's libunibreak 1.1 is built with assertions and aborts the process on regional
// indicators (its pair table stops at JT) and on U+FFFF (its end-of-text sentinel) or anything
// above U+10FFFF. Hand it a stand-in of the same behaviour instead: flags break like
// ideographs (pairs are kept together by our cluster rule), the rest like U+FFFD.
utf32_t safe_for_libunibreak(char32_t c) {
  if (is_regional_indicator(c)) return 0x4E00;
  if (c == 0xFFFF || c > 0x10FFFF) return 0xFFFD;
  return c;
}

void ensure_initialized() {
  // libunibreak wants init_linebreak() once before use; a function-local static is thread-safe.
  static const bool initialized = [] {
    init_linebreak();
    return true;
  }();
  static_cast<void>(initialized);
}

}  // namespace

bool forbidden_at_line_start(char32_t c) {
  switch (c) {
    // ASCII
    case U'!':
    case U'%':
    case U')':
    case U',':
    case U'.':
    case U':':
    case U';':
    case U'?':
    case U']':
    case U'}':
    // Latin-1 and general punctuation: middle dot, closing quotes, dashes, ellipses, per mille
    case U'\u00B7':
    case U'\u2014':
    case U'\u2015':
    case U'\u2019':
    case U'\u201D':
    case U'\u2025':
    case U'\u2026':
    case U'\u2027':
    case U'\u2030':
    case U'\u2031':
    case U'\u203C':
    case U'\u2047':
    case U'\u2048':
    case U'\u2049':
    case U'\u22EF':
    // CJK symbols: 、。〉》」』】〕〗〙〛〞〟 and katakana middle dot ・
    case U'\u3001':
    case U'\u3002':
    case U'\u3009':
    case U'\u300B':
    case U'\u300D':
    case U'\u300F':
    case U'\u3011':
    case U'\u3015':
    case U'\u3017':
    case U'\u3019':
    case U'\u301B':
    case U'\u301E':
    case U'\u301F':
    case U'\u30FB':
    // vertical forms ︐︑︒︓︔︕︖︙
    case U'\uFE10':
    case U'\uFE11':
    case U'\uFE12':
    case U'\uFE13':
    case U'\uFE14':
    case U'\uFE15':
    case U'\uFE16':
    case U'\uFE19':
    // small forms ﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞
    case U'\uFE50':
    case U'\uFE51':
    case U'\uFE52':
    case U'\uFE54':
    case U'\uFE55':
    case U'\uFE56':
    case U'\uFE57':
    case U'\uFE5A':
    case U'\uFE5C':
    case U'\uFE5E':
    // full-width ！％），．：；？］｝｠ and half-width ｡｣､･
    case U'\uFF01':
    case U'\uFF05':
    case U'\uFF09':
    case U'\uFF0C':
    case U'\uFF0E':
    case U'\uFF1A':
    case U'\uFF1B':
    case U'\uFF1F':
    case U'\uFF3D':
    case U'\uFF5D':
    case U'\uFF60':
    case U'\uFF61':
    case U'\uFF63':
    case U'\uFF64':
    case U'\uFF65':
      return true;
    default:
      return false;
  }
}

bool forbidden_at_line_end(char32_t c) {
  switch (c) {
    case U'(':
    case U'[':
    case U'{':
    // opening quotes ‘ “
    case U'\u2018':
    case U'\u201C':
    // 〈《「『【〔〖〘〚〝
    case U'\u3008':
    case U'\u300A':
    case U'\u300C':
    case U'\u300E':
    case U'\u3010':
    case U'\u3014':
    case U'\u3016':
    case U'\u3018':
    case U'\u301A':
    case U'\u301D':
    // small forms ﹙﹛﹝, full-width （［｛｟, half-width ｢
    case U'\uFE59':
    case U'\uFE5B':
    case U'\uFE5D':
    case U'\uFF08':
    case U'\uFF3B':
    case U'\uFF5B':
    case U'\uFF5F':
    case U'\uFF62':
      return true;
    default:
      return false;
  }
}

std::vector<Break> find_breaks(std::u32string_view text) {
  const std::size_t n = text.size();
  std::vector<Break> out(n, Break::none);
  if (n == 0) return out;
  ensure_initialized();

  // libunibreak takes `unsigned int` code units; char32_t is a distinct type, so copy.
  std::vector<utf32_t> units;
  units.reserve(n);
  for (const char32_t c : text) units.push_back(safe_for_libunibreak(c));
  std::vector<char> raw(n);
  set_linebreaks_utf32(units.data(), n, "zh", raw.data());

  char32_t last_visible = 0;  // last non-space code point on the current line, 0 if none
  std::size_t flag_run = 0;   // length of the run of regional indicators ending at i
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = text[i];
    if (!is_space(c)) last_visible = c;
    flag_run = is_regional_indicator(c) ? flag_run + 1 : 0;

    if (raw[i] == LINEBREAK_MUSTBREAK || i + 1 == n) {
      out[i] = Break::mandatory;
      last_visible = 0;
      continue;
    }
    const char32_t next = text[i + 1];
    const bool joined = is_cluster_extender(next) || c == 0x200D || (c == U'\r' && next == U'\n') ||
                        (flag_run % 2 == 1 && is_regional_indicator(next));
    if (joined) {
      out[i] = Break::inside_cluster;
    } else if (raw[i] == LINEBREAK_ALLOWBREAK && !forbidden_at_line_start(next) &&
               !forbidden_at_line_end(last_visible) &&
               !(is_digit(c) && is_ideograph(next))) {  // 2011年, 9月, 640户 stay whole
      out[i] = Break::allowed;
    }
  }
  return out;
}

}  // namespace kiosk::text
