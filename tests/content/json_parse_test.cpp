// The fast paths of loading a bundle: json::parse against nlohmann's own parser (the same DOM for
// every input nlohmann accepts: strings, escapes, surrogates, integers at the edges, a BOM;
// one-line problems for everything it refuses, and for duplicate keys, which nlohmann would take
// with the last one winning), check_text, and sha256_hex.
#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "content/parse.hpp"
#include "core/utf8.hpp"
#include "crypto/sha256.hpp"
#include "json/reader.hpp"

namespace kiosk::json {
namespace {

std::string nest(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

TEST(JsonParse, BuildsTheSameDomAsNlohmann) {
  const std::vector<std::string> inputs{
      R"({"a": 1, "b": [true, false, null], "c": {"d": "e"}})",
      R"(  {"k" : "v" } )",
      "\t\r\n[1,2 , 3]\n",
      R"(["\"\\\/\b\f\n\r\t", "\u0041\u00e9\u4e2d\ud83d\ude00", "\u0000"])",
      "[\"青浦区示例路1号(示例) ，。、；：！？》\", \"𠮷䶮\"]",
      R"([0, -0, 1, -1, 9223372036854775807, -9223372036854775808, 18446744073709551615])",
      R"([18446744073709551616, -9223372036854775809, 1.5, 1e5, -2E-3, 0.0])",  // floats:
                                                                                // nlohmann's way
      "\xEF\xBB\xBF{\"bom\": true}",
      "{}",
      "[]",
      "\"text\"",
      "42",
      "null",
      nest(32),
  };
  for (const auto& in : inputs) {
    Problems problems;
    const auto got = parse(in, "t.json", problems);
    ASSERT_TRUE(got.has_value()) << in << ": " << (problems.empty() ? "" : problems.front().line());
    const Json want = Json::parse(in);
    EXPECT_EQ(*got, want) << in;
    EXPECT_EQ(got->dump(), want.dump()) << in;  // types too: unsigned, signed, float
  }
}

TEST(JsonParse, RefusesWhatNlohmannRefusesWithOneLine) {
  const std::vector<std::string> inputs{
      "",
      "{",
      "[1,]",
      "{\"a\" 1}",
      "[01]",
      "[-]",
      "[1.]",
      "[tru]",
      "{\"a\":1} x",
      "[\"\x01\"]",
      "[\"\\x\"]",
      "[\"\\ud800\"]",
      "[\"\\udc00\"]",
      "[\"a\xC0\xAF\"]",
      "[\"\xED\xA0\x80\"]",
      "[\"\xF4\x90\x80\x80\"]",
      "\xFF",
      nest(33),
      "{'a': 1}",
      "[1 2]",
      "{\"a\":}",
      "[\"\\u12\"]",
      R"({"a": 1, "a": 2})",  // duplicate keys: nlohmann would keep the last; both paths refuse
      R"({"a": 1.5, "b": {"a": 1, "a": 2}})",
  };
  for (const auto& in : inputs) {
    Problems problems;
    EXPECT_FALSE(parse(in, "t.json", problems).has_value()) << in;
    ASSERT_EQ(problems.size(), 1U) << in;
    EXPECT_EQ(problems.front().file, "t.json");
    EXPECT_EQ(problems.front().line().find('\n'), std::string::npos);
  }
}

TEST(JsonParse, ReportsTheFirstInvalidUtf8ByteAndTheNestingLimitWhere) {
  Problems problems;
  EXPECT_FALSE(parse("{\"a\": \"x\xC3\x28\"}", "t.json", problems).has_value());
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems.front().line(),
            "t.json: a: expected UTF-8 text, found invalid byte 0xC3 at character 2 (line 1, "
            "column 9; is the file saved as GBK?)");
  problems.clear();
  EXPECT_FALSE(parse(nest(33), "t.json", problems).has_value());
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems.front().line(),
            "t.json: line 1, column 33: expected at most 32 levels of nesting, found more");
}

