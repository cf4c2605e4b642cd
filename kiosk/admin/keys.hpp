// The office's Ed25519 signing key on disk: keygen (optionally sealed under a passphrase with
// crypto/key_file.hpp), and loading PREFIX.key for sign (the passphrase asked only when sealed).
//
// Key files (CLI.md): PREFIX.pub is one line, the standard base64 of the 32-byte public key (what
// content.trusted_keys lists). PREFIX.key, mode 0600, is either one line of the standard base64 of
// libsodium's 64-byte secret key (a plain key), or one line "kiosk-sealed-key-v1 argon2id13 …"
// (sealed: Argon2id + secretbox, docs/ of lane package). A secret or passphrase never appears in
// any message this module returns.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/key_file.hpp"

namespace kiosk::admin {

struct KeygenReport {
  std::filesystem::path key, pub;
  std::string public_key;  // base64
  bool sealed = false;
};

// Writes PREFIX.key (mode 0600; sealed when a passphrase is given) and PREFIX.pub (0644).
// Refuses to overwrite either unless `force`: "PREFIX.key: exists; refusing to overwrite a key
// (--force replaces it)". An empty passphrase is refused.
Result<KeygenReport> keygen(const std::string& prefix, bool force,
                            std::optional<std::string_view> passphrase = std::nullopt);

// True when the file is a sealed (passphrase-protected) key; false when plain or unreadable.
bool is_encrypted(const std::filesystem::path& key_file);

// Asked for the passphrase; called only for a sealed key. An Error ends the load with its line.
using PassphraseSource = std::function<Result<std::string>()>;

struct LoadedKey {
  crypto::SecretKey secret;  // the 64-byte libsodium secret key; wiped when destroyed
  bool sealed = false;       // false: a plain key (the CLI and the console warn)
  std::string public_key;    // base64
};

// Loads a secret key for signing. Refusals, one line each, naming the file and never its content:
// a ".pub" path or a 32-byte public key inside ("… is a public key; sign with the .key file
// kioskctl keygen wrote"), a file others can read or write ("… is readable by others (mode 0644):
// chmod 600 …"), something that is no key, a wrong passphrase ("PREFIX.key: wrong passphrase …").
Result<LoadedKey> load_secret_key(const std::filesystem::path& key_file,
                                  const PassphraseSource& ask_passphrase);

// The same from a key file's text (the console's co-signature: a key file uploaded, never
// stored); `key_name` names it in messages. The text is wiped.
Result<LoadedKey> load_secret_key_text(std::string key_text, const std::string& key_name,
                                       const PassphraseSource& ask_passphrase);

// The passphrase in a file (`--passphrase-file F`): its first line, without the line break.
// Error when unreadable or empty (the message names the file, never its content).
Result<std::string> read_passphrase_file(const std::filesystem::path& file);

}  // namespace kiosk::admin
