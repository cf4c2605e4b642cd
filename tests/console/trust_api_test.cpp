// The console's two-person publishing (API.md "Signatures") over real HTTP, publishing to a real
// loopback nginx: the signatures present / required by DIR's root, sign alone, a bundle below the
// threshold refused, a co-signature with an uploaded key file and its passphrase (never stored,
// never echoed), then the publish of the bundle as signed with root/ on the server.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "admin/keys.hpp"
#include "admin/trust_tools.hpp"
#include "console_fixture.hpp"
#include "nginx_fixture.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

class TrustApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(nginx.ok()) << nginx.error();
    std::vector<std::string> keys;
    // B's key is sealed (the co-signer types its passphrase); A and C are plain (fast tests).
    for (const char* name : {"A", "B", "C"}) {
      const auto made = admin::keygen(
          (temp / name).string(), false,
          std::string(name) == "B" ? std::optional<std::string_view>("beta pass") : std::nullopt);
      ASSERT_TRUE(made) << made.error().what;
      keys.push_back(made->public_key);
    }
    console::Options o;
    o.key = (temp / "A.key").string();
    o.to = nginx.url("pub/");
    o.publish_user = test::Nginx::kUser;
    o.publish_password_file = nginx.password_file().string();
    console = std::make_unique<test::RunningConsole>(o);
    cli = console->client();
    token = console->csrf();
    // Root 1 in DIR: A, B, C, two of them needed; signed by A and C.
    const auto root = admin::root_new(console->dir(), keys, 2, 365, tz::Clock());
    ASSERT_TRUE(root) << root.error().what;
    for (const char* k : {"A", "C"}) {
      auto key = admin::load_secret_key(temp / (std::string(k) + ".key"), {});
      ASSERT_TRUE(key) << key.error().what;
      ASSERT_TRUE(admin::root_sign(root->file, key->secret.bytes(), "k.key"));
    }
  }
  httplib::Result post(const std::string& path, const Json& body) {
    return cli->Post(path.c_str(), httplib::Headers{{"X-CSRF-Token", token}}, body.dump(),
                     "application/json");
  }
  Json get(const std::string& path) {
    const auto r = cli->Get(path.c_str());
    EXPECT_TRUE(r && r->status == 200) << path;
    return r ? Json::parse(r->body) : Json{};
  }
  Json finish(const std::string& job) {
    for (int i = 0; i < 600; ++i) {
      const Json s = get("/api/publish/" + job);
      if (s.value("state", "") == "done" || s.value("state", "") == "failed") return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "publish job " << job << " did not end";
    return {};
  }

  test::TempDir temp;
  test::Nginx nginx;
  std::unique_ptr<test::RunningConsole> console;
  std::unique_ptr<httplib::Client> cli;
  std::string token;
};