TEST(JsonParse, HandsOutTheItemsAnItemStreamLeadsTo) {
  const std::string bytes =
      R"({"a": [{"b": [1, {"c": 2}], "x": [3]}, {"b": []}, {"b": ["y"]}], "b": [4]})";
  std::vector<std::string> taken;
  ItemStream stream{
      {"a", "b"}, [&](const std::vector<std::size_t>& at, Json& item) {
        taken.push_back(std::to_string(at[0]) + "," + std::to_string(at[1]) + "=" + item.dump());
      }};
  Problems problems;
  const auto parsed = parse(bytes, "f.json", problems, stream);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(stream.streamed);
  EXPECT_EQ(taken, (std::vector<std::string>{"0,0=1", "0,1={\"c\":2}", "2,0=\"y\""}));
  // Null in each item's place; everything off the route as it was.
  EXPECT_EQ(parsed->dump(), R"({"a":[{"b":[null,null],"x":[3]},{"b":[]},{"b":[null]}],"b":[4]})");
  // The exact path (a BOM) hands nothing out that counts: the items stay in the document.
  taken.clear();
  const auto exact = parse("\xEF\xBB\xBF" + bytes, "f.json", problems, stream);
  ASSERT_TRUE(exact.has_value());
  EXPECT_FALSE(stream.streamed);
  EXPECT_EQ(*exact, Json::parse(bytes));
  EXPECT_TRUE(problems.empty());
}

// With take_flat, each item that is a flat object (strings, nulls, booleans, arrays of such
// objects) is offered straight from the bytes first; an item that is not one, or that take_flat
// refuses, is parsed into a DOM and given to take exactly as without it.
TEST(JsonParse, OffersFlatItemsFirstAndTheRestAsADom) {
  std::string many = R"({)";
  for (int i = 0; i < 33; ++i) many += (i ? ", " : "") + ("\"k" + std::to_string(i) + "\": \"v\"");
  many += "}";
  const std::string bytes =
      R"({"a": [{"s": "x\n\u4e2d\"", "n": null, "t": true, "f": false, "e": [],)"
      R"( "r": [{"l": "one", "d": null}, {"l": "two", "ok": true}]},)"
      R"( {"num": 1}, {"refuse": "me"}, {"deep": [{"x": []}]}, {"d": "1", "d": "2"}, )" +
      many + R"(, "not an object", {}]})";
  std::vector<std::string> dom, flat;
  ItemStream stream{{"a"},
                    [&](const std::vector<std::size_t>& at, Json& item) {
                      dom.push_back(std::to_string(at[0]) + "=" + item.dump());
                    },
                    [&](const std::vector<std::size_t>& at, FlatObject& item) {
                      if (item.find("refuse") != nullptr) return false;
                      std::string d = std::to_string(at[0]) + ":";
                      for (const auto& m : item.members) {
                        d += " " + m.key + "=";
                        switch (m.kind) {
                          case FlatMember::Kind::String:
                            d += "'" + m.text + "'";
                            break;
                          case FlatMember::Kind::Null:
                            d += "null";
                            break;
                          case FlatMember::Kind::Boolean:
                            d += m.boolean ? "true" : "false";
                            break;
                          case FlatMember::Kind::Objects:
                            d += std::to_string(m.objects.size()) + "[";
                            for (const auto& o : m.objects) {
                              for (const auto& om : o.members) d += om.key + ",";
                            }
                            d += "]";
                            break;
                        }
                      }
                      flat.push_back(d);
                      return true;
                    }};
  Problems problems;
  const auto parsed = parse(bytes, "f.json", problems, stream);
  // The duplicate key is refused, with its path, by the exact path: nothing streamed counts.
  EXPECT_FALSE(parsed.has_value());
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].line(), "f.json: a[4].d: expected each key once, found \"d\" again");
  EXPECT_FALSE(stream.streamed);

  // Without the duplicate: every other item as described above.
  std::string fine = bytes;
  fine.replace(fine.find(R"({"d": "1", "d": "2"})"), 20, R"({"d": "1", "e": "2"})");
  dom.clear();
  flat.clear();
  problems.clear();
  const auto ok = parse(fine, "f.json", problems, stream);
  ASSERT_TRUE(ok.has_value()) << (problems.empty() ? "" : problems[0].line());
  EXPECT_TRUE(stream.streamed);
  EXPECT_EQ(flat,
            (std::vector<std::string>{"0: s='x\n中\"' n=null t=true f=false e=0[] r=2[l,d,l,ok,]",
                                      "4: d='1' e='2'", "7:"}));
  EXPECT_EQ(dom, (std::vector<std::string>{
                     "1={\"num\":1}", "2={\"refuse\":\"me\"}", "3={\"deep\":[{\"x\":[]}]}",
                     "5=" + Json::parse(many).dump(), "6=\"not an object\""}));
  EXPECT_EQ(ok->dump(), R"({"a":[null,null,null,null,null,null,null,null]})");
}

