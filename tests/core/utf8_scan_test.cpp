// utf8::plain_run, the 16-byte scan behind the JSON parser's and the text checks' fast paths,
// against a byte-at-a-time model on many random inputs.
#include "core/utf8_scan.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace kiosk::utf8 {
namespace {

// The contract, one character at a time.
PlainRun model(const unsigned char* p, const PlainBytes& a) {
  PlainRun run;
  unsigned i = 0;
  while (i < 16) {
    const unsigned char b = p[i];
    if (b >= a.ascii_lo && b <= a.ascii_hi && b != a.stop1 && b != a.stop2) {
      i += 1;
    } else if (b >= a.lead_lo && b <= 0xEF && b != 0xED && i + 2 < 16 &&
               (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      run.leads |= 1u << i;
      i += 3;
    } else {
      break;
    }
    ++run.chars;
  }
  run.bytes = i;
  // Nothing refused: the end was reached, or a lead whose sequence the end cuts, the bytes up to
  // the end all continuation bytes.
  run.whole = i == 16;
  if (i < 16 && p[i] >= a.lead_lo && p[i] <= 0xEF && p[i] != 0xED) {
    run.whole = true;
    for (unsigned j = i + 1; j < 16; ++j) run.whole = run.whole && (p[j] & 0xC0) == 0x80;
  }
  return run;
}

// Random text from pieces that matter: plain ASCII and CJK, the stop bytes, controls, other
// lengths of sequence, and broken ones (a lone continuation, a cut sequence, E0/ED/F0 leads).
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces{"a",
                                               " ",
                                               "~",
                                               "\x7F",
                                               "\"",
                                               "\\",
                                               "\x01",
                                               "\n",
                                               "中",
                                               "　",
                                               "\xE1\x80\x80",
                                               "\xEF\xBF\xBF",
                                               "é",
                                               "\xC2\x85",
                                               "\xE2\x80\xAE",
                                               "\xE2\x80\xA8",
                                               "𠮷",
                                               "\xED\x9F\xBF",
                                               "\xE0\xA4\x80",
                                               "\x80",
                                               "\xBF",
                                               "\xE4\xB8",
                                               "\xE4",
                                               "\xFF",
                                               "\xC0\xAF",
                                               std::string(1, '\0')};
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> plain(0, 3);
  std::string s;
  while (s.size() < 40) s += plain(rng) != 0 ? (plain(rng) != 0 ? "中" : "a") : pieces[piece(rng)];
  return s;
}

TEST(Utf8Scan, PlainRunIsTheModelsPrefixOnRandomText) {
  if (!kHasPlainRun) GTEST_SKIP() << "no 16-byte scan on this architecture";
  const std::vector<PlainBytes> accepts{
      {0x20, 0x7F, '"', '\\', 0xE1}, {0x20, 0x7E, 0, 0, 0xE3}, {0x20, 0x7E, '\\', '\\', 0xE1}};
  std::mt19937 rng(20261125);
  for (int n = 0; n < 20000; ++n) {
    const std::string s = random_text(rng);
    for (std::size_t at = 0; at + 16 <= s.size(); at += 7) {
      const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + at;
      for (const auto& a : accepts) {
        const PlainRun got = plain_run(p, a), want = model(p, a);
        ASSERT_EQ(got.bytes, want.bytes) << testing::PrintToString(s.substr(at, 16));
        ASSERT_EQ(got.chars, want.chars) << testing::PrintToString(s.substr(at, 16));
        ASSERT_EQ(got.leads, want.leads) << testing::PrintToString(s.substr(at, 16));
        ASSERT_EQ(got.whole, want.whole) << testing::PrintToString(s.substr(at, 16));
      }
    }
  }
}

TEST(Utf8Scan, PlainRunTakesWholeCharactersOnly) {
  if (!kHasPlainRun) GTEST_SKIP() << "no 16-byte scan on this architecture";
  const PlainBytes a{0x20, 0x7E, 0, 0, 0xE3};
  const std::string five_cjk = "中中中中中a";  // 16 bytes: all of it
  EXPECT_EQ(plain_run(reinterpret_cast<const unsigned char*>(five_cjk.data()), a).bytes, 16u);
  const std::string cut = "abcdefghijklmn中";  // the 中 ends past byte 16: left out whole
  const auto run = plain_run(reinterpret_cast<const unsigned char*>(cut.data()), a);
  EXPECT_EQ(run.bytes, 14u);
  EXPECT_EQ(run.chars, 14u);
  const std::string quote = "中\"" + std::string(13, 'x');
  EXPECT_EQ(plain_run(reinterpret_cast<const unsigned char*>(quote.data()),
                      PlainBytes{0x20, 0x7F, '"', '\\', 0xE1})
                .bytes,
            3u);
}

}  // namespace
}  // namespace kiosk::utf8