TEST_F(TrustApi, SignCosignWithAnUploadedKeyThenPublishAsSigned) {
  Json s = get("/api/signatures");
  EXPECT_EQ(s.at("signed"), false);
  EXPECT_EQ(s.at("root").at("version"), 1);
  EXPECT_EQ(s.at("root").at("threshold"), 2);

  // The first signature, with --key and its passphrase.
  auto r = post("/api/sign", {{"passphrase", ""}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  s = Json::parse(r->body);
  EXPECT_EQ(s.at("signatures").at("have"), 1);
  EXPECT_EQ(s.at("signatures").at("need"), 2);
  EXPECT_EQ(s.at("signatures").at("met"), false);
  EXPECT_EQ(s.at("signatures").at("root_version"), 1);
  EXPECT_EQ(s.at("line"),
            "signatures: 1 of 2: needs one more signature by a key of root version 1");

  // Below the threshold: the publish is refused and nothing reaches the server.
  r = post("/api/publish", {{"as_signed", true}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  Json job = finish(Json::parse(r->body).at("job"));
  EXPECT_EQ(job.at("state"), "failed");
  EXPECT_NE(job.at("message").get<std::string>().find(
                "manifest.sig: signed by 1 of the 2 required keys (root version 1)"),
            std::string::npos)
      << job.dump();
  EXPECT_FALSE(fs::exists(nginx.www() / "pub" / "manifest.json"));

  // The second person uploads B.key: a wrong passphrase is refused and never echoed.
  const std::string b_key = test::read_file(temp / "B.key");
  r = post("/api/cosign", {{"key", b_key}, {"passphrase", "wrong horse"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  EXPECT_EQ(r->body.find("wrong horse"), std::string::npos);
  EXPECT_EQ(r->body.find(b_key.substr(0, 40)), std::string::npos);
  r = post("/api/cosign", {{"key", b_key}, {"passphrase", "beta pass"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body.find("beta pass"), std::string::npos);
  EXPECT_EQ(r->body.find(b_key.substr(0, 40)), std::string::npos);
  s = Json::parse(r->body);
  EXPECT_EQ(s.at("signatures").at("have"), 2);
  EXPECT_EQ(s.at("signatures").at("met"), true);
  EXPECT_EQ(s.at("line"), "signatures: 2 of 2 (root version 1)");
  // The same key again is refused.
  r = post("/api/cosign", {{"key", b_key}, {"passphrase", "beta pass"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("already signed"), std::string::npos) << r->body;
  // The uploaded key was written nowhere in DIR.
  for (const auto& e : fs::recursive_directory_iterator(console->dir())) {
    if (e.is_regular_file()) {
      EXPECT_EQ(test::read_file(e.path()).find(b_key.substr(0, 40)), std::string::npos) << e.path();
    }
  }

  r = post("/api/publish", {{"as_signed", true}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  job = finish(Json::parse(r->body).at("job"));
  ASSERT_EQ(job.at("state"), "done") << job.dump();
  EXPECT_EQ(job.at("signatures"), Json({{"have", 2}, {"need", 2}}));
  for (const char* f : {"root/1.json", "root/1.sig", "manifest.sig", "manifest.json"}) {
    EXPECT_EQ(test::read_file(nginx.www() / "pub" / f), test::read_file(console->dir() / f)) << f;
  }
}

}  // namespace
}  // namespace kiosk

namespace kiosk {
namespace {

// After a rotation the console's --key (B, the new clerk's) need not be one the kiosks were
// configured with: with DIR/root/ the roots decide, and 签名并发布 with a threshold-1 root works.
TEST_F(TrustApi, SignAndPublishWithTheKeyOfANewerRoot) {
  std::vector<std::string> b_only{test::read_file(temp / "B.pub").substr(0, 44)};
  const auto two = admin::root_new(console->dir(), b_only, 1, 365, tz::Clock());
  ASSERT_TRUE(two) << two.error().what;
  for (const char* k : {"A", "C", "B"}) {
    auto key = admin::load_secret_key(temp / (std::string(k) + ".key"),
                                      [] { return Result<std::string>("beta pass"); });
    ASSERT_TRUE(key) << key.error().what;
    ASSERT_TRUE(admin::root_sign(two->file, key->secret.bytes(), "k.key"));
  }
  console::Options o;
  o.dir = console->dir().string();
  o.key = (temp / "B.key").string();
  o.to = nginx.url("pub2/");
  o.publish_user = test::Nginx::kUser;
  o.publish_password_file = nginx.password_file().string();
  test::RunningConsole second(o);
  cli = second.client();
  token = second.csrf();
  const auto r = post("/api/publish", {{"passphrase", "beta pass"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  const Json job = finish(Json::parse(r->body).at("job"));
  ASSERT_EQ(job.at("state"), "done") << job.dump();
  EXPECT_EQ(test::read_file(nginx.www() / "pub2" / "root/2.json"),
            test::read_file(console->dir() / "root/2.json"));
}

}  // namespace
}  // namespace kiosk
