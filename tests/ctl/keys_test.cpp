// kioskctl sign, run in-process on real files: it refuses a public key (by name and by content)
// and a secret key others can read, and writes a content-addressed "path" for every file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "content/parse.hpp"
#include "crypto/sha256.hpp"
#include "ctl_run.hpp"
#include "fixture_bundle.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::run_ctl;
using test::write_file;

class SignKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    prefix = (temp / "office").string();
    const auto r = run_ctl({"keygen", "--out", prefix});
    ASSERT_EQ(r.status, 0) << r.err;
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
  }
  // Nothing was signed: the refusal came before any file was written.
  void expect_unsigned() const {
    EXPECT_FALSE(fs::exists(dir / "manifest.json"));
    EXPECT_FALSE(fs::exists(dir / "manifest.sig"));
  }

  test::TempDir temp;
  std::string prefix;
  fs::path dir;
};

TEST_F(SignKeyTest, RefusesAPublicKey) {
  auto r = run_ctl({"sign", dir.string(), "--key", prefix + ".pub"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            prefix + ".pub is a public key; sign with the .key file kioskctl keygen wrote\n");
  expect_unsigned();

  // The same 32 bytes under another name, mode 0600: still a public key, not a seed.
  const std::string copied = (temp / "copied.key").string();
  write_file(copied, read_file(prefix + ".pub"));
  ASSERT_EQ(::chmod(copied.c_str(), 0600), 0);
  r = run_ctl({"sign", dir.string(), "--key", copied});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(
      r.err,
      copied +
          " holds a public key (32 bytes, as in a .pub file); sign with the .key file kioskctl "
          "keygen wrote\n");
  expect_unsigned();
}

TEST_F(SignKeyTest, RefusesASecretKeyOthersCanRead) {
  const std::string key = prefix + ".key";
  ASSERT_EQ(::chmod(key.c_str(), 0644), 0);
  auto r = run_ctl({"sign", dir.string(), "--key", key});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, key + " is readable by others (mode 0644): chmod 600 " + key + "\n");
  expect_unsigned();
  ASSERT_EQ(::chmod(key.c_str(), 0640), 0);
  r = run_ctl({"sign", dir.string(), "--key", key});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, key + " is readable by others (mode 0640): chmod 600 " + key + "\n");
  expect_unsigned();
  // Nothing of the key in either line.
  EXPECT_EQ(r.err.find(read_file(key).substr(0, 8)), std::string::npos);

  ASSERT_EQ(::chmod(key.c_str(), 0600), 0);
  r = run_ctl({"sign", dir.string(), "--key", key});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST_F(SignKeyTest, WritesAContentAddressedPathForEveryFile) {
  write_file(dir / "assets" / "logo.png", std::string(100, 'x'));
  const auto r = run_ctl({"sign", dir.string(), "--key", prefix + ".key"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto m = nlohmann::json::parse(read_file(dir / "manifest.json"));
  ASSERT_EQ(m["files"].size(), 4u) << m.dump();
  for (const auto& [name, entry] : m["files"].items()) {
    const std::string sha = crypto::sha256_hex(read_file(dir / name));
    const std::string ext = fs::path(name).extension().string();
    EXPECT_EQ(entry["path"], "objects/" + sha + ext) << name;
  }
  EXPECT_EQ(content::content_addressed_path("assets/徽标", "ab"), "objects/ab");
  EXPECT_EQ(content::content_addressed_path("assets/.hidden", "ab"), "objects/ab");
  EXPECT_EQ(content::content_addressed_path("assets/x.tar.gz", "ab"), "objects/ab.gz");
  EXPECT_EQ(content::content_addressed_path("assets/x.非ascii", "ab"), "objects/ab");
}

}  // namespace
}  // namespace kiosk
