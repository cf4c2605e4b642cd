// Sealing and opening secret key files with a passphrase (libsodium); see key_file.hpp.
#include "crypto/key_file.hpp"

#include <sodium.h>

#include <array>
#include <charconv>
#include <utility>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/signature.hpp"

namespace kiosk::crypto {
namespace {

constexpr std::string_view kMagicPrefix = "kiosk-sealed-key-";
constexpr std::string_view kAlgorithm = "argon2id13";
constexpr std::size_t kFields = 7;
constexpr std::size_t kSecretKeyBytes = crypto_sign_SECRETKEYBYTES;
static_assert(kSecretKeyBytes == 64);
static_assert(kDefaultLimits.opslimit == crypto_pwhash_argon2id_OPSLIMIT_MODERATE);
static_assert(kDefaultLimits.memlimit == crypto_pwhash_argon2id_MEMLIMIT_MODERATE);
static_assert(kMinLimits.opslimit == crypto_pwhash_argon2id_OPSLIMIT_MIN);
static_assert(kMinLimits.memlimit == crypto_pwhash_argon2id_MEMLIMIT_MIN);

// The key crypto_pwhash derives, wiped when it goes out of scope whatever the path.
struct DerivedKey {
  std::array<unsigned char, crypto_secretbox_KEYBYTES> bytes{};
  DerivedKey() = default;
  DerivedKey(const DerivedKey&) = delete;
  DerivedKey& operator=(const DerivedKey&) = delete;
  ~DerivedKey() { sodium_memzero(bytes.data(), bytes.size()); }
};

using detail::bytes_of;
using detail::trim;

// A word of the file shown in an error only when it is short and plainly not key material.
std::string shown(std::string_view word) {
  if (word.empty()) return "nothing";
  if (word.size() > 24) return "a word of " + std::to_string(word.size()) + " characters";
  for (const char c : word) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_';
    if (!safe) return "a word of " + std::to_string(word.size()) + " characters";
  }
  return std::string(word);
}

bool within(KdfLimits l) {
  return l.opslimit >= kMinLimits.opslimit && l.opslimit <= kMaxLimits.opslimit &&
         l.memlimit >= kMinLimits.memlimit && l.memlimit <= kMaxLimits.memlimit;
}

Result<void> derive(DerivedKey& key, std::string_view passphrase, std::string_view salt,
                    KdfLimits limits) {
  if (crypto_pwhash(key.bytes.data(), key.bytes.size(), passphrase.data(), passphrase.size(),
                    bytes_of(salt), static_cast<unsigned long long>(limits.opslimit),
                    static_cast<std::size_t>(limits.memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error{"Argon2id could not run with MEMLIMIT " + std::to_string(limits.memlimit) +
                 " bytes (out of memory)"};
  }
  return {};
}

// "NAME: expected 1 to MAX, found N" for a decimal field outside [min, max]; digits only.
Result<std::uint64_t> parse_limit(std::string_view name, std::string_view word, std::uint64_t min,
                                  std::uint64_t max) {
  const std::string range = std::string(name) + ": expected a decimal number from " +
                            std::to_string(min) + " to " + std::to_string(max) + ", found ";
  std::uint64_t value = 0;
  const bool digits = !word.empty() && word.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) return Error{range + shown(word)};
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc{} || end != word.data() + word.size()) {
    return Error{range + "a number too large (" + std::to_string(word.size()) + " digits)"};
  }
  if (value < min || value > max) return Error{range + std::to_string(value)};
  return value;
}

Result<std::string> parse_bytes(std::string_view name, std::string_view word, std::size_t size) {
  const std::string expected =
      std::string(name) + ": expected base64 of " + std::to_string(size) + " bytes, found ";
  auto raw = base64_decode(word);
  if (!raw) return Error{expected + "text that is not base64"};
  if (raw->size() != size) return Error{expected + std::to_string(raw->size()) + " bytes"};
  return std::move(*raw);
}

}  // namespace

