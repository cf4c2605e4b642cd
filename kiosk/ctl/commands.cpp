// kioskctl commands; each prints one line per problem and nothing else on failure.
#include "ctl/commands.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <ostream>

#include "config/config.hpp"
#include "content/bundle_files.hpp"
#include "content/bundle_strings.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "crypto/signature.hpp"
#include "render/undrawable.hpp"

namespace kiosk::ctl {
namespace {

struct Command {
  const char* usage;
  const char* summary;
  std::function<int(const Args&, std::ostream&, std::ostream&)> run;
};

const std::map<std::string, Command>& commands() {
  static const std::map<std::string, Command> kCommands{
      {"validate",
       {"validate DIR [--key PREFIX.pub]... [--config FILE]",
        "check a bundle directory (and its manifest when present); manifest.sig must verify under "
        "a --key or the config's content.trusted_keys",
        cmd_validate}},
      // Each command lives in its own cmd_*.cpp; add its line here (keep one per line).
      {"keygen",
       {"keygen --out PREFIX [--force]",
        "write an Ed25519 key pair: PREFIX.key (secret, base64 of libsodium's 64-byte secret key, "
        "mode 0600) and PREFIX.pub (base64 of the 32-byte public key)",
        cmd_keygen}},
      {"sign",
       {"sign DIR --key PREFIX.key [--version N] [--expires-in DAYS]",
        "validate DIR, then write manifest.json (version: one above the existing one; expiry: 30 "
        "days; each file's content-addressed path objects/<sha256>.ext) and manifest.sig; "
        "PREFIX.key must be keygen's secret key, readable by its owner only",
        cmd_sign}},
      {"publish",
       {"publish DIR --to URL|s3://BUCKET/PREFIX [--user U --password-file F] [--endpoint URL] "
        "[--ca-file FILE] [--key PREFIX.pub] [--allow-insecure-auth] [--stop-after N]",
        "upload a signed, valid bundle by HTTP PUT or to S3 (--endpoint; AWS_ACCESS_KEY_ID, "
        "AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION or AWS_REGION) when its version is above the "
        "server's: new objects/ files first, manifest.sig and manifest.json last, then objects the "
        "last 3 versions do not name are deleted (published.json records them); --ca-file trusts a "
        "private CA (PEM); a password goes over plain http only to localhost or with "
        "--allow-insecure-auth; --stop-after N rehearses an interrupted publish",
        cmd_publish}},
      {"import-csv",
       {"import-csv FILE.csv --into DIR --notice ID",
        "replace a notice's applicants in DIR/notices.json from a CSV sheet (all or nothing)",
        cmd_import_csv}},
      {"pin-hash",
       {"pin-hash (the PIN on standard input; asked twice, unechoed, on a terminal)",
        "print the Argon2id hash of the administrator's 4-12 digit PIN for admin.pin_hash in "
        "kiosk.json; the PIN is read from standard input, never from the command line",
        cmd_pin_hash}},
      {"preview",
       {"preview DIR --out OUTDIR [--size WxH] [--at YYYY-MM-DD] [--large-text] [--only SCREEN]... "
        "[--max-applicants N] [--config FILE]",
        "validate DIR, then draw every screen, category list, standard and applicant (at most N "
        "applicant pages, default 200; index.html says how many were left out) as the kiosk would "
        "(its renderer, offscreen, no display) into OUTDIR: 01-attract.png …, "
        "notices-NOTICE-CATEGORY.png, standard-NN.png, applicant-NOTICE-ID.png and index.html to "
        "scroll through them, which lists every applicant, drawn or not, 200 a page "
        "(applicants-2.html …); --only (repeatable) a screen name, applicant:ID, or applicant, "
        "notices, standard for all of a kind; OUTDIR must be empty or an earlier preview, which is "
        "replaced",
        cmd_preview}},
  };
  return kCommands;
}

void print_help(std::ostream& out) {
  out << "kioskctl — the 社区公示触摸屏 administrator's tool\n\nUsage:\n";
  for (const auto& [name, c] : commands())
    out << "  kioskctl " << c.usage << "\n      " << c.summary << "\n";
  out << "  kioskctl --help\n\nExit status 0 on success; otherwise one line per problem:\n"
         "FILE: WHERE: what was expected, what was found.\n";
}

}  // namespace

int run(const Args& argv, std::ostream& out, std::ostream& err) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
    print_help(argv.empty() ? err : out);
    return argv.empty() ? 2 : 0;
  }
  const auto it = commands().find(argv[0]);
  if (it == commands().end()) {
    err << "kioskctl: unknown command " << argv[0] << "; expected one of";
    for (const auto& [name, c] : commands()) err << " " << name;
    err << " (kioskctl --help lists them)\n";
    return 2;
  }
  const Args rest(argv.begin() + 1, argv.end());
  for (const auto& a : rest) {
    if (a == "--help" || a == "-h") {
      out << "Usage: kioskctl " << it->second.usage << "\n" << it->second.summary << "\n";
      return 0;
    }
  }
  return it->second.run(rest, out, err);
}

