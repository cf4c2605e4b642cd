// The working copy: read, validated (without its manifest), summarised, and written back only when
// the result is acceptable.
#include "admin/working_copy.hpp"

#include <ctime>
#include <future>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "admin/trust_tools.hpp"
#include "content/bundle_files.hpp"
#include "content/bundle_strings.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "render/font_library.hpp"
#include "render/undrawable.hpp"
#include "trust/root.hpp"
#include "ui/model.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;

namespace {

WorkingCopy check(fs::path dir, std::map<std::string, std::string> files, Problems read_problems) {
  WorkingCopy copy;
  copy.dir = std::move(dir);
  copy.files = std::move(files);
  auto loaded = content::load_bundle(copy.files);
  copy.problems = std::move(read_problems);
  std::set<std::string> unreadable;
  for (const auto& p : copy.problems) unreadable.insert(p.file);
  for (auto& p : loaded.problems) {
    if (!unreadable.contains(p.file)) copy.problems.push_back(std::move(p));
  }
  if (copy.problems.empty()) copy.bundle = std::move(loaded.bundle);
  return copy;
}

}  // namespace

void read_bundle_files(const fs::path& dir, std::map<std::string, std::string>& files,
                       Problems& problems, bool missing_content_is_a_problem) {
  const auto read = [&](const std::string& name, bool required = true) {
    std::error_code ec;
    if (!(required && missing_content_is_a_problem) && !fs::exists(dir / name, ec)) return;
    auto r = files::read(dir / name, content::limits::kMaxFileBytes);
    if (!r) {
      problems.push_back({name, "", r.error().what});
      return;
    }
    files[name] = std::move(*r);
  };
  for (const char* name : content::bundle_files::kContentFiles) read(name);
  for (const char* name : content::bundle_files::kOptionalContentFiles) read(name, false);
  std::error_code ec;
  if (fs::is_directory(dir / "assets", ec)) {
    for (auto it = fs::recursive_directory_iterator(dir / "assets", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && !it->is_symlink(ec))
        read(fs::relative(it->path(), dir, ec).generic_string());
    }
  }
}

Result<WorkingCopy> load_working_copy(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error{dir.string() + ": expected a bundle directory, found " +
                 (fs::exists(dir, ec) ? "something else" : "nothing")};
  }
  std::map<std::string, std::string> files;
  Problems problems;
  read_bundle_files(dir, files, problems, false);
  return check(dir, std::move(files), std::move(problems));
}

std::string field_of(std::string_view where) {
  const std::string_view original = where;
  // Drop trailing [n] indices, then take what follows the last '.' outside quotes.
  while (!where.empty() && where.back() == ']') {
    const auto open = where.rfind('[');
    if (open == std::string_view::npos) break;
    where = where.substr(0, open);
  }
  const bool indexed = where.size() != original.size();
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < where.size(); ++i) {
    if (where[i] == '"') quoted = !quoted;
    if (where[i] == '.' && !quoted) start = i + 1;
  }
  std::string_view field = where.substr(start);
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
    field = field.substr(1, field.size() - 2);
  // "notices" of "notices[2]" names the list, not a field of the item.
  if (start == 0 && indexed) return "";
  return std::string(field);
}

std::optional<WorkingCopy> save_working_copy(const WorkingCopy& copy,
                                             const std::map<std::string, std::string>& changed,
                                             Problems& problems) {
  auto files = copy.files;
  for (const auto& [name, bytes] : changed) files[name] = bytes;
  WorkingCopy after = check(copy.dir, std::move(files), {});
  std::set<std::string> before;
  for (const auto& p : copy.problems) before.insert(p.line());
  const std::size_t count = problems.size();
  for (const auto& p : after.problems) {
    if (!before.contains(p.line())) problems.push_back(p);
  }
  if (problems.size() != count) return std::nullopt;
  for (const auto& [name, bytes] : changed) {
    if (auto e = files::write_atomic(copy.dir / name, bytes, 0644); !e) {
      problems.push_back({name, "", e.error().what});
      return std::nullopt;
    }
  }
  auto reloaded = load_working_copy(copy.dir);
  if (!reloaded) {
    problems.push_back({"", "", reloaded.error().what});
    return std::nullopt;
  }
  return std::move(*reloaded);
}

CivilDate office_today(const tz::Clock& clock) { return clock.now().date; }

