// The take-home pages rendered from a bundle (see site.hpp): plain HTML strings, escaped here.
#include "admin/site.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include "admin/html.hpp"
#include "content/calendar.hpp"
#include "content/site_paths.hpp"
#include "core/files.hpp"

namespace kiosk::admin {
namespace {

namespace paths = content::site_paths;
using content::Applicant;
using content::Bundle;
using content::Notice;

// Paragraph text: one <p> per line (SCHEMA.md allows \n, U+2028 and U+2029 in paragraphs).
std::string paragraphs(std::string_view text, std::string_view cls = {}) {
  std::string out;
  std::string line;
  const auto flush = [&] {
    if (line.empty()) return;
    out += cls.empty() ? "<p>" : "<p class=\"" + std::string(cls) + "\">";
    out += html_escape(line) + "</p>\n";
    line.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      flush();
    } else if (text.substr(i, 3) == "\xE2\x80\xA8" || text.substr(i, 3) == "\xE2\x80\xA9") {
      flush();
      i += 2;
    } else {
      line += text[i];
    }
  }
  flush();
  return out;
}

// "tel:02100000001" for a number as SCHEMA.md allows it (digits and a leading +).
std::string tel(std::string_view number) {
  std::string out = "tel:";
  for (const char ch : number) {
    if ((ch >= '0' && ch <= '9') || (ch == '+' && out.size() == 4)) out += ch;
  }
  return out;
}

std::string tel_link(std::string_view number) {
  return "<a class=\"tel\" href=\"" + html_escape(tel(number)) + "\">" + html_escape(number) +
         "</a>";
}

// A relative link from a page at `from` (a site path) to the site path `to`.
std::string rel(std::string_view from, std::string_view to) {
  const auto depth = static_cast<std::size_t>(std::count(from.begin(), from.end(), '/')) - 1;
  std::string out;
  for (std::size_t i = 0; i < depth; ++i) out += "../";
  return out + std::string(to.substr(std::string_view(paths::kPrefix).size()));
}

// As the kiosk says it (LIFECYCLE.md): a working-day window counts working days by the
// bundle's calendar, today counting while it is one; a terminated notice ends that day.
std::string status_text(const Notice& n, const content::Calendar& calendar, CivilDate today) {
  if (n.board_end() < today) return n.termination() != nullptr ? "已终止" : "已结束";
  if (today < n.window.start) return "将于" + n.window.start.chinese() + "开始公示";
  if (n.window.working_days > 0) {
    const long left = content::working_days_in(calendar, today, n.window.end);
    return "还剩 " + std::to_string(left) + " 个工作日";
  }
  const long left = n.window.days_left(today);
  return left == 1 ? "今天是最后一天" : "还剩 " + std::to_string(left) + " 天";
}

// "2026年9月28日至2026年10月9日", or "5 个工作日(2026年9月28日至2026年10月9日)".
std::string window_text(const Notice& n) {
  const std::string dates = n.window.start.chinese() + "至" + n.window.end.chinese();
  if (n.window.working_days <= 0) return dates;
  return std::to_string(n.window.working_days) + " 个工作日(" + dates + ")";
}

class Writer {
 public:
  Writer(const Bundle& b, const SiteStamp& s) : bundle_(b), stamp_(s) {}

  std::string page(const std::string& path, const std::string& title,
                   const std::string& body) const {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"format-detection\" content=\"telephone=no\">\n<title>" +
        html_escape(title) + "</title>\n<link rel=\"stylesheet\" href=\"" +
        rel(path, paths::kStyle) + "\">\n</head>\n<body>\n";
    out += "<nav><a href=\"" + rel(path, paths::kIndex) + "\">全部公示</a> · <a href=\"" +
           rel(path, paths::kHotlines) + "\">监督及投诉电话</a></nav>\n";
    out += "<main>\n" + body + "</main>\n<footer>\n<p>内容版本 " +
           (stamp_.version > 0 ? std::to_string(stamp_.version) : std::string("未签名")) +
           ",发布于 " + html_escape(stamp_.published_at) +
           "。</p>\n<p>本页为公示内容的副本,以张贴的公示和触摸屏为准。</p>\n</footer>\n</body>\n</"
           "html>\n";
    return out;
  }

