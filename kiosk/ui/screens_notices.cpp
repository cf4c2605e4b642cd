// 公示名单 (categories with counts, a virtual list of any length) and 申报详情 (the category's
// 申报表 with every review level, and how to object).
#include <algorithm>
#include <cmath>
#include <set>

#include "content/site_paths.hpp"
#include "ui/format.hpp"
#include "ui/screens.hpp"

namespace kiosk::ui::screens {

using content::Category;
using kit::Block;
using kit::style;

// ---- 扫码带走 ----------------------------------------------------------------------------------

namespace {
// The QR's side: whole pixels per module (the quiet zone is in the matrix), about 150 px at scale 1
// so a phone reads it from arm's length, never under 2 px a module.
float take_home_side(Ctx& c, const QrMatrix& qr) {
  const auto modules = static_cast<float>(qr.size);
  return modules * std::max(2.0F, std::floor(std::round(150 * c.t.s) / modules));
}
constexpr char kTakeHome[] = "扫码带走";
}  // namespace

Size take_home_size(Ctx& c, const std::string& path) {
  const QrMatrix* qr = c.model.page_qr(path);
  if (qr == nullptr || qr->size <= 0) return {0, 0};
  const float side = take_home_side(c, *qr);
  const TextStyle cap = style(c.t.small, true, palette::kNavy);
  return {std::max(side, kit::width_of(c.m, kTakeHome, cap)), side + kit::line_height(c.m, cap)};
}

Size take_home(Ctx& c, kit::Canvas& cv, Point top_right, const std::string& path) {
  const QrMatrix* qr = c.model.page_qr(path);
  if (qr == nullptr || qr->size <= 0) return {0, 0};
  const Size size = take_home_size(c, path);
  const float side = take_home_side(c, *qr);
  const Rect r{std::round(top_right.x - (size.width + side) / 2), std::round(top_right.y), side,
               side};
  cv.add(QrCode{r, qr->size, qr->modules}, r.y, r.bottom());
  const TextStyle cap = style(c.t.small, true, palette::kNavy);
  const float cw = kit::width_of(c.m, kTakeHome, cap);
  cv.text({std::round(top_right.x - (size.width + cw) / 2), r.bottom()}, kTakeHome, cap,
          kit::line_height(c.m, cap));
  return size;
}

namespace {

const content::Notice* find_notice(const Model& m, const std::string& id,
                                   std::size_t* index = nullptr) {
  const auto i = m.notice_index(id);
  if (!i) return nullptr;
  if (index) *index = *i;
  return &m.notices()[*i];
}

// Title, 示例 mark and status of a notice; returns the height used.
float notice_header(Ctx& c, kit::Canvas& cv, Rect area, const content::Notice& n,
                    float right_reserve) {
  const kit::Theme& t = c.t;
  // Where height is short (适老模式 on a squarish panel), one line each so the list keeps room.
  const int lines = area.h < 12 * kit::line_height(c.m, style(t.body)) ? 1 : 2;
  const bool ended = n.window.ended(c.state.today);
  const Size demo = kit::badge_size(c.m, t, "示例");
  const Block title = kit::wrap(c.m, n.title, style(t.heading, true),
                                area.w - right_reserve - (n.demo ? demo.width + t.gap : 0), lines);
  cv.block(title, {area.x, area.y});
  if (n.demo) {
    kit::badge(cv, c.m, t,
               {area.x + title.width + t.gap, area.y + (title.line_height - demo.height) / 2},
               "示例", palette::kAccentInk, palette::kAccentSoft);
  }
  float y = area.y + title.height + t.pad * 0.4F;
  if (ended) {
    const Rect b = kit::badge(cv, c.m, t, {area.x, y}, "公示已结束", palette::kEndedInk,
                              palette::kEnded, t.body);
    const Block when =
        kit::wrap(c.m, "公示期 " + format::window(n.window),
                  style(t.body, false, palette::kInkSoft), area.w - right_reserve - b.w - t.gap, 1);
    cv.block(when, {b.right() + t.gap, y + (b.h - when.line_height) / 2});
    y += b.h;
  } else {
    const Block when =
        kit::wrap(c.m, notice_period_line(c.model, n, c.state.today),
                  style(t.body, true, palette::kAccent), area.w - right_reserve, lines);
    cv.block(when, {area.x, y});
    y += when.height;
  }
  // 公示期已延长 / 已终止 and why, one line each.
  for (const auto& note : notice_notes(n, c.state.today)) {
    const Block b = kit::wrap(c.m, note, style(t.body, true, palette::kAccentInk),
                              area.w - right_reserve - t.pad, 1);
    y += t.pad * 0.3F;
    cv.fill({area.x, y, b.width + t.pad, b.height}, palette::kAccentSoft, t.radius * 0.5F);
    cv.block(b, {area.x + t.pad * 0.5F, y});
    y += b.height;
  }
  return y - area.y;
}

RowText make_row(const content::Notice& n, const content::Applicant& a, std::size_t number,
                 bool street, CivilDate today) {
  RowText r;
  r.number = std::to_string(number);
  r.name = a.name;
  r.withdrawn = withdrawn_mark(n, a, today);
  r.detail = r.withdrawn.empty() ? "" : r.withdrawn + "  ·  ";
  if (r.withdrawn.empty() && !n.corrections_of(a.id).empty()) r.detail = "已更正  ·  ";
  r.detail += "负责人:" + a.leader;
  const std::string& third = street ? a.contact : a.address;
  if (!third.empty()) r.detail += (street ? "  ·  联系人:" : "  ·  地址:") + third;
  return r;
}

// No notice listed now.
void no_notice(Ctx& c, kit::ListCanvas& cv, Rect area) {
  const kit::Theme& t = c.t;
  const Block b = kit::wrap(c.m, "目前没有正在公示的名单", style(t.title, true), area.w);
  cv.block(b, {area.x, area.y});
  const Block more = kit::wrap(c.m, "公示期内,申报单位名单会在这里显示。",
                               style(t.body, false, palette::kInkSoft), area.w);
  cv.block(more, {area.x, area.y + b.height + t.pad});
}

// 上一则 / 下一则 at the top right when more than one notice is listed; returns their width (0:
// none).
float notice_switcher(Ctx& c, kit::ListCanvas& cv, Rect area,
                      const std::vector<std::size_t>& listed, std::size_t index) {
  const kit::Theme& t = c.t;
  if (listed.size() <= 1) return 0;
  const auto pos =
      static_cast<std::size_t>(std::find(listed.begin(), listed.end(), index) - listed.begin());
  const std::string prev = "上一则", next = "下一则";
  const float wp = kit::button_width(c.m, t, prev), wn = kit::button_width(c.m, t, next);
  const float x = area.right() - wp - wn - t.gap;
  const auto& prev_id = c.model.notices()[listed[(pos + listed.size() - 1) % listed.size()]].id;
  const auto& next_id = c.model.notices()[listed[(pos + 1) % listed.size()]].id;
  kit::button(cv, c.m, t, {x, area.y}, prev, act::Notice{prev_id});
  kit::button(cv, c.m, t, {x + wp + t.gap, area.y}, next, act::Notice{next_id});
  return wp + wn + 2 * t.gap;
}

// The list's row styles and height.
struct RowMetrics {
  TextStyle name, detail;
  float lh1 = 0, lh2 = 0, height = 0;
};
RowMetrics row_metrics(Ctx& c) {
  const kit::Theme& t = c.t;
  RowMetrics r;
  r.name = style(t.body, true);
  r.detail = style(t.small, false, palette::kInkSoft);
  r.lh1 = kit::line_height(c.m, r.name);
  r.lh2 = kit::line_height(c.m, r.detail);
  r.height = std::max(t.target, std::round(r.lh1 + r.lh2 + 2 * t.pad));
  return r;
}

// Where the five category buttons go: a column on the left (landscape) or a grid on top.
struct CategoryLayout {
  bool grid = false;
  int cols = 1;
  float grid_rows = 1;
  float width = 0, height = 0, gap = 0, name_w = 0;
  int name_lines = 2;
};
CategoryLayout category_layout(Ctx& c, Rect area, float top, std::size_t index,
                               const RowMetrics& rows) {
  const kit::Theme& t = c.t;
  CategoryLayout l;
  // A column when five buttons fit beside the list, else a grid above it.
  const float column_fit = std::floor((area.bottom() - top - 4 * std::round(t.gap * 0.5F)) / 5);
  l.grid = t.portrait || column_fit < std::round(80 * t.s);
  l.cols = l.grid ? (t.portrait ? 2 : 3) : 1;
  l.width = l.grid ? std::floor((area.w - static_cast<float>(l.cols - 1) * t.gap) /
                                static_cast<float>(l.cols))
                   : std::round(std::min(area.w * 0.3F, 560 * t.s));
  const TextStyle count_st = style(t.body, false);
  float count_w = 0;
  for (const auto cat : content::kAllCategories) {
    count_w = std::max(
        count_w,
        kit::width_of(c.m, std::to_string(c.model.members(index, cat).size()) + " 个", count_st));
  }
  l.name_w = l.width - count_w - 3 * t.pad;
  l.gap = std::round(t.gap * 0.5F);
  const TextStyle name_probe = style(t.body, true);
  l.height = t.target;
  for (const auto cat : content::kAllCategories) {
    const Block b = kit::wrap(c.m, content::category_short(cat), name_probe, l.name_w, 2);
    l.height = std::max(l.height, std::ceil(b.height + t.pad));
  }
  if (!l.grid) l.height = std::max(std::round(80 * t.s), std::min(l.height, column_fit));
  // A grid of buttons whose names take two lines would leave less than two rows of room on a
  // short panel, and then the names take one line ending in "…".
  const float list_title_h = kit::line_height(c.m, style(t.heading, true)) + t.pad * 0.5F;
  l.grid_rows = std::ceil(5.0F / static_cast<float>(l.cols));
  if (l.grid && area.bottom() - top - l.grid_rows * l.height - (l.grid_rows - 1) * l.gap - t.gap -
                        list_title_h <
                    2 * rows.height) {
    l.height = std::max(t.target, std::ceil(kit::line_height(c.m, name_probe) + t.pad));
  }
  l.name_lines = kit::wrap(c.m, "示", name_probe, l.name_w, 2).height * 2 <= l.height ? 2 : 1;
  return l;
}

// The category buttons (a name wraps to two lines when that fits the button, else it ends with
// "…"; the list's title always shows the full title). Returns the rectangle left for the list.
Rect category_buttons(Ctx& c, kit::ListCanvas& cv, Rect area, float top, const CategoryLayout& l,
                      std::size_t index, Category selected) {
  const kit::Theme& t = c.t;
  int i = 0;
  for (const auto cat : content::kAllCategories) {
    const Rect r{area.x + static_cast<float>(i % l.cols) * (l.width + t.gap),
                 top + static_cast<float>(i / l.cols) * (l.height + l.gap), l.width, l.height};
    const bool on = cat == selected;
    const Color ink = on ? palette::kOnNavy : palette::kNavy;
    cv.fill(r, on ? palette::kNavy : palette::kNavySoft, t.radius, t.rule, palette::kNavy);
    Block b = kit::wrap(c.m, content::category_short(cat), style(t.body, true, ink), l.name_w, 2);
    if (b.height > r.h - t.pad * 0.5F || l.name_lines == 1) {
      b = kit::wrap(c.m, content::category_short(cat), style(t.body, true, ink), l.name_w, 1);
    }
    cv.block(b, {r.x + t.pad, std::round(r.y + (r.h - b.height) / 2)});
    const std::string count = std::to_string(c.model.members(index, cat).size()) + " 个";
    const TextStyle cst = style(t.body, false, ink);
    const float cw = kit::width_of(c.m, count, cst);
    cv.text({r.right() - t.pad - cw, std::round(r.y + (r.h - kit::line_height(c.m, cst)) / 2)},
            count, cst, kit::line_height(c.m, cst));
    cv.hotspot(r, act::Category{cat});
    ++i;
  }
  if (l.grid) {
    const float grid_h = l.grid_rows * l.height + (l.grid_rows - 1) * l.gap;
    return {area.x, top + grid_h + t.gap, area.w, area.bottom() - top - grid_h - t.gap};
  }
  return {area.x + l.width + t.gap, top, area.w - l.width - t.gap, area.bottom() - top};
}

// The index strip's chips: groups of the list merged into at most `cells` runs of consecutive
// groups (a merged chip reads "first–last"), each jumping to its first row.
struct Chip {
  std::string label;
  std::size_t first = 0, end = 0;  // rows [first, end)
};
// Towns as a chip names them: without the 街道 / 镇 / 乡 every town of a district ends in (赵巷镇
// -> 赵巷), so more fit a row, unless two would then read the same.
std::vector<std::string> chip_labels(const ListIndex& li) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& g : li.groups) {
    std::string label = g.label;
    if (li.by_town && g.label != kNoTown) {
      for (const std::string_view suffix : {"街道", "镇", "乡"}) {
        if (label.size() > suffix.size() && label.ends_with(suffix)) {
          label.resize(label.size() - suffix.size());
          break;
        }
      }
    }
    if (!seen.insert(label).second) {  // ambiguous: every chip says the full name
      out.clear();
      for (const auto& h : li.groups) out.push_back(h.label);
      return out;
    }
    out.push_back(std::move(label));
  }
  return out;
}

