// kioskctl import-csv: replace one notice's applicants in DIR/notices.json from a CSV, all or
// nothing.
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "content/bundle_files.hpp"
#include "content/csv_import.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "content/serialize.hpp"
#include "core/files.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {
namespace {

constexpr const char* kUsage = "kioskctl import-csv FILE.csv --into DIR --notice ID";

struct ImportArgs {
  std::string csv, dir, notice;
};

// Parses FILE.csv --into DIR --notice ID (options also as --into=DIR); nullopt after a usage line.
std::optional<ImportArgs> parse_args(const Args& args, std::ostream& err) {
  ImportArgs out;
  bool have_csv = false, have_dir = false, have_notice = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto option = [&](std::string_view name, std::string& value, bool& have) -> int {
      if (a == name) {
        if (i + 1 >= args.size()) {
          err << "kioskctl import-csv: expected a value after " << name << ", found none\n";
          return -1;
        }
        value = args[++i];
      } else if (a.starts_with(std::string(name) + "=")) {
        value = a.substr(name.size() + 1);
      } else {
        return 0;
      }
      if (have) {
        err << "kioskctl import-csv: expected " << name << " once, found it again\n";
        return -1;
      }
      have = true;
      return 1;
    };
    int r = option("--into", out.dir, have_dir);
    if (r == 0) r = option("--notice", out.notice, have_notice);
    if (r < 0) return std::nullopt;
    if (r > 0) continue;
    if (a.starts_with("-") && a != "-") {
      err << "kioskctl import-csv: expected --into or --notice, found the option " << a << "\n";
      return std::nullopt;
    }
    if (have_csv) {
      err << "kioskctl import-csv: expected one CSV file, found " << out.csv << " and " << a
          << "\n";
      return std::nullopt;
    }
    out.csv = a;
    have_csv = true;
  }
  const char* missing = !have_csv      ? "a CSV file"
                        : !have_dir    ? "--into DIR"
                        : !have_notice ? "--notice ID"
                                       : nullptr;
  if (missing != nullptr) {
    err << "kioskctl import-csv: expected " << missing << ", found none (usage: " << kUsage
        << ")\n";
    return std::nullopt;
  }
  if (out.dir.empty() || out.notice.empty()) {
    err << "kioskctl import-csv: expected a non-empty " << (out.dir.empty() ? "--into" : "--notice")
        << " value, found \"\"\n";
    return std::nullopt;
  }
  return out;
}

// The applicants' reviews in the notice as it is now, by applicant id.
std::map<std::string, const content::Applicant*> existing_applicants(
    const content::Notice& notice) {
  std::map<std::string, const content::Applicant*> out;
  for (const auto& a : notice.applicants) out[a.id] = &a;
  return out;
}

}  // namespace

int cmd_import_csv(const Args& args, std::ostream& out, std::ostream& err) {
  const auto parsed = parse_args(args, err);
  if (!parsed) return 2;
  const ImportArgs& opt = *parsed;
  const std::filesystem::path dir(opt.dir);
  const std::filesystem::path notices_path = dir / content::bundle_files::kNotices;

  Problems problems;
  // Every input first; nothing is written until all of it is checked.
  const auto csv = files::read(opt.csv, content::limits::kMaxFileBytes);
  if (!csv) problems.push_back({opt.csv, "", csv.error().what});
  std::map<std::string, std::string> bundle_files;
  for (const char* name : content::bundle_files::kContentFiles) {
    auto r = files::read(dir / name, content::limits::kMaxFileBytes);
    if (!r) {
      problems.push_back({(dir / name).string(), "", r.error().what});
    } else {
      bundle_files[name] = std::move(*r);
    }
  }
  std::error_code ec;
  const bool has_manifest = std::filesystem::exists(dir / content::bundle_files::kManifest, ec);

  // The notice as it is now: it must exist, and its applicants' reviews are kept.
  std::optional<content::Notice> notice;
  if (bundle_files.contains(content::bundle_files::kNotices)) {
    if (auto notices =
            content::parse_notices(bundle_files[content::bundle_files::kNotices], problems)) {
      for (auto& n : *notices) {
        if (n.id == opt.notice) notice = std::move(n);
      }
      if (!notice) {
        std::string ids;
        for (const auto& n : *notices) ids += (ids.empty() ? "" : ", ") + n.id;
        problems.push_back({notices_path.string(), "notices",
                            "expected a notice with id " + quote_found(opt.notice) +
                                " (the file has " + (ids.empty() ? std::string("none") : ids) +
                                "), found none"});
      }
    }
  }

  content::CsvImport imported;
  if (csv) {
    imported = content::import_applicants_csv(*csv, opt.csv);
    problems.insert(problems.end(), imported.problems.begin(), imported.problems.end());
  }
  if (!problems.empty()) {
    for (const auto& p : problems) err << p.line() << "\n";
    return 1;
  }

  // Keep the reviews of an applicant re-imported under the same id and 类别.
  const auto before = existing_applicants(*notice);
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < imported.applicants.size(); ++i) {
    auto& a = imported.applicants[i];
    const auto it = before.find(a.id);
    if (it == before.end()) continue;
    if (it->second->category == a.category) {
      a.reviews = it->second->reviews;
    } else if (!it->second->reviews.empty()) {
      notes.push_back("note: " + opt.csv + ": row " + std::to_string(imported.rows[i]) + ": " +
                      a.id + " changed 类别 from " +
                      std::string(content::category_short(it->second->category)) + " to " +
                      std::string(content::category_short(a.category)) + "; its " +
                      std::to_string(it->second->reviews.size()) + " reviews were not kept");
    }
  }

  const std::string old_bytes = bundle_files[content::bundle_files::kNotices];
  const auto new_bytes =
      content::replace_applicants(old_bytes, opt.notice, imported.applicants, problems);
  if (new_bytes) {
    // Validate the bundle as the kiosk would load it, with the new notices.json. A manifest would
    // no longer match, so it is left out (and left alone on disk).
    bundle_files[content::bundle_files::kNotices] = *new_bytes;
    const auto loaded = content::load_bundle(bundle_files);
    problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
  }
  if (!problems.empty()) {
    for (const auto& p : problems) err << p.line() << "\n";
    return 1;
  }

  const bool changed = *new_bytes != old_bytes;
  if (changed) {
    struct stat st {};
    const unsigned mode = ::stat(notices_path.c_str(), &st) == 0 ? (st.st_mode & 0777u) : 0644u;
    if (const auto written = files::write_atomic(notices_path, *new_bytes, mode); !written) {
      err << notices_path.string() << ": " << written.error().what << "\n";
      return 1;
    }
  }
  for (const auto& n : notes) out << n << "\n";
  out << "imported " << imported.applicants.size() << " applicants (" << imported.encoding
      << ") into " << notices_path.string() << ", notice " << opt.notice
      << (changed ? "" : " (unchanged)") << "\n";
  if (changed && has_manifest) {
    out << "note: " << (dir / content::bundle_files::kManifest).string()
        << " no longer matches notices.json and was left as it was; sign the bundle again "
           "(kioskctl sign "
        << opt.dir << " --key PREFIX.key)\n";
  }
  return 0;
}

}  // namespace kiosk::ctl
