// Keys at rest: `kioskctl keygen --passphrase-file` seals the secret key, `sign --passphrase-file`
// opens it, a wrong passphrase is one line and exit 1, and no passphrase ever shows in output.
#include "admin/keys.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crypto/key_file.hpp"
#include "crypto/signature.hpp"
#include "ctl_run.hpp"
#include "fixture_bundle.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using test::run_ctl;

constexpr const char* kPassphrase = "居委会 correct horse 2026";

class SealedKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    prefix = (temp / "office").string();
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
    passphrase_file = temp.write("passphrase", std::string(kPassphrase) + "\n").string();
  }
  test::TempDir temp;
  std::string prefix, passphrase_file;
  fs::path dir;
};

TEST_F(SealedKeyTest, KeygenSealsAndSignOpensWithThePassphraseFile) {
  auto r = run_ctl({"keygen", "--out", prefix, "--passphrase-file", passphrase_file});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("sealed with the passphrase"), std::string::npos) << r.out;
  const std::string key_text = test::read_file(prefix + ".key");
  EXPECT_EQ(key_text.rfind("kiosk-sealed-key-v1 argon2id13 ", 0), 0u);
  EXPECT_TRUE(admin::is_encrypted(prefix + ".key"));
  EXPECT_EQ(key_text.find(kPassphrase), std::string::npos);
  EXPECT_EQ((fs::status(prefix + ".key").permissions() & fs::perms::all),
            fs::perms::owner_read | fs::perms::owner_write);

  r = run_ctl(
      {"sign", dir.string(), "--key", prefix + ".key", "--passphrase-file", passphrase_file});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("signed " + dir.string() + ": version 1, 3 files", 0), 0u) << r.out;
  const std::string pub = test::read_file(prefix + ".pub");
  EXPECT_TRUE(crypto::check_signature(test::read_file(dir / "manifest.json"),
                                      test::read_file(dir / "manifest.sig"),
                                      {pub.substr(0, pub.find('\n'))}));
  EXPECT_EQ(r.out.find(kPassphrase), std::string::npos);
}

TEST_F(SealedKeyTest, AWrongPassphraseIsOneLineAndSignsNothing) {
  ASSERT_EQ(run_ctl({"keygen", "--out", prefix, "--passphrase-file", passphrase_file}).status, 0);
  const std::string wrong = "not the passphrase 12345";
  const auto wrong_file = temp.write("wrong", wrong + "\n").string();
  const auto r =
      run_ctl({"sign", dir.string(), "--key", prefix + ".key", "--passphrase-file", wrong_file});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, prefix + ".key: " + std::string(crypto::kWrongPassphrase) + "\n");
  EXPECT_EQ(r.err.find(wrong), std::string::npos);
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(dir / "manifest.json"));
  EXPECT_FALSE(fs::exists(dir / "manifest.sig"));
}

TEST_F(SealedKeyTest, APassphraseIsNeverTakenFromTheCommandLine) {
  ASSERT_EQ(run_ctl({"keygen", "--out", prefix, "--passphrase-file", passphrase_file}).status, 0);
  const auto r =
      run_ctl({"sign", dir.string(), "--key", prefix + ".key", "--passphrase", "hunter2"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.find("hunter2"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "manifest.json"));
}

TEST_F(SealedKeyTest, AnEmptyPassphraseFileIsRefusedAndNoKeyWritten) {
  const auto empty = temp.write("empty", "\n").string();
  const auto r = run_ctl({"keygen", "--out", prefix, "--passphrase-file", empty});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, empty + ": expected the passphrase on the first line, found an empty line\n");
  EXPECT_FALSE(fs::exists(prefix + ".key"));
  EXPECT_FALSE(fs::exists(prefix + ".pub"));
}

TEST_F(SealedKeyTest, LoadAsksForThePassphraseOnlyWhenTheKeyIsSealed) {
  ASSERT_TRUE(admin::keygen(prefix + "-plain", false));
  int asked = 0;
  const admin::PassphraseSource ask = [&]() -> Result<std::string> {
    ++asked;
    return std::string(kPassphrase);
  };
  auto plain = admin::load_secret_key(prefix + "-plain.key", ask);
  ASSERT_TRUE(plain) << plain.error().what;
  EXPECT_FALSE(plain->sealed);
  EXPECT_FALSE(admin::is_encrypted(prefix + "-plain.key"));
  EXPECT_EQ(asked, 0);

  const auto made = admin::keygen(prefix, false, std::string_view(kPassphrase));
  ASSERT_TRUE(made) << made.error().what;
  auto sealed = admin::load_secret_key(prefix + ".key", ask);
  ASSERT_TRUE(sealed) << sealed.error().what;
  EXPECT_TRUE(sealed->sealed);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(sealed->public_key, made->public_key);
  EXPECT_EQ(sealed->secret.bytes().size(), 64u);

  const auto unasked = admin::load_secret_key(prefix + ".key", {});
  ASSERT_FALSE(unasked);
  EXPECT_EQ(unasked.error().what,
            prefix + ".key: sealed with a passphrase; expected the passphrase, found none");
}

}  // namespace
}  // namespace kiosk
