// A 公示's life on screen (LIFECYCLE.md): its period in working days, corrections, withdrawals,
// extensions, termination, 异议 details, 往期公示 and one notice's own page with its result.
#include <algorithm>
#include <cmath>

#include "ui/format.hpp"
#include "ui/screens.hpp"

namespace kiosk::ui::screens {

using content::CorrectionKind;
using kit::Block;
using kit::style;

std::string notice_period_line(const Model& m, const content::Notice& n, CivilDate today) {
  const auto& cal = m.bundle().calendar;
  std::string out = format::period(n.window) + "  ·  ";
  const std::string rest = format::rest_day_note(n, cal, today);
  if (!rest.empty()) out += rest + "  ·  ";
  return out + format::days_left(n, cal, today);
}

std::vector<std::string> notice_notes(const content::Notice& n, CivilDate today) {
  std::vector<std::string> out;
  for (const auto& c : n.corrections) {
    if (c.kind == CorrectionKind::Extended) {
      out.push_back("公示期已延长(" + format::record_date(c.date, today) + "):" + c.text);
    } else if (c.kind == CorrectionKind::Terminated) {
      out.push_back("已终止(" + format::record_date(c.date, today) + "):" + c.text);
    }
  }
  return out;
}

std::string withdrawn_mark(const content::Notice& n, const content::Applicant& a, CivilDate today) {
  const content::Correction* w = n.withdrawal(a.id);
  return w ? "已撤回(" + format::record_date(w->date, today) + ")" : "";
}

std::string count_line(std::size_t total, std::size_t withdrawn) {
  std::string out = "共 " + std::to_string(total) + " 个";
  if (withdrawn > 0) out += ",已撤回 " + std::to_string(withdrawn) + " 个";
  return out;
}

std::size_t withdrawn_total(const content::Notice& n) {
  return static_cast<std::size_t>(std::count_if(
      n.corrections.begin(), n.corrections.end(),
      [&](const content::Correction& r) { return r.kind == CorrectionKind::Withdrawn; }));
}

std::size_t withdrawn_among(const content::Notice& n, const std::vector<std::uint32_t>& members) {
  if (n.corrections.empty()) return 0;
  return static_cast<std::size_t>(std::count_if(members.begin(), members.end(), [&](auto a) {
    return n.withdrawal(n.applicants[a].id) != nullptr;
  }));
}

const content::Notice* objection_notice(const Model& m, CivilDate today) {
  for (const std::size_t i : m.current_notices(today)) {
    const auto& n = m.notices()[i];
    if (n.objection && !n.objection->empty()) return &n;
  }
  return nullptr;
}

namespace {

std::string_view kind_title(CorrectionKind k) {
  switch (k) {
    case CorrectionKind::Withdrawn:
      return "已撤回";
    case CorrectionKind::Corrected:
      return "已更正";
    case CorrectionKind::Extended:
      return "公示期已延长";
    case CorrectionKind::Terminated:
      return "已终止";
  }
  return "";
}

// The label of a field as the applicant's 申报表 prints it ("联系电话"), else its code.
std::string field_label(const Model& m, const content::Applicant& a, const std::string& code) {
  const auto key = content::field_from_code(code);
  if (const content::Form* form = m.document().form_for(a.category); form && key) {
    for (const auto& f : form->fields) {
      if (f.key == *key) return f.label;
    }
  }
  return code;
}

// The QR code of an objection url: whole pixels per module, about 150 px at scale 1.
float qr_side(Ctx& c, const QrMatrix& qr) {
  const auto modules = static_cast<float>(qr.size);
  return modules * std::max(2.0F, std::floor(std::round(150 * c.t.s) / modules));
}
constexpr char kObjectionQr[] = "扫码提交异议";

float section_heading(Ctx& c, kit::Canvas& cv, const std::string& text, float w, float y) {
  const Block b = kit::wrap(c.m, text, style(c.t.heading, true), w);
  cv.block(b, {0, y});
  return y + b.height + c.t.pad * 0.5F;
}

}  // namespace

float objection_qr_side(Ctx& c, const content::Objection& o) {
  const QrMatrix* qr = c.model.url_qr(o.url);
  return qr == nullptr || qr->size <= 0 ? 0 : qr_side(c, *qr);
}

float objection_details(Ctx& c, kit::Canvas& cv, const content::Objection& o, float x, float y,
                        float w, bool qr) {
  const kit::Theme& t = c.t;
  const QrMatrix* code = qr ? c.model.url_qr(o.url) : nullptr;
  const float side = code != nullptr && code->size > 0 ? qr_side(c, *code) : 0;
  const TextStyle cap = style(t.small, true, palette::kNavy);
  const float qr_w = side > 0 ? std::max(side, kit::width_of(c.m, kObjectionQr, cap)) : 0;
  const float text_w = side > 0 && w - qr_w - t.gap >= w * 0.5F ? w - qr_w - t.gap : w;
  const float top = y;
  if (side > 0) {
    // Beside the lines where they leave room, else above them.
    const float qx = text_w < w ? x + w - (qr_w + side) / 2 : x;
    const Rect r{std::round(qx), std::round(y), side, side};
    cv.add(QrCode{r, code->size, code->modules}, r.y, r.bottom());
    const float cw = kit::width_of(c.m, kObjectionQr, cap);
    cv.text({std::round(text_w < w ? x + w - (qr_w + cw) / 2 : x), r.bottom()}, kObjectionQr, cap,
            kit::line_height(c.m, cap));
    if (text_w >= w) y += side + kit::line_height(c.m, cap) + t.pad * 0.5F;
  }
  const TextStyle label_st = style(t.body, true, palette::kInkSoft);
  const TextStyle value_st = style(t.body);
  const std::pair<const char*, std::string> rows[] = {
      {"受理单位", o.office},
      {"联系人", o.contact},
      {"电话", format::unbreakable(o.phone)},
      {"传真", format::unbreakable(o.fax)},
      {"地址", o.address + (o.postcode.empty() ? "" : "(邮编 " + o.postcode + ")")},
      {"电子邮箱", o.email},
  };
  for (const auto& [label, value] : rows) {
    if (value.empty() || value == "(邮编 " + o.postcode + ")") continue;
    const std::string line = std::string(label) + ":" + value;
    const bool number = std::string_view(label) == "电话" || std::string_view(label) == "传真";
    const TextStyle st =
        number
            ? kit::fit_one_line(c.m, line, style(t.heading, true, palette::kNavy), text_w, t.small)
            : value_st;
    const Block b = kit::wrap(c.m, line, st, text_w, 0, t.leading);
    (void)label_st;
    cv.block(b, {x, y});
    y += b.height + t.pad * 0.3F;
  }
  if (!o.rules.empty()) {
    const Block b =
        kit::wrap(c.m, o.rules, style(t.body, false, palette::kInkSoft), text_w, 0, t.leading);
    cv.block(b, {x, y + t.pad * 0.3F});
    y += b.height + t.pad * 0.6F;
  }
  if (side > 0 && text_w < w) y = std::max(y, top + side + kit::line_height(c.m, cap));
  return y;
}

// ---- 往期公示 ----------------------------------------------------------------------------------

kit::Page archive_page(Ctx& c, float width) {
  const kit::Theme& t = c.t;
  kit::Page page;
  const float w = width - std::round(8 * t.s) - t.pad;
  const CivilDate today = c.state.today;
  float y = 0;
  const Block title = kit::wrap(c.m, "往期公示", style(t.title, true), w);
  page.block(title, {0, y});
  y += title.height + t.pad * 0.4F;
  const Block sub =
      kit::wrap(c.m,
                "公示期结束后,公示在这里保留 " + std::to_string(c.model.archive_days()) +
                    " 天,可查看公示期、更正记录和公示结果。点击查看详情。",
                style(t.body, false, palette::kInkSoft), w, 0, t.leading);
  page.block(sub, {0, y});
  y += sub.height + t.gap;
  const auto archived = c.model.archived_notices(today);
  if (archived.empty()) {
    const Block b = kit::wrap(c.m, "暂无往期公示", style(t.heading, true), w);
    page.block(b, {0, y});
    page.height = y + b.height + t.gap;
    return page;
  }
  for (const std::size_t i : archived) {
    const content::Notice& n = c.model.notices()[i];
    const float iw = w - 2 * t.pad;
    std::vector<Block> blocks;
    std::vector<float> gaps;
    auto add = [&](const std::string& text, const TextStyle& st, int lines = 0) {
      blocks.push_back(kit::wrap(c.m, text, st, iw, lines, t.leading));
      gaps.push_back(t.pad * 0.3F);
    };
    const std::string state = n.termination() ? "已终止" : "公示已结束";
    const Size badge = kit::badge_size(c.m, t, state);
    blocks.push_back(kit::wrap(c.m, n.title, style(t.heading, true, palette::kNavy),
                               iw - badge.width - t.gap, 2));
    gaps.push_back(t.pad * 0.3F);
    const std::string issuer = n.issuer + (n.doc_number.empty() ? "" : "  " + n.doc_number);
    if (!issuer.empty()) add(issuer, style(t.body, false, palette::kInkSoft), 2);
    add(format::period(n.window), style(t.body, true));
    for (const auto& note : notice_notes(n, today)) add(note, style(t.body, false), 2);
    if (n.result) {
      add("公示结果:" + n.result->date.chinese() +
              (n.result->doc_number.empty() ? "" : "  " + n.result->doc_number) + ",共 " +
              std::to_string(n.result->approved.size()) + " 个单位",
          style(t.body, true, palette::kCurrentInk), 2);
    } else {
      add("公示结果尚未发布", style(t.body, false, palette::kInkSoft), 1);
    }
    const std::size_t withdrawn = withdrawn_total(n);
    const std::size_t records = n.corrections.size();
    add("申报单位 " + count_line(n.applicants.size(), withdrawn) +
            (records > 0 ? "  ·  更正记录 " + std::to_string(records) + " 条" : ""),
        style(t.body, false, palette::kInkSoft), 2);
    float h = 2 * t.pad;
    for (std::size_t k = 0; k < blocks.size(); ++k) h += blocks[k].height + gaps[k];
    h = std::max(h, t.target);
    page.fill({0, y, w, h}, palette::kCard, t.radius, t.rule, palette::kRule);
    float by = y + t.pad;
    kit::badge(page, c.m, t, {w - t.pad - badge.width, by}, state, palette::kEndedInk,
               palette::kEnded);
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      page.block(blocks[k], {t.pad, by});
      by += blocks[k].height + gaps[k];
    }
    page.hotspot({0, y, w, h}, act::NoticePage{n.id});
    y += h + t.gap;
  }
  page.height = std::max(page.height, y);
  return page;
}