std::vector<Chip> index_chips(const ListIndex& li, std::size_t cells) {
  const std::vector<std::string> labels = chip_labels(li);
  std::vector<Chip> out;
  const std::size_t n = li.groups.size();
  cells = std::max<std::size_t>(1, std::min(cells, n));
  for (std::size_t k = 0; k < cells; ++k) {
    const std::size_t a = k * n / cells, b = (k + 1) * n / cells;  // groups [a, b)
    const auto& g0 = li.groups[a];
    const auto& g1 = li.groups[b - 1];
    out.push_back(
        {b - a == 1 ? labels[a] : labels[a] + "–" + labels[b - 1], g0.first, g1.first + g1.count});
  }
  return out;
}

// The index strip over a long list: chips one target tall in rows across the list's width, as few
// rows as hold them (at most three, and never leaving less than one list row: 适老模式 on a
// landscape panel is short of room); too many groups for that merge into runs. Returns the chips
// and their rows (0: no strip).
struct Strip {
  std::vector<Chip> chips;
  int cols = 1, rows = 0;
  float cell_w = 0;
};
Strip index_strip(Ctx& c, const ListIndex& li, Rect view, float row_h) {
  const kit::Theme& t = c.t;
  Strip s;
  const float content_h = row_h * static_cast<float>(li.order.size());
  if (li.groups.size() < 2 || content_h <= 2 * view.h) return s;  // about two screens or less
  const float gap = std::round(t.gap * 0.5F);
  const int max_rows =
      std::min(3, static_cast<int>(std::floor((view.h - row_h + gap) / (t.target + gap))));
  if (max_rows < 1) return s;
  std::size_t cells = li.groups.size();
  std::size_t capacity = cells;
  for (int attempt = 0; attempt < 6; ++attempt) {
    s.chips = index_chips(li, cells);
    float label_w = 0;
    for (const auto& chip : s.chips)
      label_w = std::max(label_w, kit::button_width(c.m, t, chip.label, t.target));
    label_w = std::min(label_w, view.w);
    s.cols = std::max(1, static_cast<int>(std::floor((view.w + gap) / (label_w + gap))));
    capacity = static_cast<std::size_t>(s.cols * max_rows);
    if (s.chips.size() <= capacity) break;
    cells = capacity;  // merged runs have longer labels: measure again
  }
  if (s.chips.size() > capacity) s.chips = index_chips(li, capacity);  // labels end in "…"
  s.cell_w =
      std::floor((view.w - static_cast<float>(s.cols - 1) * gap) / static_cast<float>(s.cols));
  if (s.cell_w < t.target) return {};
  s.rows = static_cast<int>((s.chips.size() + static_cast<std::size_t>(s.cols) - 1) /
                            static_cast<std::size_t>(s.cols));
  return s;
}

