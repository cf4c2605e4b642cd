// Views: the header and navigation bar every screen shares, the per-screen dispatch and the
// layout caches.
#include "ui/views.hpp"

#include <algorithm>
#include <cmath>
#include <list>

#include "ui/format.hpp"
#include "ui/screens.hpp"

namespace kiosk::ui {

using kit::Theme;

struct Views::Cache {
  std::string base;  // content generation, size, text mode, date: any change drops everything
  std::list<std::pair<std::string, kit::Page>> pages;  // most recent first, at most kMaxPages
  screens::RowCache rows;
  static constexpr std::size_t kMaxPages = 24;

  kit::Page* find(const std::string& key) {
    for (auto it = pages.begin(); it != pages.end(); ++it) {
      if (it->first == key) {
        pages.splice(pages.begin(), pages, it);
        return &pages.front().second;
      }
    }
    return nullptr;
  }
  kit::Page& put(std::string key, kit::Page page) {
    pages.emplace_front(std::move(key), std::move(page));
    if (pages.size() > kMaxPages) pages.pop_back();
    return pages.front().second;
  }
};

namespace {

std::string footer_status(const State& s) {
  const Diagnostics& d = s.diagnostics;
  std::string out = "内容版本 " + d.content_version;
  if (d.content_issued_unix > 0)
    out += "  ·  更新于 " + format::timestamp(d.content_issued_unix, s.zone);
  return out;
}

// Header: office name (press 5 s for 维护), date and time, 适老模式.
float draw_header(screens::Ctx& c, DisplayList& dl, bool controls) {
  const Theme& t = c.t;
  const float w = t.size.width;
  const TextStyle name_st = kit::style(t.header, true, palette::kAccent);
  const TextStyle time_st = kit::style(t.body, false, palette::kInk);
  const std::string when = format::header_datetime(c.state.today, c.state.minute_of_day);
  const std::string toggle = c.state.large_text ? "标准字号" : "大字 适老模式";
  const float toggle_w = controls ? kit::button_width(c.m, t, toggle) : 0;
  const float time_w = std::ceil(kit::width_of(c.m, when, time_st));
  const float name_lh = kit::line_height(c.m, name_st), time_lh = kit::line_height(c.m, time_st);
  const float inner = w - 2 * t.margin - (controls ? toggle_w + t.gap : 0);
  const float name_full = kit::width_of(c.m, c.model.office_name(), name_st);
  // The name and the time share one row in landscape (the name cut with "…" if need be: height
  // is the scarce side there); in portrait a long name takes a row of its own.
  const bool one_row = !t.portrait || name_full + 2 * t.gap + time_w <= inner;
  const float row_h = std::max({t.target, name_lh, time_lh});
  const float h = std::round(t.pad + row_h + (one_row ? 0 : time_lh) + t.pad);
  dl.fill({0, 0, w, h}, palette::kCard);
  dl.fill({0, h - 2 * t.rule, w, 2 * t.rule}, palette::kAccent);
  kit::ListCanvas canvas(dl);
  const float name_max = one_row ? inner - time_w - 2 * t.gap : inner;
  const std::string name = kit::ellipsize(c.m, c.model.office_name(), name_st, name_max);
  const float name_w = kit::width_of(c.m, name, name_st);
  const float name_y = std::round(t.pad + (row_h - name_lh) / 2);
  canvas.text({t.margin, name_y}, name, name_st, name_lh);
  // The administrator's long press target: the name, at least a full target tall.
  canvas.hotspot({t.margin, t.pad, std::max(name_w, t.target), row_h}, act::Admin{});
  if (one_row) {
    const float x = t.margin + inner - time_w;
    canvas.text({x, std::round(t.pad + (row_h - time_lh) / 2)}, when, time_st, time_lh);
  } else {
    canvas.text({t.margin, std::round(t.pad + row_h - t.pad * 0.25F)}, when, time_st, time_lh);
  }
  if (controls) {
    kit::button(canvas, c.m, t,
                {w - t.margin - toggle_w, std::round(t.pad + (row_h - t.target) / 2)}, toggle,
                act::LargeText{}, c.state.large_text, 0, t.target);
  }
  return h;
}

// Navigation bar: 返回 and 首页, then the content's version and any 离线 / 内容已过期 note.
float draw_nav(screens::Ctx& c, DisplayList& dl, bool controls) {
  const Theme& t = c.t;
  const float w = t.size.width, hgt = t.size.height;
  const Diagnostics& d = c.state.diagnostics;
  const std::string back = "返回上页", home = "回到首页";
  const float buttons_w = controls ? kit::button_width(c.m, t, back, 200 * t.s) +
                                         kit::button_width(c.m, t, home, 200 * t.s) + 2 * t.gap
                                   : 0;
  const TextStyle st = kit::style(t.small, false, palette::kInkSoft);
  std::vector<std::string> notes;
  if (d.offline) notes.emplace_back("离线:暂时无法连接内容服务器,显示的是上次更新的内容");
  if (d.expired) notes.emplace_back("内容已过期,请以张贴的公示为准");
  if (!controls) notes.insert(notes.begin(), "请轻触屏幕,查看公示详情和监督电话");
  const float text_w = w - 2 * t.margin - buttons_w;
  std::vector<kit::Block> blocks;
  float text_h = 0;
  for (const auto& n : notes) {
    blocks.push_back(
        kit::wrap(c.m, n, kit::style(t.small, true, palette::kAccentInk), text_w - t.pad));
    text_h += blocks.back().height + t.pad * 0.5F;
  }
  blocks.push_back(kit::wrap(c.m, footer_status(c.state), st, text_w));
  text_h += blocks.back().height;
  const float h = std::round(std::max(controls ? t.target : 0.0F, text_h) + 2 * t.pad);
  const float top = hgt - h;
  dl.fill({0, top, w, h}, palette::kCard);
  dl.fill({0, top, w, t.rule}, palette::kRule);
  kit::ListCanvas canvas(dl);
  if (controls) {
    const float y = std::round(top + (h - t.target) / 2);
    const Rect b = kit::button(canvas, c.m, t, {t.margin, y}, back, act::Back{}, false, 200 * t.s);
    kit::button(canvas, c.m, t, {b.right() + t.gap, y}, home, act::Home{}, false, 200 * t.s);
  }
  float y = std::round(top + (h - text_h) / 2);
  const float x = t.margin + buttons_w;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const kit::Block& b = blocks[i];
    const bool note = i + 1 < blocks.size();
    if (note) {
      if (!controls && i == 0) {
        canvas.block(b, {x, y});
      } else {
        dl.fill(
            {x - t.pad * 0.25F, y - t.pad * 0.15F, b.width + t.pad * 0.5F, b.height + t.pad * 0.3F},
            palette::kAccentSoft, t.radius * 0.5F);
        canvas.block(b, {x, y});
      }
      y += b.height + t.pad * 0.5F;
    } else {
      canvas.block(b, {controls ? x + (text_w - b.width) : x, y});
    }
  }
  return h;
}

std::string route_key(const Route& r) {
  return std::to_string(static_cast<int>(r.screen)) + "|" + r.notice_id + "|" + r.applicant_id +
         "|" + std::to_string(r.standard);
}

}  // namespace

