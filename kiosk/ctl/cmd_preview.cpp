// kioskctl preview: a PNG of every screen, category list, standard and applicant (up to a cap) of a
// bundle, drawn offscreen by the kiosk's own renderer, plus an index.html to scroll through them
// that lists every applicant, drawn or not, 200 a page.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "config/config.hpp"
#include "content/bundle_strings.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "ctl/commands.hpp"
#include "render/font_library.hpp"
#include "render/png.hpp"
#include "render/undrawable.hpp"
#include "screenshot/resources.hpp"
#include "screenshot/screenshot.hpp"
#include "ui/model.hpp"
#include "ui/reducer.hpp"
#include "ui/views.hpp"

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;

constexpr const char* kGeneratorMarker = "<meta name=\"generator\" content=\"kioskctl preview\">";

// Applicant pages drawn at most unless --max-applicants says otherwise: a bundle may list up to
// 100 notices of 10,000 applicants, about 60 KB of PNG each at 1920x1080 (10,000 were 621 MB).
constexpr std::size_t kDefaultMaxApplicants = 200;
constexpr std::size_t kMostApplicants =
    content::limits::kMaxNotices * content::limits::kMaxApplicantsPerNotice;
// Applicants listed per HTML page: index.html holds the first ones, applicants-2.html … the rest,
// so the gallery lists every applicant (drawn or not) without one page of 5,000 entries.
constexpr std::size_t kApplicantsPerPage = 200;

// "applicants-3.html"; page 1 is index.html.
std::string page_file(std::size_t page) {
  return page <= 1 ? "index.html" : "applicants-" + std::to_string(page) + ".html";
}

struct PreviewOptions {
  std::string dir, out;
  std::optional<std::pair<int, int>> size;
  std::optional<CivilDate> at;
  bool large_text = false;
  std::string config_path;
  std::vector<std::string> only;
  std::size_t max_applicants = kDefaultMaxApplicants;
};

// One PNG to draw.
struct Item {
  std::string file;  // "01-attract.png"
  std::string name;  // its screen name: "attract", "notices:NOTICE/CATEGORY", "applicant:NOTICE/ID"
  std::string
      alias;  // the --screenshot short form when there is one: "applicant:ID", "notices:CATEGORY"
  std::string section;  // index.html heading
  std::string caption;
  ui::Route route;
};

std::optional<std::pair<int, int>> parse_size(const std::string& text) {
  const auto x = text.find('x');
  if (x == std::string::npos || x == 0 || x + 1 >= text.size() || text.size() > 11)
    return std::nullopt;
  int w = 0, h = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == x) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int& v = i < x ? w : h;
    v = v * 10 + (text[i] - '0');
  }
  if (w < 1 || h < 1 || w > 16384 || h > 16384) return std::nullopt;
  return std::pair{w, h};
}

