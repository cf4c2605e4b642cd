// The default upper bound on a whole content bundle: one figure for config (content.max_bundle_mb),
// content (LoadOptions), net (the download limit) and sync (the cache), which share only core.
#pragma once

#include <cstdint>

namespace kiosk {

inline constexpr int kDefaultMaxBundleMiB = 32;
inline constexpr std::uint64_t kDefaultMaxBundleBytes =
    static_cast<std::uint64_t>(kDefaultMaxBundleMiB) << 20;

}  // namespace kiosk
