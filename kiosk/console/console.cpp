// The console server: the guard, the embedded pages and the API on one cpp-httplib server.
#include "console/console.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>
#include <utility>

#include "console/api.hpp"
#include "console/assets.hpp"
#include "console/guard.hpp"

namespace kiosk::console {

namespace {

// httplib 0.11 closes its listening socket in stop() only when it got to listen; a console opened
// (so bound) but never run must still give its port back.
class Server : public httplib::Server {
 public:
  void close_unused_socket() {
    const auto sock = svr_sock_.exchange(INVALID_SOCKET);
    if (sock != INVALID_SOCKET) ::close(sock);
  }
};

}  // namespace

struct Console::Impl {
  Options options;
  Server server;
  std::unique_ptr<Guard> guard;
  std::unique_ptr<Api> api;
  std::atomic<bool> run_called{false}, run_returned{false}, stop_requested{false};
};

Result<Listen> parse_listen(std::string_view text) {
  const std::string found = "found \"" + std::string(text.substr(0, 80)) + "\"";
  std::string host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return Error{"--listen: expected HOST:PORT or [IPv6]:PORT, " + found};
    host = std::string(text.substr(1, close - 1));
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || text.find(':') != colon)
      return Error{"--listen: expected HOST:PORT (e.g. 127.0.0.1:8080), " + found};
    host = std::string(text.substr(0, colon));
    port = text.substr(colon + 1);
  }
  int value = 0;
  for (const char c : port) {
    if (c < '0' || c > '9' || value > 65535) {
      value = -1;
      break;
    }
    value = value * 10 + (c - '0');
  }
  if (port.empty() || value < 1 || value > 65535)
    return Error{"--listen: expected a port from 1 to 65535 after the colon, " + found};
  return Listen{host, value};
}

Console::Console(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Console::~Console() {
  stop();
  impl_->server.close_unused_socket();
}

Result<std::unique_ptr<Console>> Console::open(Options options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(options.dir, ec))
    return Error{options.dir + ": expected a bundle directory, found none"};
  GuardSettings settings;
  settings.listen_host = options.host;
  settings.session_idle = options.session_idle;
  settings.io_timeout = options.io_timeout;
  settings.log = options.log;
  if (!options.password_file.empty()) {
    auto password = Password::from_file(options.password_file);
    if (!password) return password.error();
    settings.password = std::move(*password);
  } else if (!is_loopback(options.host)) {
    return Error{"--listen " + options.host +
                 ": a console reachable from other computers needs "
                 "--password-file F (the file holds the login password); without it listen on "
                 "127.0.0.1"};
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->guard = std::make_unique<Guard>(std::move(settings));
  impl->guard->install(impl->server);
  impl->api = std::make_unique<Api>(options);
  impl->api->install(impl->server);
  impl->server.Get("/", [](const httplib::Request& req, httplib::Response& res) {
    const Asset* a = find_asset(req.path);
    res.set_content(std::string(a->bytes), std::string(a->mime));
  });
  impl->server.Get("/assets/.*", [](const httplib::Request& req, httplib::Response& res) {
    const Asset* a = find_asset(req.path);
    if (a == nullptr) return Guard::refuse(res, 404, "没有这个文件");
    res.set_content(std::string(a->bytes), std::string(a->mime));
  });

  const std::string where =
      (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) +
      ":" + std::to_string(options.port);
  errno = 0;
  int port = options.port;
  bool bound = false;
  if (options.port == 0) {
    port = impl->server.bind_to_any_port(options.host);
    bound = port > 0;
  } else {
    bound = impl->server.bind_to_port(options.host, options.port);
  }
  if (!bound) {
    const int why = errno;
    if (why == EADDRINUSE)
      return Error{"console: cannot listen on " + where +
                   ": the port is in use (another console or program listens there); choose "
                   "another with --listen HOST:PORT"};
    return Error{"console: cannot listen on " + where + ": " +
                 (why != 0 ? std::string(std::strerror(why))
                           : std::string("not an address of this computer"))};
  }
  impl->options.port = port;
  impl->guard->set_port(port);
  return std::unique_ptr<Console>(new Console(std::move(impl)));
}

std::string Console::url() const {
  const std::string& h = impl_->options.host;
  return "http://" + (h.find(':') != std::string::npos ? "[" + h + "]" : h) + ":" +
         std::to_string(impl_->options.port) + "/";
}

int Console::port() const { return impl_->options.port; }

void Console::run() {
  impl_->run_called = true;
  if (!impl_->stop_requested) impl_->server.listen_after_bind();
  impl_->run_returned = true;
}

void Console::stop() {
  if (!impl_) return;
  impl_->stop_requested = true;
  // httplib's stop() only stops a server that is already listening: when run() has begun, wait
  // for it to get there (a run() that has not begun sees stop_requested and returns at once).
  while (impl_->run_called && !impl_->run_returned && !impl_->server.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->server.stop();
  if (impl_->api) impl_->api->stop();
}

}  // namespace kiosk::console
