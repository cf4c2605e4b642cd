// The scrolling pages: one 创建标准 with its indicators picked out, 监督电话 with QR codes,
// 创建步骤 with the current phase, 文件全文 with its section index, and 维护 diagnostics.
#include <algorithm>
#include <cmath>

#include "content/site_paths.hpp"
#include "core/url.hpp"
#include "ui/format.hpp"
#include "ui/screens.hpp"

namespace kiosk::ui::screens {

using kit::Block;
using kit::style;

namespace {

float page_title(Ctx& c, kit::Page& page, float y, float w, const std::string& title,
                 const std::string& sub) {
  const kit::Theme& t = c.t;
  const Block tb = kit::wrap(c.m, title, style(t.title, true), w);
  page.block(tb, {0, y});
  y += tb.height;
  if (!sub.empty()) {
    y += t.pad * 0.4F;
    const Block sb = kit::wrap(c.m, sub, style(t.body, false, palette::kInkSoft), w, 0, t.leading);
    page.block(sb, {0, y});
    y += sb.height;
  }
  return y + t.gap;
}

const char* chinese_number(std::size_t n) {
  static constexpr const char* kDigits[] = {"零", "一", "二", "三", "四", "五",
                                            "六", "七", "八", "九", "十"};
  return n <= 10 ? kDigits[n] : "";
}

}  // namespace

// ---- one standard -----------------------------------------------------------------------------

kit::Page standard_page(Ctx& c, int number, float width) {
  const kit::Theme& t = c.t;
  kit::Page page;
  const auto& standards = c.model.document().standards;
  if (standards.empty()) return page;
  const auto& s = standards[static_cast<std::size_t>(
      std::clamp(number, 1, static_cast<int>(standards.size())) - 1)];
  const float w = width - std::round(8 * t.s) - t.pad;
  float y = 0;
  const std::string count = "第" + std::string(chinese_number(static_cast<std::size_t>(s.number))) +
                            "项 / 共" + chinese_number(standards.size()) + "项";
  const Block cb =
      kit::wrap(c.m, "创建标准  " + count, style(t.body, false, palette::kInkSoft), w, 1);
  page.block(cb, {0, y});
  y += cb.height + t.pad * 0.4F;
  const Block head = kit::wrap(c.m, standard_heading(s), style(t.title, true), w);
  page.block(head, {0, y});
  y += head.height + t.gap;

  // Indicator chips: label above value, flowing in rows.
  if (!s.indicators.empty()) {
    const TextStyle label_st = style(t.small, false, palette::kInk);
    const TextStyle value_st = style(t.heading, true, palette::kInk);
    const float max_chip = std::min(w, std::round(560 * t.s * (t.large ? 1.3F : 1.0F)));
    float x = 0, row_h = 0;
    for (const auto& ind : s.indicators) {
      const Block lb = kit::wrap(c.m, ind.label, label_st, max_chip - 2 * t.pad, 3);
      const Block vb = kit::wrap(c.m, ind.value, value_st, max_chip - 2 * t.pad, 1);
      const float cw = std::ceil(std::max(lb.width, vb.width) + 2 * t.pad);
      const float ch = std::ceil(lb.height + vb.height + 2 * t.pad);
      if (x > 0 && x + cw > w) {
        x = 0;
        y += row_h + t.pad;
        row_h = 0;
      }
      page.fill({x, y, cw, ch}, palette::kHighlight, t.radius, t.rule, palette::kAccent);
      page.block(lb, {x + t.pad, y + t.pad});
      page.block(vb, {x + t.pad, y + t.pad + lb.height});
      x += cw + t.pad;
      row_h = std::max(row_h, ch);
    }
    y += row_h + t.gap;
  }

  // The standard's text, with every indicator's quote highlighted and underlined where it stands.
  const TextStyle text_st = style(t.heading);
  const auto& metrics = c.m.metrics(text_st);
  const Block text = kit::wrap(c.m, s.text, text_st, w, 0, t.leading * 1.1F);
  std::vector<std::pair<std::size_t, std::size_t>> quotes;
  for (const auto& ind : s.indicators) {
    if (ind.quote.empty()) continue;
    const auto at = s.text.find(ind.quote);
    if (at != std::string::npos) quotes.emplace_back(at, at + ind.quote.size());
  }
  const std::string_view all(s.text);
  for (std::size_t i = 0; i < text.ranges.size(); ++i) {
    const auto& line = text.ranges[i];
    const float ly = y + static_cast<float>(i) * text.advance;
    for (const auto& [qb, qe] : quotes) {
      const std::size_t b = std::max(line.begin, qb), e = std::min(line.end, qe);
      if (b >= e) continue;
      const float x0 = text::measure_width(all.substr(line.begin, b - line.begin), metrics);
      const float x1 = text::measure_width(all.substr(line.begin, e - line.begin), metrics);
      page.fill({std::floor(x0), ly, std::ceil(x1 - x0), text.line_height}, palette::kHighlight);
      page.fill({std::floor(x0), ly + text.line_height - std::round(3 * t.s), std::ceil(x1 - x0),
                 std::round(3 * t.s)},
                palette::kAccent);
    }
  }
  page.block(text, {0, y});
  y += text.height + t.gap;
  page.height = std::max(page.height, y);
  return page;
}

float standard_nav_height(Ctx& c) { return c.t.target; }

void standard_nav(Ctx& c, DisplayList& dl, Rect area, int number) {
  const kit::Theme& t = c.t;
  kit::ListCanvas cv(dl);
  (void)number;
  const float min_w = std::round(260 * t.s);
  kit::button(cv, c.m, t, {area.x, area.y}, "上一项", act::StandardStep{-1}, false, min_w);
  const float wn = kit::button_width(c.m, t, "下一项", min_w);
  kit::button(cv, c.m, t, {area.right() - wn, area.y}, "下一项", act::StandardStep{1}, false,
              min_w);
  const TextStyle hint = style(t.small, false, palette::kInkSoft);
  const std::string h = "左右滑动也可切换";
  const float hw = kit::width_of(c.m, h, hint);
  if (hw + 2 * (wn + t.gap) < area.w) {
    cv.text({std::round(area.x + (area.w - hw) / 2),
             area.y + (area.h - kit::line_height(c.m, hint)) / 2},
            h, hint, kit::line_height(c.m, hint));
  }
}

// ---- 监督电话 ----------------------------------------------------------------------------------

kit::Page hotlines_page(Ctx& c, float width) {
  const kit::Theme& t = c.t;
  kit::Page page;
  const float w = width - std::round(8 * t.s) - t.pad;
  // 扫码带走 the hotlines page, at the top right beside the title.
  const Size take_home_qr = take_home(c, page, {w, 0}, content::site_paths::kHotlines);
  float y = std::max(
      page_title(c, page, 0, take_home_qr.width > 0 ? w - take_home_qr.width - t.gap : w,
                 "监督及投诉电话",
                 "公示期内,对申报单位有异议的,可拨打以下电话反映。用手机扫描二维码可直接拨号。"),
      take_home_qr.height > 0 ? take_home_qr.height + t.gap : 0.0F);
  const int cols = t.portrait ? 1 : 2;
  const float card_w =
      std::floor((w - static_cast<float>(cols - 1) * t.gap) / static_cast<float>(cols));
  const float qr_px = std::round(200 * t.s);
  const TextStyle name_st = style(t.heading, true);
  const TextStyle num_st = style(t.huge, true, palette::kInk);
  const TextStyle hours_st = style(t.small, false, palette::kInkSoft);
  const TextStyle caption_st = style(t.small, false, palette::kInkSoft);
  // Each current notice's 异议 details (LIFECYCLE.md), a card before the numbers.
  for (const std::size_t i : c.model.current_notices(c.state.today)) {
    const content::Notice& n = c.model.notices()[i];
    if (!n.objection || n.objection->empty()) continue;
    const float iw = w - 2 * t.pad;
    const Block head = kit::wrap(c.m, "异议受理  ·  " + n.title, style(t.heading, true), iw, 2);
    kit::Page probe;
    const float body_h = objection_details(c, probe, *n.objection, t.pad, 0, iw, true);
    const float h = 2 * t.pad + head.height + t.pad * 0.5F + body_h;
    page.fill({0, y, w, h}, palette::kCard, t.radius, t.rule, palette::kRule);
    page.block(head, {t.pad, y + t.pad});
    objection_details(c, page, *n.objection, t.pad, y + t.pad + head.height + t.pad * 0.5F, iw,
                      true);
    y += h + t.gap;
  }
  const auto& hotlines = c.model.hotlines();
  if (hotlines.empty()) {
    const Block b = kit::wrap(c.m, "暂无监督电话", style(t.heading, true), w);
    page.block(b, {0, y});
    return page;
  }
  for (std::size_t row = 0; row * static_cast<std::size_t>(cols) < hotlines.size(); ++row) {
    // Measure the row's cards first so they share one height. The QR code sits beside the text
    // when the number fits next to it on one line, else below the text.
    struct Card {
      Block name, num, hours;
      const content::Hotline* h;
      const QrMatrix* qr;
      bool beside;
    };
    std::vector<Card> cards;
    float row_h = 0;
    const float cap_h = kit::line_height(c.m, caption_st);
    for (int k = 0; k < cols; ++k) {
      const std::size_t i = row * static_cast<std::size_t>(cols) + static_cast<std::size_t>(k);
      if (i >= hotlines.size()) break;
      const auto& h = hotlines[i];
      const QrMatrix* qr = c.model.hotline_qr(i);
      const std::string number = format::unbreakable(h.number);
      const bool beside =
          qr && kit::width_of(c.m, number, num_st) <= card_w - 2 * t.pad - qr_px - t.gap;
      const float text_w = card_w - 2 * t.pad - (beside ? qr_px + t.gap : 0);
      const TextStyle fitted = kit::fit_one_line(c.m, number, num_st, text_w, t.heading);
      Card card{kit::wrap(c.m, h.name, name_st, text_w, 3),
                kit::wrap(c.m, number, fitted, text_w, 2),
                kit::wrap(c.m, h.hours.empty() ? "" : "接听时间:" + h.hours, hours_st, text_w, 2),
                &h,
                qr,
                beside};
      const Size badge = kit::badge_size(c.m, t, "街镇");
      const float text_h =
          badge.height + t.pad * 0.5F + card.name.height + card.num.height + card.hours.height;
      const float qr_h = qr ? qr_px + cap_h : 0;
      row_h = std::max(
          row_h, (beside ? std::max(text_h, qr_h) : text_h + (qr ? t.pad + qr_px : 0)) + 2 * t.pad);
      cards.push_back(std::move(card));
    }
    for (std::size_t k = 0; k < cards.size(); ++k) {
      const Card& card = cards[k];
      const float x = static_cast<float>(k) * (card_w + t.gap);
      page.fill({x, y, card_w, row_h}, palette::kCard, t.radius, t.rule, palette::kRule);
      float ty = y + t.pad;
      const Rect lb = kit::badge(page, c.m, t, {x + t.pad, ty},
                                 card.h->level == content::HotlineLevel::District ? "区级" : "街镇",
                                 palette::kNavy, palette::kNavySoft);
      if (card.h->demo) {
        kit::badge(page, c.m, t, {lb.right() + t.pad * 0.5F, ty}, "示例", palette::kAccentInk,
                   palette::kAccentSoft);
      }
      ty += lb.h + t.pad * 0.5F;
      page.block(card.name, {x + t.pad, ty});
      ty += card.name.height;
      page.block(card.num, {x + t.pad, ty});
      ty += card.num.height;
      page.block(card.hours, {x + t.pad, ty});
      ty += card.hours.height;
      if (card.qr && card.qr->size > 0) {
        const int modules = card.qr->size;  // the quiet zone is part of the matrix
        const float module_px = std::max(1.0F, std::floor(qr_px / static_cast<float>(modules)));
        const float side = module_px * static_cast<float>(modules);
        const Rect qr_rect = card.beside ? Rect{x + card_w - t.pad - side, y + t.pad, side, side}
                                         : Rect{x + t.pad, ty + t.pad, side, side};
        page.add(QrCode{qr_rect, card.qr->size, card.qr->modules}, qr_rect.y, qr_rect.bottom());
        const std::string cap = "扫码拨打";
        const float cw = kit::width_of(c.m, cap, caption_st);
        if (card.beside) {
          page.text({qr_rect.x + (side - cw) / 2, qr_rect.bottom()}, cap, caption_st, cap_h);
        } else {
          page.text({qr_rect.right() + t.gap, qr_rect.y + (side - cap_h) / 2}, cap, caption_st,
                    cap_h);
        }
      }
    }
    y += row_h + t.gap;
  }
  page.height = std::max(page.height, y);
  return page;
}

// ---- 创建步骤 ----------------------------------------------------------------------------------

kit::Page steps_page(Ctx& c, float width) {
  const kit::Theme& t = c.t;
  kit::Page page;
  const float w = width - std::round(8 * t.s) - t.pad;
  const auto& steps = c.model.document().steps;
  const CivilDate today = c.state.today;
  const auto current = c.model.document().current_step(today);
  std::string status = "今天是" + today.chinese() + today.chinese_weekday() + "。";
  if (current) {
    status += "当前处于" + steps[*current].label + steps[*current].title + "。";
  } else if (!steps.empty() && today > steps.back().end) {
    status += "文件规定的各阶段均已结束。";
  } else if (!steps.empty()) {
    status += "创建活动尚未开始。";
  }
  float y = page_title(c, page, 0, w, "创建步骤", status);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& st = steps[i];
    const bool is_current = current && *current == i;
    const bool past = st.end < today;
    const std::string badge = is_current ? "当前阶段" : past ? "已结束" : "未开始";
    const Size bs = kit::badge_size(c.m, t, badge);
    const float iw = w - 2 * t.pad;
    const Block head =
        kit::wrap(c.m, st.label + st.title, style(t.heading, true), iw - bs.width - t.gap);
    const Block period =
        kit::wrap(c.m, "时间:" + st.period,
                  style(t.body, true, is_current ? palette::kCurrentInk : palette::kInkSoft), iw);
    std::vector<Block> paras;
    float h =
        t.pad + std::max(head.height, bs.height) + t.pad * 0.3F + period.height + t.pad * 0.5F;
    for (const auto& p : st.paragraphs) {
      paras.push_back(kit::wrap(c.m, "\u3000\u3000" + p, style(t.body), iw, 0, t.leading));
      h += paras.back().height + t.pad * 0.5F;
    }
    h += t.pad * 0.5F;
    page.fill({0, y, w, h}, is_current ? palette::kCurrent : palette::kCard, t.radius,
              is_current ? 3 * t.rule : t.rule, is_current ? palette::kCurrentInk : palette::kRule);
    float cy = y + t.pad;
    page.block(head, {t.pad, cy});
    kit::badge(page, c.m, t, {w - t.pad - bs.width, cy}, badge,
               is_current ? palette::kCurrentInk
               : past     ? palette::kEndedInk
                          : palette::kNavy,
               is_current ? palette::kCard
               : past     ? palette::kEnded
                          : palette::kNavySoft);
    cy += std::max(head.height, bs.height) + t.pad * 0.3F;
    page.block(period, {t.pad, cy});
    cy += period.height + t.pad * 0.5F;
    for (const auto& b : paras) {
      page.block(b, {t.pad, cy});
      cy += b.height + t.pad * 0.5F;
    }
    y += h + t.gap;
  }
  page.height = std::max(page.height, y);
  return page;
}

