// `kiosk --install-from PATH` end to end with the real kiosk binary (issue 14 item 4): a stick's
// kiosk-bundle/ as kioskctl export lays it out (manifest.json, manifest.sig, root/, each file at
// its manifest path) is verified by the sync round's own code and installed into the cache; a
// running kiosk without a server picks it up from there.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/sync_once.hpp"
#include "bundles.hpp"
#include "crypto/signature.hpp"
#include "ctl_run.hpp"
#include "process.hpp"
#include "sync/service.hpp"
#include "temp_dir.hpp"
#include "trust/root.hpp"

namespace kiosk::test {
namespace {

namespace fs = std::filesystem;

class InstallFrom : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kiosk_binary())) GTEST_SKIP() << "no kiosk binary in this build";
    write_file(temp / "a.key", crypto::base64_encode(a.secret) + "\n");
    fs::permissions(temp / "a.key", fs::perms::owner_read | fs::perms::owner_write);
    write_config({{"trusted_keys", {a.public_b64}}});
  }

  static fs::path kiosk_binary() { return fs::path(KIOSK_BINARY_DIR) / "kiosk" / "app" / "kiosk"; }

  void write_config(const nlohmann::json& trust) {
    nlohmann::json content = {{"cache_dir", cache.string()}, {"poll_interval_s", 10}};
    content.update(trust);
    write_file(temp / "kiosk.json", nlohmann::json{{"content", content}}.dump());
  }

  // The real kiosk binary with this test's config, at most 60 s.
  ProgramRun run_kiosk(const std::vector<std::string>& args) {
    std::vector<std::string> argv{kiosk_binary().string(), "--config",
                                  (temp / "kiosk.json").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv, temp.path());
  }

  // A bundle signed by `signers` at `version` (kioskctl sign with a, then co-signatures), written
  // to the stick as export lays it out. Returns the manifest bytes.
  std::string make_stick(long long version, const std::string& variant,
                         const std::vector<const TestKey*>& signers) {
    const fs::path dir = temp / "work";
    fs::remove_all(dir);
    for (const auto& [name, bytes] : content_files(variant)) write_file(dir / name, bytes);
    const auto signed_ok = run_ctl({"sign", dir.string(), "--key", (temp / "a.key").string(),
                                    "--version", std::to_string(version)});
    EXPECT_EQ(signed_ok.status, 0) << signed_ok.err;
    const std::string manifest = read_file(dir / "manifest.json");
    std::string sig;
    for (const TestKey* k : signers) {
      sig = trust::add_signature(sig, crypto::sign_detached(manifest, k->secret));
    }
    fs::remove_all(stick);
    const fs::path out = stick / "kiosk-bundle";
    write_file(out / "manifest.json", manifest);
    write_file(out / "manifest.sig", sig);
    const auto files = nlohmann::json::parse(manifest)["files"];
    for (const auto& [name, entry] : files.items()) {
      write_file(out / entry["path"].get<std::string>(), read_file(dir / name));
    }
    for (const auto& [name, bytes] : roots) write_file(out / name, bytes);
    return manifest;
  }

  void add_root(long long n, const std::vector<const TestKey*>& keys, int threshold,
                const std::vector<const TestKey*>& signers) {
    trust::Root r;
    r.version = n;
    for (const TestKey* k : keys) r.keys.push_back(k->public_b64);
    r.threshold = threshold;
    const std::string json = trust::serialize_root(r);
    std::string sig;
    for (const TestKey* k : signers) {
      sig = trust::add_signature(sig, crypto::sign_detached(json, k->secret));
    }
    roots["root/" + std::to_string(n) + ".json"] = json;
    roots["root/" + std::to_string(n) + ".sig"] = sig;
  }

  std::string installed_manifest() const {
    return sync::Cache(cache).read_current_file("manifest.json", 1 << 20).value_or("");
  }

  TempDir temp;
  fs::path cache = temp / "cache", stick = temp / "stick";
  TestKey a = make_key(), b = make_key(), c = make_key();
  std::map<std::string, std::string> roots;
};