// The selected category's list: a title line, the index strip when the list is long, then rows,
// only the visible ones drawn (their ellipsized text cached in `cache` per notice, category and
// width).
void applicant_list(Ctx& c, DisplayList& dl, kit::ListCanvas& cv, Rect list,
                    const content::Notice& notice, std::size_t index, Category selected,
                    const RowMetrics& rows, RowCache& cache) {
  const kit::Theme& t = c.t;
  const ListIndex& li = c.model.list_index(index, selected);
  const auto& members = li.order;
  const bool street = content::is_street(selected);
  const Block title = kit::wrap(c.m,
                                std::string(content::category_title(selected)) + "  " +
                                    count_line(members.size(), withdrawn_among(notice, members)),
                                style(t.heading, true), list.w, 1);
  cv.block(title, {list.x, list.y});
  Rect view{list.x, list.y + title.height + t.pad * 0.5F, list.w,
            list.h - title.height - t.pad * 0.5F};
  if (members.empty()) {
    const Block b =
        kit::wrap(c.m, "本类别暂无申报单位", style(t.body, false, palette::kInkSoft), view.w);
    cv.block(b, {view.x, view.y + t.pad});
    dl.scroll_areas.push_back({"page", view, 0});
    return;
  }
  const float row_h = rows.height;
  const float content_h = row_h * static_cast<float>(members.size());
  const Strip strip = index_strip(c, li, view, row_h);
  float jump_h = 0;  // the strip's runs must each reach the top: the list may end in paper
  if (strip.rows > 0) {
    const float gap = std::round(t.gap * 0.5F);
    const float strip_h = static_cast<float>(strip.rows) * (t.target + gap);
    view = {view.x, view.y + strip_h, view.w, view.h - strip_h};
    jump_h = row_h * static_cast<float>(strip.chips.back().first) + view.h;
  }
  const float max_offset = std::max({0.0F, content_h - view.h, jump_h - view.h});
  const float offset = std::round(std::clamp(c.state.route().scroll.offset, 0.0F, max_offset));
  if (strip.rows > 0) {
    // The chip of the run at the top of the list is shown selected.
    const auto top_row = static_cast<std::size_t>(offset / row_h);
    const float gap = std::round(t.gap * 0.5F);
    for (std::size_t k = 0; k < strip.chips.size(); ++k) {
      const auto col = static_cast<float>(k % static_cast<std::size_t>(strip.cols));
      const auto row = static_cast<float>(k / static_cast<std::size_t>(strip.cols));
      const Chip& chip = strip.chips[k];
      const bool on = chip.first <= top_row && top_row < chip.end;
      const std::string label =
          kit::ellipsize(c.m, chip.label, style(t.button, true), strip.cell_w - 2 * t.pad);
      kit::button(
          cv, c.m, t,
          {view.x + col * (strip.cell_w + gap),
           view.y - static_cast<float>(strip.rows) * (t.target + gap) + row * (t.target + gap)},
          label,
          act::ScrollTo{static_cast<int>(std::lround(row_h * static_cast<float>(chip.first)))}, on,
          strip.cell_w);
    }
  }
  const TextStyle num_st = style(t.body, false, palette::kInkSoft);
  const TextStyle more_st = style(t.body, true, palette::kNavy);
  const float num_w =
      std::ceil(kit::width_of(c.m, std::to_string(members.size()), num_st) + 2 * t.pad);
  const std::string more = "查看";
  const float more_w = std::ceil(kit::width_of(c.m, more, more_st) + 2 * t.pad);
  const float bar_w = std::round(8 * t.s) + t.pad * 0.5F;
  const float text_w = view.w - num_w - more_w - bar_w - t.pad;

  const std::string key = notice.id + "|" + std::string(content::category_code(selected)) + "|" +
                          std::to_string(static_cast<int>(text_w));
  if (cache.key != key) {
    cache.key = key;
    cache.rows.assign(members.size(), std::nullopt);
  }
  dl.push_clip(view);
  const auto first = static_cast<std::size_t>(offset / row_h);
  for (std::size_t k = first; k < members.size(); ++k) {
    const float y = view.y + static_cast<float>(k) * row_h - offset;
    if (y >= view.bottom()) break;
    auto& slot = cache.rows[k];
    if (!slot) {
      RowText rt = make_row(notice, notice.applicants[members[k]], k + 1, street, c.state.today);
      rt.name = kit::ellipsize(c.m, rt.name, rows.name, text_w);
      rt.detail = kit::ellipsize(c.m, rt.detail, rows.detail, text_w);
      slot = std::move(rt);
    }
    // Rows lie on the page's paper with a rule between them: no per-row fill, because while a
    // list flings every filled pixel is redrawn each frame by the software renderer.
    const Rect r{view.x, y, view.w - bar_w, row_h};
    const bool gone = !slot->withdrawn.empty();
    // A withdrawn applicant keeps its row, greyed, its name struck through (LIFECYCLE.md).
    if (gone) dl.fill(r, palette::kEnded);
    dl.fill({r.x, r.bottom() - t.rule, r.w, t.rule}, palette::kRule);
    const float nw = kit::width_of(c.m, slot->number, num_st);
    dl.text({r.x + num_w - t.pad - nw, y + t.pad}, slot->number, num_st);
    const TextStyle name_st = gone ? style(t.body, true, palette::kEndedInk) : rows.name;
    if (gone) {  // struck through: the rule first, the name over it
      dl.fill({r.x + num_w, std::round(y + t.pad + rows.lh1 / 2),
               kit::width_of(c.m, slot->name, name_st), std::max(1.0F, std::round(2 * t.s))},
              palette::kEndedInk);
    }
    dl.text({r.x + num_w, y + t.pad}, slot->name, name_st);
    dl.text({r.x + num_w, y + t.pad + rows.lh1}, slot->detail,
            gone ? style(t.small, true, palette::kEndedInk) : rows.detail);
    dl.text({r.right() - more_w + t.pad, y + (row_h - kit::line_height(c.m, more_st)) / 2}, more,
            more_st);
    const Rect hit{r.x, std::max(r.y, view.y), r.w,
                   std::min(r.bottom(), view.bottom()) - std::max(r.y, view.y)};
    if (hit.h > 0) {
      dl.hotspots.push_back({hit, act::Applicant{notice.id, notice.applicants[members[k]].id}});
    }
  }
  dl.pop_clip();
  kit::scroll_bar(dl, view, offset, std::max(content_h, jump_h), t);
  dl.scroll_areas.push_back({"page", view, max_offset});
}

}  // namespace