// ---- 文件全文 ----------------------------------------------------------------------------------

kit::Page document_page(Ctx& c, float width) {
  const kit::Theme& t = c.t;
  kit::Page page;
  const auto& d = c.model.document();
  const float w = width - std::round(8 * t.s) - t.pad;
  const TextStyle body = style(t.body);
  const TextStyle soft = style(t.body, false, palette::kInkSoft);
  float y = 0;
  auto para = [&](const std::string& text, const TextStyle& st, float indent_align = 0) {
    const Block b = kit::wrap(c.m, text, st, w, 0, t.leading);
    page.block(b, {0, y}, indent_align, w);
    y += b.height + t.pad * 0.6F;
  };
  page.anchors.emplace_back("标题", 0.0F);
  if (!d.disclosure.empty()) para(d.disclosure, soft, 1.0F);
  para(d.doc_number, soft, 0.5F);
  {
    const Block title = kit::wrap(c.m, d.title, style(t.title, true), w, 0, 1.05F);
    page.block(title, {0, y}, 0.5F, w);
    y += title.height + t.gap;
  }
  para(d.addressee, body);
  for (const auto& p : d.preamble) para("\u3000\u3000" + p, body);
  const TextStyle head_st = style(t.heading, true);
  const TextStyle sub_st = style(t.body, true);
  for (const auto& s : d.sections) {
    y += t.pad;
    page.anchors.emplace_back(s.heading, y);
    para(s.heading, head_st);
    for (const auto& p : s.paragraphs) para("\u3000\u3000" + p, body);
    for (const auto& sub : s.subsections) {
      para("\u3000\u3000" + sub.heading, sub_st);
      for (const auto& p : sub.paragraphs) para("\u3000\u3000" + p, body);
    }
    if (s.include == content::SectionInclude::Standards) {
      for (const auto& st : d.standards) para("\u3000\u3000" + st.full_text(), body);
    } else if (s.include == content::SectionInclude::Steps) {
      for (const auto& st : d.steps) {
        para("\u3000\u3000" + st.label + st.title + ":(" + st.period + ")", sub_st);
        for (const auto& p : st.paragraphs) para("\u3000\u3000" + p, body);
      }
    }
  }
  if (!d.attachments.empty()) {
    y += t.pad;
    page.anchors.emplace_back("附件", y);
    for (std::size_t i = 0; i < d.attachments.size(); ++i) {
      para((i == 0 ? "附件:" : "\u3000\u3000\u3000") + d.attachments[i], body);
    }
  }
  y += t.gap;
  para(d.signature_issuer, body, 1.0F);
  para(d.signature_date, body, 1.0F);
  page.height = std::max(page.height, y + t.gap);
  return page;
}