// ---- 公示详情 ----------------------------------------------------------------------------------

namespace {

// The 公示结果 card, or the line saying there is none yet.
float result_section(Ctx& c, kit::Page& page, const content::Notice& n, float w, float y) {
  const kit::Theme& t = c.t;
  y = section_heading(c, page, "公示结果", w, y);
  if (!n.result) {
    const bool ended = Model::status(n, c.state.today) == NoticeStatus::Ended;
    const Block b = kit::wrap(c.m, ended ? "公示结果尚未发布" : "公示期结束后公布结果",
                              style(t.body, false, palette::kInkSoft), w);
    page.block(b, {0, y});
    return y + b.height + t.gap;
  }
  const content::NoticeResult& r = *n.result;
  const float iw = w - 2 * t.pad;
  std::vector<Block> blocks;
  blocks.push_back(kit::wrap(c.m,
                             r.date.chinese() + (r.doc_number.empty() ? "" : "  " + r.doc_number),
                             style(t.body, true, palette::kCurrentInk), iw));
  if (!r.text.empty()) blocks.push_back(kit::wrap(c.m, r.text, style(t.body), iw, 0, t.leading));
  if (!r.approved.empty()) {
    blocks.push_back(kit::wrap(c.m, "批准单位(共 " + std::to_string(r.approved.size()) + " 个):",
                               style(t.body, true), iw));
    for (std::size_t k = 0; k < r.approved.size(); ++k) {
      const content::Applicant* a = n.applicant(r.approved[k]);
      const std::string name =
          a ? a->name + "(" + std::string(content::category_short(a->category)) + ")"
            : r.approved[k];
      blocks.push_back(kit::wrap(c.m, std::to_string(k + 1) + ". " + name, style(t.body), iw));
    }
  }
  float h = 2 * t.pad;
  for (const auto& b : blocks) h += b.height + t.pad * 0.3F;
  page.fill({0, y, w, h}, palette::kCurrent, t.radius, t.rule, palette::kCurrentInk);
  float by = y + t.pad;
  for (const auto& b : blocks) {
    page.block(b, {t.pad, by});
    by += b.height + t.pad * 0.3F;
  }
  return y + h + t.gap;
}

}  // namespace