Views::Views(TextMeasurer& measurer, ui::FontRoles roles)
    : measurer_(measurer), roles_(std::move(roles)), cache_(std::make_unique<Cache>()) {}
Views::~Views() = default;

void Views::prepare(const Model& model, const State& state, Size size) {
  (void)render(model, state, size);
}

DisplayList Views::render(const Model& model, const State& state, Size size) {
  const Theme t = kit::make_theme(size, state.large_text, roles_);
  screens::Ctx c{measurer_, model, state, t};
  const std::string base = std::to_string(model.generation()) + "|" +
                           std::to_string(static_cast<int>(size.width)) + "x" +
                           std::to_string(static_cast<int>(size.height)) + "|" +
                           (state.large_text ? "L" : "N") + "|" + state.today.iso();
  if (cache_->base != base) {
    cache_->base = base;
    cache_->pages.clear();
    cache_->rows = {};
  }
  DisplayList dl;
  dl.background = palette::kPaper;
  const Route& r = state.route();
  if (r.screen == ScreenId::Dimmed) {
    screens::dimmed(c, dl);
    return dl;
  }
  const bool attract = r.screen == ScreenId::Attract;
  const float header_h = draw_header(c, dl, !attract);
  const float nav_h = draw_nav(c, dl, !attract);
  const Rect area{t.margin, header_h + t.gap, size.width - 2 * t.margin,
                  std::max(0.0F, size.height - header_h - nav_h - 2 * t.gap)};

  auto page = [&](const std::string& key, auto&& build) -> const kit::Page& {
    if (kit::Page* p = cache_->find(key)) return *p;
    return cache_->put(key, build());
  };
  const std::string key = route_key(r) + "|" + std::to_string(static_cast<int>(area.w));

  switch (r.screen) {
    case ScreenId::Attract: {
      const std::string counter = screens::attract(c, dl, area);
      const TextStyle st = kit::style(t.small, false, palette::kInkSoft);
      const float w = kit::width_of(measurer_, counter, st);
      dl.text({std::round(size.width - t.margin - w), std::round(size.height - nav_h + t.pad)},
              counter, st);
      break;
    }
    case ScreenId::Home:
      screens::home(c, dl, area);
      break;
    case ScreenId::Standards:
      screens::standards_grid(c, dl, area);
      break;
    case ScreenId::Notices:
      screens::notices(c, dl, area, cache_->rows);
      break;
    case ScreenId::Applicant: {
      if (t.portrait) {
        const auto& p =
            page(key + "|p", [&] { return screens::applicant_page(c, r, area.w, true); });
        kit::emit_page(dl, p, area, r.scroll.offset, t);
      } else {
        const float left_w = std::round(area.w * 0.62F);
        const auto& p = page(key, [&] { return screens::applicant_page(c, r, left_w, false); });
        kit::emit_page(dl, p, {area.x, area.y, left_w, area.h}, r.scroll.offset, t);
        screens::objection_panel(
            c, dl, {area.x + left_w + t.gap, area.y, area.w - left_w - t.gap, area.h});
      }
      break;
    }
    case ScreenId::Standard: {
      const float nav = screens::standard_nav_height(c);
      const Rect view{area.x, area.y, area.w, area.h - nav - t.gap};
      const auto& p = page(key, [&] { return screens::standard_page(c, r.standard, view.w); });
      kit::emit_page(dl, p, view, r.scroll.offset, t);
      screens::standard_nav(c, dl, {area.x, area.bottom() - nav, area.w, nav}, r.standard);
      break;
    }
    case ScreenId::Hotlines: {
      const auto& p = page(key, [&] { return screens::hotlines_page(c, area.w); });
      kit::emit_page(dl, p, area, r.scroll.offset, t);
      break;
    }
    case ScreenId::Archive: {
      const auto& p = page(key, [&] { return screens::archive_page(c, area.w); });
      kit::emit_page(dl, p, area, r.scroll.offset, t);
      break;
    }
    case ScreenId::NoticePage: {
      const auto& p = page(key, [&] { return screens::notice_page(c, r, area.w); });
      kit::emit_page(dl, p, area, r.scroll.offset, t);
      break;
    }
    case ScreenId::Steps: {
      const auto& p = page(key, [&] { return screens::steps_page(c, area.w); });
      kit::emit_page(dl, p, area, r.scroll.offset, t);
      break;
    }
    case ScreenId::Document: {
      // The index needs the page's anchors, the page needs the width the index leaves.
      const float index_w = t.portrait ? 0 : std::round(std::min(area.w * 0.25F, 460 * t.s));
      if (t.portrait) {
        // Portrait: the index is a block of buttons above the text; lay the page out for the
        // full width, draw the index first to learn its height.
        const auto& p = page(key, [&] { return screens::document_page(c, area.w); });
        const Rect used = screens::document_index(c, dl, area, p, r.scroll.offset);
        const Rect view{area.x, used.bottom() + t.gap, area.w,
                        area.bottom() - used.bottom() - t.gap};
        kit::emit_page(dl, p, view, r.scroll.offset, t);
      } else {
        const float text_w = area.w - index_w - t.gap;
        const auto& p = page(key, [&] { return screens::document_page(c, text_w); });
        screens::document_index(c, dl, {area.x, area.y, index_w, area.h}, p, r.scroll.offset);
        kit::emit_page(dl, p, {area.x + index_w + t.gap, area.y, text_w, area.h}, r.scroll.offset,
                       t);
      }
      break;
    }
    case ScreenId::Diagnostics: {
      // Not cached: the figures change every frame. With a PIN configured, the PIN pad sits
      // beside (landscape) or under (portrait) the rows.
      Rect rows = area;
      Rect pad{};
      if (state.admin.verify) {
        const Size ps = screens::pin_pad_size(c, t.portrait ? area.h * 0.6F : area.h);
        if (t.portrait) {
          pad = {std::round(area.x + (area.w - ps.width) / 2), area.bottom() - ps.height, ps.width,
                 ps.height};
          rows.h = std::max(0.0F, area.h - ps.height - t.gap);
        } else {
          pad = {area.right() - ps.width, area.y, ps.width, std::min(ps.height, area.h)};
          rows.w = std::max(0.0F, area.w - ps.width - t.gap);
        }
      }
      const kit::Page p = screens::diagnostics_page(c, rows.w);
      kit::emit_page(dl, p, rows, r.scroll.offset, t);
      if (pad.w > 0) screens::pin_pad(c, dl, pad);
      break;
    }
    case ScreenId::Dimmed:
      break;  // drawn above
  }
  return dl;
}

DisplayList render(const Model& model, const State& state, Size size, TextMeasurer& measurer,
                   const ui::FontRoles& roles) {
  Views views(measurer, roles);
  return views.render(model, state, size);
}

std::string screen_title(ScreenId id) {
  switch (id) {
    case ScreenId::Attract:
      return "待机";
    case ScreenId::Home:
      return "首页";
    case ScreenId::Notices:
      return "公示名单";
    case ScreenId::Applicant:
      return "申报详情";
    case ScreenId::Standards:
      return "创建标准";
    case ScreenId::Standard:
      return "创建标准";
    case ScreenId::Hotlines:
      return "监督电话";
    case ScreenId::Steps:
      return "创建步骤";
    case ScreenId::Document:
      return "文件全文";
    case ScreenId::Diagnostics:
      return "维护";
    case ScreenId::Dimmed:
      return "非办公时间";
    case ScreenId::Archive:
      return "往期公示";
    case ScreenId::NoticePage:
      return "公示详情";
  }
  return "";
}

}  // namespace kiosk::ui
