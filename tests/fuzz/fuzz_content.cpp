// libFuzzer target: the three content files and the whole-bundle validation. The first byte picks
// which file the rest replaces in the default bundle.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* kFiles[] = {"document.json", "notices.json", "hotlines.json"};
  auto files = kiosk::content::embedded_bundle_files();
  files[kFiles[data[0] % 3]] = std::string(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto result = kiosk::content::load_bundle(std::move(files));
  // Invariant: a bundle is produced exactly when nothing was wrong, and every problem is one line.
  if (result.bundle.has_value() != result.problems.empty()) __builtin_trap();
  for (const auto& p : result.problems) {
    if (p.line().find('\n') != std::string::npos) __builtin_trap();
  }
  return 0;
}