void notices(Ctx& c, DisplayList& dl, Rect area, RowCache& cache) {
  const kit::Theme& t = c.t;
  kit::ListCanvas cv(dl);
  const Route& route = c.state.route();
  const auto listed = c.model.listed_notices(c.state.today);
  std::size_t index = 0;
  const content::Notice* notice = find_notice(c.model, route.notice_id, &index);
  if (!notice || std::find(listed.begin(), listed.end(), index) == listed.end()) {
    no_notice(c, cv, area);
    return;
  }
  const float switch_w = notice_switcher(c, cv, area, listed, index);
  const Category selected = route.category.value_or(Category::StreetDemo);
  // 扫码带走 the notice's page at this category, left of the switcher.
  const std::string page = content::site_paths::notice(notice->id) +
                           content::site_paths::category_anchor(content::category_code(selected));
  const Size qr = take_home_size(c, page);
  const float qr_w = qr.width > 0 ? qr.width + t.gap : 0;
  take_home(c, cv, {area.right() - switch_w, area.y}, page);
  // A notice with records opens its 公示详情 (the corrections in full, LIFECYCLE.md), left of
  // the switcher and the QR code.
  float details_w = 0;
  if (!notice->corrections.empty()) {
    const std::string label = "更正记录 " + std::to_string(notice->corrections.size()) + " 条";
    details_w = kit::button_width(c.m, t, label) + t.gap;
    if (details_w <= area.w * 0.3F) {
      kit::button(cv, c.m, t, {area.right() - switch_w - qr_w - details_w + t.gap, area.y}, label,
                  act::NoticePage{notice->id});
    } else {
      details_w = 0;
    }
  }
  const float head_h = std::max({notice_header(c, cv, area, *notice, switch_w + qr_w + details_w),
                                 switch_w > 0 || details_w > 0 ? t.target : 0.0F, qr.height});
  const float top = area.y + head_h + t.gap;
  const RowMetrics rows = row_metrics(c);
  const CategoryLayout layout = category_layout(c, area, top, index, rows);
  const Rect list = category_buttons(c, cv, area, top, layout, index, selected);
  applicant_list(c, dl, cv, list, *notice, index, selected, rows, cache);
}

