// FakeMetrics: deterministic advances for layout tests (CJK and other non-ASCII 1.0, ASCII 0.5).
#pragma once

#include <cstddef>

#include "text/font_metrics.hpp"

namespace kiosk::text::testing {

// ASCII is half an em, combining marks/ZWJ/variation selectors/skin tones are zero-width,
// everything else (CJK, U+FFFD, emoji, "…") is one em. A newline is deliberately huge so a
// layout that measured it would visibly misbehave. Counts advance() calls to check linearity.
class FakeMetrics final : public FontMetrics {
 public:
  [[nodiscard]] float advance(char32_t cp) const override {
    ++calls;
    if (cp == U'\n' || cp == U'\r') return 100.0F;
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D ||
        (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
      return 0.0F;
    }
    return cp < 0x80 ? 0.5F : 1.0F;
  }
  [[nodiscard]] float line_height() const override { return 1.25F; }
  [[nodiscard]] float ascent() const override { return 1.0F; }

  mutable std::size_t calls = 0;
};

}  // namespace kiosk::text::testing
