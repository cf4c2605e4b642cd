// kioskctl cosign, root new, root sign, export and validate's signature count (TRUST.md), run
// in-process on real files with keys made by kioskctl keygen: two people sign one manifest, the
// roots are numbered and signed by old and new keys, and export writes kiosk-bundle/ whole.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/civil_date.hpp"
#include "crypto/sha256.hpp"
#include "ctl_run.hpp"
#include "fixture_bundle.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::read_file;
using test::run_ctl;
using test::write_file;

std::size_t lines_of(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += c == '\n' ? 1 : 0;
  return n;
}

class TrustCtlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* k : {"A", "B", "C", "D", "E"}) {
      const auto r = run_ctl({"keygen", "--out", key(k, "")});
      ASSERT_EQ(r.status, 0) << r.err;
    }
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
  }
  std::string key(const char* who, const char* ext) const { return (temp / who).string() + ext; }
  std::string pub(const char* who) const { return key(who, ".pub"); }
  std::string sec(const char* who) const { return key(who, ".key"); }
  // Root 1: A, B, C with threshold 2, signed by A and B.
  void make_root_1() {
    auto r = run_ctl({"root", "new", "--keys", pub("A"), pub("B"), pub("C"), "--threshold", "2",
                      "--out", dir.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    for (const char* k : {"A", "B"}) {
      r = run_ctl({"root", "sign", (dir / "root/1.json").string(), "--key", sec(k)});
      ASSERT_EQ(r.status, 0) << r.err;
    }
  }

  test::TempDir temp;
  fs::path dir;
};

TEST_F(TrustCtlTest, TwoPeopleSignOneManifest) {
  make_root_1();
  auto r = run_ctl({"sign", dir.string(), "--key", sec("A")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines_of(read_file(dir / "manifest.sig")), 1u);
  const std::string manifest = read_file(dir / "manifest.json");

  // One of two: validate says what is missing.
  r = run_ctl({"validate", dir.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("manifest.sig: signatures: 1 of 2: needs one more signature by a key of "
                       "root version 1\n"),
            std::string::npos)
      << r.err;

  r = run_ctl({"cosign", dir.string(), "--key", sec("B")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("signatures: 2 of 2 (root version 1)"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(dir / "manifest.json"), manifest);  // never changed by a co-signature
  EXPECT_EQ(lines_of(read_file(dir / "manifest.sig")), 2u);

  r = run_ctl({"validate", dir.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(", signatures: 2 of 2 (root version 1)\n"), std::string::npos) << r.out;
}

TEST_F(TrustCtlTest, CosignRefusesTheSameKeyAKeyOutsideTheRootAndAChangedBundle) {
  make_root_1();
  ASSERT_EQ(run_ctl({"sign", dir.string(), "--key", sec("A")}).status, 0);
  const std::string sig = read_file(dir / "manifest.sig");

  auto r = run_ctl({"cosign", dir.string(), "--key", sec("A")});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("manifest.sig: already signed by " + sec("A"), 0), 0u) << r.err;

  r = run_ctl({"cosign", dir.string(), "--key", sec("D")});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("is not one of the keys of root version 1 (root/1.json), so its signature "
                       "would not count; nothing written"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(dir / "manifest.sig"), sig);

  // Edited after signing: the co-signer would vouch for something else.
  write_file(dir / "hotlines.json", read_file(dir / "hotlines.json") + " ");
  r = run_ctl({"cosign", dir.string(), "--key", sec("B")});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("hotlines.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("sign it again if it changed"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "manifest.sig"), sig);

  // A key never appears in any of these lines.
  EXPECT_EQ(r.err.find(read_file(sec("B")).substr(0, 12)), std::string::npos);
}

TEST_F(TrustCtlTest, WithoutRootsASecondLineStillVerifiesUnderTheConfiguredKey) {
  ASSERT_EQ(run_ctl({"sign", dir.string(), "--key", sec("A")}).status, 0);
  auto r = run_ctl({"cosign", dir.string(), "--key", sec("B")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines_of(read_file(dir / "manifest.sig")), 2u);
  // A kiosk configured with A alone (threshold 1) accepts the two-line file.
  r = run_ctl({"validate", dir.string(), "--key", pub("A")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(", signature verified"), std::string::npos) << r.out;
  r = run_ctl({"validate", dir.string(), "--key", pub("C")});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "manifest.sig: signature does not verify with any trusted key\n");
}

TEST_F(TrustCtlTest, RootNewNumbersTheVersionsAndWritesTheExpiryWithTheOfficeOffset) {
  auto r = run_ctl(
      {"root", "new", "--keys", pub("A"), pub("B"), "--threshold", "2", "--out", dir.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("root version 1, 2 keys, threshold 2"), std::string::npos) << r.out;
  const json one = json::parse(read_file(dir / "root/1.json"));
  EXPECT_EQ(one["schema"], 1);
  EXPECT_EQ(one["version"], 1);
  EXPECT_EQ(one["threshold"], 2);
  EXPECT_EQ(one["keys"],
            json({read_file(pub("A")).substr(0, 44), read_file(pub("B")).substr(0, 44)}));
  const std::string expires = one["expires_at"];
  ASSERT_EQ(expires.size(), 25u) << expires;
  EXPECT_EQ(expires.substr(19), "+08:00");  // Asia/Shanghai, the default office zone
  const auto at = parse_rfc3339(expires);
  ASSERT_TRUE(at);
  const long long days = (*at - static_cast<long long>(std::time(nullptr))) / 86400;
  EXPECT_TRUE(days == 364 || days == 365) << days;

  r = run_ctl({"root", "new", "--keys", pub("C"), "--threshold", "1", "--out", dir.string(),
               "--expires-in", "30"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json two = json::parse(read_file(dir / "root/2.json"));
  EXPECT_EQ(two["version"], 2);
  EXPECT_NE(r.out.find("and by 1.json's threshold of root version 1's keys"), std::string::npos)
      << r.out;

  r = run_ctl(
      {"root", "new", "--keys", pub("A"), pub("B"), "--threshold", "3", "--out", dir.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "kioskctl root new: --threshold: expected 1 to 2 (the number of keys), found 3\n");
  r = run_ctl(
      {"root", "new", "--keys", pub("A"), pub("A"), "--threshold", "1", "--out", dir.string()});
  EXPECT_EQ(r.status, 1);
  r = run_ctl({"root", "new", "--keys", sec("A"), "--threshold", "1", "--out", dir.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_FALSE(fs::exists(dir / "root/3.json"));
}

TEST_F(TrustCtlTest, RootNPlusOneNeedsTheOldThresholdAndItsOwn) {
  make_root_1();
  ASSERT_EQ(run_ctl({"root", "new", "--keys", pub("C"), pub("D"), "--threshold", "2", "--out",
                     dir.string()})
                .status,
            0);
  const std::string two = (dir / "root/2.json").string();
  // E is in neither root: refused, nothing written.
  auto r = run_ctl({"root", "sign", two, "--key", sec("E")});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("is neither one of root version 2's keys nor of root version 1's"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir / "root/2.sig"));

  // Signed by the new keys only: the chain does not hold, and validate says where.
  for (const char* k : {"C", "D"}) {
    r = run_ctl({"root", "sign", two, "--key", sec(k)});
    ASSERT_EQ(r.status, 0) << r.err;
  }
  EXPECT_NE(r.out.find("2 of 2 of root version 2's own keys, 1 of 2 of root version 1's keys: "
                       "needs more signatures"),
            std::string::npos)
      << r.out;
  ASSERT_EQ(run_ctl({"sign", dir.string(), "--key", sec("C")}).status, 0);
  ASSERT_EQ(run_ctl({"cosign", dir.string(), "--key", sec("D")}).status, 0);
  r = run_ctl({"validate", dir.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("root/2.sig: not signed by the trusted root: signed by 1 of the 2 required "
                       "keys (root version 1)"),
            std::string::npos)
      << r.err;

  // A (of root 1) signs too: complete, and the manifest of C and D meets root 2.
  r = run_ctl({"root", "sign", two, "--key", sec("A")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("2 of 2 of root version 1's keys: complete"), std::string::npos) << r.out;
  r = run_ctl({"validate", dir.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(", signatures: 2 of 2 (root version 2)"), std::string::npos) << r.out;
  // A revoked key (A is not in root 2) cannot sign content any more.
  r = run_ctl({"sign", dir.string(), "--key", sec("A")});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("expected a key of root version 2 (root/2.json)"), std::string::npos)
      << r.err;
}

TEST_F(TrustCtlTest, ExportWritesTheSignedBundleWhole) {
  make_root_1();
  const fs::path stick = temp / "stick";
  fs::create_directories(stick);
  // Unsigned: refused, nothing written.
  auto r = run_ctl({"export", dir.string(), "--to", stick.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "manifest.json: expected the file (kioskctl sign writes it), found none\n");
  EXPECT_TRUE(fs::is_empty(stick));
  // Below the threshold: refused, nothing written.
  ASSERT_EQ(run_ctl({"sign", dir.string(), "--key", sec("A")}).status, 0);
  r = run_ctl({"export", dir.string(), "--to", stick.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("manifest.sig: signed by 1 of the 2 required keys (root version 1)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(fs::is_empty(stick));

  ASSERT_EQ(run_ctl({"cosign", dir.string(), "--key", sec("B")}).status, 0);
  r = run_ctl({"export", dir.string(), "--to", stick.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("exported version 1 to " + (stick / "kiosk-bundle").string()),
            std::string::npos)
      << r.out;
  const fs::path out = stick / "kiosk-bundle";
  EXPECT_EQ(read_file(out / "manifest.json"), read_file(dir / "manifest.json"));
  EXPECT_EQ(read_file(out / "manifest.sig"), read_file(dir / "manifest.sig"));
  EXPECT_EQ(read_file(out / "root/1.json"), read_file(dir / "root/1.json"));
  EXPECT_EQ(read_file(out / "root/1.sig"), read_file(dir / "root/1.sig"));
  // Each file at its manifest path, objects/<sha256>.json, and nothing else.
  const json m = json::parse(read_file(dir / "manifest.json"));
  std::size_t objects = 0;
  for (const auto& [name, entry] : m["files"].items()) {
    const std::string path = entry["path"];
    EXPECT_EQ(path.rfind("objects/" + crypto::sha256_hex(read_file(dir / name)), 0), 0u) << path;
    EXPECT_EQ(read_file(out / path), read_file(dir / name)) << name;
    ++objects;
  }
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(stick))
    files += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, objects + 4);  // + manifest.json, manifest.sig, root/1.json, root/1.sig

  // Again over the earlier export (a new version): replaced whole, no temporary folder left.
  ASSERT_EQ(run_ctl({"sign", dir.string(), "--key", sec("A")}).status, 0);
  ASSERT_EQ(run_ctl({"cosign", dir.string(), "--key", sec("C")}).status, 0);
  r = run_ctl({"export", dir.string(), "--to", stick.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(read_file(out / "manifest.json"))["version"], 2);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(stick)) ++entries;
  EXPECT_EQ(entries, 1u);

  r = run_ctl({"export", dir.string(), "--to", (temp / "no-such-stick").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("expected an existing directory"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kiosk

namespace kiosk {
namespace {

// validate --config reads the kiosks' first root: content.threshold of trusted_keys (here 2 of A,
// B), or content.root_file, from which DIR's roots must follow.
TEST_F(TrustCtlTest, ValidateWithAConfigCountsItsThresholdAndStartsTheChainAtItsRoot) {
  const auto key_of = [this](const char* who) { return read_file(pub(who)).substr(0, 44); };
  const fs::path config = temp / "kiosk.json";
  write_file(config, R"({"content": {"trusted_keys": [")" + key_of("A") + R"(", ")" + key_of("B") +
                         R"("], "threshold": 2}})");
  ASSERT_EQ(run_ctl({"sign", dir.string(), "--key", sec("A")}).status, 0);
  auto r = run_ctl({"validate", dir.string(), "--config", config.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("manifest.sig: signed by 1 of the 2 required keys (root version 0)"),
            std::string::npos)
      << r.err;
  ASSERT_EQ(run_ctl({"cosign", dir.string(), "--key", sec("B")}).status, 0);
  r = run_ctl({"validate", dir.string(), "--config", config.string()});
  EXPECT_EQ(r.status, 0) << r.err;

  // Root 1 (C, D; 2 of them) signed by C and D and by A alone: the kiosks need A and B.
  ASSERT_EQ(run_ctl({"root", "new", "--keys", pub("C"), pub("D"), "--threshold", "2", "--out",
                     dir.string()})
                .status,
            0);
  for (const char* k : {"C", "D", "A"})
    ASSERT_EQ(run_ctl({"root", "sign", (dir / "root/1.json").string(), "--key", sec(k)}).status, 0);
  ASSERT_EQ(run_ctl({"sign", dir.string(), "--key", sec("C")}).status, 0);
  ASSERT_EQ(run_ctl({"cosign", dir.string(), "--key", sec("D")}).status, 0);
  r = run_ctl({"validate", dir.string(), "--config", config.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("root/1.sig: not signed by the trusted root: signed by 1 of the 2 required "
                       "keys (root version 0) (the kiosks' configured keys"),
            std::string::npos)
      << r.err;
  ASSERT_EQ(run_ctl({"root", "sign", (dir / "root/1.json").string(), "--key", sec("B")}).status, 0);
  r = run_ctl({"validate", dir.string(), "--config", config.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(", signatures: 2 of 2 (root version 1)"), std::string::npos) << r.out;

  // A kiosk installed with root 1 as its content.root_file: the chain starts above it.
  write_file(config, R"({"content": {"root_file": ")" + (dir / "root/1.json").string() + R"("}})");
  r = run_ctl({"validate", dir.string(), "--config", config.string()});
  EXPECT_EQ(r.status, 0) << r.err;
}

}  // namespace
}  // namespace kiosk
