// libFuzzer target: the root parser (trust::parse_root) and the .sig parser, and the chain step
// over them. Input: root.json bytes, optionally followed by a NUL byte and .sig text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "trust/root.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  const std::string_view json = input.substr(0, nul);
  const std::string_view sig = nul == std::string_view::npos ? "" : input.substr(nul + 1);
  const auto root = kiosk::trust::parse_root(json);
  if (root) {
    // Whatever parses serializes to a root that parses to the same root, and stays in bounds.
    if (root->keys.empty() || root->threshold < 1 ||
        root->threshold > static_cast<int>(root->keys.size()) ||
        root->keys.size() > kiosk::trust::kMaxRootKeys || root->version < 1)
      __builtin_trap();
    const auto again = kiosk::trust::parse_root(kiosk::trust::serialize_root(*root));
    if (!again || !(*again == *root)) __builtin_trap();
  } else if (root.error().what.empty() || root.error().what.find('\n') != std::string::npos) {
    __builtin_trap();  // every refusal is one line
  }
  const auto sigs = kiosk::trust::parse_signatures(sig);
  if (sigs && sigs->size() > kiosk::trust::kMaxSignatureLines) __builtin_trap();
  // The chain step from a fixed trusted root (no key of it signed anything here: never accepted).
  kiosk::trust::Root trusted;
  trusted.keys = {"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="};
  if (kiosk::trust::verify_next_root(trusted, json, sig)) __builtin_trap();
  (void)kiosk::trust::count_signatures(json, sig, root ? *root : trusted);
  return 0;
}