// Returns the exit status for a usage error, or 0 with `o` filled.
int parse_args(const Args& args, PreviewOptions& o, std::ostream& err) {
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--large-text") {
      o.large_text = true;
      continue;
    }
    if (a == "--out" || a == "--size" || a == "--at" || a == "--only" || a == "--config" ||
        a == "--max-applicants") {
      if (i + 1 >= args.size()) {
        err << "kioskctl preview: " << a << " expects a value (kioskctl preview --help)\n";
        return 2;
      }
      const std::string& v = args[++i];
      if (a == "--out") {
        o.out = v;
      } else if (a == "--size") {
        o.size = parse_size(v);
        if (!o.size) {
          err << "kioskctl preview: --size: expected WxH of 1–16384 pixels each (e.g. 1920x1080), "
                 "found \""
              << v << "\"\n";
          return 2;
        }
      } else if (a == "--at") {
        o.at = CivilDate::parse(v);
        if (!o.at) {
          err << "kioskctl preview: --at: expected a date YYYY-MM-DD, found \"" << v << "\"\n";
          return 2;
        }
      } else if (a == "--only") {
        o.only.push_back(v);
      } else if (a == "--max-applicants") {
        std::size_t n = 0;
        bool ok = !v.empty() && v.size() <= 7;
        for (const char c : v) {
          ok = ok && c >= '0' && c <= '9';
          if (ok) n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        if (!ok || n > kMostApplicants) {
          err << "kioskctl preview: --max-applicants: expected a number of applicant pages from 0 "
                 "to "
              << kMostApplicants << ", found \"" << v << "\"\n";
          return 2;
        }
        o.max_applicants = n;
      } else {
        o.config_path = v;
      }
      continue;
    }
    if (a.rfind("--", 0) == 0) {
      err << "kioskctl preview: unknown option " << a << " (kioskctl preview --help)\n";
      return 2;
    }
    positional.push_back(a);
  }
  if (positional.size() != 1) {
    err << "kioskctl preview: expected one bundle directory, found " << positional.size()
        << " arguments\n";
    return 2;
  }
  o.dir = positional[0];
  if (o.out.empty()) {
    err << "kioskctl preview: expected --out OUTDIR\n";
    return 2;
  }
  return 0;
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Every PNG the bundle has on `date`, in index order. Applicants and lists of notices the kiosk
// does not list on that date (upcoming ones) are left out and counted in `hidden_applicants`.
std::vector<Item> plan(const ui::Model& model, CivilDate date, std::size_t& hidden_applicants) {
  std::vector<Item> items;
  const auto named = [&](const std::string& name) {
    return ui::route_from_name(name, model, date);
  };
  int number = 0;
  for (const char* name : {"attract", "home", "notices", "standards", "hotlines", "steps",
                           "document", "diagnostics", "dimmed"}) {
    ++number;
    const auto route = named(name);
    if (!route) continue;  // a screen this build does not have
    items.push_back({two_digits(number) + "-" + name + ".png", name, "", "屏幕",
                     ui::screen_title(route->screen) + " (" + name + ")", *route});
  }
  const auto listed = model.listed_notices(date);
  for (const std::size_t n : listed) {
    const content::Notice& notice = model.notices()[n];
    const std::string ended =
        ui::Model::status(notice, date) == ui::NoticeStatus::Ended ? " · 公示已结束" : "";
    for (const auto c : content::kAllCategories) {
      const std::string code(content::category_code(c));
      auto route = named("notices:" + code);
      if (!route) continue;
      route->notice_id = notice.id;
      items.push_back({"notices-" + notice.id + "-" + code + ".png",
                       "notices:" + notice.id + "/" + code, "notices:" + code, "公示名单",
                       notice.title + ended + " · " + std::string(content::category_short(c)) +
                           " (" + std::to_string(model.members(n, c).size()) + ")",
                       *route});
    }
  }
  for (std::size_t s = 1; s <= model.document().standards.size(); ++s) {
    const auto route = named("standard:" + std::to_string(s));
    if (!route) continue;
    const auto& standard = model.document().standards[s - 1];
    items.push_back({"standard-" + two_digits(static_cast<int>(s)) + ".png",
                     "standard:" + std::to_string(s), "", "创建标准",
                     standard.label + " " + standard.title, *route});
  }
  hidden_applicants = 0;
  for (std::size_t n = 0; n < model.notices().size(); ++n) {
    const content::Notice& notice = model.notices()[n];
    if (std::find(listed.begin(), listed.end(), n) == listed.end()) {
      hidden_applicants += notice.applicants.size();
      continue;
    }
    for (const auto& a : notice.applicants) {
      const auto route = named("applicant:" + notice.id + "/" + a.id);
      if (!route) continue;
      items.push_back(
          {"applicant-" + notice.id + "-" + a.id + ".png", "applicant:" + notice.id + "/" + a.id,
           "applicant:" + a.id, "申报详情 · " + notice.title,
           a.name + " (" + std::string(content::category_short(a.category)) + ", " + a.id + ")",
           *route});
    }
  }
  return items;
}

bool matches(const Item& item, const std::string& only) {
  const std::string head = item.name.substr(0, item.name.find(':'));
  return only == item.name || only == head || (!item.alias.empty() && only == item.alias);
}

