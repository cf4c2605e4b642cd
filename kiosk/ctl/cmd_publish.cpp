// kioskctl publish: a thin wrapper over admin/publish.hpp (the safe upload order, the record,
// the prune and the history are there): the command line in, the lines it says out.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <variant>

#include "admin/publish.hpp"
#include "core/redact.hpp"
#include "core/result.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {
namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

// The command line, checked.
struct PublishArgs {
  fs::path dir;
  std::string to;
  std::map<std::string, std::string> opt;  // --user, --password-file, --endpoint, --ca-file
  std::vector<std::string> keys;           // --key, repeatable
  std::optional<std::size_t> stop_after;
  bool allow_insecure_auth = false;
};

Result<PublishArgs> parse_args(const Args& args) {
  PublishArgs p;
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    static const std::vector<std::string> kWithValue{
        "--to", "--user", "--password-file", "--endpoint", "--key", "--stop-after", "--ca-file"};
    if (a == "--allow-insecure-auth") {
      p.allow_insecure_auth = true;
    } else if (a.rfind("--", 0) == 0) {
      if (std::find(kWithValue.begin(), kWithValue.end(), a) == kWithValue.end()) {
        return Error{"kioskctl publish: unknown option " + a + " (kioskctl publish --help)"};
      }
      if (i + 1 >= args.size()) return Error{"kioskctl publish: " + a + " expects a value"};
      if (a == "--key")
        p.keys.push_back(args[++i]);
      else
        p.opt[a] = args[++i];
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() != 1 || !p.opt.contains("--to")) {
    return Error{
        "kioskctl publish: expected DIR --to URL [--user U --password-file F] [--endpoint URL] "
        "[--ca-file FILE]"};
  }
  p.dir = positional[0];
  p.to = p.opt["--to"];
  if (p.opt.contains("--stop-after")) {
    const std::string& s = p.opt["--stop-after"];
    if (s.empty() || s.size() > 6 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Error{"kioskctl publish: --stop-after: expected a number of uploads, found " +
                   quote_found(s)};
    }
    p.stop_after = static_cast<std::size_t>(std::stoul(s));
  }
  return p;
}

}  // namespace

int cmd_publish(const Args& args, std::ostream& out, std::ostream& err) {
  // Every line goes through redact (as the library's own lines do): a password in a URL (or a
  // signed URL's parameters) never reaches the terminal or a log.
  const admin::Say say = [&](const std::string& line) { out << redact(line) << "\n"; };
  const admin::Say complain = [&](const std::string& line) { err << redact(line) << "\n"; };
  auto parsed = parse_args(args);
  if (!parsed) {
    complain(parsed.error().what);
    return 2;
  }
  const PublishArgs& p = *parsed;
  admin::Destination d;
  d.to = p.to;
  if (const auto u = p.opt.find("--user"); u != p.opt.end()) d.user = u->second;
  if (const auto f = p.opt.find("--password-file"); f != p.opt.end()) d.password_file = f->second;
  if (const auto e = p.opt.find("--endpoint"); e != p.opt.end()) d.endpoint = e->second;
  if (const auto c = p.opt.find("--ca-file"); c != p.opt.end()) d.ca_file = c->second;
  d.allow_insecure_auth = p.allow_insecure_auth;
  d.aws_access_key_id = env("AWS_ACCESS_KEY_ID");
  d.aws_secret_access_key = env("AWS_SECRET_ACCESS_KEY");
  d.aws_region = env("AWS_DEFAULT_REGION");
  if (d.aws_region.empty()) d.aws_region = env("AWS_REGION");
  auto resolved = admin::resolve_target(d, complain);
  if (auto* e = std::get_if<admin::TargetError>(&resolved)) {
    complain(e->error.what);
    return e->usage ? 2 : 1;
  }
  const auto& target = std::get<admin::PublishTargetPtr>(resolved);
  auto trusted = admin::read_public_keys(p.keys);
  if (!trusted) {
    complain(trusted.error().what);
    return 2;
  }
  Problems problems;
  const auto bundle = admin::read_signed_bundle(p.dir, *trusted, problems);
  if (!bundle) {
    for (const auto& problem : problems) complain(problem.line());
    return 1;
  }
  admin::PublishControl control;
  control.say = say;
  control.complain = complain;
  control.stop_after = p.stop_after;
  auto report = admin::publish(*bundle, *target, control);
  if (!report) {
    complain(report.error().what);
    return 1;
  }
  if (!report->stopped) say(report->line);
  return 0;
}

}  // namespace kiosk::ctl