  std::string index() const {
    const std::string path = paths::kIndex;
    std::vector<const Notice*> current, upcoming, ended;
    for (const auto& n : bundle_.notices) {
      if (n.window.ended(stamp_.today)) {
        ended.push_back(&n);
      } else if (n.window.contains(stamp_.today)) {
        current.push_back(&n);
      } else {
        upcoming.push_back(&n);
      }
    }
    const auto by_start = [](const Notice* a, const Notice* b) {
      return a->window.start < b->window.start;
    };
    std::stable_sort(current.begin(), current.end(), by_start);
    std::stable_sort(upcoming.begin(), upcoming.end(), by_start);
    std::stable_sort(ended.begin(), ended.end(), [](const Notice* a, const Notice* b) {
      return b->window.end < a->window.end;
    });
    std::string body = "<h1>公示</h1>\n";
    const auto list = [&](const char* heading, const std::vector<const Notice*>& ns) {
      if (ns.empty()) return;
      body += "<section>\n<h2>" + std::string(heading) + "</h2>\n<ul class=\"list\">\n";
      for (const Notice* n : ns) {
        body += "<li><a href=\"" + rel(path, paths::notice(n->id)) + "\">" + html_escape(n->title) +
                (n->demo ? "<span class=\"demo\">示例</span>" : "") +
                "</a><span class=\"meta\">公示期 " + window_text(*n) + " · " +
                status_text(*n, bundle_.calendar, stamp_.today) + "</span></li>\n";
      }
      body += "</ul>\n</section>\n";
    };
    list("正在公示", current);
    list("即将公示", upcoming);
    list("已结束的公示", ended);
    if (bundle_.notices.empty()) body += "<p>目前没有公示。</p>\n";
    return page(path, "公示", body);
  }

  std::string hotline_items() const {
    std::string out = "<ul class=\"hotlines\">\n";
    for (const auto& h : bundle_.hotlines) {
      out += "<li><span class=\"name\">" + html_escape(h.name) +
             (h.demo ? "<span class=\"demo\">示例</span>" : "") + "</span>" + tel_link(h.number) +
             "<span class=\"meta\">" + std::string(content::hotline_level_name(h.level)) + " · " +
             html_escape(h.hours) + "</span></li>\n";
    }
    return out + "</ul>\n";
  }

  std::string hotlines() const {
    const std::string path = paths::kHotlines;
    std::string body =
        "<h1>监督及投诉电话</h1>\n<p>公示期内,对申报单位有异议的,可拨打以下电话反映。</p>\n";
    body += bundle_.hotlines.empty() ? "<p>暂无电话。</p>\n" : hotline_items();
    return page(path, "监督及投诉电话", body);
  }

  // LIFECYCLE.md's corrections (更正说明) of a notice, newest first, on its page and each of its
  // applicants' pages: date, kind, whom (and which field) it names, the text. On an applicant's
  // page, `only` names it: its own records (withdrawn, corrected) and the notice's (extended,
  // terminated).
  std::string corrections(const Notice& n, const Applicant* only = nullptr) const {
    std::string items;
    for (auto it = n.corrections.rbegin(); it != n.corrections.rend(); ++it) {
      const content::Correction& r = *it;
      if (only != nullptr && !r.applicant.empty() && r.applicant != only->id) continue;
      std::string kind;
      switch (r.kind) {
        case content::CorrectionKind::Withdrawn:
          kind = "已撤回";
          break;
        case content::CorrectionKind::Corrected:
          kind = "已更正";
          break;
        case content::CorrectionKind::Extended:
          kind = "公示期已延长";
          break;
        case content::CorrectionKind::Terminated:
          kind = "已终止";
          break;
      }
      std::string who;
      if (const Applicant* a = r.applicant.empty() ? nullptr : n.applicant(r.applicant)) {
        who = a->name;
        if (!r.field.empty()) {
          const auto key = content::field_from_code(r.field);
          const content::Form* form = bundle_.document.form_for(a->category);
          std::string label = r.field;
          if (form != nullptr && key) {
            for (const auto& f : form->fields) {
              if (f.key == *key) label = f.label;
            }
          }
          who += " · " + label;
        }
      } else if (r.kind == content::CorrectionKind::Extended) {
        who = "公示期至 " + n.window.end.chinese();
      }
      items += "<li><strong>" + kind + "(" + r.date.chinese() + ")</strong>" +
               (who.empty() ? "" : " " + html_escape(who)) + "<br>" + html_escape(r.text) +
               "</li>\n";
    }
    if (items.empty()) return {};
    return "<section class=\"corrections\">\n<h2>更正记录</h2>\n<ul>\n" + items +
           "</ul>\n</section>\n";
  }

