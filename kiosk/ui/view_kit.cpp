// Shared view building blocks: theme sizes, wrapped text, pages, buttons, badges.
#include "ui/view_kit.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui::kit {

Theme make_theme(Size size, bool large_text, const ui::FontRoles& roles) {
  using ui::FontRole;
  Theme t;
  t.size = size;
  t.portrait = size.height > size.width;
  t.large = large_text;
  const float short_edge = std::min(size.width, size.height);
  t.s = ui::layout_scale(short_edge);
  const int edge = static_cast<int>(short_edge);
  t.body = roles.px(FontRole::Body, large_text, edge);
  t.small = roles.px(FontRole::Caption, large_text, edge);
  t.heading = roles.px(FontRole::Heading, large_text, edge);
  t.title = roles.px(FontRole::Title, large_text, edge);
  t.huge = roles.px(FontRole::Hotline, large_text, edge);
  t.header = roles.px(FontRole::Heading, large_text, edge);
  t.tile = roles.px(FontRole::Tile, large_text, edge);
  t.button = roles.px(FontRole::Button, large_text, edge);
  auto r = [](float v) { return std::round(v); };
  const float space = t.s * (large_text ? 1.2F : 1.0F);
  t.margin = r(40 * t.s);
  t.gap = r(24 * space);
  t.pad = r(20 * space);
  t.radius = r(12 * t.s);
  t.target = r(88 * space);
  t.rule = std::max(1.0F, r(2 * t.s));
  return t;
}

TextStyle style(float size, bool bold, Color color) {
  TextStyle st;
  st.size_px = size;
  st.bold = bold;
  st.color = color;
  return st;
}

Block wrap(TextMeasurer& m, std::string_view text, const TextStyle& st, float max_width,
           int max_lines, float leading) {
  const auto& metrics = m.metrics(st);
  Block b;
  b.style = st;
  b.line_height = metrics.line_height();
  b.advance = b.line_height * leading;
  text::LayoutOptions options;
  options.max_lines = max_lines;
  auto laid = text::layout_paragraph(text, metrics, std::max(1.0F, max_width), options);
  const float ellipsis_w = metrics.advance(U'\u2026');
  for (const auto& line : laid.lines) {
    std::string s(text.substr(line.begin, line.end - line.begin));
    float w = line.width;
    if (line.ellipsis) {
      s += "\u2026";
      w += ellipsis_w;
    }
    b.lines.push_back(std::move(s));
    b.widths.push_back(w);
    b.width = std::max(b.width, w);
  }
  b.ranges = std::move(laid.lines);
  if (!b.lines.empty())
    b.height = static_cast<float>(b.lines.size() - 1) * b.advance + b.line_height;
  return b;
}

float width_of(TextMeasurer& m, std::string_view text, const TextStyle& st) {
  return text::measure_width(text, m.metrics(st));
}

float line_height(TextMeasurer& m, const TextStyle& st) { return m.metrics(st).line_height(); }

TextStyle fit_one_line(TextMeasurer& m, std::string_view text, TextStyle st, float max_width,
                       float min_px) {
  const float w = width_of(m, text, st);
  if (w <= max_width || st.size_px <= min_px || w <= 0) return st;
  st.size_px = std::max(min_px, std::floor(st.size_px * max_width / w));
  while (st.size_px > min_px && width_of(m, text, st) > max_width) st.size_px -= 1;
  return st;
}

std::string ellipsize(TextMeasurer& m, std::string_view text, const TextStyle& st,
                      float max_width) {
  const auto& metrics = m.metrics(st);
  const auto line = text::ellipsize_single_line(text, metrics, std::max(1.0F, max_width));
  std::string s(text.substr(line.begin, line.end - line.begin));
  if (line.ellipsis) s += "\u2026";
  return s;
}

void Canvas::fill(Rect r, Color c, float radius, float border, Color border_color) {
  add(FillRect{r, c, radius, border, border_color}, r.y, r.bottom());
}

void Canvas::text(Point p, std::string s, const TextStyle& st, float lh) {
  if (s.empty()) return;
  add(TextRun{p, std::move(s), st}, p.y, p.y + lh);
}

void Canvas::block(const Block& b, Point p, float align, float w) {
  for (std::size_t i = 0; i < b.lines.size(); ++i) {
    const float x = p.x + (align > 0 ? (w - b.widths[i]) * align : 0);
    text({x, p.y + static_cast<float>(i) * b.advance}, b.lines[i], b.style, b.line_height);
  }
}

