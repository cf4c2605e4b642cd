// Sixteen bytes of UTF-8 at a time: how much of them is plain text (printable ASCII and CJK).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kiosk::utf8 {

// Which bytes a scan accepts: ASCII from ascii_lo to ascii_hi except the one or two stop bytes
// (0 when none; give the same byte twice for one), and the three-byte sequences led by lead_lo
// to 0xEF except 0xED (with lead_lo >= 0xE1: always well-formed, no overlong form, no surrogate,
// whatever the two continuation bytes).
struct PlainBytes {
  unsigned char ascii_lo, ascii_hi, stop1, stop2, lead_lo;
};

// The plain prefix of 16 bytes.
struct PlainRun {
  unsigned bytes = 0;  // 0–16: whole characters only (a sequence cut at the 16th byte is left out)
  unsigned chars = 0;  // code points in them
  unsigned leads = 0;  // bit i: a three-byte sequence starts at byte i (i < bytes)
  // No byte of the 16 was refused: the prefix stopped at their end (perhaps before a sequence
  // they cut), so the caller scans on from p + bytes the same way.
  bool whole = false;
};

// True when the 16-byte scan below is compiled in (x86-64: SSE2 is always there); elsewhere
// plain_run answers {0, 0, 0} and the callers' byte loops do all the work.
#if defined(__SSE2__)
inline constexpr bool kHasPlainRun = true;
#else
inline constexpr bool kHasPlainRun = false;
#endif

// Contract: p points at the first byte of a character and p[0..15] are readable. Returns the
// longest prefix of those 16 bytes made only of whole characters that `accept` accepts, each
// three-byte sequence with exactly its two continuation bytes (0x80–0xBF). Byte loops call it
// where at least 16 bytes remain, take the prefix at once and look at the byte after it
// themselves (a quote, an escape, another kind of character, or an error), so that what they
// accept, refuse and report is exactly what their byte-at-a-time code decides.
// Always inlined: `accept` then folds into constants (a call costs more than the scan).
[[gnu::always_inline]] inline PlainRun plain_run([[maybe_unused]] const unsigned char* p,
                                                 [[maybe_unused]] const PlainBytes& accept) {
  PlainRun run;
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // lo <= b <= hi, unsigned: b - lo (wrapping) is at most hi - lo.
  const auto in_range = [&v](unsigned char lo, unsigned char hi) {
    const __m128i t = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(lo)));
    return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(static_cast<char>(hi - lo))), t);
  };
  const auto is = [&v](unsigned char b) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(b)));
  };
  const __m128i ascii = _mm_andnot_si128(_mm_or_si128(is(accept.stop1), is(accept.stop2)),
                                         in_range(accept.ascii_lo, accept.ascii_hi));
  const __m128i lead = _mm_andnot_si128(is(0xED), in_range(accept.lead_lo, 0xEF));
  const auto a = static_cast<unsigned>(_mm_movemask_epi8(ascii));
  const auto l = static_cast<unsigned>(_mm_movemask_epi8(lead));
  const auto c = static_cast<unsigned>(_mm_movemask_epi8(in_range(0x80, 0xBF)));
  // The first byte that is neither accepted ASCII, a lead nor a continuation, or a continuation
  // where none is due / none where one is due: the prefix ends before it.
  const unsigned wrong = (~(a | c | l) & 0xFFFFu) | (c ^ ((l << 1) | (l << 2)));
  unsigned k = wrong == 0 ? 16u : static_cast<unsigned>(std::countr_zero(wrong));
  if (k > 16) k = 16;
  // A sequence whose continuation bytes reach byte k is left out whole. (Only one can: the
  // byte after a lead is a continuation in the prefix, never another lead.)
  if (k >= 1 && (l >> (k - 1) & 1u) != 0) {
    k -= 1;
  } else if (k >= 2 && (l >> (k - 2) & 1u) != 0) {
    k -= 2;
  }
  const unsigned within = k == 16 ? 0xFFFFu : (1u << k) - 1;
  run.bytes = k;
  run.whole = (wrong & 0xFFFFu) == 0;
  // Bits set in 16, by halves (std::popcount is a libgcc call without -mpopcnt).
  unsigned x = ~c & within;
  x -= (x >> 1) & 0x5555u;
  x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
  x = (x + (x >> 4)) & 0x0F0Fu;
  run.chars = (x + (x >> 8)) & 0x1Fu;
  run.leads = l & within;
#endif
  return run;
}

}  // namespace kiosk::utf8
