// libFuzzer target: UTF-8 decoding, line breaking and paragraph layout with arbitrary bytes and
// widths. Checks the layout contract: lines are ordered, inside the text, and within the width
// unless a single short cluster is wider than the line.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/utf8.hpp"
#include "text/layout.hpp"
#include "text/line_break.hpp"

namespace {

class Metrics final : public kiosk::text::FontMetrics {
 public:
  float advance(char32_t cp) const override { return cp < 0x2E80 ? 10.f : 20.f; }
  float line_height() const override { return 30.f; }
  float ascent() const override { return 24.f; }
};

// True when the text is one cluster as the layout defines it (no place inside where even an
// emergency split may happen) that the layout keeps whole: at most 8 code points (longer ones are
// split to fit, text/layout.hpp).
bool one_cluster(std::string_view s) {
  std::u32string cps;
  for (std::size_t pos = 0; pos < s.size();) {
    const auto d = kiosk::utf8::decode(s, pos);
    cps.push_back(d.valid ? d.codepoint : U'\uFFFD');
    pos += d.length;
  }
  if (cps.size() > 8) return false;
  const auto breaks = kiosk::text::find_breaks(cps);
  for (std::size_t i = 0; i + 1 < breaks.size(); ++i) {
    if (breaks[i] != kiosk::text::Break::inside_cluster) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const float width = static_cast<float>(data[0]) * 2.f;  // 0–510 px
  const int max_lines = data[1] % 8;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  const Metrics metrics;
  const auto layout = kiosk::text::layout_paragraph(text, metrics, width, {max_lines, true});
  std::size_t previous_end = 0;
  for (const auto& line : layout.lines) {
    if (line.begin > line.end || line.end > text.size() || line.begin < previous_end)
      __builtin_trap();
    previous_end = line.end;
    // Wider than the box only for one glyph that alone is wider.
    if (line.width > width + 0.01f &&
        !one_cluster(text.substr(line.begin, line.end - line.begin))) {
      __builtin_trap();
    }
  }
  if (max_lines > 0 && layout.lines.size() > static_cast<std::size_t>(max_lines)) __builtin_trap();
  const auto single = kiosk::text::ellipsize_single_line(text, metrics, width);
  if (single.end > text.size()) __builtin_trap();
  return 0;
}
