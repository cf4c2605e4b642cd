// The `kiosk` command line (shared/spec/CLI.md): options, exit codes, one-line errors, and the
// no-display message, by running the real binary without any display.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/options.hpp"
#include "app/runtime.hpp"
#include "app/sync_once.hpp"
#include "config/config.hpp"
#include "config/pin.hpp"
#include "fixture_bundle.hpp"
#include "golden.hpp"
#include "sync/round.hpp"
#include "temp_dir.hpp"

namespace kiosk::app {
namespace {

struct Outcome {
  int status = -1;
  std::string out;  // stdout and stderr together
};

// Runs a shell command line; its exit status and what it printed.
Outcome run_shell(const std::string& cmd) {
  Outcome r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), p))
    r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

Outcome run(const std::string& args,
            const std::string& env = "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER") {
  return run_shell(env + " " + std::string(KIOSK_BINARY_DIR) + "/kiosk/app/kiosk " + args +
                   " 2>&1");
}

int lines(const std::string& s) {
  int n = 0;
  for (const char c : s) n += c == '\n';
  return n;
}

TEST(Options, ParsesEveryFlag) {
  auto r = parse_options({"--screenshot", "a.png", "--screen", "standard:3", "--size", "1080x1920",
                          "--large-text", "--at", "2026-11-25", "--config", "k.json", "--content",
                          "dir"});
  ASSERT_TRUE(r.ok()) << r.error().what;
  EXPECT_EQ(r->mode, Options::Mode::Screenshot);
  EXPECT_EQ(r->screen, "standard:3");
  EXPECT_EQ(r->size, (std::pair<int, int>{1080, 1920}));
  EXPECT_TRUE(r->large_text);
  EXPECT_EQ(r->at, (CivilDate{2026, 11, 25}));
  EXPECT_EQ(r->config_path, "k.json");
  EXPECT_EQ(r->content_dir, "dir");
  EXPECT_EQ(parse_options({"--windowed", "--size", "800x600"})->mode, Options::Mode::Display);
  EXPECT_EQ(parse_options({"--sync-once"})->mode, Options::Mode::SyncOnce);
  EXPECT_EQ(parse_options({"--check-config", "--config", "x"})->mode, Options::Mode::CheckConfig);
  EXPECT_EQ(parse_options({"--help"})->mode, Options::Mode::Help);
  EXPECT_EQ(parse_options({"--identity", "--config", "k.json"})->mode, Options::Mode::Identity);
  EXPECT_EQ(parse_options({"--now", "2026-12-02T04:00:00+08:00"})->now,
            *parse_rfc3339("2026-12-01T20:00:00Z"));
  for (const auto& bad : std::vector<std::vector<std::string>>{
           {"--size", "big"},
           {"--size", "0x5"},
           {"--at", "2026-02-30"},
           {"--now", "2026-12-01"},
           {"--at", "2026-12-01", "--now", "2026-12-01T20:00:00Z"},
           {"--screenshot", "a.png"},
           {"--screen", "home"},
           {"--sync-once", "--check-config"},
           {"--identity", "--sync-once"},
           {"--nope"},
           {"--config"}}) {
    const auto p = parse_options(bad);
    ASSERT_FALSE(p.ok()) << bad.front();
    EXPECT_EQ(p.error().what.find('\n'), std::string::npos);
    EXPECT_EQ(p.error().what.rfind("kiosk: ", 0), 0u) << p.error().what;
  }
}

