// Greedy paragraph layout over cached advances and precomputed break opportunities.
#include "text/layout.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/utf8.hpp"
#include "text/line_break.hpp"

namespace kiosk::text {
namespace {

constexpr char32_t kEllipsis = U'\u2026';
// Float sums of advances may overshoot an exact fit by rounding; this much overflow is invisible.
constexpr float kFitSlack = 0.001F;
// How many boundaries an emergency split walks back to keep 避头尾 before giving up on it; a
// bound keeps runs like "，，，，…" linear.
constexpr int kMaxPushBack = 4;
// A cluster of at most this many code points wider than the line takes a line by itself; a longer
// one is split (see split()).
constexpr std::size_t kMaxWholeCluster = 8;

bool is_mandatory_break_char(char32_t c) {
  return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// Characters excluded from a line's end and width when they trail it.
bool is_blank(char32_t c) { return c == U' ' || c == U'\t' || is_mandatory_break_char(c); }

float sanitize_width(float w) { return std::isfinite(w) && w > 0 ? w : 0.0F; }

// Line in code-point indices: [begin, end) is drawn, `next` is where the following line starts.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t next = 0;
  float width = 0;
};

// The decoded paragraph with everything layout needs, computed once in linear time.
class Paragraph {
 public:
  Paragraph(std::string_view utf8, const FontMetrics& metrics, float max_width)
      : metrics_(metrics), max_width_(max_width >= 0 ? max_width : 0.0F) {
    codepoints_.reserve(utf8.size());
    offsets_.reserve(utf8.size() + 1);
    for (std::size_t pos = 0; pos < utf8.size();) {
      const utf8::Decoded d = utf8::decode(utf8, pos);
      codepoints_.push_back(d.valid ? d.codepoint : U'\uFFFD');
      offsets_.push_back(pos);
      pos += d.length;
    }
    offsets_.push_back(utf8.size());
    advances_.reserve(codepoints_.size());
    for (const char32_t c : codepoints_) {
      advances_.push_back(is_mandatory_break_char(c) ? 0.0F : sanitize_width(metrics.advance(c)));
    }
    breaks_ = find_breaks(codepoints_);
  }

  [[nodiscard]] std::size_t size() const { return codepoints_.size(); }

  [[nodiscard]] Line to_line(const Span& s, bool ellipsis) const {
    return Line{offsets_[s.begin], offsets_[s.end], s.width, ellipsis};
  }

  // The line starting at code point `start` (< size()).
  [[nodiscard]] Span next_line(std::size_t start) const {
    float total = 0;  // including hanging spaces
    float visible = 0;
    std::size_t visible_end = start;
    bool have_opportunity = false;
    Span opportunity;
    for (std::size_t i = start; i < size(); ++i) {
      if (is_blank(codepoints_[i])) {
        total += advances_[i];
      } else {
        const float candidate = total + advances_[i];
        if (!fits(candidate)) return have_opportunity ? opportunity : split(start, i);
        total = visible = candidate;
        visible_end = i + 1;
      }
      if (breaks_[i] == Break::mandatory) return {start, visible_end, i + 1, visible};
      if (breaks_[i] == Break::allowed) {
        have_opportunity = true;
        opportunity = {start, visible_end, i + 1, visible};
      }
    }
    return {start, visible_end, size(), visible};  // not reached: the last break is mandatory
  }

  // Where the line after `line` starts: spaces after an emergency split are dropped.
  [[nodiscard]] std::size_t following_start(const Span& line) const {
    std::size_t next = line.next;
    if (next > 0 && breaks_[next - 1] == Break::mandatory) return next;
    while (next < size() && (codepoints_[next] == U' ' || codepoints_[next] == U'\t')) ++next;
    return next;
  }

  [[nodiscard]] bool has_visible_from(std::size_t start) const {
    for (std::size_t i = start; i < size(); ++i) {
      if (!is_blank(codepoints_[i])) return true;
    }
    return false;
  }

  // The first line up to its mandatory break, never wrapped.
  [[nodiscard]] Span unwrapped_first_line() const {
    float total = 0;
    Span s;
    for (std::size_t i = 0; i < size(); ++i) {
      total += advances_[i];
      if (!is_blank(codepoints_[i])) {
        s.end = i + 1;
        s.width = total;
      }
      if (breaks_[i] == Break::mandatory) {
        s.next = i + 1;
        break;
      }
    }
    return s;
  }

