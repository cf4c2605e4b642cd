// The tests' bundle (tests/data/bundle), read from the source tree.
#include "fixture_bundle.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "temp_dir.hpp"

namespace kiosk::test {

std::filesystem::path fixture_bundle_dir() { return KIOSK_FIXTURE_BUNDLE_DIR; }

const std::map<std::string, std::string>& fixture_bundle_files() {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(fixture_bundle_dir())) {
      if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      out.emplace(entry.path().filename().string(), bytes.str());
    }
    return out;
  }();
  return files;
}

std::map<std::string, std::string> rare_name_bundle_files() {
  auto files = fixture_bundle_files();
  std::string& notices = files.at("notices.json");
  const std::string from = R"("name": "示例一居委会")";
  const auto at = notices.find(from);
  if (at == std::string::npos || notices.find(from, at + 1) != std::string::npos)
    throw std::runtime_error("tests/data/bundle/notices.json: expected cd-01 named 示例一居委会");
  notices.replace(at, from.size(), std::string(R"("name": ")") + kRareName + "\"");
  return files;
}

void write_fixture_bundle(const std::filesystem::path& dir) {
  for (const auto& [name, bytes] : fixture_bundle_files()) write_file(dir / name, bytes);
}

}  // namespace kiosk::test
