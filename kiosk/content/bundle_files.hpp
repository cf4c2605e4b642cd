// The names of a bundle's files (BUNDLE.md): one definition for the loader, the sync round and
// cache, and kioskctl, so no module spells them itself.
#pragma once

#include <array>
#include <map>
#include <string>
#include <utility>

#include "core/files.hpp"

namespace kiosk::content {

// A bundle's files: bundle-relative name -> bytes (read, mapped or in memory).
using FileMap = std::map<std::string, files::Bytes>;

// The same files held as they are (the strings moved, not copied).
inline FileMap file_map(std::map<std::string, std::string> files) {
  FileMap held;
  for (auto& [name, bytes] : files) held.emplace(name, std::move(bytes));
  return held;
}

}  // namespace kiosk::content

namespace kiosk::content::bundle_files {

inline constexpr char kDocument[] = "document.json";
inline constexpr char kNotices[] = "notices.json";
inline constexpr char kHotlines[] = "hotlines.json";
// The working-day calendar (LIFECYCLE.md): optional; read before notices.json, whose working-day
// windows count over it.
inline constexpr char kCalendar[] = "calendar.json";
inline constexpr char kManifest[] = "manifest.json";
inline constexpr char kSignature[] = "manifest.sig";  // detached Ed25519 signature of manifest.json
inline constexpr char kAssetsDir[] = "assets/";  // the prefix of every other file a manifest lists

// The three content files every bundle has, in the order they are read and reported.
inline constexpr std::array<const char*, 3> kContentFiles{kDocument, kNotices, kHotlines};
// The content files a bundle may have besides those, listed in the manifest when present.
inline constexpr std::array<const char*, 1> kOptionalContentFiles{kCalendar};

}  // namespace kiosk::content::bundle_files
