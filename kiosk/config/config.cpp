// Loading and validation of kiosk.json; see config.hpp.
#include "config/config.hpp"

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "config/pin.hpp"
#include "core/files.hpp"
#include "core/url.hpp"
#include "json/reader.hpp"
#include "trust/root.hpp"

namespace kiosk::config {
namespace {

using json::Json;
using json::ObjectReader;
using json::TextKind;
using json::TextRule;

std::optional<ClockTime> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(s[0]) || !digit(s[1]) || !digit(s[3]) || !digit(s[4])) return std::nullopt;
  ClockTime t{(s[0] - '0') * 10 + (s[1] - '0'), (s[3] - '0') * 10 + (s[4] - '0')};
  if (t.hour > 23 || t.minute > 59) return std::nullopt;
  return t;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// The SHA-256 of the empty string: a PIN pad cannot send it, so it can only be a mistake.
constexpr std::string_view kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// 64 hex digits, returned lowercase; nullopt otherwise (or for the empty string's hash).
std::optional<std::string> pin_hash(std::string_view s) {
  if (s.size() != 64) return std::nullopt;
  std::string out;
  for (const char ch : s) {
    const bool digit = ch >= '0' && ch <= '9', lower = ch >= 'a' && ch <= 'f',
               upper = ch >= 'A' && ch <= 'F';
    if (!digit && !lower && !upper) return std::nullopt;
    out.push_back(upper ? static_cast<char>(ch - 'A' + 'a') : ch);
  }
  if (out == kEmptySha256) return std::nullopt;
  return out;
}

std::string pin_hash_error(std::string_view s) {
  std::string found =
      s.empty() ? std::string("\"\"") : "a string of " + std::to_string(s.size()) + " characters";
  if (s == kEmptySha256) found = "the SHA-256 of an empty PIN";
  return "expected the hex SHA-256 of a 4-12 digit PIN (64 characters 0-9a-f: printf %s PIN | "
         "sha256sum), found " +
         found;
}

std::size_t codepoints(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A value where a secret may stand (a PIN, its hash), described by its kind only: a PIN typed as a
// number must not reach the journal either.
std::string describe_secret(const json::Json& v) {
  if (v.is_string())
    return "a string of " + std::to_string(codepoints(v.get_ref<const std::string&>())) +
           " characters";
  if (v.is_number()) return "a number";
  return json::describe(v);  // null, true/false, an array, an object: nothing secret in the words
}

// A trusted_keys entry that is not a public key, described by its kind and length only: it may be
// a secret key pasted by mistake, and any part of one in the journal helps to forge signatures.
std::string describe_key(const json::Json& k) {
  if (!k.is_string()) return json::describe(k);
  const auto& s = k.get_ref<const std::string&>();
  switch (classify_key(s)) {
    case KeyKind::SecretKey:
      return "a secret key (" + std::to_string(codepoints(s)) +
             " characters, as in PREFIX.key): this is a secret key; put the .pub file's line here";
    case KeyKind::NotAKey:
      return "44 characters of base64 that are no Ed25519 public key (a secret seed?): put the "
             ".pub file's line here";
    default:
      return s.empty() ? "\"\"" : "a string of " + std::to_string(codepoints(s)) + " characters";
  }
}

// Why path cannot be content.ca_file ("" when it can). The type is checked before anything is
// opened, so a FIFO never blocks.
// content.threshold and content.root_file (TRUST.md): the kiosk's first root, either the trusted
// keys with their threshold or a root.json file, checked here so --check-config says what is wrong.
void read_trust_root(ObjectReader& cr, Config::Content& content) {
  if (cr.has("threshold")) {
    const auto max = static_cast<long long>(std::max<std::size_t>(1, content.trusted_keys.size()));
    const Json* t = cr.get("threshold");
    if (t->is_number_integer() && (t->get<long long>() < 1 || t->get<long long>() > max)) {
      cr.report("threshold", "expected an integer from 1 to " + std::to_string(max) +
                                 " (the number of content.trusted_keys), found " + t->dump());
    } else {
      content.threshold = static_cast<int>(cr.integer("threshold", 1, max).value_or(1));
    }
  }
  if (!cr.has("root_file")) return;
  const std::string path =
      cr.text("root_file", TextRule{TextKind::OneLine, 4096, true}).value_or("");
  if (path.empty()) return;
  const std::string expected = "expected an absolute path to a root.json (TRUST.md), found ";
  if (path.front() != '/') return cr.report("root_file", expected + quote_found(path));
  if (!content.trusted_keys.empty() || content.threshold != 1) {
    return cr.report("root_file",
                     "expected either content.root_file or content.trusted_keys (with "
                     "content.threshold), found both; the root file lists the keys and threshold");
  }
  const auto bytes = files::read(path, trust::kMaxRootBytes);
  if (!bytes) return cr.report("root_file", path + ": " + bytes.error().what);
  if (auto root = trust::parse_root(*bytes); !root) {
    return cr.report("root_file", path + ": " + root.error().what);
  }
  content.root_file = path;
}

std::string check_ca_file(const std::string& path) {
  const std::string expected =
      "expected an absolute path to a readable PEM file of CA certificates, found ";
  if (path.front() != '/') return expected + quote_found(path);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return expected + (errno == ENOENT
                           ? "no file at " + quote_found(path)
                           : std::string(std::strerror(errno)) + " for " + quote_found(path));
  }
  if (!S_ISREG(st.st_mode)) {
    return expected +
           (S_ISDIR(st.st_mode)    ? "a directory"
            : S_ISFIFO(st.st_mode) ? "a FIFO"
                                   : "no regular file") +
           " at " + quote_found(path);
  }
  if (::access(path.c_str(), R_OK) != 0) {
    return expected + "a file this user cannot read (" + std::strerror(errno) + ") at " +
           quote_found(path);
  }
  const auto read = files::read(path, 1u << 20);
  if (!read) return expected + read.error().what + " at " + quote_found(path);
  if (read->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return expected + "a file without \"-----BEGIN CERTIFICATE-----\" at " + quote_found(path);
  }
  return {};
}

}  // namespace

