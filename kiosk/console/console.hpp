// The administrator's console: `kioskctl serve` — an HTTP server on the clerk's PC whose pages
// and JSON API (API.md) edit, preview and publish one bundle directory through the admin library.
//
// Contract (docs/CONSOLE.md; the HTTP rules are guard.hpp's):
//   - Console::open parses nothing itself: it takes Options, reads and hashes the password file,
//     and binds the listen address. A busy port, an address not on this machine, or a non-loopback
//     address without a password file is an Error of one line; nothing is left listening.
//   - run() answers requests until stop() (from any thread, or a signal handler's thread); the
//     console adds no rule of its own: every edit, check, preview and publish is the admin
//     library's.
#pragma once

#include <chrono>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "core/archive_days.hpp"
#include "core/result.hpp"
#include "tz/office_time.hpp"

namespace kiosk::console {

struct Options {
  std::string dir;                 // the working copy (a bundle directory)
  std::string host = "127.0.0.1";  // --listen HOST:PORT
  int port = 8080;                 // 0: any free port (tests)
  std::string password_file;       // --password-file F ("" for none)
  std::string key;                 // --key PREFIX.key: the office key publish signs with
  std::string to;                  // --to URL: where publish uploads
  // How publish reaches --to, as `kioskctl publish` takes them: --publish-user U with
  // --publish-password-file F (HTTP basic auth; the file's first line, read at each publish),
  // --endpoint URL (S3), --ca-file FILE (a private CA), --allow-insecure-auth; S3 credentials
  // from the environment of kioskctl serve (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION).
  std::string publish_user, publish_password_file, endpoint, ca_file;
  bool allow_insecure_auth = false;
  std::string aws_access_key_id, aws_secret_access_key, aws_region;
  std::string fleet;  // --fleet URL: the kiosks' report location (FLEET.md; fleet and proof pages)
  std::string keys;   // --keys DIR: the enrolled kiosks' public keys, KIOSK_ID.pub
  // The office's clock: --config FILE's timezone, else Asia/Shanghai; "today" (notice states,
  // previews) and the RFC 3339 stamps of signing and publishing.
  tz::Clock clock;
  // --config FILE's archive_days: sign refuses to drop an ended notice before it ran out.
  int archive_days = kDefaultArchiveDays;
  std::chrono::seconds session_idle{std::chrono::hours(8)};
  std::chrono::seconds io_timeout{10};
  std::ostream* log = nullptr;  // one line per internal error
};

struct Listen {
  std::string host;
  int port = 0;
};

// "HOST:PORT" or "[IPv6]:PORT" (PORT 1-65535); an Error of one line otherwise.
Result<Listen> parse_listen(std::string_view text);

class Console {
 public:
  static Result<std::unique_ptr<Console>> open(Options options);
  ~Console();
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  // "http://127.0.0.1:8080/" (IPv6 in brackets).
  [[nodiscard]] std::string url() const;
  [[nodiscard]] int port() const;
  void run();   // blocks until stop()
  void stop();  // any thread; run() returns soon after

  struct Impl;

 private:
  explicit Console(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::console