// ---- 申报详情 ----------------------------------------------------------------------------------

namespace {

float hotline_list(Ctx& c, kit::Canvas& cv, float x, float y, float w, float bottom,
                   std::size_t* shown) {
  const kit::Theme& t = c.t;
  const TextStyle name_st = style(t.body, false);
  const TextStyle num_st = style(t.heading, true, palette::kNavy);
  const TextStyle hours_st = style(t.small, false, palette::kInkSoft);
  std::size_t n = 0;
  for (const auto& h : c.model.hotlines()) {
    const Block name = kit::wrap(c.m, h.name, name_st, w, 2);
    const std::string number = format::unbreakable(h.number);
    const Block num =
        kit::wrap(c.m, number, kit::fit_one_line(c.m, number, num_st, w, t.small), w, 1);
    const Block hours = kit::wrap(c.m, h.hours, hours_st, w, 1);
    const float item_h = name.height + num.height + (h.hours.empty() ? 0 : hours.height) + t.pad;
    if (y + item_h > bottom) break;
    cv.block(name, {x, y});
    cv.block(num, {x, y + name.height});
    if (!h.hours.empty()) cv.block(hours, {x, y + name.height + num.height});
    y += item_h;
    ++n;
  }
  if (shown) *shown = n;
  return y;
}

}  // namespace

