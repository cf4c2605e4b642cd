// kiosk.json: the documented example loads; every wrong key or type gets its one line.
#include <gtest/gtest.h>

#include <cctype>

#include "config/config.hpp"
#include "content/parse.hpp"

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

TEST(Config, AnEmptyObjectTakesEveryDefault) {
  Problems problems;
  const auto c = parse("{}", "kiosk.json", problems);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->idle_timeout_s, 90);
  EXPECT_EQ(c->content.poll_interval_s, 60);
  EXPECT_EQ(c->content.cache_dir, "/var/cache/kiosk");
  EXPECT_EQ(c->content.max_bundle_mb, 32);
  EXPECT_FALSE(c->content.allow_unsigned);
  EXPECT_TRUE(c->content.server_url.empty());
  EXPECT_EQ(c->office_hours.open, (ClockTime{8, 0}));
  EXPECT_EQ(c->fonts.families.front(), "Noto Sans CJK SC");
}

TEST(Config, FullExampleFromCliSpec) {
  Problems problems;
  const auto c = parse(std::string(R"({"office_name": "示例居委会",
    "content": {"server_url": "https://content.example.org/qingpu/", "poll_interval_s": 60,
                "trusted_keys": [")") + kKey + R"("], "allow_unsigned": false,
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
     "kiosk.json: office: expected one of the keys office_name, content, display, idle_timeout_s, office_hours, admin, fonts, found an unknown key\n"},
    {"UnknownNestedKey", R"({"content": {"server": "https://x/"}})",
     "kiosk.json: content.server: expected one of the keys server_url, poll_interval_s, trusted_keys, allow_unsigned, cache_dir, max_bundle_mb, pinned_public_key, found an unknown key\n"},
    {"OfficeNameNumber", R"({"office_name": 5})",
     "kiosk.json: office_name: expected a string, found the number 5\n"},
    {"PollIntervalString", R"({"content": {"poll_interval_s": "60"}})",
     "kiosk.json: content.poll_interval_s: expected an integer from 10 to 86400, found \"60\"\n"},
    {"PollIntervalTooSmall", R"({"content": {"poll_interval_s": 1}})",
     "kiosk.json: content.poll_interval_s: expected an integer from 10 to 86400, found 1\n"},
    {"FtpServer", R"({"content": {"server_url": "ftp://example.org/"}})",
     "kiosk.json: content.server_url: expected an http:// or https:// URL, found \"ftp://example.org/\"\n"},
    {"ShortKey", R"({"content": {"trusted_keys": ["abc"]}})",
     "kiosk.json: content.trusted_keys[0]: expected the base64 of a 32-byte Ed25519 public key (44 characters, as in PREFIX.pub), found \"abc\"\n"},
    {"KeysNotArray", R"({"content": {"trusted_keys": "abc"}})",
     "kiosk.json: content.trusted_keys: expected an array, found \"abc\"\n"},
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
    {"OfficeHoursBadTime", R"({"office_hours": {"open": "8:00"}})",
     "kiosk.json: office_hours.open: expected a time HH:MM, found \"8:00\"\n"},
    {"OfficeHoursHour25", R"({"office_hours": {"close": "25:00"}})",
     "kiosk.json: office_hours.close: expected a time HH:MM, found \"25:00\"\n"},
    {"NoFontFamilies", R"({"fonts": {"families": []}})",
     "kiosk.json: fonts.families: expected at least one font family, found none\n"},
    {"FontFamilyNumber", R"({"fonts": {"families": [3]}})",
     "kiosk.json: fonts.families[0]: expected a font family name, found the number 3\n"},
    {"AdminPinInsteadOfItsHash", R"({"admin": {"pin_sha256": "123456"}})",
     "kiosk.json: admin.pin_sha256: expected the hex SHA-256 of a 4-12 digit PIN (64 characters 0-9a-f: printf %s PIN | sha256sum), found a string of 6 characters\n"},
    {"AdminHashNotHex", R"({"admin": {"pin_sha256": "zz5a1ed6b7d2e0ea3bd4c8c7a5cde3a8b3f9f0e3e1f2d7c4b0a9e8f7d6c5b4a3"}})",
     "kiosk.json: admin.pin_sha256: expected the hex SHA-256 of a 4-12 digit PIN (64 characters 0-9a-f: printf %s PIN | sha256sum), found a string of 64 characters\n"},
    {"AdminHashOfNothing", R"({"admin": {"pin_sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}})",
     "kiosk.json: admin.pin_sha256: expected the hex SHA-256 of a 4-12 digit PIN (64 characters 0-9a-f: printf %s PIN | sha256sum), found the SHA-256 of an empty PIN\n"},
    {"AdminUnknownKey", R"({"admin": {"pin": "x"}})",
     "kiosk.json: admin.pin: expected one of the keys pin_sha256, found an unknown key\n"},
    {"ContentNotObject", R"({"content": []})",
     "kiosk.json: content: expected an object, found an array\n"},
    {"NotJson", "office_name = x",
     "kiosk.json: line 1, column 1: expected valid JSON, found syntax error while parsing value - invalid literal\n"},
    {"TwoErrorsBothReported", R"({"idle_timeout_s": "90", "display": {"height": 10}})",
     "kiosk.json: display.height: expected an integer from 320 to 7680, found 10\n"
     "kiosk.json: idle_timeout_s: expected an integer from 10 to 3600, found \"90\"\n"},
};

class BadConfig : public ::testing::TestWithParam<Case> {};

TEST_P(BadConfig, GetsExactlyItsErrorLine) { EXPECT_EQ(errors_of(GetParam().json), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(Cases, BadConfig, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Config, MissingFileIsOneLine) {
  Problems problems;
  EXPECT_FALSE(load("/nonexistent/kiosk.json", problems));
  EXPECT_EQ(lines(problems), "/nonexistent/kiosk.json: cannot open: No such file or directory\n");
}

TEST(Config, AdminPinHashIsStoredLowercaseAndAbsentMeansNoExit) {
  Problems problems;
  const std::string hash = content::sha256_hex("246810");
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

TEST(Config, PublicKeyShape) {
  EXPECT_TRUE(is_ed25519_public_key(kKey));
  EXPECT_FALSE(is_ed25519_public_key("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo"));
  EXPECT_FALSE(is_ed25519_public_key("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURp="));
}

}  // namespace
}  // namespace kiosk::config
