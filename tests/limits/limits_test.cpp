// The resource limits README.md's "Limits" section states: every figure checked against the code,
// and enforced here where no other suite does (counts of notices, applicants and hotlines, the
// whole bundle, the manifest and signature downloads, the two render caches at their defaults).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "app/sync_once.hpp"
#include "config/config.hpp"
#include "content/csv_import.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "core/bundle_limit.hpp"
#include "core/utf8.hpp"
#include "fixture_bundle.hpp"
#include "json/reader.hpp"
#include "net/printable.hpp"
#include "render/font_library.hpp"
#include "render/offscreen.hpp"
#include "sync/roots.hpp"
#include "sync/round.hpp"
#include "sync_env.hpp"
#include "trust/root.hpp"

namespace kiosk {
namespace {

using Json = nlohmann::ordered_json;
using Files = std::map<std::string, std::string>;

// The problems of loading the tests' bundle (tests/data/bundle) with one file changed, one per
// line; "" when accepted.
std::string load_with(const std::string& file, const Json& j) {
  Files files = test::fixture_bundle_files();
  files[file] = j.dump();
  const auto r = content::load_bundle(files);
  std::string out;
  for (const auto& p : r.problems) out += p.line() + "\n";
  EXPECT_EQ(r.bundle.has_value(), out.empty());
  return out;
}

Json parsed(const std::string& file) { return Json::parse(test::fixture_bundle_files().at(file)); }

TEST(Limits, TheFiguresInTheReadmeAreTheCodes) {
  namespace lim = content::limits;
  // One figure (core/bundle_limit.hpp) behind every default of the whole bundle's size.
  EXPECT_EQ(kDefaultMaxBundleBytes, 32ull << 20);
  EXPECT_EQ(config::Config{}.content.max_bundle_mb, 32);
  const sync::Settings s = app::sync_settings(config::Config{});
  EXPECT_EQ(s.trust.max_bundle_bytes, 32ull << 20);
  EXPECT_EQ(s.net.limits.max_body_bytes, 32ull << 20);
  EXPECT_EQ(content::LoadOptions{}.max_bundle_bytes, 32ull << 20);
  EXPECT_EQ(lim::kMaxFileBytes, 16ull << 20);
  EXPECT_EQ(content::LoadOptions{}.max_file_bytes, 16ull << 20);
  EXPECT_EQ(lim::kMaxNotices, 100U);
  EXPECT_EQ(lim::kMaxApplicantsPerNotice, 10000U);
  EXPECT_EQ(lim::kMaxHotlines, 200U);
  EXPECT_EQ(lim::kMaxParagraphChars, 10000U);
  EXPECT_EQ(lim::kMaxOpinionChars, 2000U);
  EXPECT_EQ(lim::kMaxTitleChars, 200U);
  EXPECT_EQ(lim::kMaxPersonChars, 50U);
  EXPECT_EQ(lim::kMaxPhoneChars, 40U);
  EXPECT_EQ(lim::kMaxManifestFiles, 1000U);
  EXPECT_EQ(json::kMaxDepth, 32);
  EXPECT_EQ(json::kMaxProblemsPerFile, 200U);
  EXPECT_EQ(render::FontLibraryOptions{}.glyph_cache_bytes, 16u << 20);
  EXPECT_EQ(render::RendererOptions{}.texture_cache_bytes, 12u << 20);
}

TEST(Limits, MostNotices) {
  Json j = parsed("notices.json");
  const Json proto = j["notices"][0];
  j["notices"] = Json::array();
  for (int i = 0; i < 100; ++i) {
    Json n = proto;
    n["id"] = "n" + std::to_string(i);
    n["applicants"] = Json::array({proto["applicants"][0]});
    j["notices"].push_back(n);
  }
  EXPECT_EQ(load_with("notices.json", j), "");
  j["notices"].push_back(j["notices"][0]);
  j["notices"].back()["id"] = "n100";
  EXPECT_EQ(load_with("notices.json", j),
            "notices.json: notices: expected at most 100 items, found 101\n");
}

TEST(Limits, MostApplicantsInOneNotice) {
  Json j = parsed("notices.json");
  const Json originals = j["notices"][0]["applicants"];
  Json many = Json::array();
  for (std::size_t i = 0; i < 10000; ++i) {
    Json a = originals[i % originals.size()];
    a["id"] = "a" + std::to_string(i);
    many.push_back(std::move(a));
  }
  j["notices"][0]["applicants"] = many;
  EXPECT_EQ(load_with("notices.json", j), "");
  Json a = originals[0];
  a["id"] = "a10000";
  j["notices"][0]["applicants"].push_back(a);
  EXPECT_EQ(load_with("notices.json", j),
            "notices.json: notices[0].applicants: expected at most 10000 items, found 10001\n");
}

TEST(Limits, MostHotlines) {
  Json j = parsed("hotlines.json");
  const Json proto = j["hotlines"][0];
  j["hotlines"] = Json::array();
  for (int i = 0; i < 200; ++i) {
    Json h = proto;
    h["id"] = "h" + std::to_string(i);
    j["hotlines"].push_back(h);
  }
  EXPECT_EQ(load_with("hotlines.json", j), "");
  j["hotlines"].push_back(proto);
  j["hotlines"].back()["id"] = "h200";
  EXPECT_EQ(load_with("hotlines.json", j),
            "hotlines.json: hotlines: expected at most 200 items, found 201\n");
}

TEST(Limits, LongestFieldsOfEachKind) {
  // Paragraph text (10,000) and one-line names (200) are tested in tests/content; the rest here.
  const std::string path = "notices.json: notices[0].applicants[4].";
  Json j = parsed("notices.json");
  Json& a = j["notices"][0]["applicants"][4];
  a["reviews"][0]["opinion"] = std::string(2000, 'x');
  a["leader"] = std::string(50, 'x');
  EXPECT_EQ(load_with("notices.json", j), "");
  a["reviews"][0]["opinion"] = std::string(2001, 'x');
  a["leader"] = std::string(51, 'x');
  EXPECT_EQ(load_with("notices.json", j),
            path + "leader: expected at most 50 characters, found 51\n" + path +
                "reviews[0].opinion: expected at most 2000 characters, found 2001\n");
  Json n = parsed("notices.json");
  n["notices"][0]["intro"] = std::string(10000, 'x');
  EXPECT_EQ(load_with("notices.json", n), "");
}

TEST(Limits, LargestBundleAndManifest) {
  // Each file under 16 MiB (JSON may carry whitespace), together over the 32 MiB default.
  Files files = test::fixture_bundle_files();
  files["notices.json"] += std::string(15u << 20, ' ');
  files["document.json"] += std::string(15u << 20, ' ');
  EXPECT_TRUE(content::load_bundle(files).bundle.has_value()) << "30 MiB and a bit";
  files["hotlines.json"] += std::string(3u << 20, ' ');
  const auto r = content::load_bundle(files);
  ASSERT_FALSE(r.bundle.has_value());
  ASSERT_EQ(r.problems.size(), 1U);
  EXPECT_EQ(r.problems[0].line().rfind("bundle: expected at most 32 MiB, found ", 0), 0U)
      << r.problems[0].line();

  Json m;
  m["schema"] = 1;
  m["version"] = 1;
  m["issued_at"] = "2026-11-20T09:00:00+08:00";
  m["expires_at"] = "2027-11-20T09:00:00+08:00";
  m["files"] = Json::object();
  for (int i = 0; i < 1001; ++i) {
    m["files"]["f" + std::to_string(i) + ".json"] = {{"sha256", std::string(64, 'a')}, {"size", 1}};
  }
  Problems problems;
  EXPECT_FALSE(content::parse_manifest(m.dump(), problems).has_value());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].line(), "manifest.json: files: expected at most 1000 files, found 1001");
}

