// How long an ended notice stays readable under 往期公示 by default: one figure for config
// (archive_days), ui (Model::archived) and admin (sign's silent-removal rule), which share only
// core.
#pragma once

namespace kiosk {

// Days after its last day on the board (LIFECYCLE.md "Results and the archive").
inline constexpr int kDefaultArchiveDays = 90;

}  // namespace kiosk