KeyKind classify_key(std::string_view text) {
  // Whitespace around a pasted line does not change what it is.
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  if (text.empty() || text.size() > 200 || sodium_init() < 0) return KeyKind::Other;
  std::array<unsigned char, 160> bytes{};
  std::size_t length = 0;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return KeyKind::Other;
  }
  KeyKind kind = KeyKind::Other;
  if (length == crypto_sign_SECRETKEYBYTES) kind = KeyKind::SecretKey;
  if (length == crypto_sign_PUBLICKEYBYTES) {
    kind = is_ed25519_public_key(text) && crypto_core_ed25519_is_valid_point(bytes.data()) == 1
               ? KeyKind::PublicKey
               : KeyKind::NotAKey;
  }
  sodium_memzero(bytes.data(), bytes.size());
  return kind;
}

bool is_kiosk_id(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-';
  });
}

bool is_ed25519_public_key(std::string_view s) {
  // 32 bytes are 44 characters of standard base64 ending in one '='.
  if (s.size() != 44 || s[43] != '=') return false;
  for (std::size_t i = 0; i < 43; ++i) {
    if (base64_value(s[i]) < 0) return false;
  }
  return (base64_value(s[42]) & 3) == 0;  // the unused low bits must be zero (canonical)
}

namespace {

// Every valid key of root into a Config; a wrong one keeps its default and its problem is reported.
Config read_config(const json::Json& root_value, const std::string& file, json::Context& ctx) {
  const json::Json* root = &root_value;
  Config c;
  const TextRule line{TextKind::OneLine, 200, false};
  const TextRule maybe_empty{TextKind::OneLine, 2000, true};
  {
    ObjectReader r(
        *root, "", ctx,
        {"office_name", "timezone", "content", "display", "idle_timeout_s", "office_hours", "admin",
         "fonts", "kiosk_id", "state_dir", "archive_days", "report"});
    if (r.has("office_name")) c.office_name = r.text("office_name", line).value_or(c.office_name);
    if (r.has("timezone")) {
      if (const auto name = r.text("timezone", line)) {
        if (auto zone = tz::Zone::locate(*name)) {
          c.timezone = *name;
        } else {
          r.report("timezone", "expected an IANA time zone such as Asia/Shanghai, found " +
                                   quote_found(*name) +
                                   " (not in the system's tz database, /usr/share/zoneinfo)");
        }
      }
    }
    if (r.has("kiosk_id")) {
      const std::string id = r.text("kiosk_id", maybe_empty).value_or("");
      if (!id.empty() && !is_kiosk_id(id)) {
        r.report("kiosk_id",
                 "expected 1–64 letters, digits, '.', '_' or '-' (not starting with "
                 "'.'), found " +
                     quote_found(id));
      } else {
        c.kiosk_id = id;
      }
    }
    if (r.has("state_dir")) {
      const std::string dir =
          r.text("state_dir", TextRule{TextKind::OneLine, 4096, false}).value_or("");
      if (!dir.empty() && dir.front() != '/') {
        r.report("state_dir", "expected an absolute path, found " + quote_found(dir));
      } else if (!dir.empty()) {
        c.state_dir = dir;
      }
    }
    if (const Json* content = r.object("content", false)) {
      ObjectReader cr(
          *content, "content", ctx,
          {"server_url", "poll_interval_s", "trusted_keys", "allow_unsigned", "cache_dir",
           "max_bundle_mb", "pinned_public_key", "ca_file", "threshold", "root_file"});
      if (cr.has("server_url")) {
        const std::string url = cr.text("server_url", maybe_empty).value_or("");
        if (auto why = url.empty() ? std::string() : url::check_http_url(url); !why.empty()) {
          cr.report("server_url", std::move(why));  // quotes the URL with its userinfo redacted
        } else {
          c.content.server_url = url;
        }
      }
      if (cr.has("poll_interval_s")) {
        c.content.poll_interval_s =
            static_cast<int>(cr.integer("poll_interval_s", 10, 86400).value_or(60));
      }
      const Json* keys = nullptr;
      if (const Json* v = cr.get("trusted_keys"); v != nullptr && !v->is_array()) {
        // A key pasted without its brackets is still a key: never quoted.
        cr.report("trusted_keys",
                  "expected an array of base64 Ed25519 public keys (as in PREFIX.pub), found " +
                      describe_key(*v));
      } else {
        keys = cr.array("trusted_keys", 16, false);
      }
      if (keys != nullptr) {
        for (std::size_t i = 0; i < keys->size(); ++i) {
          const Json& k = (*keys)[i];
          if (k.is_string() &&
              classify_key(k.get_ref<const std::string&>()) == KeyKind::PublicKey &&
              is_ed25519_public_key(k.get_ref<const std::string&>())) {
            c.content.trusted_keys.push_back(k.get<std::string>());
          } else {
            ctx.report(json::index_path("content.trusted_keys", i),
                       "expected the base64 of a 32-byte Ed25519 public key (44 characters, as in "
                       "PREFIX.pub), found " +
                           describe_key(k));
          }
        }
      }
      c.content.allow_unsigned = cr.optional_boolean("allow_unsigned", false);
      if (cr.has("cache_dir")) {
        const std::string dir =
            cr.text("cache_dir", TextRule{TextKind::OneLine, 4096, false}).value_or("");
        if (!dir.empty() && dir.front() != '/') {
          cr.report("cache_dir", "expected an absolute path, found " + quote_found(dir));
        } else if (!dir.empty()) {
          c.content.cache_dir = dir;
        }
      }
      if (cr.has("max_bundle_mb")) {
        c.content.max_bundle_mb =
            static_cast<int>(cr.integer("max_bundle_mb", 1, 1024).value_or(kDefaultMaxBundleMiB));
      }
      c.content.pinned_public_key = cr.optional_text("pinned_public_key", maybe_empty);
      if (cr.has("ca_file")) {
        const std::string path =
            cr.text("ca_file", TextRule{TextKind::OneLine, 4096, true}).value_or("");
        if (auto why = path.empty() ? std::string() : check_ca_file(path); !why.empty()) {
          cr.report("ca_file", std::move(why));
        } else {
          c.content.ca_file = path;
        }
      }
      read_trust_root(cr, c.content);
    }
    if (const Json* display = r.object("display", false)) {
      ObjectReader dr(*display, "display", ctx, {"width", "height", "fullscreen", "orientation"});
      if (dr.has("width"))
        c.display.width = static_cast<int>(dr.integer("width", 320, 7680).value_or(1920));
      if (dr.has("height"))
        c.display.height = static_cast<int>(dr.integer("height", 320, 7680).value_or(1080));
      c.display.fullscreen = dr.optional_boolean("fullscreen", true);
      if (dr.has("orientation")) {
        if (auto o = dr.choice("orientation", {"landscape", "portrait"})) {
          c.display.orientation = *o == "portrait" ? Orientation::Portrait : Orientation::Landscape;
        }
      }
    }
    if (r.has("idle_timeout_s")) {
      c.idle_timeout_s = static_cast<int>(r.integer("idle_timeout_s", 10, 3600).value_or(90));
    }
    if (r.has("archive_days")) {  // 往期公示 (issue 13)
      c.archive_days =
          static_cast<int>(r.integer("archive_days", 0, 3650).value_or(kDefaultArchiveDays));
    }
    if (const Json* hours = r.object("office_hours", false)) {
      ObjectReader hr(*hours, "office_hours", ctx, {"open", "close"});
      for (const auto key : {"open", "close"}) {
        if (!hr.has(key)) continue;
        const auto text = hr.text(key, line);
        if (!text) continue;
        if (const auto t = parse_clock(*text)) {
          (std::string_view(key) == "open" ? c.office_hours.open : c.office_hours.close) = *t;
        } else {
          hr.report(key, "expected a time HH:MM, found " + quote_found(*text));
        }
      }
    }
    if (const Json* admin = r.object("admin", false)) {
      ObjectReader ar(*admin, "admin", ctx, {"pin_hash", "pin_sha256"});
      bool pin_types_ok = true;
      for (const auto key : {"pin_hash", "pin_sha256"}) {
        if (const Json* v = ar.get(key); v != nullptr && !v->is_string()) {
          ar.report(key, "expected a string, found " +
                             describe_secret(*v));  // a PIN as a number is not echoed
          pin_types_ok = false;
        }
      }
      if (pin_types_ok && ar.has("pin_hash")) {
        if (const auto hash = ar.text("pin_hash", TextRule{TextKind::OneLine, 200, false})) {
          // Never echoed either: it might be the PIN itself.
          if (auto checked = check_pin_hash(*hash); checked) {
            c.admin.pin_hash = *hash;
          } else {
            ar.report("pin_hash", checked.error().what);
          }
        }
      }
      if (pin_types_ok && ar.has("pin_sha256")) {
        if (const auto hash = ar.text("pin_sha256", TextRule{TextKind::OneLine, 200, false})) {
          // The found value is not echoed: an administrator who typed the PIN itself here must
          // not see it in the journal.
          if (const auto lower = pin_hash(*hash)) {
            if (!ar.has("pin_hash")) {
              c.admin.pin_sha256 = *lower;
              c.warnings.push_back(
                  {file, "admin.pin_sha256",
                   "an unsalted SHA-256 gives a 4-12 digit PIN away in seconds; replace it with "
                   "admin.pin_hash from kioskctl pin-hash (the PIN still works until then)"});
            } else {
              c.warnings.push_back(
                  {file, "admin.pin_sha256",
                   "ignored because admin.pin_hash is set; remove it (an unsalted SHA-256 gives "
                   "the PIN away in seconds)"});
            }
          } else {
            ar.report("pin_sha256", pin_hash_error(*hash));
          }
        }
      }
    }
    if (const Json* report = r.object("report", false)) {
      ObjectReader rr(*report, "report", ctx,
                      {"url", "user", "password_file", "interval_s", "screenshot", "log_days"});
      if (rr.has("url")) {
        const std::string u = rr.text("url", maybe_empty).value_or("");
        if (u.rfind("s3://", 0) == 0 && u.size() > 5 && u[5] != '/') {
          c.report.url = u;
        } else if (auto why = u.empty() ? std::string() : url::check_http_url(u); !why.empty()) {
          rr.report("url", std::move(why) + " (or s3://BUCKET/PREFIX)");
        } else {
          c.report.url = u;
        }
      }
      c.report.user = rr.optional_text("user", maybe_empty);
      if (rr.has("password_file")) {
        const std::string f =
            rr.text("password_file", TextRule{TextKind::OneLine, 4096, true}).value_or("");
        if (!f.empty() && f.front() != '/') {
          rr.report("password_file", "expected an absolute path, found " + quote_found(f));
        } else {
          c.report.password_file = f;
        }
      }
      const bool password_given =
          rr.has("password_file") && report->at("password_file").is_string() &&
          !report->at("password_file").get_ref<const std::string&>().empty();
      if (c.report.user.empty() == password_given) {
        rr.report(c.report.user.empty() ? "user" : "password_file",
                  "expected report.user and report.password_file together, found only one");
      }
      if (rr.has("interval_s"))
        c.report.interval_s = static_cast<int>(rr.integer("interval_s", 30, 86400).value_or(300));
      c.report.screenshot = rr.optional_boolean("screenshot", true);
      if (rr.has("log_days"))
        c.report.log_days = static_cast<int>(rr.integer("log_days", 1, 3660).value_or(400));
    }
    if (const Json* fonts = r.object("fonts", false)) {
      ObjectReader fr(*fonts, "fonts", ctx, {"families"});
      if (const Json* families = fr.array("families", 16, false)) {
        std::vector<std::string> list;
        for (std::size_t i = 0; i < families->size(); ++i) {
          const Json& f = (*families)[i];
          if (f.is_string() && json::check_text(f.get_ref<const std::string&>(), line).empty()) {
            list.push_back(f.get<std::string>());
          } else {
            ctx.report(json::index_path("fonts.families", i),
                       "expected a font family name, found " + json::describe(f));
          }
        }
        if (families->empty())
          fr.report("families", "expected at least one font family, found none");
        c.fonts.families = std::move(list);
      }
    }
  }
  return c;
}

}  // namespace

std::optional<Config> parse(std::string_view bytes, const std::string& file, Problems& problems) {
  const auto root = json::parse(bytes, file, problems);
  if (!root) return std::nullopt;
  json::Context ctx(file, problems);
  Config c = read_config(*root, file, ctx);
  ctx.finish();
  if (ctx.count() > 0) return std::nullopt;
  return c;
}

Config load_salvaged(const std::filesystem::path& path, Problems& problems) {
  auto r = files::read(path, 1u << 20);
  if (!r) {
    problems.push_back({path.string(), "", r.error().what});
    return Config{};
  }
  const std::string file = path.filename().string();
  const auto root = json::parse(*r, file, problems);
  if (!root) return Config{};
  json::Context ctx(file, problems);
  Config c = read_config(*root, file, ctx);
  ctx.finish();
  return c;
}

std::optional<Config> load(const std::filesystem::path& path, Problems& problems) {
  auto r = files::read(path, 1u << 20);
  if (!r) {
    problems.push_back({path.string(), "", r.error().what});
    return std::nullopt;
  }
  return parse(*r, path.filename().string(), problems);
}

}  // namespace kiosk::config