Rect document_index(Ctx& c, DisplayList& dl, Rect area, const kit::Page& page, float offset) {
  const kit::Theme& t = c.t;
  kit::ListCanvas cv(dl);
  // The section the reader is in: the last anchor at or above the top of the view.
  std::size_t current = 0;
  for (std::size_t i = 0; i < page.anchors.size(); ++i) {
    if (page.anchors[i].second <= offset + 1) current = i;
  }
  const auto n = page.anchors.size();
  if (!t.portrait) {
    const float g = std::round(t.pad * 0.4F);
    const float h =
        std::clamp(std::floor((area.h - g * static_cast<float>(n - 1)) / static_cast<float>(n)),
                   std::round(80 * t.s), t.target);
    float y = area.y;
    for (std::size_t i = 0; i < n && y + h <= area.bottom() + 0.5F; ++i) {
      const std::string label =
          kit::ellipsize(c.m, page.anchors[i].first, style(t.body, true), area.w - 2 * t.pad);
      kit::button(cv, c.m, t, {area.x, y}, label,
                  act::ScrollTo{static_cast<int>(page.anchors[i].second)}, i == current, area.w, h);
      y += h + g;
    }
    return area;
  }
  // Portrait: buttons flowing in rows above the text.
  float x = area.x, y = area.y;
  const float g = std::round(t.pad * 0.5F);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& label = page.anchors[i].first;
    const float bw = std::min(area.w, kit::button_width(c.m, t, label));
    if (x > area.x && x + bw > area.right()) {
      x = area.x;
      y += t.target + g;
    }
    kit::button(cv, c.m, t, {x, y}, kit::ellipsize(c.m, label, style(t.body, true), bw - 2 * t.pad),
                act::ScrollTo{static_cast<int>(page.anchors[i].second)}, i == current, bw);
    x += bw + g;
  }
  return {area.x, area.y, area.w, y + t.target - area.y};
}