void objection_panel(Ctx& c, DisplayList& dl, Rect area) {
  const kit::Theme& t = c.t;
  kit::ListCanvas cv(dl);
  cv.fill(area, palette::kCard, t.radius, t.rule, palette::kRule);
  const float x = area.x + t.pad, w = area.w - 2 * t.pad;
  float y = area.y + t.pad;
  const Block head = kit::wrap(c.m, "对公示有异议?", style(t.heading, true, palette::kAccent), w);
  cv.block(head, {x, y});
  y += head.height + t.pad * 0.5F;
  // The notice's own 异议 details first (office, phone, address, QR code of its url), clipped to
  // the panel; the hotlines below them where room is left.
  const auto index = c.model.notice_index(c.state.route().notice_id);
  const content::Notice* notice = index ? &c.model.notices()[*index] : nullptr;
  if (notice && notice->objection && !notice->objection->empty() &&
      Model::status(*notice, c.state.today) == NoticeStatus::Current) {
    content::Objection brief = *notice->objection;
    brief.rules.clear();  // the paragraph is on 公示详情 and 监督电话; the panel has no room
    kit::Page probe;
    const float below = objection_details(c, probe, brief, x, y, w, true);
    if (below <= area.bottom() - 2 * t.pad - t.target) {
      y = objection_details(c, cv, brief, x, y, w, true) + t.pad;
    }
  }
  const Block text = kit::wrap(c.m, "公示期内,对申报单位有异议的,可拨打以下监督及投诉电话反映:",
                               style(t.body, false), w, 0, c.t.leading);
  // The numbers matter more than the sentence: drop it when it would leave no room for one.
  const float first_h = c.model.hotlines().empty()
                            ? 0
                            : kit::line_height(c.m, style(t.body)) * 2 +
                                  kit::line_height(c.m, style(t.heading, true)) +
                                  kit::line_height(c.m, style(t.small)) + t.pad;
  if (y + text.height + t.pad + first_h <= area.bottom() - 2 * t.pad - t.target) {
    cv.block(text, {x, y});
    y += text.height + t.pad;
  }
  std::string all = "查看全部电话和二维码";
  for (const char* shorter : {"全部监督电话", "监督电话"}) {
    if (kit::button_width(c.m, t, all) <= w) break;
    all = shorter;
  }
  const float button_h = t.target;
  std::size_t shown = 0;
  hotline_list(c, cv, x, y, w, area.bottom() - t.pad - button_h - t.pad, &shown);
  kit::button(cv, c.m, t, {x, area.bottom() - t.pad - button_h}, all, act::Go{act::Place::Hotlines},
              false, w, button_h);
}

