// Hashing and checking the administrator's PIN with libsodium; see pin.hpp.
#include "config/pin.hpp"

#include <sodium.h>

#include <array>

namespace kiosk::config {
namespace {

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

// The number after "name=" in an Argon2 parameter list ("m=65536,t=3,p=1"); nullopt when absent.
std::optional<unsigned long long> parameter(std::string_view text, std::string_view name) {
  const std::string key = "$" + std::string(name) + "=";
  const std::string key2 = "," + std::string(name) + "=";
  auto at = text.find(key);
  if (at == std::string_view::npos) at = text.find(key2);
  if (at == std::string_view::npos) return std::nullopt;
  unsigned long long v = 0;
  std::size_t i = at + key.size(), digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 12; ++i, ++digits)
    v = v * 10 + static_cast<unsigned>(text[i] - '0');
  if (digits == 0) return std::nullopt;
  return v;
}

}  // namespace

bool is_pin(std::string_view pin) {
  if (pin.size() < kPinMinDigits || pin.size() > kPinMaxDigits) return false;
  for (const char c : pin) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Result<std::string> hash_pin(std::string_view pin) {
  if (!is_pin(pin)) {
    return Error{
        "expected a PIN of 4 to 12 digits, found " +
        (pin.empty() ? std::string("nothing") : std::to_string(pin.size()) + " characters")};
  }
  if (sodium_init() < 0) {
    return Error{"libsodium cannot be initialised"};
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), pin.data(), pin.size(), kPinHashOps, kPinHashMemory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error{"Argon2id hashing failed (out of memory?)"};
  }
  return std::string(out.data());
}

Result<void> check_pin_hash(std::string_view text) {
  const std::string found = "found a string of " + std::to_string(text.size()) + " characters";
  if (text.rfind(kArgon2idPrefix, 0) != 0 || text.size() >= crypto_pwhash_STRBYTES) {
    return Error{
        "expected the Argon2id hash of a 4-12 digit PIN as kioskctl pin-hash prints it "
        "($argon2id$…), " +
        found};
  }
  if (sodium_init() < 0) return Error{"libsodium cannot be initialised"};
  const std::string nul_terminated(text);
  if (crypto_pwhash_str_needs_rehash(nul_terminated.c_str(), kPinHashOps, kPinHashMemory) == -1) {
    return Error{
        "expected the Argon2id hash of a 4-12 digit PIN as kioskctl pin-hash prints it "
        "($argon2id$…), " +
        found + " that is not a whole Argon2id string"};
  }
  const auto m = parameter(text, "m"), t = parameter(text, "t");
  if (!m || !t || *m * 1024 > kPinHashMaxMemory || *t > kPinHashMaxOps) {
    return Error{
        "expected an Argon2id hash costing at most " + std::to_string(kPinHashMaxMemory >> 20) +
        " MiB and " + std::to_string(kPinHashMaxOps) +
        " passes (kioskctl pin-hash makes one), found m=" + (m ? std::to_string(*m) : "?") +
        " KiB, t=" + (t ? std::to_string(*t) : "?")};
  }
  return {};
}

bool has_pin(const Config::Admin& admin) {
  return !admin.pin_hash.empty() || !admin.pin_sha256.empty();
}

bool verify_pin(const Config::Admin& admin, std::string_view pin) {
  if (!is_pin(pin) || sodium_init() < 0) return false;
  if (!admin.pin_hash.empty()) {
    return crypto_pwhash_str_verify(admin.pin_hash.c_str(), pin.data(), pin.size()) == 0;
  }
  if (admin.pin_sha256.size() != 2 * crypto_hash_sha256_BYTES) return false;
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(pin.data()), pin.size());
  std::array<char, 2 * crypto_hash_sha256_BYTES + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return sodium_memcmp(hex.data(), admin.pin_sha256.data(), admin.pin_sha256.size()) == 0;
}

}  // namespace kiosk::config
