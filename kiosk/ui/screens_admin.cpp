// The 维护 screen's way out for the administrator: an on-screen numeric PIN pad with 退出, keys
// at least 80 px, beside (landscape) or under (portrait) the diagnostics rows.
#include <algorithm>
#include <cmath>
#include <string>

#include "ui/screens.hpp"

namespace kiosk::ui::screens {
namespace {

struct PadLayout {
  bool wide = false;  // entry, message and 退出 beside the keys instead of above and below them
  float gap, key_w, key_h, title_h, msg_h, side_w, width, height;
};

// One column (title, entry, message, four rows of keys, 退出) when it fits in max_h with keys at
// least 80 px tall; else two columns (title, entry, message and 退出 | the keys), for short panels.
PadLayout layout(Ctx& c, float max_h) {
  const kit::Theme& t = c.t;
  PadLayout p{};
  p.gap = std::round(t.gap * 0.5F);
  p.key_w = std::round(std::max(t.target * 1.5F, 120 * t.s));
  p.title_h = kit::line_height(c.m, kit::style(t.small, true));
  p.msg_h = kit::line_height(c.m, kit::style(t.small, true));
  const float min_key = std::round(80 * t.s);
  const float keys_w = 3 * p.key_w + 2 * p.gap;
  // Entry, four rows of keys and 退出: six rows of key height.
  const float fixed = 2 * t.pad + p.title_h + p.msg_h + 7 * p.gap;
  const float column_key = std::floor((max_h - fixed) / 6);
  if (column_key >= min_key) {
    p.key_h = std::min(column_key, t.target);
    p.side_w = keys_w;
    p.width = keys_w + 2 * t.pad;
    p.height = fixed + 6 * p.key_h;
    return p;
  }
  p.wide = true;
  p.key_h = std::clamp(std::floor((max_h - 2 * t.pad - 3 * p.gap) / 4), min_key, t.target);
  p.side_w = std::round(p.key_w * 1.6F);
  p.width = 2 * t.pad + p.side_w + 2 * p.gap + keys_w;
  p.height = std::max(2 * t.pad + 4 * p.key_h + 3 * p.gap,
                      2 * t.pad + p.title_h + p.msg_h + 2 * p.key_h + 3 * p.gap);
  return p;
}

}  // namespace

Size pin_pad_size(Ctx& c, float max_height) {
  const PadLayout p = layout(c, max_height);
  return {p.width, p.height};
}

void pin_pad(Ctx& c, DisplayList& dl, Rect area) {
  const kit::Theme& t = c.t;
  const AdminPin& a = c.state.admin;
  const PadLayout p = layout(c, area.h);
  kit::ListCanvas cv(dl);
  cv.fill(area, palette::kCard, t.radius, t.rule, palette::kRule);
  const float x = area.x + t.pad;
  const float side_w = p.side_w;
  float y = area.y + t.pad;
  const TextStyle title_st = kit::style(t.small, true, palette::kInkSoft);
  cv.text(
      {x, y},
      kit::ellipsize(c.m, p.wide ? "管理员退出" : "管理员退出:输入密码,按退出", title_st, side_w),
      title_st, p.title_h);
  y += p.title_h + p.gap;
  // What has been typed, as dots.
  const Rect entry{x, y, side_w, p.key_h};
  cv.fill(entry, palette::kPaper, t.radius * 0.5F, t.rule, palette::kRule);
  std::string dots;
  for (std::size_t i = 0; i < a.entry.size(); ++i) dots += "●";
  const TextStyle dots_st = kit::style(t.title, false, palette::kInk);
  const TextStyle hint_st = kit::style(t.body, false, palette::kInkSoft);
  const TextStyle& shown_st = dots.empty() ? hint_st : dots_st;
  const std::string shown =
      dots.empty() ? "密码" : kit::ellipsize(c.m, dots, dots_st, side_w - 2 * t.pad);
  const float lh = kit::line_height(c.m, shown_st);
  cv.text({std::round(x + t.pad), std::round(y + (p.key_h - lh) / 2)}, shown, shown_st, lh);
  y += p.key_h + p.gap;
  // 密码错误, or how long the pad stays locked.
  std::string message = a.message;
  if (c.state.now_ms < a.locked_until_ms) {
    const auto seconds = (a.locked_until_ms - c.state.now_ms + 999) / 1000;
    message = "错误次数过多,请 " + std::to_string(seconds) + " 秒后再试";
  }
  if (!message.empty()) {
    const TextStyle msg_st = kit::style(t.small, true, palette::kAccent);
    cv.text({x, y}, kit::ellipsize(c.m, message, msg_st, side_w), msg_st, p.msg_h);
  }
  y += p.msg_h + p.gap;
  float keys_x = x, keys_y = y;
  if (p.wide) {
    kit::button(cv, c.m, t, {x, y}, "退出", act::Pin{act::Pin::Key::Exit}, true, side_w, p.key_h);
    keys_x = x + side_w + 2 * p.gap;
    keys_y = area.y + t.pad;
  }
  static constexpr const char* kKeys[4][3] = {
      {"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"clear", "0", "del"}};
  for (const auto& row : kKeys) {
    float kx = keys_x;
    for (const char* key : row) {
      const std::string k(key);
      const std::string label = k == "clear" ? "清除" : k == "del" ? "删除" : k;
      const act::Pin pin = k == "clear" ? act::Pin{act::Pin::Key::Clear}
                           : k == "del" ? act::Pin{act::Pin::Key::Del}
                                        : act::Pin{act::Pin::Key::Digit, k[0]};
      kit::button(cv, c.m, t, {kx, keys_y}, label, pin, false, p.key_w, p.key_h);
      kx += p.key_w + p.gap;
    }
    keys_y += p.key_h + p.gap;
  }
  if (!p.wide)
    kit::button(cv, c.m, t, {x, keys_y}, "退出", act::Pin{act::Pin::Key::Exit}, true, side_w,
                p.key_h);
}

}  // namespace kiosk::ui::screens
