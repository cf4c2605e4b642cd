// manifest.json parsing: file names and "path" entries must be normalised relative file paths,
// each refusal naming its real cause; a manifest without "path" (written before it existed) parses.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "content/parse.hpp"

namespace kiosk::content {
namespace {

const std::string kSha(64, 'a');

// A manifest listing the three content files plus `extra` (name -> entry).
std::string manifest_with(const nlohmann::json& extra) {
  nlohmann::json files = {{"document.json", {{"sha256", kSha}, {"size", 1}}},
                          {"notices.json", {{"sha256", kSha}, {"size", 2}}},
                          {"hotlines.json", {{"sha256", kSha}, {"size", 3}}}};
  for (const auto& [name, entry] : extra.items()) files[name] = entry;
  const nlohmann::json m = {{"schema", 1},
                            {"version", 7},
                            {"issued_at", "2026-11-25T09:00:00+08:00"},
                            {"expires_at", "2026-12-25T09:00:00+08:00"},
                            {"files", files}};
  return m.dump();
}

std::vector<std::string> lines(const Problems& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.line());
  return out;
}

TEST(Manifest, RefusesNamesThatAreNotNormalisedRelativeFilePaths) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"assets/./x.png",
       R"(manifest.json: files."assets/./x.png": expected a normalised relative file path, found "assets/./x.png" (a "." segment))"},
      {"assets/",
       R"(manifest.json: files."assets/": expected a normalised relative file path, found "assets/" (it ends with /, which names a folder))"},
      {"assets//x.png",
       R"(manifest.json: files."assets//x.png": expected a normalised relative file path, found "assets//x.png" (an empty segment //))"},
      {"assets/../notices.json",
       R"(manifest.json: files."assets/../notices.json": expected a normalised relative file path, found "assets/../notices.json" (a ".." segment))"},
      {"./notices.json",
       R"(manifest.json: files."./notices.json": expected a normalised relative file path, found "./notices.json" (a "." segment))"},
      {"/assets/x.png",
       R"(manifest.json: files."/assets/x.png": expected a normalised relative file path, found "/assets/x.png" (it starts with /))"},
      {"assets\\x.png",
       R"(manifest.json: files."assets\\x.png": expected a normalised relative file path, found "assets\\x.png" (a backslash; the separator is /))"},
      {"logo.png",
       R"(manifest.json: files."logo.png": expected document.json, notices.json, hotlines.json, calendar.json or a file under assets/, found another path)"},
  };
  for (const auto& [name, line] : cases) {
    Problems problems;
    EXPECT_FALSE(parse_manifest(manifest_with({{name, {{"sha256", kSha}, {"size", 4}}}}), problems))
        << name;
    EXPECT_EQ(lines(problems), std::vector<std::string>{line}) << name;
  }
  // A name that only contains two dots is a name, not a step up.
  Problems problems;
  const auto m = parse_manifest(
      manifest_with({{"assets/a..b.png", {{"sha256", kSha}, {"size", 4}}}}), problems);
  ASSERT_TRUE(m) << lines(problems).front();
  EXPECT_TRUE(m->files.contains("assets/a..b.png"));
}

TEST(Manifest, ReadsPathAndRefusesOneThatIsNotANormalisedRelativeFilePath) {
  const std::string object = "objects/" + std::string(64, 'b');
  Problems problems;
  auto m = parse_manifest(
      manifest_with({{"notices.json", {{"sha256", kSha}, {"size", 2}, {"path", object}}}}),
      problems);
  ASSERT_TRUE(m) << lines(problems).front();
  EXPECT_EQ(m->files.at("notices.json").path, object);
  EXPECT_EQ(m->files.at("document.json").path, "");  // no "path": the plain name

  const std::vector<std::pair<nlohmann::json, std::string>> cases{
      {"../objects/x",
       R"(expected a normalised relative file path, found "../objects/x" (a ".." segment))"},
      {"objects/./x",
       R"(expected a normalised relative file path, found "objects/./x" (a "." segment))"},
      {"/objects/x",
       R"(expected a normalised relative file path, found "/objects/x" (it starts with /))"},
      {"objects\\x",
       R"(expected a normalised relative file path, found "objects\\x" (a backslash; the separator is /))"},
      {"objects/",
       R"(expected a normalised relative file path, found "objects/" (it ends with /, which names a folder))"},
      {"", R"(expected a relative file path, found "")"},
      {std::string(201, 'x'), "expected a path of at most 200 bytes, found 201 bytes"},
      {42, "expected a string, found the number 42"},
  };
  for (const auto& [path, message] : cases) {
    Problems p;
    EXPECT_FALSE(parse_manifest(
        manifest_with({{"notices.json", {{"sha256", kSha}, {"size", 2}, {"path", path}}}}), p))
        << path;
    EXPECT_EQ(lines(p),
              std::vector<std::string>{"manifest.json: files.notices.json.path: " + message})
        << path;
  }
}

TEST(Manifest, AManifestWithoutPathStillParses) {
  Problems problems;
  const auto m = parse_manifest(manifest_with(nlohmann::json::object()), problems);
  ASSERT_TRUE(m) << lines(problems).front();
  EXPECT_EQ(m->version, 7);
  for (const auto& [name, entry] : m->files) EXPECT_EQ(entry.path, "") << name;
}

}  // namespace
}  // namespace kiosk::content
