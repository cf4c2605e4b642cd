// kioskctl keygen and sign: Ed25519 keys for bundles, and manifest.json + manifest.sig for a
// directory.
//
// Key files (CLI.md): PREFIX.pub is one line, the standard base64 of the 32-byte public key (what
// content.trusted_keys lists). PREFIX.key is one line, the standard base64 of libsodium's 64-byte
// Ed25519 secret key (the 32-byte seed followed by the public key), mode 0600. `sign` takes only
// that form, from a file no one else can read: a 32-byte value is what a .pub file holds, and
// taking it as a seed would let anyone holding the public key sign.
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "config/config.hpp"
#include "content/bundle_files.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "core/civil_date.hpp"
#include "core/files.hpp"
#include "crypto/random.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {
namespace fs = std::filesystem;

namespace {

constexpr int kDefaultExpiresInDays = 30;

// --flag VALUE options and positional arguments, in any order.
struct Parsed {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::string error;
};

Parsed parse_args(const Args& args, const std::vector<std::string>& with_value,
                  const std::vector<std::string>& flags, const std::string& command) {
  Parsed p;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) == 0) {
      if (std::find(flags.begin(), flags.end(), a) != flags.end()) {
        p.options.emplace(a, std::string());  // a flag: present or not
      } else if (std::find(with_value.begin(), with_value.end(), a) != with_value.end()) {
        if (i + 1 >= args.size()) {
          p.error = "kioskctl " + command + ": " + a + " expects a value";
          return p;
        }
        p.options[a] = args[++i];
      } else {
        p.error =
            "kioskctl " + command + ": unknown option " + a + " (kioskctl " + command + " --help)";
        return p;
      }
    } else {
      p.positional.push_back(a);
    }
  }
  return p;
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find_first_of("\r\n"));
}

std::optional<long long> parse_integer(const std::string& text, long long min, long long max) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  long long v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < min || v > max) return std::nullopt;
  return v;
}

}  // namespace

int cmd_keygen(const Args& args, std::ostream& out, std::ostream& err) {
  const auto p = parse_args(args, {"--out"}, {"--force"}, "keygen");
  if (!p.error.empty()) {
    err << p.error << "\n";
    return 2;
  }
  if (!p.positional.empty() || !p.options.contains("--out") || p.options.at("--out").empty()) {
    err << "kioskctl keygen: expected --out PREFIX and nothing else\n";
    return 2;
  }
  const std::string prefix = p.options.at("--out");
  const fs::path key_path = prefix + ".key", pub_path = prefix + ".pub";
  std::error_code ec;
  if (!p.options.contains("--force") && (fs::exists(key_path, ec) || fs::exists(pub_path, ec))) {
    err << key_path.string() << ": exists; refusing to overwrite a key (--force replaces it)\n";
    return 1;
  }
  auto kp = crypto::generate_keypair();
  std::string secret_text = crypto::base64_encode(kp.secret_key) + "\n";
  crypto::wipe(kp.secret_key);
  const auto key_written = files::write_atomic(key_path, secret_text, 0600);
  crypto::wipe(secret_text);
  if (!key_written) {
    err << key_path.string() << ": " << key_written.error().what << "\n";
    return 1;
  }
  const std::string pub_text = crypto::base64_encode(kp.public_key);
  if (auto e = files::write_atomic(pub_path, pub_text + "\n", 0644); !e) {
    err << pub_path.string() << ": " << e.error().what << "\n";
    return 1;
  }
  out << "wrote " << key_path.string() << " (secret, mode 0600) and " << pub_path.string()
      << "; public key " << pub_text << "\n";
  return 0;
}

