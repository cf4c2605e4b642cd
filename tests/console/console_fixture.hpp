// A real console on loopback (an ephemeral port, its own thread) on a copy of the tests' bundle,
// and a raw TCP client for what httplib::Client will not send (slow, chunked, compressed bodies).
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "console/console.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {

class RunningConsole {
 public:
  // Starts a console on options (dir defaults to a fresh copy of tests/data/bundle, port to 0).
  explicit RunningConsole(console::Options options = {});
  ~RunningConsole();
  RunningConsole(const RunningConsole&) = delete;
  RunningConsole& operator=(const RunningConsole&) = delete;

  [[nodiscard]] int port() const { return console_->port(); }
  [[nodiscard]] std::string host() const { return "127.0.0.1:" + std::to_string(port()); }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  // A client for 127.0.0.1:port with a 10 s timeout.
  [[nodiscard]] std::unique_ptr<httplib::Client> client() const;
  // GET /api/session's csrf token (sending `cookie` when given).
  [[nodiscard]] std::string csrf(const std::string& cookie = "") const;

 private:
  TempDir temp_;
  std::filesystem::path dir_;
  std::unique_ptr<console::Console> console_;
  std::thread thread_;
};

// Writes `request` to a fresh connection to 127.0.0.1:port and returns everything the server
// answers: one whole response, or what came until it closed the connection or `wait` passed.
std::string raw_exchange(int port, const std::string& request,
                         std::chrono::milliseconds wait = std::chrono::seconds(10));

}  // namespace kiosk::test
