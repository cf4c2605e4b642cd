// The console's password hash, sessions and CSRF tokens (libsodium); see auth.hpp.
#include "console/auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <vector>

#include "core/files.hpp"

namespace kiosk::console {
namespace {

constexpr std::size_t kMaxPasswordFile = 1024;

void wipe(std::string& secret) {
  if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
  secret.clear();
}

}  // namespace

Result<Password> Password::from_file(const std::string& file) {
  auto read = files::read(file, kMaxPasswordFile);
  if (!read) {
    return Error{file + ": expected a password file of one line (at most 1 KiB), " +
                 read.error().what};
  }
  auto r = from_text(std::move(read).value());
  if (!r) return Error{file + ": " + r.error().what};
  return r;
}

Result<Password> Password::from_text(std::string text) {
  const auto end = text.find_first_of("\r\n");
  std::string line = text.substr(0, end);
  wipe(text);
  if (line.empty()) return Error{"expected a password on the first line, found an empty line"};
  if (sodium_init() < 0) {
    wipe(line);
    return Error{"libsodium cannot be initialised"};
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  const int rc = crypto_pwhash_str_alg(
      out.data(), line.data(), line.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
      crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
  wipe(line);
  if (rc != 0) return Error{"Argon2id hashing failed (out of memory?)"};
  return Password(std::string(out.data()));
}

bool Password::verify(std::string_view attempt) const {
  if (attempt.empty() || attempt.size() > kMaxPasswordFile) return false;
  return crypto_pwhash_str_verify(hash_.c_str(), attempt.data(), attempt.size()) == 0;
}

std::string random_token(std::size_t bytes) {
  if (sodium_init() < 0) std::abort();  // no randomness: no token can be safe
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

bool same_token(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Sessions::create() {
  std::string id = random_token();
  const std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  std::erase_if(sessions_, [now](const auto& s) { return s.second.expires <= now; });
  sessions_[id] = Session{random_token(), now + idle_};
  return id;
}

std::optional<std::string> Sessions::touch(std::string_view id) {
  const std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  const auto now = Clock::now();
  if (it->second.expires <= now) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.expires = now + idle_;
  return it->second.csrf;
}

void Sessions::remove(std::string_view id) {
  const std::lock_guard lock(mutex_);
  if (const auto it = sessions_.find(id); it != sessions_.end()) sessions_.erase(it);
}

bool LoginThrottle::blocked() {
  const std::lock_guard lock(mutex_);
  const auto now = Sessions::Clock::now();
  std::erase_if(failures_, [now](auto t) { return now - t >= kWindow; });
  return failures_.size() >= static_cast<std::size_t>(kMaxFailures);
}

void LoginThrottle::failed() {
  const std::lock_guard lock(mutex_);
  failures_.push_back(Sessions::Clock::now());
}

void LoginThrottle::succeeded() {
  const std::lock_guard lock(mutex_);
  failures_.clear();
}

}  // namespace kiosk::console
