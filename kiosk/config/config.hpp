// Config: the kiosk's one JSON configuration file (config/kiosk.json documents every key).
// Unknown keys and wrong types are errors naming the key's path; a key left out takes its default.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/archive_days.hpp"
#include "core/bundle_limit.hpp"
#include "core/problem.hpp"
#include "tz/office_time.hpp"

namespace kiosk::config {

inline constexpr const char* kDefaultPath = "/etc/kiosk/kiosk.json";

struct ClockTime {
  int hour = 0, minute = 0;  // "08:00"
  [[nodiscard]] int minutes() const { return hour * 60 + minute; }
  bool operator==(const ClockTime&) const = default;
};

enum class Orientation { Landscape, Portrait };

struct Config {
  std::string office_name = "社区公示栏";
  // The office's IANA time zone (tz/office_time.hpp): every date and time shown or decided by.
  // Checked against the system's tz database when the file is read.
  std::string timezone{tz::kDefaultZone};
  struct Content {
    std::string server_url;  // empty: no sync, installed or embedded content only (may carry
                             // user:password@)
    int poll_interval_s = 60;
    std::vector<std::string> trusted_keys;  // base64 Ed25519 public keys (32 bytes)
    bool allow_unsigned = false;
    std::string cache_dir = "/var/cache/kiosk";
    int max_bundle_mb = kDefaultMaxBundleMiB;
    std::string pinned_public_key;  // optional libcurl CURLOPT_PINNEDPUBLICKEY, "sha256//…"
    // Optional PEM file of a private CA that signs the content server's certificate (absolute
    // path to a readable regular file, checked when the configuration is read). Empty: the system's
    // CAs.
    std::string ca_file;
    // TRUST.md: the first root. threshold: how many distinct trusted_keys must sign (1 … their
    // number). root_file: an absolute path to a root.json installed with the package, instead of
    // trusted_keys (parsed when the configuration is read).
    int threshold = 1;
    std::string root_file;
  } content;
  struct Display {
    int width = 1920, height = 1080;
    bool fullscreen = true;
    Orientation orientation = Orientation::Landscape;
  } display;
  int idle_timeout_s = 90;
  // Days an ended notice stays readable under 往期公示 after its last day on the board
  // (ui::Model::archived; LIFECYCLE.md). 0: it leaves the screen the day after it ends.
  int archive_days = kDefaultArchiveDays;
  struct OfficeHours {
    ClockTime open{8, 0}, close{18, 0};
  } office_hours;
  // The administrator's PIN (4–12 digits), which the 维护 screen's PIN pad asks for before 退出
  // ends the kiosk. Both empty: no PIN pad; only `systemctl stop`. config/pin.hpp checks a PIN.
  struct Admin {
    std::string pin_hash;  // libsodium's Argon2id string from `kioskctl pin-hash` ("$argon2id$…")
    std::string
        pin_sha256;  // legacy: lowercase hex SHA-256 of the PIN (unsalted; a warning says so)
  } admin;
  // The font chain, tried per character in this order (fonts/README.md). The one default: the
  // kiosk, kioskctl validate/preview and the console all start from it, and config/kiosk.json
  // repeats it (tests/config checks they agree). BabelStone Han (CJK Extensions A–H) is last, so
  // it draws only what the others lack: rare characters of names, never a changed look.
  struct Fonts {
    std::vector<std::string> families{"Noto Sans CJK SC", "WenQuanYi Micro Hei",
                                      "Droid Sans Fallback", "BabelStone Han"};
  } fonts;
  // Reports to the district (FLEET.md, report/): status, display log, screenshot. url empty: none.
  struct Report {
    std::string url;   // http(s)://… (WebDAV PUT) or s3://BUCKET/PREFIX (AWS_* variables)
    std::string user;  // basic auth, with password_file
    std::string password_file;  // absolute path; its first line is the password (never logged)
    int interval_s = 300;
    bool screenshot = true;
    int log_days = 400;  // the display log keeps this many days (fleet/)
  } report;
  // The kiosk's identity and its display log (FLEET.md, fleet/): kiosk_id names it to the
  // district ("" : the host name); state_dir holds its own key and the log (systemd:
  // StateDirectory=kiosk).
  std::string kiosk_id;
  std::string state_dir = "/var/lib/kiosk";
  // Lines that are not errors but must be said (the legacy admin.pin_sha256, …): `kiosk
  // --check-config` prints them and the kiosk logs them at start-up.
  Problems warnings;
};

// Parses a configuration's bytes; `file` names it in problems. nullopt when anything is wrong.
std::optional<Config> parse(std::string_view bytes, const std::string& file, Problems& problems);

// Reads and parses a file (at most 1 MiB).
std::optional<Config> load(const std::filesystem::path& path, Problems& problems);

// What can still be used of a configuration that does not load, for a kiosk that must keep
// showing content while its file is broken: the defaults, with every key that is itself valid
// (a broken key keeps its default). The defaults alone when the file cannot be read or is not
// JSON. problems gets the same lines load() reports.
Config load_salvaged(const std::filesystem::path& path, Problems& problems);

// kiosk_id's rule: 1–64 of [A-Za-z0-9._-], not starting with '.' (a name in URLs and file names).
bool is_kiosk_id(std::string_view s);

// True when a string is the standard base64 of exactly 32 bytes.
bool is_ed25519_public_key(std::string_view base64);

// What a string offered as a trusted key is, so an error can say what is wrong without quoting it:
// a secret key pasted by mistake must not reach the journal, not even in part.
enum class KeyKind {
  PublicKey,  // base64 of 32 bytes that are a valid Ed25519 public key (a point of the curve's
              // group)
  SecretKey,  // base64 of 64 bytes: libsodium's secret key, as `kioskctl keygen` writes to
              // PREFIX.key
  NotAKey,    // base64 of 32 bytes that are no public key: most likely a bare secret seed
  Other,      // anything else
};
KeyKind classify_key(std::string_view text);

}  // namespace kiosk::config