TEST(Cli, HelpListsEverything) {
  const Outcome r = run("--help");
  EXPECT_EQ(r.status, 0);
  for (const char* flag : {"--config", "--content", "--windowed", "--size", "--screenshot",
                           "--screen", "--large-text", "--at", "--sync-once", "--check-config",
                           "notices:CATEGORY", "applicant:ID", "standard:N", "diagnostics"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

TEST(Cli, ScreenshotWithoutAnyDisplay) {
  const auto out = std::filesystem::temp_directory_path() / "kiosk-cli-home.png";
  std::filesystem::remove(out);
  const Outcome r =
      run("--screenshot " + out.string() + " --screen home --size 1080x1920 --at 2026-11-25");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_GT(std::filesystem::file_size(out), 10'000u);
}

// --screenshot writes with the project's one PNG encoder (render/png.hpp: 8-bit RGB, colour type
// 2), straight from the offscreen surface: libpng's writer took half of the run's time.
TEST(Cli, ScreenshotIsWrittenByTheProjectsEncoder) {
  const auto out = std::filesystem::temp_directory_path() / "kiosk-cli-encoder.png";
  std::filesystem::remove(out);
  const Outcome r =
      run("--screenshot " + out.string() + " --screen home --size 640x360 --at 2026-11-25");
  ASSERT_EQ(r.status, 0) << r.out;
  std::string head(26, '\0');
  FILE* f = std::fopen(out.c_str(), "rb");
  ASSERT_NE(f, nullptr);
  head.resize(std::fread(head.data(), 1, head.size(), f));
  std::fclose(f);
  ASSERT_EQ(head.size(), 26u);
  EXPECT_EQ(head.substr(1, 3), "PNG");
  EXPECT_EQ(head.substr(16, 8), std::string("\0\0\x02\x80\0\0\x01\x68", 8));  // 640 x 360
  EXPECT_EQ(static_cast<int>(head[25]), 2);                                   // colour type: RGB
  std::filesystem::remove(out);
}

// libcurl (and its 25 libraries) loads on the first request only (kiosk/net/curl_lazy.cpp), and
// OpenSSL's libcrypto on the first SHA-256 (kiosk/crypto/sha256.cpp): a screenshot of a bundle
// without a manifest, or a kiosk with no server configured, loads neither.
TEST(Cli, NoRequestLoadsNoLibcurlAndNoHashNoLibcrypto) {
  const auto out = std::filesystem::temp_directory_path() / "kiosk-cli-nocurl.png";
  const Outcome r =
      run("--screenshot " + out.string() + " --screen home --size 320x180 --at 2026-11-25",
          "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER LD_DEBUG=libs");
  ASSERT_EQ(r.status, 0) << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("libSDL2"), std::string::npos)
      << "LD_DEBUG=libs printed nothing: " << r.out.substr(0, 500);
  EXPECT_EQ(r.out.find("libcurl"), std::string::npos);
  EXPECT_EQ(r.out.find("libcrypto"), std::string::npos);
  std::filesystem::remove(out);
}

TEST(Cli, UnknownScreenListsTheValidOnes) {
  const Outcome r = run("--screenshot /tmp/x.png --screen nowhere");
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(lines(r.out), 1) << r.out;
  EXPECT_NE(r.out.find("standards, standard:N"), std::string::npos) << r.out;
}

TEST(Cli, NoDisplaySaysSoAndShowsTheScreenshotWay) {
  const Outcome r = run("");
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(lines(r.out), 1) << r.out;
  EXPECT_NE(r.out.find("no display"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--screenshot"), std::string::npos) << r.out;
}

TEST(Cli, BadConfigAndContentAreOneLine) {
  Outcome r = run("--check-config --config /nonexistent/kiosk.json");
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(lines(r.out), 1) << r.out;
  r = run("--screenshot /tmp/x.png --screen home --content /nonexistent-bundle");
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(lines(r.out), 1) << r.out;
  EXPECT_NE(r.out.find("/nonexistent-bundle"), std::string::npos) << r.out;
  r = run("--frobnicate");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(lines(r.out), 1) << r.out;
}

// Where the start-up content came from is a type (ContentSource), not a string to compare.
TEST(Cli, StartupContentSaysItsSourceAsAType) {
  Options dir_options;
  dir_options.content_dir = std::string(KIOSK_SOURCE_ROOT) + "/tests/data/bundle";
  const auto from_dir = load_startup_content(dir_options, config::Config{});
  ASSERT_TRUE(from_dir.ok()) << from_dir.error().what;
  EXPECT_EQ(from_dir->source, ContentSource::Directory);
  EXPECT_EQ(from_dir->origin, dir_options.content_dir);
  test::TempDir cache;
  config::Config no_cache;
  no_cache.content.cache_dir = (cache.path() / "none").string();
  Options screenshot;
  screenshot.mode = Options::Mode::Screenshot;  // read-only: nothing is created
  const auto embedded = load_startup_content(screenshot, no_cache);
  ASSERT_TRUE(embedded.ok()) << embedded.error().what;
  EXPECT_EQ(embedded->source, ContentSource::Embedded);
  EXPECT_EQ(embedded->origin, "embedded default");
}

// Issue 13 item 1: the kiosk shows office time (config timezone, default Asia/Shanghai) whatever
// the PC's TZ. One instant, --now 2026-12-02T01:30:00Z, is 09:30 on 12-02 in Shanghai: the screen
// is pixel for pixel the one --at 2026-12-02 draws (its 09:30), under TZ=UTC, Asia/Shanghai and
// America/New_York; an office configured in New York shows its own date and time instead.
TEST(Cli, TheSameInstantGivesTheSameScreenUnderAnyTz) {
  const test::TempDir dir;
  std::string screen = "home";
  // The screenshot's path; screenshots are compared by their pixels (golden::same_pixels).
  const auto shot = [&](const std::string& name, const std::string& tz, const std::string& args) {
    const auto out = dir.path() / (screen + "-" + name + ".png");
    const Outcome r =
        run("--screenshot " + out.string() + " --screen " + screen + " --size 960x540 " + args,
            "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER TZ=" + tz);
    EXPECT_EQ(r.status, 0) << name << ": " << r.out;
    return out;
  };
  using golden::different_pixels;
  using golden::same_pixels;
  // 往期公示 (issue 13), which decides by the office's date what is archived: the same too.
  for (const char* other : {"archive"}) {
    screen = other;
    const auto at = shot("at", "UTC", "--at 2026-12-02");
    for (const char* tz : {"UTC", "Asia/Shanghai", "America/New_York"}) {
      std::string name = std::string("now-") + tz;
      std::replace(name.begin(), name.end(), '/', '-');
      EXPECT_TRUE(same_pixels(shot(name, tz, "--now 2026-12-02T01:30:00Z"), at))
          << screen << " under TZ=" << tz;
    }
  }
  screen = "home";
  const auto at = shot("at", "UTC", "--at 2026-12-02");
  // A differing screen is kept in the build tree (tz-mismatch/), to be looked at.
  const auto keep = [&](const std::filesystem::path& now) {
    const auto kept = std::filesystem::path(KIOSK_BINARY_DIR) / "tz-mismatch";
    std::filesystem::create_directories(kept);
    for (const auto& p : {at, now}) {
      std::filesystem::copy_file(p, kept / p.filename(),
                                 std::filesystem::copy_options::overwrite_existing);
    }
    return kept.string();
  };
  for (const char* tz : {"UTC", "Asia/Shanghai", "America/New_York"}) {
    std::string name = std::string("now-") + tz;
    std::replace(name.begin(), name.end(), '/', '-');
    const auto now = shot(name, tz, "--now 2026-12-02T01:30:00Z");
    const auto same = same_pixels(now, at);
    EXPECT_TRUE(same) << "TZ=" << tz << ": not the screen of 2026-12-02 09:30 in Shanghai; both in "
                      << (same ? std::string() : keep(now));
  }
  // 2026-12-01T20:00Z: 12-02 04:00 in Shanghai under every TZ, not UTC's 12-01 20:00.
  const auto night = shot("night-utc", "UTC", "--now 2026-12-01T20:00:00Z");
  EXPECT_TRUE(
      same_pixels(shot("night-ny", "America/New_York", "--now 2026-12-01T20:00:00Z"), night));
  EXPECT_TRUE(different_pixels(night, at));
  // config timezone America/New_York: 2026-12-02T14:30Z is 09:30 there on 12-02.
  const auto config = dir.path() / "ny.json";
  test::write_file(config, R"({"timezone": "America/New_York"})");
  const auto ny_at = shot("ny-at", "Asia/Shanghai", "--at 2026-12-02 --config " + config.string());
  EXPECT_TRUE(same_pixels(
      shot("ny-now", "UTC", "--now 2026-12-02T14:30:00Z --config " + config.string()), ny_at));
  EXPECT_TRUE(different_pixels(
      shot("ny-now-sh", "UTC", "--now 2026-12-02T01:30:00Z --config " + config.string()),
      at));  // 12-01 20:30 in New York
}

TEST(Cli, ABadTimezoneIsAConfigErrorNamingTheKey) {
  const test::TempDir dir;
  const auto config = dir.path() / "kiosk.json";
  test::write_file(config, R"({"timezone": "Asia/Shangai"})");
  const Outcome r = run("--check-config --config " + config.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, std::string("kiosk: kiosk.json") +
                       ": timezone: expected an IANA time zone such as Asia/Shanghai, found "
                       "\"Asia/Shangai\" (not in the system's tz database, /usr/share/zoneinfo)\n");
  EXPECT_NE(run("--now 2026-12-01 --check-config").out.find("kiosk: --now: expected an RFC 3339"),
            std::string::npos);
}

TEST(Cli, CheckConfigPrintsWhatItResolved) {
  const Outcome r =
      run("--check-config --config " + std::string(KIOSK_SOURCE_ROOT) + "/config/kiosk.json");
  EXPECT_EQ(r.status, 0) << r.out;
  for (const char* what :
       {"timezone: Asia/Shanghai (office time now ", "font: Noto Sans CJK SC", "index 2",
        "cache_dir: /var/cache/kiosk", "server:", "trusted_keys: 0", " (the host name)\n",
        "state_dir: /var/lib/kiosk (the kiosk's key and display log)\n"}) {
    EXPECT_NE(r.out.find(what), std::string::npos) << what << "\n" << r.out;
  }
}

// Runs kioskctl (the real binary) with a shell command line; stdout and stderr together.
Outcome kioskctl(const std::string& args, const std::string& stdin_text = "") {
  return run_shell("printf '%s' '" + stdin_text + "' | " + std::string(KIOSK_BINARY_DIR) +
                   "/kiosk/ctl/kioskctl " + args + " 2>&1");
}

// No run of 8 characters of secret appears in text.
void expect_no_part_of(const std::string& secret, const std::string& text) {
  for (std::size_t i = 0; i + 8 <= secret.size(); ++i) {
    ASSERT_EQ(text.find(secret.substr(i, 8)), std::string::npos)
        << "characters " << i << "-" << i + 7 << " of a secret in:\n"
        << text;
  }
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// Issue 11 item 2: a secret key pasted into trusted_keys, in --check-config and in the lines a
// kiosk writes to the journal at start-up.
TEST(Cli, ASecretKeyInTheConfigIsNeverPrinted) {
  test::TempDir dir;
  ASSERT_EQ(kioskctl("keygen --out " + (dir / "office").string()).status, 0);
  const std::string secret = first_line(test::read_file(dir / "office.key"));
  ASSERT_EQ(secret.size(), 88u);
  const auto config =
      dir.write("kiosk.json", R"({"content": {"cache_dir": ")" + (dir / "cache").string() +
                                  R"(", "trusted_keys": [")" + secret + R"("]}})");
  Outcome r = run("--check-config --config " + config.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            "kiosk: kiosk.json: content.trusted_keys[0]: expected the base64 of a 32-byte Ed25519 "
            "public key (44 "
            "characters, as in PREFIX.pub), found a secret key (88 characters, as in PREFIX.key): "
            "this is a secret "
            "key; put the .pub file's line here\n");
  expect_no_part_of(secret, r.out);
  r = run("--screenshot " + (dir / "home.png").string() + " --screen diagnostics --config " +
          config.string());
  EXPECT_EQ(r.status, 0) << r.out;
  expect_no_part_of(secret, r.out);
  EXPECT_NE(r.out.find("this is a secret key"), std::string::npos) << r.out;
}

// Issue 11 item 7: a server_url's user:password is not printed by --check-config.
TEST(Cli, CheckConfigRedactsTheServersPassword) {
  test::TempDir dir;
  const auto config = dir.write(
      "kiosk.json", R"({"content": {"server_url": "https://kiosk:Pw9secret@cms.example.org/q/"}})");
  const Outcome r = run("--check-config --config " + config.string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.find("Pw9secret"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("kiosk:Pw"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("server: https://***@cms.example.org/q/\n"), std::string::npos) << r.out;
}

// ... nor by kiosk --sync-once when the round fails.
TEST(Cli, SyncOnceRedactsTheServersPassword) {
  test::TempDir dir;
  const auto config =
      dir.write("kiosk.json", R"({"content": {"server_url": "http://kiosk:Pw9secret@127.0.0.1:1/q/",
    "cache_dir": ")" + (dir / "cache").string() +
                                  R"("}})");
  const Outcome r = run("--sync-once --config " + config.string());
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_EQ(r.out.find("Pw9secret"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("kiosk:Pw"), std::string::npos) << r.out;
}

// Issue 11 item 19: a malformed server_url fails --check-config with its one line.
TEST(Cli, CheckConfigRefusesAMalformedServerUrl) {
  test::TempDir dir;
  const Outcome r =
      run("--check-config --config " +
          dir.write("kiosk.json", R"({"content": {"server_url": "http://"}})").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            "kiosk: kiosk.json: content.server_url: expected a host name after http:// (e.g. "
            "https://content.example.org/office/), found none in \"http://\"\n");
}

// Issue 11 item 8: content.ca_file reaches the sync's net::Options.
TEST(Cli, CaFileReachesTheSyncSettings) {
  test::TempDir dir;
  const auto pem =
      dir.write("office-ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  Problems problems;
  const auto c =
      config::parse(R"({"content": {"server_url": "https://cms.example.org/", "ca_file": ")" +
                        pem.string() + R"("}})",
                    "kiosk.json", problems);
  ASSERT_TRUE(c) << (problems.empty() ? "" : problems.front().line());
  EXPECT_EQ(app::sync_settings(*c).net.ca_file, pem.string());
  EXPECT_EQ(app::sync_settings(config::Config{}).net.ca_file, "") << "absent: the system's CAs";
  const Outcome r = run(
      "--check-config --config " +
      dir.write("kiosk.json", R"({"content": {"ca_file": ")" + pem.string() + R"("}})").string());
  EXPECT_NE(r.out.find("ca_file: " + pem.string() + "\n"), std::string::npos) << r.out;
}

// Issue 11 item 16: kioskctl pin-hash reads the PIN from standard input and prints an Argon2id
// string that verifies that PIN only; the PIN is never taken from, or echoed with, arguments.
TEST(Cli, PinHashMakesAnArgon2idHashThatVerifiesOnlyItsPin) {
  Outcome r = kioskctl("pin-hash", "246810\n");
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string hash = first_line(r.out);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << r.out;
  EXPECT_EQ(r.out, hash + "\n") << "only the hash on standard output when it is no terminal";
  EXPECT_EQ(r.out.find("246810"), std::string::npos);
  test::TempDir dir;
  const auto config = dir.write("kiosk.json", R"({"admin": {"pin_hash": ")" + hash + R"("}})");
  Problems problems;
  const auto c = config::load(config, problems);
  ASSERT_TRUE(c) << (problems.empty() ? "" : problems.front().line());
  EXPECT_TRUE(config::verify_pin(c->admin, "246810"));
  EXPECT_FALSE(config::verify_pin(c->admin, "246811"));
  EXPECT_FALSE(config::verify_pin(c->admin, "24681"));
  r = run("--check-config --config " + config.string());
  EXPECT_NE(r.out.find("admin: PIN set, Argon2id"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("warning:"), std::string::npos) << r.out;

  r = kioskctl("pin-hash 246810");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out.find("246810"), std::string::npos)
      << "a PIN on the command line is refused, not echoed: " << r.out;
  r = kioskctl("pin-hash", "24a8\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "kioskctl pin-hash: expected a PIN of 4 to 12 digits, found 4 characters\n");
  r = kioskctl("pin-hash", "");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(
      r.out,
      "kioskctl pin-hash: expected a PIN of 4 to 12 digits on standard input, found nothing\n");
}

// The legacy unsalted admin.pin_sha256 still works, and --check-config says to replace it.
TEST(Cli, CheckConfigWarnsAboutTheLegacyPinHash) {
  test::TempDir dir;
  const auto config = dir.write(
      "kiosk.json",
      R"({"admin": {"pin_sha256": "7c2523c985881fb2c2b4cfbe917eb12c4c4b61e898ad4e7160cfca487ca3c4f3"}})");
  const Outcome r = run("--check-config --config " + config.string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("admin: PIN set, legacy unsalted SHA-256"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("warning: kiosk.json: admin.pin_sha256: an unsalted SHA-256 gives a 4-12 "
                       "digit PIN away in "
                       "seconds; replace it with admin.pin_hash from kioskctl pin-hash (the PIN "
                       "still works until then)\n"),
            std::string::npos)
      << r.out;
}

// Issue 11 item 17: a broken /etc/kiosk/kiosk.json no longer leaves the screen blank: the kiosk
// shows the installed bundle (left in place, not moved aside), without sync, with the error on
// 维护; --check-config still fails.
TEST(Cli, ABrokenConfigStillShowsTheInstalledBundle) {
  test::TempDir dir;
  // An installed, signed bundle, laid out as a sync round leaves it.
  ASSERT_EQ(kioskctl("keygen --out " + (dir / "office").string()).status, 0);
  const auto bundle = dir / "cache" / "bundles" / "v1";
  std::filesystem::create_directories(bundle);
  for (const char* f : {"document.json", "notices.json", "hotlines.json"}) {
    std::filesystem::copy_file(test::fixture_bundle_dir() / f, bundle / f);  // tests/data/bundle
  }
  const Outcome signed_ = kioskctl("sign " + bundle.string() + " --key " +
                                   (dir / "office.key").string() + " --version 7");
  ASSERT_EQ(signed_.status, 0) << signed_.out;
  std::filesystem::create_directory_symlink("bundles/v1", dir / "cache" / "current");
  const std::string cache = (dir / "cache").string();
  const std::string pub = first_line(test::read_file(dir / "office.pub"));

  const auto good = dir.write("good.json", R"({"content": {"cache_dir": ")" + cache +
                                               R"(", "trusted_keys": [")" + pub + R"("]}})");
  // A bad key: every other key is still used, so the cache and its keys are known.
  const auto bad_key = dir.write("bad-key.json", R"({"content": {"cache_dir": ")" + cache +
                                                     R"(", "trusted_keys": [")" + pub +
                                                     R"("]}, "idle_timeout_s": "90"})");
  // A missing comma: nothing of the file can be read (the default cache directory is tried).
  const auto not_json = dir.write(
      "not-json.json", R"({"content": {"cache_dir": ")" + cache + R"("} "idle_timeout_s": 90})");
  for (const auto& broken : {bad_key, not_json}) {
    SCOPED_TRACE(broken.filename().string());
    Outcome r = run("--check-config --config " + broken.string());
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_EQ(lines(r.out), 1) << r.out;
    r = run("--screenshot " + (dir / "home.png").string() +
            " --screen home --at 2026-11-25 --config " + broken.string());
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_GT(std::filesystem::file_size(dir / "home.png"), 10'000u);
    EXPECT_EQ(r.out.rfind("kiosk: " + broken.filename().string() + ": ", 0), 0u)
        << "the error is logged first: " << r.out;
    r = run("--screenshot " + (dir / "broken.png").string() +
            " --screen diagnostics --at 2026-11-25 --config " + broken.string());
    EXPECT_EQ(r.status, 0) << r.out;
    r = run("--screenshot " + (dir / "fine.png").string() +
            " --screen diagnostics --at 2026-11-25 --config " + good.string());
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_TRUE(golden::different_pixels(dir / "broken.png", dir / "fine.png"))
        << "配置错误 is shown";
    EXPECT_TRUE(std::filesystem::is_symlink(dir / "cache" / "current")) << "nothing is moved aside";
  }
  // With a bad key, 维护 shows the installed bundle as if it were given directly.
  Outcome r = run("--screenshot " + (dir / "cached.png").string() +
                  " --screen diagnostics --at 2026-11-25 --config " + bad_key.string());
  EXPECT_EQ(r.status, 0) << r.out;
  r = run("--screenshot " + (dir / "direct.png").string() +
          " --screen diagnostics --at 2026-11-25 --config " + bad_key.string() + " --content " +
          bundle.string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(golden::same_pixels(dir / "cached.png", dir / "direct.png"))
      << "the installed bundle is shown";
  // Without the installed bundle: the embedded content, still exit 0.
  std::filesystem::remove(dir / "cache" / "current");
  r = run("--screenshot " + (dir / "embedded.png").string() +
          " --screen diagnostics --at 2026-11-25 --config " + bad_key.string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(golden::different_pixels(dir / "cached.png", dir / "embedded.png"));
}

}  // namespace
}  // namespace kiosk::app
