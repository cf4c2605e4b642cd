// kiosk.json: the documented example loads; every wrong key or type gets its one line.
#include <gtest/gtest.h>

#include <sodium.h>
#include <sys/stat.h>

#include <cctype>

#include "config/config.hpp"
#include "config/pin.hpp"
#include "content/parse.hpp"
#include "core/url.hpp"
#include "crypto/sha256.hpp"
#include "temp_dir.hpp"

namespace kiosk::config {
namespace {

std::string lines(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += p.line() + "\n";
  return out;
}

std::string errors_of(const std::string& json) {
  Problems problems;
  const auto c = parse(json, "kiosk.json", problems);
  EXPECT_EQ(c.has_value(), problems.empty());
  return lines(problems);
}

constexpr const char* kKey = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

TEST(Config, TheRepositoryExampleLoads) {
  Problems problems;
  const auto c = load(std::string(KIOSK_SOURCE_ROOT) + "/config/kiosk.json", problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->content.allow_unsigned);
  EXPECT_EQ(c->display.width, 1920);
}

// The default font chain is written in config.hpp; the shipped kiosk.json repeats it so an
// operator sees it, and must not drift from it (kioskctl validate checks with the default).
TEST(Config, TheRepositoryExampleHasTheDefaultFontChain) {
  Problems problems;
  const auto c = load(std::string(KIOSK_SOURCE_ROOT) + "/config/kiosk.json", problems);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->fonts.families, Config{}.fonts.families);
  EXPECT_EQ(Config{}.fonts.families.back(), "BabelStone Han") << "CJK Extensions A–H, last";
}

TEST(Config, AnEmptyObjectTakesEveryDefault) {
  Problems problems;
  const auto c = parse("{}", "kiosk.json", problems);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->idle_timeout_s, 90);
  EXPECT_EQ(c->archive_days, 90);  // 往期公示 (LIFECYCLE.md)
  EXPECT_EQ(c->content.poll_interval_s, 60);
  EXPECT_EQ(c->content.cache_dir, "/var/cache/kiosk");
  EXPECT_EQ(c->content.max_bundle_mb, 32);
  EXPECT_FALSE(c->content.allow_unsigned);
  EXPECT_TRUE(c->content.server_url.empty());
  EXPECT_EQ(c->office_hours.open, (ClockTime{8, 0}));
  EXPECT_EQ(c->fonts.families.front(), "Noto Sans CJK SC");
  EXPECT_EQ(c->timezone, "Asia/Shanghai");
  EXPECT_EQ(c->kiosk_id, "");  // the host name (fleet::host_name)
  EXPECT_EQ(c->state_dir, "/var/lib/kiosk");
}

TEST(Config, KioskIdAndStateDir) {
  Problems problems;
  const auto c = parse(R"({"kiosk_id": "xinhua-cun.01", "state_dir": "/srv/kiosk-state"})",
                       "kiosk.json", problems);
  ASSERT_TRUE(c) << problems.front().line();
  EXPECT_EQ(c->kiosk_id, "xinhua-cun.01");
  EXPECT_EQ(c->state_dir, "/srv/kiosk-state");
}

TEST(Config, TimezoneIsAnIanaName) {
  Problems problems;
  const auto c = parse(R"({"timezone": "America/New_York"})", "kiosk.json", problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->timezone, "America/New_York");
}

TEST(Config, FullExampleFromCliSpec) {
  Problems problems;
  const auto c = parse(std::string(R"({"office_name": "示例居委会",
    "content": {"server_url": "https://content.example.org/qingpu/", "poll_interval_s": 60,
                "trusted_keys": [")") +
                           kKey + R"("], "allow_unsigned": false,
                "cache_dir": "/var/cache/kiosk", "max_bundle_mb": 32},
    "display": {"width": 1080, "height": 1920, "fullscreen": true, "orientation": "portrait"},
    "idle_timeout_s": 120, "office_hours": {"open": "08:30", "close": "17:30"},
    "fonts": {"families": ["Noto Sans CJK SC", "WenQuanYi Micro Hei"]}})",
                       "kiosk.json", problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->office_name, "示例居委会");
  EXPECT_EQ(c->content.trusted_keys.size(), 1u);
  EXPECT_EQ(c->display.orientation, Orientation::Portrait);
  EXPECT_EQ(c->office_hours.close, (ClockTime{17, 30}));
}

