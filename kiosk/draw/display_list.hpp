// DisplayList: what a screen wants drawn this frame, as plain data. Views (ui/) build it, the
// renderer (render/) draws it with SDL; nothing here knows SDL. Text arrives already broken into
// lines (text/), one TextRun per line or per differently-styled span of a line.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/geometry.hpp"

namespace kiosk::draw {

struct TextStyle {
  float size_px = 28;  // font pixel size (the em), not the line height
  bool bold = false;
  Color color{0x1a, 0x1a, 0x1a, 255};
  bool operator==(const TextStyle&) const = default;
};

struct FillRect {
  Rect rect;
  Color color;
  float radius = 0;        // rounded corners, 0 = square
  float border_width = 0;  // > 0: also stroke the edge with border_color
  Color border_color{};
};

// One line of text. `origin` is the top-left of the line box (its height is the font's line
// height for style.size_px); the renderer places the baseline from the font's ascent.
struct TextRun {
  Point origin;
  std::string text;  // UTF-8, one line, no '\n'
  TextStyle style;
};

// A QR code: `modules` is size×size, row-major, 1 = dark. Drawn as crisp squares filling `rect`
// (the view makes rect a multiple of size), with the quiet zone included in rect by the view.
struct QrCode {
  Rect rect;
  int size = 0;
  std::shared_ptr<const std::vector<std::uint8_t>> modules;
  Color dark{0, 0, 0, 255};
  Color light{255, 255, 255, 255};
};

struct PushClip {
  Rect rect;  // intersected with the current clip
};
struct PopClip {};

using DrawCommand = std::variant<FillRect, TextRun, QrCode, PushClip, PopClip>;

struct DisplayList {
  Color background{255, 255, 255, 255};
  std::vector<DrawCommand> commands;

  void fill(Rect r, Color c, float radius = 0) {
    commands.emplace_back(FillRect{r, c, radius, 0, {}});
  }
  void text(Point origin, std::string s, const TextStyle& style) {
    commands.emplace_back(TextRun{origin, std::move(s), style});
  }
  void push_clip(Rect r) { commands.emplace_back(PushClip{r}); }
  void pop_clip() { commands.emplace_back(PopClip{}); }

  // A stable, reviewable text form for snapshot tests: one command per line. (ui::DisplayList adds
  // its hotspots and scroll areas, which the renderer never sees.)
  [[nodiscard]] std::string to_text() const;
};

// The forms to_text() writes a number ("12") and a rectangle ("x,y wxh") in, for lists that extend
// it.
[[nodiscard]] std::string text_number(float v);
[[nodiscard]] std::string text_rect(const Rect& r);

}  // namespace kiosk::draw
