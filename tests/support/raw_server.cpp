// A scripted loopback TCP server for tests (raw_server.hpp).
#include "raw_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace kiosk::test {
namespace {

constexpr std::size_t kMaxHead = 64 << 10;
constexpr int kSliceMs = 50;  // how often a blocked call looks whether the server stops

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

}  // namespace

std::string RawConnection::read_request() {
  char buf[4096];
  for (;;) {
    if (const auto end = pending_.find("\r\n\r\n"); end != std::string::npos) {
      std::string head = pending_.substr(0, end + 4);
      pending_.erase(0, end + 4);
      return head;
    }
    if (pending_.size() > kMaxHead || server_.stopping()) return "";
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, kSliceMs) <= 0) continue;
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n == 0) return "";
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return "";
    }
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

bool RawConnection::write(std::string_view bytes) {
  while (!bytes.empty()) {
    if (server_.stopping()) return false;
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, kSliceMs) <= 0) continue;
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
    sent_ += static_cast<std::uint64_t>(n);
    server_.sent_ += static_cast<std::uint64_t>(n);
  }
  return true;
}

bool RawConnection::write_repeated(std::string_view bytes, std::uint64_t total) {
  for (std::uint64_t done = 0; done < total; done += bytes.size()) {
    if (!write(bytes.substr(
            0, static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), total - done))))) {
      return false;
    }
  }
  return true;
}

bool RawConnection::wait_closed(int ms) {
  char buf[4096];
  for (int waited = 0; waited < ms && !server_.stopping(); waited += kSliceMs) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, kSliceMs) <= 0) continue;
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return true;
    if (n > 0) pending_.append(buf, static_cast<std::size_t>(n));
  }
  return false;
}

RawServer::RawServer(Handler handler, int max_connections, std::chrono::milliseconds lifetime)
    : handler_(std::move(handler)),
      max_connections_(max_connections),
      end_(std::chrono::steady_clock::now() + lifetime) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return;
  }
  set_nonblocking(listen_fd_);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

RawServer::~RawServer() {
  stop_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  {
    const std::lock_guard lock(mutex_);
    for (const int fd : fds_) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : threads_) t.join();
  for (const int fd : fds_) ::close(fd);
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

bool RawServer::stopping() const {
  return stop_.load() || std::chrono::steady_clock::now() >= end_;
}

std::string RawServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
}

void RawServer::accept_loop() {
  while (!stopping()) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, kSliceMs) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) continue;
    if (accepted_.load() >= max_connections_) {
      ::close(fd);
      continue;
    }
    const int number = ++accepted_;
    const std::lock_guard lock(mutex_);
    fds_.push_back(fd);
    threads_.emplace_back([this, fd, number] {
      RawConnection connection(*this, fd, number);
      handler_(connection);
      ::shutdown(fd, SHUT_RDWR);  // the handler is done: the peer sees the close
    });
  }
}

}  // namespace kiosk::test
