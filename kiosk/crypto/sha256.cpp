// SHA-256 through OpenSSL's libcrypto, loaded with dlopen on the first hash, libsodium as the
// fallback; see sha256.hpp.
#include "crypto/sha256.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include "core/lazy_library.hpp"

namespace kiosk::crypto {
namespace {

// libcrypto's two functions this file calls. Loaded on the first hash, not linked: a kiosk
// showing a bundle without a manifest (or `kiosk --screenshot` of one) never hashes, and linking
// libcrypto cost every start about 1.2 ms of dynamic loading. The soname is Debian 12's
// (libssl3); when it cannot be loaded, libsodium hashes instead (slower, the same digest).
struct Libcrypto {
  decltype(&::EVP_Digest) digest = nullptr;
  decltype(&::EVP_sha256) sha256 = nullptr;
};

const Libcrypto& libcrypto() {
  static LazyLibrary lib("libcrypto.so.3");
  static const Libcrypto loaded = [] {
    Libcrypto l{lib.function<decltype(&::EVP_Digest)>("EVP_Digest"),
                lib.function<decltype(&::EVP_sha256)>("EVP_sha256")};
    return l.digest != nullptr && l.sha256 != nullptr ? l : Libcrypto{};
  }();
  return loaded;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  // OpenSSL uses the CPU's SHA extensions; libsodium's portable code is the fallback.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const Libcrypto& openssl = libcrypto();
  if (openssl.digest == nullptr ||
      openssl.digest(bytes.data(), bytes.size(), digest, &length, openssl.sha256(), nullptr) != 1 ||
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
