// Sealed secret key files (crypto/key_file.hpp) against libsodium itself: what seals opens with
// the same passphrase and nothing else, and every damaged or hostile file is refused in one line
// that carries no passphrase and no key material.
#include "crypto/key_file.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "crypto/signature.hpp"

namespace kiosk::crypto {
namespace {

constexpr std::string_view kPassphrase = "居委会-口令-Tr0ub4dor&3";

std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : line) {
    if (c == ' ' || c == '\n') {
      words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out + "\n";
}

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pair = generate_keypair();
    auto sealed = seal_secret_key(pair.secret_key, kPassphrase, kMinLimits);
    ASSERT_TRUE(sealed.ok()) << sealed.error().what;
    file = *sealed;
  }
  // An error line must not carry the passphrase, the key (raw or base64, any 6 characters of
  // it) or the sealed ciphertext.
  void expect_no_secret(const std::string& what) const {
    EXPECT_EQ(what.find(kPassphrase), std::string::npos) << what;
    EXPECT_EQ(what.find("Tr0ub"), std::string::npos) << what;
    EXPECT_EQ(what.find("口令"), std::string::npos) << what;
    const std::string b64 = base64_encode(pair.secret_key);
    for (std::size_t i = 0; i + 6 <= b64.size(); ++i) {
      ASSERT_EQ(what.find(b64.substr(i, 6)), std::string::npos) << what;
    }
    for (std::size_t i = 0; i + 4 <= pair.secret_key.size(); ++i) {
      ASSERT_EQ(what.find(pair.secret_key.substr(i, 4)), std::string::npos) << what;
    }
    const std::string box = words_of(file).back();
    for (std::size_t i = 0; i + 6 <= box.size(); ++i) {
      ASSERT_EQ(what.find(box.substr(i, 6)), std::string::npos) << what;
    }
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
  // Opening `text` fails with a line that contains `part` and no secret.
  void expect_refused(const std::string& text, std::string_view part,
                      std::string_view passphrase = kPassphrase) const {
    const auto opened = open_secret_key(text, passphrase);
    ASSERT_FALSE(opened.ok()) << "opened: " << text;
    EXPECT_NE(opened.error().what.find(part), std::string::npos) << opened.error().what;
    expect_no_secret(opened.error().what);
  }

  KeyPair pair;
  std::string file;
};

TEST_F(KeyFileTest, RoundTripOpensTheSameKeyAndItSigns) {
  EXPECT_TRUE(is_sealed_key(file));
  auto opened = open_secret_key(file, kPassphrase);
  ASSERT_TRUE(opened.ok()) << opened.error().what;
  EXPECT_EQ(opened->bytes(), pair.secret_key);
  const std::string sig = sign_detached("manifest", opened->bytes());
  EXPECT_TRUE(check_signature("manifest", base64_encode(sig), {base64_encode(pair.public_key)}));
  // Moving the key leaves nothing behind in the source.
  SecretKey moved = std::move(*opened);
  EXPECT_EQ(moved.bytes(), pair.secret_key);
  EXPECT_TRUE(opened->bytes().empty());
}

TEST_F(KeyFileTest, TheFileIsOneSelfDescribingLine) {
  ASSERT_EQ(file.back(), '\n');
  EXPECT_EQ(file.find('\n'), file.size() - 1);
  const auto words = words_of(file);
  ASSERT_EQ(words.size(), 7u) << file;
  EXPECT_EQ(words[0], "kiosk-sealed-key-v1");
  EXPECT_EQ(words[1], "argon2id13");
  EXPECT_EQ(words[2], "1");
  EXPECT_EQ(words[3], "8192");
  EXPECT_EQ(base64_decode(words[4]).value_or("").size(), 16u);
  EXPECT_EQ(base64_decode(words[5]).value_or("").size(), 24u);
  EXPECT_EQ(base64_decode(words[6]).value_or("").size(), 80u);
  // A fresh salt and nonce each time: the same key and passphrase never give the same file.
  auto again = seal_secret_key(pair.secret_key, kPassphrase, kMinLimits);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*again, file);
  // A trailing CRLF (the file edited on Windows) still opens.
  std::string crlf = file;
  crlf.insert(crlf.size() - 1, "\r");
  EXPECT_TRUE(open_secret_key(crlf, kPassphrase).ok());
}

TEST_F(KeyFileTest, DefaultLimitsAreModerateAndOpen) {
  const std::span<const unsigned char, 64> sk(
      reinterpret_cast<const unsigned char*>(pair.secret_key.data()), 64);
  auto sealed = seal_secret_key(sk, kPassphrase);
  ASSERT_TRUE(sealed.ok()) << sealed.error().what;
  const auto words = words_of(*sealed);
  EXPECT_EQ(words[2], "3");
  EXPECT_EQ(words[3], "268435456");
  const auto opened = open_secret_key(*sealed, kPassphrase);
  ASSERT_TRUE(opened.ok()) << opened.error().what;
  EXPECT_EQ(opened->bytes(), pair.secret_key);
}

TEST_F(KeyFileTest, WrongPassphraseIsOneLineWithoutSecrets) {
  for (const std::string_view wrong :
       {"居委会-口令-Tr0ub4dor&4", "x", "居委会-口令-Tr0ub4dor&3 "}) {
    const auto opened = open_secret_key(file, wrong);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().what, kWrongPassphrase);
    expect_no_secret(opened.error().what);
  }
}

TEST_F(KeyFileTest, EmptyPassphraseIsRefusedBothWays) {
  const auto sealed = seal_secret_key(pair.secret_key, "", kMinLimits);
  ASSERT_FALSE(sealed.ok());
  EXPECT_EQ(sealed.error().what, "expected a passphrase, found an empty one");
  expect_refused(file, "expected a passphrase, found an empty one", "");
}

