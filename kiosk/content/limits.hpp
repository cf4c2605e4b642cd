// The documented limits of content files (SCHEMA.md's table); validation enforces them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kiosk::content::limits {

// Every content file: document.json, notices.json, hotlines.json, an asset, an imported CSV sheet
// (LoadOptions, the CSV importer, kioskctl import-csv and sign all read with this one).
inline constexpr std::uint64_t kMaxFileBytes = 16ull << 20;
inline constexpr std::size_t kMaxNotices = 100;
inline constexpr std::size_t kMaxApplicantsPerNotice = 10000;
inline constexpr std::size_t kMaxHotlines = 200;
inline constexpr std::size_t kMaxParagraphs = 500;
inline constexpr std::size_t kMaxSections = 100;
inline constexpr std::size_t kMaxIndicators = 20;
inline constexpr std::size_t kMaxTitleChars = 200;
inline constexpr std::size_t kMaxPersonChars = 50;
inline constexpr std::size_t kMaxLabelChars = 200;
inline constexpr std::size_t kMaxPhoneChars = 40;
inline constexpr std::size_t kMaxParagraphChars = 10000;
inline constexpr std::size_t kMaxOpinionChars = 2000;
inline constexpr std::size_t kMaxManifestFiles = 1000;

}  // namespace kiosk::content::limits