struct Case {
  const char* name;
  const char* json;
  const char* expected;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

const Case kCases[] = {
    {"UnknownTopKey", R"({"office": "x"})",
     "kiosk.json: office: expected one of the keys office_name, timezone, content, display, "
     "idle_timeout_s, office_hours, admin, fonts, kiosk_id, state_dir, archive_days, report, found "
     "an "
     "unknown key\n"},
    {"ReportUserWithoutPasswordFile", R"({"report": {"url": "https://h/r/", "user": "k1"}})",
     "kiosk.json: report.password_file: expected report.user and report.password_file together, "
     "found only one\n"},
    {"ReportRelativePasswordFile",
     R"({"report": {"url": "https://h/r/", "user": "k1", "password_file": "pw"}})",
     "kiosk.json: report.password_file: expected an absolute path, found \"pw\"\n"},
    {"ReportIntervalTooShort", R"({"report": {"interval_s": 5}})",
     "kiosk.json: report.interval_s: expected an integer from 30 to 86400, found 5\n"},
    {"KioskIdWithSlash", R"({"kiosk_id": "a/b"})",
     "kiosk.json: kiosk_id: expected 1–64 letters, digits, '.', '_' or '-' (not starting with "
     "'.'), found \"a/b\"\n"},
    {"RelativeStateDir", R"({"state_dir": "state"})",
     "kiosk.json: state_dir: expected an absolute path, found \"state\"\n"},
    {"TimezoneUnknown", R"({"timezone": "Asia/Shangai"})",
     "kiosk.json: timezone: expected an IANA time zone such as Asia/Shanghai, found "
     "\"Asia/Shangai\" (not in the system's tz database, /usr/share/zoneinfo)\n"},
    {"TimezoneOffsetNotAZone", R"({"timezone": "+08:00"})",
     "kiosk.json: timezone: expected an IANA time zone such as Asia/Shanghai, found \"+08:00\" "
     "(not in the system's tz database, /usr/share/zoneinfo)\n"},
    {"TimezoneNotAString", R"({"timezone": 8})",
     "kiosk.json: timezone: expected a string, found the number 8\n"},
    {"UnknownNestedKey", R"({"content": {"server": "https://x/"}})",
     "kiosk.json: content.server: expected one of the keys server_url, poll_interval_s, "
     "trusted_keys, allow_unsigned, cache_dir, max_bundle_mb, pinned_public_key, ca_file, "
     "threshold, root_file, found an unknown key\n"},
    {"OfficeNameNumber", R"({"office_name": 5})",
     "kiosk.json: office_name: expected a string, found the number 5\n"},
    {"PollIntervalString", R"({"content": {"poll_interval_s": "60"}})",
     "kiosk.json: content.poll_interval_s: expected an integer from 10 to 86400, found \"60\"\n"},
    {"PollIntervalTooSmall", R"({"content": {"poll_interval_s": 1}})",
     "kiosk.json: content.poll_interval_s: expected an integer from 10 to 86400, found 1\n"},
    {"FtpServer", R"({"content": {"server_url": "ftp://example.org/"}})",
     "kiosk.json: content.server_url: expected an http:// or https:// URL, found "
     "\"ftp://example.org/\"\n"},
    {"ShortKey", R"({"content": {"trusted_keys": ["abc"]}})",
     "kiosk.json: content.trusted_keys[0]: expected the base64 of a 32-byte Ed25519 public key (44 "
     "characters, as in PREFIX.pub), found a string of 3 characters\n"},
    {"KeysNotArray", R"({"content": {"trusted_keys": "abc"}})",
     "kiosk.json: content.trusted_keys: expected an array of base64 Ed25519 public keys (as in "
     "PREFIX.pub), found a string of 3 characters\n"},
    {"SecretKeyWithoutBrackets",
     R"({"content": {"trusted_keys": "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2DXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGg=="}})",
     "kiosk.json: content.trusted_keys: expected an array of base64 Ed25519 public keys (as in "
     "PREFIX.pub), found a secret key (88 characters, as in PREFIX.key): this is a secret key; put "
     "the .pub file's line here\n"},
    {"AdminPinAsANumber", R"({"admin": {"pin_sha256": 246810}})",
     "kiosk.json: admin.pin_sha256: expected a string, found a number\n"},
    {"AdminPinHashAsANumber", R"({"admin": {"pin_hash": 246810}})",
     "kiosk.json: admin.pin_hash: expected a string, found a number\n"},
    {"AllowUnsignedString", R"({"content": {"allow_unsigned": "true"}})",
     "kiosk.json: content.allow_unsigned: expected true or false, found \"true\"\n"},
    {"RelativeCacheDir", R"({"content": {"cache_dir": "cache"}})",
     "kiosk.json: content.cache_dir: expected an absolute path, found \"cache\"\n"},
    {"HugeBundleLimit", R"({"content": {"max_bundle_mb": 100000}})",
     "kiosk.json: content.max_bundle_mb: expected an integer from 1 to 1024, found 100000\n"},
    {"FloatWidth", R"({"display": {"width": 1920.5}})",
     "kiosk.json: display.width: expected an integer from 320 to 7680, found the number 1920.5\n"},
    {"Orientation", R"({"display": {"orientation": "sideways"}})",
     "kiosk.json: display.orientation: expected one of landscape, portrait, found \"sideways\"\n"},
    {"FullscreenNumber", R"({"display": {"fullscreen": 1}})",
     "kiosk.json: display.fullscreen: expected true or false, found the number 1\n"},
    {"IdleNegative", R"({"idle_timeout_s": -5})",
     "kiosk.json: idle_timeout_s: expected an integer from 10 to 3600, found -5\n"},
    {"ArchiveDaysNegative", R"({"archive_days": -1})",
     "kiosk.json: archive_days: expected an integer from 0 to 3650, found -1\n"},
    {"ArchiveDaysText", R"({"archive_days": "90"})",
     "kiosk.json: archive_days: expected an integer from 0 to 3650, found \"90\"\n"},
    {"OfficeHoursBadTime", R"({"office_hours": {"open": "8:00"}})",
     "kiosk.json: office_hours.open: expected a time HH:MM, found \"8:00\"\n"},
    {"OfficeHoursHour25", R"({"office_hours": {"close": "25:00"}})",
     "kiosk.json: office_hours.close: expected a time HH:MM, found \"25:00\"\n"},
    {"NoFontFamilies", R"({"fonts": {"families": []}})",
     "kiosk.json: fonts.families: expected at least one font family, found none\n"},
    {"FontFamilyNumber", R"({"fonts": {"families": [3]}})",
     "kiosk.json: fonts.families[0]: expected a font family name, found the number 3\n"},
    {"AdminPinInsteadOfItsHash", R"({"admin": {"pin_sha256": "123456"}})",
     "kiosk.json: admin.pin_sha256: expected the hex SHA-256 of a 4-12 digit PIN (64 characters "
     "0-9a-f: printf %s PIN | sha256sum), found a string of 6 characters\n"},
    {"AdminHashNotHex",
     R"({"admin": {"pin_sha256": "zz5a1ed6b7d2e0ea3bd4c8c7a5cde3a8b3f9f0e3e1f2d7c4b0a9e8f7d6c5b4a3"}})",
     "kiosk.json: admin.pin_sha256: expected the hex SHA-256 of a 4-12 digit PIN (64 characters "
     "0-9a-f: printf %s PIN | sha256sum), found a string of 64 characters\n"},
    {"AdminHashOfNothing",
     R"({"admin": {"pin_sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}})",
     "kiosk.json: admin.pin_sha256: expected the hex SHA-256 of a 4-12 digit PIN (64 characters "
     "0-9a-f: printf %s PIN | sha256sum), found the SHA-256 of an empty PIN\n"},
    {"AdminUnknownKey", R"({"admin": {"pin": "x"}})",
     "kiosk.json: admin.pin: expected one of the keys pin_hash, pin_sha256, found an unknown "
     "key\n"},
    // A malformed server_url is refused when the file is read (issue 11 item 19), and a quoted URL
    // never shows its user:password (item 7).
    {"ServerWithoutHost", R"({"content": {"server_url": "http://"}})",
     "kiosk.json: content.server_url: expected a host name after http:// (e.g. "
     "https://content.example.org/office/), found none in \"http://\"\n"},
    {"ServerWithOnlyAPath", R"({"content": {"server_url": "https:///qingpu/"}})",
     "kiosk.json: content.server_url: expected a host name after https:// (e.g. "
     "https://content.example.org/office/), found none in \"https:///qingpu/\"\n"},
    {"ServerPortTooLarge", R"({"content": {"server_url": "http://content.example.org:99999/"}})",
     "kiosk.json: content.server_url: expected a port from 1 to 65535, found \"99999\" in "
     "\"http://content.example.org:99999/\"\n"},
    {"ServerPortZero", R"({"content": {"server_url": "http://10.0.0.5:0/"}})",
     "kiosk.json: content.server_url: expected a port from 1 to 65535, found \"0\" in "
     "\"http://10.0.0.5:0/\"\n"},
    {"ServerPortEmpty", R"({"content": {"server_url": "http://10.0.0.5:/x"}})",
     "kiosk.json: content.server_url: expected a port from 1 to 65535 after \":\", found none in "
     "\"http://10.0.0.5:/x\"\n"},
    {"ServerPortNotANumber", R"({"content": {"server_url": "http://h:8o/"}})",
     "kiosk.json: content.server_url: expected a port from 1 to 65535, found \"8o\" in "
     "\"http://h:8o/\"\n"},
    {"ServerWithASpace", R"({"content": {"server_url": "https://content.example.org/社区 公示/"}})",
     "kiosk.json: content.server_url: expected a URL without spaces or control characters (write a "
     "space as %20), found a space at character 31 of \"https://content.example.org/社区 "
     "公示/\"\n"},
    {"ServerHostWithABadCharacter", R"({"content": {"server_url": "http://content,example.org/"}})",
     "kiosk.json: content.server_url: expected a host name of letters, digits, '-' and '.', found "
     "\",\" in \"http://content,example.org/\"\n"},
    {"ServerSchemeInCapitals", R"({"content": {"server_url": "HTTPS://content.example.org/"}})",
     "kiosk.json: content.server_url: expected an http:// or https:// URL, found "
     "\"HTTPS://content.example.org/\"\n"},
    {"ServerPasswordIsNotEchoed",
     R"({"content": {"server_url": "ftp://kiosk:s3cr3t-pw@files.example.org/"}})",
     "kiosk.json: content.server_url: expected an http:// or https:// URL, found "
     "\"ftp://***@files.example.org/\"\n"},
    {"ServerPasswordIsNotEchoedWithABadPort",
     R"({"content": {"server_url": "https://kiosk:s3cr3t-pw@h:70000/"}})",
     "kiosk.json: content.server_url: expected a port from 1 to 65535, found \"70000\" in "
     "\"https://***@h:70000/\"\n"},
    {"RelativeCaFile", R"({"content": {"ca_file": "office-ca.pem"}})",
     "kiosk.json: content.ca_file: expected an absolute path to a readable PEM file of CA "
     "certificates, found \"office-ca.pem\"\n"},
    {"MissingCaFile", R"({"content": {"ca_file": "/nonexistent/office-ca.pem"}})",
     "kiosk.json: content.ca_file: expected an absolute path to a readable PEM file of CA "
     "certificates, found no file at \"/nonexistent/office-ca.pem\"\n"},
    {"CaFileIsADirectory", R"({"content": {"ca_file": "/etc"}})",
     "kiosk.json: content.ca_file: expected an absolute path to a readable PEM file of CA "
     "certificates, found a directory at \"/etc\"\n"},
    {"CaFileNumber", R"({"content": {"ca_file": 5}})",
     "kiosk.json: content.ca_file: expected a string, found the number 5\n"},
    // admin.pin_hash (item 16): a value that is no Argon2id string is never echoed (it may be the
    // PIN).
    {"AdminPinInsteadOfItsArgon2Hash", R"({"admin": {"pin_hash": "246810"}})",
     "kiosk.json: admin.pin_hash: expected the Argon2id hash of a 4-12 digit PIN as kioskctl "
     "pin-hash prints it ($argon2id$…), found a string of 6 characters\n"},
    {"AdminArgon2Truncated",
     R"({"admin": {"pin_hash": "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ"}})",
     "kiosk.json: admin.pin_hash: expected the Argon2id hash of a 4-12 digit PIN as kioskctl "
     "pin-hash prints it ($argon2id$…), found a string of 42 characters that is not a whole "
     "Argon2id string\n"},
    {"AdminArgon2iIsNotArgon2id",
     R"({"admin": {"pin_hash": "$argon2i$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A"}})",
     "kiosk.json: admin.pin_hash: expected the Argon2id hash of a 4-12 digit PIN as kioskctl "
     "pin-hash prints it ($argon2id$…), found a string of 84 characters\n"},
    {"AdminArgon2TooCostly",
     R"({"admin": {"pin_hash": "$argon2id$v=19$m=4194304,t=3,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A"}})",
     "kiosk.json: admin.pin_hash: expected an Argon2id hash costing at most 256 MiB and 8 passes "
     "(kioskctl pin-hash makes one), found m=4194304 KiB, t=3\n"},
    {"ContentNotObject", R"({"content": []})",
     "kiosk.json: content: expected an object, found an array\n"},
    {"NotJson", "office_name = x",
     "kiosk.json: line 1, column 1: expected valid JSON, found syntax error while parsing value - "
     "invalid literal\n"},
    {"TwoErrorsBothReported", R"({"idle_timeout_s": "90", "display": {"height": 10}})",
     "kiosk.json: display.height: expected an integer from 320 to 7680, found 10\n"
     "kiosk.json: idle_timeout_s: expected an integer from 10 to 3600, found \"90\"\n"},
};

