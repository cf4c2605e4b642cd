// The trust attack suite (TRUST.md, issue 14 item 5) against a real loopback nginx: roots followed
// across versions, every refusal TRUST.md lists plus mix-and-match, fast-forward, endless root
// files and a chain longer than one round walks, each followed by an honest update that installs;
// the newest root kept across restarts and SIGKILLs; the "done when" as one test.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mutex>
#include <random>
#include <thread>

#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "sync/roots.hpp"
#include "sync/service.hpp"
#include "sync_env.hpp"
#include "trust/root.hpp"
#include "tz/office_time.hpp"

namespace kiosk::test {
namespace {

using sync::Outcome;

class TrustTest : public SyncTest {
 protected:
  // The key of the kiosk's configuration (content.trusted_keys) is SyncTest::key, called a here.
  const TestKey& a = key;
  TestKey b = make_key(), c = make_key(), d = make_key();
  sync::Files roots;  // root/N.json + root/N.sig, served beside every bundle

  static std::string sig_by(std::string_view doc, const std::vector<const TestKey*>& signers) {
    std::string text;
    for (const TestKey* k : signers) {
      text = trust::add_signature(text, crypto::sign_detached(doc, k->secret));
    }
    return text;
  }

  static trust::Root root_of(long long version, const std::vector<const TestKey*>& keys,
                             int threshold, long long expires_unix = now() + 365 * 86400) {
    trust::Root r;
    r.version = version;
    for (const TestKey* k : keys) r.keys.push_back(k->public_b64);
    r.threshold = threshold;
    if (expires_unix != 0) {
      r.expires_at = tz::Zone().rfc3339(expires_unix);
      r.expires_at_unix = expires_unix;
    }
    return r;
  }

  // Adds root/N.json (the root as written, its "version" as given) and root/N.sig to the server's
  // roots under the name N.
  void add_root(long long n, const trust::Root& root, const std::vector<const TestKey*>& signers) {
    const std::string json = trust::serialize_root(root);
    roots["root/" + std::to_string(n) + ".json"] = json;
    roots["root/" + std::to_string(n) + ".sig"] = sig_by(json, signers);
  }

  // Serves version `version` signed by `signers`, with the roots, and returns its files.
  sync::Files serve(long long version, const std::string& variant,
                    const std::vector<const TestKey*>& signers) {
    auto files = make_bundle(content_files(variant), version, nullptr);
    files["manifest.sig"] = sig_by(files["manifest.json"], signers);
    write_bundle(nginx.www() / "b", with_roots(files));
    return files;
  }
  sync::Files with_roots(sync::Files files) const {
    for (const auto& [name, bytes] : roots) files[name] = bytes;
    return files;
  }

  [[nodiscard]] long long kept_root_version() const {
    auto kept = sync::kept_root(settings.trust, settings.cache_dir);
    return kept ? kept->newest.version : -1;
  }
  // The cache's current bundle when it verifies under the newest kept root.
  [[nodiscard]] std::optional<sync::Files> installed_under_kept_root() const {
    const sync::Cache cache(settings.cache_dir);
    auto read = cache.read_current(settings.trust.max_bundle_bytes);
    auto kept = sync::kept_root(settings.trust, settings.cache_dir);
    if (!read || !kept) return std::nullopt;
    if (!sync::verify_bundle(*read, settings.trust, kept->newest).ok()) return std::nullopt;
    return std::move(read).value();
  }

