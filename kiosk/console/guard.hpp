// The console's hardening, installed on a cpp-httplib server before any route: every rule of
// CONSOLE.md's contract that is about HTTP rather than about the bundle.
//
// Contract (each rule has its test in tests/console/hardening_test.cpp):
//   - Host must be the listen address, localhost or 127.0.0.1 with the port (a wildcard listen
//     address also allows this machine's own interface addresses); else 421 (DNS rebinding).
//   - An Origin other than http://<the request's Host>, Origin "null", or Sec-Fetch-Site
//     cross-site: 403.
//   - A body must come with Content-Length (Transfer-Encoding: 411) and without Content-Encoding
//     (415), at most kMaxBody bytes (413, refused before the body is read; cpp-httplib 0.11 does
//     not bound chunked or compressed bodies, see README.md).
//   - With a password, /api/ (but /api/session and /api/login) needs a live session: else 401.
//   - POST, PUT, PATCH and DELETE need X-CSRF-Token: the session's token, or without a session
//     the console's anonymous one; missing or wrong: 403.
//   - Every refusal closes the connection; every answer carries the security headers (CSP
//     default-src 'self', nosniff, X-Frame-Options DENY, Referrer-Policy no-referrer,
//     Cache-Control no-store); an exception in a handler is a 500 with a generic JSON body and
//     no trace of the exception's text (which may quote a request body holding a passphrase).
//   - Reads and writes time out (io_timeout); no static-file mount is ever made.
// Routes it adds: GET /api/session, POST /api/login, POST /api/logout (API.md).
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>

#include "console/auth.hpp"

namespace kiosk::console {

inline constexpr std::size_t kMaxBody = 32u << 20;  // 32 MiB: the largest sheet an import takes
inline constexpr const char* kSessionCookie = "kiosk_console_session";

struct GuardSettings {
  std::string listen_host = "127.0.0.1";
  int port = 0;                      // set before listening (an ephemeral port is known then)
  std::optional<Password> password;  // a login is required exactly when given
  std::chrono::seconds session_idle{std::chrono::hours(8)};
  std::chrono::seconds io_timeout{10};
  std::ostream* log = nullptr;  // one line per internal error (never a request's content)
};

// True for 127.0.0.0/8, ::1 and localhost.
bool is_loopback(const std::string& host);

class Guard {
 public:
  explicit Guard(GuardSettings settings);
  // Timeouts, body limit, socket options (no SO_REUSEPORT, so a busy port is seen), default
  // headers, pre-routing checks, error and exception handlers, and the session routes.
  void install(httplib::Server& server);
  // The port the server listens on, once bound (the Host check needs it).
  void set_port(int port);
  [[nodiscard]] bool login_required() const { return settings_.password.has_value(); }

  // A JSON error answer: {"error": message}.
  static void refuse(httplib::Response& res, int status, const std::string& message);

 private:
  httplib::Server::HandlerResponse check(const httplib::Request& req, httplib::Response& res);
  [[nodiscard]] bool host_allowed(const std::string& host) const;
  std::optional<std::string> session_csrf(const httplib::Request& req);

  GuardSettings settings_;
  std::set<std::string> allowed_hosts_;  // "host:port" forms
  Sessions sessions_;
  LoginThrottle throttle_;
  std::string anonymous_csrf_;
};

// The value of cookie `name` in the request's Cookie header ("" when absent).
std::string cookie(const httplib::Request& req, const std::string& name);

}  // namespace kiosk::console
