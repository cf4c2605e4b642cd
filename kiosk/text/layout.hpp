// Paragraph layout: UTF-8 text + FontMetrics + width -> lines as byte ranges, with ellipsis.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "text/font_metrics.hpp"

namespace kiosk::text {

// Contract shared by every function here:
//  - Input is UTF-8; each invalid byte is one U+FFFD code point (never a crash, never a loop).
//  - Lines break greedily at the last opportunity from find_breaks() that fits (UAX #14 + 避头尾,
//    so closing punctuation that does not fit pushes the preceding character down with it).
//    A run with no opportunity that is wider than the line is split at the last code point
//    boundary that fits (preferring one that keeps 避头尾 within the last 4 boundaries — only a
//    run like "，，，，，" that has none breaks the rule — and never inside a cluster); a single
//    cluster of at most 8 code points wider than the whole line takes a line by itself — the
//    only case where Line::width > max_width. A longer cluster (only hostile text has them: a
//    letter under hundreds of combining marks, emoji joined by ZWJs without end) that does not
//    fit is split at the last code point that fits.
//  - Trailing spaces/tabs hang past the edge: they are excluded from Line::end and Line::width
//    and never cause a wrap. Leading spaces are kept after a mandatory break (indentation) and
//    dropped after an emergency split.
//  - Mandatory breaks (LF, CRLF, CR, U+2028, …) always end a line; "a\n\nb" is three lines
//    ("a", "", "b"); a newline at the very end does not start another (empty) line.
//  - "" gives no lines; text of only spaces gives one empty line.
//  - Widths are sums of FontMetrics::advance (no kerning); "fits" allows 0.001 units of float
//    slack. A max_width that is NaN or negative is treated as 0 (every cluster on its own line).
//  - Cost is linear in the text length: one advance() call per code point, one libunibreak pass.

struct LayoutOptions {
  int max_lines = 0;     // 0 or negative: unlimited
  bool ellipsis = true;  // when max_lines cuts text off, mark the last line for "…"
};

// To draw a line: take utf8.substr(begin, end - begin), decode it with kiosk::utf8::decode
// (invalid bytes -> U+FFFD, as layout measured them), place each code point at the running sum
// of FontMetrics::advance, then U+2026 at x = width when `ellipsis` is set.
struct Line {
  std::size_t begin = 0;  // byte offset into the input
  std::size_t end = 0;    // exclusive; trailing spaces and the newline are not included
  float width = 0;        // advance sum of [begin, end); excludes the ellipsis
  bool ellipsis = false;  // renderer draws U+2026 at x = width after the line's text

  bool operator==(const Line&) const = default;
};

struct ParagraphLayout {
  std::vector<Line> lines;
  bool truncated = false;  // max_lines reached with visible text left over
};

// Lays out one paragraph (which may contain mandatory breaks) into lines of at most max_width.
// With max_lines > 0 and visible text left after max_lines lines, `truncated` is set and, if
// options.ellipsis, the last line is shortened (never lengthened) until its width plus
// advance(U+2026) fits, trailing spaces and opening brackets are dropped before the "…", and its
// `ellipsis` is set. When even "…" alone does not fit, the line is empty with ellipsis = true.
[[nodiscard]] ParagraphLayout layout_paragraph(std::string_view utf8, const FontMetrics& metrics,
                                               float max_width, LayoutOptions options = {});

// One line for a list row: the text up to its first mandatory break if that fits and nothing
// visible follows (ellipsis = false); otherwise as many whole clusters as fit together with
// "…" (ellipsis = true), cut at any character, not at word boundaries.
[[nodiscard]] Line ellipsize_single_line(std::string_view utf8, const FontMetrics& metrics,
                                         float max_width);

// Sum of advances of the whole text (mandatory-break characters count 0), e.g. for centring.
[[nodiscard]] float measure_width(std::string_view utf8, const FontMetrics& metrics);

}  // namespace kiosk::text