void ListCanvas::add(DrawCommand cmd, float, float) { dl_.commands.push_back(std::move(cmd)); }
void ListCanvas::hotspot(Rect r, Act action) { dl_.hotspots.push_back({r, std::move(action)}); }

void Page::add(DrawCommand cmd, float top, float bottom) {
  items.push_back({top, bottom, std::move(cmd)});
  height = std::max(height, bottom);
}
void Page::hotspot(Rect r, Act action) { hotspots.push_back({r, std::move(action)}); }

namespace {

DrawCommand translated(const DrawCommand& cmd, float dx, float dy) {
  DrawCommand out = cmd;
  std::visit(
      [&](auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, TextRun>) {
          c.origin.x += dx;
          c.origin.y += dy;
        } else if constexpr (std::is_same_v<T, PopClip>) {
        } else {
          c.rect.x += dx;
          c.rect.y += dy;
        }
      },
      out);
  return out;
}

}  // namespace

void scroll_bar(DisplayList& dl, Rect viewport, float offset, float content_height,
                const Theme& t) {
  if (content_height <= viewport.h + 0.5F) return;
  const float track_w = std::round(8 * t.s);
  const Rect track{viewport.right() - track_w, viewport.y, track_w, viewport.h};
  const float thumb_h = std::max(std::round(60 * t.s), viewport.h * viewport.h / content_height);
  const float max_offset = content_height - viewport.h;
  const float y = viewport.y + (viewport.h - thumb_h) * std::clamp(offset / max_offset, 0.0F, 1.0F);
  dl.fill(track, palette::kPaper, track_w / 2);
  dl.fill({track.x, std::round(y), track_w, std::round(thumb_h)}, palette::kScrollThumb,
          track_w / 2);
}

float emit_page(DisplayList& dl, const Page& page, Rect viewport, float offset, const Theme& t) {
  const float max_offset = std::max(0.0F, page.height - viewport.h);
  offset = std::round(std::clamp(offset, 0.0F, max_offset));
  const float dy = viewport.y - offset;
  dl.push_clip(viewport);
  for (const auto& item : page.items) {
    if (item.bottom < offset || item.top > offset + viewport.h) continue;
    dl.commands.push_back(translated(item.cmd, viewport.x, dy));
  }
  dl.pop_clip();
  for (const auto& h : page.hotspots) {
    const Rect r =
        Rect{h.rect.x + viewport.x, h.rect.y + dy, h.rect.w, h.rect.h}.intersect(viewport);
    if (r.w > 0 && r.h > 0) dl.hotspots.push_back({r, h.action});
  }
  scroll_bar(dl, viewport, offset, page.height, t);
  dl.scroll_areas.push_back({"page", viewport, max_offset});
  return offset;
}

float button_width(TextMeasurer& m, const Theme& t, std::string_view label, float min_w) {
  return std::max(
      {min_w, t.target, std::ceil(width_of(m, label, style(t.button, true)) + 2 * t.pad)});
}

Rect button(Canvas& c, TextMeasurer& m, const Theme& t, Point at, std::string_view label,
            Act action, bool selected, float min_w, float h) {
  const TextStyle st = style(t.button, true, selected ? palette::kOnNavy : palette::kNavy);
  const float w = button_width(m, t, label, min_w);
  if (h <= 0) h = t.target;
  const Rect r{at.x, at.y, w, h};
  c.fill(r, selected ? palette::kNavy : palette::kNavySoft, t.radius, t.rule, palette::kNavy);
  const float tw = width_of(m, label, st), lh = line_height(m, st);
  c.text({std::round(r.x + (w - tw) / 2), std::round(r.y + (h - lh) / 2)}, std::string(label), st,
         lh);
  c.hotspot(r, std::move(action));
  return r;
}

Size badge_size(TextMeasurer& m, const Theme& t, std::string_view label, float size) {
  const TextStyle st = style(size > 0 ? size : t.small, true);
  return {std::ceil(width_of(m, label, st) + t.pad), std::ceil(line_height(m, st) + t.pad * 0.4F)};
}

Rect badge(Canvas& c, TextMeasurer& m, const Theme& t, Point at, std::string_view label, Color ink,
           Color bg, float size) {
  const TextStyle st = style(size > 0 ? size : t.small, true, ink);
  const Size sz = badge_size(m, t, label, size);
  const Rect r{at.x, at.y, sz.width, sz.height};
  c.fill(r, bg, t.radius * 0.5F, t.rule, ink);
  c.text({r.x + t.pad / 2, r.y + t.pad * 0.2F}, std::string(label), st, line_height(m, st));
  return r;
}

}  // namespace kiosk::ui::kit
