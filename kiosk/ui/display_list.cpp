// Text form of a DisplayList for snapshot tests.
#include "ui/display_list.hpp"

#include <cstdio>

namespace kiosk::ui {
namespace {

std::string num(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(v));
  return buf;
}

std::string rect(const Rect& r) { return num(r.x) + "," + num(r.y) + " " + num(r.w) + "x" + num(r.h); }

std::string color(const Color& c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", c.r, c.g, c.b, c.a);
  return buf;
}

}  // namespace

std::string DisplayList::to_text() const {
  std::string out = "background " + color(background) + "\n";
  for (const auto& cmd : commands) {
    if (const auto* f = std::get_if<FillRect>(&cmd)) {
      out += "fill " + rect(f->rect) + " " + color(f->color);
      if (f->radius > 0) out += " r" + num(f->radius);
      if (f->border_width > 0) out += " border " + num(f->border_width) + " " + color(f->border_color);
    } else if (const auto* t = std::get_if<TextRun>(&cmd)) {
      out += "text " + num(t->origin.x) + "," + num(t->origin.y) + " " + num(t->style.size_px) +
             "px" + (t->style.bold ? " bold " : " ") + color(t->style.color) + " " + t->text;
    } else if (const auto* q = std::get_if<QrCode>(&cmd)) {
      out += "qr " + rect(q->rect) + " " + std::to_string(q->size) + " modules";
    } else if (const auto* c = std::get_if<PushClip>(&cmd)) {
      out += "clip " + rect(c->rect);
    } else {
      out += "unclip";
    }
    out += "\n";
  }
  for (const auto& h : hotspots) out += "hit " + rect(h.rect) + " " + to_string(h.action) + "\n";
  for (const auto& a : scroll_areas) {
    out += "scroll " + a.id + " " + rect(a.viewport) + " max " + num(a.max_offset) + "\n";
  }
  return out;
}

}  // namespace kiosk::ui