// ---- 维护 -------------------------------------------------------------------------------------

kit::Page diagnostics_page(Ctx& c, float width) {
  const kit::Theme& t = c.t;
  kit::Page page;
  const Diagnostics& d = c.state.diagnostics;
  const float w = width - std::round(8 * t.s) - t.pad;
  float y = page_title(c, page, 0, w, "维护信息",
                       "管理员进入方式:在页眉长按单位名称 5 秒。本页只显示信息,不能修改设置。");
  auto fixed = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return std::string(buf);
  };
  std::size_t applicants = 0;
  for (const auto& n : c.model.notices()) applicants += n.applicants.size();
  const auto& m = c.model.bundle().manifest;
  std::vector<std::pair<std::string, std::string>> rows{
      {"内容版本", d.content_version},
      {"内容签发", d.content_issued_unix > 0
                       ? format::timestamp(d.content_issued_unix, c.state.zone)
                       : "未签名(内置或本地内容)"},
      {"内容已发布", d.content_issued_unix > 0 && d.now_unix > 0
                         ? format::duration(d.now_unix - d.content_issued_unix)
                         : "—"},
      {"有效期至",
       d.content_expires_unix > 0 ? format::timestamp(d.content_expires_unix, c.state.zone) : "—"},
      {"内容状态", std::string(d.expired ? "已过期" : "有效") + (d.offline ? ",离线" : "")},
      {"清单文件", m ? std::to_string(m->files.size()) + " 个文件" : "无"},
      {"公示 / 申报单位",
       std::to_string(c.model.notices().size()) + " 则 / " + std::to_string(applicants) + " 个"},
      {"同步状态", d.sync_state},
      // Any resident can open 维护: a URL's user:password@ is never shown (core/url.hpp).
      {"上次同步", d.last_sync_result.empty() ? "—" : url::redact_userinfo(d.last_sync_result)},
      {"上次错误", d.last_error.empty() ? "无" : url::redact_userinfo(d.last_error)},
      {"内容服务器", d.server.empty() ? "未配置" : url::redact_userinfo(d.server)},
      {"运行时长", format::duration(d.uptime_s)},
      {"内存占用", fixed(d.rss_mb) + " MB"},
      {"帧时间", "中位 " + fixed(d.frame_p50_ms) + " ms,p99 " + fixed(d.frame_p99_ms) +
                     " ms,最近 " + fixed(d.frame_last_ms) + " ms"},
      {"屏幕", std::to_string(static_cast<int>(t.size.width)) + "×" +
                   std::to_string(static_cast<int>(t.size.height)) +
                   (t.portrait ? " 竖屏" : " 横屏") + (t.large ? ",适老模式" : "")},
      {"字体", d.fonts.empty() ? "—" : d.fonts},
      {"今天", c.state.today.chinese() + " " + c.state.today.chinese_weekday() + " " +
                   format::clock(c.state.minute_of_day)},
  };
  // Under 内容版本, only when start-up had something to say about the cache (a refused bundle, a
  // fallback).
  if (!d.content_note.empty()) rows.insert(rows.begin() + 1, {"内容来源", d.content_note});
  // A configuration that did not load comes first, where the administrator sees it at once.
  if (!d.config_error.empty())
    rows.insert(rows.begin(), {"配置错误", url::redact_userinfo(d.config_error)});
  const TextStyle label_st = style(t.body, true, palette::kInkSoft);
  const TextStyle value_st = style(t.body);
  float label_w = 0;
  for (const auto& r : rows) label_w = std::max(label_w, kit::width_of(c.m, r.first, label_st));
  label_w = std::min(std::ceil(label_w) + 2 * t.pad, w * 0.4F);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Block lb = kit::wrap(c.m, rows[i].first, label_st, label_w - 2 * t.pad);
    const Block vb = kit::wrap(c.m, rows[i].second, value_st, w - label_w - t.pad);
    const float h = std::max(lb.height, vb.height) + t.pad;
    page.fill({0, y, w, h}, i % 2 == 0 ? palette::kCard : palette::kRowAlt);
    page.block(lb, {t.pad, y + t.pad / 2});
    page.block(vb, {label_w, y + t.pad / 2});
    y += h;
  }
  page.height = std::max(page.height, y + t.gap);
  return page;
}

}  // namespace kiosk::ui::screens
