// The console's pages as kioskctl embeds them: every file of kiosk/console/assets/, byte for byte,
// at "/assets/<name>" with its MIME type, index.html at "/", nothing else.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "console/assets.hpp"

namespace {

namespace fs = std::filesystem;
using kiosk::console::find_asset;

const fs::path kAssetsDir = fs::path(KIOSK_SOURCE_ROOT) / "kiosk/console/assets";

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(Assets, RootIsIndexHtml) {
  const auto* root = find_asset("/");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->mime, "text/html; charset=utf-8");
  EXPECT_EQ(root->bytes, read_file(kAssetsDir / "index.html"));
}

TEST(Assets, EveryFileIsEmbeddedByteForByte) {
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kAssetsDir)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = fs::relative(entry.path(), kAssetsDir).generic_string();
    if (name.front() == '.') continue;
    ++files;
    const auto* asset = find_asset("/assets/" + name);
    ASSERT_NE(asset, nullptr) << name;
    EXPECT_EQ(asset->bytes, read_file(entry.path())) << name;
  }
  EXPECT_GE(files, 3u);  // index.html, app.css, app.js at least
  EXPECT_EQ(kiosk::console::all_assets().size(), files + 1);  // and "/"
}

TEST(Assets, MimeTypesByExtension) {
  EXPECT_EQ(find_asset("/assets/app.js")->mime, "text/javascript; charset=utf-8");
  EXPECT_EQ(find_asset("/assets/app.css")->mime, "text/css; charset=utf-8");
}

TEST(Assets, OnlyExactPathsAreFound) {
  for (const char* path :
       {"", "/assets/", "/assets", "/app.js", "/assets/app.js?x=1", "/assets/../assets/app.js",
        "/assets//app.js", "/ASSETS/app.js", "/assets/missing.js", "/index.html/"}) {
    EXPECT_EQ(find_asset(path), nullptr) << path;
  }
}

// The pages obey the console's Content-Security-Policy (default-src 'self'): no inline script,
// style attribute or event handler, nothing fetched from another origin.
TEST(Assets, PagesNeedNothingInlineOrRemote) {
  for (const auto& asset : kiosk::console::all_assets()) {
    std::string text(asset.bytes);
    // An SVG's namespace name is an identifier, not something fetched.
    const std::string svg_ns = "xmlns=\"http://www.w3.org/2000/svg\"";
    for (auto at = text.find(svg_ns); at != std::string::npos; at = text.find(svg_ns)) {
      text.erase(at, svg_ns.size());
    }
    if (asset.path.ends_with(".html") || asset.path == "/") {
      EXPECT_EQ(text.find("<script>"), std::string::npos) << asset.path;
      EXPECT_EQ(text.find("<style"), std::string::npos) << asset.path;
      EXPECT_EQ(text.find(" style="), std::string::npos) << asset.path;
      EXPECT_EQ(text.find(" onclick="), std::string::npos) << asset.path;
    }
    // Nothing is fetched from another host: no remote src/href/action, url(), @import, fetch() or
    // import of an http(s) address (text a clerk reads, such as a placeholder, may name one).
    static const std::regex remote(
        R"re(((src|href|action)\s*[=:]\s*|url\(\s*|@import\s*|fetch\(\s*|from\s*)['"]?(https?:)?//)re",
        std::regex::icase);
    EXPECT_FALSE(std::regex_search(text, remote)) << asset.path;
    EXPECT_EQ(text.find("innerHTML"), std::string::npos) << asset.path;
  }
}

}  // namespace