  std::string notice(const Notice& n) const {
    const std::string path = paths::notice(n.id);
    std::string body = "<header>\n<h1>" + html_escape(n.title) +
                       (n.demo ? "<span class=\"demo\">示例</span>" : "") +
                       "</h1>\n<p class=\"meta\">" + html_escape(n.issuer) +
                       (n.doc_number.empty() ? "" : " · " + html_escape(n.doc_number)) +
                       "</p>\n</header>\n";
    body += "<section class=\"window\">\n<h2>公示期</h2>\n<p><strong>" + window_text(n) +
            "</strong></p>\n<p>发布时(" + stamp_.today.chinese() + ")" +
            status_text(n, bundle_.calendar, stamp_.today) + "</p>\n</section>\n";
    body += corrections(n);
    if (!n.intro.empty()) body += "<section>\n" + paragraphs(n.intro) + "</section>\n";
    for (const auto c : content::kAllCategories) {
      std::vector<const Applicant*> members;
      for (const auto& a : n.applicants) {
        if (a.category == c) members.push_back(&a);
      }
      if (members.empty()) continue;
      body += "<section id=\"" + std::string(content::category_code(c)) + "\">\n<h2>" +
              std::string(content::category_title(c)) + "<span class=\"count\">" +
              std::to_string(members.size()) + " 个</span></h2>\n<ol class=\"list\">\n";
      for (const Applicant* a : members) {
        body += "<li><a href=\"" + rel(path, paths::applicant(n.id, a->id)) + "\">" +
                html_escape(a->name) + "</a></li>\n";
      }
      body += "</ol>\n</section>\n";
    }
    body += objection();
    return page(path, n.title, body);
  }

  std::string objection() const {
    return "<section class=\"objection\">\n<h2>对公示有异议?</h2>\n"
           "<p>公示期内,对申报单位有异议的,可拨打以下监督及投诉电话反映:</p>\n" +
           hotline_items() + "</section>\n";
  }

  std::string applicant(const Notice& n, const Applicant& a) const {
    const std::string path = paths::applicant(n.id, a.id);
    const content::Form* form = bundle_.document.form_for(a.category);
    std::string body = "<p class=\"crumb\"><a href=\"" + rel(path, paths::notice(n.id)) + "\">" +
                       html_escape(n.title) + "</a></p>\n<header>\n<h1>" + html_escape(a.name) +
                       (n.demo ? "<span class=\"demo\">示例</span>" : "") +
                       "</h1>\n<p class=\"meta\">" +
                       std::string(content::category_title(a.category)) + " · 公示期 " +
                       window_text(n) + "</p>\n</header>\n";
    body += corrections(n, &a);
    body +=
        "<section>\n<h2>" + html_escape(form != nullptr ? form->title : "申报表") + "</h2>\n<dl>\n";
    const auto field = [&](content::FieldKey k, const std::string& label, const std::string& note) {
      const std::string& value = a.field(k);
      body += "<dt>" + html_escape(label) +
              (note.empty() ? "" : "<small>" + html_escape(note) + "</small>") + "</dt>\n<dd>";
      if (value.empty()) {
        body += "<span class=\"none\">(未填写)</span>";
      } else if (k == content::FieldKey::Phone) {
        body += tel_link(value);
      } else if (k == content::FieldKey::Summary || k == content::FieldKey::Basis) {
        body += "\n" + paragraphs(value);
      } else {
        body += html_escape(value);
      }
      body += "</dd>\n";
    };
    if (form != nullptr) {
      for (const auto& f : form->fields) field(f.key, f.label, f.note);
    }
    body += "</dl>\n</section>\n";
    if (form != nullptr && !form->reviews.empty()) {
      body += "<section>\n<h2>审核意见</h2>\n<dl>\n";
      for (const auto& fr : form->reviews) {
        const auto it = std::find_if(a.reviews.begin(), a.reviews.end(),
                                     [&](const content::Review& r) { return r.level == fr.level; });
        body += "<dt>" + html_escape(fr.label) + "</dt>\n<dd>";
        if (it == a.reviews.end() || it->opinion.empty()) {
          body += "<span class=\"none\">尚未审核</span>";
        } else {
          body += "\n" + paragraphs(it->opinion);
          std::string meta;
          if (it->date) meta += it->date->chinese();
          if (it->sealed) meta += std::string(meta.empty() ? "" : " · ") + "已盖章";
          if (!meta.empty()) body += "<p class=\"meta\">" + meta + "</p>\n";
        }
        body += "</dd>\n";
      }
      body += "</dl>\n</section>\n";
    }
    body += objection();
    return page(path, a.name + " - " + n.title, body);
  }

