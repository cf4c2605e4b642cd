// The console test fixture: see console_fixture.hpp.
#include "console_fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "fixture_bundle.hpp"

namespace kiosk::test {

RunningConsole::RunningConsole(console::Options options) {
  if (options.dir.empty()) {
    dir_ = temp_ / "bundle";
    write_fixture_bundle(dir_);
    options.dir = dir_.string();
  } else {
    dir_ = options.dir;
  }
  if (options.host == "127.0.0.1" && options.port == 8080) options.port = 0;
  auto opened = console::Console::open(options);
  if (!opened) throw std::runtime_error(opened.error().what);
  console_ = std::move(*opened);
  thread_ = std::thread([this] { console_->run(); });
}

RunningConsole::~RunningConsole() {
  console_->stop();
  thread_.join();
}

std::unique_ptr<httplib::Client> RunningConsole::client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port());
  c->set_connection_timeout(std::chrono::seconds(10));
  c->set_read_timeout(std::chrono::seconds(30));
  return c;
}

std::string RunningConsole::csrf(const std::string& cookie) const {
  httplib::Headers h;
  if (!cookie.empty()) h.emplace("Cookie", cookie);
  const auto r = client()->Get("/api/session", h);
  if (!r || r->status != 200) throw std::runtime_error("GET /api/session failed");
  return nlohmann::json::parse(r->body).at("csrf").get<std::string>();
}

namespace {

// Whether `answer` holds a whole response: its head and Content-Length bytes of body.
bool answer_complete(const std::string& answer) {
  const auto head_end = answer.find("\r\n\r\n");
  if (head_end == std::string::npos) return false;
  const auto at = answer.find("Content-Length: ");
  if (at == std::string::npos || at > head_end) return false;
  const auto length = std::stoul(answer.substr(at + 16, answer.find("\r\n", at) - at - 16));
  return answer.size() >= head_end + 4 + length;
}

}  // namespace

std::string raw_exchange(int port, const std::string& request, std::chrono::milliseconds wait) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof(a)) != 0) {
    close(fd);
    throw std::runtime_error("cannot connect");
  }
  std::size_t sent = 0;
  while (sent < request.size()) {
    const auto n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[4096];
    const auto n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<std::size_t>(n));
    if (answer_complete(answer)) break;
  }
  close(fd);
  return answer;
}

}  // namespace kiosk::test
