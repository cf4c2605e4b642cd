// libFuzzer target: the three content file parsers and the cross-file validation. The first byte
// picks the file; the rest is its bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/parse.hpp"

namespace {

// Every problem is one line, and a value is produced exactly when nothing was wrong.
template <typename T>
void check(const std::optional<T>& value, const kiosk::Problems& problems) {
  if (value.has_value() != problems.empty()) __builtin_trap();
  for (const auto& p : problems) {
    if (p.line().find('\n') != std::string::npos) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const kiosk::content::Bundle kDefault = *kiosk::content::load_embedded_bundle().bundle;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  kiosk::Problems problems;
  switch (data[0] % 3) {
    case 0:
      check(kiosk::content::parse_document(bytes, problems), problems);
      break;
    case 1: {
      const auto notices = kiosk::content::parse_notices(bytes, problems);
      check(notices, problems);
      if (notices) {
        kiosk::content::Bundle bundle = kDefault;
        bundle.notices = *notices;
        kiosk::content::validate_cross(bundle, problems);
      }
      break;
    }
    default:
      check(kiosk::content::parse_hotlines(bytes, problems), problems);
      break;
  }
  return 0;
}