TEST_F(InstallFrom, InstallsVerifiesAndSaysAlreadyCurrent) {
  const std::string m1 = make_stick(1, "", {&a});
  auto r = run_kiosk({"--install-from", stick.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "installed version 1 (3 files downloaded, 0 unchanged)\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(installed_manifest(), m1);
  r = run_kiosk({"--install-from", stick.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "already current: version 1\n");

  // A file changed on the stick after signing: refused, one line, the installed bundle kept.
  make_stick(2, " 二", {&a});
  const auto notices = nlohmann::json::parse(read_file(
      stick / "kiosk-bundle" / "manifest.json"))["files"]["notices.json"]["path"]
                           .get<std::string>();
  write_file(stick / "kiosk-bundle" / notices, read_file(stick / "kiosk-bundle" / notices) + " ");
  r = run_kiosk({"--install-from", stick.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("kiosk: --install-from " + (stick / "kiosk-bundle").string() +
                            ": notices.json: larger than",
                        0),
            0u)
      << r.err;
  EXPECT_EQ(installed_manifest(), m1);

  // An older bundle: the rollback floor holds, as for a download.
  make_stick(1, " 旧", {&a});
  r = run_kiosk({"--install-from", stick.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("manifest.json: version 1 is already installed with other bytes (refused)"),
            std::string::npos)
      << r.err;

  // No kiosk-bundle/ at PATH.
  r = run_kiosk({"--install-from", (temp / "empty").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "kiosk: --install-from: " + (temp / "empty" / "kiosk-bundle").string() +
                       ": expected a bundle folder (kioskctl export writes it), found none\n");
}

// The stick carries a rotation: the kiosk follows root/ on it exactly as from a server, and the
// threshold of the new root applies.
TEST_F(InstallFrom, FollowsTheRootsOnTheStick) {
  make_stick(1, "", {&a});
  ASSERT_EQ(run_kiosk({"--install-from", stick.string()}).status, 0);
  add_root(1, {&b, &c}, 2, {&a, &b, &c});
  const std::string m1 = installed_manifest();
  make_stick(2, " 二", {&b});
  auto r = run_kiosk({"--install-from", stick.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "kiosk: --install-from " + (stick / "kiosk-bundle").string() +
                       ": manifest.sig: signed by 1 of the 2 required keys (root version 1)\n");
  EXPECT_EQ(installed_manifest(), m1);
  const std::string m2 = make_stick(2, " 二", {&b, &c});
  r = run_kiosk({"--install-from", stick.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "installed version 2 (1 file downloaded, 2 unchanged)\n");
  EXPECT_EQ(installed_manifest(), m2);
  // Revoked: a alone.
  make_stick(3, " 三", {&a});
  r = run_kiosk({"--install-from", stick.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("manifest.sig: signed by 0 of the 2 required keys (root version 1)"),
            std::string::npos)
      << r.err;
  // The kiosk itself starts with the stick's bundle under the rotated root.
  r = run_kiosk({"--check-config"});
  EXPECT_EQ(r.status, 0) << r.err;
}

// A kiosk without a server (a village office) shows what --install-from installed, within its
// poll interval, without a restart.
TEST_F(InstallFrom, ARunningKioskWithoutAServerPicksItUp) {
  sync::Settings settings;
  settings.cache_dir = cache;
  settings.trust.trusted_keys = {a.public_b64};
  settings.poll_interval = std::chrono::seconds(1);
  const auto startup = sync::load_startup_bundle(settings, std::time(nullptr));
  ASSERT_EQ(startup.source, sync::StartupBundle::Source::Embedded);
  sync::Service::Hooks hooks;
  hooks.first_delay = std::chrono::milliseconds(0);
  sync::Service service(settings, startup, hooks);
  service.start();
  make_stick(4, " 四", {&a});
  const auto r = run_kiosk({"--install-from", stick.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  std::optional<content::Bundle> taken;
  for (int i = 0; i < 300 && !taken; ++i) {
    taken = service.take_new_bundle();
    if (!taken) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(taken && taken->manifest);
  EXPECT_EQ(taken->manifest->version, 4);
  const auto status = service.status();
  EXPECT_FALSE(status.enabled);
  EXPECT_EQ(status.installed_version, 4);
  EXPECT_EQ(status.last_result, "installed version 4 (3 files downloaded, 0 unchanged)");
}

// The kiosk hands its sync service only the manifest of the bundle on screen and that manifest's
// hash (app::ContentSync, StartupContent::manifest_sha256): with them the service does not take
// the installed bundle for a new one. Without the hash it did, 0–10 s after every start: the same
// bundle read, verified and swapped in again, "now showing" logged twice, the display log's time
// on the board restarted and a report sent.
TEST_F(InstallFrom, AKioskStartedOnTheCacheDoesNotTakeItsOwnBundleAgain) {
  make_stick(1, " 一", {&a});
  ASSERT_EQ(run_kiosk({"--install-from", stick.string()}).status, 0);
  sync::Settings settings;
  settings.cache_dir = cache;
  settings.trust.trusted_keys = {a.public_b64};
  settings.poll_interval = std::chrono::seconds(1);
  const auto startup = sync::load_startup_bundle(settings, std::time(nullptr));
  ASSERT_EQ(startup.source, sync::StartupBundle::Source::Cache) << startup.note;
  ASSERT_FALSE(startup.manifest_sha256.empty());
  const auto taken_within_two_ticks = [&](const std::string& shown_sha) {
    sync::StartupBundle shown;  // what ContentSync::start builds
    shown.source = sync::StartupBundle::Source::Cache;
    shown.bundle.manifest = startup.bundle.manifest;
    shown.manifest_sha256 = shown_sha;
    sync::Service::Hooks hooks;
    hooks.first_delay = std::chrono::milliseconds(0);
    sync::Service service(settings, shown, hooks);
    service.start();
    std::optional<content::Bundle> taken;
    for (int i = 0; i < 75 && !taken; ++i) {  // 1.5 s: the first tick and the next
      taken = service.take_new_bundle();
      if (!taken) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(service.status().installed_version, 1);
    return taken.has_value();
  };
  EXPECT_FALSE(taken_within_two_ticks(startup.manifest_sha256));
  EXPECT_TRUE(taken_within_two_ticks(""));  // the hash is what tells them apart
}

}  // namespace
}  // namespace kiosk::test
