// The kiosk's own identity: its kiosk_id and the Ed25519 key it makes at first start in state_dir
// (FLEET.md "A kiosk's identity"), which signs its display log and its reports.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kiosk::fleet {

// Contract:
//   - The secret key lives in STATE_DIR/identity.key: one line, standard base64 of libsodium's
//     64-byte Ed25519 secret key (the layout of `kioskctl keygen`'s PREFIX.key), mode 0600,
//     written atomically (temporary file, fsync, rename, fsync of the directory). It never leaves
//     the machine and is never printed, logged or put in an error line, not even in part.
//   - STATE_DIR/identity.pub holds the public key (one base64 line, as PREFIX.pub) for enrolment;
//     it is rewritten from the secret key when missing or different.
//   - state_dir is created (mode 0700) when missing; under systemd StateDirectory=kiosk makes it.
//   - An existing key file readable by group or others is narrowed to 0600 before it is used.
//   - An empty kiosk_id means the host name (config `kiosk_id`, default "").
inline constexpr std::string_view kSecretKeyFile = "identity.key";
inline constexpr std::string_view kPublicKeyFile = "identity.pub";

struct Identity {
  std::string kiosk_id;
  std::string public_key;  // base64 of the 32-byte Ed25519 public key, as in PREFIX.pub
  std::string secret_key;  // raw 64 bytes (libsodium layout); never printed
};

// The key in state_dir, made at first start. Errors name the file and what is wrong, never the
// key: "/var/lib/kiosk/identity.key: expected base64 of a 64-byte Ed25519 secret key, found 12
// bytes of something else".
Result<Identity> load_or_create_identity(const std::filesystem::path& state_dir,
                                         std::string kiosk_id);

// The host name (gethostname) with anything but [A-Za-z0-9._-] as '-', at most 64 characters;
// "kiosk" when the system has none. kiosk_id's default.
std::string host_name();

}  // namespace kiosk::fleet