class BadConfig : public ::testing::TestWithParam<Case> {};

TEST_P(BadConfig, GetsExactlyItsErrorLine) {
  EXPECT_EQ(errors_of(GetParam().json), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadConfig, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Config, MissingFileIsOneLine) {
  Problems problems;
  EXPECT_FALSE(load("/nonexistent/kiosk.json", problems));
  EXPECT_EQ(lines(problems), "/nonexistent/kiosk.json: cannot open: No such file or directory\n");
}

TEST(Config, AdminPinHashIsStoredLowercaseAndAbsentMeansNoExit) {
  Problems problems;
  const std::string hash = crypto::sha256_hex("246810");
  std::string upper = hash;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const auto c = parse(R"({"admin": {"pin_sha256": ")" + upper + R"("}})", "kiosk.json", problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->admin.pin_sha256, hash);
  const auto none = parse("{}", "kiosk.json", problems);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->admin.pin_sha256.empty());
}

// No run of 8 characters of secret appears in text.
void expect_no_part_of(const std::string& secret, const std::string& text) {
  for (std::size_t i = 0; i + 8 <= secret.size(); ++i) {
    ASSERT_EQ(text.find(secret.substr(i, 8)), std::string::npos)
        << "characters " << i << "-" << i + 7 << " of the secret in:\n"
        << text;
  }
}