int cmd_sign(const Args& args, std::ostream& out, std::ostream& err) {
  const auto p = parse_args(args, {"--key", "--version", "--expires-in"}, {}, "sign");
  if (!p.error.empty()) {
    err << p.error << "\n";
    return 2;
  }
  if (p.positional.size() != 1 || !p.options.contains("--key")) {
    err << "kioskctl sign: expected DIR --key PREFIX.key [--version N] [--expires-in DAYS]\n";
    return 2;
  }
  const fs::path dir = p.positional[0];
  std::optional<long long> version;
  if (p.options.contains("--version")) {
    version = parse_integer(p.options.at("--version"), 1, 1LL << 53);
    if (!version) {
      err << "kioskctl sign: --version: expected a whole number from 1, found "
          << quote_found(p.options.at("--version")) << "\n";
      return 2;
    }
  }
  long long days = kDefaultExpiresInDays;
  if (p.options.contains("--expires-in")) {
    const auto d = parse_integer(p.options.at("--expires-in"), 1, 3650);
    if (!d) {
      err << "kioskctl sign: --expires-in: expected days from 1 to 3650, found "
          << quote_found(p.options.at("--expires-in")) << "\n";
      return 2;
    }
    days = *d;
  }

  // The secret key: never a public key, and from a file only its owner can open.
  const fs::path key_path = p.options.at("--key");
  const std::string key_name = key_path.string();
  const std::string use_key_file = "; sign with the .key file kioskctl keygen wrote";
  if (key_path.extension() == ".pub") {
    err << key_name << " is a public key" << use_key_file << "\n";
    return 1;
  }
  struct stat st {};
  if (::stat(key_path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    err << key_name << " is " << ((st.st_mode & 044) != 0 ? "readable" : "writable")
        << " by others (mode " << mode << "): chmod 600 " << key_name << "\n";
    return 1;
  }
  auto key_read = files::read(key_path, 4096);
  if (!key_read) {
    err << key_name << ": " << key_read.error().what << "\n";
    return 1;
  }
  if (config::is_ed25519_public_key(first_line(*key_read))) {
    crypto::wipe(*key_read);
    err << key_name << " holds a public key (32 bytes, as in a .pub file)" << use_key_file << "\n";
    return 1;
  }
  auto secret = crypto::secret_key_from_text(*key_read);
  crypto::wipe(*key_read);
  if (!secret) {
    err << key_name
        << ": expected the base64 of a 64-byte Ed25519 secret key as kioskctl keygen writes it, "
           "found "
           "something else\n";
    return 1;
  }

  // The content files: the three JSON files and every regular file under assets/.
  std::map<std::string, std::string> files_in;
  Problems problems;
  const auto read = [&](const std::string& name) {
    auto r = files::read(dir / name, content::limits::kMaxFileBytes);
    if (!r) {
      problems.push_back({name, "", r.error().what});
      return;
    }
    files_in[name] = std::move(*r);
  };
  for (const char* name : content::bundle_files::kContentFiles) read(name);
  std::error_code ec;
  if (fs::is_directory(dir / "assets", ec)) {
    for (auto it = fs::recursive_directory_iterator(dir / "assets", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && !it->is_symlink(ec))
        read(fs::relative(it->path(), dir, ec).generic_string());
    }
  }
  if (problems.empty()) {
    auto loaded = content::load_bundle(files_in);
    problems = std::move(loaded.problems);
  }
  if (!problems.empty()) {
    for (const auto& pr : problems) err << pr.line() << "\n";
    return 1;
  }

  // The version: --version, else one above the manifest already there, else 1.
  if (!version) {
    version = 1;
    if (auto existing = files::read(dir / content::bundle_files::kManifest, 4ull << 20); existing) {
      const auto j = nlohmann::json::parse(*existing, nullptr, false);
      const auto v = j.is_object() ? j.find("version") : j.end();
      if (!j.is_object() || v == j.end() || !v->is_number_integer() || v->get<long long>() < 0) {
        err << "manifest.json: version: expected the existing version to count on from, found "
               "none; "
               "pass --version N\n";
        return 1;
      }
      version = v->get<long long>() + 1;
    }
  }

  const long long now = static_cast<long long>(std::time(nullptr));
  nlohmann::ordered_json m;
  m["schema"] = 1;
  m["version"] = *version;
  m["issued_at"] = format_rfc3339_cst(now);
  m["expires_at"] = format_rfc3339_cst(now + days * 86400);
  nlohmann::ordered_json listed = nlohmann::ordered_json::object();
  for (const auto& [name, bytes] : files_in) {
    // "path": where publish puts it on the server (content-addressed, never overwritten).
    const std::string sha = crypto::sha256_hex(bytes);
    listed[name] = {{"sha256", sha},
                    {"size", bytes.size()},
                    {"path", content::content_addressed_path(name, sha)}};
  }
  m["files"] = listed;
  const std::string manifest = m.dump(2) + "\n";

  // The whole bundle as a kiosk will check it, before anything is written.
  auto with_manifest = files_in;
  with_manifest[content::bundle_files::kManifest] = manifest;
  content::LoadOptions options;
  options.require_manifest = true;
  if (auto loaded = content::load_bundle(std::move(with_manifest), options); !loaded.bundle) {
    for (const auto& pr : loaded.problems) err << pr.line() << "\n";
    return 1;
  }
  const std::string sig = crypto::sign_detached(manifest, *secret);
  const std::string public_key = crypto::base64_encode(crypto::public_key_of(*secret));
  crypto::wipe(*secret);
  if (auto checked = crypto::check_signature(manifest, crypto::base64_encode(sig), {public_key});
      !checked) {
    err << key_path.string()
        << ": the key does not produce verifiable signatures: " << checked.error().what << "\n";
    return 1;
  }
  if (auto e = files::write_atomic(dir / content::bundle_files::kManifest, manifest); !e) {
    err << "manifest.json: " << e.error().what << "\n";
    return 1;
  }
  if (auto e = files::write_atomic(dir / content::bundle_files::kSignature,
                                   crypto::base64_encode(sig) + "\n");
      !e) {
    err << "manifest.sig: " << e.error().what << "\n";
    return 1;
  }
  out << "signed " << dir.string() << ": version " << *version << ", " << files_in.size()
      << " files, expires " << m["expires_at"].get<std::string>() << ", public key " << public_key
      << "\n";
  return 0;
}

}  // namespace kiosk::ctl
