// Value types for drawing and input: points, rectangles, colours. No third-party includes.
#pragma once

#include <algorithm>
#include <cstdint>

namespace kiosk {

struct Point {
  float x = 0, y = 0;
};

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  [[nodiscard]] float right() const { return x + w; }
  [[nodiscard]] float bottom() const { return y + h; }
  [[nodiscard]] bool contains(Point p) const {
    return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h;
  }
  [[nodiscard]] Rect inset(float d) const {
    return {x + d, y + d, std::max(0.f, w - 2 * d), std::max(0.f, h - 2 * d)};
  }
  // The common part (width or height 0 when there is none).
  [[nodiscard]] Rect intersect(const Rect& o) const {
    const float x0 = std::max(x, o.x), y0 = std::max(y, o.y);
    return {x0, y0, std::max(0.f, std::min(right(), o.right()) - x0),
            std::max(0.f, std::min(bottom(), o.bottom()) - y0)};
  }
  bool operator==(const Rect&) const = default;
};

struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Color&) const = default;
};

// A rectangle of whole pixels (a region of the screen that was repainted and must be shown).
struct PixelRect {
  int x = 0, y = 0, w = 0, h = 0;
  bool operator==(const PixelRect&) const = default;
};

}  // namespace kiosk
