// What a hotspot does when tapped, as a type: the views build it, the reducer matches it; no
// string is prefix-matched anywhere. to_string() is its stable text for snapshots and tests.
#pragma once

#include <string>
#include <variant>

#include "content/model.hpp"

namespace kiosk::ui {
namespace act {

struct Back {  // 返回上页 (and the platform's back key)
  bool operator==(const Back&) const = default;
};
struct Home {  // 回到首页
  bool operator==(const Home&) const = default;
};
struct LargeText {  // 适老模式 on / off
  bool operator==(const LargeText&) const = default;
};
struct Admin {  // the office name: held for kAdminHoldMs it opens 维护; a tap does nothing
  bool operator==(const Admin&) const = default;
};
enum class Place { Notices, Standards, Hotlines, Steps, Document, Diagnostics, Archive };
struct Go {  // a 首页 tile or a 查看全部 button
  Place place = Place::Notices;
  bool operator==(const Go&) const = default;
};
struct Notice {  // another notice's list
  std::string id;
  bool operator==(const Notice&) const = default;
};
struct NoticePage {  // one notice's own page (公示详情): an 往期公示 card, a list's title
  std::string id;
  bool operator==(const NoticePage&) const = default;
};
struct Category {  // a category tab of the list shown
  content::Category category = content::Category::StreetDemo;
  bool operator==(const Category&) const = default;
};
struct Applicant {  // a list row
  std::string notice_id, applicant_id;
  bool operator==(const Applicant&) const = default;
};
struct Standard {  // a 创建标准 tile: 1–10
  int number = 1;
  bool operator==(const Standard&) const = default;
};
struct StandardStep {  // 上一项 (-1) / 下一项 (+1), and the swipes
  int by = 1;
  bool operator==(const StandardStep&) const = default;
};
struct ScrollTo {  // a 文件全文 index entry: the page's scroll offset in pixels
  int y = 0;
  bool operator==(const ScrollTo&) const = default;
};
struct Pin {  // a key of 维护's PIN pad
  enum class Key { Digit, Del, Clear, Exit };
  Key key = Key::Digit;
  char digit = '0';  // Key::Digit: '0'..'9'
  bool operator==(const Pin&) const = default;
};

}  // namespace act

using Act = std::variant<act::Back, act::Home, act::LargeText, act::Admin, act::Go, act::Notice,
                         act::NoticePage, act::Category, act::Applicant, act::Standard,
                         act::StandardStep, act::ScrollTo, act::Pin>;

// The stable text of an action, as the snapshots print it: "back", "home", "large-text",
// "admin", "go:notices", "go:archive", "notice:ID", "notice-page:ID", "category:CODE",
// "applicant:NOTICE/ID", "standard:3", "standard-next", "standard-prev", "scroll-to:120", "pin:5",
// "pin:del", "pin:clear", "pin:exit".
[[nodiscard]] std::string to_string(const Act& action);

}  // namespace kiosk::ui
