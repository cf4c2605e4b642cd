// The kiosk process and the notify socket for the deployment tests.
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

namespace kiosk::deploy {

using namespace std::chrono_literals;

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
  pid_ = test::spawn(argv, env, {fds[1], true});
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

}  // namespace kiosk::deploy