  // A refused round: Failed with `line`, and the installed bundle is still `before`.
  void expect_refused(const std::string& line, const sync::Files& before) {
    const auto r = round();
    EXPECT_EQ(r.outcome, Outcome::Failed);
    EXPECT_EQ(r.line, line);
    EXPECT_EQ(installed_manifest(), before.at("manifest.json")) << "the installed bundle changed";
  }
  // The manifest.json of the cache's current bundle, verified or not ("" when none).
  [[nodiscard]] std::string installed_manifest() const {
    return sync::Cache(settings.cache_dir).read_current_file("manifest.json", 1 << 20).value_or("");
  }
  void expect_installs(long long version) {
    const auto r = round();
    EXPECT_EQ(r.outcome, Outcome::Installed) << r.line;
    ASSERT_TRUE(r.bundle && r.bundle->manifest);
    EXPECT_EQ(r.bundle->manifest->version, version);
  }
};

// Issue 14 "done when": a kiosk configured with one key follows a rotation to a 2-of-3 root on
// the server, refuses a bundle signed by one person, installs one signed by two, refuses anything
// signed by the revoked key — with no change to its configuration.
TEST_F(TrustTest, DoneWhenOneKeyKioskFollowsRotationToTwoOfThree) {
  const auto config_before = settings.trust.trusted_keys;
  const auto v1 = serve(1, " 一", {&a});
  expect_installs(1);

  // The office rotates: root 1 holds b, c, d with threshold 2, signed by a (the trusted root 0,
  // threshold 1) and by b and c (its own threshold). a is revoked by being left out.
  add_root(1, root_of(1, {&b, &c, &d}, 2), {&a, &b, &c});
  serve(2, " 二", {&b});
  expect_refused("manifest.sig: signed by 1 of the 2 required keys (root version 1)", v1);
  EXPECT_EQ(kept_root_version(), 1);

  const auto v2 = serve(2, " 二", {&b, &c});
  expect_installs(2);
  EXPECT_TRUE(installed_under_kept_root() == v2);

  serve(3, " 三", {&a});
  expect_refused("manifest.sig: signed by 0 of the 2 required keys (root version 1)", v2);
  serve(3, " 三", {&a, &d});
  expect_refused("manifest.sig: signed by 1 of the 2 required keys (root version 1)", v2);

  // A restart: the cached bundle signed under the rotated root is shown, by the same config.
  EXPECT_EQ(settings.trust.trusted_keys, config_before);
  const auto startup = sync::load_startup_bundle(settings, now());
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Cache) << startup.note;
  EXPECT_EQ(startup.note, "");
  ASSERT_TRUE(startup.bundle.manifest);
  EXPECT_EQ(startup.bundle.manifest->version, 2);

