// The administrator's PIN (4–12 digits) for the 维护 screen's 退出: stored as libsodium's Argon2id
// string (admin.pin_hash, made by `kioskctl pin-hash`) or, legacy, as an unsalted SHA-256
// (admin.pin_sha256, accepted with a warning). The UI never hashes: the app hands it verify_pin.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "core/result.hpp"

namespace kiosk::config {

inline constexpr std::size_t kPinMinDigits = 4, kPinMaxDigits = 12;

// The cost of the hashes hash_pin makes (about 0.1–0.5 s per check on a kiosk's CPU) and the most
// a configured hash may ask for, so a tap on 退出 never stalls the screen for long or exhausts
// memory.
inline constexpr unsigned long long kPinHashOps = 3, kPinHashMemory = 64ull << 20;
inline constexpr unsigned long long kPinHashMaxOps = 8, kPinHashMaxMemory = 256ull << 20;

// True for 4–12 ASCII digits.
bool is_pin(std::string_view pin);

// libsodium's Argon2id string ("$argon2id$v=19$m=65536,t=3,p=1$salt$hash", random salt) for pin;
// an Error (one line, never quoting the PIN) when pin is not 4–12 digits or hashing fails.
Result<std::string> hash_pin(std::string_view pin);

// Whether text can be an admin.pin_hash; the error ("expected …, found …") never quotes it.
Result<void> check_pin_hash(std::string_view text);

// Whether a PIN is configured (admin.pin_hash or admin.pin_sha256).
bool has_pin(const Config::Admin& admin);

// Whether pin is the configured PIN: admin.pin_hash when set (crypto_pwhash_str_verify), else the
// legacy admin.pin_sha256 (compared in constant time). False when no PIN is configured.
bool verify_pin(const Config::Admin& admin, std::string_view pin);

}  // namespace kiosk::config