// check_text as it was before its 16-byte fast path (core/utf8_scan.hpp): the oracle below.
std::string check_text_before(std::string_view text, const TextRule& rule) {
  if (!rule.allow_empty && text.empty()) return "expected text, found \"\"";
  const auto code_point = [](char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return std::string(buf);
  };
  std::size_t chars = 0;
  std::size_t pos = 0;
  bool visible = false;
  while (pos < text.size()) {
    const auto b = static_cast<unsigned char>(text[pos]);
    const auto d = utf8::decode(text, pos);
    if (!d.valid) {
      char buf[80];
      std::snprintf(buf, sizeof buf,
                    "expected UTF-8 text, found invalid byte 0x%02X at character %zu",
                    static_cast<unsigned>(b), chars + 1);
      return buf;
    }
    const char32_t cp = d.codepoint;
    const bool newline_ok = rule.kind == TextKind::Paragraph && cp == '\n';
    if ((cp < 0x20 && !newline_ok) || (cp >= 0x7F && cp < 0xA0)) {
      return std::string("expected ") +
             (rule.kind == TextKind::OneLine ? "one line of text" : "text") +
             ", found the control character " + code_point(cp);
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      return "expected text without bidirectional overrides, found " + code_point(cp);
    }
    if (rule.kind == TextKind::OneLine && (cp == 0x2028 || cp == 0x2029)) {
      return std::string("expected one line of text, found the ") +
             (cp == 0x2028 ? "line separator " : "paragraph separator ") + code_point(cp);
    }
    visible = visible || !utf8::shows_nothing(cp);
    pos += d.length;
    ++chars;
  }
  if (chars > rule.max_chars) {
    return "expected at most " + std::to_string(rule.max_chars) + " characters, found " +
           std::to_string(chars);
  }
  if (chars > 0 && !visible) return "expected visible text, found only spaces/invisible characters";
  return {};
}

// Random text from the pieces that matter to the fast paths: plain ASCII and CJK runs, quotes and
// escapes, controls, separators and bidi characters, invisible ones, other sequence lengths and
// broken sequences (a lone continuation, a cut sequence, surrogates, overlong forms).
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces{" ",
                                               "~",
                                               "\x7F",
                                               "\"",
                                               "\\",
                                               "\\n",
                                               "\\u4e2d",
                                               "\\ud83d\\ude00",
                                               "\\x",
                                               "\x01",
                                               "\n",
                                               "\t",
                                               "　",
                                               "\xE3\x85\xA4",
                                               "\xEF\xBB\xBF",
                                               "\xE1\x80\x80",
                                               "\xEF\xBF\xBF",
                                               "é",
                                               "\xC2\x85",
                                               "\xE2\x80\xAE",
                                               "\xE2\x80\xA8",
                                               "\xE2\x80\xA9",
                                               "\xE2\x81\xA6",
                                               "\xE2\x80\x8B",
                                               "𠮷",
                                               "\xED\x9F\xBF",
                                               "\xED\xA0\x80",
                                               "\xE0\xA4\x80",
                                               "\xE0\x80\x80",
                                               "\x80",
                                               "\xE4\xB8",
                                               "\xFF",
                                               "\xC0\xAF",
                                               "\xF4\x90\x80\x80",
                                               "\xCC\x81"};
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> plain(0, 7);
  std::uniform_int_distribution<std::size_t> length(0, 90);
  std::string s;
  const std::size_t n = length(rng);
  while (s.size() < n) {
    const int k = plain(rng);
    s += k < 3 ? "中" : k < 5 ? "a" : k == 5 ? "文字" : pieces[piece(rng)];
  }
  return s;
}