NoticeState notice_state(const content::Notice& notice, CivilDate today) {
  switch (ui::Model::status(notice, today)) {
    case ui::NoticeStatus::Upcoming:
      return NoticeState::Upcoming;
    case ui::NoticeStatus::Current:
      return NoticeState::Open;
    case ui::NoticeStatus::Ended:
      return NoticeState::Closed;
  }
  return NoticeState::Closed;
}

std::string_view state_code(NoticeState s) {
  switch (s) {
    case NoticeState::Upcoming:
      return "upcoming";
    case NoticeState::Open:
      return "open";
    case NoticeState::Closed:
      return "closed";
  }
  return "closed";
}

std::string_view state_label(NoticeState s) {
  switch (s) {
    case NoticeState::Upcoming:
      return "未开始";
    case NoticeState::Open:
      return "公示中";
    case NoticeState::Closed:
      return "已结束";
  }
  return "已结束";
}

std::optional<ManifestState> manifest_state(const WorkingCopy& copy) {
  const auto read = files::read(copy.dir / content::bundle_files::kManifest, 4ull << 20);
  if (!read) return std::nullopt;
  Problems ignored;
  const auto m = content::parse_manifest(*read, ignored);
  if (!m) return std::nullopt;
  ManifestState s;
  s.version = m->version;
  s.issued_at = m->issued_at;
  s.expires_at = m->expires_at;
  std::error_code ec;
  s.signature_present = fs::is_regular_file(copy.dir / content::bundle_files::kSignature, ec);
  s.matches_files = m->files.size() == copy.files.size();
  for (const auto& [name, entry] : m->files) {
    const auto f = copy.files.find(name);
    if (f == copy.files.end() || f->second.size() != entry.size ||
        crypto::sha256_hex(f->second) != entry.sha256) {
      s.matches_files = false;
      break;
    }
  }
  return s;
}

Overview overview(const WorkingCopy& copy, CivilDate today) {
  Overview o;
  o.dir = copy.dir;
  o.today = today;
  o.problems = copy.problems;
  o.manifest = manifest_state(copy);
  // Each file on its own, so a problem in one file still shows the others.
  std::vector<content::Notice> notices;
  if (copy.bundle) {
    notices = copy.bundle->notices;
    o.hotlines = copy.bundle->hotlines;
  } else {
    Problems ignored;
    std::optional<content::Calendar> calendar = content::Calendar{};
    if (const auto f = copy.files.find(content::bundle_files::kCalendar); f != copy.files.end()) {
      calendar = content::parse_calendar(f->second, ignored);
    }
    if (const auto f = copy.files.find(content::bundle_files::kNotices);
        f != copy.files.end() && calendar) {
      if (auto n = content::parse_notices(f->second, ignored, nullptr, &*calendar)) {
        notices = std::move(*n);
      }
    }
    if (const auto f = copy.files.find(content::bundle_files::kHotlines); f != copy.files.end()) {
      if (auto h = content::parse_hotlines(f->second, ignored)) o.hotlines = std::move(*h);
    }
  }
  for (const auto& n : notices) {
    NoticeSummary s;
    s.id = n.id;
    s.title = n.title;
    s.issuer = n.issuer;
    s.doc_number = n.doc_number;
    s.window = n.window;
    s.state = notice_state(n, today);
    s.applicants = n.applicants.size();
    for (const auto& a : n.applicants) ++s.by_category[static_cast<std::size_t>(a.category)];
    o.notices.push_back(std::move(s));
  }
  return o;
}