int cmd_validate(const Args& args, std::ostream& out, std::ostream& err) {
  // DIR [--key PREFIX.pub]... [--config FILE]: the keys manifest.sig must verify under.
  std::vector<std::string> positional, keys;
  bool keys_given = false;
  std::vector<std::string> font_families =
      config::Config{}.fonts.families;  // --config replaces them
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != "--key" && args[i] != "--config") {
      if (args[i].rfind("--", 0) == 0) {
        err << "kioskctl validate: unknown option " << args[i] << " (kioskctl validate --help)\n";
        return 2;
      }
      positional.push_back(args[i]);
      continue;
    }
    if (i + 1 >= args.size()) {
      err << "kioskctl validate: " << args[i] << " expects a value\n";
      return 2;
    }
    keys_given = true;
    const std::string& value = args[++i];
    if (args[i - 1] == "--key") {
      const auto r = files::read(value, 4096);
      const std::string key = r ? r->substr(0, r->find_first_of("\r\n")) : "";
      if (!config::is_ed25519_public_key(key)) {
        err << value << ": expected one line of base64 of a 32-byte Ed25519 public key"
            << (r ? "" : " (" + r.error().what + ")") << "\n";
        return 2;
      }
      keys.push_back(key);
    } else {
      Problems config_problems;
      const auto c = config::load(value, config_problems);
      for (const auto& p : config_problems) err << p.line() << "\n";
      if (!c) return 2;
      keys.insert(keys.end(), c->content.trusted_keys.begin(), c->content.trusted_keys.end());
      font_families = c->fonts.families;
    }
  }
  if (positional.size() != 1) {
    err << "kioskctl validate: expected one bundle directory, found " << positional.size()
        << " arguments\n";
    return 2;
  }
  const std::string& dir = positional[0];
  auto result = content::load_bundle(dir);
  // manifest.sig, when present (or required by --key/--config), over the exact manifest bytes.
  std::string signature_note;
  if (const auto sig =
          files::read(std::filesystem::path(dir) / content::bundle_files::kSignature, 4096);
      sig) {
    const auto manifest = result.raw.find(content::bundle_files::kManifest);
    const Result<void> checked =
        manifest == result.raw.end()
            ? Result<void>(Error{"expected the manifest.json it signs, found none"})
            : crypto::check_signature(manifest->second, *sig, keys);
    const std::string why = checked ? "" : checked.error().what;
    if (checked) {
      signature_note = ", signature verified";
    } else if (!keys_given && why.rfind("no trusted keys", 0) == 0) {
      signature_note = ", signature not checked (give --key PREFIX.pub or --config FILE)";
    } else {
      result.problems.push_back({content::bundle_files::kSignature, "", why});
    }
  } else if (keys_given) {
    result.problems.push_back(
        {content::bundle_files::kSignature, "", "expected a signature, found none"});
  }
  // Characters no configured font has would show as □ on every kiosk (render/undrawable.hpp).
  if (result.bundle) {
    render::FontLibrary fonts(font_families);
    if (fonts.usable()) {
      const auto skip = [&fonts](std::string_view bytes) {
        return render::surely_drawable(bytes, fonts);
      };
      const auto undrawable =
          render::undrawable_characters(content::bundle_strings(result.raw, skip), fonts);
      result.problems.insert(result.problems.end(), undrawable.begin(), undrawable.end());
    } else {
      err << "kioskctl validate: warning: none of the configured font families is installed here; "
             "characters were not checked against the fonts\n";
    }
  }
  for (const auto& p : result.problems) err << p.line() << "\n";
  if (!result.bundle || !result.problems.empty()) return 1;
  std::size_t applicants = 0;
  for (const auto& n : result.bundle->notices) applicants += n.applicants.size();
  out << dir << ": valid: " << result.bundle->document.standards.size() << " standards, "
      << result.bundle->notices.size() << " notices, " << applicants << " applicants, "
      << result.bundle->hotlines.size() << " hotlines"
      << (result.bundle->manifest
              ? ", manifest version " + std::to_string(result.bundle->manifest->version)
              : std::string(", no manifest (unsigned working copy)"))
      << signature_note << "\n";
  return 0;
}

}  // namespace kiosk::ctl
