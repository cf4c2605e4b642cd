// kioskctl keygen and sign: thin wrappers over admin/keys.hpp and admin/publish.hpp (the key
// files, their checks and the manifest are there): arguments in, one line per problem out. A
// passphrase is read from the terminal with echo off, from standard input when it is not a
// terminal, or from --passphrase-file F; never from the command line.
#include <unistd.h>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>

#include "admin/keys.hpp"
#include "admin/publish.hpp"
#include "admin/trust_tools.hpp"
#include "config/config.hpp"
#include "crypto/random.hpp"
#include "ctl/args.hpp"
#include "ctl/commands.hpp"
#include "ctl/secret_input.hpp"

namespace kiosk::ctl {

int cmd_keygen(const Args& args, std::ostream& out, std::ostream& err) {
  const auto p =
      parse_args(args, {"--out", "--passphrase-file"}, {"--force", "--passphrase"}, "keygen");
  if (!p.error.empty()) {
    err << p.error << "\n";
    return 2;
  }
  if (!p.positional.empty() || !p.options.contains("--out") || p.options.at("--out").empty()) {
    err << "kioskctl keygen: expected --out PREFIX and nothing else\n";
    return 2;
  }
  std::optional<std::string> passphrase;
  if (p.options.contains("--passphrase") || p.options.contains("--passphrase-file")) {
    auto read = read_passphrase("keygen", p, true, err);
    if (!read) {
      err << read.error().what << "\n";
      return 1;
    }
    passphrase = std::move(*read);
  }
  auto made = admin::keygen(p.options.at("--out"), p.options.contains("--force"), passphrase);
  if (passphrase) crypto::wipe(*passphrase);
  if (!made) {
    err << made.error().what << "\n";
    return 1;
  }
  out << "wrote " << made->key.string()
      << (made->sealed ? " (secret, sealed with the passphrase, mode 0600) and "
                       : " (secret, mode 0600) and ")
      << made->pub.string() << "; public key " << made->public_key << "\n";
  return 0;
}

int cmd_sign(const Args& args, std::ostream& out, std::ostream& err) {
  const auto p = parse_args(
      args, {"--key", "--version", "--expires-in", "--passphrase-file", "--config"}, {}, "sign");
  if (!p.error.empty()) {
    err << p.error << "\n";
    return 2;
  }
  if (p.positional.size() != 1 || !p.options.contains("--key")) {
    err << "kioskctl sign: expected DIR --key PREFIX.key [--version N] [--expires-in DAYS] "
           "[--passphrase-file F] [--config FILE]\n";
    return 2;
  }
  admin::SignOptions options;
  // --config FILE: the kiosks' configuration gives the office's timezone (the stamps' offset and
  // "today" for the silent-removal rule) and archive_days (how long an ended notice must stay).
  if (p.options.contains("--config")) {
    Problems problems;
    const auto cfg = config::load(p.options.at("--config"), problems);
    if (!cfg) {
      err << (problems.empty() ? p.options.at("--config") + ": cannot be read"
                               : first_problem_line(problems))
          << "\n";
      return 1;
    }
    options.clock = tz::Clock(tz::Zone::locate(cfg->timezone).value_or(tz::Zone()));
    options.archive_days = cfg->archive_days;
  }
  if (p.options.contains("--version")) {
    options.version = parse_integer(p.options.at("--version"), 1, 1LL << 53);
    if (!options.version) {
      err << "kioskctl sign: --version: expected a whole number from 1, found "
          << quote_found(p.options.at("--version")) << "\n";
      return 2;
    }
  }
  if (p.options.contains("--expires-in")) {
    const auto d = parse_integer(p.options.at("--expires-in"), 1, 3650);
    if (!d) {
      err << "kioskctl sign: --expires-in: expected days from 1 to 3650, found "
          << quote_found(p.options.at("--expires-in")) << "\n";
      return 2;
    }
    options.expires_in_days = *d;
  }
  const std::string key_name = p.options.at("--key");
  options.key_name = key_name;
  auto key =
      admin::load_secret_key(key_name, [&] { return read_passphrase("sign", p, false, err); });
  if (!key) {
    err << key.error().what << "\n";
    return 1;
  }
  // A person at a terminal is told; scripts (and their logs) keep sign's quiet success.
  if (!key->sealed && ::isatty(STDERR_FILENO) == 1) {
    err << "kioskctl sign: warning: " << key_name
        << " is not sealed with a passphrase: whoever copies it can sign (kioskctl keygen "
           "--passphrase writes a sealed key)\n";
  }
  Problems problems;
  const auto signed_ = admin::sign(p.positional[0], key->secret.bytes(), options, problems);
  if (!signed_) {
    for (const auto& pr : problems) err << pr.line() << "\n";
    return 1;
  }
  out << "signed " << p.positional[0] << ": version " << signed_->version << ", " << signed_->files
      << " files, expires " << signed_->expires_at << ", public key " << signed_->public_key;
  // With roots in DIR: how many signatures the root needs (cosign adds the others).
  if (const auto status = admin::signature_status(p.positional[0], {}); status && status->checked)
    out << "; " << status->line();
  out << "\n";
  return 0;
}

}  // namespace kiosk::ctl
