// FontMetrics: the only thing text layout needs to know about fonts (implemented by the renderer).
#pragma once

namespace kiosk::text {

// Contract for implementers (the SDL_ttf renderer; a fake in tests):
//  - All values are in the same unit as the max_width handed to layout (pixels in the renderer).
//  - advance(cp) is the horizontal advance of cp exactly as it will be drawn, i.e. after
//    per-code-point font fallback. Layout adds advances with no kerning and no shaping, so the
//    renderer should draw each line from the same per-code-point advances (or accept sub-pixel
//    differences). It must be >= 0 and finite; anything else is treated as 0.
//  - advance() is called once per code point of the laid-out text (plus once for U+2026 when an
//    ellipsis is needed); it is never called for mandatory-break characters (CR, LF, VT, FF, NEL,
//    U+2028, U+2029), which count as zero width. Invalid UTF-8 bytes are asked as U+FFFD.
//    Implementations should cache: layout runs again on every content or size change.
//  - The interface must be safe to call const from the layout thread; layout never stores it.
class FontMetrics {
 public:
  FontMetrics() = default;
  FontMetrics(const FontMetrics&) = default;
  FontMetrics& operator=(const FontMetrics&) = default;
  virtual ~FontMetrics() = default;

  // Horizontal advance of one code point as drawn.
  [[nodiscard]] virtual float advance(char32_t codepoint) const = 0;
  // Distance from one baseline to the next; a paragraph of N lines is N * line_height() tall.
  [[nodiscard]] virtual float line_height() const = 0;
  // Distance from the top of a line box down to its baseline.
  [[nodiscard]] virtual float ascent() const = 0;
};

}  // namespace kiosk::text