// One record of a notice's corrections as a card: its kind and date, whom and what it names,
// the 更正说明. Returns the y below it.
float correction_card(Ctx& c, kit::Canvas& cv, const content::Notice& n,
                      const content::Correction& r, float x, float y, float w) {
  const kit::Theme& t = c.t;
  const float iw = w - 2 * t.pad;
  const std::string head = std::string(kind_title(r.kind)) + "(" + r.date.chinese() + ")";
  std::string who;
  if (const content::Applicant* a = r.applicant.empty() ? nullptr : n.applicant(r.applicant)) {
    who = a->name;
    if (r.kind == CorrectionKind::Corrected && !r.field.empty())
      who += " · " + field_label(c.model, *a, r.field);
  } else if (r.kind == CorrectionKind::Extended) {
    who = "公示期至 " + n.window.end.chinese();
  }
  const Block hb = kit::wrap(c.m, head, style(t.body, true, palette::kAccentInk), iw);
  const Block wb = kit::wrap(c.m, who, style(t.body, true), iw);
  const Block tb = kit::wrap(c.m, r.text, style(t.body), iw, 0, t.leading);
  const float h = 2 * t.pad + hb.height + (who.empty() ? 0 : wb.height + t.pad * 0.3F) +
                  (r.text.empty() ? 0 : tb.height + t.pad * 0.3F);
  cv.fill({x, y, w, h}, palette::kCard, t.radius, t.rule, palette::kRule);
  cv.fill({x, y + t.radius, std::round(8 * t.s), h - 2 * t.radius}, palette::kAccent);
  float by = y + t.pad;
  cv.block(hb, {x + t.pad, by});
  by += hb.height + t.pad * 0.3F;
  if (!who.empty()) {
    cv.block(wb, {x + t.pad, by});
    by += wb.height + t.pad * 0.3F;
  }
  if (!r.text.empty()) cv.block(tb, {x + t.pad, by});
  return y + h;
}