 private:
  const Bundle& bundle_;
  const SiteStamp& stamp_;
};

// Mobile first: one column, large type, long words wrap anywhere so nothing scrolls sideways.
constexpr char kStyle[] = R"(/* 公示 take-home pages: one column, no scripts, no external assets. */
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 18px; line-height: 1.7; color: #1a1a1a; background: #fbfaf7;
  overflow-wrap: anywhere; word-break: break-word; }
nav, main, footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
nav { padding-top: .75rem; padding-bottom: .75rem; border-bottom: 1px solid #ddd; }
a { color: #0b57a4; }
h1 { font-size: 1.5rem; line-height: 1.4; margin: 1rem 0 .5rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-left: 4px solid #b3261e; padding-left: .5rem; }
.meta { color: #555; font-size: .9rem; display: block; }
.demo { display: inline-block; margin-left: .5rem; padding: 0 .4rem; font-size: .8rem;
  color: #fff; background: #b3261e; border-radius: 3px; vertical-align: middle; }
.count { font-weight: normal; font-size: .9rem; color: #555; margin-left: .5rem; }
.list { padding-left: 1.5rem; }
.list li { margin: .4rem 0; }
.list a { display: inline-block; min-height: 44px; line-height: 1.6; padding: .3rem 0; }
.window strong { font-size: 1.1rem; }
.hotlines { list-style: none; padding: 0; }
.hotlines li { border: 1px solid #ddd; border-radius: 6px; padding: .75rem; margin: .5rem 0;
  background: #fff; }
.hotlines .name { display: block; font-weight: bold; }
.tel { display: inline-block; font-size: 1.3rem; padding: .3rem 0; min-height: 44px; }
dl { margin: 0; }
dt { font-weight: bold; margin-top: 1rem; }
dt small { font-weight: normal; color: #555; margin-left: .3rem; }
dd { margin: .25rem 0 0; }
dd p { margin: .25rem 0; }
.none { color: #777; }
.crumb { margin: 1rem 0 0; font-size: .95rem; }
footer { margin-top: 2rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid #ddd;
  color: #555; font-size: .85rem; }
@media (min-width: 48rem) { body { font-size: 17px; } }
)";

}  // namespace

std::map<std::string, std::string> render_site(const content::Bundle& bundle,
                                               const SiteStamp& stamp) {
  std::map<std::string, std::string> out;
  const Writer w(bundle, stamp);
  out[paths::kStyle] = kStyle;
  out[paths::kIndex] = w.index();
  out[paths::kHotlines] = w.hotlines();
  for (const auto& n : bundle.notices) {
    out[paths::notice(n.id)] = w.notice(n);
    for (const auto& a : n.applicants) out[paths::applicant(n.id, a.id)] = w.applicant(n, a);
  }
  return out;
}

Result<SiteWritten> write_site(const std::map<std::string, std::string>& site,
                               const std::filesystem::path& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec))
      return Error{out.string() + ": expected a directory for the site, found a file"};
    for (const auto& e : fs::directory_iterator(out, ec)) {
      if (e.path().filename() != "site") {
        return Error{out.string() +
                     ": expected an empty directory or an earlier site (only site/), found " +
                     e.path().filename().string()};
      }
    }
    fs::remove_all(out / "site", ec);
    if (ec)
      return Error{(out / "site").string() + ": cannot remove the earlier site: " + ec.message()};
  }
  SiteWritten written;
  for (const auto& [path, bytes] : site) {
    const fs::path file = out / path;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return Error{file.parent_path().string() + ": cannot create: " + ec.message()};
    if (auto w = files::write_atomic(file, bytes); !w)
      return Error{file.string() + ": " + w.error().what};
    ++written.files;
    written.bytes += bytes.size();
  }
  return written;
}

SiteStamp site_stamp_now(const content::Bundle& bundle, CivilDate today) {
  SiteStamp stamp;
  stamp.version = bundle.manifest ? bundle.manifest->version : 0;
  stamp.published_at = site_time_text(static_cast<long long>(std::time(nullptr)));
  stamp.today = today;
  return stamp;
}

std::string site_index_url(const std::string& public_url) {
  return paths::url(public_url, paths::kIndex);
}

std::string site_time_text(long long unix_seconds) {
  // The offices' zone, as manifest.json's issued_at (core/civil_date.hpp format_rfc3339_cst).
  const long long local = unix_seconds + 8 * 3600;
  long long days = local / 86400;
  long long secs = local % 86400;
  if (secs < 0) secs += 86400, days -= 1;
  const CivilDate d = CivilDate::from_days(static_cast<long>(days));
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02lld:%02lld", secs / 3600, secs / 60 % 60);
  return d.chinese() + buf;
}

}  // namespace kiosk::admin
