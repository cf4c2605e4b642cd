// A scripted TCP server on 127.0.0.1 for the answers nginx will not give (a bad status line, a
// header of 200 KB, bytes past Content-Length, an endless redirect body), bounded in time and
// count.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace kiosk::test {

class RawServer;

// One accepted connection, as its handler sees it. Every call returns within the server's
// lifetime: reads and writes fail once the server stops (destructor or lifetime over).
class RawConnection {
 public:
  // One request head, through its blank line; "" when the peer closed, the head is over 64 KiB,
  // or the server stops first.
  std::string read_request();
  // All of `bytes`; false when the peer has gone or the server stops.
  bool write(std::string_view bytes);
  // Writes `bytes` again and again until `total` bytes went out; false as write().
  bool write_repeated(std::string_view bytes, std::uint64_t total);
  // Waits up to `ms` for the peer to close; true when it did.
  bool wait_closed(int ms);
  // Bytes written on this connection so far.
  [[nodiscard]] std::uint64_t sent() const { return sent_; }
  // 1 for the server's first connection, 2 for the next, …
  [[nodiscard]] int connection_number() const { return number_; }

 private:
  friend class RawServer;
  RawConnection(RawServer& server, int fd, int number)
      : server_(server), fd_(fd), number_(number) {}
  RawServer& server_;
  int fd_;
  int number_;
  std::uint64_t sent_ = 0;
  std::string pending_;  // bytes read past the last request head
};

class RawServer {
 public:
  // Runs `handler` on a thread of its own for each of the first max_connections connections
  // (later ones are closed at once); everything stops after `lifetime` at the latest.
  using Handler = std::function<void(RawConnection&)>;
  explicit RawServer(Handler handler, int max_connections = 8,
                     std::chrono::milliseconds lifetime = std::chrono::seconds(30));
  ~RawServer();  // stops: closes the listening socket and every connection, joins the threads
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  [[nodiscard]] bool ok() const { return port_ > 0; }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string url(
      const std::string& path = "") const;  // "http://127.0.0.1:P/" + path
  // Connections accepted so far, and bytes written on all of them.
  [[nodiscard]] int connections() const { return accepted_.load(); }
  [[nodiscard]] std::uint64_t bytes_sent() const { return sent_.load(); }

 private:
  friend class RawConnection;
  void accept_loop();
  [[nodiscard]] bool stopping() const;

  Handler handler_;
  int max_connections_;
  std::chrono::steady_clock::time_point end_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::atomic<std::uint64_t> sent_{0};
  std::mutex mutex_;
  std::vector<int> fds_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace kiosk::test
