// Publishing with roots (TRUST.md) against a real loopback nginx: a bundle below its root's
// threshold is refused with nothing uploaded, and a co-signed one goes up with root/ (each N.sig
// before its N.json) before any content object and the manifest, byte for byte.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "admin/keys.hpp"
#include "admin/publish.hpp"
#include "admin/trust_tools.hpp"
#include "ctl_run.hpp"
#include "fixture_bundle.hpp"
#include "nginx_fixture.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

class TrustPublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(nginx.ok()) << nginx.error();
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
    for (const char* k : {"A", "B", "C"}) {
      const auto made = admin::keygen((temp / k).string(), false);
      ASSERT_TRUE(made) << made.error().what;
      keys.push_back(made->public_key);
      auto loaded = admin::load_secret_key(temp / (std::string(k) + ".key"), {});
      ASSERT_TRUE(loaded) << loaded.error().what;
      secrets.emplace_back(loaded->secret.bytes());
    }
    // Root 1: A, B, C, threshold 2, signed by A and B; root 2: B, C, threshold 2, signed by B, C.
    auto one = admin::root_new(dir, keys, 2, 365, tz::Clock());
    ASSERT_TRUE(one) << one.error().what;
    for (int i : {0, 1}) ASSERT_TRUE(admin::root_sign(one->file, secrets[i], "k.key"));
    auto two = admin::root_new(dir, {keys[1], keys[2]}, 2, 365, tz::Clock());
    ASSERT_TRUE(two) << two.error().what;
    for (int i : {1, 2}) ASSERT_TRUE(admin::root_sign(two->file, secrets[i], "k.key"));
    admin::Destination d;
    d.to = nginx.url("pub/");
    d.user = test::Nginx::kUser;
    d.password_file = nginx.password_file();
    auto resolved = admin::resolve_target(d, {});
    ASSERT_TRUE(std::holds_alternative<admin::PublishTargetPtr>(resolved));
    target = std::move(std::get<admin::PublishTargetPtr>(resolved));
  }
  void sign(int who) {
    Problems problems;
    admin::SignOptions options;
    options.key_name = "k.key";
    ASSERT_TRUE(admin::sign(dir, secrets[static_cast<std::size_t>(who)], options, problems))
        << first_problem_line(problems);
  }

  test::TempDir temp;
  test::Nginx nginx;
  fs::path dir;
  std::vector<std::string> keys, secrets;
  admin::PublishTargetPtr target;
};

TEST_F(TrustPublishTest, ABundleBelowItsRootsThresholdIsRefused) {
  sign(1);  // B alone; root 2 needs two of B and C
  Problems problems;
  EXPECT_EQ(admin::read_signed_bundle(dir, {}, problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line(),
            "manifest.sig: signed by 1 of the 2 required keys (root version 2): kioskctl cosign " +
                dir.string() + " --key … adds a signature by another key of root version 2");
  // The command line says the same and uploads nothing.
  const auto r =
      test::run_ctl({"publish", dir.string(), "--to", nginx.url("pub/"), "--user",
                     test::Nginx::kUser, "--password-file", nginx.password_file().string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, problems[0].line() + "\n");
  EXPECT_FALSE(fs::exists(nginx.www() / "pub"));
}

TEST_F(TrustPublishTest, RootsGoUpFirstThenTheContentThenTheManifest) {
  sign(1);
  const auto co = admin::cosign(dir, secrets[2], "C.key", {});
  ASSERT_TRUE(co) << co.error().what;
  EXPECT_EQ(co->status.line(), "signatures: 2 of 2 (root version 2)");
  Problems problems;
  const auto bundle = admin::read_signed_bundle(dir, {}, problems);
  ASSERT_NE(bundle, nullptr) << first_problem_line(problems);
  std::vector<std::pair<std::size_t, std::size_t>> progress;
  admin::PublishControl control;
  control.record_history = false;
  control.progress = [&](std::size_t done, std::size_t total) {
    progress.emplace_back(done, total);
  };
  const auto report = admin::publish(*bundle, *target, control);
  ASSERT_TRUE(report) << report.error().what;
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back().second,
            4u + 3u + 1u + 2u);  // 2 roots × 2, 3 files, sig copy, sig+manifest

  const fs::path pub = nginx.www() / "pub";
  for (const char* f :
       {"root/1.json", "root/1.sig", "root/2.json", "root/2.sig", "manifest.sig", "manifest.json"})
    EXPECT_EQ(test::read_file(pub / f), test::read_file(dir / f)) << f;

  // The order of the PUTs as nginx logged them.
  const std::string log = nginx.access_log_with("PUT /pub/manifest.json");
  const auto at = [&log](const std::string& what) {
    const auto p = log.find("PUT /pub/" + what);
    EXPECT_NE(p, std::string::npos) << what << " not in " << log;
    return p;
  };
  EXPECT_LT(at("root/1.sig"), at("root/1.json"));
  EXPECT_LT(at("root/1.json"), at("root/2.sig"));
  EXPECT_LT(at("root/2.sig"), at("root/2.json"));
  EXPECT_LT(at("root/2.json"), at("objects/"));
  EXPECT_LT(at("objects/"), at("manifest.sig"));
  EXPECT_LT(at("manifest.sig"), at("manifest.json"));
}

}  // namespace
}  // namespace kiosk