// OUTDIR must be new, empty, or a previous preview (whose files are then removed, so the folder
// always holds exactly one run). Returns "" or the one-line reason.
std::string prepare_out_dir(const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out, ec)) {
    fs::create_directories(out, ec);
    return ec ? out.string() + ": cannot create the directory: " + ec.message() : "";
  }
  if (!fs::is_directory(out, ec)) return out.string() + ": expected a directory, found a file";
  std::vector<fs::path> ours;
  bool previous = false;
  for (const auto& entry : fs::directory_iterator(out, ec)) {
    const fs::path& p = entry.path();
    if (p.filename() == "index.html") {
      // files::read_head, not an ifstream: a FIFO here must not hang kioskctl.
      const auto head = files::read_head(p, 4096);
      if (!head) return p.string() + ": " + head.error().what;
      previous = head->find(kGeneratorMarker) != std::string::npos;
    } else if (!entry.is_regular_file() ||
               (p.extension() != ".png" && !(p.extension() == ".html" &&
                                             p.filename().string().rfind("applicants-", 0) == 0))) {
      return out.string() + ": expected an empty directory or an earlier preview, found " +
             p.filename().string();
    }
    ours.push_back(p);
  }
  if (ec) return out.string() + ": cannot list the directory: " + ec.message();
  if (!ours.empty() && !previous) {
    return out.string() +
           ": expected an empty directory or an earlier preview (with its index.html), found other "
           "files";
  }
  for (const auto& p : ours) {
    if (!fs::remove(p, ec) && ec)
      return p.string() + ": cannot remove the earlier preview's file: " + ec.message();
  }
  return "";
}

// Encodes and writes frames on worker threads while the caller draws the next ones. Frames are
// recycled, so memory stays at a few frames whatever the number of PNGs.
class PngWriters {
 public:
  explicit PngWriters(std::size_t threads) : capacity_(threads + 1) {
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~PngWriters() { finish(); }
  PngWriters(const PngWriters&) = delete;
  PngWriters& operator=(const PngWriters&) = delete;

  // A frame to fill (blocks while every frame is queued or being written).
  render::XrgbFrame take() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < capacity_; });
    if (free_.empty()) return {};
    render::XrgbFrame f = std::move(free_.back());
    free_.pop_back();
    return f;
  }
  void write(render::XrgbFrame frame, fs::path path) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < capacity_; });
    queue_.push_back({std::move(frame), std::move(path)});
    changed_.notify_all();
  }
  // Waits for every queued frame; returns the first error ("" when all were written).
  std::string finish() {
    {
      std::unique_lock lock(mutex_);
      done_ = true;
      changed_.notify_all();
    }
    for (auto& t : workers_) {
      if (t.joinable()) t.join();
    }
    std::lock_guard lock(mutex_);
    return error_;
  }
  [[nodiscard]] bool failed() {
    std::lock_guard lock(mutex_);
    return !error_.empty();
  }

 private:
  struct Job {
    render::XrgbFrame frame;
    fs::path path;
  };
  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();
      }
      const Result<void> written =
          error_seen() ? Result<void>() : render::write_png(job.frame, job.path);
      std::lock_guard lock(mutex_);
      if (!written && error_.empty()) error_ = written.error().what;
      free_.push_back(std::move(job.frame));
      changed_.notify_all();
    }
  }
  bool error_seen() {
    std::lock_guard lock(mutex_);
    return !error_.empty();
  }

  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> queue_;
  std::vector<render::XrgbFrame> free_;
  std::vector<std::thread> workers_;
  std::string error_;
  bool done_ = false;
};

bool is_applicant(const Item& item) { return item.name.rfind("applicant:", 0) == 0; }

// One screen or applicant on an index page: its picture when drawn, else how to draw it.
void entry(std::ostringstream& html, const Item& item, bool drawn, const PreviewOptions& o, int w,
           int h) {
  if (drawn) {
    html << "<figure><figcaption><a href=\"" << html_escape(item.file) << "\">"
         << html_escape(item.file) << "</a> " << html_escape(item.caption)
         << "</figcaption><img src=\"" << html_escape(item.file) << "\" width=\"" << w
         << "\" height=\"" << h << "\" loading=\"lazy\" alt=\"" << html_escape(item.caption)
         << "\"></figure>\n";
  } else {
    html << "<p>" << html_escape(item.caption) << " · 未绘制:<code>kioskctl preview "
         << html_escape(o.dir) << " --out 另一目录 --only " << html_escape(item.name)
         << "</code></p>\n";
  }
}

