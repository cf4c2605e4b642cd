// libFuzzer target: kiosk.json parsing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kiosk::Problems problems;
  const auto config = kiosk::config::parse(
      std::string_view(reinterpret_cast<const char*>(data), size), "kiosk.json", problems);
  if (config.has_value() != problems.empty()) __builtin_trap();
  return 0;
}
