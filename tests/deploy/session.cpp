// Xvfb, openbox, the kiosk process and the notify socket for the deployment tests.
#include "session.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "x11_tools.hpp"

namespace kiosk::deploy {
namespace {

using namespace std::chrono_literals;

pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env, int err_fd = -1) {
  const pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    const int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(err_fd >= 0 ? err_fd : null, 2);
    for (const auto& e : env) {
      const auto eq = e.find('=');
      setenv(e.substr(0, eq).c_str(), e.substr(eq + 1).c_str(), 1);
    }
    if (err_fd >= 0) {
      // The pipe passes for the journal: the kiosk then prefixes its lines with <N>.
      struct stat st {};
      fstat(2, &st);
      setenv("JOURNAL_STREAM", (std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino)).c_str(), 1);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  return pid;
}

void kill_and_reap(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  for (int i = 0; i < 30; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return;
    std::this_thread::sleep_for(50ms);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

}  // namespace

bool on_path(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

XServer::XServer(bool with_wm) {
  if (!on_path("Xvfb")) {
    error_ = "Xvfb is not installed";
    return;
  }
  // A display number nobody uses, different for each server this process starts.
  static int started = 0;
  int n = 200 + (getpid() % 97) * 5 + (started++ % 5) * 500;
  while (std::filesystem::exists("/tmp/.X11-unix/X" + std::to_string(n)) ||
         std::filesystem::exists("/tmp/.X" + std::to_string(n) + "-lock")) {
    ++n;
  }
  display_ = ":" + std::to_string(n);
  const std::string xvfb_log = "/tmp/kiosk-xvfb-" + std::to_string(n) + ".log";
  const int log_fd = open(xvfb_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  xvfb_ = spawn({"Xvfb", display_, "-screen", "0", "1920x1080x24", "-nolisten", "tcp", "-noreset"}, {}, log_fd);
  if (log_fd >= 0) close(log_fd);
  const std::string socket = "/tmp/.X11-unix/X" + std::to_string(n);
  // -noreset: without it the server resets when its last client leaves (this probe, a test's
  // query), refusing connections for a moment.
  bool up = false;
  for (int i = 0; i < 400 && !up; ++i) {
    up = std::filesystem::exists(socket) && display_accepts_clients(display_);
    if (!up) std::this_thread::sleep_for(25ms);
  }
  if (!up) {
    std::ifstream in(xvfb_log);
    std::string line, text;
    while (std::getline(in, line)) text += line + " | ";
    error_ = "Xvfb did not start on " + display_ + ": " + text;
    return;
  }
  std::filesystem::remove(xvfb_log);
  if (with_wm) {
    if (!on_path("openbox")) {
      error_ = "openbox is not installed";
      return;
    }
    for (int attempt = 0; attempt < 3 && !window_manager_running(display_); ++attempt) {
      wm_ = spawn({"openbox", "--sm-disable"}, {"DISPLAY=" + display_});
      for (int i = 0; i < 400 && !window_manager_running(display_); ++i) {
        if (waitpid(wm_, nullptr, WNOHANG) == wm_) {
          wm_ = -1;
          break;
        }
        std::this_thread::sleep_for(25ms);
      }
    }
    if (!window_manager_running(display_)) error_ = "openbox did not start on " + display_;
  }
}

XServer::~XServer() {
  kill_and_reap(wm_);
  kill_and_reap(xvfb_);
}

bool XServer::xdotool(const std::string& args) const {
  return std::system(("DISPLAY=" + display_ + " xdotool " + args + " >/dev/null 2>&1").c_str()) == 0;
}

NotifySocket::NotifySocket() {
  char dir[] = "/tmp/kiosk-notify-XXXXXX";
  if (mkdtemp(dir) == nullptr) return;
  path_ = std::string(dir) + "/notify";
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path_.c_str(), sizeof(addr.sun_path) - 1);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd_);
    fd_ = -1;
  }
}

NotifySocket::~NotifySocket() {
  if (fd_ >= 0) close(fd_);
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(std::filesystem::path(path_).parent_path(), ec);
}

std::optional<std::string> NotifySocket::receive(int timeout_ms) {
  if (fd_ < 0) return std::nullopt;
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return std::nullopt;
  char buf[4096];
  const ssize_t n = recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) return std::nullopt;
  std::string s(buf, static_cast<std::size_t>(n));
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

Kiosk::Kiosk(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return;
  std::vector<std::string> argv{std::string(KIOSK_BINARY_DIR) + "/kiosk/app/kiosk"};
  argv.insert(argv.end(), args.begin(), args.end());
  // The child gets the write end as fd 2 (dup2 clears O_CLOEXEC on the copy).
  pid_ = spawn(argv, env, fds[1]);
  close(fds[1]);
  err_fd_ = fds[0];
  fcntl(err_fd_, F_SETFL, fcntl(err_fd_, F_GETFL) | O_NONBLOCK);
}

Kiosk::~Kiosk() {
  if (running()) {
    kill(pid_, SIGKILL);
    (void)wait(5000);
  }
  if (err_fd_ >= 0) close(err_fd_);
}

bool Kiosk::running() {
  if (pid_ <= 0 || status_) return false;
  int st = 0;
  if (waitpid(pid_, &st, WNOHANG) == pid_) {
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return false;
  }
  return true;
}

std::optional<int> Kiosk::wait(int timeout_ms) {
  const auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (running() && Clock::now() < end) std::this_thread::sleep_for(20ms);
  return status_;
}

void Kiosk::signal(int sig) {
  if (running()) kill(pid_, sig);
}

const std::string& Kiosk::log() {
  char buf[4096];
  while (err_fd_ >= 0) {
    const ssize_t n = read(err_fd_, buf, sizeof buf);
    if (n <= 0) break;
    log_.append(buf, static_cast<std::size_t>(n));
  }
  return log_;
}

TempDir::TempDir() {
  char dir[] = "/tmp/kiosk-deploy-XXXXXX";
  if (mkdtemp(dir) != nullptr) path_ = dir;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& text) const {
  const auto p = path_ / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

}  // namespace kiosk::deploy