ValidateReport validate(const fs::path& dir, const ValidateOptions& options) {
  ValidateReport report;
  // The fonts (fontconfig's start-up: 41 M instructions) and the first look at every character
  // of the JSON files (render::surely_drawable, 70 M for 5,000 applicants) need nothing from the
  // parse: they run on a second thread, the fonts while the files are read, the look while the
  // bundle parses (callgrind: the main thread's share 297 M -> 227 M instructions). The thread
  // reads the files' bytes through views: moving the map into the LoadResult moves no string
  // (std::map hands its nodes over whole), and nothing writes them before the join.
  using Texts = std::vector<std::pair<std::string, std::string_view>>;
  std::optional<render::FontLibrary> fonts;
  std::set<std::string> surely_drawable;  // files all of whose characters the fonts draw
  content::LoadResult result;  // declared before the thread: on any way out it joins first
  std::jthread fonts_thread;
  // Declared after the thread: on a way out before the files are read, the promise goes first
  // and the thread, told so, ends before it is joined.
  std::promise<Texts> texts_read;
  fonts_thread = std::jthread(
      [&fonts, &options, &surely_drawable, texts_future = texts_read.get_future()]() mutable {
        fonts.emplace(options.font_families);
        Texts texts;
        try {
          texts = texts_future.get();
        } catch (const std::future_error&) {
          return;  // the files were never read (the promise went with an exception)
        }
        if (!fonts->usable()) return;
        for (const auto& [name, bytes] : texts) {
          if (render::surely_drawable(bytes, *fonts)) surely_drawable.insert(name);
        }
      });
  // The folder as it is, checked at once: its large files are read through a mapping.
  content::LoadOptions load_options;
  load_options.map_large_files = true;
  content::BundleFiles read = content::read_bundle_files(dir, load_options);
  {
    Texts texts;
    for (const auto& [name, bytes] : read.files) {
      if (name != content::bundle_files::kManifest && name.ends_with(".json"))
        texts.emplace_back(name, bytes);  // the files bundle_strings walks
    }
    texts_read.set_value(std::move(texts));
  }
  result = content::load_bundle(std::move(read));
  // manifest.sig, when present (or required by keys given), over the exact manifest bytes: the
  // threshold of DIR's newest root (TRUST.md) when DIR has root/, else one of the keys given.
  const std::optional<trust::Root> config_root =
      options.config_root ? options.config_root
      : options.keys_given
          ? std::optional<trust::Root>(trust::root_from_config(options.trusted_keys, 1))
          : std::nullopt;
  auto roots = read_roots(dir);
  if (!roots) {
    result.problems.push_back({"", "", roots.error().what});
  } else {
    check_root_chain(*roots, config_root, result.problems);
  }
  if (const auto sig =
          files::read(fs::path(dir) / content::bundle_files::kSignature, trust::kMaxSignatureBytes);
      sig) {
    const auto manifest = result.raw.find(content::bundle_files::kManifest);
    std::string why;
    if (manifest == result.raw.end()) {
      why = "expected the manifest.json it signs, found none";
    } else if (roots && roots->newest) {
      // "signatures: 2 of 2 (root version 3)", or what is missing as the problem.
      const auto status = signature_status(dir, options.trusted_keys);
      if (!status) {
        why = status.error().what;
      } else if (!status->met()) {
        why = status->line();
      } else {
        report.signature_note = ", " + status->line();
      }
    } else if (auto checked = trust::check_threshold(
                   manifest->second, *sig,
                   config_root ? *config_root : trust::root_from_config(options.trusted_keys, 1));
               !checked) {
      why = checked.error().what;
    } else {
      report.signature_note = ", signature verified";
    }
    if (!options.keys_given && why.rfind("no trusted keys", 0) == 0) {
      report.signature_note = ", signature not checked (give --key PREFIX.pub or --config FILE)";
    } else if (!why.empty()) {
      result.problems.push_back({content::bundle_files::kSignature, "", why});
    }
  } else if (options.keys_given) {
    result.problems.push_back(
        {content::bundle_files::kSignature, "", "expected a signature, found none"});
  }
  // Characters no configured font has would show as □ on every kiosk (render/undrawable.hpp).
  fonts_thread.join();
  if (result.bundle) {
    if (fonts->usable()) {
      const auto skip = [&surely_drawable](const std::string& name, std::string_view) {
        return surely_drawable.contains(name);
      };
      const auto undrawable =
          render::undrawable_characters(content::bundle_strings(result.raw, skip), *fonts);
      result.problems.insert(result.problems.end(), undrawable.begin(), undrawable.end());
    } else {
      report.fonts_missing = true;
    }
  }
  report.problems = std::move(result.problems);
  report.bundle = std::move(result.bundle);
  return report;
}

std::string window_line(const content::Notice& notice) {
  const content::NoticeWindow& w = notice.window;
  const std::string count = w.in_working_days()
                                ? std::to_string(w.working_days) + " 个工作日"
                                : std::to_string(w.end.days() - w.start.days() + 1) + " 天";
  return "notice " + notice.id + ": 公示期 " + w.start.iso() + " 至 " + w.end.iso() + " (" + count +
         ")";
}

}  // namespace kiosk::admin
