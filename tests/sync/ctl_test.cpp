// kioskctl keygen, sign, validate (signatures) and publish, end to end with `kiosk --sync-once`
// (app::run_sync_once) against a real nginx; an interrupted publish never yields a mixed bundle.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "app/sync_once.hpp"
#include "config/config.hpp"
#include "content/parse.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "ctl/commands.hpp"
#include "ctl_run.hpp"
#include "sync_env.hpp"

namespace kiosk::test {
namespace {

using CtlRun = CtlResult;
CtlRun kioskctl(const std::vector<std::string>& args) { return run_ctl(args); }

class CtlTest : public SyncTest {
 protected:
  void SetUp() override {
    SyncTest::SetUp();
    if (HasFatalFailure()) return;
    prefix = (temp / "keys" / "office").string();
    std::filesystem::create_directories(temp / "keys");
    const auto r = kioskctl({"keygen", "--out", prefix});
    ASSERT_EQ(r.status, 0) << r.err;
    public_key = read_file(prefix + ".pub").substr(0, 44);
    settings.trust.trusted_keys = {public_key};
    dir = temp / "bundle";
    for (const auto& [name, bytes] : content_files()) write_file(dir / name, bytes);
  }
  // A kiosk configuration file for app::run_sync_once, as an installer would write it.
  config::Config kiosk_config(const std::filesystem::path& cache) const {
    const nlohmann::json j = {{"content",
                               {{"server_url", settings.server_url},
                                {"trusted_keys", {public_key}},
                                {"cache_dir", cache.string()}}}};
    Problems problems;
    auto c = config::parse(j.dump(), "kiosk.json", problems);
    EXPECT_TRUE(c) << (problems.empty() ? "" : problems.front().line());
    return c.value_or(config::Config{});
  }
  void edit_title(const std::string& suffix) {
    auto j = nlohmann::ordered_json::parse(read_file(dir / "notices.json"));
    j["notices"][0]["title"] = j["notices"][0]["title"].get<std::string>() + suffix;
    write_file(dir / "notices.json", j.dump(1));
  }
  std::string publish_url() const { return nginx.url("pub/"); }
  // Where DIR's signed manifest puts `name` on the server ("objects/<sha256>.json").
  std::string object_of(const std::string& name) const {
    return nlohmann::json::parse(read_file(dir / "manifest.json"))["files"][name]["path"]
        .get<std::string>();
  }
  static std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
  }
  // The access log once the publish's last request (the record) is in it.
  std::string log_after_publish(std::size_t publishes) const {
    std::string log;
    for (int i = 0; i < 100 && count(log = nginx.access_log(),
                               "\"PUT /pub/published.json HTTP/1.1\" 20") < 2 * publishes;
         ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return log;
  }
  CtlRun sign(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"sign", dir.string(), "--key", prefix + ".key"};
    args.insert(args.end(), extra.begin(), extra.end());
    return kioskctl(args);
  }
  CtlRun publish_dir(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"publish",
                                  dir.string(),
                                  "--to",
                                  publish_url(),
                                  "--user",
                                  Nginx::kUser,
                                  "--password-file",
                                  nginx.password_file().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return kioskctl(args);
  }

