// Random hex names and secret wiping through libsodium; see random.hpp.
#include "crypto/random.hpp"

#include <sodium.h>
#include <unistd.h>

namespace kiosk::crypto {

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (sodium_init() < 0) return std::to_string(::getpid());  // no randomness source: still unique enough
  randombytes_buf(raw.data(), raw.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : raw) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4], out += kHex[b & 15];
  }
  return out;
}

void wipe(std::string& secret) { sodium_memzero(secret.data(), secret.size()); }

}  // namespace kiosk::crypto
