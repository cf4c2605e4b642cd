// kioskctl import (and its alias import-csv): replace one notice's applicants in DIR/notices.json
// from an .xlsx or CSV sheet, all or nothing; a thin wrapper over admin/import.hpp.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "admin/import.hpp"
#include "content/limits.hpp"
#include "core/files.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {
namespace {

// The wording of one verb: `import` takes any sheet and --sheet; `import-csv` keeps the words
// (and options) it always had.
struct Verb {
  std::string name;   // "import" or "import-csv"
  std::string usage;  // the usage line
  std::string noun;   // "a sheet file" / "a CSV file"
  bool sheet_option;  // --sheet NAME accepted
};

struct ImportArgs {
  std::string file, dir, notice, sheet;
};

// Parses FILE --into DIR --notice ID [--sheet NAME] (options also as --into=DIR); nullopt after
// a usage line.
std::optional<ImportArgs> parse_args(const Verb& verb, const Args& args, std::ostream& err) {
  ImportArgs out;
  bool have_file = false, have_dir = false, have_notice = false, have_sheet = false;
  const std::string me = "kioskctl " + verb.name + ": ";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto option = [&](std::string_view name, std::string& value, bool& have) -> int {
      if (a == name) {
        if (i + 1 >= args.size()) {
          err << me << "expected a value after " << name << ", found none\n";
          return -1;
        }
        value = args[++i];
      } else if (a.starts_with(std::string(name) + "=")) {
        value = a.substr(name.size() + 1);
      } else {
        return 0;
      }
      if (have) {
        err << me << "expected " << name << " once, found it again\n";
        return -1;
      }
      have = true;
      return 1;
    };
    int r = option("--into", out.dir, have_dir);
    if (r == 0) r = option("--notice", out.notice, have_notice);
    if (r == 0 && verb.sheet_option) r = option("--sheet", out.sheet, have_sheet);
    if (r < 0) return std::nullopt;
    if (r > 0) continue;
    if (a.starts_with("-") && a != "-") {
      err << me << "expected "
          << (verb.sheet_option ? "--into, --notice or --sheet" : "--into or --notice")
          << ", found the option " << a << "\n";
      return std::nullopt;
    }
    if (have_file) {
      err << me << "expected one " << verb.noun.substr(2) << ", found " << out.file << " and " << a
          << "\n";
      return std::nullopt;
    }
    out.file = a;
    have_file = true;
  }
  const std::string missing = !have_file     ? verb.noun
                              : !have_dir    ? "--into DIR"
                              : !have_notice ? "--notice ID"
                                             : "";
  if (!missing.empty()) {
    err << me << "expected " << missing << ", found none (usage: " << verb.usage << ")\n";
    return std::nullopt;
  }
  if (out.dir.empty() || out.notice.empty() || (have_sheet && out.sheet.empty())) {
    err << me << "expected a non-empty "
        << (out.dir.empty()      ? "--into"
            : out.notice.empty() ? "--notice"
                                 : "--sheet")
        << " value, found \"\"\n";
    return std::nullopt;
  }
  return out;
}

int run_import(const Verb& verb, const Args& args, std::ostream& out, std::ostream& err) {
  const auto parsed = parse_args(verb, args, err);
  if (!parsed) return 2;
  const ImportArgs& opt = *parsed;

  const auto file = files::read(opt.file, content::limits::kMaxFileBytes);
  std::optional<std::string_view> bytes;
  if (file) bytes = *file;
  const auto r = admin::import_applicants(opt.dir, opt.notice, bytes, opt.file, opt.sheet);
  if (!file || !r.ok()) {
    if (!file) err << opt.file << ": " << file.error().what << "\n";
    for (const auto& p : r.problems) err << p.line() << "\n";
    return 1;
  }
  for (const auto& n : r.notes) out << n << "\n";
  const std::string what =
      r.sheet.format == "xlsx" ? "xlsx, sheet " + r.sheet.sheet : r.sheet.encoding;
  out << "imported " << r.imported << " applicants (" << what << ") into "
      << r.notices_path.string() << ", notice " << opt.notice << (r.changed ? "" : " (unchanged)")
      << "\n";
  if (r.manifest_stale) {
    out << "note: " << (std::filesystem::path(opt.dir) / "manifest.json").string()
        << " no longer matches notices.json and was left as it was; sign the bundle again "
           "(kioskctl sign "
        << opt.dir << " --key PREFIX.key)\n";
  }
  return 0;
}

}  // namespace

int cmd_import(const Args& args, std::ostream& out, std::ostream& err) {
  static const Verb kVerb{"import", "kioskctl import FILE --into DIR --notice ID [--sheet NAME]",
                          "a sheet file (.xlsx or .csv)", true};
  return run_import(kVerb, args, out, err);
}

int cmd_import_csv(const Args& args, std::ostream& out, std::ostream& err) {
  static const Verb kVerb{"import-csv", "kioskctl import-csv FILE.csv --into DIR --notice ID",
                          "a CSV file", false};
  return run_import(kVerb, args, out, err);
}

}  // namespace kiosk::ctl