// Links to every applicant page, the current one in bold.
void page_links(std::ostringstream& html, std::size_t page, std::size_t pages) {
  if (pages <= 1) return;
  html << "<nav class=\"pages\">申报单位分页:";
  if (page > 1) html << "<a href=\"" << page_file(page - 1) << "\">上一页</a>";
  for (std::size_t p = 1; p <= pages; ++p) {
    if (p == page) {
      html << "<b>" << p << "</b> ";
    } else {
      html << "<a href=\"" << page_file(p) << "\">" << p << "</a> ";
    }
  }
  if (page < pages) html << "<a href=\"" << page_file(page + 1) << "\">下一页</a>";
  html << "</nav>\n";
}

bool write_html(const fs::path& path, const std::string& text, std::string& error) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) {
    error = path.string() + ": cannot be written";
    return false;
  }
  return true;
}

constexpr const char* kStyle =
    "<style>body{font-family:sans-serif;margin:1em 2em;background:#eee}"
    "figure{margin:0 0 2em}img{max-width:100%;height:auto;border:1px solid #999;background:#fff}"
    "figcaption{font-size:1.1em;margin:.3em 0}nav a{margin-right:1em}</style>\n";

// index.html (the screens, lists and standards, then the first applicants) and one page per
// kApplicantsPerPage more applicants. `applicants` are all of them in index order, drawn or not.
bool write_index(const fs::path& out, const std::vector<const Item*>& items,
                 const std::vector<std::pair<const Item*, bool>>& applicants,
                 const PreviewOptions& o, const std::string& when, int w, int h,
                 std::size_t hidden_applicants, std::size_t capped_applicants, std::string& error) {
  const std::size_t pages =
      std::max<std::size_t>(1, (applicants.size() + kApplicantsPerPage - 1) / kApplicantsPerPage);
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
       << kGeneratorMarker << "\n"
       << "<title>预览 " << html_escape(o.dir) << "</title>\n"
       << kStyle << "</head>\n<body>\n"
       << "<h1>内容预览:" << html_escape(o.dir) << "</h1>\n<p>" << items.size() << " 个画面," << w
       << "×" << h << (o.large_text ? ",适老模式" : "") << ",日期 " << when << "。"
       << "由 kioskctl preview 用触摸屏自己的渲染器绘制。</p>\n";
  if (hidden_applicants > 0) {
    html << "<p>另有 " << hidden_applicants << " 个申报单位属于该日期不显示的公示(尚未开始),未绘制;"
         << "用 --at 选择其公示期内的日期预览。</p>\n";
  }
  if (capped_applicants > 0) {
    html << "<p>另有 " << capped_applicants << " 个申报单位的详情页未绘制(最多绘制 "
         << o.max_applicants << " 个,--max-applicants " << o.max_applicants
         << ");全部绘制用 --max-applicants " << o.max_applicants + capped_applicants
         << ",单个绘制用 --only applicant:编号。</p>\n";
  }
  std::vector<std::string> sections;
  for (const Item* item : items) {
    if (!is_applicant(*item) &&
        std::find(sections.begin(), sections.end(), item->section) == sections.end()) {
      sections.push_back(item->section);
    }
  }
  for (const auto& [item, drawn] : applicants) {
    (void)drawn;
    if (std::find(sections.begin(), sections.end(), item->section) == sections.end())
      sections.push_back(item->section);
  }
  // Applicant sections link to the page where their first applicant is listed.
  const auto section_page = [&](const std::string& section) {
    for (std::size_t i = 0; i < applicants.size(); ++i) {
      if (applicants[i].first->section == section) return i / kApplicantsPerPage + 1;
    }
    return std::size_t{1};
  };
  html << "<nav>";
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const std::size_t page = section_page(sections[i]);
    html << "<a href=\"" << (page > 1 ? page_file(page) : "") << "#s" << i << "\">"
         << html_escape(sections[i]) << "</a>";
  }
  html << "</nav>\n";
  const auto heading = [&](std::ostringstream& page, std::string& current,
                           const std::string& section) {
    if (section == current) return;
    current = section;
    const auto index = std::find(sections.begin(), sections.end(), current) - sections.begin();
    page << "<h2 id=\"s" << index << "\">" << html_escape(current) << "</h2>\n";
  };
  std::string current;
  for (const Item* item : items) {
    if (is_applicant(*item)) continue;
    heading(html, current, item->section);
    entry(html, *item, true, o, w, h);  // a screen: always drawn
  }
  for (std::size_t page = 1; page <= pages; ++page) {
    std::ostringstream other;
    std::ostringstream& text = page == 1 ? html : other;
    if (page > 1) {
      text << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
           << kGeneratorMarker << "\n<title>预览 " << html_escape(o.dir) << " · 申报单位 第 "
           << page << " 页</title>\n"
           << kStyle << "</head>\n<body>\n<p><a href=\"index.html\">内容预览:" << html_escape(o.dir)
           << "</a></p>\n";
      current.clear();
    }
    page_links(text, page, pages);
    const std::size_t first = (page - 1) * kApplicantsPerPage;
    for (std::size_t i = first; i < std::min(applicants.size(), first + kApplicantsPerPage); ++i) {
      heading(text, current, applicants[i].first->section);
      entry(text, *applicants[i].first, applicants[i].second, o, w, h);
    }
    page_links(text, page, pages);
    if (page > 1) {
      text << "</body>\n</html>\n";
      if (!write_html(out / page_file(page), text.str(), error)) return false;
    }
  }
  html << "</body>\n</html>\n";
  return write_html(out / "index.html", html.str(), error);
}

}  // namespace

