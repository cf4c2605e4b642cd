// trust_tests: parse_root/serialize_root, .sig parsing and adding, counting distinct keys,
// thresholds and the root chain step (kiosk/trust/root.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/signature.hpp"
#include "trust/root.hpp"

namespace kiosk::trust {
namespace {

struct Key {
  crypto::KeyPair pair = crypto::generate_keypair();
  [[nodiscard]] std::string pub() const { return crypto::base64_encode(pair.public_key); }
  [[nodiscard]] std::string sign(std::string_view doc) const {
    return crypto::sign_detached(doc, pair.secret_key);
  }
};

Root make_root(long long version, const std::vector<const Key*>& keys, int threshold) {
  Root r;
  r.version = version;
  for (const Key* k : keys) r.keys.push_back(k->pub());
  r.threshold = threshold;
  return r;
}

std::string sig_of(std::string_view doc, const std::vector<const Key*>& keys) {
  std::string text;
  for (const Key* k : keys) text = add_signature(text, k->sign(doc));
  return text;
}

TEST(Root, RoundTripsThroughSerialize) {
  const Key a, b, c;
  Root r = make_root(3, {&a, &b, &c}, 2);
  r.expires_at = "2027-12-01T00:00:00+08:00";
  r.expires_at_unix = 1827590400;
  const std::string text = serialize_root(r);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find("{\n  \"schema\": 1,\n  \"version\": 3,\n  \"expires_at\""), 0u) << text;
  auto parsed = parse_root(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().what;
  EXPECT_EQ(*parsed, r);
}

TEST(Root, WithoutExpiresAtNeverExpires) {
  const Key a;
  auto parsed =
      parse_root(R"({"schema":1,"version":1,"keys":[")" + a.pub() + R"("],"threshold":1})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().what;
  EXPECT_EQ(parsed->expires_at_unix, 0);
}

TEST(Root, StrictOneLineErrors) {
  const Key a, b;
  const std::string ka = '"' + a.pub() + '"', kb = '"' + b.pub() + '"';
  const auto error = [](const std::string& text) {
    auto r = parse_root(text);
    return r.ok() ? std::string("(accepted)") : r.error().what;
  };
  EXPECT_EQ(error(R"({"schema":1,"version":1,"keys":[)" + ka + R"(,"abc"],"threshold":1})"),
            "keys[1]: expected the base64 of a 32-byte Ed25519 public key, found \"abc\"");
  EXPECT_EQ(error(R"({"schema":1,"version":1,"keys":[)" + ka + "," + ka + R"(],"threshold":1})"),
            "keys[1]: expected distinct keys, found the key of keys[0] again");
  EXPECT_EQ(error(R"({"schema":1,"version":1,"keys":[)" + ka + "," + kb + R"(],"threshold":3})"),
            "threshold: expected an integer from 1 to 2 (the number of keys), found 3");
  EXPECT_EQ(error(R"({"schema":1,"version":1,"keys":[)" + ka + R"(],"threshold":0})"),
            "threshold: expected an integer from 1 to 1 (the number of keys), found 0");
  EXPECT_NE(error(R"({"schema":1,"version":0,"keys":[)" + ka + R"(],"threshold":1})")
                .find("version: expected"),
            std::string::npos);
  EXPECT_NE(error(R"({"schema":2,"version":1,"keys":[)" + ka + R"(],"threshold":1})")
                .find("schema: expected"),
            std::string::npos);
  EXPECT_NE(error(R"({"schema":1,"version":1,"keys":[],"threshold":1})").find("keys: expected"),
            std::string::npos);
  EXPECT_NE(
      error(R"({"schema":1,"version":1,"keys":[)" + ka + R"(],"threshold":1,"x":1})").find("x"),
      std::string::npos);
  EXPECT_NE(error(R"({"schema":1,"version":1,"expires_at":"tomorrow","keys":[)" + ka +
                  R"(],"threshold":1})")
                .find("expires_at: expected an RFC 3339 time"),
            std::string::npos);
  EXPECT_NE(error("[1,2"), "(accepted)");
  EXPECT_EQ(error(std::string(kMaxRootBytes + 1, ' ')),
            "expected at most 65536 bytes, found 65537");
  // Every error is one line.
  EXPECT_EQ(error("{\n\"schema\":1,\n}").find('\n'), std::string::npos);
}

TEST(Signatures, MultiLineWithBlankLinesAndNoDuplicateLine) {
  const Key a, b;
  const std::string doc = "the document";
  std::string text = add_signature("", a.sign(doc));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
  EXPECT_EQ(add_signature(text, a.sign(doc)), text);  // the same signature is not added twice
  text = add_signature(text, b.sign(doc));
  auto sigs = parse_signatures("\n" + text + "\r\n\n");
  ASSERT_TRUE(sigs.ok()) << sigs.error().what;
  EXPECT_EQ(sigs->size(), 2u);
  // A file without a final newline gets one before the added line.
  const std::string no_newline = crypto::base64_encode(a.sign(doc));
  EXPECT_EQ(add_signature(no_newline, b.sign(doc)),
            no_newline + "\n" + crypto::base64_encode(b.sign(doc)) + "\n");
}

TEST(Signatures, BoundedAndNamedByLine) {
  const Key a;
  const std::string line = crypto::base64_encode(a.sign("x"));
  auto bad = parse_signatures(line + "\n\nnot base64\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().what,
            "line 3: expected base64 of a 64-byte Ed25519 signature, found \"not base64\"");
  EXPECT_EQ(parse_signatures("c2hvcnQ=").error().what,
            "expected one line of base64 of a 64-byte Ed25519 signature, found \"c2hvcnQ=\"");
  std::string many;
  for (std::size_t i = 0; i < kMaxSignatureLines + 1; ++i) many += line + "\n";
  ASSERT_LE(many.size(), kMaxSignatureBytes);
  EXPECT_EQ(parse_signatures(many).error().what, "expected at most 32 signature lines, found 33");
  EXPECT_EQ(parse_signatures(std::string(kMaxSignatureBytes + 1, '\n')).error().what,
            "expected at most 4096 bytes, found 4097");
  EXPECT_FALSE(parse_signatures("\n \n").ok());
}

TEST(Threshold, DistinctKeysCountOnce) {
  const Key a, b, c, outsider;
  const Root root = make_root(2, {&a, &b, &c}, 2);
  const std::string doc = "manifest bytes";
  // a's signature twice (two different signing runs give the same Ed25519 signature; a second
  // line with the same bytes is refused by add_signature, so write it by hand).
  const std::string a_line = crypto::base64_encode(a.sign(doc));
  const std::string twice = a_line + "\n" + a_line + "\n";
  Tally t = count_signatures(doc, twice, root);
  EXPECT_EQ(t.valid, 1);
  EXPECT_EQ(t.required, 2);
  EXPECT_EQ(check_threshold(doc, twice, root).error().what,
            "signed by 1 of the 2 required keys (root version 2)");
  // A key outside the root counts nothing.
  EXPECT_EQ(count_signatures(doc, sig_of(doc, {&a, &outsider}), root).valid, 1);
  // A signature over other bytes counts nothing.
  EXPECT_EQ(count_signatures(doc, sig_of("other", {&a, &b}), root).valid, 0);
  t = count_signatures(doc, sig_of(doc, {&c, &a}), root);
  EXPECT_EQ(t.valid, 2);
  EXPECT_EQ(t.signers, (std::vector<std::string>{a.pub(), c.pub()}));
  EXPECT_TRUE(check_threshold(doc, sig_of(doc, {&c, &a}), root).ok());
  EXPECT_TRUE(check_threshold(doc, sig_of(doc, {&a, &b, &c}), root).ok());
  // A key listed twice in a root (only a hand-built one; parse_root refuses it) counts once.
  Root doubled = make_root(1, {&a, &a}, 2);
  EXPECT_FALSE(check_threshold(doc, sig_of(doc, {&a}), doubled).ok());
}

TEST(Threshold, TodaysConfigurationSaysWhatItSaidBefore) {
  const Key a, b;
  const std::string doc = "manifest";
  const Root config = root_from_config({a.pub()}, 1);
  EXPECT_EQ(config.version, 0);
  EXPECT_EQ(config.expires_at_unix, 0);
  EXPECT_TRUE(check_threshold(doc, crypto::base64_encode(a.sign(doc)) + "\n", config).ok());
  EXPECT_EQ(check_threshold(doc, crypto::base64_encode(b.sign(doc)), config).error().what,
            "signature does not verify with any trusted key");
  EXPECT_EQ(check_threshold(doc, crypto::base64_encode(b.sign(doc)), root_from_config({}, 1))
                .error()
                .what,
            "no trusted keys configured (content.trusted_keys)");
  // content.threshold 2 with two keys: the new wording.
  EXPECT_EQ(
      check_threshold(doc, sig_of(doc, {&a}), root_from_config({a.pub(), b.pub()}, 2)).error().what,
      "signed by 1 of the 2 required keys (root version 0)");
}

TEST(Chain, NextRootSignedByOldAndNew) {
  const Key a, b, c, d;
  const Root one = make_root(1, {&a}, 1);
  Root two = make_root(2, {&b, &c, &d}, 2);
  const std::string json = serialize_root(two);
  // Old and new: a + two of b, c, d.
  auto ok = verify_next_root(one, json, sig_of(json, {&a, &b, &c}));
  ASSERT_TRUE(ok.ok()) << ok.error().what;
  EXPECT_EQ(*ok, two);
  // Only the new keys.
  EXPECT_EQ(verify_next_root(one, json, sig_of(json, {&b, &c, &d})).error().what,
            "not signed by the trusted root: signed by 0 of the 1 required keys (root version 1)");
  // Old key and only one new one.
  EXPECT_EQ(verify_next_root(one, json, sig_of(json, {&a, &b})).error().what,
            "not signed by its own keys: signed by 1 of the 2 required keys (root version 2)");
  // Skipped and repeated versions.
  two.version = 3;
  const std::string skipped = serialize_root(two);
  EXPECT_EQ(verify_next_root(one, skipped, sig_of(skipped, {&a, &b, &c})).error().what,
            "expected version 2 (one above the trusted root 1), found 3");
  const std::string repeated = serialize_root(make_root(1, {&a}, 1));
  EXPECT_EQ(verify_next_root(one, repeated, sig_of(repeated, {&a})).error().what,
            "expected version 2 (one above the trusted root 1), found 1");
  // From the configuration's root (version 0) to root 1.
  const std::string first = serialize_root(make_root(1, {&a}, 1));
  EXPECT_TRUE(verify_next_root(root_from_config({a.pub()}, 1), first, sig_of(first, {&a})).ok());
}

}  // namespace
}  // namespace kiosk::trust