  // Honest: two of the new keys.
  serve(3, " 三", {&c, &d});
  expect_installs(3);
}

TEST_F(TrustTest, RotationFollowedAcrossSeveralVersions) {
  serve(1, "", {&a});
  expect_installs(1);
  add_root(1, root_of(1, {&a}, 1), {&a});
  add_root(2, root_of(2, {&b}, 1), {&a, &b});
  add_root(3, root_of(3, {&c, &d}, 2), {&b, &c, &d});
  const auto v1 = sync::Cache(settings.cache_dir).read_current(1 << 24).value();
  serve(2, " 二", {&b});  // root 2's key, rotated out by root 3
  expect_refused("manifest.sig: signed by 0 of the 2 required keys (root version 3)", v1);
  EXPECT_EQ(kept_root_version(), 3);
  serve(2, " 二", {&c, &d});
  expect_installs(2);
  // The chain is kept: the cache holds root/1–3 and a restart starts from 3.
  for (int n = 1; n <= 3; ++n) {
    EXPECT_TRUE(
        std::filesystem::exists(settings.cache_dir / "root" / (std::to_string(n) + ".json")));
  }
}

// A kept root damaged on disk is never trusted: start-up says so and verifies under the root
// below it (the bundle signed under the damaged one is refused and moved aside); the next round
// fetches that root again and installs.
TEST_F(TrustTest, DamagedKeptRootIsSaidAndFetchedAgain) {
  serve(1, "", {&a});
  expect_installs(1);
  add_root(1, root_of(1, {&b}, 1), {&a, &b});
  serve(2, " 二", {&b});
  expect_installs(2);
  write_file(settings.cache_dir / "root" / "1.json", "{\"schema\": 1}");
  const auto startup = sync::load_startup_bundle(settings, now());
  EXPECT_NE(startup.note.find("cache: root/1.json: "), std::string::npos) << startup.note;
  EXPECT_NE(startup.note.find("(ignored)"), std::string::npos) << startup.note;
  EXPECT_EQ(kept_root_version(), 0);
  serve(3, " 三", {&b});
  expect_installs(3);
  EXPECT_EQ(kept_root_version(), 1);
  EXPECT_EQ(sync::load_startup_bundle(settings, now()).note, "");
}

TEST_F(TrustTest, RootSignedOnlyByTheNewKeysRefused) {
  const auto v1 = serve(1, "", {&a});
  expect_installs(1);
  add_root(1, root_of(1, {&b}, 1), {&b});  // a never agreed
  serve(2, " 二", {&b});
  expect_refused(
      "root/1.json: not signed by the trusted root: signature does not verify with any trusted key",
      v1);
  EXPECT_EQ(kept_root_version(), 0);
  // The same root signed by the new key only, but with a's signature over other bytes.
  roots["root/1.sig"] = sig_by("another root", {&a}) + sig_by(roots["root/1.json"], {&b});
  serve(2, " 二", {&b});
  expect_refused(
      "root/1.json: not signed by the trusted root: signature does not verify with any trusted key",
      v1);
  // And one signed by the old key only: not signed by its own.
  roots["root/1.sig"] = sig_by(roots["root/1.json"], {&a});
  serve(2, " 二", {&b});
  expect_refused(
      "root/1.json: not signed by its own keys: signed by 0 of the 1 required keys (root version "
      "1)",
      v1);
  // Honest.
  add_root(1, root_of(1, {&b}, 1), {&a, &b});
  serve(2, " 二", {&b});
  expect_installs(2);
}

TEST_F(TrustTest, SkippedOrRepeatedVersionRefused) {
  const auto v1 = serve(1, "", {&a});
  expect_installs(1);
  // root/1.json that says version 2 (a version skipped).
  add_root(1, root_of(2, {&b}, 1), {&a, &b});
  serve(2, " 二", {&b});
  expect_refused("root/1.json: expected version 1 (one above the trusted root 0), found 2", v1);
  // Only root/2.json on the server: the walk never reaches it (root/1.json is missing), so b's
  // bundle does not verify under the root the kiosk has.
  roots.clear();
  add_root(2, root_of(2, {&b}, 1), {&a, &b});
  serve(2, " 二", {&b});
  expect_refused("manifest.sig: signature does not verify with any trusted key", v1);
  EXPECT_EQ(kept_root_version(), 0);
  // Root 1 honest; root/2.json repeating version 1.
  roots.clear();
  add_root(1, root_of(1, {&a}, 1), {&a});
  add_root(2, root_of(1, {&b}, 1), {&a, &b});
  serve(2, " 二", {&b});
  expect_refused("root/2.json: expected version 2 (one above the trusted root 1), found 1", v1);
  EXPECT_EQ(kept_root_version(), 1);  // root 1 followed and kept
  // Honest.
  add_root(2, root_of(2, {&b}, 1), {&a, &b});
  serve(2, " 二", {&b});
  expect_installs(2);
  EXPECT_EQ(kept_root_version(), 2);
}

TEST_F(TrustTest, RolledBackRootRefused) {
  serve(1, "", {&a});
  expect_installs(1);
  add_root(1, root_of(1, {&a}, 1), {&a});
  add_root(2, root_of(2, {&b}, 1), {&a, &b});  // revokes a
  const auto v2 = serve(2, " 二", {&b});
  expect_installs(2);
  ASSERT_EQ(kept_root_version(), 2);
  // The server is rolled back to root 1 (root/2 gone) with a manifest signed by a: the kiosk keeps
  // root 2 and refuses it.
  roots.erase("root/2.json");
  roots.erase("root/2.sig");
  serve(3, " 三", {&a});
  expect_refused("manifest.sig: signed by 0 of the 1 required keys (root version 2)", v2);
  EXPECT_EQ(kept_root_version(), 2);
  // root/3.json replaced by the old root 1: refused as a lower version.
  roots["root/3.json"] = roots["root/1.json"];
  roots["root/3.sig"] = roots["root/1.sig"];
  serve(3, " 三", {&a});
  expect_refused("root/3.json: expected version 3 (one above the trusted root 2), found 1", v2);
  // Across a restart too.
  EXPECT_EQ(sync::load_startup_bundle(settings, now()).bundle.manifest->version, 2);
  EXPECT_EQ(kept_root_version(), 2);
  // Honest.
  roots.erase("root/3.json");
  roots.erase("root/3.sig");
  serve(3, " 三", {&b});
  expect_installs(3);
}

TEST_F(TrustTest, ThresholdNotMetRefusedDistinctKeysOnly) {
  settings.trust.trusted_keys = {a.public_b64, b.public_b64};
  settings.trust.threshold = 2;  // content.threshold
  serve(1, "", {&a});
  auto r = round();
  EXPECT_EQ(r.outcome, Outcome::Failed);
  EXPECT_EQ(r.line, "manifest.sig: signed by 1 of the 2 required keys (root version 0)");
  // a's signature twice is still one key.
  auto files = make_bundle(content_files(), 1, nullptr);
  const std::string line =
      crypto::base64_encode(crypto::sign_detached(files["manifest.json"], a.secret));
  files["manifest.sig"] = line + "\n" + line + "\n";
  write_bundle(nginx.www() / "b", files);
  r = round();
  EXPECT_EQ(r.line, "manifest.sig: signed by 1 of the 2 required keys (root version 0)");
  EXPECT_FALSE(installed_under_kept_root());
  serve(1, "", {&a, &b});
  expect_installs(1);
}

TEST_F(TrustTest, MixAndMatchRefused) {
  serve(1, "", {&a});
  expect_installs(1);
  add_root(1, root_of(1, {&a}, 1), {&a});
  const auto v1 = sync::Cache(settings.cache_dir).read_current(1 << 24).value();
  // A manifest signed by keys of a root the server does not have (root 2 was never published).
  serve(2, " 二", {&b, &c});
  expect_refused("manifest.sig: signed by 0 of the 1 required keys (root version 1)", v1);
  // Root 2 published (b, c, 2 of 2), served with a manifest of the root-1 days (signed by a).
  add_root(2, root_of(2, {&b, &c}, 2), {&a, &b, &c});
  serve(2, " 二", {&a});
  expect_refused("manifest.sig: signed by 0 of the 2 required keys (root version 2)", v1);
  serve(2, " 二", {&b, &c});
  expect_installs(2);
}

TEST_F(TrustTest, FastForwardByRevokedKeyRefusedFloorNotRaised) {
  serve(1, "", {&a});
  expect_installs(1);
  add_root(1, root_of(1, {&b}, 1), {&a, &b});  // revokes a
  const auto v2 = serve(2, " 二", {&b});
  expect_installs(2);
  serve(1'000'000, " 快进", {&a});
  expect_refused("manifest.sig: signed by 0 of the 1 required keys (root version 1)", v2);
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state().version, 2);
  serve(3, " 三", {&b});
  expect_installs(3);
}

