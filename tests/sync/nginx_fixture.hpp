// Test support: a real nginx on a free loopback port, started unprivileged from a generated
// configuration in a temporary directory, serving www/ with WebDAV PUT behind basic auth, plus
// fault locations. Scratch directories and file I/O come from tests/support (temp_dir.hpp).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "temp_dir.hpp"

namespace kiosk::test {

// Fault locations every instance serves (P = the port):
//   /status500/…   500 for everything
//   /ftp/…         302 to ftp://127.0.0.1/x
//   /loop/…        302 to itself, forever
//   /html/…        an HTML error page with status 200
//   /stall/X       www/b/X, but notices.json at 1 byte/s (limit_rate 1)
//   /big/X         www/b/X, but notices.json replaced by www/big-notices.json
//   /hop/0 … /hop/3  a chain of 302s ending at /b/hop.txt (/hop/1 is 3 redirects away from it)
//   /s3/…          PUT without basic auth, logged to s3.log as METHOD URI STATUS
//   X-AMZ-CONTENT-SHA256
//                  X-AMZ-DATE HOST CONTENT-TYPE "AUTHORIZATION" (to check SigV4)
// gzip for JSON, and everything else from www/ (GET for anyone; PUT, DELETE, MKCOL with basic
// auth).
class Nginx {
 public:
  static constexpr const char* kUser = "publisher";

  // Starts nginx; check ok() and error(). With tls, also an HTTPS server on tls_port() with a
  // certificate for 127.0.0.1 (not localhost) signed by a private CA made by the openssl command
  // (test_ca.hpp; tls_ready() false without it). Its /to-http/… answers 302 to http://…/b/hop.txt.
  // extra: more nginx configuration inside the plain server block ("@DIR@" becomes the
  // fixture's directory, where www/ lies), e.g. the report locations of tests/report.
  explicit Nginx(bool tls = false, std::string extra = {});
  ~Nginx();  // SIGQUIT, then SIGKILL if it lingers; waits
  Nginx(const Nginx&) = delete;
  // The server going down and coming back (soak tests): stop() ends nginx as the destructor does;
  // restart() starts it again on the same port(s) with the same www/; false (see error()) when it
  // cannot.
  void stop();
  bool restart();
  Nginx& operator=(const Nginx&) = delete;

  [[nodiscard]] bool ok() const { return pid_ > 0; }
  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string url(
      const std::string& path = "") const;  // "http://127.0.0.1:P/" + path
  [[nodiscard]] bool tls_ready() const { return tls_port_ > 0; }
  [[nodiscard]] std::string tls_url(
      const std::string& path = "") const;  // "https://127.0.0.1:T/" + path
  [[nodiscard]] std::filesystem::path certificate() const {
    return dir_ / "cert.pem";
  }  // the server's
  [[nodiscard]] std::filesystem::path ca_certificate() const {
    return dir_ / "ca" / "ca.pem";
  }                                                                          // its CA
  [[nodiscard]] const std::string& certificate_pin() const { return pin_; }  // "sha256//BASE64"
  [[nodiscard]] const std::filesystem::path& www() const { return www_; }
  [[nodiscard]] std::filesystem::path password_file() const { return dir_ / "password"; }
  [[nodiscard]] std::string password() const { return password_; }
  [[nodiscard]] std::string access_log() const;
  // The access log once it contains `needle` (nginx logs a request just after answering it), or
  // as it is after a second.
  [[nodiscard]] std::string access_log_with(const std::string& needle) const;
  [[nodiscard]] std::string error_log() const;
  [[nodiscard]] std::string s3_log() const;

 private:
  bool start_once(std::string& why, bool same_ports = false);

  TempDir temp_;
  std::filesystem::path dir_, www_;
  std::string password_;
  int port_ = 0, tls_port_ = 0;
  std::string pin_;
  pid_t pid_ = -1;
  std::string error_;
  std::string extra_;
};

// A loopback port with nothing listening (bound, read, closed).
int unused_port();

}  // namespace kiosk::test
