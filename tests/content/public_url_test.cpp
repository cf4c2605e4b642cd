// notices.json's optional "public_url": read into Bundle::public_url when it is an https folder
// URL, refused with one line naming the field otherwise.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "content/parse.hpp"
#include "fixture_bundle.hpp"

namespace kiosk::content {
namespace {

LoadResult with_public_url(const nlohmann::ordered_json& url) {
  auto files = test::fixture_bundle_files();
  auto j = nlohmann::ordered_json::parse(files.at("notices.json"));
  nlohmann::ordered_json out;
  out["schema"] = j["schema"];
  out["public_url"] = url;
  out["notices"] = j["notices"];
  files["notices.json"] = out.dump(2);
  return load_bundle(files);
}

std::string lines(const LoadResult& r) {
  std::string out;
  for (const auto& p : r.problems) out += p.line() + "\n";
  return out;
}

TEST(PublicUrl, AbsentLeavesItEmpty) {
  const auto r = load_bundle(test::fixture_bundle_files());
  ASSERT_TRUE(r.bundle) << lines(r);
  EXPECT_EQ(r.bundle->public_url, "");
}

TEST(PublicUrl, AnHttpsFolderIsRead) {
  const auto r = with_public_url("https://gongshi.example.cn/qingpu/");
  ASSERT_TRUE(r.bundle) << lines(r);
  EXPECT_EQ(r.bundle->public_url, "https://gongshi.example.cn/qingpu/");
}

TEST(PublicUrl, RefusalsNameTheField) {
  EXPECT_EQ(lines(with_public_url("http://gongshi.example.cn/")),
            "notices.json: public_url: expected an https:// URL (the pages are public), found "
            "\"http://gongshi.example.cn/\"\n");
  EXPECT_EQ(lines(with_public_url("https://gongshi.example.cn/qingpu")),
            "notices.json: public_url: expected a URL ending with \"/\" (the folder holding "
            "manifest.json), found \"https://gongshi.example.cn/qingpu\"\n");
  EXPECT_EQ(lines(with_public_url("https://gongshi.example.cn")),
            "notices.json: public_url: expected a URL ending with \"/\" (the folder holding "
            "manifest.json), found \"https://gongshi.example.cn\"\n");
  EXPECT_EQ(lines(with_public_url("https://x.cn/a\"b/")),
            "notices.json: public_url: expected an https URL of letters, digits and "
            "-._~:/%+,;=!$()*[] (no user, query or fragment), found \"https://x.cn/a\\\"b/\"\n");
  EXPECT_EQ(lines(with_public_url("https://u@x.cn/")).find("notices.json: public_url: expected"),
            0U);
  EXPECT_EQ(lines(with_public_url("https://x.cn/?q=1")).find("notices.json: public_url: expected"),
            0U);
  EXPECT_EQ(lines(with_public_url("https://x.cn/" + std::string(200, 'a') + "/")),
            "notices.json: public_url: expected at most 200 characters, found 214\n");
  EXPECT_NE(lines(with_public_url(7)).find("notices.json: public_url: expected"),
            std::string::npos);
}

}  // namespace
}  // namespace kiosk::content