namespace {

// The steps of applicant_page: each draws onto the page from the top y and returns the y below it.

// The applicant's name, its form, and the notice's status.
float applicant_heading(Ctx& c, kit::Page& page, const content::Notice& notice,
                        const content::Applicant& a, const content::Form* form, float full_w) {
  const kit::Theme& t = c.t;
  float y = 0;
  // 扫码带走 this applicant's page, at the top right beside the heading.
  const std::string qr_page = content::site_paths::applicant(notice.id, a.id);
  const Size qr = take_home(c, page, {full_w, 0}, qr_page);
  const float w = qr.width > 0 ? full_w - qr.width - t.gap : full_w;
  const Block name = kit::wrap(c.m, a.name, style(t.title, true), w, 0);
  page.block(name, {0, y});
  y += name.height + t.pad * 0.5F;
  std::string form_line = form ? form->title + format::keep_together("(" + form->attachment + ")")
                               : std::string(content::category_title(a.category));
  const Size demo = kit::badge_size(c.m, t, "示例");
  const Block fl = kit::wrap(c.m, form_line, style(t.body, false, palette::kInkSoft),
                             w - (notice.demo ? demo.width + t.gap : 0), 2);
  page.block(fl, {0, y});
  if (notice.demo) {
    kit::badge(page, c.m, t, {fl.width + t.gap, y + (fl.line_height - demo.height) / 2}, "示例",
               palette::kAccentInk, palette::kAccentSoft);
  }
  y += fl.height + t.pad * 0.5F;
  if (!a.town.empty()) {  // 所属街镇: not a field of the 申报表, so under the form's title
    const Block town = kit::wrap(c.m, "所属街镇:" + a.town, style(t.body, false), w, 2);
    page.block(town, {0, y});
    y += town.height + t.pad * 0.5F;
  }
  if (Model::status(notice, c.state.today) == NoticeStatus::Ended) {
    const std::string over = notice.termination() ? "公示已终止" : "公示已结束";
    const Rect b =
        kit::badge(page, c.m, t, {0, y}, over, palette::kEndedInk, palette::kEnded, t.body);
    const Block when = kit::wrap(c.m, format::period(notice.window),
                                 style(t.body, false, palette::kInkSoft), w - b.w - t.gap, 2);
    page.block(when, {b.right() + t.gap, y + (b.h - when.line_height) / 2});
    y += std::max(b.h, when.height);
  } else {
    const Block st = kit::wrap(c.m, notice_period_line(c.model, notice, c.state.today),
                               style(t.body, true, palette::kAccent), w, 2);
    page.block(st, {0, y});
    y += st.height;
  }
  y = std::max(y, qr.height) + t.gap;
  // Withdrawn: the record itself, first thing on the page (LIFECYCLE.md).
  if (const content::Correction* gone = notice.withdrawal(a.id)) {
    y = correction_card(c, page, notice, *gone, 0, y, full_w) + t.gap;
  }
  return y;
}

// The form's fields (without a form: the fields every form has), label column and value column.
float field_table(Ctx& c, kit::Page& page, const content::Notice& notice,
                  const content::Applicant& a, const content::Form* form, float w, float y) {
  const kit::Theme& t = c.t;
  const TextStyle label_st = style(t.body, true, palette::kInkSoft);
  const TextStyle note_st = style(t.small, false, palette::kInkSoft);
  const TextStyle value_st = style(t.body);
  std::vector<content::FormField> fields;
  if (form) {
    fields = form->fields;
  } else {
    for (auto k : {content::FieldKey::Name, content::FieldKey::Leader, content::FieldKey::Phone,
                   content::FieldKey::Summary, content::FieldKey::Basis}) {
      fields.push_back({k, std::string(content::field_code(k)), ""});
    }
  }
  float label_w = 0;
  for (const auto& f : fields) label_w = std::max(label_w, kit::width_of(c.m, f.label, label_st));
  label_w = std::min(std::ceil(label_w) + 2 * t.pad, std::round(w * (t.portrait ? 0.34F : 0.28F)));
  const float value_w = w - label_w - 2 * t.pad;
  const float table_top = y;
  for (const auto& f : fields) {
    const Block lb = kit::wrap(c.m, f.label, label_st, label_w - 2 * t.pad);
    Block nb;
    if (!f.note.empty()) nb = kit::wrap(c.m, f.note, note_st, label_w - 2 * t.pad);
    const std::string& value = a.field(f.key);
    const bool empty = value.empty();
    const Block vb = kit::wrap(
        c.m, empty ? "(未填写)" : value, empty ? style(t.body, false, palette::kInkSoft) : value_st,
        value_w, 0,
        f.key == content::FieldKey::Summary || f.key == content::FieldKey::Basis ? t.leading
                                                                                 : 1.0F);
    // A corrected field: 已更正 under its label, each 更正说明 under its value.
    std::vector<Block> fixes;
    for (const content::Correction* r : notice.corrections_of(a.id)) {
      if (r->kind != content::CorrectionKind::Corrected ||
          content::field_from_code(r->field) != f.key)
        continue;
      fixes.push_back(
          kit::wrap(c.m, "更正说明(" + format::record_date(r->date, c.state.today) + "):" + r->text,
                    style(t.small, true, palette::kAccentInk), value_w - t.pad, 0, t.leading));
    }
    const Size fixed = kit::badge_size(c.m, t, "已更正");
    float fixes_h = 0;
    for (const auto& b : fixes) fixes_h += b.height + t.pad;
    const float label_h = lb.height + (nb.lines.empty() ? 0 : nb.height) +
                          (fixes.empty() ? 0 : fixed.height + t.pad * 0.3F);
    const float h = std::max(label_h, vb.height + fixes_h) + 2 * t.pad;
    page.fill({0, y, w, h}, palette::kCard);
    page.fill({0, y, label_w, h}, palette::kRowAlt);
    page.block(lb, {t.pad, y + t.pad});
    if (!nb.lines.empty()) page.block(nb, {t.pad, y + t.pad + lb.height});
    page.block(vb, {label_w + t.pad, y + t.pad});
    if (!fixes.empty()) {
      kit::badge(page, c.m, t,
                 {t.pad, y + t.pad + lb.height + (nb.lines.empty() ? 0 : nb.height) + t.pad * 0.3F},
                 "已更正", palette::kAccentInk, palette::kAccentSoft);
      float fy = y + t.pad + vb.height + t.pad * 0.5F;
      for (const auto& b : fixes) {
        page.fill(
            {label_w + t.pad * 0.5F, fy - t.pad * 0.25F, b.width + t.pad, b.height + t.pad * 0.5F},
            palette::kAccentSoft, t.radius * 0.5F);
        page.block(b, {label_w + t.pad, fy});
        fy += b.height + t.pad;
      }
    }
    page.fill({0, y + h - t.rule / 2, w, t.rule / 2}, palette::kRule);
    y += h;
  }
  page.fill({0, table_top, w, t.rule}, palette::kRule);
  return y + t.gap;
}

// One card per review level of the form: opinion, date, seal.
float review_cards(Ctx& c, kit::Page& page, const content::Applicant& a, const content::Form* form,
                   float w, float y) {
  const kit::Theme& t = c.t;
  const TextStyle value_st = style(t.body);
  const Block rh = kit::wrap(c.m, "审核意见", style(t.heading, true), w);
  page.block(rh, {0, y});
  y += rh.height + t.pad * 0.5F;
  std::vector<content::FormReview> levels;
  if (form) levels = form->reviews;
  for (const auto& level : levels) {
    const content::Review* review = nullptr;
    for (const auto& rv : a.reviews) {
      if (rv.level == level.level) review = &rv;
    }
    const bool sealed = review && review->sealed;
    const std::string seal = sealed ? "已盖章" : "未盖章";
    const Size seal_sz = kit::badge_size(c.m, t, seal);
    const std::string date = review && review->date ? review->date->chinese() : "日期:—";
    const TextStyle date_st = style(t.small, false, palette::kInkSoft);
    const float date_w = kit::width_of(c.m, date, date_st);
    const float right_w = std::max(seal_sz.width, date_w);
    const bool side = w - 2 * t.pad - right_w - t.gap > w * 0.5F;
    const float text_w = side ? w - 2 * t.pad - right_w - t.gap : w - 2 * t.pad;
    const Block lb = kit::wrap(c.m, level.label, style(t.body, true), text_w);
    const bool has_opinion = review && !review->opinion.empty();
    const Block ob = kit::wrap(c.m, has_opinion ? review->opinion : "尚未填写意见",
                               has_opinion ? value_st : style(t.body, false, palette::kInkSoft),
                               text_w, 0, t.leading);
    const float right_h = seal_sz.height + t.pad * 0.5F + kit::line_height(c.m, date_st);
    const float text_h = lb.height + t.pad * 0.3F + ob.height;
    const float h =
        (side ? std::max(text_h, right_h) : text_h + t.pad * 0.5F + right_h) + 2 * t.pad;
    page.fill({0, y, w, h}, palette::kCard, t.radius, t.rule, palette::kRule);
    page.block(lb, {t.pad, y + t.pad});
    page.block(ob, {t.pad, y + t.pad + lb.height + t.pad * 0.3F});
    const float rx = side ? w - t.pad - right_w : t.pad;
    const float ry = side ? y + t.pad : y + t.pad + text_h + t.pad * 0.5F;
    kit::badge(page, c.m, t, {rx, ry}, seal, sealed ? palette::kAccentInk : palette::kEndedInk,
               sealed ? palette::kAccentSoft : palette::kEnded);
    page.text({rx, ry + seal_sz.height + t.pad * 0.5F}, date, date_st,
              kit::line_height(c.m, date_st));
    y += h + t.pad * 0.5F;
  }
  return y;
}

// How to object, under the reviews where no objection panel stands beside the page.
float objection_section(Ctx& c, kit::Page& page, const content::Notice& notice, float w, float y) {
  const kit::Theme& t = c.t;
  y += t.gap;
  const Block head = kit::wrap(c.m, "对公示有异议?", style(t.heading, true, palette::kAccent), w);
  page.block(head, {0, y});
  y += head.height + t.pad * 0.5F;
  // The notice's own 异议 details (LIFECYCLE.md) come before the hotlines.
  if (notice.objection && !notice.objection->empty() &&
      Model::status(notice, c.state.today) == NoticeStatus::Current) {
    y = objection_details(c, page, *notice.objection, 0, y, w, true) + t.gap;
  }
  const Block text =
      kit::wrap(c.m, "公示期内,对申报单位有异议的,可拨打以下监督及投诉电话反映:", style(t.body), w,
                0, t.leading);
  page.block(text, {0, y});
  y += text.height + t.pad;
  y = hotline_list(c, page, 0, y, w, 1e9F, nullptr);
  const std::string all = "查看全部电话和二维码";
  kit::button(page, c.m, t, {0, y}, all, act::Go{act::Place::Hotlines}, false, w);
  return y + t.target;
}

}  // namespace

kit::Page applicant_page(Ctx& c, const Route& r, float width, bool with_hotlines) {
  const kit::Theme& t = c.t;
  kit::Page page;
  const float bar = std::round(8 * t.s) + t.pad;  // room for the scroll bar
  const float w = width - bar;
  const content::Notice* notice = find_notice(c.model, r.notice_id);
  const content::Applicant* a = notice ? notice->applicant(r.applicant_id) : nullptr;
  if (!a) {
    const Block b = kit::wrap(c.m, "未找到该申报单位", style(t.title, true), w);
    page.block(b, {0, 0});
    return page;
  }
  const content::Form* form = c.model.document().form_for(a->category);
  float y = applicant_heading(c, page, *notice, *a, form, w);
  y = field_table(c, page, *notice, *a, form, w, y);
  y = review_cards(c, page, *a, form, w, y);
  if (with_hotlines) y = objection_section(c, page, *notice, w, y);
  page.height = std::max(page.height, y + t.pad);
  return page;
}

}  // namespace kiosk::ui::screens