  std::string prefix, public_key;
  std::filesystem::path dir;
};

TEST_F(CtlTest, KeygenWritesASecretKeyOnlyTheOwnerReads) {
  struct stat st {};
  ASSERT_EQ(::stat((prefix + ".key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_TRUE(config::is_ed25519_public_key(public_key));
  EXPECT_EQ(read_file(prefix + ".pub"), public_key + "\n");
  const auto secret = crypto::secret_key_from_text(read_file(prefix + ".key"));
  ASSERT_TRUE(secret) << secret.error().what;
  EXPECT_EQ(crypto::base64_encode(crypto::public_key_of(*secret)), public_key);
  // Never silently replaced.
  const auto again = kioskctl({"keygen", "--out", prefix});
  EXPECT_EQ(again.status, 1);
  EXPECT_EQ(again.err,
            prefix + ".key: exists; refusing to overwrite a key (--force replaces it)\n");
}

TEST_F(CtlTest, SignCountsVersionsUpAndValidateChecksTheSignature) {
  auto r = kioskctl({"sign", dir.string(), "--key", prefix + ".key"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("signed " + dir.string() + ": version 1, 3 files, expires ", 0), 0u)
      << r.out;
  r = kioskctl({"sign", dir.string(), "--key", prefix + ".key", "--expires-in", "7"});
  ASSERT_EQ(r.status, 0) << r.err;
  content::LoadOptions options;
  options.require_manifest = true;
  auto loaded = content::load_bundle(dir, options);
  ASSERT_TRUE(loaded.bundle) << loaded.problems.front().line();
  const auto& m = *loaded.bundle->manifest;
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.expires_at_unix - m.issued_at_unix, 7 * 86400);
  EXPECT_EQ(m.issued_at.substr(19), "+08:00");
  r = kioskctl({"sign", dir.string(), "--key", prefix + ".key", "--version", "40"});
  ASSERT_EQ(r.status, 0) << r.err;

  r = kioskctl({"validate", dir.string(), "--key", prefix + ".pub"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("manifest version 40, signature verified"), std::string::npos) << r.out;
  r = kioskctl({"validate", dir.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("signature not checked"), std::string::npos) << r.out;

  // A key that did not sign it, by --key and through a kiosk configuration.
  const auto other = (temp / "keys" / "other").string();
  ASSERT_EQ(kioskctl({"keygen", "--out", other}).status, 0);
  r = kioskctl({"validate", dir.string(), "--key", other + ".pub"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "manifest.sig: signature does not verify with any trusted key\n");
  const nlohmann::json conf = {
      {"content", {{"trusted_keys", {read_file(other + ".pub").substr(0, 44)}}}}};
  write_file(temp / "kiosk.json", conf.dump());
  r = kioskctl({"validate", dir.string(), "--config", (temp / "kiosk.json").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "manifest.sig: signature does not verify with any trusted key\n");
  r = kioskctl({"validate", dir.string(), "--key", other + ".pub", "--key", prefix + ".pub"});
  EXPECT_EQ(r.status, 0) << r.err;

  // A content edit after signing: the manifest no longer matches.
  edit_title("改");
  r = kioskctl({"validate", dir.string(), "--key", prefix + ".pub"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("notices.json: expected ", 0), 0u) << r.err;
}

TEST_F(CtlTest, SignRefusesAnInvalidBundle) {
  auto j = nlohmann::ordered_json::parse(read_file(dir / "hotlines.json"));
  j["hotlines"][0]["number"] = "无";
  write_file(dir / "hotlines.json", j.dump(1));
  const auto r = kioskctl({"sign", dir.string(), "--key", prefix + ".key"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "hotlines.json: hotlines[0].number: expected a telephone number, found \"无\"\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "manifest.json"));
  EXPECT_FALSE(std::filesystem::exists(dir / "manifest.sig"));
}

TEST_F(CtlTest, PublishThenSyncOnceEndToEnd) {
  settings.server_url = publish_url();
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  auto r = publish_dir({"--key", prefix + ".pub"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("published version 1 to " + publish_url() +
                       " (3 files uploaded, 0 already on the server)"),
            std::string::npos)
      << r.out;
  // Content files first, each as its content-addressed object; manifest.sig and manifest.json last.
  const std::string log = log_after_publish(1);
  ASSERT_NE(log.find("PUT /pub/manifest.json"), std::string::npos) << log;
  const auto put = [&](const std::string& f) {
    return log.find("\"PUT /pub/" + f + " HTTP/1.1\" 201");
  };
  ASSERT_NE(put(object_of("notices.json")), std::string::npos) << log;
  EXPECT_LT(put(object_of("document.json")), put("manifest.sig"));
  EXPECT_LT(put(object_of("hotlines.json")), put("manifest.sig"));
  EXPECT_LT(put(object_of("notices.json")), put("manifest.sig"));
  EXPECT_LT(put("manifest.sig"), put("manifest.json"));
  EXPECT_EQ(put("notices.json"), std::string::npos) << "nothing goes under its plain name";

  const auto config = kiosk_config(temp / "kiosk-cache");
  std::ostringstream out, err;
  EXPECT_EQ(app::run_sync_once(config, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "installed version 1 (3 files downloaded, 0 unchanged)\n");
  out.str("");
  EXPECT_EQ(app::run_sync_once(config, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "already current: version 1 (HTTP 304)\n");

  // The next edition, in a later second than the first (nginx's ETag is mtime in seconds and size;
  // round() handles a same-second republish by revalidating hourly, see RevalidatesHourly).
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  edit_title(" 第二版");
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  ASSERT_EQ(publish_dir().status, 0);
  out.str("");
  EXPECT_EQ(app::run_sync_once(config, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "installed version 2 (1 file downloaded, 2 unchanged)\n");
  const auto startup = app::load_startup_bundle(config);
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Cache);
  EXPECT_NE(startup.bundle.notices.at(0).title.find("第二版"), std::string::npos);

  // A failing round: non-zero, the reason on err, the bundle kept.
  auto down = config;
  down.content.server_url = nginx.url("status500/");
  out.str("");
  std::ostringstream err2;
  EXPECT_EQ(app::run_sync_once(down, out, err2), 1);
  EXPECT_EQ(err2.str(), "manifest.json: expected HTTP 200, found 500\n");
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(app::load_startup_bundle(config).bundle.manifest->version, 2);

  auto none = config;
  none.content.server_url.clear();
  std::ostringstream err3;
  EXPECT_EQ(app::run_sync_once(none, out, err3), 2);
  EXPECT_EQ(err3.str(), "content.server_url: not configured; nothing to sync\n");
}

TEST_F(CtlTest, AssetsTravelWithTheBundle) {
  settings.server_url = publish_url();
  std::string logo(4096, '\0');
  for (std::size_t i = 0; i < logo.size(); ++i) logo[i] = static_cast<char>((i * 7919) % 251);
  write_file(dir / "assets" / "区徽.png", logo);
  auto r = kioskctl({"sign", dir.string(), "--key", prefix + ".key"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("version 1, 4 files"), std::string::npos) << r.out;
  r = publish_dir();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(object_of("assets/区徽.png"), "objects/" + crypto::sha256_hex(logo) + ".png");
  EXPECT_TRUE(read_file(nginx.www() / "pub" / object_of("assets/区徽.png")) == logo);
  const auto round_result = round();
  ASSERT_EQ(round_result.outcome, sync::Outcome::Installed) << round_result.line;
  const auto files = installed();
  ASSERT_TRUE(files);
  EXPECT_TRUE(files->at("assets/区徽.png") == logo);
}

TEST_F(CtlTest, PublishRefusesWhatAKioskWouldRefuse) {
  // Unsigned.
  auto r = publish_dir();
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "manifest.json: expected the file (kioskctl sign writes it), found none\n");
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  std::filesystem::remove(dir / "manifest.sig");
  r = publish_dir();
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "manifest.sig: expected a signature (kioskctl sign writes it), found none\n");
  // Files edited after signing.
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  edit_title("改");
  r = publish_dir();
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("notices.json: expected ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(" as manifest.json says, found "), std::string::npos) << r.err;
  // Signed by a key the caller does not trust.
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  const auto other = (temp / "keys" / "other").string();
  ASSERT_EQ(kioskctl({"keygen", "--out", other}).status, 0);
  r = publish_dir({"--key", other + ".pub"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "manifest.sig: signature does not verify with any trusted key\n");
  // Nothing reached the server.
  EXPECT_EQ(nginx.access_log().find("PUT "), std::string::npos);
  // Wrong credentials.
  write_file(temp / "wrong-password", "nope\n");
  r = kioskctl({"publish", dir.string(), "--to", publish_url(), "--user", Nginx::kUser,
                "--password-file", (temp / "wrong-password").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "published.json: upload refused: HTTP 401 from " + publish_url() +
                       "published.json (check --user and --password-file or the credentials)\n");
  EXPECT_EQ(r.err.find("nope"), std::string::npos);
  // A manifest without content-addressed paths (an older kioskctl's) would overwrite what the
  // server's manifest names: refused before anything is sent.
  write_bundle(dir, make_bundle(content_files(), 1, &key));
  r = publish_dir();
  EXPECT_EQ(r.status, 1);
  const std::string document_sha = crypto::sha256_hex(read_file(dir / "document.json"));
  EXPECT_EQ(r.err, "manifest.json: files.document.json.path: expected \"objects/" + document_sha +
                       ".json\" as kioskctl sign writes it, found none: sign " + dir.string() +
                       " again with this kioskctl\n");
}

void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::remove_all(to);
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
}

TEST_F(CtlTest, InterruptedPublishNeverInstallsAMixedBundle) {
  settings.server_url = publish_url();
  ASSERT_EQ(sign().status, 0);
  ASSERT_EQ(publish_dir().status, 0);
  ASSERT_EQ(round().outcome, sync::Outcome::Installed);
  const auto v1 = installed();
  ASSERT_TRUE(v1);
  const auto server_v1 = temp / "server-v1";
  copy_tree(nginx.www() / "pub", server_v1);

  edit_title(" 第二版");
  {
    auto hotlines = nlohmann::ordered_json::parse(read_file(dir / "hotlines.json"));
    hotlines["hotlines"][0]["name"] = "区民政局监督电话(第二版)";
    write_file(dir / "hotlines.json", hotlines.dump(1));
  }
  ASSERT_EQ(sign().status, 0);
  content::LoadOptions options;
  options.require_manifest = true;
  sync::Files v2 = content::load_bundle(dir, options).raw;
  v2["manifest.sig"] = read_file(dir / "manifest.sig");

  // Each prefix of the uploads (two new files, the copy of the signature, manifest.sig,
  // manifest.json), as a publish killed between them would leave the server. A kiosk that has
  // version 1 and a kiosk with an empty cache must each install exactly version 1, then 2 once
  // manifest.json is up; none may fail (with manifest.sig new and manifest.json old, a kiosk
  // verifies with the old manifest's copy of its signature).
  for (int uploaded = 0; uploaded <= 5; ++uploaded) {
    copy_tree(server_v1, nginx.www() / "pub");
    const auto r = publish_dir({"--stop-after", std::to_string(uploaded)});
    ASSERT_EQ(r.status, 0) << r.err;
    if (uploaded < 5) {
      EXPECT_NE(
          r.out.find("stopped after " + std::to_string(uploaded) + " of 5 uploads (--stop-after)"),
          std::string::npos)
          << r.out;
    }
    for (const bool fresh : {false, true}) {
      auto kiosk = settings;
      kiosk.cache_dir = temp / ("kiosk-" + std::to_string(uploaded) + (fresh ? "-fresh" : "-v1"));
      if (!fresh) {
        ASSERT_TRUE(sync::Cache(kiosk.cache_dir).install(*v1, 1).ok());
      }
      const auto result = sync::run_round(kiosk, *client, now());
      const sync::Cache cache(kiosk.cache_dir);
      auto read = cache.read_current(kiosk.trust.max_bundle_bytes);
      SCOPED_TRACE("uploaded " + std::to_string(uploaded) +
                   (fresh ? ", fresh kiosk: " : ", kiosk with v1: ") + result.line);
      EXPECT_NE(result.outcome, sync::Outcome::Failed);
      ASSERT_TRUE(read);
      EXPECT_TRUE(*read == (uploaded == 5 ? v2 : *v1));
    }
  }
}

// A publish the server refuses midway (here: one object's path is taken by a directory, so its
// PUT gets 409; a 401, 403 or 507 stops it the same way) leaves the previous version whole: a fresh
// kiosk, a kiosk two versions behind and a kiosk whose cache was reset all install it, and no kiosk
// sees a signature that does not verify.
TEST_F(CtlTest, APublishRefusedMidwayLeavesThePreviousVersionWhole) {
  settings.server_url = publish_url();
  const auto kiosk = [&](const std::string& name) {
    auto k = settings;
    k.cache_dir = temp / name;
    return k;
  };
  const auto sync_round = [&](const sync::Settings& k) {
    return sync::run_round(k, *client, now());
  };
  const auto installed_in = [&](const sync::Settings& k) {
    auto read = sync::Cache(k.cache_dir).read_current(k.trust.max_bundle_bytes);
    return read ? std::optional<sync::Files>(std::move(read).value()) : std::nullopt;
  };
  const auto behind = kiosk("kiosk-v1"), reset = kiosk("kiosk-reset"), fresh = kiosk("kiosk-fresh");
  for (int v = 1; v <= 3; ++v) {
    if (v > 1) edit_title(" 第" + std::to_string(v) + "版");
    ASSERT_EQ(sign().status, 0);
    ASSERT_EQ(publish_dir().status, 0);
    if (v == 1) {
      ASSERT_EQ(sync_round(behind).outcome, sync::Outcome::Installed);
    }
    if (v == 3) {
      ASSERT_EQ(sync_round(reset).outcome, sync::Outcome::Installed);
    }
    // nginx's ETag is mtime in seconds and size: the kiosk with version 1 must see a change.
    if (v == 1) std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  }
  content::LoadOptions options;
  options.require_manifest = true;
  sync::Files v3 = content::load_bundle(dir, options).raw;
  v3["manifest.sig"] = read_file(dir / "manifest.sig");

  // Version 4 changes hotlines.json and notices.json; the server refuses notices.json's object,
  // which comes after hotlines.json's.
  edit_title(" 第4版");
  {
    auto hotlines = nlohmann::ordered_json::parse(read_file(dir / "hotlines.json"));
    hotlines["hotlines"][0]["name"] = "区民政局监督电话(第4版)";
    write_file(dir / "hotlines.json", hotlines.dump(1));
  }
  ASSERT_EQ(sign().status, 0);
  const auto blocked = nginx.www() / "pub" / object_of("notices.json");
  std::filesystem::create_directories(blocked / "x");
  auto r = publish_dir();
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "notices.json: upload refused: HTTP 409 from " + publish_url() +
                       object_of("notices.json") + "\n");
  EXPECT_NE(r.out.find("uploaded hotlines.json as " + object_of("hotlines.json")),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("uploaded manifest"), std::string::npos) << r.out;

  // The kiosk whose cache was reset lost its files but kept state.json (floor: version 3).
  std::filesystem::remove(reset.cache_dir / "current");
  std::filesystem::remove_all(reset.cache_dir / "bundles");
  for (const auto& k : {behind, reset, fresh}) {
    const auto result = sync_round(k);
    SCOPED_TRACE(k.cache_dir.filename().string() + ": " + result.line);
    EXPECT_EQ(result.outcome, sync::Outcome::Installed);
    EXPECT_EQ(result.version, 3);
    EXPECT_EQ(result.line.find("signature"), std::string::npos);
    const auto files = installed_in(k);
    ASSERT_TRUE(files);
    EXPECT_TRUE(*files == v3);
  }

  // Once the server takes it, the same publish completes and every kiosk moves on (a second
  // later, for the ETag).
  std::filesystem::remove_all(blocked);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  r = publish_dir();
  ASSERT_EQ(r.status, 0) << r.err;
  // What the refused publish had uploaded is not known to be there: uploaded again.
  EXPECT_NE(r.out.find("(2 files uploaded, 1 already on the server)"), std::string::npos) << r.out;
  for (const auto& k : {behind, reset, fresh}) {
    const auto result = sync_round(k);
    EXPECT_EQ(result.outcome, sync::Outcome::Installed) << result.line;
    EXPECT_EQ(result.version, 4) << result.line;
  }
}

TEST_F(CtlTest, PublishUploadsOnlyObjectsTheServerDoesNotHave) {
  ASSERT_EQ(sign().status, 0);
  auto r = publish_dir();
  ASSERT_EQ(r.status, 0) << r.err;
  std::string log = log_after_publish(1);
  EXPECT_EQ(count(log, "\"PUT /pub/objects/"), 4u) << log;  // three files and the signature's copy

  edit_title(" 第二版");
  ASSERT_EQ(sign().status, 0);
  r = publish_dir();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("already on the server: document.json, hotlines.json\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(1 file uploaded, 2 already on the server)"), std::string::npos) << r.out;
  log = log_after_publish(2);
  EXPECT_EQ(count(log, "\"PUT /pub/objects/"), 6u) << log;
  EXPECT_EQ(count(log, "\"PUT /pub/" + object_of("notices.json") + " HTTP/1.1\" 201"), 1u) << log;

  // The same bundle again: nothing is uploaded, and that is not an error.
  r = publish_dir();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("the server already has this manifest (version 2); nothing to upload"),
            std::string::npos)
      << r.out;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(count(nginx.access_log(), "\"PUT /pub/objects/"), 6u);
  EXPECT_EQ(count(nginx.access_log(), "\"PUT /pub/manifest.json"), 2u);
}

TEST_F(CtlTest, PublishPrunesObjectsTheLastThreeVersionsDoNotName) {
  std::vector<std::string> notices;  // notices.json's object of each version
  std::set<std::string> shared;
  for (int v = 1; v <= 5; ++v) {
    if (v > 1) edit_title(" 第" + std::to_string(v) + "版");
    ASSERT_EQ(sign().status, 0);
    const auto r = publish_dir();
    ASSERT_EQ(r.status, 0) << r.err;
    notices.push_back(object_of("notices.json"));
    shared = {object_of("document.json"), object_of("hotlines.json")};
    if (v == 4) {
      EXPECT_NE(r.out.find("deleted 2 objects no longer named by the last 3 published versions"),
                std::string::npos)
          << r.out;  // version 1's notices.json and its copy of the signature
    }
  }
  const auto pub = nginx.www() / "pub";
  EXPECT_FALSE(std::filesystem::exists(pub / notices[0]));
  EXPECT_FALSE(std::filesystem::exists(pub / notices[1]));
  for (int v = 3; v <= 5; ++v) EXPECT_TRUE(std::filesystem::exists(pub / notices[v - 1])) << v;
  for (const auto& p : shared) EXPECT_TRUE(std::filesystem::exists(pub / p)) << p;
  std::set<std::string> on_server;
  std::size_t signatures = 0;
  for (const auto& e : std::filesystem::directory_iterator(pub / "objects")) {
    if (e.path().extension() == ".sig")
      ++signatures;
    else
      on_server.insert("objects/" + e.path().filename().string());
  }
  EXPECT_EQ(signatures, 3u);
  EXPECT_EQ(on_server, (std::set<std::string>{notices[2], notices[3], notices[4], *shared.begin(),
                                              *shared.rbegin()}));
  const auto log = log_after_publish(5);
  EXPECT_NE(log.find("\"DELETE /pub/" + notices[0] + " HTTP/1.1\" 204"), std::string::npos) << log;

  const auto record = nlohmann::json::parse(read_file(pub / "published.json"));
  std::vector<long long> versions;
  for (const auto& m : record["manifests"]) versions.push_back(m["version"].get<long long>());
  EXPECT_EQ(versions, (std::vector<long long>{5, 4, 3}));

  // An object a stopped publish left behind is pruned by the next complete one.
  edit_title(" 第6版");
  ASSERT_EQ(sign().status, 0);
  const std::string abandoned = object_of("notices.json");
  ASSERT_EQ(publish_dir({"--stop-after", "1"}).status, 0);
  ASSERT_TRUE(std::filesystem::exists(pub / abandoned));
  edit_title(" 第7版");
  ASSERT_EQ(sign().status, 0);
  ASSERT_EQ(publish_dir().status, 0);
  EXPECT_FALSE(std::filesystem::exists(pub / abandoned));
  EXPECT_FALSE(std::filesystem::exists(pub / notices[2]));
  EXPECT_TRUE(std::filesystem::exists(pub / notices[3]));
  EXPECT_TRUE(std::filesystem::exists(pub / object_of("notices.json")));
}

TEST_F(CtlTest, AKioskFetchesPathWhenPresentAndThePlainNameOtherwise) {
  // A manifest without "path" (as servers published before it existed): files under their names.
  settings.server_url = nginx.url("legacy/");
  const auto legacy = make_bundle(content_files(), 1, &key);
  ASSERT_EQ(nlohmann::json::parse(legacy.at("manifest.json").view())["files"]["notices.json"].count(
                "path"),
            0u);
  write_bundle(nginx.www() / "legacy", legacy);
  settings.trust.trusted_keys = {key.public_b64};
  auto result = round();
  EXPECT_EQ(result.outcome, sync::Outcome::Installed) << result.line;

  // With "path": the object is fetched, whatever lies under the plain name.
  settings.server_url = publish_url();
  settings.trust.trusted_keys = {public_key};
  settings.cache_dir = temp / "kiosk-2";
  ASSERT_EQ(sign().status, 0);
  ASSERT_EQ(publish_dir().status, 0);
  write_file(nginx.www() / "pub" / "notices.json", "{\"stale\": true}");
  result = round();
  EXPECT_EQ(result.outcome, sync::Outcome::Installed) << result.line;
  const auto log = nginx.access_log_with("GET /pub/" + object_of("notices.json"));
  EXPECT_NE(log.find("\"GET /pub/" + object_of("notices.json") + " HTTP/1.1\" 200"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("GET /pub/notices.json"), std::string::npos) << log;
}

TEST_F(CtlTest, PublishRefusesAVersionNotAboveTheServers) {
  ASSERT_EQ(sign({"--version", "17"}).status, 0);
  auto r = publish_dir();
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string published = read_file(nginx.www() / "pub" / "manifest.json");
  const auto puts = count(log_after_publish(1), "\"PUT ");

  ASSERT_EQ(sign({"--version", "12"}).status, 0);
  r = publish_dir();
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "manifest.json: the server has version 17; this bundle is version 12: re-sign with "
            "--version 18 "
            "or higher\n");
  // The same version with other bytes is refused too.
  edit_title(" 改");
  ASSERT_EQ(sign({"--version", "17"}).status, 0);
  r = publish_dir();
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "manifest.json: the server has version 17; this bundle is version 17: re-sign with "
            "--version 18 "
            "or higher\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(count(nginx.access_log(), "\"PUT "), puts) << "nothing was uploaded";
  EXPECT_EQ(read_file(nginx.www() / "pub" / "manifest.json"), published);

  ASSERT_EQ(sign({"--version", "18"}).status, 0);
  r = publish_dir();
  EXPECT_EQ(r.status, 0) << r.err;
}

// A non-loopback IPv4 address of this machine (nothing listens there on nginx's port), or "".
std::string local_non_loopback_address() {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return "";
  std::string found;
  for (ifaddrs* a = list; a != nullptr && found.empty(); a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET) continue;
    char text[INET_ADDRSTRLEN] = {};
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    if (::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text) != nullptr &&
        std::string(text).rfind("127.", 0) != 0) {
      found = text;
    }
  }
  ::freeifaddrs(list);
  return found;
}

TEST_F(CtlTest, PublishNeverShowsAUrlPasswordNorSendsOneOverPlainHttp) {
  ASSERT_EQ(sign().status, 0);
  // Credentials in the URL: used, never shown.
  const std::string with_password = "http://" + std::string(Nginx::kUser) + ":" + nginx.password() +
                                    "@127.0.0.1:" + std::to_string(nginx.port()) + "/pub/";
  const std::string shown = publish_url();  // without the user info
  auto r = kioskctl({"publish", dir.string(), "--to", with_password});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("published version 1 to " + shown + " ("), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(nginx.password()), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find(nginx.password()), std::string::npos) << r.err;
  const std::string wrong =
      "http://publisher:s3cret-wrong@127.0.0.1:" + std::to_string(nginx.port()) + "/pub/";
  edit_title(" 第二版");
  ASSERT_EQ(sign().status, 0);
  r = kioskctl({"publish", dir.string(), "--to", wrong});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "published.json: upload refused: HTTP 401 from " + shown +
                       "published.json (check --user and --password-file or the credentials)\n");
  EXPECT_EQ((r.out + r.err).find("s3cret"), std::string::npos);
  r = kioskctl({"publish", dir.string(), "--to", "ftp://publisher:s3cret-wrong@127.0.0.1/pub/"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "kioskctl publish: --to: expected an http(s) URL or s3://BUCKET/PREFIX, found "
            "\"ftp://127.0.0.1/pub/\"\n");

  // A password over plain http to another host: refused before anything is sent.
  const std::string refusal =
      "kioskctl publish: --to: refusing to send a password over plain http to 192.0.2.1:9, where "
      "anyone on the "
      "network can read it: use an https URL, or --allow-insecure-auth on a network you trust\n";
  r = kioskctl({"publish", dir.string(), "--to", "http://192.0.2.1:9/pub/", "--user", Nginx::kUser,
                "--password-file", nginx.password_file().string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, refusal);
  r = kioskctl({"publish", dir.string(), "--to", "http://publisher:s3cret@192.0.2.1:9/pub/"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, refusal);
  // --allow-insecure-auth: said loudly, then sent (to an address of this machine nginx does not
  // listen on, so the connection is refused).
  const std::string here = local_non_loopback_address();
  if (here.empty())
    GTEST_SKIP() << "no non-loopback IPv4 address here to try --allow-insecure-auth on";
  const std::string where = here + ":" + std::to_string(nginx.port());
  r = kioskctl({"publish", dir.string(), "--to", "http://" + where + "/pub/", "--user",
                Nginx::kUser, "--password-file", nginx.password_file().string(),
                "--allow-insecure-auth"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "kioskctl publish: warning: sending the password unencrypted over plain http to " +
                where +
                " (--allow-insecure-auth)\nmanifest.json: cannot read the server's copy: cannot "
                "connect to " +
                where + " (Connection refused)\n");
}

TEST_F(CtlTest, PublishOverHttpsTrustsTheCaOfCaFile) {
  ASSERT_EQ(sign().status, 0);
  auto r = kioskctl(
      {"publish", dir.string(), "--to", publish_url(), "--ca-file", (temp / "none.pem").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("kioskctl publish: --ca-file: " + (temp / "none.pem").string() + ": ", 0),
            0u)
      << r.err;
  write_file(temp / "not.pem", "hello\n");
  r = kioskctl(
      {"publish", dir.string(), "--to", publish_url(), "--ca-file", (temp / "not.pem").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "kioskctl publish: --ca-file: " + (temp / "not.pem").string() +
                       ": expected PEM certificates (-----BEGIN CERTIFICATE-----), found none\n");

  Nginx https(true);
  ASSERT_TRUE(https.ok()) << https.error();
  if (!https.tls_ready()) GTEST_SKIP() << "no openssl command to make a certificate";
  // Without the CA the certificate (issued by a private CA the fixture made) does not verify; with
  // the CA the exchange goes through to the server (whose https side takes no PUT: 405 after
  // reading the manifest and the record).
  r = kioskctl({"publish", dir.string(), "--to", https.tls_url("pub/"), "--user", Nginx::kUser,
                "--password-file", https.password_file().string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("manifest.json: cannot read the server's copy: TLS: ", 0), 0u) << r.err;
  r = kioskctl({"publish", dir.string(), "--to", https.tls_url("pub/"), "--user", Nginx::kUser,
                "--password-file", https.password_file().string(), "--ca-file",
                https.ca_certificate().string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "published.json: upload refused: HTTP 405 from " +
                       https.tls_url("pub/published.json") + "\n");
}

// AWS Signature V4 recomputed independently (libsodium's HMAC-SHA256) from what nginx received.
std::string hmac(const std::string& key, const std::string& data) {
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  crypto_auth_hmacsha256_final(&st, out);
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4], out += kHex[b & 15];
  }
  return out;
}

// One s3.log line: METHOD URI STATUS SHA DATE HOST TYPE "AUTHORIZATION" -> the signature it
// should carry, or "" when the line does not parse.
struct S3Request {
  std::string method, uri, status, payload_sha, amz_date, host, content_type, authorization;
};
S3Request parse_s3_line(const std::string& line) {
  S3Request r;
  std::istringstream in(line.substr(0, line.find('"')));
  in >> r.method >> r.uri >> r.status >> r.payload_sha >> r.amz_date >> r.host >> r.content_type;
  const auto q = line.find('"');
  if (q != std::string::npos) r.authorization = line.substr(q + 1, line.rfind('"') - q - 1);
  return r;
}

std::string expected_sigv4(const S3Request& r, const std::string& secret,
                           const std::string& region) {
  // A PUT carries a Content-Type, which libcurl signs; a GET or DELETE carries none.
  const bool typed = r.method == "PUT";
  const std::string signed_headers =
      std::string(typed ? "content-type;" : "") + "host;x-amz-content-sha256;x-amz-date";
  const std::string canonical =
      r.method + "\n" + r.uri + "\n\n" + (typed ? "content-type:" + r.content_type + "\n" : "") +
      "host:" + r.host + "\n" + "x-amz-content-sha256:" + r.payload_sha + "\n" +
      "x-amz-date:" + r.amz_date + "\n\n" + signed_headers + "\n" + r.payload_sha;
  const std::string day = r.amz_date.substr(0, 8);
  const std::string scope = day + "/" + region + "/s3/aws4_request";
  const std::string to_sign =
      "AWS4-HMAC-SHA256\n" + r.amz_date + "\n" + scope + "\n" + crypto::sha256_hex(canonical);
  const std::string key =
      hmac(hmac(hmac(hmac("AWS4" + secret, day), region), "s3"), "aws4_request");
  return "AWS4-HMAC-SHA256 Credential=AKIDKIOSKTEST/" + scope +
         ", SignedHeaders=" + signed_headers + ", Signature=" + hex(hmac(key, to_sign));
}

TEST_F(CtlTest, PublishToS3SignsEachRequestWithSigV4) {
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  ::setenv("AWS_ACCESS_KEY_ID", "AKIDKIOSKTEST", 1);
  ::setenv("AWS_SECRET_ACCESS_KEY", "test-secret-not-real", 1);
  ::setenv("AWS_DEFAULT_REGION", "cn-east-2", 1);
  const auto r = kioskctl(
      {"publish", dir.string(), "--to", "s3://notices/qingpu", "--endpoint", nginx.url("s3/")});
  ::unsetenv("AWS_ACCESS_KEY_ID");
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
  ::unsetenv("AWS_DEFAULT_REGION");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto served = nginx.www() / "s3" / "notices" / "qingpu";
  EXPECT_EQ(read_file(served / "manifest.json"), read_file(dir / "manifest.json"));
  // nginx logs a request just after answering it: wait for the last one (the record, again).
  std::string log;
  for (int i = 0;
       i < 100 && count(log = nginx.s3_log(), "PUT /s3/notices/qingpu/published.json 20") < 2;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::istringstream lines(log);
  std::vector<std::string> uris;
  const std::string base = "/s3/notices/qingpu/";
  for (std::string line; std::getline(lines, line);) {
    const auto req = parse_s3_line(line);
    uris.push_back(req.method + " " + req.uri.substr(base.size()));
    if (req.method == "GET") {
      EXPECT_EQ(req.status, "404") << line;  // an empty bucket: no manifest, no record yet
      EXPECT_EQ(req.payload_sha, crypto::sha256_hex("")) << line;
    } else {
      EXPECT_TRUE(req.status == "201" || req.status == "204") << line;  // created, or replaced
      // What was sent is what the server now holds (the record is rewritten: its last copy).
      if (req.uri != base + "published.json") {
        EXPECT_EQ(req.payload_sha,
                  crypto::sha256_hex(read_file(served / req.uri.substr(base.size()))))
            << line;
      }
    }
    EXPECT_EQ(req.authorization, expected_sigv4(req, "test-secret-not-real", "cn-east-2")) << line;
  }
  const std::vector<std::string> order{
      "GET manifest.json",
      "GET published.json",
      "PUT published.json",
      "PUT " + object_of("document.json"),
      "PUT " + object_of("hotlines.json"),
      "PUT " + object_of("notices.json"),
      "PUT objects/" + crypto::sha256_hex(read_file(dir / "manifest.json")) + ".sig",
      "PUT manifest.sig",
      "PUT manifest.json",
      "PUT published.json"};
  EXPECT_EQ(uris, order);
}

TEST_F(CtlTest, PublishToS3NeedsEndpointAndCredentials) {
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  ::unsetenv("AWS_ACCESS_KEY_ID");
  auto r = kioskctl({"publish", dir.string(), "--to", "s3://notices/qingpu"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "kioskctl publish: --endpoint: expected the http(s) URL of the S3 service for "
            "s3://notices/qingpu\n");
  r = kioskctl(
      {"publish", dir.string(), "--to", "s3://notices/qingpu", "--endpoint", nginx.url("s3/")});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "kioskctl publish: expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the "
            "environment for "
            "s3://notices/qingpu\n");
}

}  // namespace
}  // namespace kiosk::test
