// Ed25519 and base64 helpers, and the cache's refusal of names and links that leave it.
#include <gtest/gtest.h>

#include "bundles.hpp"
#include "crypto/signature.hpp"
#include "nginx_fixture.hpp"
#include "sync/cache.hpp"

namespace kiosk::test {
namespace {

TEST(Base64, RoundTripAndStrictness) {
  const std::string bytes("\x00\xff\x10 kiosk 公示", 15);
  const auto text = crypto::base64_encode(bytes);
  EXPECT_EQ(crypto::base64_decode(text), bytes);
  EXPECT_EQ(crypto::base64_decode(text + "\n"), bytes);
  EXPECT_EQ(crypto::base64_decode("aGVsbG8="), "hello");
  EXPECT_FALSE(crypto::base64_decode("aGVsbG8"));    // padding is required
  EXPECT_FALSE(crypto::base64_decode("aGVs bG8="));  // no inner spaces
  EXPECT_FALSE(crypto::base64_decode("aGVsbG8=x"));
  EXPECT_FALSE(crypto::base64_decode("a-_b"));  // not the URL-safe alphabet
}

TEST(Signature, VerifiesOnlyTheExactBytesUnderATrustedKey) {
  const auto key = make_key();
  const auto other = make_key();
  const std::string manifest = "{\"schema\": 1}\n";
  const auto sig = crypto::base64_encode(crypto::sign_detached(manifest, key.secret)) + "\n";
  // The reason a signature is refused, "" when it verifies.
  const auto why = [](const Result<void>& r) { return r ? std::string() : r.error().what; };
  EXPECT_EQ(why(crypto::check_signature(manifest, sig, {key.public_b64})), "");
  EXPECT_EQ(why(crypto::check_signature(manifest, sig, {other.public_b64, key.public_b64})), "");
  EXPECT_EQ(why(crypto::check_signature(manifest + " ", sig, {key.public_b64})),
            "signature does not verify with any trusted key");
  EXPECT_EQ(why(crypto::check_signature(manifest, sig, {other.public_b64})),
            "signature does not verify with any trusted key");
  EXPECT_EQ(why(crypto::check_signature(manifest, sig, {})),
            "no trusted keys configured (content.trusted_keys)");
  EXPECT_EQ(why(crypto::check_signature(manifest, sig + sig, {key.public_b64}))
                .rfind("expected one line of base64", 0),
            0u);
  EXPECT_EQ(why(crypto::check_signature(manifest, "c2hvcnQ=", {key.public_b64})),
            "expected one line of base64 of a 64-byte Ed25519 signature, found \"c2hvcnQ=\"");
}

TEST(Signature, SecretKeyFileTakesTheKeyOrItsSeed) {
  const auto key = make_key();
  EXPECT_EQ(crypto::secret_key_from_text(crypto::base64_encode(key.secret) + "\n").value_or(""),
            key.secret);
  const auto from_seed =
      crypto::secret_key_from_text(crypto::base64_encode(key.secret.substr(0, 32)));
  ASSERT_TRUE(from_seed);
  EXPECT_EQ(*from_seed, key.secret);
  EXPECT_EQ(crypto::base64_encode(crypto::public_key_of(*from_seed)), key.public_b64);
  const auto refused = crypto::secret_key_from_text("c2hvcnQ=");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().what,
            "expected the base64 of a 64-byte Ed25519 secret key or a 32-byte seed");
}

// The one signature policy the round and start-up apply (sync::signature_step).
TEST(SignaturePolicy, OneRuleDecidesWhatVerifies) {
  using sync::SignatureStep;
  sync::Trust strict;
  strict.trusted_keys = {make_key().public_b64};
  EXPECT_EQ(sync::signature_step(strict, true), SignatureStep::Verify);
  EXPECT_EQ(sync::signature_step(strict, false), SignatureStep::Refuse);
  sync::Trust dev_with_keys = strict;
  dev_with_keys.allow_unsigned = true;  // unsigned accepted; a signature present is still checked
  EXPECT_EQ(sync::signature_step(dev_with_keys, true), SignatureStep::Verify);
  EXPECT_EQ(sync::signature_step(dev_with_keys, false), SignatureStep::Accept);
  sync::Trust dev_no_keys;
  dev_no_keys.allow_unsigned = true;  // nothing to verify with
  EXPECT_EQ(sync::signature_step(dev_no_keys, true), SignatureStep::Accept);
  EXPECT_EQ(sync::signature_step(dev_no_keys, false), SignatureStep::Accept);
  const sync::Trust no_keys;  // refuses either way: a signature cannot verify without keys
  EXPECT_EQ(sync::signature_step(no_keys, false), SignatureStep::Refuse);
  EXPECT_EQ(sync::signature_step(no_keys, true), SignatureStep::Verify);
  EXPECT_EQ(sync::unsigned_refused("HTTP 404"),
            "expected a signature, found HTTP 404 (unsigned bundles are refused unless "
            "content.allow_unsigned is true)");
}

TEST(Cache, RefusesNamesAndLinksThatLeaveIt) {
  TempDir temp;
  const sync::Cache cache(temp / "cache");
  ASSERT_TRUE(cache.ensure_exists().ok());
  sync::Files files{{"../escape.json", "{}"}};
  EXPECT_EQ(cache.install(files, 1).error().what,
            "cache: refusing unsafe file name \"../escape.json\"");
  EXPECT_FALSE(std::filesystem::exists(temp / "escape.json"));
  std::filesystem::create_directory_symlink("/etc", temp / "cache" / "current");
  EXPECT_FALSE(cache.current());
  std::filesystem::remove(temp / "cache" / "current");
  std::filesystem::create_directory_symlink("bundles/../../", temp / "cache" / "current");
  EXPECT_FALSE(cache.current());
}

TEST(Cache, StateRoundTripsAndToleratesGarbage) {
  TempDir temp;
  const sync::Cache cache(temp / "cache");
  EXPECT_EQ(cache.read_state(), sync::State{});
  sync::State s;
  s.version = 12;
  s.manifest_sha256 = std::string(64, 'a');
  s.etag = "\"6b06-8\"";
  s.last_modified = "Wed, 25 Nov 2026 01:10:16 GMT";
  s.validators_for = s.manifest_sha256;
  s.validated_unix = 1'800'000'000;
  s.last_result = "manifest.sig: signature does not verify with any trusted key";
  s.last_ok = false;
  s.consecutive_failures = 3;
  ASSERT_TRUE(cache.write_state(s).ok());
  EXPECT_EQ(cache.read_state(), s);
  write_file(temp / "cache" / "state.json", "{not json");
  EXPECT_EQ(cache.read_state(), sync::State{});
}

}  // namespace
}  // namespace kiosk::test
