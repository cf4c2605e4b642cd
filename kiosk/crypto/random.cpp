// Random hex names and secret wiping through libsodium; see random.hpp.
#include "crypto/random.hpp"

#include <sodium.h>
#include <unistd.h>

namespace kiosk::crypto {

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (sodium_init() < 0)
    return std::to_string(::getpid());  // no randomness source: still unique enough
  randombytes_buf(raw.data(), raw.size());
  std::string out(raw.size() * 2 + 1, '\0');  // sodium_bin2hex writes the terminating NUL too
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  out.pop_back();
  return out;
}

void wipe(std::string& secret) { sodium_memzero(secret.data(), secret.size()); }

}  // namespace kiosk::crypto
