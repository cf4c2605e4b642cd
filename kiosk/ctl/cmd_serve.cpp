// kioskctl serve: the administrator's console (kiosk/console/) on DIR until Ctrl-C or SIGTERM.
// Its first line on standard output is "console: http://HOST:PORT/" (the desktop launcher reads
// it to open the browser); a refusal (busy port, no --password-file off loopback …) is one line
// on standard error and exit status 1; a wrong usage is exit status 2.
#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <thread>

#include "admin/keys.hpp"
#include "config/config.hpp"
#include "console/console.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {
namespace {

// SIGINT and SIGTERM blocked in this thread (and so in every thread the console starts), taken by
// sigwait in a watcher that stops the console; restored when the command returns.
class StopOnSignal {
 public:
  explicit StopOnSignal(console::Console& console) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &saved_);
    watcher_ = std::thread([this, &console] {
      int signal = 0;
      sigwait(&set_, &signal);
      console.stop();
    });
  }
  ~StopOnSignal() {
    pthread_kill(watcher_.native_handle(), SIGTERM);  // wakes the watcher if no signal came
    watcher_.join();
    pthread_sigmask(SIG_SETMASK, &saved_, nullptr);
  }
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

 private:
  sigset_t set_{}, saved_{};
  std::thread watcher_;
};

}  // namespace

int cmd_serve(const Args& args, std::ostream& out, std::ostream& err) {
  console::Options options;
  std::string config_path;  // --config FILE: its timezone is the office's clock
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) {
      positional.push_back(a);
      continue;
    }
    std::string* value = nullptr;
    std::string listen;
    if (a == "--listen") value = &listen;
    if (a == "--config") value = &config_path;
    if (a == "--password-file") value = &options.password_file;
    if (a == "--key") value = &options.key;
    if (a == "--to") value = &options.to;
    if (a == "--fleet") value = &options.fleet;
    if (a == "--keys") value = &options.keys;
    if (a == "--publish-user") value = &options.publish_user;
    if (a == "--publish-password-file") value = &options.publish_password_file;
    if (a == "--endpoint") value = &options.endpoint;
    if (a == "--ca-file") value = &options.ca_file;
    if (a == "--allow-insecure-auth") {
      options.allow_insecure_auth = true;
      continue;
    }
    if (value == nullptr) {
      err << "kioskctl serve: unknown option " << a << " (kioskctl serve --help)\n";
      return 2;
    }
    if (i + 1 >= args.size()) {
      err << "kioskctl serve: " << a << " expects a value\n";
      return 2;
    }
    *value = args[++i];
    if (a == "--listen") {
      const auto parsed = console::parse_listen(listen);
      if (!parsed) {
        err << "kioskctl serve: " << parsed.error().what << "\n";
        return 2;
      }
      options.host = parsed->host;
      options.port = parsed->port;
    }
  }
  if (positional.size() != 1) {
    err << "kioskctl serve: expected one bundle directory, found " << positional.size()
        << " arguments\n";
    return 2;
  }
  options.dir = positional[0];
  if (options.publish_user.empty() != options.publish_password_file.empty()) {
    err << "kioskctl serve: --publish-user and --publish-password-file go together\n";
    return 2;
  }
  for (const auto& [name, field] :
       {std::pair{"AWS_ACCESS_KEY_ID", &options.aws_access_key_id},
        std::pair{"AWS_SECRET_ACCESS_KEY", &options.aws_secret_access_key},
        std::pair{"AWS_DEFAULT_REGION", &options.aws_region}}) {
    if (const char* v = std::getenv(name)) *field = v;
  }
  if (options.aws_region.empty()) {
    if (const char* v = std::getenv("AWS_REGION")) options.aws_region = v;
  }
  std::error_code ec;
  if (!options.key.empty() && !std::filesystem::is_regular_file(options.key, ec)) {
    err << options.key << ": expected the office's secret key file (kioskctl keygen), found none\n";
    return 1;
  }
  if (!options.keys.empty() && !std::filesystem::is_directory(options.keys, ec)) {
    err << options.keys << ": expected a folder of public keys (--keys DIR), found none\n";
    return 1;
  }
  if (!config_path.empty()) {
    Problems problems;
    const auto cfg = config::load(config_path, problems);
    if (!cfg) {
      err << (problems.empty() ? config_path + ": cannot be read" : first_problem_line(problems))
          << "\n";
      return 1;
    }
    options.clock = tz::Clock(tz::Zone::locate(cfg->timezone).value_or(tz::Zone()));
    options.archive_days = cfg->archive_days;
  }
  options.log = &err;

  auto opened = console::Console::open(options);
  if (!opened) {
    err << opened.error().what << "\n";
    return 1;
  }
  console::Console& c = **opened;
  out << "console: " << c.url() << std::endl;
  if (!options.key.empty() && !admin::is_encrypted(options.key)) {
    err << "kioskctl serve: warning: " << options.key
        << " is not protected by a passphrase; anyone who copies it can sign (kioskctl keygen "
           "--passphrase makes a protected one)\n";
  }
  {
    const StopOnSignal stop(c);
    c.run();
  }
  out << "console: stopped\n";
  return 0;
}

}  // namespace kiosk::ctl
