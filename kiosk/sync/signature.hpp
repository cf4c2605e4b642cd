// Ed25519 keys and detached signatures of manifest.json (libsodium), and the standard base64 that
// manifest.sig, PREFIX.pub and PREFIX.key are written in (BUNDLE.md, CLI.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace kiosk::sync {

// Standard base64 with padding (RFC 4648 §4), as manifest.sig and the key files hold it.
std::string base64_encode(std::string_view bytes);
// Decodes standard base64; surrounding whitespace (a trailing newline) is ignored. nullopt when
// the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);

// Raw key bytes: public 32 bytes; secret 64 bytes in libsodium's layout (seed then public key).
struct KeyPair {
  std::string public_key, secret_key;
};
KeyPair generate_keypair();

// PREFIX.key's text -> the 64-byte secret key. Accepts base64 of the 64-byte libsodium secret key
// (what keygen writes) or of a 32-byte seed. An Error when it is neither.
Result<std::string> secret_key_from_text(std::string_view text);
std::string public_key_of(std::string_view secret_key);  // the last 32 bytes of the secret key

// The raw 64-byte detached signature of message.
std::string sign_detached(std::string_view message, std::string_view secret_key);

// Checks manifest.sig's text against the exact manifest bytes under any of the trusted keys
// (each the base64 of 32 bytes, as in PREFIX.pub and the config's content.trusted_keys).
// Succeeds when it verifies, else the reason without the file name:
//   "expected one line of base64 of a 64-byte Ed25519 signature, found …"
//   "no trusted keys configured (content.trusted_keys)"
//   "signature does not verify with any trusted key"
Result<void> check_signature(std::string_view manifest, std::string_view sig_text,
                             const std::vector<std::string>& trusted_keys);

}  // namespace kiosk::sync