// RFC 8032's first test key: libsodium's 64-byte secret key (seed then public key) as PREFIX.key
// holds it, its bare 32-byte seed, and the public key as PREFIX.pub holds it (kKey).
constexpr const char* kSecretKey =
    "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2DXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGg==";
constexpr const char* kSeed = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";

std::string with_trusted_key(const std::string& key) {
  return R"({"content": {"trusted_keys": [")" + key + R"("]}})";
}

// Issue 11 item 2: a secret key pasted into trusted_keys used to be quoted (40 characters, 30 of
// the 32 seed bytes) in a line the journal kept at every restart.
TEST(Config, ASecretKeyInTrustedKeysIsRecognisedAndNeverQuoted) {
  const std::string expected =
      "kiosk.json: content.trusted_keys[0]: expected the base64 of a 32-byte Ed25519 public key "
      "(44 characters, as in "
      "PREFIX.pub), found a secret key (88 characters, as in PREFIX.key): this is a secret key; "
      "put the .pub file's "
      "line here\n";
  const std::string errors = errors_of(with_trusted_key(kSecretKey));
  EXPECT_EQ(errors, expected);
  expect_no_part_of(kSecretKey, errors);
  // Any key kioskctl keygen makes, also with the line end a copy and paste brings along.
  ASSERT_GE(sodium_init(), 0);
  for (int i = 0; i < 20; ++i) {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    char b64[sodium_base64_ENCODED_LEN(crypto_sign_SECRETKEYBYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, sk, sizeof sk, sodium_base64_VARIANT_ORIGINAL);
    const std::string secret = b64;
    for (const std::string& pasted : {secret, secret + "\\n", " " + secret + " "}) {
      const std::string e = errors_of(with_trusted_key(pasted));
      EXPECT_NE(e.find("found a secret key ("), std::string::npos) << e;
      EXPECT_NE(e.find("this is a secret key; put the .pub file's line here"), std::string::npos)
          << e;
      expect_no_part_of(secret, e);
    }
    sodium_bin2base64(b64, sizeof b64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
    EXPECT_EQ(errors_of(with_trusted_key(b64)), "") << "the matching PREFIX.pub line is accepted";
  }
  // The bare 32-byte seed has a public key's length but is no point of the curve's group.
  EXPECT_EQ(classify_key(kSeed), KeyKind::NotAKey);
  const std::string seed_errors = errors_of(with_trusted_key(kSeed));
  EXPECT_EQ(seed_errors,
            "kiosk.json: content.trusted_keys[0]: expected the base64 of a 32-byte Ed25519 public "
            "key (44 characters, "
            "as in PREFIX.pub), found 44 characters of base64 that are no Ed25519 public key (a "
            "secret seed?): put the "
            ".pub file's line here\n");
  expect_no_part_of(kSeed, seed_errors);
  // Nothing else that fails the key check is quoted either.
  const std::string almost = std::string(kKey).substr(0, 43);
  const std::string e = errors_of(with_trusted_key(almost));
  EXPECT_NE(e.find("found a string of 43 characters"), std::string::npos) << e;
  expect_no_part_of(almost, e);
}

TEST(Config, ClassifiesKeys) {
  EXPECT_EQ(classify_key(kKey), KeyKind::PublicKey);
  EXPECT_EQ(classify_key(kSecretKey), KeyKind::SecretKey);
  EXPECT_EQ(classify_key(std::string(kSecretKey) + "\n"), KeyKind::SecretKey);
  EXPECT_EQ(classify_key(kSeed), KeyKind::NotAKey);
  EXPECT_EQ(classify_key("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), KeyKind::NotAKey)
      << "a small-order point";
  EXPECT_EQ(classify_key("abc"), KeyKind::Other);
  EXPECT_EQ(classify_key(""), KeyKind::Other);
}

// Issue 11 item 8: content.ca_file names a readable PEM file of a private CA.
TEST(Config, CaFileMustBeAReadablePemFile) {
  test::TempDir dir;
  const auto pem =
      dir.write("office-ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  Problems problems;
  const auto c =
      parse(R"({"content": {"server_url": "https://content.example.org/", "ca_file": ")" +
                pem.string() + R"("}})",
            "kiosk.json", problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->content.ca_file, pem.string());
  EXPECT_EQ(parse("{}", "kiosk.json", problems)->content.ca_file, "") << "absent: the system's CAs";
  EXPECT_EQ(parse(R"({"content": {"ca_file": ""}})", "kiosk.json", problems)->content.ca_file, "");

  const auto key = dir.write("office.key", "not a certificate\n");
  EXPECT_EQ(errors_of(R"({"content": {"ca_file": ")" + key.string() + R"("}})"),
            "kiosk.json: content.ca_file: expected an absolute path to a readable PEM file of CA "
            "certificates, found a "
            "file without \"-----BEGIN CERTIFICATE-----\" at " +
                quote_found(key.string()) + "\n");
  // A FIFO is refused without opening it (an open would block until a writer came).
  const auto fifo = dir / "fifo.pem";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  EXPECT_EQ(errors_of(R"({"content": {"ca_file": ")" + fifo.string() + R"("}})"),
            "kiosk.json: content.ca_file: expected an absolute path to a readable PEM file of CA "
            "certificates, found a "
            "FIFO at " +
                quote_found(fifo.string()) + "\n");
  if (::geteuid() != 0) {  // root reads anything
    const auto locked = dir.write("locked.pem", "-----BEGIN CERTIFICATE-----\n");
    std::filesystem::permissions(locked, std::filesystem::perms::none);
    EXPECT_EQ(errors_of(R"({"content": {"ca_file": ")" + locked.string() + R"("}})"),
              "kiosk.json: content.ca_file: expected an absolute path to a readable PEM file of CA "
              "certificates, found a "
              "file this user cannot read (Permission denied) at " +
                  quote_found(locked.string()) + "\n");
  }
}

TEST(Config, WellFormedServerUrlsPass) {
  for (const char* url :
       {"http://content.example.org/qingpu/", "https://content.example.org",
        "http://10.0.0.5:8080/x", "https://user:pa%40ss@content.example.org:443/b?x=1",
        "http://[::1]:8080/", "http://localhost:1/"}) {
    Problems problems;
    const auto c = parse(std::string(R"({"content": {"server_url": ")") + url + R"("}})",
                         "kiosk.json", problems);
    EXPECT_EQ(lines(problems), "") << url;
    ASSERT_TRUE(c) << url;
    EXPECT_EQ(c->content.server_url, url);
  }
}

// Issue 11 item 16: admin.pin_hash holds a salted, slow Argon2id hash; the legacy unsalted
// admin.pin_sha256 still works, with a warning.
TEST(Config, PinHashIsArgon2idAndVerifiesOnlyItsPin) {
  const auto hash = hash_pin("246810");
  ASSERT_TRUE(hash) << hash.error().what;
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_NE(*hash, *hash_pin("246810")) << "salted: the same PIN hashes differently each time";
  Problems problems;
  const auto c = parse(R"({"admin": {"pin_hash": ")" + *hash + R"("}})", "kiosk.json", problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->admin.pin_hash, *hash);
  EXPECT_TRUE(c->warnings.empty());
  EXPECT_TRUE(has_pin(c->admin));
  EXPECT_TRUE(verify_pin(c->admin, "246810"));
  for (const char* wrong : {"246811", "24681", "2468100", "", "abcdef", "246810\n"}) {
    EXPECT_FALSE(verify_pin(c->admin, wrong)) << wrong;
  }
  EXPECT_FALSE(has_pin(Config{}.admin));
  EXPECT_FALSE(verify_pin(Config{}.admin, "246810")) << "no PIN configured: nothing verifies";
  for (const char* bad : {"", "123", "1234567890123", "12a4", "１２３４"}) {
    const auto refused = hash_pin(bad);
    ASSERT_FALSE(refused) << bad;
    const std::string& error = refused.error().what;
    EXPECT_EQ(error.find(bad[0] == '\0' ? "\x01" : bad), std::string::npos)
        << "the PIN is not echoed: " << error;
  }
  ASSERT_FALSE(hash_pin("123"));
  EXPECT_EQ(hash_pin("123").error().what, "expected a PIN of 4 to 12 digits, found 3 characters");
}

TEST(Config, LegacyPinSha256StillWorksWithAWarning) {
  Problems problems;
  const auto c = parse(R"({"admin": {"pin_sha256": ")" + crypto::sha256_hex("246810") + R"("}})",
                       "kiosk.json", problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(c);
  EXPECT_TRUE(verify_pin(c->admin, "246810"));
  EXPECT_FALSE(verify_pin(c->admin, "246811"));
  EXPECT_EQ(lines(c->warnings),
            "kiosk.json: admin.pin_sha256: an unsalted SHA-256 gives a 4-12 digit PIN away in "
            "seconds; replace it with "
            "admin.pin_hash from kioskctl pin-hash (the PIN still works until then)\n");
  // Both: the Argon2id hash decides, and the old line should go.
  const auto both = parse(R"({"admin": {"pin_hash": ")" + *hash_pin("1357") +
                              R"(", "pin_sha256": ")" + crypto::sha256_hex("246810") + R"("}})",
                          "kiosk.json", problems);
  ASSERT_TRUE(both);
  EXPECT_TRUE(verify_pin(both->admin, "1357"));
  EXPECT_FALSE(verify_pin(both->admin, "246810"));
  EXPECT_EQ(lines(both->warnings),
            "kiosk.json: admin.pin_sha256: ignored because admin.pin_hash is set; remove it (an "
            "unsalted SHA-256 gives "
            "the PIN away in seconds)\n");
}

