// The console's login: the password held only as an Argon2id hash, sessions in memory with an
// idle expiry, and the CSRF tokens every state-changing request must carry.
//
// Contract:
//   - Password::from_file reads the first line of --password-file, hashes it with libsodium's
//     crypto_pwhash_str (Argon2id) and wipes the plain text; nothing but the hash stays in memory,
//     and no message ever quotes the file's content.
//   - Sessions are random 256-bit ids (hex) in memory only; each use slides its expiry by the
//     idle time; an expired id is forgotten. A restart logs everybody out.
//   - csrf_for(session) is the session's own token; without a session (a loopback console, or the
//     login form itself) the token is the console's anonymous one. Both are compared in constant
//     time.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace kiosk::console {

// The Argon2id hash of the console's password.
class Password {
 public:
  // The first line of `file` (without its line end) hashed; an Error naming the file when it
  // cannot be read, is empty or has more than 1 KiB.
  static Result<Password> from_file(const std::string& file);
  static Result<Password> from_text(std::string text);  // wipes `text`
  [[nodiscard]] bool verify(std::string_view attempt) const;

 private:
  explicit Password(std::string hash) : hash_(std::move(hash)) {}
  std::string hash_;
};

// A random token of `bytes` bytes as hex (libsodium's randombytes).
std::string random_token(std::size_t bytes = 32);

// Constant-time equality of two tokens.
bool same_token(std::string_view a, std::string_view b);

class Sessions {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Sessions(Clock::duration idle) : idle_(idle) {}

  // A new session; returns its id.
  std::string create();
  // The session's CSRF token when `id` names a live session (its expiry slides), else nullopt.
  std::optional<std::string> touch(std::string_view id);
  void remove(std::string_view id);
  [[nodiscard]] Clock::duration idle() const { return idle_; }

 private:
  struct Session {
    std::string csrf;
    Clock::time_point expires;
  };
  std::mutex mutex_;
  std::map<std::string, Session, std::less<>> sessions_;
  Clock::duration idle_;
};

// Failed logins: at most kMaxFailures in kWindow, then 429 until the window has passed, so a
// password cannot be guessed at the speed of the hash.
class LoginThrottle {
 public:
  static constexpr int kMaxFailures = 5;
  static constexpr std::chrono::seconds kWindow{60};
  [[nodiscard]] bool blocked();
  void failed();
  void succeeded();

 private:
  std::mutex mutex_;
  std::vector<Sessions::Clock::time_point> failures_;
};

}  // namespace kiosk::console