SecretKey::SecretKey(SecretKey&& other) noexcept : bytes_(std::move(other.bytes_)) {
  other.bytes_.clear();
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
  if (this != &other) {
    sodium_memzero(bytes_.data(), bytes_.size());
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

SecretKey::~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

bool is_sealed_key(std::string_view file_text) {
  const std::string_view text = trim(file_text);
  return text.substr(0, kMagicPrefix.size()) == kMagicPrefix;
}

Result<std::string> seal_secret_key(std::span<const unsigned char, 64> secret_key,
                                    std::string_view passphrase, KdfLimits limits) {
  if (passphrase.empty()) return Error{"expected a passphrase, found an empty one"};
  if (!within(limits)) {
    return Error{"expected OPSLIMIT 1 to " + std::to_string(kMaxLimits.opslimit) +
                 " and MEMLIMIT " + std::to_string(kMinLimits.memlimit) + " to " +
                 std::to_string(kMaxLimits.memlimit) + ", found " +
                 std::to_string(limits.opslimit) + " and " + std::to_string(limits.memlimit)};
  }
  if (sodium_init() < 0) return Error{"libsodium cannot initialise (no randomness source)"};
  std::string salt(crypto_pwhash_SALTBYTES, '\0');
  std::string nonce(crypto_secretbox_NONCEBYTES, '\0');
  randombytes_buf(salt.data(), salt.size());
  randombytes_buf(nonce.data(), nonce.size());
  DerivedKey key;
  if (auto derived = derive(key, passphrase, salt, limits); !derived) return derived.error();
  std::string box(crypto_secretbox_MACBYTES + secret_key.size(), '\0');
  crypto_secretbox_easy(bytes_of(box), secret_key.data(), secret_key.size(), bytes_of(nonce),
                        key.bytes.data());
  std::string line(kSealedKeyMagic);
  for (const std::string& word :
       {std::string(kAlgorithm), std::to_string(limits.opslimit), std::to_string(limits.memlimit),
        base64_encode(salt), base64_encode(nonce), base64_encode(box)}) {
    line += ' ';
    line += word;
  }
  line += '\n';
  return line;
}

Result<std::string> seal_secret_key(std::string_view secret_key, std::string_view passphrase,
                                    KdfLimits limits) {
  if (secret_key.size() != kSecretKeyBytes) {
    return Error{"expected a 64-byte Ed25519 secret key, found " +
                 std::to_string(secret_key.size()) + " bytes"};
  }
  return seal_secret_key(std::span<const unsigned char, 64>(bytes_of(secret_key), kSecretKeyBytes),
                         passphrase, limits);
}

Result<SecretKey> open_secret_key(std::string_view file_text, std::string_view passphrase) {
  const std::string_view text = trim(file_text);
  const std::string format = "expected a sealed key (" + std::string(kSealedKeyMagic) +
                             " argon2id13 OPSLIMIT MEMLIMIT SALT NONCE CIPHERTEXT on one line)";
  if (!is_sealed_key(text)) {
    if (text.empty()) return Error{format + ", found an empty file"};
    auto plain = base64_decode(text);
    const bool is_plain = plain && (plain->size() == kSecretKeyBytes || plain->size() == 32);
    if (plain) sodium_memzero(plain->data(), plain->size());
    return Error{format + (is_plain ? ", found a plain (unencrypted) key" : ", found other text")};
  }
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    return Error{format + ", found more than one line"};
  }
  std::vector<std::string_view> words;
  for (std::size_t at = 0;;) {
    const std::size_t space = text.find(' ', at);
    words.push_back(text.substr(at, space == std::string_view::npos ? space : space - at));
    if (space == std::string_view::npos) break;
    at = space + 1;
  }
  if (words[0] != kSealedKeyMagic) {
    return Error{"expected " + std::string(kSealedKeyMagic) + ", found " + shown(words[0]) +
                 " (a format this kioskctl does not read)"};
  }
  if (words.size() != kFields) {
    return Error{format + ", found " + std::to_string(words.size()) +
                 " words separated by single spaces"};
  }
  if (words[1] != kAlgorithm) {
    return Error{"ALGORITHM: expected argon2id13, found " + shown(words[1])};
  }
  // The limits first, before anything is allocated for them.
  const auto ops = parse_limit("OPSLIMIT", words[2], kMinLimits.opslimit, kMaxLimits.opslimit);
  if (!ops) return ops.error();
  const auto mem = parse_limit("MEMLIMIT", words[3], kMinLimits.memlimit, kMaxLimits.memlimit);
  if (!mem) return mem.error();
  const auto salt = parse_bytes("SALT", words[4], crypto_pwhash_SALTBYTES);
  if (!salt) return salt.error();
  const auto nonce = parse_bytes("NONCE", words[5], crypto_secretbox_NONCEBYTES);
  if (!nonce) return nonce.error();
  const auto box = parse_bytes("CIPHERTEXT", words[6], crypto_secretbox_MACBYTES + kSecretKeyBytes);
  if (!box) return box.error();
  if (passphrase.empty()) return Error{"expected a passphrase, found an empty one"};
  if (sodium_init() < 0) return Error{"libsodium cannot initialise (no randomness source)"};

  DerivedKey key;
  if (auto derived = derive(key, passphrase, *salt, KdfLimits{*ops, *mem}); !derived) {
    return derived.error();
  }
  std::string secret(kSecretKeyBytes, '\0');
  if (crypto_secretbox_open_easy(bytes_of(secret), bytes_of(*box), box->size(), bytes_of(*nonce),
                                 key.bytes.data()) != 0) {
    sodium_memzero(secret.data(), secret.size());
    return Error{std::string(kWrongPassphrase)};
  }
  return SecretKey(std::move(secret));
}

}  // namespace kiosk::crypto
