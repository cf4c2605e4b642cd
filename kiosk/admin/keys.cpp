// Key files: keygen (plain or sealed with a passphrase) and loading a secret key for signing.
#include "admin/keys.hpp"

#include <sys/stat.h>

#include <cstdio>

#include "config/config.hpp"
#include "core/files.hpp"
#include "crypto/random.hpp"
#include "crypto/signature.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;

namespace {

std::string first_line(std::string_view text) {
  return std::string(text.substr(0, text.find_first_of("\r\n")));
}

}  // namespace

Result<KeygenReport> keygen(const std::string& prefix, bool force,
                            std::optional<std::string_view> passphrase) {
  KeygenReport report;
  report.key = prefix + ".key";
  report.pub = prefix + ".pub";
  std::error_code ec;
  if (!force && (fs::exists(report.key, ec) || fs::exists(report.pub, ec))) {
    return Error{report.key.string() +
                 ": exists; refusing to overwrite a key (--force replaces it)"};
  }
  if (passphrase && passphrase->empty()) {
    return Error{report.key.string() + ": expected a passphrase, found an empty one"};
  }
  auto kp = crypto::generate_keypair();
  std::string secret_text;
  if (passphrase) {
    auto sealed = crypto::seal_secret_key(std::string_view(kp.secret_key), *passphrase);
    crypto::wipe(kp.secret_key);
    if (!sealed) return Error{report.key.string() + ": " + sealed.error().what};
    secret_text = std::move(*sealed);
    report.sealed = true;
  } else {
    secret_text = crypto::base64_encode(kp.secret_key) + "\n";
    crypto::wipe(kp.secret_key);
  }
  const auto key_error = files::write_atomic(report.key, secret_text, 0600);
  crypto::wipe(secret_text);
  if (!key_error) return Error{report.key.string() + ": " + key_error.error().what};
  report.public_key = crypto::base64_encode(kp.public_key);
  if (auto e = files::write_atomic(report.pub, report.public_key + "\n", 0644); !e)
    return Error{report.pub.string() + ": " + e.error().what};
  return report;
}

bool is_encrypted(const fs::path& key_file) {
  auto r = files::read(key_file, 4096);
  if (!r) return false;
  const bool sealed = crypto::is_sealed_key(*r);
  crypto::wipe(*r);
  return sealed;
}

Result<LoadedKey> load_secret_key(const fs::path& key_path, const PassphraseSource& ask) {
  // The secret key: never a public key, and from a file only its owner can open.
  const std::string key_name = key_path.string();
  const std::string use_key_file = "; sign with the .key file kioskctl keygen wrote";
  if (key_path.extension() == ".pub") return Error{key_name + " is a public key" + use_key_file};
  struct stat st {};
  if (::stat(key_path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Error{key_name + " is " + ((st.st_mode & 044) != 0 ? "readable" : "writable") +
                 " by others (mode " + mode + "): chmod 600 " + key_name};
  }
  auto key_read = files::read(key_path, 4096);
  if (!key_read) return Error{key_name + ": " + key_read.error().what};
  return load_secret_key_text(std::move(*key_read), key_name, ask);
}

Result<LoadedKey> load_secret_key_text(std::string key_text, const std::string& key_name,
                                       const PassphraseSource& ask) {
  const std::string use_key_file = "; sign with the .key file kioskctl keygen wrote";
  auto* key_read = &key_text;
  LoadedKey loaded;
  if (crypto::is_sealed_key(*key_read)) {
    if (!ask) {
      crypto::wipe(*key_read);
      return Error{key_name + ": sealed with a passphrase; expected the passphrase, found none"};
    }
    auto passphrase = ask();
    if (!passphrase) {
      crypto::wipe(*key_read);
      return Error{passphrase.error().what};
    }
    auto opened = crypto::open_secret_key(*key_read, *passphrase);
    crypto::wipe(*passphrase);
    crypto::wipe(*key_read);
    if (!opened) return Error{key_name + ": " + opened.error().what};
    loaded.secret = std::move(*opened);
    loaded.sealed = true;
  } else {
    if (config::is_ed25519_public_key(first_line(*key_read))) {
      crypto::wipe(*key_read);
      return Error{key_name + " holds a public key (32 bytes, as in a .pub file)" + use_key_file};
    }
    auto secret = crypto::secret_key_from_text(*key_read);
    crypto::wipe(*key_read);
    if (!secret) {
      return Error{key_name +
                   ": expected the base64 of a 64-byte Ed25519 secret key as kioskctl keygen "
                   "writes it, found something else"};
    }
    loaded.secret = crypto::SecretKey(std::move(*secret));
  }
  loaded.public_key = crypto::base64_encode(crypto::public_key_of(loaded.secret.bytes()));
  return loaded;
}

Result<std::string> read_passphrase_file(const fs::path& file) {
  auto r = files::read(file, 4096);
  if (!r) return Error{file.string() + ": " + r.error().what};
  std::string line = first_line(*r);
  crypto::wipe(*r);
  if (line.empty()) {
    return Error{file.string() +
                 ": expected the passphrase on the first line, found an empty line"};
  }
  return line;
}

}  // namespace kiosk::admin