TEST_F(KeyFileTest, PlainKeysAreNotSealed) {
  const std::string plain = base64_encode(pair.secret_key) + "\n";
  EXPECT_FALSE(is_sealed_key(plain));
  EXPECT_FALSE(is_sealed_key(base64_encode(pair.secret_key.substr(0, 32))));
  EXPECT_FALSE(is_sealed_key(""));
  EXPECT_FALSE(is_sealed_key("\n"));
  EXPECT_FALSE(is_sealed_key("kiosk sealed key"));
  EXPECT_TRUE(is_sealed_key("  kiosk-sealed-key-v2 future\n"));
  // The plain key still loads the old way, and open names it without quoting it.
  EXPECT_EQ(secret_key_from_text(plain).value_or(""), pair.secret_key);
  expect_refused(plain, "found a plain (unencrypted) key");
  expect_refused("", "found an empty file");
  expect_refused("hello world\n", "found other text");
}

TEST_F(KeyFileTest, EveryFieldTamperedIsRefused) {
  const auto words = words_of(file);
  const auto with = [&](std::size_t i, const std::string& value) {
    auto w = words;
    w[i] = value;
    return join(w);
  };
  // One bit flipped in a decoded field: it still parses, so the MAC refuses it.
  const auto flipped = [&](std::size_t i) {
    std::string raw = base64_decode(words[i]).value();
    raw[raw.size() / 2] = static_cast<char>(raw[raw.size() / 2] ^ 1);
    return with(i, base64_encode(raw));
  };
  expect_refused(with(0, "kiosk-sealed-key-v2"),
                 "expected kiosk-sealed-key-v1, found kiosk-sealed-key-v2");
  expect_refused(with(1, "argon2i13"), "ALGORITHM: expected argon2id13, found argon2i13");
  expect_refused(with(2, "2"), kWrongPassphrase);      // other limits: another derived key
  expect_refused(with(3, "16384"), kWrongPassphrase);  //
  expect_refused(flipped(4), kWrongPassphrase);        // SALT
  expect_refused(flipped(5), kWrongPassphrase);        // NONCE
  expect_refused(flipped(6), kWrongPassphrase);        // CIPHERTEXT
  expect_refused(with(2, "0"), "OPSLIMIT: expected a decimal number from 1 to 10, found 0");
  expect_refused(with(2, "-1"), "OPSLIMIT: expected a decimal number from 1 to 10, found -1");
  expect_refused(with(2, "+1"), "OPSLIMIT: expected a decimal number");
  expect_refused(with(3, "8191"), "MEMLIMIT: expected a decimal number from 8192 to 268435456");
  expect_refused(with(3, "8k"), "MEMLIMIT: expected a decimal number");
  expect_refused(with(4, "AAAA"), "SALT: expected base64 of 16 bytes, found 3 bytes");
  expect_refused(with(5, "not*base64"), "NONCE: expected base64 of 24 bytes, found text that is");
  expect_refused(with(6, base64_encode(std::string(64, 'x'))),
                 "CIPHERTEXT: expected base64 of 80 bytes, found 64 bytes");
  // Separators: two spaces, a tab, an eighth word, a second line.
  std::string two = file;
  two.replace(two.find(' '), 1, "  ");
  expect_refused(two, "found 8 words separated by single spaces");
  expect_refused(join([&] {
                   auto w = words;
                   w.push_back("extra");
                   return w;
                 }()),
                 "found 8 words");
  expect_refused(file + file, "found more than one line");
}

TEST_F(KeyFileTest, EveryTruncationIsRefused) {
  const std::string line = file.substr(0, file.size() - 1);
  for (std::size_t n = 0; n < line.size(); ++n) {
    const auto opened = open_secret_key(line.substr(0, n), kPassphrase);
    ASSERT_FALSE(opened.ok()) << "a file cut at " << n << " characters opened";
    expect_no_secret(opened.error().what);
  }
}

TEST_F(KeyFileTest, HostileLimitsAreRefusedBeforeArgon2Runs) {
  const auto words = words_of(file);
  const auto with = [&](std::size_t i, const std::string& value) {
    auto w = words;
    w[i] = value;
    return join(w);
  };
  const auto start = std::chrono::steady_clock::now();
  // 1 TiB and 4 GiB of memory, 2^32-1 and 11 passes, a number past 2^64.
  expect_refused(with(3, "1099511627776"),
                 "MEMLIMIT: expected a decimal number from 8192 to 268435456, found 1099511627776");
  expect_refused(with(3, "4294967296"), "found 4294967296");
  expect_refused(with(3, "268435457"), "found 268435457");
  expect_refused(with(2, "4294967295"),
                 "OPSLIMIT: expected a decimal number from 1 to 10, found 4294967295");
  expect_refused(with(2, "11"), "found 11");
  expect_refused(with(3, "99999999999999999999999"), "a number too large (23 digits)");
  // Refused by parsing, not by running Argon2 with them (which would take seconds at least).
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
}

TEST_F(KeyFileTest, SealRefusesBadInput) {
  const auto short_key = seal_secret_key(pair.secret_key.substr(0, 32), kPassphrase, kMinLimits);
  ASSERT_FALSE(short_key.ok());
  EXPECT_EQ(short_key.error().what, "expected a 64-byte Ed25519 secret key, found 32 bytes");
  const auto big = seal_secret_key(pair.secret_key, kPassphrase, KdfLimits{3, 1ull << 30});
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.error().what.find("MEMLIMIT 8192 to 268435456"), std::string::npos)
      << big.error().what;
  expect_no_secret(big.error().what);
}

}  // namespace
}  // namespace kiosk::crypto