// The sync round stops downloading manifest.json at 4 MiB and manifest.sig at 4 KiB.
using SyncLimits = test::SyncTest;
TEST_F(SyncLimits, ManifestAndSignatureDownloadsAreBounded) {
  publish(1, "");
  test::write_file(nginx.www() / "b" / "manifest.sig", std::string(4097, 'A'));
  auto r = round();
  EXPECT_EQ(r.outcome, sync::Outcome::Failed);
  EXPECT_NE(r.line.find("manifest.sig: larger than the limit of 4 KiB"), std::string::npos)
      << r.line;
  test::write_file(nginx.www() / "b" / "manifest.json", "{" + std::string(4u << 20, ' ') + "}");
  r = round();
  EXPECT_EQ(r.outcome, sync::Outcome::Failed);
  EXPECT_NE(r.line.find("manifest.json: larger than the limit of 4 MiB"), std::string::npos)
      << r.line;
}

// Issue 14: roots and .sig files (the attack suite in tests/sync enforces them over nginx).
TEST(Limits, RootsAndSignatureSets) {
  EXPECT_EQ(trust::kMaxRootBytes, 64u << 10);
  EXPECT_EQ(trust::kMaxSignatureBytes, 4096u);
  EXPECT_EQ(trust::kMaxSignatureLines, 32u);
  EXPECT_EQ(trust::kMaxRootKeys, 32u);
  EXPECT_EQ(trust::kMaxRootWalk, 64);
  EXPECT_EQ(sync::kMaxKeptRoots, 100000);
  EXPECT_EQ(config::Config{}.content.threshold, 1);
  EXPECT_FALSE(trust::parse_root(std::string((64u << 10) + 1, ' ')).ok());
  EXPECT_FALSE(trust::parse_signatures(std::string(4097, '\n')).ok());
}

