// The tests' bundle (tests/data/bundle), read from the source tree.
#include "fixture_bundle.hpp"

#include <fstream>
#include <sstream>

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

}  // namespace kiosk::test
