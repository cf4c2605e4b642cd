// kioskctl cosign, root new, root sign and export (TRUST.md): thin wrappers over
// admin/trust_tools.hpp; a key is loaded as sign loads it (admin/keys.hpp, the passphrase from a
// file, the terminal or standard input, never from the command line).
#include <unistd.h>

#include <ostream>

#include "admin/keys.hpp"
#include "admin/publish.hpp"
#include "admin/trust_tools.hpp"
#include "config/config.hpp"
#include "ctl/args.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {

namespace {

// The public keys signatures are counted against when DIR has no root/: --key PREFIX.pub
// (repeatable) and the --config FILE's content.trusted_keys. Error: the one line to print.
Result<std::vector<std::string>> trusted_keys(const Args& args, const std::string& command) {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--trusted") {
      auto key = admin::read_public_keys({args[i + 1]});
      if (!key) return key.error();
      keys.push_back(key->front());
    } else if (args[i] == "--config") {
      Problems problems;
      const auto c = config::load(args[i + 1], problems);
      if (!c) {
        return Error{"kioskctl " + command + ": --config: " +
                     (problems.empty() ? std::string("cannot load") : problems.front().line())};
      }
      keys.insert(keys.end(), c->content.trusted_keys.begin(), c->content.trusted_keys.end());
    }
  }
  return keys;
}

// The secret key of --key, its passphrase asked only when it is sealed. Prints the refusal.
std::optional<admin::LoadedKey> load_key(const Parsed& p, const std::string& command,
                                         std::ostream& err) {
  const std::string key_name = p.options.at("--key");
  auto key =
      admin::load_secret_key(key_name, [&] { return read_passphrase(command, p, false, err); });
  if (!key) {
    err << key.error().what << "\n";
    return std::nullopt;
  }
  if (!key->sealed && ::isatty(STDERR_FILENO) == 1) {
    err << "kioskctl " << command << ": warning: " << key_name
        << " is not sealed with a passphrase: whoever copies it can sign (kioskctl keygen "
           "--passphrase writes a sealed key)\n";
  }
  return std::move(*key);
}

int cmd_root_new(const Args& args, std::ostream& out, std::ostream& err) {
  // --keys takes every following argument up to the next option.
  std::vector<std::string> key_files, rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != "--keys") {
      rest.push_back(args[i]);
      continue;
    }
    while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) key_files.push_back(args[++i]);
  }
  const auto p = parse_args(rest, {"--threshold", "--out", "--expires-in"}, {}, "root new");
  if (!p.error.empty()) {
    err << p.error << "\n";
    return 2;
  }
  if (!p.positional.empty() || key_files.empty() || !p.options.contains("--threshold") ||
      !p.options.contains("--out")) {
    err << "kioskctl root new: expected --keys A.pub B.pub … --threshold N --out DIR "
           "[--expires-in DAYS]\n";
    return 2;
  }
  const auto threshold = parse_integer(p.options.at("--threshold"), 1, 1000);
  if (!threshold) {
    err << "kioskctl root new: --threshold: expected a whole number from 1, found "
        << quote_found(p.options.at("--threshold")) << "\n";
    return 2;
  }
  long long days = admin::kDefaultRootExpiresInDays;
  if (p.options.contains("--expires-in")) {
    const auto d = parse_integer(p.options.at("--expires-in"), 1, 3650);
    if (!d) {
      err << "kioskctl root new: --expires-in: expected days from 1 to 3650, found "
          << quote_found(p.options.at("--expires-in")) << "\n";
      return 2;
    }
    days = *d;
  }
  auto keys = admin::read_public_keys(key_files);
  if (!keys) {
    err << keys.error().what << "\n";
    return 2;
  }
  const auto made = admin::root_new(p.options.at("--out"), *keys, static_cast<int>(*threshold),
                                    days, tz::Clock{});
  if (!made) {
    err << made.error().what << "\n";
    return 1;
  }
  const long long v = made->root.version;
  out << "wrote " << made->file.string() << ": root version " << v << ", " << made->root.keys.size()
      << " keys, threshold " << made->root.threshold << ", expires " << made->root.expires_at
      << "; now sign it: kioskctl root sign " << made->file.string() << " --key K.key, by "
      << made->root.threshold << " of its keys"
      << (v > 1 ? " and by " + std::to_string(v - 1) + ".json's threshold of root version " +
                      std::to_string(v - 1) + "'s keys"
                : std::string(" and by the keys the kiosks are configured with"))
      << "\n";
  return 0;
}