  // Shortens `line` (never lengthens it) so that it plus "…" fits; cuts at cluster boundaries and
  // drops trailing spaces and opening brackets, which would look stranded before the "…".
  [[nodiscard]] Span shorten_for_ellipsis(Span line) const {
    const float ellipsis = sanitize_width(metrics_.advance(kEllipsis));
    float total = 0;
    std::size_t end = line.begin;
    for (std::size_t i = line.begin; i < line.end; ++i) {
      total += advances_[i];
      if (!fits(total + ellipsis)) break;
      if (i + 1 == line.end || breaks_[i] != Break::inside_cluster) end = i + 1;
    }
    while (end > line.begin &&
           (is_blank(codepoints_[end - 1]) || forbidden_at_line_end(codepoints_[end - 1]))) {
      --end;
    }
    line.end = end;
    line.width = sum(line.begin, end);
    return line;
  }

  [[nodiscard]] bool fits(float width) const { return width <= max_width_ + kFitSlack; }

 private:
  [[nodiscard]] float sum(std::size_t begin, std::size_t end) const {
    float total = 0;
    for (std::size_t i = begin; i < end; ++i) total += advances_[i];
    return total;
  }

  // Emergency split of a run with no opportunity: code points [start, overflow) fit, the one at
  // `overflow` does not. Takes the last cluster boundary in (start, overflow], preferring one that
  // keeps 避头尾; a cluster wider than the line gets a line of its own.
  [[nodiscard]] Span split(std::size_t start, std::size_t overflow) const {
    std::size_t fallback = 0;
    std::size_t chosen = 0;
    int tried = 0;
    for (std::size_t b = overflow; b > start && tried < kMaxPushBack; --b) {
      if (breaks_[b - 1] == Break::inside_cluster) continue;
      if (fallback == 0) fallback = b;
      if (!forbidden_at_line_start(codepoints_[b]) && !forbidden_at_line_end(codepoints_[b - 1])) {
        chosen = b;
        break;
      }
      ++tried;
    }
    if (chosen == 0) chosen = fallback;
    if (chosen == 0) {
      // No boundary after `start` fits: the first cluster alone is wider than the line. A real
      // one (an emoji sequence, a flag, a letter with a few marks) takes the line by itself. A
      // longer one exists only in hostile text (a letter under hundreds of combining marks, emoji
      // joined by ZWJs without end) and is split at the last code point that fits: drawn without
      // shaping, its code points stand side by side anyway. (The touch monkey found a 200-code-
      // point cluster running 2,800 px past its box.) At most kMaxWholeCluster code points are
      // walked here, so this stays linear.
      chosen = start + 1;
      while (chosen < size() && breaks_[chosen - 1] == Break::inside_cluster &&
             chosen - start < kMaxWholeCluster) {
        ++chosen;
      }
      if (chosen < size() && breaks_[chosen - 1] == Break::inside_cluster)
        chosen = std::max(start + 1, overflow);
    }
    std::size_t end = chosen;
    while (end > start && is_blank(codepoints_[end - 1])) --end;
    return {start, end, chosen, sum(start, end)};
  }

  const FontMetrics& metrics_;
  float max_width_;
  std::u32string codepoints_;
  std::vector<std::size_t> offsets_;  // byte offset of each code point, plus the text size
  std::vector<float> advances_;
  std::vector<Break> breaks_;
};

}  // namespace

ParagraphLayout layout_paragraph(std::string_view utf8, const FontMetrics& metrics, float max_width,
                                 LayoutOptions options) {
  ParagraphLayout result;
  if (utf8.empty()) return result;
  const Paragraph paragraph(utf8, metrics, max_width);
  const auto max_lines = options.max_lines > 0 ? static_cast<std::size_t>(options.max_lines) : 0;

  Span last;
  std::size_t start = 0;
  while (start < paragraph.size()) {
    if (max_lines != 0 && result.lines.size() == max_lines) {
      result.truncated = paragraph.has_visible_from(start);
      break;
    }
    last = paragraph.next_line(start);
    result.lines.push_back(paragraph.to_line(last, false));
    start = paragraph.following_start(last);
  }
  if (result.truncated && options.ellipsis) {
    result.lines.back() = paragraph.to_line(paragraph.shorten_for_ellipsis(last), true);
  }
  return result;
}

Line ellipsize_single_line(std::string_view utf8, const FontMetrics& metrics, float max_width) {
  if (utf8.empty()) return {};
  const Paragraph paragraph(utf8, metrics, max_width);
  const Span line = paragraph.unwrapped_first_line();
  const bool more = paragraph.has_visible_from(line.next);
  if (!more && paragraph.fits(line.width)) return paragraph.to_line(line, false);
  return paragraph.to_line(paragraph.shorten_for_ellipsis(line), true);
}

float measure_width(std::string_view utf8, const FontMetrics& metrics) {
  float total = 0;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const utf8::Decoded d = utf8::decode(utf8, pos);
    const char32_t c = d.valid ? d.codepoint : U'\uFFFD';
    if (!is_mandatory_break_char(c)) total += sanitize_width(metrics.advance(c));
    pos += d.length;
  }
  return total;
}

}  // namespace kiosk::text
