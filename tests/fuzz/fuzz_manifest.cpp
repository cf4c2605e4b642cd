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
  auto files = kiosk::content::embedded_bundle_files();
  files["manifest.json"] = bytes;
  (void)kiosk::content::load_bundle(std::move(files));
  return 0;
}
