// The per-screen view functions behind Views (internal to ui/). Fixed screens draw straight
// into the DisplayList; scrolling screens build a kit::Page once, which Views caches.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ui/view_kit.hpp"

namespace kiosk::ui::screens {

struct Ctx {
  TextMeasurer& m;
  const Model& model;
  const State& state;
  const kit::Theme& t;
};

// 待机: one page of the cycle (state.attract_step modulo the page count). Returns the page
// counter ("第 1 / 7 页") for the bottom bar.
std::string attract(Ctx& c, DisplayList& dl, Rect area);
// 首页: the five tiles.
void home(Ctx& c, DisplayList& dl, Rect area);
// 创建标准: the ten tiles.
void standards_grid(Ctx& c, DisplayList& dl, Rect area);

// 公示名单: the rows' text, made when first shown.
struct RowText {
  std::string number, name, detail;
  std::string withdrawn;  // "已撤回(9月30日)" or ""
};
struct RowCache {
  std::string key;
  std::vector<std::optional<RowText>> rows;
};
void notices(Ctx& c, DisplayList& dl, Rect area, RowCache& rows);

// Pages of the scrolling screens, for a viewport `width` wide.
kit::Page applicant_page(Ctx& c, const Route& r, float width, bool with_hotlines);
kit::Page standard_page(Ctx& c, int number, float width);
kit::Page hotlines_page(Ctx& c, float width);
kit::Page steps_page(Ctx& c, float width);
kit::Page document_page(Ctx& c, float width);
kit::Page diagnostics_page(Ctx& c, float width);

// Outside office hours: the dimmed clock, drawn over the whole screen (no header, no nav bar).
void dimmed(Ctx& c, DisplayList& dl);
// 维护 with a configured PIN: the PIN pad's size when it may be `max_height` tall, and the pad
// drawn in `area` (hotspots act::Pin: the digits, Clear, Del and Exit).
Size pin_pad_size(Ctx& c, float max_height);
void pin_pad(Ctx& c, DisplayList& dl, Rect area);

// 扫码带走: the QR code of the take-home page at `path` (content/site_paths.hpp) with its caption,
// drawn with its top right corner at `top_right`; returns its size ({0, 0}, nothing drawn, when the
// bundle has no public_url). take_home_size() is the size it would take.
Size take_home_size(Ctx& c, const std::string& path);
Size take_home(Ctx& c, kit::Canvas& cv, Point top_right, const std::string& path);

// The fixed panel beside a 申报详情: how to object (the hotlines), within `area`.
void objection_panel(Ctx& c, DisplayList& dl, Rect area);
// The fixed index beside (or above) 文件全文; returns the rect it used.
Rect document_index(Ctx& c, DisplayList& dl, Rect area, const kit::Page& page, float offset);
// The fixed 上一项 / 下一项 buttons under a standard; returns their height.
float standard_nav_height(Ctx& c);
void standard_nav(Ctx& c, DisplayList& dl, Rect area, int number);

// A notice's status line: "公示期 2026年11月20日至2027年12月31日 · 还剩 37 天", or "公示期 5 个
// 工作日(2026年9月28日至10月9日) · 还剩 3 个工作日", with "今日为休息日,不计入公示期" before the
// days left on a rest day inside a working-day window (screens_lifecycle.cpp).
std::string notice_period_line(const Model& m, const content::Notice& n, CivilDate today);
// The lines a notice's band shows under its period (LIFECYCLE.md's table): "公示期已延长:WHY"
// for each extension, "已终止(9月25日):WHY" for a termination; none for a plain notice.
std::vector<std::string> notice_notes(const content::Notice& n, CivilDate today);
// "已撤回(9月30日)" for a withdrawn applicant, "" for any other.
std::string withdrawn_mark(const content::Notice& n, const content::Applicant& a, CivilDate today);
// "共 14 个,已撤回 1 个", or "共 14 个" when none is withdrawn.
std::string count_line(std::size_t total, std::size_t withdrawn);
// How many applicants of notice n are withdrawn.
std::size_t withdrawn_total(const content::Notice& n);
// One record of n's corrections as a card at (x, y), w wide: its kind and date, whom and what
// it names, the 更正说明. Returns the y below it.
float correction_card(Ctx& c, kit::Canvas& cv, const content::Notice& n,
                      const content::Correction& r, float x, float y, float w);
// How many of these applicants of notice n are withdrawn.
std::size_t withdrawn_among(const content::Notice& n, const std::vector<std::uint32_t>& members);

// 往期公示: the archived notices as cards (each opens its 公示详情).
kit::Page archive_page(Ctx& c, float width);
// 公示详情: one notice (route.notice_id), current or archived: dates, corrections, result,
// applicants (each opens its 申报详情), how to object.
kit::Page notice_page(Ctx& c, const Route& r, float width);
// A notice's 异议 details (office, address, phone, …, rules) at (x, y) within w, with the QR code
// of its url at the right when `qr`; returns the y below them.
float objection_details(Ctx& c, kit::Canvas& cv, const content::Objection& o, float x, float y,
                        float w, bool qr);
// The QR code's side for an objection url (0: none drawn).
float objection_qr_side(Ctx& c, const content::Objection& o);
// The first current notice with objection details, or nullptr.
const content::Notice* objection_notice(const Model& m, CivilDate today);
// The text of a standard's heading: "(二)社区党建成效显著".
std::string standard_heading(const content::Standard& s);

}  // namespace kiosk::ui::screens
