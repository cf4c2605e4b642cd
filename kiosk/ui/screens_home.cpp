// 待机 (the self-running notice board), 首页 (five tiles) and 创建标准 (ten tiles).
#include <algorithm>
#include <cmath>

#include "ui/format.hpp"
#include "ui/screens.hpp"

namespace kiosk::ui::screens {

using content::Category;
using kit::Block;
using kit::style;

std::string standard_heading(const content::Standard& s) { return s.label + s.title; }

namespace {

// Lines of a block that fit in `height`, at least one.
int lines_fitting(TextMeasurer& m, const TextStyle& st, float height, float leading = 1.0F) {
  const float lh = kit::line_height(m, st);
  if (height < lh) return 1;
  return 1 + static_cast<int>(std::floor((height - lh) / (lh * leading)));
}

// The first hotline, for "如有异议" lines: district ones first.
const content::Hotline* first_hotline(const Model& model) {
  for (const auto& h : model.hotlines()) {
    if (h.level == content::HotlineLevel::District) return &h;
  }
  return model.hotlines().empty() ? nullptr : &model.hotlines().front();
}

// ---- 待机 ------------------------------------------------------------------------------------

struct AttractPage {
  enum class Kind { Cover, List, Standard, Hotlines } kind = Kind::Cover;
  std::size_t notice = 0;
  Category category = Category::StreetDemo;
  std::size_t first = 0, count = 0;  // List: rows [first, first+count) of the category
  int page = 0, pages = 0;           // List: page within the category
  int standard = 0;                  // Standard: index
};

std::vector<AttractPage> attract_pages(const Model& model, CivilDate today, std::size_t rows) {
  std::vector<AttractPage> out;
  rows = std::max<std::size_t>(1, rows);
  for (const std::size_t n : model.current_notices(today)) {
    out.push_back({AttractPage::Kind::Cover, n});
    for (const auto cat : content::kAllCategories) {
      const auto& members = model.members(n, cat);
      const int pages = static_cast<int>((members.size() + rows - 1) / rows);
      for (int p = 0; p < pages; ++p) {
        const std::size_t first = static_cast<std::size_t>(p) * rows;
        out.push_back({AttractPage::Kind::List, n, cat, first,
                       std::min(rows, members.size() - first), p, pages});
      }
    }
  }
  if (out.empty()) {
    for (std::size_t i = 0; i < model.document().standards.size(); ++i) {
      AttractPage p{AttractPage::Kind::Standard};
      p.standard = static_cast<int>(i);
      out.push_back(p);
      if (i % 3 == 2 && !model.hotlines().empty()) out.push_back({AttractPage::Kind::Hotlines});
    }
    if (!model.hotlines().empty()) out.push_back({AttractPage::Kind::Hotlines});
  }
  return out;
}

// A band with the notice's title, 示例 mark, issuer, 公示期 and days left. Returns its height.
// The title and the period take up to two lines each; where that would leave less than a line
// of `area` below (a short panel in 适老模式) the title takes one line, then the issuer is
// left out, then the period takes one line.
float notice_band(Ctx& c, kit::Canvas& cv, Rect area, const content::Notice& n) {
  const kit::Theme& t = c.t;
  const TextStyle title_st = style(t.title, true);
  const TextStyle period_st = style(t.heading, true, palette::kAccent);
  const Size demo = kit::badge_size(c.m, t, "示例");
  const float title_w = area.w - (n.demo ? demo.width + t.gap : 0);
  const std::string issuer = n.issuer + (n.doc_number.empty() ? "" : "  " + n.doc_number);
  Block who = kit::wrap(c.m, issuer, style(t.body, false, palette::kInkSoft), area.w, 1);
  const std::string period_text = notice_period_line(c.model, n, c.state.today);
  Block title = kit::wrap(c.m, n.title, title_st, title_w, 2);
  Block period = kit::wrap(c.m, period_text, period_st, area.w, 2);
  // 公示期已延长 / 已终止 and why (LIFECYCLE.md), under the period.
  const TextStyle note_st = style(t.body, true, palette::kAccentInk);
  std::vector<Block> notes;
  for (const auto& note : notice_notes(n, c.state.today))
    notes.push_back(kit::wrap(c.m, note, note_st, area.w - t.pad, 2));
  auto notes_h = [&] {
    float h = 0;
    for (const auto& b : notes) h += b.height + t.pad * 0.75F;
    return h;
  };
  // What follows the band (a list's heading and rows, or the notice's introduction) needs at
  // least a line of body text.
  const float keep = kit::line_height(c.m, style(t.body)) + t.pad;
  auto too_tall = [&] {
    const float who_h = who.lines.empty() ? 0 : who.height + t.pad * 0.25F;
    return title.height + t.pad * 0.5F + who_h + period.height + notes_h() + t.pad + t.rule +
               t.pad >
           area.h - keep;
  };
  if (too_tall()) title = kit::wrap(c.m, n.title, title_st, title_w, 1);
  if (too_tall()) who = Block{};
  if (too_tall()) period = kit::wrap(c.m, period_text, period_st, area.w, 1);
  if (too_tall()) {
    const auto all = notice_notes(n, c.state.today);
    for (std::size_t i = 0; i < notes.size(); ++i)
      notes[i] = kit::wrap(c.m, all[i], note_st, area.w - t.pad, 1);
  }
  cv.block(title, {area.x, area.y});
  if (n.demo) {
    kit::badge(cv, c.m, t,
               {area.x + title.width + t.gap, area.y + (title.line_height - demo.height) / 2},
               "示例", palette::kAccentInk, palette::kAccentSoft);
  }
  float y = area.y + title.height + t.pad * 0.5F;
  if (!who.lines.empty()) {
    cv.block(who, {area.x, y});
    y += who.height + t.pad * 0.25F;
  }
  cv.block(period, {area.x, y});
  y += period.height + t.pad;
  for (const auto& b : notes) {
    cv.fill({area.x, y - t.pad * 0.25F, b.width + t.pad, b.height + t.pad * 0.5F},
            palette::kAccentSoft, t.radius * 0.5F);
    cv.block(b, {area.x + t.pad * 0.5F, y});
    y += b.height + t.pad * 0.75F;
  }
  cv.fill({area.x, y, area.w, t.rule}, palette::kRule);
  return y + t.rule + t.pad - area.y;
}

// "如有异议,请在公示期内拨打监督电话:区民政局监督电话 021-0000 0000" at the bottom of `area`.
// With a current notice's 异议 details (LIFECYCLE.md): "如有异议,请在公示期内向 OFFICE 反映:电话
// … 地址 …", and the QR code of its url at the right.
float objection_line(Ctx& c, kit::Canvas& cv, Rect area) {
  const kit::Theme& t = c.t;
  const content::Notice* on = objection_notice(c.model, c.state.today);
  const content::Hotline* h = first_hotline(c.model);
  if (on != nullptr) {
    const content::Objection& o = *on->objection;
    const QrMatrix* qr = c.model.url_qr(o.url);
    const float side = qr != nullptr && qr->size > 0 ? objection_qr_side(c, o) : 0;
    const TextStyle cap = style(t.small, true, palette::kNavy);
    const std::string cap_text = "扫码提交异议";
    const float qr_w = side > 0 ? std::max(side, kit::width_of(c.m, cap_text, cap)) + t.gap : 0;
    std::string text =
        "如有异议,请在公示期内向" + (o.office.empty() ? "受理单位" : o.office) + "反映";
    if (!o.phone.empty()) text += ":电话 " + format::unbreakable(o.phone);
    if (!o.address.empty()) text += "  地址:" + o.address;
    if (o.phone.empty() && h != nullptr)
      text += ",或拨打" + h->name + " " + format::unbreakable(h->number);
    const Block b = kit::wrap(c.m, text, style(t.heading, true, palette::kNavy),
                              area.w - 2 * t.pad - qr_w, 3, t.leading);
    const float h_box =
        std::max(b.height, side > 0 ? side + kit::line_height(c.m, cap) : 0.0F) + 2 * t.pad;
    const Rect box{area.x, area.bottom() - h_box, area.w, h_box};
    cv.fill(box, palette::kNavySoft, t.radius);
    cv.block(b, {box.x + t.pad, std::round(box.y + (h_box - b.height) / 2)});
    if (side > 0) {
      // The code on white, as a phone's camera wants it.
      const float cw = kit::width_of(c.m, cap_text, cap);
      const float cx = box.right() - t.pad - (qr_w - t.gap) / 2;
      const Rect r{std::round(cx - side / 2), box.y + t.pad, side, side};
      cv.fill({r.x, r.y, r.w, r.h}, palette::kCard);
      cv.add(QrCode{r, qr->size, qr->modules}, r.y, r.bottom());
      cv.text({std::round(cx - cw / 2), r.bottom()}, cap_text, cap, kit::line_height(c.m, cap));
    }
    return h_box;
  }
  if (!h) return 0;
  const std::string text =
      "如有异议,请在公示期内拨打监督电话:" + h->name + "  " + format::unbreakable(h->number);
  const Block b =
      kit::wrap(c.m, text, style(t.heading, true, palette::kNavy), area.w - 2 * t.pad, 2);
  const float h_box = b.height + 2 * t.pad;
  const Rect box{area.x, area.bottom() - h_box, area.w, h_box};
  cv.fill(box, palette::kNavySoft, t.radius);
  cv.block(b, {box.x + t.pad, box.y + t.pad});
  return h_box;
}

void attract_list(Ctx& c, kit::Canvas& cv, Rect area, const AttractPage& p, float row_h) {
  const kit::Theme& t = c.t;
  const auto& notice = c.model.notices()[p.notice];
  const auto& members = c.model.members(p.notice, p.category);
  const TextStyle head_st = style(t.heading, true);
  const std::size_t withdrawn = withdrawn_among(notice, members);
  std::string heading = std::string(content::category_title(p.category)) + "(" +
                        count_line(members.size(), withdrawn);
  if (p.pages > 1)
    heading += ",第 " + std::to_string(p.page + 1) + "/" + std::to_string(p.pages) + " 页";
  heading += ")";
  const Block hb = kit::wrap(c.m, heading, head_st, area.w, 1);
  cv.block(hb, {area.x, area.y});
  float y = area.y + hb.height + t.pad;
  // Columns: 序号 | 名称 | 负责人 | 联系人 or 地址
  const bool street = content::is_street(p.category);
  const float num_w = std::ceil(kit::width_of(c.m, "序号", style(t.body, true)) + t.pad * 2);
  const float rest = area.w - num_w;
  const float name_w = std::round(rest * (t.portrait ? 0.5F : 0.42F));
  const float leader_w = std::round(rest * (t.portrait ? 0.25F : 0.22F));
  const float third_w = rest - name_w - leader_w;
  const float xs[4] = {area.x, area.x + num_w, area.x + num_w + name_w,
                       area.x + num_w + name_w + leader_w};
  const float ws[4] = {num_w, name_w, leader_w, third_w};
  const TextStyle col_st = style(t.body, true, palette::kInkSoft);
  const TextStyle cell_st = style(t.body, false);
  const float lh = kit::line_height(c.m, cell_st);
  const char* titles[4] = {"序号", "单位名称", "负责人", street ? "联系人" : "地址"};
  cv.fill({area.x, y, area.w, row_h}, palette::kPaper);
  for (int i = 0; i < 4; ++i) {
    cv.text({xs[i] + t.pad / 2, y + (row_h - lh) / 2},
            kit::ellipsize(c.m, titles[i], col_st, ws[i] - t.pad), col_st, lh);
  }
  y += row_h;
  const content::FieldKey keys[4] = {
      content::FieldKey::Name, content::FieldKey::Name, content::FieldKey::Leader,
      street ? content::FieldKey::Contact : content::FieldKey::Address};
  for (std::size_t k = 0; k < p.count; ++k) {
    const auto& a = notice.applicants[members[p.first + k]];
    // A withdrawn applicant stays in its row, greyed, its name struck through, 已撤回(date) in
    // the last column; a corrected cell ends in 已更正.
    const std::string gone = withdrawn_mark(notice, a, c.state.today);
    cv.fill({area.x, y, area.w, row_h}, !gone.empty() ? palette::kEnded
                                        : k % 2 == 0  ? palette::kCard
                                                      : palette::kRowAlt);
    const std::string cells[4] = {std::to_string(p.first + k + 1), a.name, a.leader,
                                  !gone.empty() ? gone
                                  : street      ? a.contact
                                                : a.address};
    for (int i = 0; i < 4; ++i) {
      const Color ink = gone.empty() ? palette::kInk : palette::kEndedInk;
      const TextStyle st = i == 1 || (i == 3 && !gone.empty()) ? style(t.body, true, ink)
                                                               : style(t.body, false, ink);
      const bool corrected = i > 0 && !(i == 3 && !gone.empty()) && !notice.corrections.empty() &&
                             std::any_of(notice.corrections.begin(), notice.corrections.end(),
                                         [&](const content::Correction& r) {
                                           return r.kind == content::CorrectionKind::Corrected &&
                                                  r.applicant == a.id &&
                                                  content::field_from_code(r.field) == keys[i];
                                         });
      const std::string mark = corrected ? "(已更正)" : "";
      const TextStyle mark_st = style(t.small, true, palette::kAccentInk);
      const float mark_w = corrected ? kit::width_of(c.m, mark, mark_st) : 0;
      const std::string text = kit::ellipsize(c.m, cells[i], st, ws[i] - t.pad - mark_w);
      const float tw = kit::width_of(c.m, text, st);
      if (i == 1 && !gone.empty()) {  // struck through: the rule first, the name over it
        cv.fill(
            {xs[i] + t.pad / 2, std::round(y + row_h / 2), tw, std::max(1.0F, std::round(2 * t.s))},
            palette::kEndedInk);
      }
      cv.text({xs[i] + t.pad / 2, y + (row_h - lh) / 2}, text, st, lh);
      if (corrected) {
        const float mlh = kit::line_height(c.m, mark_st);
        cv.text({xs[i] + t.pad / 2 + tw, y + (row_h - mlh) / 2}, mark, mark_st, mlh);
      }
    }
    y += row_h;
  }
  cv.fill({area.x, y, area.w, t.rule}, palette::kRule);
}

void attract_cover(Ctx& c, kit::Canvas& cv, Rect area, const content::Notice& n,
                   std::size_t index) {
  const kit::Theme& t = c.t;
  float y = area.y;
  const TextStyle big = style(std::round(t.huge * 1.25F), true, palette::kAccent);
  const auto& cal = c.model.bundle().calendar;
  const std::string left = format::days_left(n, cal, c.state.today);
  const Block days = kit::wrap(c.m, left, big, area.w, 1);
  if (days.height <= area.h) {
    cv.block(days, {area.x, y});
    y += days.height + t.pad;
  }
  // On a rest day inside a working-day window, and the applicants counted apart from the
  // withdrawn ones.
  std::string sub = format::rest_day_note(n, cal, c.state.today);
  if (const std::size_t gone = withdrawn_total(n); gone > 0) {
    sub += (sub.empty() ? "" : "  ·  ") + std::string("申报单位") +
           count_line(n.applicants.size(), gone);
  }
  if (!sub.empty()) {
    const Block b = kit::wrap(c.m, sub, style(t.heading, true, palette::kAccentInk), area.w, 2);
    if (y + b.height <= area.bottom()) {
      cv.block(b, {area.x, y});
      y += b.height + t.pad;
    }
  }
  // Counts per category as cards along the bottom (two rows in portrait); the intro between.
  const int cols = t.portrait ? 2 : 5;
  const int rows = (5 + cols - 1) / cols;
  const float card_w = (area.w - static_cast<float>(cols - 1) * t.gap) / static_cast<float>(cols);
  const TextStyle name_st = style(t.body, false, palette::kInkSoft);
  const TextStyle count_st = style(t.heading, true);
  float name_h = 0;
  for (const auto cat : content::kAllCategories) {
    name_h = std::max(
        name_h,
        kit::wrap(c.m, content::category_short(cat), name_st, card_w - 2 * t.pad, 2).height);
  }
  const float card_h = std::round(name_h + kit::line_height(c.m, count_st) + 2 * t.pad);
  const float cards_h = static_cast<float>(rows) * card_h + static_cast<float>(rows - 1) * t.gap;
  // Priorities when short of room (适老模式 on a landscape panel, or the 异议 box and the
  // withdrawn line both present): the days left, then the counts, then the intro. Counts that do
  // not fit as cards go on lines ("示范街道(镇) 2 个  ·  模范街道(镇) 2 个 …"), a category never
  // broken across two lines, and only whole: never cut.
  if (cards_h > area.bottom() - y) {
    const TextStyle line_st = style(t.body, true);
    const float lh = kit::line_height(c.m, line_st);
    const std::string sep = "  ·  ";
    std::vector<std::string> lines(1);
    bool whole = true;  // every category fits a line of its own at least
    for (const auto cat : content::kAllCategories) {
      const std::string item = std::string(content::category_short(cat)) + " " +
                               std::to_string(c.model.members(index, cat).size()) + " 个";
      whole = whole && kit::width_of(c.m, item, line_st) <= area.w;
      std::string& line = lines.back();
      if (line.empty() || kit::width_of(c.m, line + sep + item, line_st) <= area.w) {
        line += (line.empty() ? "" : sep) + item;
      } else {
        lines.push_back(item);
      }
    }
    const float counts_h = static_cast<float>(lines.size()) * lh * t.leading;
    if (whole && counts_h <= area.bottom() - y) {
      for (const auto& line : lines) {
        cv.text({area.x, y}, line, line_st, lh);
        y += lh * t.leading;
      }
      y += t.gap;
    }
    const TextStyle st = style(t.body);
    if (!n.intro.empty() && area.bottom() - y >= kit::line_height(c.m, st)) {
      cv.block(kit::wrap(c.m, n.intro, st, area.w,
                         lines_fitting(c.m, st, area.bottom() - y, t.leading), t.leading),
               {area.x, y});
    }
    return;
  }
  const float cards_top = area.bottom() - cards_h;
  int i = 0;
  for (const auto cat : content::kAllCategories) {
    const float x = area.x + static_cast<float>(i % cols) * (card_w + t.gap);
    const float cy = cards_top + static_cast<float>(i / cols) * (card_h + t.gap);
    cv.fill({x, cy, card_w, card_h}, palette::kCard, t.radius, t.rule, palette::kRule);
    const Block nb = kit::wrap(c.m, content::category_short(cat), name_st, card_w - 2 * t.pad, 2);
    cv.block(nb, {x + t.pad, cy + t.pad});
    const std::string count = std::to_string(c.model.members(index, cat).size()) + " 个";
    cv.text({x + t.pad, cy + card_h - t.pad - kit::line_height(c.m, count_st)}, count, count_st,
            kit::line_height(c.m, count_st));
    ++i;
  }
  const float room = cards_top - t.gap - y;
  const TextStyle st = style(t.body);
  if (!n.intro.empty() && room >= kit::line_height(c.m, st)) {
    const int lines = lines_fitting(c.m, st, room, t.leading);
    const Block intro = kit::wrap(c.m, n.intro, st, area.w, lines, t.leading);
    cv.block(intro, {area.x, y});
  }
}

void attract_standard(Ctx& c, kit::Canvas& cv, Rect area, int index) {
  const kit::Theme& t = c.t;
  const auto& s = c.model.document().standards[static_cast<std::size_t>(index)];
  float y = area.y;
  const Block note =
      kit::wrap(c.m,
                "目前没有正在公示的名单。以下是上海市社区建设示范(模范)单位创建标准(" +
                    std::to_string(s.number) + "/" +
                    std::to_string(c.model.document().standards.size()) + "):",
                style(t.body, false, palette::kInkSoft), area.w, 2);
  cv.block(note, {area.x, y});
  y += note.height + t.pad;
  const Block head = kit::wrap(c.m, standard_heading(s), style(t.title, true), area.w, 2);
  cv.block(head, {area.x, y});
  y += head.height + t.pad;
  const TextStyle st = style(t.heading);
  const int lines = lines_fitting(c.m, st, area.bottom() - y, t.leading);
  const Block text = kit::wrap(c.m, s.text, st, area.w, lines, t.leading);
  cv.block(text, {area.x, y});
}

void attract_hotlines(Ctx& c, kit::Canvas& cv, Rect area) {
  const kit::Theme& t = c.t;
  float y = area.y;
  const Block head = kit::wrap(c.m, "监督及投诉电话", style(t.title, true), area.w, 1);
  cv.block(head, {area.x, y});
  y += head.height + t.pad;
  const TextStyle name_st = style(t.heading, false);
  const TextStyle num_st = style(t.huge, true, palette::kNavy);
  const float name_lh = kit::line_height(c.m, name_st), num_lh = kit::line_height(c.m, num_st);
  const int cols = t.portrait ? 1 : 2;
  const float col_w = (area.w - static_cast<float>(cols - 1) * t.gap) / static_cast<float>(cols);
  const float item_h = name_lh + num_lh + t.gap;
  int i = 0;
  for (const auto& h : c.model.hotlines()) {
    const float x = area.x + static_cast<float>(i % cols) * (col_w + t.gap);
    const float iy = y + static_cast<float>(i / cols) * item_h;
    if (iy + item_h > area.bottom()) break;
    cv.text({x, iy}, kit::ellipsize(c.m, h.name, name_st, col_w), name_st, name_lh);
    const std::string number = format::unbreakable(h.number);
    cv.text({x, iy + name_lh}, number, kit::fit_one_line(c.m, number, num_st, col_w, t.heading),
            num_lh);
    ++i;
  }
}

}  // namespace

std::string attract(Ctx& c, DisplayList& dl, Rect area) {
  const kit::Theme& t = c.t;
  kit::ListCanvas cv(dl);
  const auto current = c.model.current_notices(c.state.today);
  const float bottom_h = objection_line(c, cv, area);
  Rect body{area.x, area.y, area.w, area.h - bottom_h - (bottom_h > 0 ? t.gap : 0)};
  // Rows per list page depend on the band above the table, which is the same for every page of
  // a notice; measure it with the first current notice.
  const float row_h = std::round(kit::line_height(c.m, style(t.body)) + t.pad * 1.2F);
  std::size_t rows = 1;
  float band_h = 0;
  if (!current.empty()) {
    kit::Page probe;  // measure without drawing
    band_h = notice_band(c, probe, body, c.model.notices()[current.front()]);
    const float head_h = kit::line_height(c.m, style(t.heading, true)) + t.pad;
    const float table_h = body.h - band_h - head_h - row_h - t.rule;
    rows = static_cast<std::size_t>(std::max(1.0F, std::floor(table_h / row_h)));
  }
  const auto pages = attract_pages(c.model, c.state.today, rows);
  if (pages.empty()) {
    const Block b = kit::wrap(c.m, "目前没有正在公示的名单", style(t.title, true), body.w);
    cv.block(b, {body.x, body.y});
    return "";
  }
  const auto step = static_cast<std::size_t>(std::max<std::int64_t>(0, c.state.attract_step));
  const AttractPage& p = pages[step % pages.size()];
  switch (p.kind) {
    case AttractPage::Kind::Cover:
    case AttractPage::Kind::List: {
      const auto& n = c.model.notices()[p.notice];
      const float h = notice_band(c, cv, body, n);
      const Rect rest{body.x, body.y + h, body.w, body.h - h};
      if (p.kind == AttractPage::Kind::Cover) {
        attract_cover(c, cv, rest, n, p.notice);
      } else {
        attract_list(c, cv, rest, p, row_h);
      }
      break;
    }
    case AttractPage::Kind::Standard:
      attract_standard(c, cv, body, p.standard);
      break;
    case AttractPage::Kind::Hotlines:
      attract_hotlines(c, cv, body);
      break;
  }
  return "第 " + std::to_string(step % pages.size() + 1) + " / " + std::to_string(pages.size()) +
         " 页";
}

// ---- 首页 -------------------------------------------------------------------------------------

namespace {

struct Tile {
  std::string title;
  Act action;
  std::vector<std::pair<std::string, TextStyle>> lines;  // wrapped in order while room is left
  bool demo = false;
  int number_line = -1;  // a telephone number: made smaller to fit one line, never broken
};

void draw_tile(Ctx& c, kit::Canvas& cv, Rect r, const Tile& tile) {
  const kit::Theme& t = c.t;
  cv.fill(r, palette::kCard, t.radius, t.rule, palette::kRule);
  cv.fill({r.x, r.y + t.radius, std::round(10 * t.s), r.h - 2 * t.radius}, palette::kNavy);
  const float inner_x = r.x + t.pad * 1.5F + 10 * t.s,
              inner_w = r.w - (inner_x - r.x) - t.pad * 1.5F;
  float y = r.y + t.pad * 1.5F;
  const TextStyle title_st = style(t.tile, true, palette::kNavy);
  const Size demo = kit::badge_size(c.m, t, "示例");
  const Block title =
      kit::wrap(c.m, tile.title, title_st, inner_w - (tile.demo ? demo.width + t.gap : 0), 1);
  cv.block(title, {inner_x, y});
  if (tile.demo) {
    kit::badge(cv, c.m, t,
               {inner_x + title.width + t.gap, y + (title.line_height - demo.height) / 2}, "示例",
               palette::kAccentInk, palette::kAccentSoft);
  }
  y += title.height + t.pad;
  for (std::size_t i = 0; i < tile.lines.size(); ++i) {
    const std::string& text = tile.lines[i].first;
    const TextStyle st = static_cast<int>(i) == tile.number_line
                             ? kit::fit_one_line(c.m, text, tile.lines[i].second, inner_w, t.small)
                             : tile.lines[i].second;
    const float room = r.bottom() - t.pad - y;
    const float lh = kit::line_height(c.m, st);
    if (room < lh) break;
    const int max_lines = lines_fitting(c.m, st, room);
    const Block b = kit::wrap(c.m, text, st, inner_w, max_lines);
    cv.block(b, {inner_x, y});
    y += b.height + t.pad * 0.5F;
  }
  cv.hotspot(r, tile.action);
}

}  // namespace

void home(Ctx& c, DisplayList& dl, Rect area) {
  const kit::Theme& t = c.t;
  kit::ListCanvas cv(dl);
  const auto& doc = c.model.document();
  const TextStyle body = style(t.body, false, palette::kInkSoft);
  const TextStyle strong = style(t.heading, true, palette::kAccent);
  std::vector<Tile> tiles(6);
  const auto archived = c.model.archived_notices(c.state.today);
  {
    Tile& n = tiles[0];
    n.title = "公示名单";
    n.action = act::Go{act::Place::Notices};
    const auto current = c.model.current_notices(c.state.today);
    if (current.empty()) {
      n.lines.emplace_back("目前没有正在公示的名单", style(t.heading, true));
      if (!archived.empty()) n.lines.emplace_back("已结束的公示和公示结果见“往期公示”", body);
    } else {
      const auto& notice = c.model.notices()[current.front()];
      const auto& cal = c.model.bundle().calendar;
      n.demo = notice.demo;
      std::string left = format::days_left(notice, cal, c.state.today);
      if (const auto rest = format::rest_day_note(notice, cal, c.state.today); !rest.empty())
        left = rest + "  ·  " + left;
      n.lines.emplace_back(left, strong);
      n.lines.emplace_back(notice.title, style(t.body, true));
      n.lines.emplace_back(format::period(notice.window), body);
      for (const auto& note : notice_notes(notice, c.state.today))
        n.lines.emplace_back(note, style(t.body, true, palette::kAccentInk));
      const std::size_t gone = withdrawn_total(notice);
      n.lines.emplace_back(gone == 0 ? "共 " + std::to_string(notice.applicants.size()) +
                                           " 个申报单位,点此查看名单和申报表"
                                     : "申报单位" + count_line(notice.applicants.size(), gone) +
                                           ",点此查看名单和申报表",
                           body);
      if (current.size() > 1)
        n.lines.emplace_back("另有 " + std::to_string(current.size() - 1) + " 则公示", body);
    }
  }
  {
    Tile& h = tiles[1];
    h.title = "监督电话";
    h.action = act::Go{act::Place::Hotlines};
    if (const content::Hotline* first = first_hotline(c.model)) {
      h.number_line = static_cast<int>(h.lines.size());
      h.lines.emplace_back(format::unbreakable(first->number),
                           style(t.heading, true, palette::kNavy));
    }
    h.lines.emplace_back("对公示有异议,请拨打监督及投诉电话", body);
  }
  {
    Tile& s = tiles[2];
    s.title = "创建标准";
    s.action = act::Go{act::Place::Standards};
    s.lines.emplace_back(
        "社区建设示范(模范)单位的" +
            std::string(doc.standards.size() == 10 ? "十" : std::to_string(doc.standards.size())) +
            "项创建标准和量化指标",
        body);
  }
  {
    Tile& s = tiles[3];
    s.title = "创建步骤";
    s.action = act::Go{act::Place::Steps};
    std::string phases;
    for (const auto& step : doc.steps) phases += (phases.empty() ? "" : "、") + step.title;
    s.lines.emplace_back(phases, body);
  }
  {
    Tile& d = tiles[4];
    d.title = "文件全文";
    d.action = act::Go{act::Place::Document};
    d.lines.emplace_back(doc.doc_number + " " + doc.title, body);
  }
  {
    Tile& a = tiles[5];
    a.title = "往期公示";
    a.action = act::Go{act::Place::Archive};
    if (archived.empty()) {
      a.lines.emplace_back("暂无已结束的公示", body);
    } else {
      a.lines.emplace_back(std::to_string(archived.size()) + " 则已结束的公示",
                           style(t.body, true));
      a.lines.emplace_back("查看公示期、更正记录和公示结果", body);
    }
  }
  // Rows of (tile, columns it spans): landscape the notice wide beside 监督电话 over four
  // tiles; portrait the notice across, 监督电话 and 往期公示, then the document's three.
  using Row = std::vector<std::pair<std::size_t, int>>;
  const std::vector<Row> rows =
      t.portrait ? std::vector<Row>{{{0, 1}}, {{1, 1}, {5, 1}}, {{2, 1}, {3, 1}, {4, 1}}}
                 : std::vector<Row>{{{0, 2}, {1, 1}}, {{2, 1}, {3, 1}, {4, 1}, {5, 1}}};
  const float th =
      (area.h - static_cast<float>(rows.size() - 1) * t.gap) / static_cast<float>(rows.size());
  for (std::size_t row = 0; row < rows.size(); ++row) {
    int cols = 0;
    for (const auto& cell : rows[row]) cols += cell.second;
    const float tw = (area.w - static_cast<float>(cols - 1) * t.gap) / static_cast<float>(cols);
    int col = 0;
    for (const auto& [i, span] : rows[row]) {
      const float x0 = std::round(area.x + static_cast<float>(col) * (tw + t.gap));
      const float x1 = std::round(area.x + static_cast<float>(col + span) * (tw + t.gap) - t.gap);
      const Rect r{x0, std::round(area.y + static_cast<float>(row) * (th + t.gap)), x1 - x0,
                   std::round(th)};
      draw_tile(c, cv, r, tiles[i]);
      col += span;
    }
  }
}

// ---- 创建标准 (tiles) ---------------------------------------------------------------------------

void standards_grid(Ctx& c, DisplayList& dl, Rect area) {
  const kit::Theme& t = c.t;
  kit::ListCanvas cv(dl);
  const Block head = kit::wrap(c.m,
                               "创建标准(共" + std::to_string(c.model.document().standards.size()) +
                                   "项,点击查看全文和量化指标)",
                               style(t.heading, true), area.w, 2);
  cv.block(head, {area.x, area.y});
  const float top = area.y + head.height + t.gap;
  const auto& standards = c.model.document().standards;
  const int cols = t.portrait ? 2 : 5;
  const int rows = static_cast<int>((standards.size() + static_cast<std::size_t>(cols) - 1) /
                                    static_cast<std::size_t>(cols));
  const float tw = (area.w - static_cast<float>(cols - 1) * t.gap) / static_cast<float>(cols);
  const float th = (area.bottom() - top - static_cast<float>(rows - 1) * t.gap) /
                   static_cast<float>(std::max(1, rows));
  const TextStyle label_st = style(t.heading, false, palette::kInkSoft);
  const TextStyle title_st = style(t.heading, true, palette::kNavy);
  const TextStyle note_st = style(t.small, false, palette::kInkSoft);
  auto tile_rect = [&](std::size_t i) {
    const int col = static_cast<int>(i) % cols, row = static_cast<int>(i) / cols;
    return Rect{std::round(area.x + static_cast<float>(col) * (tw + t.gap)),
                std::round(top + static_cast<float>(row) * (th + t.gap)), std::round(tw),
                std::round(th)};
  };
  const float label_h = kit::line_height(c.m, label_st);
  const float note_h = kit::line_height(c.m, note_st) + t.pad * 0.5F;
  // One arrangement for every tile, the first in which all of them fit: the label on a line of
  // its own above the whole title and the indicator count; the label run into the title
  // ("(二)社区党建…") with the count; the same without the count; the title cut with "…".
  enum class Arrangement { LabelLine, RunIn, RunInNoCount, Cut };
  auto fits = [&](Arrangement a) {
    for (std::size_t i = 0; i < standards.size(); ++i) {
      const auto& s = standards[i];
      const Rect r = tile_rect(i);
      const float iw = r.w - 2 * t.pad, room = r.h - 2 * t.pad;
      const float count_h = a == Arrangement::RunInNoCount || s.indicators.empty() ? 0 : note_h;
      const float text_h = a == Arrangement::LabelLine
                               ? label_h + kit::wrap(c.m, s.title, title_st, iw).height
                               : kit::wrap(c.m, s.label + s.title, title_st, iw).height;
      if (text_h + count_h > room) return false;
    }
    return true;
  };
  Arrangement arrangement = Arrangement::Cut;
  for (const Arrangement a :
       {Arrangement::LabelLine, Arrangement::RunIn, Arrangement::RunInNoCount}) {
    if (fits(a)) {
      arrangement = a;
      break;
    }
  }
  for (std::size_t i = 0; i < standards.size(); ++i) {
    const auto& s = standards[i];
    const Rect r = tile_rect(i);
    cv.fill(r, palette::kCard, t.radius, t.rule, palette::kRule);
    const float iw = r.w - 2 * t.pad, room = r.h - 2 * t.pad;
    float y = r.y + t.pad;
    if (arrangement == Arrangement::LabelLine) {
      cv.text({r.x + t.pad, y}, s.label, label_st, label_h);
      y += label_h;
      cv.block(kit::wrap(c.m, s.title, title_st, iw), {r.x + t.pad, y});
    } else {
      const int max_lines =
          arrangement == Arrangement::Cut ? lines_fitting(c.m, title_st, room) : 0;
      cv.block(kit::wrap(c.m, s.label + s.title, title_st, iw, max_lines), {r.x + t.pad, y});
    }
    const bool with_count =
        arrangement == Arrangement::LabelLine || arrangement == Arrangement::RunIn;
    if (with_count && !s.indicators.empty()) {
      const std::string note = std::to_string(s.indicators.size()) + " 项量化指标";
      cv.text({r.x + t.pad, r.bottom() - t.pad - kit::line_height(c.m, note_st)},
              kit::ellipsize(c.m, note, note_st, iw), note_st, kit::line_height(c.m, note_st));
    }
    cv.hotspot(r, act::Standard{s.number});
  }
}

}  // namespace kiosk::ui::screens