TEST_F(TrustTest, EndlessRootFilesStopAtTheLimit) {
  const auto v1 = serve(1, "", {&a});
  expect_installs(1);
  add_root(1, root_of(1, {&b}, 1), {&a, &b});
  const std::string honest_json = roots["root/1.json"].str(),
                    honest_sig = roots["root/1.sig"].str();
  roots["root/1.json"] = honest_json + std::string(20u << 20, ' ');  // 20 MB of "JSON"
  serve(2, " 二", {&b});
  const auto t0 = std::chrono::steady_clock::now();
  expect_refused("root/1.json: larger than 65536 bytes; download stopped", v1);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  roots["root/1.json"] = honest_json;
  roots["root/1.sig"] = honest_sig + std::string(1u << 20, '\n');
  serve(2, " 二", {&b});
  expect_refused("root/1.sig: larger than 4096 bytes; download stopped", v1);
  EXPECT_EQ(kept_root_version(), 0);
  roots["root/1.sig"] = honest_sig;
  serve(2, " 二", {&b});
  expect_installs(2);
}

// A chain longer than one round walks: the round follows 64 versions, keeps them, and ends
// (Failed, saying so, nothing else fetched); the next round goes on from 64 and installs.
TEST_F(TrustTest, ChainLongerThanOneRoundWalksContinuesNextRound) {
  const auto v1 = serve(1, "", {&a});
  expect_installs(1);
  std::vector<TestKey> keys;
  keys.push_back(a);
  for (int n = 1; n <= 70; ++n) {
    keys.push_back(make_key());
    add_root(n, root_of(n, {&keys[n]}, 1), {&keys[n - 1], &keys[n]});
  }
  serve(2, " 二", {&keys[70]});
  auto r = round();
  EXPECT_EQ(r.outcome, Outcome::Failed);
  EXPECT_TRUE(r.roots_remain);
  EXPECT_EQ(r.line,
            "root: followed versions 1 to 64 (64, the most one round walks); more remain, the next "
            "round goes on");
  EXPECT_EQ(kept_root_version(), 64);
  EXPECT_FALSE(installed_under_kept_root());  // v1 was signed by a, revoked since
  EXPECT_EQ(installed_manifest(), v1.at("manifest.json"));
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state().version, 1);
  expect_installs(2);
  EXPECT_EQ(kept_root_version(), 70);
}

