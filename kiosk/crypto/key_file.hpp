// Ed25519 secret keys at rest: a key file sealed with a passphrase (libsodium Argon2id13 +
// XSalsa20-Poly1305 secretbox) in one self-describing line; the format is in docs/KEYS.md.
//
// Contract:
//   - A sealed key file is exactly one line (a trailing newline is allowed):
//       kiosk-sealed-key-v1 argon2id13 OPSLIMIT MEMLIMIT SALT NONCE CIPHERTEXT
//     OPSLIMIT and MEMLIMIT are decimal (crypto_pwhash's limits, MEMLIMIT in bytes), SALT (16
//     bytes), NONCE (24 bytes) and CIPHERTEXT (the 64-byte secret key + 16-byte MAC) are
//     standard base64 with padding. The key that seals is crypto_pwhash(ARGON2ID13, OPSLIMIT,
//     MEMLIMIT, SALT, passphrase), so changing a parameter makes the file not open.
//   - A plain key file (one base64 line, what `kioskctl keygen` writes without a passphrase) is
//     not sealed: is_sealed_key() is false, and crypto::secret_key_from_text reads it as before.
//   - open_secret_key checks every field and refuses OPSLIMIT/MEMLIMIT outside kMaxLimits BEFORE
//     running Argon2: a hostile file cannot make it allocate gigabytes or spin for minutes.
//   - An empty passphrase is refused by both seal and open (sealing with "" is a plain key
//     that looks protected). Any other passphrase is taken as its exact bytes (UTF-8); callers
//     reading it from a file strip one trailing newline before calling.
//   - No error line contains the passphrase, the secret key or the file's text (not even in
//     part): only field names, sizes and the numbers OPSLIMIT and MEMLIMIT. A wrong passphrase
//     and a changed ciphertext both give kWrongPassphrase (they cannot be told apart).
//   - The derived key and every intermediate copy of the secret are wiped (sodium_memzero) before
//     the functions return; SecretKey wipes its bytes when it is destroyed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kiosk::crypto {

// A 64-byte Ed25519 secret key (libsodium's layout: seed then public key) that wipes itself.
// Move-only, so no stray copy of the secret outlives it.
class SecretKey {
 public:
  SecretKey() = default;
  explicit SecretKey(std::string bytes) noexcept : bytes_(std::move(bytes)) {}
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  SecretKey(SecretKey&& other) noexcept;
  SecretKey& operator=(SecretKey&& other) noexcept;
  ~SecretKey();
  // The raw bytes, for crypto::sign_detached and public_key_of.
  [[nodiscard]] std::string_view bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// Argon2id's work factors as stored in the file.
struct KdfLimits {
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit = 0;  // bytes
};
// What seal_secret_key uses unless told otherwise: libsodium's MODERATE (3 passes over 256 MiB,
// about a second on an office PC), for a key used a few times a day.
inline constexpr KdfLimits kDefaultLimits{3, 268435456};
// The most a file may ask for: opening refuses more before allocating anything.
inline constexpr KdfLimits kMaxLimits{10, 268435456};
// The least: libsodium's own minimum for Argon2id (tests seal with it to run fast).
inline constexpr KdfLimits kMinLimits{1, 8192};

// The file's first word; is_sealed_key() looks for "kiosk-sealed-key-" (any version).
inline constexpr std::string_view kSealedKeyMagic = "kiosk-sealed-key-v1";
inline constexpr std::string_view kWrongPassphrase =
    "wrong passphrase, or the sealed key was changed (it does not decrypt)";

// True when the text is a sealed key file of any version (its first word starts with
// "kiosk-sealed-key-"), even a damaged one: the caller asks for the passphrase and open reports
// the damage. False for a plain base64 key and anything else.
bool is_sealed_key(std::string_view file_text);

// The sealed file's text (one line ending in '\n') for a 64-byte secret key. Errors: an empty
// passphrase, limits outside [kMinLimits, kMaxLimits], a secret key that is not 64 bytes, or
// libsodium failing (out of memory for MEMLIMIT).
Result<std::string> seal_secret_key(std::span<const unsigned char, 64> secret_key,
                                    std::string_view passphrase, KdfLimits limits = kDefaultLimits);
Result<std::string> seal_secret_key(std::string_view secret_key, std::string_view passphrase,
                                    KdfLimits limits = kDefaultLimits);

// The secret key of a sealed file's text. Errors, one line each, naming the field:
//   "expected a sealed key (kiosk-sealed-key-v1 …), found a plain key" and the like for the
//   format, "OPSLIMIT: expected 1 to 10, found 4294967295", "SALT: expected base64 of 16 bytes,
//   found 12 bytes", "expected a passphrase, found an empty one", kWrongPassphrase.
Result<SecretKey> open_secret_key(std::string_view file_text, std::string_view passphrase);

}  // namespace kiosk::crypto