// Issue 11 item 17: a kiosk whose file is broken keeps every key that is itself valid.
TEST(Config, SalvageKeepsTheValidKeys) {
  test::TempDir dir;
  const auto file = dir.write("kiosk.json", R"({"office_name": "青浦居委会", "idle_timeout_s": "90",
    "content": {"cache_dir": "/srv/kiosk-cache", "server_url": "https://content.example.org/", "trusted_keys": [")" +
                                                std::string(kKey) + R"("]},
    "display": {"orientation": "portrait"}})");
  Problems problems;
  EXPECT_FALSE(load(file, problems));
  EXPECT_EQ(lines(problems),
            "kiosk.json: idle_timeout_s: expected an integer from 10 to 3600, found \"90\"\n");
  problems.clear();
  const Config c = load_salvaged(file, problems);
  EXPECT_EQ(lines(problems),
            "kiosk.json: idle_timeout_s: expected an integer from 10 to 3600, found \"90\"\n");
  EXPECT_EQ(c.office_name, "青浦居委会");
  EXPECT_EQ(c.content.cache_dir, "/srv/kiosk-cache");
  EXPECT_EQ(c.content.trusted_keys.size(), 1u);
  EXPECT_EQ(c.display.orientation, Orientation::Portrait);
  EXPECT_EQ(c.idle_timeout_s, 90) << "the broken key keeps its default";
  // Not JSON at all, or no file: the defaults.
  problems.clear();
  const Config d = load_salvaged(dir.write("bad.json", R"({"office_name": "x",})"), problems);
  EXPECT_EQ(problems.size(), 1u);
  EXPECT_EQ(d.office_name, Config{}.office_name);
  problems.clear();
  EXPECT_EQ(load_salvaged(dir / "none.json", problems).content.cache_dir, "/var/cache/kiosk");
  EXPECT_EQ(problems.size(), 1u);
}