const std::vector<std::string> kFamilies = config::Config{}.fonts.families;

// At the default 16 MiB, the glyph cache is dropped once past it and never stays over it.
TEST(Limits, GlyphCacheAtItsDefault) {
  render::FontLibrary fonts(kFamilies);
  ASSERT_TRUE(fonts.usable()) << "no CJK font installed (fonts-noto-cjk)";
  const std::size_t cap = render::FontLibraryOptions{}.glyph_cache_bytes;
  char32_t cp = 0x4E00;
  for (int line = 0; line < 400 && fonts.stats().glyph_cache_clears == 0; ++line) {
    std::string text;
    for (int i = 0; i < 40; ++i) utf8::append(text, cp++);
    (void)fonts.rasterise_line(text, 160, line % 2 == 0);
    ASSERT_LE(fonts.stats().glyph_bytes, cap) << "after line " << line;
  }
  EXPECT_EQ(fonts.stats().glyph_cache_clears, 1U);
}

// At the default 12 MiB, the line texture cache evicts and never holds more.
TEST(Limits, TextureCacheAtItsDefault) {
  render::FontLibrary fonts(kFamilies);
  ASSERT_TRUE(fonts.usable()) << "no CJK font installed (fonts-noto-cjk)";
  auto off = render::Offscreen::create(1920, 1080, fonts).value();
  const std::size_t cap = render::RendererOptions{}.texture_cache_bytes;
  int line = 0;
  for (int frame = 0; frame < 100 && off.renderer().stats().evictions == 0; ++frame) {
    draw::DisplayList list;
    for (int i = 0; i < 20; ++i, ++line) {
      list.text({20, static_cast<float>(10 + i * 52)},
                "第" + std::to_string(line) +
                    "行 上海市社区建设示范居委会申报公示 联系电话 021-5970 0000 示例路" +
                    std::to_string(line) + "号 社区建设示范单位创建",
                {36, false, {0x1a, 0x1a, 0x1a, 255}});
    }
    off.draw(list);
    ASSERT_LE(off.renderer().stats().texture_bytes, cap) << "after frame " << frame;
  }
  EXPECT_GT(off.renderer().stats().evictions, 0U);
}

// The network rows of the table (issue 11): every response bounded in bytes and time, every round
// in time, every reason in length. net_tests and sync_tests enforce them.
TEST(Limits, NetworkFiguresInTheReadmeAreTheCodes) {
  const sync::Settings s = app::sync_settings(config::Config{});
  EXPECT_EQ(s.net.limits.max_header_bytes, 64u << 10);
  EXPECT_EQ(s.net.limits.max_redirect_body_bytes, 64u << 10);
  EXPECT_EQ(s.net.limits.max_redirects, 3);
  EXPECT_EQ(s.net.limits.connect_timeout, std::chrono::seconds(10));
  EXPECT_EQ(s.net.limits.total_timeout, std::chrono::seconds(300));
  EXPECT_EQ(s.net.limits.low_speed_bytes, 64);
  EXPECT_EQ(s.net.limits.low_speed_time, std::chrono::seconds(30));
  EXPECT_EQ(s.round_timeout, std::chrono::seconds(300));
  EXPECT_EQ(net::kMaxExcerptChars, 200U);
  EXPECT_EQ(sync::kMaxLineChars, 500U);
}

}  // namespace
}  // namespace kiosk
