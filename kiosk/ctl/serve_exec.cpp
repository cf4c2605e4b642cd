// kioskctl's `serve`: runs kioskctl-serve (the same commands with the console linked in) in this
// process's place, so that kioskctl itself loads none of the console's libraries. The program is
// looked for beside kioskctl (a build tree), then where the package installs it, relative to
// kioskctl's folder (KIOSK_SERVE_FROM_BIN, e.g. ../libexec/community-kiosk). Same process id,
// same standard streams, same command line: the launcher's first-line protocol, its lock (an
// inherited descriptor) and SIGTERM work as before.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

#include "ctl/commands.hpp"

namespace kiosk::ctl {

int cmd_serve(const Args& args, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    err << "kioskctl serve: cannot find kioskctl's own folder (/proc/self/exe: " << ec.message()
        << ")\n";
    return 1;
  }
  const std::filesystem::path beside = self.parent_path() / "kioskctl-serve";
  const std::filesystem::path installed =
      (self.parent_path() / KIOSK_SERVE_FROM_BIN / "kioskctl-serve").lexically_normal();
  const std::filesystem::path program = std::filesystem::exists(beside, ec) ? beside : installed;
  // argv[0] stays kioskctl's: `ps` and `pgrep -f "kioskctl serve"` see the command as typed.
  std::vector<std::string> words{self.string(), "serve"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  out.flush();
  err.flush();
  execv(program.c_str(), argv.data());
  const int why = errno;
  err << "kioskctl serve: cannot start the console, " << program.string() << ": "
      << std::strerror(why) << " (is community-kiosk-common installed whole?)\n";
  return 1;
}

}  // namespace kiosk::ctl