// Issue 11 item 7: one function redacts a URL's user:password wherever one is shown.
TEST(Url, RedactsUserinfoEverywhereInText) {
  EXPECT_EQ(url::redact_userinfo("https://kiosk:Pw9secret@cms.example.org/q/"),
            "https://***@cms.example.org/q/");
  EXPECT_EQ(url::redact_userinfo("http://admin@10.0.0.5:8080/x"), "http://***@10.0.0.5:8080/x");
  EXPECT_EQ(url::redact_userinfo("GET https://a:b@h1/m.json failed; retry https://c:d@h2/"),
            "GET https://***@h1/m.json failed; retry https://***@h2/");
  EXPECT_EQ(url::redact_userinfo("https://u:p%40ss@h/?next=a@b"), "https://***@h/?next=a@b")
      << "the last @ before the path";
  EXPECT_EQ(url::redact_userinfo("https://host/path@v2"), "https://host/path@v2")
      << "an @ in the path is no userinfo";
  EXPECT_EQ(url::redact_userinfo("mail kiosk@localhost"), "mail kiosk@localhost");
  EXPECT_EQ(url::redact_userinfo("\"https://u:p@h\""), "\"https://***@h\"");
  EXPECT_EQ(url::redact_userinfo(""), "");
  EXPECT_EQ(url::redact_userinfo("https://"), "https://");
}