int cmd_root_sign(const Args& args, std::ostream& out, std::ostream& err) {
  const auto p = parse_args(args, {"--key", "--passphrase-file"}, {}, "root sign");
  if (!p.error.empty()) {
    err << p.error << "\n";
    return 2;
  }
  if (p.positional.size() != 1 || !p.options.contains("--key")) {
    err << "kioskctl root sign: expected DIR/root/N.json --key K.key [--passphrase-file F]\n";
    return 2;
  }
  auto key = load_key(p, "root sign", err);
  if (!key) return 1;
  const auto signed_ =
      admin::root_sign(p.positional[0], key->secret.bytes(), p.options.at("--key"));
  if (!signed_) {
    err << signed_.error().what << "\n";
    return 1;
  }
  out << signed_->line << "\n";
  return 0;
}

}  // namespace

int cmd_cosign(const Args& args, std::ostream& out, std::ostream& err) {
  const auto p =
      parse_args(args, {"--key", "--passphrase-file", "--trusted", "--config"}, {}, "cosign");
  if (!p.error.empty()) {
    err << p.error << "\n";
    return 2;
  }
  if (p.positional.size() != 1 || !p.options.contains("--key")) {
    err << "kioskctl cosign: expected DIR --key PREFIX.key [--passphrase-file F]\n";
    return 2;
  }
  auto trusted = trusted_keys(args, "cosign");
  if (!trusted) {
    err << trusted.error().what << "\n";
    return 2;
  }
  auto key = load_key(p, "cosign", err);
  if (!key) return 1;
  const auto report =
      admin::cosign(p.positional[0], key->secret.bytes(), p.options.at("--key"), *trusted);
  if (!report) {
    err << report.error().what << "\n";
    return 1;
  }
  out << "co-signed " << p.positional[0] << " with public key " << report->public_key;
  if (report->status.checked) out << "; " << report->status.line();
  out << "\n";
  return 0;
}

int cmd_root(const Args& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && args[0] == "new")
    return cmd_root_new(Args(args.begin() + 1, args.end()), out, err);
  if (!args.empty() && args[0] == "sign")
    return cmd_root_sign(Args(args.begin() + 1, args.end()), out, err);
  err << "kioskctl root: expected new or sign, found "
      << (args.empty() ? std::string("nothing") : quote_found(args[0]))
      << " (kioskctl root --help)\n";
  return 2;
}

int cmd_export(const Args& args, std::ostream& out, std::ostream& err) {
  const auto p = parse_args(args, {"--to", "--key", "--config"}, {}, "export");
  if (!p.error.empty()) {
    err << p.error << "\n";
    return 2;
  }
  if (p.positional.size() != 1 || !p.options.contains("--to")) {
    err << "kioskctl export: expected DIR --to PATH [--key PREFIX.pub] [--config FILE]\n";
    return 2;
  }
  // --key here is a public key, as publish's: the signatures must verify under it.
  Args as_trusted;
  for (std::size_t i = 0; i < args.size(); ++i) {
    as_trusted.push_back(args[i] == "--key" ? "--trusted" : args[i]);
  }
  auto trusted = trusted_keys(as_trusted, "export");
  if (!trusted) {
    err << trusted.error().what << "\n";
    return 2;
  }
  const auto report = admin::export_bundle(p.positional[0], p.options.at("--to"), *trusted);
  if (!report) {
    err << report.error().what << "\n";
    return 1;
  }
  out << "exported version " << report->version << " to " << report->folder.string() << " ("
      << report->files << " files"
      << (report->roots > 0 ? ", roots 1 to " + std::to_string(report->roots) : std::string())
      << (report->signatures.empty() ? std::string() : "; " + report->signatures)
      << "); plug the stick into the kiosk PC\n";
  return 0;
}

}  // namespace kiosk::ctl
