// SHA-256 of bytes as lowercase hex: the bundle's file hashes (manifest.json), content-addressed
// object names, S3 payload hashes and CSV ids all use this one function.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::crypto {

// 64 lowercase hex digits. OpenSSL's libcrypto (SHA-NI / AVX2: 6 MB in about 4 ms against
// libsodium's 30 ms), libsodium's portable code when OpenSSL refuses.
std::string sha256_hex(std::string_view bytes);

}  // namespace kiosk::crypto