int cmd_preview(const Args& args, std::ostream& out, std::ostream& err) {
  PreviewOptions o;
  if (const int rc = parse_args(args, o, err); rc != 0) return rc;
  const auto started = std::chrono::steady_clock::now();

  // The configuration the kiosk would use: office name, fonts, display size.
  config::Config cfg;
  std::string config_path = o.config_path;
  std::error_code ec;
  if (config_path.empty() && fs::exists(config::kDefaultPath, ec))
    config_path = config::kDefaultPath;
  if (!config_path.empty()) {
    Problems problems;
    auto loaded = config::load(config_path, problems);
    for (const auto& p : problems) err << p.line() << "\n";
    if (!loaded) return 2;
    cfg = std::move(*loaded);
  }

  // Validate first: nothing is written for a bundle the kiosk would refuse.
  auto loaded = content::load_bundle(o.dir);
  if (!loaded.bundle) {
    for (const auto& p : loaded.problems) err << p.line() << "\n";
    return 1;
  }
  render::FontLibrary fonts(cfg.fonts.families);
  if (!fonts.usable()) {
    err << "kioskctl preview: none of the configured font families is installed (fonts.families); "
           "install "
           "fonts-noto-cjk\n";
    return 1;
  }
  const auto skip = [&fonts](std::string_view bytes) {
    return render::surely_drawable(bytes, fonts);
  };
  for (const auto& p :
       render::undrawable_characters(content::bundle_strings(loaded.raw, skip), fonts)) {
    err << "warning: " << p.line() << " (drawn as □)\n";
  }

  int w = cfg.display.width, h = cfg.display.height;
  if (cfg.display.orientation == config::Orientation::Portrait && w > h) std::swap(w, h);
  if (o.size) std::tie(w, h) = *o.size;
  screenshot::ScreenshotRequest request;
  request.width = w;
  request.height = h;
  request.large_text = o.large_text;
  if (o.at) {
    request.date = *o.at;
    request.minute_of_day = 9 * 60 + 30;
  } else {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    request.date = CivilDate{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
    request.minute_of_day = local.tm_hour * 60 + local.tm_min;
  }
  screenshot::describe_content(*loaded.bundle, false, request.diagnostics);
  request.diagnostics.server = cfg.content.server_url;
  request.diagnostics.sync_state = "预览";
  for (const auto& f : fonts.faces()) {
    request.diagnostics.fonts += (request.diagnostics.fonts.empty() ? "" : ";") + f.family + " (" +
                                 f.file + " #" + std::to_string(f.index) + ")";
  }

  const ui::Model model(std::move(*loaded.bundle), cfg.office_name, 1, screenshot::qr_encoder());
  std::size_t hidden_applicants = 0;
  const std::vector<Item> all = plan(model, request.date, hidden_applicants);
  std::vector<const Item*> items;
  for (const Item& item : all) {
    if (o.only.empty() || std::any_of(o.only.begin(), o.only.end(),
                                      [&](const std::string& x) { return matches(item, x); })) {
      items.push_back(&item);
    }
  }
  // Every applicant asked for, drawn or not, for the index pages.
  std::vector<std::pair<const Item*, bool>> listed;
  for (const Item* item : items) {
    if (is_applicant(*item)) listed.emplace_back(item, listed.size() < o.max_applicants);
  }
  // The applicant pages past the cap, in index order, are left out (and said so).
  std::size_t capped_applicants = 0, applicants = 0;
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const Item* item) {
                               if (!is_applicant(*item) || ++applicants <= o.max_applicants)
                                 return false;
                               ++capped_applicants;
                               return true;
                             }),
              items.end());
  for (const auto& x : o.only) {
    if (std::none_of(all.begin(), all.end(), [&](const Item& item) { return matches(item, x); })) {
      err << "kioskctl preview: --only " << x << ": expected a screen of this bundle on "
          << request.date.iso() << " (" << ui::screen_names_help()
          << "; applicant:NOTICE/ID, notices:NOTICE/CATEGORY; or applicant, "
          << "notices, standard for all of them), found none\n";
      return 2;
    }
  }

  if (const auto why = prepare_out_dir(o.out); !why.empty()) {
    err << why << "\n";
    return 1;
  }
  const fs::path out_dir = o.out;
  std::size_t counts[4] = {0, 0, 0, 0};  // screens, lists, standards, applicants
  std::string error;
  const auto drawing_started = std::chrono::steady_clock::now();
  if (auto made = screenshot::ScreenRenderer::create(model, w, h, fonts, screenshot::load_roles());
      !made) {
    error = made.error().what;
  } else {
    auto& screens = *made;
    // Drawing is one thread (SDL's software renderer and the font caches); encoding runs beside it.
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    PngWriters writers(threads);
    for (const Item* item : items) {
      if (writers.failed()) break;
      (void)screens.draw(item->route, request);
      render::XrgbFrame frame = writers.take();
      screens.target().copy_frame(frame);
      writers.write(std::move(frame), out_dir / item->file);
      const std::string head = item->name.substr(0, item->name.find(':'));
      ++counts[item->section == "屏幕" ? 0 : head == "notices" ? 1 : head == "standard" ? 2 : 3];
    }
    error = writers.finish();
  }
  if (error.empty()) {
    (void)write_index(out_dir, items, listed, o, request.date.iso(), w, h, hidden_applicants,
                      capped_applicants, error);
  }
  if (!error.empty()) {
    err << "kioskctl preview: " << error << "\n";
    return 1;
  }
  // PNGs/s over drawing, encoding and writing (validation and fonts excluded).
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - started).count();
  const double drawing = std::chrono::duration<double>(now - drawing_started).count();
  std::ostringstream rate;
  rate.setf(std::ios::fixed);
  rate.precision(1);
  rate << seconds << " s (" << (drawing > 0 ? static_cast<double>(items.size()) / drawing : 0.0)
       << " PNGs/s)";
  out << (out_dir / "index.html").string() << ": " << items.size() << " PNGs (" << counts[0]
      << " screens, " << counts[1] << " category lists, " << counts[2] << " standards, "
      << counts[3] << " applicants) at " << w << "x" << h << (o.large_text ? " in 适老模式" : "")
      << " for " << request.date.iso() << " in " << rate.str()
      << (hidden_applicants > 0 ? "; " + std::to_string(hidden_applicants) +
                                      " applicants of notices not shown on that date left out"
                                : std::string())
      << (capped_applicants > 0
              ? "; " + std::to_string(capped_applicants) + " applicants over --max-applicants " +
                    std::to_string(o.max_applicants) + " left out"
              : std::string())
      << "\n";
  return 0;
}

}  // namespace kiosk::ctl
