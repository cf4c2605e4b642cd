// Building blocks the screen views share: sizes for a screen size and text mode (Theme), wrapped
// text (Block), a cached scrollable page in content coordinates (Page), buttons and badges.
// Internal to ui/; views.hpp is the public face.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "draw/display_list.hpp"
#include "draw/text_measurer.hpp"
#include "text/layout.hpp"
#include "ui/font_roles.hpp"
#include "ui/palette.hpp"
#include "ui/state.hpp"

namespace kiosk::ui::kit {

// Sizes in pixels for one screen size and text mode. Text sizes are fonts/fonts.json's roles
// (ui::FontRoles: body 32 px, the smallest text 28 px at a 1080 px short edge; 适老模式 uses
// each role's large size, at least 1.4×). Spacing is designed for a 1080 px short edge, touch
// targets 88 px (106 in 适老模式); everything scales with ui::layout_scale(min(width,
// height)), like the fonts, so a 1366×768 panel shows the 1920×1080 layout at 0.71×.
struct Theme {
  Size size;
  bool portrait = false;
  bool large = false;
  float s = 1;
  float body = 32, small = 28, heading = 38, title = 48, huge = 64, header = 38, tile = 44,
        button = 32;
  float margin = 40, gap = 24, pad = 20, radius = 12, target = 88, rule = 2;
  float leading = 1.12F;  // paragraph line advance as a multiple of the font's line height
};
[[nodiscard]] Theme make_theme(Size size, bool large_text, const ui::FontRoles& roles);

[[nodiscard]] TextStyle style(float size, bool bold = false, Color color = palette::kInk);

// A paragraph broken into lines by text/layout (UAX #14 + 避头尾), ready to draw.
struct Block {
  std::vector<std::string> lines;  // "…" appended where a line was cut
  std::vector<text::Line> ranges;  // byte ranges into the source text
  std::vector<float> widths;       // drawn width of each line
  TextStyle style;
  float line_height = 0;  // font line height
  float advance = 0;      // baseline to baseline
  float height = 0;       // (n-1)·advance + line_height; 0 for no lines
  float width = 0;        // widest line
};
[[nodiscard]] Block wrap(TextMeasurer& m, std::string_view text, const TextStyle& st,
                         float max_width, int max_lines = 0, float leading = 1.0F);
[[nodiscard]] float width_of(TextMeasurer& m, std::string_view text, const TextStyle& st);
[[nodiscard]] float line_height(TextMeasurer& m, const TextStyle& st);
// `st` made smaller, down to min_px, until `text` fits max_width on one line: for telephone
// numbers, which are never broken or cut.
[[nodiscard]] TextStyle fit_one_line(TextMeasurer& m, std::string_view text, TextStyle st,
                                     float max_width, float min_px);
// One line cut with "…" to fit max_width.
[[nodiscard]] std::string ellipsize(TextMeasurer& m, std::string_view text, const TextStyle& st,
                                    float max_width);

// Drawing in some coordinate space: the window (DisplayList) or a Page's content space.
class Canvas {
 public:
  virtual ~Canvas() = default;
  virtual void add(DrawCommand cmd, float top, float bottom) = 0;
  virtual void hotspot(Rect r, Act action) = 0;

  void fill(Rect r, Color c, float radius = 0, float border = 0, Color border_color = {});
  void text(Point p, std::string s, const TextStyle& st, float line_height);
  // Draws a block with its top-left at p (align: 0 left, 0.5 centre, 1 right within width w).
  void block(const Block& b, Point p, float align = 0, float w = 0);

 protected:
  Canvas() = default;
  Canvas(const Canvas&) = default;
  Canvas(Canvas&&) = default;
  Canvas& operator=(const Canvas&) = default;
  Canvas& operator=(Canvas&&) = default;
};

class ListCanvas final : public Canvas {
 public:
  explicit ListCanvas(DisplayList& dl) : dl_(dl) {}
  void add(DrawCommand cmd, float top, float bottom) override;
  void hotspot(Rect r, Act action) override;

 private:
  DisplayList& dl_;
};

// Content of a scrolling screen, laid out once, in content coordinates (x from the viewport's
// left, y from the content's top). Emitting it culls to the visible part.
struct Page : Canvas {
  struct Item {
    float top, bottom;
    DrawCommand cmd;
  };
  std::vector<Item> items;
  std::vector<Hotspot> hotspots;
  std::vector<std::pair<std::string, float>> anchors;  // id -> y (文件全文 sections)
  float height = 0;

  void add(DrawCommand cmd, float top, float bottom) override;
  void hotspot(Rect r, Act action) override;
};

// Draws the part of `page` visible through `viewport` at scroll `offset` (clamped), clipped,
// with a scroll bar when it scrolls; adds the ScrollArea "page" and the visible hotspots.
// Returns the clamped offset.
float emit_page(DisplayList& dl, const Page& page, Rect viewport, float offset, const Theme& t);
void scroll_bar(DisplayList& dl, Rect viewport, float offset, float content_height, const Theme& t);

// A button: rounded, navy on light blue (or white on navy when selected), text centred, with a
// hotspot. Returns its rect. Width: max(min_w, text + 2·pad).
Rect button(Canvas& c, TextMeasurer& m, const Theme& t, Point at, std::string_view label,
            Act action, bool selected = false, float min_w = 0, float h = 0);
[[nodiscard]] float button_width(TextMeasurer& m, const Theme& t, std::string_view label,
                                 float min_w = 0);
// A small label in a rounded box (示例, 已盖章, 当前阶段, …). Returns its rect.
Rect badge(Canvas& c, TextMeasurer& m, const Theme& t, Point at, std::string_view label, Color ink,
           Color bg, float size = 0);
[[nodiscard]] Size badge_size(TextMeasurer& m, const Theme& t, std::string_view label,
                              float size = 0);

}  // namespace kiosk::ui::kit