TEST(Config, PublicKeyShape) {
  EXPECT_TRUE(is_ed25519_public_key(kKey));
  EXPECT_FALSE(is_ed25519_public_key("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo"));
  EXPECT_FALSE(is_ed25519_public_key("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURp="));
}

// Issue 14: content.threshold and content.root_file, the kiosk's first root (TRUST.md); a
// configuration without them is today's: threshold 1, no root file.
TEST(Config, ThresholdAndRootFile) {
  Problems problems;
  auto c = parse(with_trusted_key(kKey), "kiosk.json", problems);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->content.threshold, 1);
  EXPECT_EQ(c->content.root_file, "");
  ASSERT_GE(sodium_init(), 0);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  char b64[sodium_base64_ENCODED_LEN(crypto_sign_PUBLICKEYBYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
  const std::string two_keys = R"({"content": {"trusted_keys": [")" + std::string(kKey) +
                               R"(", ")" + std::string(b64) + R"("], )";
  c = parse(two_keys + R"("threshold": 2}})", "kiosk.json", problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->content.threshold, 2);
  EXPECT_EQ(errors_of(two_keys + R"("threshold": 3}})"),
            "kiosk.json: content.threshold: expected an integer from 1 to 2 (the number of "
            "content.trusted_keys), found 3\n");
  EXPECT_EQ(errors_of(R"({"content": {"root_file": "root.json"}})"),
            "kiosk.json: content.root_file: expected an absolute path to a root.json (TRUST.md), "
            "found \"root.json\"\n");
  test::TempDir temp;
  const auto root = temp / "root.json";
  const std::string config = R"({"content": {"root_file": ")" + root.string() + R"("}})";
  EXPECT_EQ(errors_of(config), "kiosk.json: content.root_file: " + root.string() +
                                   ": cannot open: No such file or directory\n");
  test::write_file(root, R"({"schema": 1, "version": 1, "keys": ["abc"], "threshold": 1})");
  EXPECT_EQ(errors_of(config),
            "kiosk.json: content.root_file: " + root.string() +
                ": keys[0]: expected the base64 of a 32-byte Ed25519 public key, found \"abc\"\n");
  test::write_file(root, R"({"schema": 1, "version": 3, "keys": [")" + std::string(kKey) +
                             R"("], "threshold": 1})");
  problems.clear();
  c = parse(config, "kiosk.json", problems);
  EXPECT_EQ(lines(problems), "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->content.root_file, root.string());
  EXPECT_EQ(errors_of(R"({"content": {"trusted_keys": [")" + std::string(kKey) +
                      R"("], "root_file": ")" + root.string() + R"("}})"),
            "kiosk.json: content.root_file: expected either content.root_file or "
            "content.trusted_keys (with content.threshold), found both; the root file lists the "
            "keys and threshold\n");
}

}  // namespace
}  // namespace kiosk::config
