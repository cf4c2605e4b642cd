// Previews drawn by the kiosk's own renderer: one screen as PNG bytes (the console), the screen
// names of a bundle, and the gallery of every screen, category list, standard and applicant (up
// to a cap) with an index.html to scroll through them (kioskctl preview).
#include "admin/preview.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <fstream>
#include <sstream>
#include <thread>

#include "admin/html.hpp"
#include "config/config.hpp"
#include "content/bundle_strings.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "render/font_library.hpp"
#include "render/png.hpp"
#include "render/undrawable.hpp"
#include "screenshot/resources.hpp"
#include "screenshot/screenshot.hpp"
#include "ui/model.hpp"
#include "ui/reducer.hpp"
#include "ui/views.hpp"

namespace kiosk::admin {
namespace {

namespace fs = std::filesystem;

constexpr const char* kGeneratorMarker = "<meta name=\"generator\" content=\"kioskctl preview\">";

// The most applicant pages a gallery can be asked for: every applicant of the largest bundle.
constexpr std::size_t kMostApplicants =
    content::limits::kMaxNotices * content::limits::kMaxApplicantsPerNotice;
// Applicants listed per HTML page: index.html holds the first ones, applicants-2.html … the rest,
// so the gallery lists every applicant (drawn or not) without one page of 5,000 entries.
constexpr std::size_t kApplicantsPerPage = 200;

// "applicants-3.html"; page 1 is index.html.
std::string page_file(std::size_t page) {
  return page <= 1 ? "index.html" : "applicants-" + std::to_string(page) + ".html";
}

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

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// Every PNG the bundle has on `date`, in index order. Applicants and lists of notices the kiosk
// does not list on that date (upcoming ones) are left out and counted in `hidden_applicants`.
std::vector<Item> plan(const ui::Model& model, CivilDate date, std::size_t& hidden_applicants) {
  std::vector<Item> items;
  const auto named = [&](const std::string& name) {
    return ui::route_from_name(name, model, date);
  };
  int number = 0;
  for (const char* name : {"attract", "home", "notices", "standards", "hotlines", "steps",
                           "document", "diagnostics", "dimmed", "archive"}) {
    ++number;
    const auto route = named(name);
    if (!route) continue;  // a screen this build does not have
    items.push_back({two_digits(number) + "-" + name + ".png", name, "", "屏幕",
                     ui::screen_title(route->screen) + " (" + name + ")", *route});
  }
  const auto listed = model.listed_notices(date);
  for (const std::size_t n : listed) {
    const content::Notice& notice = model.notices()[n];
    for (const auto c : content::kAllCategories) {
      const std::string code(content::category_code(c));
      auto route = named("notices:" + code);
      if (!route) continue;
      route->notice_id = notice.id;
      items.push_back({"notices-" + notice.id + "-" + code + ".png",
                       "notices:" + notice.id + "/" + code, "notices:" + code, "公示名单",
                       notice.title + " · " + std::string(content::category_short(c)) + " (" +
                           std::to_string(model.members(n, c).size()) + ")",
                       *route});
    }
  }
  // Each notice's own page (公示详情: dates, corrections, result), current or under 往期公示.
  std::vector<std::size_t> pages = listed;
  const auto archived = model.archived_notices(date);
  pages.insert(pages.end(), archived.begin(), archived.end());
  for (const std::size_t n : pages) {
    const content::Notice& notice = model.notices()[n];
    const auto route = named("notice:" + notice.id);
    if (!route) continue;
    const bool old = std::find(archived.begin(), archived.end(), n) != archived.end();
    items.push_back({"notice-" + notice.id + ".png", "notice:" + notice.id, "", "公示详情",
                     notice.title + (old ? " · 往期公示" : ""), *route});
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
void entry(std::ostringstream& html, const Item& item, bool drawn, const GalleryOptions& o, int w,
           int h) {
  if (drawn) {
    html << "<figure><figcaption><a href=\"" << html_escape(item.file) << "\">"
         << html_escape(item.file) << "</a> " << html_escape(item.caption)
         << "</figcaption><img src=\"" << html_escape(item.file) << "\" width=\"" << w
         << "\" height=\"" << h << "\" loading=\"lazy\" alt=\"" << html_escape(item.caption)
         << "\"></figure>\n";
  } else {
    html << "<p>" << html_escape(item.caption) << " · 未绘制:<code>kioskctl preview "
         << html_escape(o.dir.string()) << " --out 另一目录 --only " << html_escape(item.name)
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
                 const GalleryOptions& o, const std::string& when, int w, int h,
                 std::size_t hidden_applicants, std::size_t capped_applicants, std::string& error) {
  const std::size_t pages =
      std::max<std::size_t>(1, (applicants.size() + kApplicantsPerPage - 1) / kApplicantsPerPage);
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
       << kGeneratorMarker << "\n"
       << "<title>预览 " << html_escape(o.dir.string()) << "</title>\n"
       << kStyle << "</head>\n<body>\n"
       << "<h1>内容预览:" << html_escape(o.dir.string()) << "</h1>\n<p>" << items.size()
       << " 个画面," << w << "×" << h << (o.large_text ? ",适老模式" : "") << ",日期 " << when
       << "。"
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
           << kGeneratorMarker << "\n<title>预览 " << html_escape(o.dir.string())
           << " · 申报单位 第 " << page << " 页</title>\n"
           << kStyle
           << "</head>\n<body>\n<p><a href=\"index.html\">内容预览:" << html_escape(o.dir.string())
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

// The diagnostics (维护) screen's fields for a preview of `bundle`.
void describe(const content::Bundle& bundle, const PreviewSetup& setup, render::FontLibrary& fonts,
              ui::Diagnostics& d) {
  screenshot::describe_content(bundle, false, d);
  d.server = setup.server_url;
  d.sync_state = "预览";
  for (const auto& f : fonts.faces()) {
    d.fonts += (d.fonts.empty() ? "" : ";") + f.family + " (" + f.file + " #" +
               std::to_string(f.index) + ")";
  }
}

const char* const kNoFonts =
    "none of the configured font families is installed (fonts.families); install fonts-noto-cjk";

}  // namespace

std::optional<PreviewSetup> preview_setup(const std::string& config_path, Problems& problems) {
  config::Config cfg;
  std::string path = config_path;
  std::error_code ec;
  if (path.empty() && fs::exists(config::kDefaultPath, ec)) path = config::kDefaultPath;
  if (!path.empty()) {
    auto loaded = config::load(path, problems);
    if (!loaded) return std::nullopt;
    cfg = std::move(*loaded);
  }
  PreviewSetup s;
  s.office_name = cfg.office_name;
  s.font_families = cfg.fonts.families;
  s.width = cfg.display.width;
  s.height = cfg.display.height;
  s.portrait = cfg.display.orientation == config::Orientation::Portrait;
  if (s.portrait && s.width > s.height) std::swap(s.width, s.height);
  // Landscape is the wider side first; the display's own orientation is kept in `portrait`.
  if (s.width < s.height) std::swap(s.width, s.height);
  s.server_url = cfg.content.server_url;
  if (auto zone = tz::Zone::locate(cfg.timezone)) s.zone = std::move(*zone);
  return s;
}

struct Previewer::Impl {
  render::FontLibrary fonts;
  ui::FontRoles roles;
  explicit Impl(const PreviewSetup& s) : fonts(s.font_families), roles(screenshot::load_roles()) {}
};

Previewer::Previewer(PreviewSetup setup)
    : setup_(std::move(setup)), impl_(std::make_unique<Impl>(setup_)) {}
Previewer::~Previewer() = default;

bool Previewer::fonts_usable() const {
  const std::lock_guard lock(mutex_);
  return impl_->fonts.usable();
}

Result<std::string> Previewer::png(const WorkingCopy& copy, const PreviewRequest& request) {
  if (!copy.bundle) {
    return Error{"cannot preview a bundle with problems: " + first_problem_line(copy.problems)};
  }
  const std::lock_guard lock(mutex_);
  if (!impl_->fonts.usable()) return Error{kNoFonts};
  int w = setup_.width, h = setup_.height;
  if (request.orientation == Orientation::Portrait) std::swap(w, h);
  if (request.size) std::tie(w, h) = *request.size;
  if (w < 1 || h < 1 || w > 16384 || h > 16384) {
    return Error{"expected a size of 1–16384 pixels each, found " + std::to_string(w) + "x" +
                 std::to_string(h)};
  }
  const ui::Model model(*copy.bundle, setup_.office_name, 1, screenshot::qr_encoder());
  // The gallery's names first ("notices:NOTICE/CATEGORY" names a notice the kiosk's deep links
  // cannot), then every name the kiosk's --screenshot takes.
  std::optional<ui::Route> route;
  std::size_t hidden = 0;
  for (const Item& item : plan(model, request.date, hidden)) {
    if (item.name == request.screen) {
      route = item.route;
      break;
    }
  }
  if (!route) route = ui::route_from_name(request.screen, model, request.date);
  if (!route) {
    return Error{"screen " + quote_found(request.screen) +
                 ": expected a screen of this bundle on " + request.date.iso() + " (" +
                 ui::screen_names_help() +
                 "; applicant:NOTICE/ID, notices:NOTICE/CATEGORY), found none"};
  }
  screenshot::ScreenshotRequest r;
  r.width = w;
  r.height = h;
  r.large_text = request.large_text;
  r.date = request.date;
  r.minute_of_day = request.minute_of_day;
  r.zone = setup_.zone;
  describe(model.bundle(), setup_, impl_->fonts, r.diagnostics);
  auto screens = screenshot::ScreenRenderer::create(model, w, h, impl_->fonts, impl_->roles);
  if (!screens) return screens.error();
  (void)screens->draw(*route, r);
  render::XrgbFrame frame;
  screens->target().copy_frame(frame);
  std::string bytes = render::encode_png(frame);
  if (bytes.empty()) return Error{"the image is empty or cannot be compressed"};
  return bytes;
}

std::vector<std::string> screen_names(const WorkingCopy& copy, CivilDate date) {
  std::vector<std::string> names;
  if (!copy.bundle) return names;
  const ui::Model model(*copy.bundle, "", 1);
  std::size_t hidden = 0;
  for (const Item& item : plan(model, date, hidden)) {
    if (!is_applicant(item)) names.push_back(item.name);
  }
  return names;
}

std::size_t most_gallery_applicants() { return kMostApplicants; }

struct Gallery::Impl {
  GalleryOptions o;
  std::unique_ptr<render::FontLibrary> fonts;
  std::unique_ptr<ui::Model> model;
  screenshot::ScreenshotRequest request;
  int w = 0, h = 0;
  std::vector<Item> all;
  std::vector<const Item*> items;
  std::vector<std::pair<const Item*, bool>> listed;
  std::size_t hidden_applicants = 0, capped_applicants = 0;
  std::chrono::steady_clock::time_point started;
  bool prepared = false;
};

Gallery::Gallery(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gallery::~Gallery() = default;

std::unique_ptr<Gallery> Gallery::plan(const GalleryOptions& options, Problems& problems,
                                       Problems& warnings) {
  auto g = std::make_unique<Impl>();
  g->o = options;
  g->started = std::chrono::steady_clock::now();
  const GalleryOptions& o = g->o;
  // Validate first: nothing is written for a bundle the kiosk would refuse.
  content::LoadOptions load_options;  // the folder as it is: large files read mapped
  load_options.map_large_files = true;
  auto loaded = content::load_bundle(o.dir, load_options);
  if (!loaded.bundle) {
    problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
    return nullptr;
  }
  g->fonts = std::make_unique<render::FontLibrary>(o.setup.font_families);
  if (!g->fonts->usable()) {
    problems.push_back({"", "", kNoFonts});
    return nullptr;
  }
  auto& fonts = *g->fonts;
  const auto skip = [&fonts](const std::string&, std::string_view bytes) {
    return render::surely_drawable(bytes, fonts);
  };
  for (auto& p : render::undrawable_characters(content::bundle_strings(loaded.raw, skip), fonts))
    warnings.push_back(std::move(p));

  g->w = o.setup.width;
  g->h = o.setup.height;
  if (o.setup.portrait && g->w > g->h) std::swap(g->w, g->h);
  if (o.size) std::tie(g->w, g->h) = *o.size;
  auto& request = g->request;
  request.width = g->w;
  request.height = g->h;
  request.large_text = o.large_text;
  if (o.at) {
    request.date = *o.at;
    request.minute_of_day = 9 * 60 + 30;
  } else {
    const tz::OfficeTime now = tz::Clock(o.setup.zone).now();
    request.date = now.date;
    request.minute_of_day = now.minute_of_day;
  }
  request.zone = o.setup.zone;
  describe(*loaded.bundle, o.setup, fonts, request.diagnostics);

  g->model = std::make_unique<ui::Model>(std::move(*loaded.bundle), o.setup.office_name, 1,
                                         screenshot::qr_encoder());
  g->all = admin::plan(*g->model, request.date, g->hidden_applicants);
  for (const Item& item : g->all) {
    if (o.only.empty() || std::any_of(o.only.begin(), o.only.end(),
                                      [&](const std::string& x) { return matches(item, x); })) {
      g->items.push_back(&item);
    }
  }
  // Every applicant asked for, drawn or not, for the index pages.
  for (const Item* item : g->items) {
    if (is_applicant(*item)) g->listed.emplace_back(item, g->listed.size() < o.max_applicants);
  }
  // The applicant pages past the cap, in index order, are left out (and said so).
  std::size_t applicants = 0;
  g->items.erase(std::remove_if(g->items.begin(), g->items.end(),
                                [&](const Item* item) {
                                  if (!is_applicant(*item) || ++applicants <= o.max_applicants)
                                    return false;
                                  ++g->capped_applicants;
                                  return true;
                                }),
                 g->items.end());
  return std::unique_ptr<Gallery>(new Gallery(std::move(g)));
}

std::vector<std::string> Gallery::only_problems() const {
  std::vector<std::string> out;
  for (const auto& x : impl_->o.only) {
    if (std::none_of(impl_->all.begin(), impl_->all.end(),
                     [&](const Item& item) { return matches(item, x); })) {
      out.push_back("--only " + x + ": expected a screen of this bundle on " +
                    impl_->request.date.iso() + " (" + ui::screen_names_help() +
                    "; applicant:NOTICE/ID, notices:NOTICE/CATEGORY; or applicant, " +
                    "notices, standard for all of them), found none");
    }
  }
  return out;
}

Result<void> Gallery::prepare_output() {
  if (const auto why = prepare_out_dir(impl_->o.out); !why.empty()) return Error{why};
  impl_->prepared = true;
  return {};
}

Result<GalleryReport> Gallery::write() {
  Impl& g = *impl_;
  if (!g.prepared) {
    if (auto r = prepare_output(); !r) return r.error();
  }
  const fs::path out_dir = g.o.out;
  GalleryReport report;
  std::string error;
  const auto drawing_started = std::chrono::steady_clock::now();
  if (auto made = screenshot::ScreenRenderer::create(*g.model, g.w, g.h, *g.fonts,
                                                     screenshot::load_roles());
      !made) {
    error = made.error().what;
  } else {
    auto& screens = *made;
    // Drawing is one thread (SDL's software renderer and the font caches); encoding runs beside it.
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    PngWriters writers(threads);
    for (const Item* item : g.items) {
      if (writers.failed()) break;
      (void)screens.draw(item->route, g.request);
      render::XrgbFrame frame = writers.take();
      screens.target().copy_frame(frame);
      writers.write(std::move(frame), out_dir / item->file);
      const std::string head = item->name.substr(0, item->name.find(':'));
      ++report.counts[item->section == "屏幕" || head == "notice" ? 0
                      : head == "notices"                         ? 1
                      : head == "standard"                        ? 2
                                                                  : 3];
    }
    error = writers.finish();
  }
  if (error.empty()) {
    (void)write_index(out_dir, g.items, g.listed, g.o, g.request.date.iso(), g.w, g.h,
                      g.hidden_applicants, g.capped_applicants, error);
  }
  if (!error.empty()) return Error{error};
  // PNGs/s over drawing, encoding and writing (validation and fonts excluded).
  const auto now = std::chrono::steady_clock::now();
  const double drawing = std::chrono::duration<double>(now - drawing_started).count();
  report.index = out_dir / "index.html";
  report.pngs = g.items.size();
  report.width = g.w;
  report.height = g.h;
  report.date = g.request.date;
  report.hidden_applicants = g.hidden_applicants;
  report.capped_applicants = g.capped_applicants;
  report.seconds = std::chrono::duration<double>(now - g.started).count();
  report.pngs_per_second = drawing > 0 ? static_cast<double>(g.items.size()) / drawing : 0.0;
  return report;
}

}  // namespace kiosk::admin
