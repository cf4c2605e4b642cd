// Whole-pixel rectangles and the rounding the renderer and its damage tracker share (internal to
// kiosk_render), so both place every command on exactly the same pixels.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/geometry.hpp"

namespace kiosk::render {

// [x0, x1) × [y0, y1) in target pixels.
struct IRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  [[nodiscard]] int w() const { return x1 - x0; }
  [[nodiscard]] int h() const { return y1 - y0; }
  [[nodiscard]] bool empty() const { return x1 <= x0 || y1 <= y0; }
  [[nodiscard]] IRect intersect(const IRect& o) const {
    return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
  }
  [[nodiscard]] bool overlaps(const IRect& o) const { return !intersect(o).empty(); }
  bool operator==(const IRect&) const = default;
};

// r moved by dy rows.
inline IRect shifted(const IRect& r, int dy) { return {r.x0, r.y0 + dy, r.x1, r.y1 + dy}; }

inline bool finite(const Rect& r) {
  return std::isfinite(r.x) && std::isfinite(r.y) && std::isfinite(r.w) && std::isfinite(r.h);
}

inline int round_px(float v) {
  return static_cast<int>(std::clamp(std::lround(v), -(1L << 24), 1L << 24));
}

inline IRect to_pixels(const Rect& r) {
  return {round_px(r.x), round_px(r.y), round_px(r.x + r.w), round_px(r.y + r.h)};
}

inline std::uint32_t pack(Color c) {
  return (static_cast<std::uint32_t>(c.r) << 24) | (static_cast<std::uint32_t>(c.g) << 16) |
         (static_cast<std::uint32_t>(c.b) << 8) | c.a;
}

}  // namespace kiosk::render