TEST(JsonParse, CheckTextAnswersAsBeforeOnRandomText) {
  std::mt19937 rng(1125);
  const std::vector<TextRule> rules{{TextKind::OneLine, 200, false},
                                    {TextKind::Paragraph, 4000, true},
                                    {TextKind::OneLine, 20, true},
                                    {TextKind::Paragraph, 30, false}};
  for (int n = 0; n < 30000; ++n) {
    std::string s = random_text(rng);
    if (n % 3 == 0) s = "甲" + s;   // visible from the start: the 16-byte path from byte 0
    if (n % 5 == 0) s = "　 " + s;  // invisible at first: the byte loop until something shows
    for (const auto& rule : rules) {
      ASSERT_EQ(check_text(s, rule), check_text_before(s, rule)) << testing::PrintToString(s);
    }
  }
}

TEST(JsonParse, FastPathTakesAndRefusesStringsAsNlohmannOnRandomText) {
  std::mt19937 rng(2026);
  for (int n = 0; n < 30000; ++n) {
    const std::string s = random_text(rng);
    const std::string doc = "{\"k\": [\"" + s + "\", 1], \"" + s + "\": \"" + s + s + "\"}";
    std::optional<Json> want;
    try {
      want = Json::parse(doc);
    } catch (const Json::exception&) {
    }
    Json item;
    ItemStream stream{{"k"}, [&](const std::vector<std::size_t>& at, Json& it) {
                        if (at[0] == 0) item = it;
                      }};
    Problems problems;
    const auto got = parse(doc, "t.json", problems, stream);
    ASSERT_EQ(got.has_value(), want.has_value()) << testing::PrintToString(doc);
    if (!want) continue;
    // Taken by the single fast pass (no BOM, float or duplicate key here), to the same strings.
    ASSERT_TRUE(stream.streamed) << testing::PrintToString(doc);
    ASSERT_EQ(item, (*want)["k"][0]) << testing::PrintToString(doc);
    (*want)["k"] = Json::array({nullptr, nullptr});
    ASSERT_EQ(*got, *want) << testing::PrintToString(doc);
  }
}

TEST(JsonParse, CheckTextCountsAndRefusesAsBefore) {
  EXPECT_EQ(check_text("示例居委会 abc", {TextKind::OneLine, 9, false}), "");
  EXPECT_EQ(check_text("示例居委会 abcd", {TextKind::OneLine, 9, false}),
            "expected at most 9 characters, found 10");
  EXPECT_EQ(check_text("a\nb", {TextKind::OneLine, 9, false}),
            "expected one line of text, found the control character U+000A");
  EXPECT_EQ(check_text("a\nb", {TextKind::Paragraph, 9, false}), "");
  EXPECT_EQ(check_text("“引号”\xE2\x80\xAE", {TextKind::OneLine, 9, false}),
            "expected text without bidirectional overrides, found U+202E");
  EXPECT_EQ(check_text("\xC2\x85", {TextKind::Paragraph, 9, false}),
            "expected text, found the control character U+0085");
  EXPECT_EQ(check_text("\xE4\xB8", {TextKind::OneLine, 9, false}),
            "expected UTF-8 text, found invalid byte 0xE4 at character 1");
  EXPECT_EQ(check_text("", {TextKind::OneLine, 9, false}), "expected text, found \"\"");
}

TEST(Sha256Hex, IsTheStandardDigest) {
  EXPECT_EQ(crypto::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(crypto::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(crypto::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace kiosk::json
