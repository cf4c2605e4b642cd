// The kiosk's Ed25519 key in state_dir: made once, atomically, mode 0600, never shown.
#include "fleet/identity.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/files.hpp"
#include "crypto/random.hpp"
#include "crypto/signature.hpp"

namespace kiosk::fleet {

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0' || buf[0] == '.') return "kiosk";
  // kiosk_id names a folder on the report server: only [A-Za-z0-9._-], at most 64.
  std::string name(buf);
  if (name.size() > 64) name.resize(64);
  for (char& ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
          ch == '.' || ch == '_' || ch == '-'))
      ch = '-';
  return name;
}

Result<Identity> load_or_create_identity(const std::filesystem::path& state_dir,
                                         std::string kiosk_id) {
  std::error_code ec;
  if (!std::filesystem::is_directory(state_dir, ec)) {
    std::filesystem::create_directories(state_dir, ec);
    if (ec)
      return Error{state_dir.string() + ": cannot create the state directory: " + ec.message()};
    ::chmod(state_dir.c_str(), 0700);
  }
  Identity id;
  id.kiosk_id = kiosk_id.empty() ? host_name() : std::move(kiosk_id);
  const auto key_path = state_dir / kSecretKeyFile;
  struct stat st {};
  if (::lstat(key_path.c_str(), &st) == 0) {
    // Narrow a key someone made readable; the kiosk's key is its alone.
    if (S_ISREG(st.st_mode) && (st.st_mode & 077) != 0 && ::chmod(key_path.c_str(), 0600) != 0)
      return Error{key_path.string() + ": expected mode 0600, found " +
                   std::to_string(st.st_mode & 0777) +
                   " and cannot change it: " + std::strerror(errno)};
    auto text = files::read(key_path, 4096);
    if (!text) return Error{key_path.string() + ": " + text.error().what};
    auto secret = crypto::secret_key_from_text(*text);
    crypto::wipe(*text);
    if (!secret)
      return Error{key_path.string() +
                   ": expected one line of base64 of a 64-byte Ed25519 secret key (the kiosk's "
                   "identity); move it aside and start the kiosk to make a new one (then enrol "
                   "the new public key)"};
    id.secret_key = std::move(*secret);
  } else if (errno == ENOENT) {
    // Two processes starting at once (the kiosk and kiosk --report-once) must end with one key:
    // the new key is written whole to a temporary file and linked into place, which fails when
    // the other was first; then its key is the one.
    auto pair = crypto::generate_keypair();
    std::string line = crypto::base64_encode(pair.secret_key) + "\n";
    const auto tmp = state_dir / (".identity.key.tmp" + crypto::random_hex(8));
    auto written = files::write_atomic(tmp, line, 0600);
    crypto::wipe(line);
    if (!written) {
      crypto::wipe(pair.secret_key);
      return Error{key_path.string() +
                   ": cannot write the kiosk's new key: " + written.error().what};
    }
    const bool linked = ::link(tmp.c_str(), key_path.c_str()) == 0;
    const int link_errno = errno;
    ::unlink(tmp.c_str());
    if (!linked) {
      crypto::wipe(pair.secret_key);
      if (link_errno == EEXIST) return load_or_create_identity(state_dir, id.kiosk_id);
      return Error{key_path.string() +
                   ": cannot write the kiosk's new key: " + std::strerror(link_errno)};
    }
    (void)files::sync_directory(state_dir);
    id.secret_key = std::move(pair.secret_key);
  } else {
    return Error{key_path.string() + ": cannot read: " + std::strerror(errno)};
  }
  id.public_key = crypto::base64_encode(crypto::public_key_of(id.secret_key));
  // identity.pub for enrolment: rewritten when missing or not this key's (a best effort: the
  // key itself is what matters, and `kiosk --identity` prints the same line).
  const auto pub_path = state_dir / kPublicKeyFile;
  const std::string pub_line = id.public_key + "\n";
  auto existing = files::read(pub_path, 4096);
  if (!existing || *existing != pub_line) (void)files::write_atomic(pub_path, pub_line, 0644);
  return id;
}

}  // namespace kiosk::fleet
