// Text form of a DisplayList for snapshot tests.
#include "draw/display_list.hpp"

#include <cstdio>

namespace kiosk::draw {

std::string text_number(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(v));
  return buf;
}

std::string text_rect(const Rect& r) {
  return text_number(r.x) + "," + text_number(r.y) + " " + text_number(r.w) + "x" +
         text_number(r.h);
}

namespace {

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
      out += "fill " + text_rect(f->rect) + " " + color(f->color);
      if (f->radius > 0) out += " r" + text_number(f->radius);
      if (f->border_width > 0)
        out += " border " + text_number(f->border_width) + " " + color(f->border_color);
    } else if (const auto* t = std::get_if<TextRun>(&cmd)) {
      out += "text " + text_number(t->origin.x) + "," + text_number(t->origin.y) + " " +
             text_number(t->style.size_px) + "px" + (t->style.bold ? " bold " : " ") +
             color(t->style.color) + " " + t->text;
    } else if (const auto* q = std::get_if<QrCode>(&cmd)) {
      out += "qr " + text_rect(q->rect) + " " + std::to_string(q->size) + " modules";
    } else if (const auto* c = std::get_if<PushClip>(&cmd)) {
      out += "clip " + text_rect(c->rect);
    } else {
      out += "unclip";
    }
    out += "\n";
  }
  return out;
}

}  // namespace kiosk::draw