kit::Page notice_page(Ctx& c, const Route& r, float width) {
  const kit::Theme& t = c.t;
  kit::Page page;
  const float w = width - std::round(8 * t.s) - t.pad;
  const CivilDate today = c.state.today;
  const auto index = c.model.notice_index(r.notice_id);
  if (!index) {
    page.block(kit::wrap(c.m, "未找到该公示", style(t.title, true), w), {0, 0});
    return page;
  }
  const content::Notice& n = c.model.notices()[*index];
  const bool ended = Model::status(n, today) == NoticeStatus::Ended;
  float y = 0;
  const std::string state = n.termination() && ended ? "已终止" : ended ? "公示已结束" : "公示中";
  const Size badge = kit::badge_size(c.m, t, state);
  const Block title = kit::wrap(c.m, n.title, style(t.title, true), w - badge.width - t.gap);
  page.block(title, {0, y});
  kit::badge(page, c.m, t, {w - badge.width, y + (title.line_height - badge.height) / 2}, state,
             ended ? palette::kEndedInk : palette::kCurrentInk,
             ended ? palette::kEnded : palette::kCurrent);
  y += title.height + t.pad * 0.4F;
  const std::string issuer = n.issuer + (n.doc_number.empty() ? "" : "  " + n.doc_number);
  if (!issuer.empty()) {
    const Block b = kit::wrap(c.m, issuer, style(t.body, false, palette::kInkSoft), w);
    page.block(b, {0, y});
    y += b.height + t.pad * 0.4F;
  }
  {
    const Block b =
        kit::wrap(c.m, ended ? format::period(n.window) : notice_period_line(c.model, n, today),
                  style(t.heading, true, palette::kAccent), w, 0);
    page.block(b, {0, y});
    y += b.height + t.pad * 0.4F;
  }
  if (n.extended()) {
    const Block b = kit::wrap(c.m, "原定" + format::period(n.declared_window),
                              style(t.body, false, palette::kInkSoft), w);
    page.block(b, {0, y});
    y += b.height + t.pad * 0.4F;
  }
  for (const auto& note : notice_notes(n, today)) {
    const Block b =
        kit::wrap(c.m, note, style(t.body, true, palette::kAccentInk), w - t.pad, 0, t.leading);
    page.fill({0, y, b.width + t.pad, b.height + t.pad * 0.5F}, palette::kAccentSoft,
              t.radius * 0.5F);
    page.block(b, {t.pad * 0.5F, y + t.pad * 0.25F});
    y += b.height + t.pad;
  }
  if (!n.intro.empty()) {
    const Block b = kit::wrap(c.m, n.intro, style(t.body), w, 0, t.leading);
    page.block(b, {0, y + t.pad * 0.5F});
    y += b.height + t.pad * 0.5F;
  }
  y += t.gap;
  y = result_section(c, page, n, w, y);
  if (!n.corrections.empty()) {
    y = section_heading(c, page, "更正记录(共 " + std::to_string(n.corrections.size()) + " 条)", w,
                        y);
    for (const auto& rec : n.corrections) y = correction_card(c, page, n, rec, 0, y, w) + t.pad;
    y += t.gap - t.pad;
  }
  // The applicants by category, each row opening its 申报详情; withdrawn ones greyed.
  y = section_heading(c, page, "申报单位 " + count_line(n.applicants.size(), withdrawn_total(n)), w,
                      y);
  const TextStyle name_st = style(t.body, true);
  const TextStyle gone_st = style(t.body, true, palette::kEndedInk);
  const TextStyle mark_st = style(t.small, true, palette::kEndedInk);
  for (const auto cat : content::kAllCategories) {
    const auto& members = c.model.members(*index, cat);
    if (members.empty()) continue;
    const Block cb = kit::wrap(c.m,
                               std::string(content::category_title(cat)) + "  " +
                                   count_line(members.size(), withdrawn_among(n, members)),
                               style(t.body, true, palette::kInkSoft), w);
    page.block(cb, {0, y + t.pad * 0.3F});
    y += cb.height + t.pad * 0.6F;
    for (const auto a : members) {
      const content::Applicant& ap = n.applicants[a];
      const std::string mark = withdrawn_mark(n, ap, today);
      const float row_h = t.target;
      const float mark_w = mark.empty() ? 0 : kit::width_of(c.m, mark, mark_st) + t.pad;
      const std::string name =
          kit::ellipsize(c.m, ap.name, mark.empty() ? name_st : gone_st, w - 2 * t.pad - mark_w);
      page.fill({0, y, w, row_h}, mark.empty() ? palette::kCard : palette::kEnded);
      page.fill({0, y + row_h - t.rule, w, t.rule}, palette::kRule);
      const float lh = kit::line_height(c.m, name_st);
      const float nw = kit::width_of(c.m, name, mark.empty() ? name_st : gone_st);
      if (!mark.empty()) {  // struck through: the rule first, the name over it
        page.fill({t.pad, std::round(y + row_h / 2), nw, std::max(1.0F, std::round(2 * t.s))},
                  palette::kEndedInk);
      }
      page.text({t.pad, y + (row_h - lh) / 2}, name, mark.empty() ? name_st : gone_st, lh);
      if (!mark.empty()) {
        const float mlh = kit::line_height(c.m, mark_st);
        page.text({t.pad + nw + t.pad, y + (row_h - mlh) / 2}, mark, mark_st, mlh);
      }
      page.hotspot({0, y, w, row_h}, act::Applicant{n.id, ap.id});
      y += row_h;
    }
    y += t.pad;
  }
  if (!ended && n.objection && !n.objection->empty()) {
    y = section_heading(c, page, "对公示有异议?", w, y + t.gap);
    y = objection_details(c, page, *n.objection, 0, y, w, true) + t.gap;
  }
  page.height = std::max(page.height, y + t.gap);
  return page;
}

}  // namespace kiosk::ui::screens
