// libsodium's Ed25519 and base64 behind the few calls the project needs.
#include "crypto/signature.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/problem.hpp"
#include "crypto/bytes.hpp"

namespace kiosk::crypto {
namespace {

void init_sodium() {
  // Idempotent and thread-safe; fails only when the system has no randomness source.
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot initialise");
}

using detail::bytes_of;
using detail::trim;

}  // namespace

std::string base64_encode(std::string_view bytes) {
  init_sodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  init_sodium();
  const std::string_view t = trim(text);
  std::string out(t.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes_of(out), out.size(), t.data(), t.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != t.data() + t.size()) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

KeyPair generate_keypair() {
  init_sodium();
  KeyPair kp{std::string(crypto_sign_PUBLICKEYBYTES, '\0'),
             std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  crypto_sign_keypair(bytes_of(kp.public_key), bytes_of(kp.secret_key));
  return kp;
}

Result<std::string> secret_key_from_text(std::string_view text) {
  init_sodium();
  auto raw = base64_decode(text);
  if (!raw || (raw->size() != crypto_sign_SECRETKEYBYTES && raw->size() != crypto_sign_SEEDBYTES)) {
    if (raw) sodium_memzero(raw->data(), raw->size());
    return Error{"expected the base64 of a 64-byte Ed25519 secret key or a 32-byte seed"};
  }
  if (raw->size() == crypto_sign_SECRETKEYBYTES) return std::move(*raw);
  std::string pk(crypto_sign_PUBLICKEYBYTES, '\0');
  std::string sk(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_seed_keypair(bytes_of(pk), bytes_of(sk), bytes_of(*raw));
  sodium_memzero(raw->data(), raw->size());
  return sk;
}

std::string public_key_of(std::string_view secret_key) {
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) return {};
  return std::string(secret_key.substr(crypto_sign_SECRETKEYBYTES - crypto_sign_PUBLICKEYBYTES));
}

std::string sign_detached(std::string_view message, std::string_view secret_key) {
  init_sodium();
  std::string sig(crypto_sign_BYTES, '\0');
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) return {};
  crypto_sign_detached(bytes_of(sig), nullptr, bytes_of(message), message.size(),
                       bytes_of(secret_key));
  return sig;
}

Result<void> check_signature(std::string_view manifest, std::string_view sig_text,
                             const std::vector<std::string>& trusted_keys) {
  init_sodium();
  const std::string_view line = trim(sig_text);
  const auto sig = base64_decode(line);
  if (!sig || sig->size() != crypto_sign_BYTES || line.find('\n') != std::string_view::npos) {
    return Error{"expected one line of base64 of a 64-byte Ed25519 signature, found " +
                 quote_found(line)};
  }
  if (trusted_keys.empty()) return Error{"no trusted keys configured (content.trusted_keys)"};
  for (const auto& key_text : trusted_keys) {
    const auto key = base64_decode(key_text);
    if (!key || key->size() != crypto_sign_PUBLICKEYBYTES) continue;
    if (crypto_sign_verify_detached(bytes_of(*sig), bytes_of(manifest), manifest.size(),
                                    bytes_of(*key)) == 0) {
      return {};
    }
  }
  return Error{"signature does not verify with any trusted key"};
}

}  // namespace kiosk::crypto
