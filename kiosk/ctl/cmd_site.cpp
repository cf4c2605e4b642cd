// kioskctl site: writes the take-home pages of a bundle into a folder to look at before publishing
// (a thin wrapper over admin/site.hpp; publish uploads the same pages when public_url is set).
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "admin/site.hpp"
#include "admin/working_copy.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {

int cmd_site(const Args& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> positional;
  std::string out_dir;
  std::optional<CivilDate> at;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--out" || a == "--at") {
      if (i + 1 >= args.size()) {
        err << "kioskctl site: " << a << " expects a value (kioskctl site --help)\n";
        return 2;
      }
      const std::string& v = args[++i];
      if (a == "--out") {
        out_dir = v;
      } else if (at = CivilDate::parse(v); !at) {
        err << "kioskctl site: --at: expected a date YYYY-MM-DD, found \"" << v << "\"\n";
        return 2;
      }
      continue;
    }
    if (a.rfind("--", 0) == 0) {
      err << "kioskctl site: unknown option " << a << " (kioskctl site --help)\n";
      return 2;
    }
    positional.push_back(a);
  }
  if (positional.size() != 1) {
    err << "kioskctl site: expected one bundle directory, found " << positional.size()
        << " arguments\n";
    return 2;
  }
  if (out_dir.empty()) {
    err << "kioskctl site: expected --out OUTDIR\n";
    return 2;
  }
  auto copy = admin::load_working_copy(positional[0]);
  if (!copy) {
    err << copy.error().what << "\n";
    return 1;
  }
  for (const auto& p : copy->problems) err << p.line() << "\n";
  if (!copy->bundle) return 1;
  const content::Bundle& bundle = *copy->bundle;
  const auto stamp = admin::site_stamp_now(bundle, at.value_or(admin::office_today()));
  const auto written = admin::write_site(admin::render_site(bundle, stamp), out_dir);
  if (!written) {
    err << "kioskctl site: " << written.error().what << "\n";
    return 1;
  }
  out << out_dir << "/site/index.html: " << written->files << " files, " << written->bytes
      << " bytes for " << stamp.today.iso()
      << (bundle.public_url.empty() ? std::string("; no public_url in notices.json, so publish "
                                                  "does not upload them")
                                    : "; publish uploads them under " + bundle.public_url + "site/")
      << "\n";
  return 0;
}

}  // namespace kiosk::ctl
