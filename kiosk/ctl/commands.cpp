// kioskctl commands; each prints one line per problem and nothing else on failure.
#include "ctl/commands.hpp"

#include <functional>
#include <map>
#include <ostream>

#include "content/parse.hpp"

namespace kiosk::ctl {
namespace {

struct Command {
  const char* usage;
  const char* summary;
  std::function<int(const Args&, std::ostream&, std::ostream&)> run;
};

const std::map<std::string, Command>& commands() {
  static const std::map<std::string, Command> kCommands{
      {"validate", {"validate DIR", "check a bundle directory (and its manifest when present)", cmd_validate}},
  };
  return kCommands;
}

void print_help(std::ostream& out) {
  out << "kioskctl — the 社区公示触摸屏 administrator's tool\n\nUsage:\n";
  for (const auto& [name, c] : commands()) out << "  kioskctl " << c.usage << "\n      " << c.summary << "\n";
  out << "  kioskctl --help\n\nExit status 0 on success; otherwise one line per problem:\n"
         "FILE: WHERE: what was expected, what was found.\n";
}

}  // namespace

int run(const Args& argv, std::ostream& out, std::ostream& err) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
    print_help(argv.empty() ? err : out);
    return argv.empty() ? 2 : 0;
  }
  const auto it = commands().find(argv[0]);
  if (it == commands().end()) {
    err << "kioskctl: unknown command " << argv[0] << "; expected one of";
    for (const auto& [name, c] : commands()) err << " " << name;
    err << " (kioskctl --help lists them)\n";
    return 2;
  }
  const Args rest(argv.begin() + 1, argv.end());
  for (const auto& a : rest) {
    if (a == "--help" || a == "-h") {
      out << "Usage: kioskctl " << it->second.usage << "\n" << it->second.summary << "\n";
      return 0;
    }
  }
  return it->second.run(rest, out, err);
}

int cmd_validate(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 1) {
    err << "kioskctl validate: expected one bundle directory, found " << args.size() << " arguments\n";
    return 2;
  }
  const auto result = content::load_bundle(args[0]);
  for (const auto& p : result.problems) err << p.line() << "\n";
  if (!result.bundle) return 1;
  std::size_t applicants = 0;
  for (const auto& n : result.bundle->notices) applicants += n.applicants.size();
  out << args[0] << ": valid: " << result.bundle->document.standards.size() << " standards, "
      << result.bundle->notices.size() << " notices, " << applicants << " applicants, "
      << result.bundle->hotlines.size() << " hotlines"
      << (result.bundle->manifest ? ", manifest version " + std::to_string(result.bundle->manifest->version)
                                  : std::string(", no manifest (unsigned working copy)"))
      << "\n";
  return 0;
}

}  // namespace kiosk::ctl
