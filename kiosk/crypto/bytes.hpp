// Inside the crypto module only: std::string bytes as libsodium's unsigned char, and the
// whitespace trim applied to one-line key and signature files.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::crypto::detail {

inline const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
inline unsigned char* bytes_of(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

// Spaces, tabs and line ends at both ends removed.
inline std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace kiosk::crypto::detail
