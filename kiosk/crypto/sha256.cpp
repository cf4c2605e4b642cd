// SHA-256 through OpenSSL's libcrypto, loaded with dlopen on the first hash, libsodium as the
// fallback; see sha256.hpp.
#include "crypto/sha256.hpp"

#include <dlfcn.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <mutex>

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
  static Libcrypto loaded;
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) return;
    // POSIX guarantees dlsym's object pointer converts to a function pointer.
    auto* digest = reinterpret_cast<decltype(&::EVP_Digest)>(dlsym(lib, "EVP_Digest"));
    auto* sha256 = reinterpret_cast<decltype(&::EVP_sha256)>(dlsym(lib, "EVP_sha256"));
    if (digest != nullptr && sha256 != nullptr) loaded = {digest, sha256};
  });
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
