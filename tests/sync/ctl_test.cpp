// kioskctl keygen, sign, validate (signatures) and publish, end to end with `kiosk --sync-once`
// (sync::run_once_command) against a real nginx; an interrupted publish never yields a mixed bundle.
#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "config/config.hpp"
#include "content/parse.hpp"
#include "ctl/commands.hpp"
#include "sync/signature.hpp"
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
  // A kiosk configuration file for run_once_command, as an installer would write it.
  config::Config kiosk_config(const std::filesystem::path& cache) const {
    const nlohmann::json j = {
        {"content",
         {{"server_url", settings.server_url}, {"trusted_keys", {public_key}}, {"cache_dir", cache.string()}}}};
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
  CtlRun publish_dir(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"publish", dir.string(), "--to", publish_url(), "--user", Nginx::kUser,
                                  "--password-file", nginx.password_file().string()};
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
  std::string error;
  const auto secret = sync::secret_key_from_text(read_file(prefix + ".key"), error);
  ASSERT_TRUE(secret) << error;
  EXPECT_EQ(sync::base64_encode(sync::public_key_of(*secret)), public_key);
  // Never silently replaced.
  const auto again = kioskctl({"keygen", "--out", prefix});
  EXPECT_EQ(again.status, 1);
  EXPECT_EQ(again.err, prefix + ".key: exists; refusing to overwrite a key (--force replaces it)\n");
}

