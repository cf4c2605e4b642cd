// libFuzzer target: manifest.json parsing and the size/hash checks it drives.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  kiosk::Problems problems;
  const auto manifest = kiosk::content::parse_manifest(bytes, problems);
  if (manifest.has_value() != problems.empty()) __builtin_trap();
  if (manifest) {
    // The hash and size checks against small in-memory files (not the big default bundle, to keep
    // the fuzzer fast); the content files themselves fail to parse, which is fine here.
    std::map<std::string, std::string> files{{"manifest.json", bytes},
                                             {"document.json", "{}"},
                                             {"notices.json", "{}"},
                                             {"hotlines.json", "{}"},
                                             {"calendar.json", "{}"}};
    (void)kiosk::content::load_bundle(std::move(files));
  }
  return 0;
}
