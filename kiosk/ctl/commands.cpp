// kioskctl commands; each prints one line per problem and nothing else on failure.
#include "ctl/commands.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <ostream>

#include "admin/publish.hpp"
#include "admin/trust_tools.hpp"
#include "admin/working_copy.hpp"
#include "config/config.hpp"

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
       {"keygen --out PREFIX [--force] [--passphrase] [--passphrase-file F]",
        "write an Ed25519 key pair: PREFIX.key (secret, base64 of libsodium's 64-byte secret key, "
        "mode 0600; with --passphrase sealed under a passphrase typed twice on the terminal, or "
        "read from F, never from the command line) and PREFIX.pub (base64 of the 32-byte public "
        "key)",
        cmd_keygen}},
      {"sign",
       {"sign DIR --key PREFIX.key [--version N] [--expires-in DAYS] [--passphrase-file F] "
        "[--config FILE]",
        "validate DIR, then write manifest.json (version: one above the existing one; expiry: 30 "
        "days; each file's content-addressed path objects/<sha256>.ext) and manifest.sig (the "
        "first signature; cosign adds others; with DIR/root/ the key must be one of the newest "
        "root's); "
        "PREFIX.key must be keygen's secret key, readable by its owner only; a sealed key's "
        "passphrase is asked on the terminal (unechoed) or read from F; a plain key is warned "
        "about",
        cmd_sign}},
      {"publish",
       {"publish DIR --to URL|s3://BUCKET/PREFIX [--user U --password-file F] [--endpoint URL] "
        "[--ca-file FILE] [--key PREFIX.pub] [--allow-insecure-auth] [--stop-after N]",
        "upload a signed, valid bundle by HTTP PUT or to S3 (--endpoint; AWS_ACCESS_KEY_ID, "
        "AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION or AWS_REGION) when its version is above the "
        "server's and its signatures meet the threshold of DIR's newest root (else 1): root/ "
        "first, then new objects/ files, manifest.sig and manifest.json last, then objects the "
        "last 3 versions do not name are deleted (published.json records them); --ca-file trusts a "
        "private CA (PEM); a password goes over plain http only to localhost or with "
        "--allow-insecure-auth; --stop-after N rehearses an interrupted publish",
        cmd_publish}},
      {"cosign",
       {"cosign DIR --key PREFIX.key [--passphrase-file F] [--trusted PREFIX.pub]... [--config "
        "FILE]",
        "add one signature to DIR/manifest.sig without changing manifest.json (TRUST.md: a second "
        "person's key, when the root needs two); refuses a key that already signed, a key outside "
        "DIR's newest root, a bundle changed since it was signed; prints how many signatures of "
        "how many the root requires (--trusted/--config: the keys that count when DIR has no "
        "root/)",
        cmd_cosign}},
      {"root",
       {"root new --keys A.pub B.pub … --threshold N --out DIR [--expires-in DAYS] | root sign "
        "DIR/root/N.json --key K.key [--passphrase-file F]",
        "root new writes DIR/root/N.json (N one above the newest there, 1 when none; expiry 365 "
        "days, RFC 3339 with the office offset): the keys that may sign content and how many "
        "must; root sign adds a signature to root/N.sig. Root N+1 must be signed by root N's "
        "threshold of root N's keys AND its own threshold of its own keys (root 1: the keys the "
        "kiosks are configured with); publish uploads root/ first",
        cmd_root}},
      {"export",
       {"export DIR --to PATH [--key PREFIX.pub]... [--config FILE]",
        "write the signed bundle (manifest.json, manifest.sig, root/, each file at its manifest "
        "path objects/…) to PATH/kiosk-bundle/, e.g. a USB stick, whole or not at all (a "
        "temporary folder renamed into place); refuses an unsigned or invalid bundle or one below "
        "its root's threshold; a kiosk installs it with kiosk --install-from PATH (docs/USB.md)",
        cmd_export}},
      {"import",
       {"import FILE --into DIR --notice ID [--sheet NAME]",
        "replace a notice's applicants in DIR/notices.json from a sheet, .xlsx (Excel, WPS; "
        "--sheet: which sheet, default the first) or CSV (UTF-8 or GB18030/GBK), told apart by "
        "content; .xls and .et files are refused (save them as .xlsx); all or nothing, every "
        "problem named by row and column",
        cmd_import}},
      {"import-csv",
       {"import-csv FILE.csv --into DIR --notice ID",
        "the same as import (the name it had before .xlsx sheets were read)", cmd_import_csv}},
      {"template",
       {"template --out FILE.xlsx [--force]",
        "write the applicant sheet template: the import's header row, a 类别 drop-down, text "
        "columns (phones and ids stay digits) and a sheet 填写说明 explaining each column",
        cmd_template}},
      {"pin-hash",
       {"pin-hash (the PIN on standard input; asked twice, unechoed, on a terminal)",
        "print the Argon2id hash of the administrator's 4-12 digit PIN for admin.pin_hash in "
        "kiosk.json; the PIN is read from standard input, never from the command line",
        cmd_pin_hash}},
      {"serve",
       {"serve DIR [--listen HOST:PORT] [--password-file F] [--key PREFIX.key] [--to URL] "
        "[--publish-user U --publish-password-file F] [--endpoint URL] [--ca-file FILE] "
        "[--allow-insecure-auth] [--fleet URL] [--keys DIR] [--config FILE]",
        "the administrator's console: a web page to edit, preview and publish DIR, served on "
        "--listen (default 127.0.0.1:8080; the first output line is console: http://HOST:PORT/) "
        "until Ctrl-C; off loopback it needs --password-file (the login password, first line); "
        "--key signs and --to publishes as sign and publish do (a sealed key's passphrase is asked "
        "for on the page each time); --publish-user/--publish-password-file, --endpoint, "
        "--ca-file and --allow-insecure-auth reach --to as publish's --user/--password-file, "
        "--endpoint, --ca-file and --allow-insecure-auth do; --fleet URL (the kiosks' report "
        "location) and --keys DIR (their KIOSK_ID.pub) feed the fleet and proof pages as kioskctl "
        "fleet and proof; --config FILE gives the office's timezone (default Asia/Shanghai) for "
        "today's notice states, previews and the signing times, and archive_days for sign",
        cmd_serve}},
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
      {"fleet",
       {"fleet --from URL|s3://BUCKET/PREFIX|DIR [--keys DIR] [--offline-after MINUTES] "
        "[--content URL] [--timezone ZONE] [--ca-file F] [--user U --password-file F]",
        "one row per kiosk reporting under URL (report.url): id, state (正常 / 内容落后 / 同步失败 "
        "/ "
        "离线 / 未登记 / 签名无效), office, last report, version shown / newest, screen; problems "
        "first; each status verified against --keys DIR/KIOSK_ID.pub; exit 0 when all are 正常",
        cmd_fleet}},
      {"proof",
       {"proof NOTICE_ID --from URL --keys DIR --out report.html (--bundle DIR | --window "
        "YYYY-MM-DD..YYYY-MM-DD [--title TEXT]) [--timezone ZONE] [--ca-file F] [--user U "
        "--password-file F]",
        "a printable A4 report (Chinese HTML): per enrolled kiosk, when the notice was on its "
        "board during the 公示期, the gaps and why, whether the whole 公示期 was covered, the "
        "chain and signatures verified; exit 0 when every kiosk covered it",
        cmd_proof}},
      {"site",
       {"site DIR --out OUTDIR [--at YYYY-MM-DD]",
        "validate DIR, then write its take-home pages (what publish uploads under public_url's "
        "site/ when notices.json has public_url) into OUTDIR/site/: index.html, hotlines.html, "
        "notice/NOTICE.html, applicant/NOTICE/ID.html, style.css; days left counted from --at "
        "(default today); OUTDIR must be empty or an earlier site, which is replaced",
        cmd_site}},
      {"verify-log",
       {"verify-log FILE|STATE_DIR|URL --key KIOSK.pub",
        "verify a kiosk's display log (its state_dir, a display-log.jsonl, or the URL of its "
        "report directory, report.url + KIOSK_ID + /) under its enrolled "
        "public key: chain, order and every signature; prints the records, seq and time range "
        "and exits 0, or exits 1 naming the first bad record (missing, altered, reordered, "
        "duplicated, truncated or unsigned)",
        cmd_verify_log}},
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
  std::vector<std::string> positional;
  admin::ValidateOptions options;
  int threshold = 1;                                        // --config's content.threshold
  options.font_families = config::Config{}.fonts.families;  // --config replaces them
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
    options.keys_given = true;
    const std::string& value = args[++i];
    if (args[i - 1] == "--key") {
      auto key = admin::read_public_keys({value});
      if (!key) {
        err << key.error().what << "\n";
        return 2;
      }
      options.trusted_keys.push_back(key->front());
    } else {
      Problems config_problems;
      const auto c = config::load(value, config_problems);
      for (const auto& p : config_problems) err << p.line() << "\n";
      if (!c) return 2;
      options.trusted_keys.insert(options.trusted_keys.end(), c->content.trusted_keys.begin(),
                                  c->content.trusted_keys.end());
      options.font_families = c->fonts.families;
      // The kiosks' first root (TRUST.md): content.root_file, else the keys' threshold.
      threshold = c->content.threshold;
      if (!c->content.root_file.empty()) {
        auto root = admin::read_root_file(c->content.root_file);
        if (!root) {
          err << "content.root_file: " << root.error().what << "\n";
          return 2;
        }
        options.config_root = std::move(*root);
      }
    }
  }
  if (threshold > 1 && !options.config_root)
    options.config_root = trust::root_from_config(options.trusted_keys, threshold);
  if (positional.size() != 1) {
    err << "kioskctl validate: expected one bundle directory, found " << positional.size()
        << " arguments\n";
    return 2;
  }
  const std::string& dir = positional[0];
  const auto report = admin::validate(dir, options);
  if (report.fonts_missing) {
    err << "kioskctl validate: warning: none of the configured font families is installed here; "
           "characters were not checked against the fonts\n";
  }
  for (const auto& p : report.problems) err << p.line() << "\n";
  if (!report.bundle || !report.problems.empty()) return 1;
  std::size_t applicants = 0;
  for (const auto& n : report.bundle->notices) applicants += n.applicants.size();
  out << dir << ": valid: " << report.bundle->document.standards.size() << " standards, "
      << report.bundle->notices.size() << " notices, " << applicants << " applicants, "
      << report.bundle->hotlines.size() << " hotlines"
      << (report.bundle->manifest
              ? ", manifest version " + std::to_string(report.bundle->manifest->version)
              : std::string(", no manifest (unsigned working copy)"))
      << report.signature_note << "\n";
  for (const auto& n : report.bundle->notices) out << admin::window_line(n) << "\n";
  return 0;
}

}  // namespace kiosk::ctl
