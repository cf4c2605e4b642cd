// kioskctl verify-log: checks a kiosk's display log (FLEET.md) under its enrolled public key and
// names the first record that is missing, altered, reordered, duplicated, truncated or unsigned.
#include <filesystem>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

#include "admin/fleet.hpp"
#include "admin/publish.hpp"
#include "core/files.hpp"
#include "ctl/commands.hpp"
#include "fleet/display_log.hpp"

namespace kiosk::ctl {

int cmd_verify_log(const Args& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> positional;
  std::string key_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--key") {
      if (i + 1 >= args.size()) {
        err << "kioskctl verify-log: --key expects KIOSK.pub (kioskctl verify-log --help)\n";
        return 2;
      }
      key_file = args[++i];
      continue;
    }
    if (a.rfind("--", 0) == 0) {
      err << "kioskctl verify-log: unknown option " << a << " (kioskctl verify-log --help)\n";
      return 2;
    }
    positional.push_back(a);
  }
  if (positional.size() != 1) {
    err << "kioskctl verify-log: expected one log file or state directory, found "
        << positional.size() << " arguments\n";
    return 2;
  }
  if (key_file.empty()) {
    err << "kioskctl verify-log: expected --key KIOSK.pub (the kiosk's enrolled public key, as "
           "kiosk --identity printed it)\n";
    return 2;
  }
  const auto keys = admin::read_public_keys({key_file});
  if (!keys) {
    err << keys.error().what << "\n";
    return 2;
  }
  // A state directory holds the log under its fixed name; a URL is a kiosk's report directory
  // (report.url + KIOSK_ID + "/": its log/index.json and segments, admin/fleet.hpp); anything
  // else is the log itself.
  std::filesystem::path file = positional[0];
  Result<std::string> text = Error{""};
  if (const std::string& a = positional[0];
      a.rfind("http://", 0) == 0 || a.rfind("https://", 0) == 0 || a.rfind("s3://", 0) == 0) {
    std::string base = a;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string id = base.substr(base.rfind('/') + 1);
    base.resize(base.size() - id.size());
    auto reader = admin::ReportReader::open({base, std::nullopt, ""});
    if (!reader) {
      err << "kioskctl verify-log: " << reader.error().what << "\n";
      return 2;
    }
    file = reader->url_of(id, "log/");
    text = reader->display_log(id);
    if (!text) {
      err << text.error().what << "\n";
      return 1;
    }
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) file /= std::string(fleet::kLogFile);
    text = files::read(file, 4 * fleet::kMaxLogBytes);
  }
  if (!text) {
    err << file.string() << ": " << text.error().what << "\n";
    return 1;
  }
  const auto records = fleet::verify_log(*text, keys->front());
  if (!records) {
    err << file.string() << ": " << records.error().what << "\n";
    return 1;
  }
  if (records->empty()) {
    out << file.string() << ": verified: no records yet\n";
    return 0;
  }
  const auto& first = records->front();
  const auto& last = records->back();
  out << file.string() << ": verified: " << records->size() << " records, seq " << first.seq << "–"
      << last.seq << ", " << first.time << " – " << last.time
      << (first.seq > 1 ? " (records 1–" + std::to_string(first.seq - 1) +
                              " pruned, anchored by a signed prune record)"
                        : std::string())
      << "; head " << last.body_sha256 << "\n";
  return 0;
}

}  // namespace kiosk::ctl
