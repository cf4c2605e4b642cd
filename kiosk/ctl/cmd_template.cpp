// kioskctl template: write the applicant sheet template (.xlsx) that `kioskctl import` reads.
#include <ostream>
#include <string>

#include "admin/import.hpp"
#include "core/files.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {

int cmd_template(const Args& args, std::ostream& out, std::ostream& err) {
  std::string path;
  bool force = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--out" && i + 1 < args.size() && path.empty()) {
      path = args[++i];
    } else if (args[i].starts_with("--out=") && path.empty()) {
      path = args[i].substr(6);
    } else if (args[i] == "--force") {
      force = true;
    } else {
      err << "kioskctl template: expected --out FILE.xlsx [--force], found " << args[i] << "\n";
      return 2;
    }
  }
  if (path.empty()) {
    err << "kioskctl template: expected --out FILE.xlsx, found none (usage: kioskctl template "
           "--out FILE.xlsx [--force])\n";
    return 2;
  }
  std::error_code ec;
  if (!force && std::filesystem::exists(path, ec)) {
    err << path << ": expected a new file, found one already there (--force replaces it)\n";
    return 1;
  }
  const auto bytes = admin::applicant_template();
  if (!bytes) {
    err << bytes.error().what << "\n";
    return 1;
  }
  if (const auto written = files::write_atomic(path, *bytes, 0644); !written) {
    err << path << ": " << written.error().what << "\n";
    return 1;
  }
  out << "wrote the applicant template " << path << " (" << bytes->size() << " bytes)\n";
  return 0;
}

}  // namespace kiosk::ctl
