// SHA-256 through OpenSSL's libcrypto, libsodium as the fallback; see sha256.hpp.
#include "crypto/sha256.hpp"

#include <openssl/evp.h>
#include <sodium.h>

namespace kiosk::crypto {

std::string sha256_hex(std::string_view bytes) {
  // OpenSSL uses the CPU's SHA extensions; libsodium's portable code is the fallback.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1 ||
      length != crypto_hash_sha256_BYTES) {
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    length = crypto_hash_sha256_BYTES;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace kiosk::crypto