TEST_F(CtlTest, SignCountsVersionsUpAndValidateChecksTheSignature) {
  auto r = kioskctl({"sign", dir.string(), "--key", prefix + ".key"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("signed " + dir.string() + ": version 1, 3 files, expires ", 0), 0u) << r.out;
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
  const nlohmann::json conf = {{"content", {{"trusted_keys", {read_file(other + ".pub").substr(0, 44)}}}}};
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
  EXPECT_EQ(r.err, "hotlines.json: hotlines[0].number: expected a telephone number, found \"无\"\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "manifest.json"));
  EXPECT_FALSE(std::filesystem::exists(dir / "manifest.sig"));
}

TEST_F(CtlTest, PublishThenSyncOnceEndToEnd) {
  settings.server_url = publish_url();
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  auto r = publish_dir({"--key", prefix + ".pub"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("published version 1 to " + publish_url() + " (5 files)"), std::string::npos) << r.out;
  // Content files first, manifest.sig and manifest.json last.
  const std::string log = nginx.access_log_with("PUT /pub/manifest.json");
  ASSERT_NE(log.find("PUT /pub/manifest.json"), std::string::npos) << log;
  const auto put = [&](const std::string& f) { return log.find("\"PUT /pub/" + f + " HTTP/1.1\" 201"); };
  ASSERT_NE(put("notices.json"), std::string::npos) << log;
  EXPECT_LT(put("document.json"), put("manifest.sig"));
  EXPECT_LT(put("hotlines.json"), put("manifest.sig"));
  EXPECT_LT(put("notices.json"), put("manifest.sig"));
  EXPECT_LT(put("manifest.sig"), put("manifest.json"));

  const auto config = kiosk_config(temp / "kiosk-cache");
  std::ostringstream out, err;
  EXPECT_EQ(sync::run_once_command(config, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "installed version 1 (3 files downloaded, 0 unchanged)\n");
  out.str("");
  EXPECT_EQ(sync::run_once_command(config, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "already current: version 1 (HTTP 304)\n");

  // The next edition, in a later second than the first (nginx's ETag is mtime in seconds and size;
  // round() handles a same-second republish by revalidating hourly, see RevalidatesHourly).
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  edit_title(" 第二版");
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  ASSERT_EQ(publish_dir().status, 0);
  out.str("");
  EXPECT_EQ(sync::run_once_command(config, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "installed version 2 (1 file downloaded, 2 unchanged)\n");
  const auto startup = sync::load_startup_bundle(config);
  EXPECT_EQ(startup.source, sync::StartupBundle::Source::Cache);
  EXPECT_NE(startup.bundle.notices.at(0).title.find("第二版"), std::string::npos);

  // A failing round: non-zero, the reason on err, the bundle kept.
  auto down = config;
  down.content.server_url = nginx.url("status500/");
  out.str("");
  std::ostringstream err2;
  EXPECT_EQ(sync::run_once_command(down, out, err2), 1);
  EXPECT_EQ(err2.str(), "manifest.json: expected HTTP 200, found 500\n");
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(sync::load_startup_bundle(config).bundle.manifest->version, 2);

  auto none = config;
  none.content.server_url.clear();
  std::ostringstream err3;
  EXPECT_EQ(sync::run_once_command(none, out, err3), 2);
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
  EXPECT_EQ(read_file(nginx.www() / "pub" / "assets" / "区徽.png"), logo);
  const auto round_result = round();
  ASSERT_EQ(round_result.outcome, sync::Outcome::Installed) << round_result.line;
  const auto files = installed();
  ASSERT_TRUE(files);
  EXPECT_EQ(files->at("assets/区徽.png"), logo);
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
  r = kioskctl({"publish", dir.string(), "--to", publish_url(), "--user", Nginx::kUser, "--password-file",
                (temp / "wrong-password").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "document.json: upload refused: HTTP 401 from " + publish_url() +
                       "document.json (check --user and --password-file or the credentials)\n");
  EXPECT_EQ(r.err.find("nope"), std::string::npos);
}

TEST_F(CtlTest, InterruptedPublishNeverInstallsAMixedBundle) {
  settings.server_url = publish_url();
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  ASSERT_EQ(publish_dir().status, 0);
  ASSERT_EQ(round().outcome, sync::Outcome::Installed);
  const auto v1 = installed();
  ASSERT_TRUE(v1);

  edit_title(" 第二版");
  {
    auto hotlines = nlohmann::ordered_json::parse(read_file(dir / "hotlines.json"));
    hotlines["hotlines"][0]["name"] = "区民政局监督电话(第二版)";
    write_file(dir / "hotlines.json", hotlines.dump(1));
  }
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  content::LoadOptions options;
  options.require_manifest = true;
  sync::Files v2 = content::load_bundle(dir, options).raw;
  v2["manifest.sig"] = read_file(dir / "manifest.sig");

  // Each prefix of the upload order, as a publish killed between files would leave the server.
  // A kiosk that has version 1 and a kiosk with an empty cache must each end with exactly
  // nothing, version 1 or version 2.
  for (int uploaded = 0; uploaded <= 5; ++uploaded) {
    // Reset the server to the complete version 1, then upload a prefix of version 2.
    write_bundle(nginx.www() / "pub", *v1);
    const auto r = publish_dir({"--stop-after", std::to_string(uploaded)});
    ASSERT_EQ(r.status, 0) << r.err;
    for (const bool fresh : {false, true}) {
      auto kiosk = settings;
      kiosk.cache_dir = temp / ("kiosk-" + std::to_string(uploaded) + (fresh ? "-fresh" : "-v1"));
      if (!fresh) {
        ASSERT_FALSE(sync::Cache(kiosk.cache_dir).install(*v1, 1));
      }
      const auto result = sync::run_round(kiosk, *client, now());
      const sync::Cache cache(kiosk.cache_dir);
      auto read = cache.read_current(kiosk.trust.max_bundle_bytes);
      SCOPED_TRACE("uploaded " + std::to_string(uploaded) + (fresh ? ", fresh kiosk: " : ", kiosk with v1: ") +
                   result.line);
      if (!read.files) {
        EXPECT_TRUE(fresh);
        EXPECT_EQ(result.outcome, sync::Outcome::Failed);
        continue;
      }
      EXPECT_TRUE(*read.files == *v1 || *read.files == v2);
      if (uploaded == 5) {
        EXPECT_EQ(*read.files, v2);
      }
    }
  }
}

// AWS Signature V4 recomputed independently (libsodium's HMAC-SHA256) from what nginx received.
std::string hmac(const std::string& key, const std::string& data) {
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
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

std::string expected_sigv4(const S3Request& r, const std::string& secret, const std::string& region) {
  const std::string signed_headers = "content-type;host;x-amz-content-sha256;x-amz-date";
  const std::string canonical = r.method + "\n" + r.uri + "\n\n" + "content-type:" + r.content_type + "\n" +
                                "host:" + r.host + "\n" + "x-amz-content-sha256:" + r.payload_sha + "\n" +
                                "x-amz-date:" + r.amz_date + "\n\n" + signed_headers + "\n" + r.payload_sha;
  const std::string day = r.amz_date.substr(0, 8);
  const std::string scope = day + "/" + region + "/s3/aws4_request";
  const std::string to_sign = "AWS4-HMAC-SHA256\n" + r.amz_date + "\n" + scope + "\n" + content::sha256_hex(canonical);
  const std::string key = hmac(hmac(hmac(hmac("AWS4" + secret, day), region), "s3"), "aws4_request");
  return "AWS4-HMAC-SHA256 Credential=AKIDKIOSKTEST/" + scope + ", SignedHeaders=" + signed_headers +
         ", Signature=" + hex(hmac(key, to_sign));
}

TEST_F(CtlTest, PublishToS3SignsEachPutWithSigV4) {
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  ::setenv("AWS_ACCESS_KEY_ID", "AKIDKIOSKTEST", 1);
  ::setenv("AWS_SECRET_ACCESS_KEY", "test-secret-not-real", 1);
  ::setenv("AWS_DEFAULT_REGION", "cn-east-2", 1);
  const auto r = kioskctl({"publish", dir.string(), "--to", "s3://notices/qingpu", "--endpoint", nginx.url("s3/")});
  ::unsetenv("AWS_ACCESS_KEY_ID");
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
  ::unsetenv("AWS_DEFAULT_REGION");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read_file(nginx.www() / "s3" / "notices" / "qingpu" / "manifest.json"), read_file(dir / "manifest.json"));
  // nginx logs a request just after answering it: wait for the last line.
  std::string log;
  for (int i = 0; i < 100 && (log = nginx.s3_log()).find("manifest.json") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::istringstream lines(log);
  std::vector<std::string> uris;
  for (std::string line; std::getline(lines, line);) {
    const auto req = parse_s3_line(line);
    uris.push_back(req.uri);
    EXPECT_EQ(req.status, "201") << line;
    const auto name = req.uri.substr(std::string("/s3/notices/qingpu/").size());
    EXPECT_EQ(req.payload_sha, content::sha256_hex(read_file(dir / name))) << line;
    EXPECT_EQ(req.authorization, expected_sigv4(req, "test-secret-not-real", "cn-east-2")) << line;
  }
  const std::vector<std::string> order{"/s3/notices/qingpu/document.json", "/s3/notices/qingpu/hotlines.json",
                                       "/s3/notices/qingpu/notices.json", "/s3/notices/qingpu/manifest.sig",
                                       "/s3/notices/qingpu/manifest.json"};
  EXPECT_EQ(uris, order);
}

TEST_F(CtlTest, PublishToS3NeedsEndpointAndCredentials) {
  ASSERT_EQ(kioskctl({"sign", dir.string(), "--key", prefix + ".key"}).status, 0);
  ::unsetenv("AWS_ACCESS_KEY_ID");
  auto r = kioskctl({"publish", dir.string(), "--to", "s3://notices/qingpu"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "kioskctl publish: --endpoint: expected the http(s) URL of the S3 service for s3://notices/qingpu\n");
  r = kioskctl({"publish", dir.string(), "--to", "s3://notices/qingpu", "--endpoint", nginx.url("s3/")});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "kioskctl publish: expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment for "
            "s3://notices/qingpu\n");
}

}  // namespace
}  // namespace kiosk::test