TEST_F(TrustTest, ExpiredNewestRootFreezesUpdatesUntilANewerRoot) {
  serve(1, "", {&a});
  expect_installs(1);
  const long long past = now() - 86400;
  add_root(1, root_of(1, {&a}, 1, past), {&a});
  const auto v1 = sync::Cache(settings.cache_dir).read_current(1 << 24).value();
  serve(2, " 二", {&a});
  const std::string frozen = "root version 1 expired at " + tz::Zone().rfc3339(past) +
                             ": updates are frozen until a newer root is published (root/2.json)";
  expect_refused(frozen, v1);
  // The line 维护 shows (sync status) and the log get: state.json's last result.
  EXPECT_EQ(sync::Cache(settings.cache_dir).read_state().last_result, frozen);
  // The installed bundle stays on screen after a restart.
  EXPECT_EQ(sync::load_startup_bundle(settings, now()).bundle.manifest->version, 1);
  // Even a 304 round says it (the walk comes first while frozen).
  expect_refused(frozen, v1);
  add_root(2, root_of(2, {&a}, 1), {&a});
  serve(2, " 二", {&a});
  expect_installs(2);
}

// The freeze as the running kiosk has it: the service's status (what 维护 shows) and the line its
// on_round hook logs.
TEST_F(TrustTest, FrozenReasonReachesTheStatusAndTheLog) {
  serve(1, "", {&a});
  expect_installs(1);
  const long long past = now() - 3600;
  add_root(1, root_of(1, {&a}, 1, past), {&a});
  serve(2, " 二", {&a});
  const std::string frozen = "root version 1 expired at " + tz::Zone().rfc3339(past) +
                             ": updates are frozen until a newer root is published (root/2.json)";
  std::mutex mutex;
  std::vector<std::string> logged;
  sync::Service::Hooks hooks;
  hooks.first_delay = std::chrono::milliseconds(0);
  hooks.on_round = [&](const sync::RoundResult& r) {
    const std::lock_guard lock(mutex);
    logged.push_back(r.line);
  };
  sync::Service service(settings, sync::load_startup_bundle(settings, now()), hooks);
  service.start();
  for (int i = 0; i < 500 && service.status().consecutive_failures == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  service.stop();
  const auto status = service.status();
  EXPECT_FALSE(status.last_ok);
  EXPECT_EQ(status.last_result, frozen);
  EXPECT_EQ(status.installed_version, 1);
  const std::lock_guard lock(mutex);
  ASSERT_FALSE(logged.empty());
  EXPECT_EQ(logged.front(), frozen);
}

TEST_F(TrustTest, RootFileIsTheFirstRoot) {
  const auto root_file = temp / "root.json";
  write_file(root_file, trust::serialize_root(root_of(1, {&a, &b}, 2, 0)));
  settings.trust.trusted_keys.clear();
  settings.trust.root_file = root_file;
  serve(1, "", {&a});
  auto r = round();
  EXPECT_EQ(r.line, "manifest.sig: signed by 1 of the 2 required keys (root version 1)");
  add_root(2, root_of(2, {&c}, 1), {&a, &b, &c});
  serve(1, "", {&c});
  expect_installs(1);
  EXPECT_EQ(kept_root_version(), 2);
  EXPECT_EQ(sync::load_startup_bundle(settings, now()).source, sync::StartupBundle::Source::Cache);
  // A root file that is not one: every round says so.
  write_file(root_file, "{}");
  r = round();
  EXPECT_EQ(r.outcome, Outcome::Failed);
  EXPECT_EQ(r.line.rfind("content.root_file: " + root_file.string() + ": schema: expected", 0), 0u)
      << r.line;
}

TEST_F(TrustTest, TodaysServerWithoutRootsAsBefore) {
  // No root/ on the server: one extra request per new manifest (a 404), nothing else changes.
  serve(1, "", {&a});
  expect_installs(1);
  EXPECT_NE(nginx.access_log_with("root/1.json").find("\"GET /b/root/1.json HTTP/1.1\" 404"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(settings.cache_dir / "root"));
  EXPECT_EQ(round().line, "already current: version 1 (HTTP 304)");
}

// The kept roots across SIGKILLs: a child keeps a walk of 64 roots over and over in a fresh cache
// root/ while it is killed at random; the cache always yields a verified prefix of the chain,
// never a torn file.
TEST(KillDuringKeepRoots, KeptChainIsAlwaysAVerifiedPrefix) {
  TempDir temp;
  std::vector<TestKey> keys{make_key()};
  sync::Trust trust;
  trust.trusted_keys = {keys[0].public_b64};
  sync::RootWalk walk;
  for (int n = 1; n <= 64; ++n) {
    keys.push_back(make_key());
    trust::Root r;
    r.version = n;
    r.keys = {keys[static_cast<std::size_t>(n)].public_b64};
    const std::string json = trust::serialize_root(r);
    std::string sig;
    for (const auto* k :
         {&keys[static_cast<std::size_t>(n - 1)], &keys[static_cast<std::size_t>(n)]})
      sig = trust::add_signature(sig, crypto::sign_detached(json, k->secret));
    walk.steps.push_back({n, json, sig});
  }
  std::mt19937_64 rng(20261201);
  for (int i = 0; i < 60; ++i) {
    const auto cache_dir = temp / ("cache" + std::to_string(i % 3));
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      for (;;) {
        std::error_code ec;
        std::filesystem::remove_all(cache_dir / "root", ec);
        if (!sync::keep_roots(cache_dir, walk)) ::_exit(3);
      }
    }
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<long long>(0, 20000)(rng)));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer failed by itself, status " << status;
    const auto kept = sync::kept_root(trust, cache_dir);
    ASSERT_TRUE(kept.ok());
    // A chain cut anywhere is fine; a file that is there but does not verify is not.
    EXPECT_TRUE(kept->note.empty() ||
                kept->note.find("expected HTTP 200, found 404") != std::string::npos)
        << "kill " << i << ": " << kept->note;
    EXPECT_GE(kept->newest.version, 0);
    EXPECT_LE(kept->newest.version, 64);
  }
}

}  // namespace
}  // namespace kiosk::test
