// Nothing on a running 公示 disappears silently (LIFECYCLE.md): what sign refuses when a notice or
// an applicant of the last signed version is gone from the next one.
#pragma once

#include <filesystem>
#include <optional>

#include "content/model.hpp"
#include "core/archive_days.hpp"
#include "core/civil_date.hpp"
#include "core/problem.hpp"

namespace kiosk::admin {

// The last signed version of DIR that can still be read: the .history copy of the version its
// manifest.json has (the manifest sign is about to replace), else the newest .history copy.
// nullopt when neither exists (a first sign) or its notices.json does not load.
struct SignedVersion {
  long long version = 0;
  std::vector<content::Notice> notices;
};
std::optional<SignedVersion> last_signed_version(const std::filesystem::path& dir);

// Appends one problem (notices.json) per notice or applicant of `before` that `next` lacks:
//   - a notice may go only once its archive time ran out (today > board_end() + archive_days) or
//     before its window began; else it stays, ended or with a terminated record;
//   - an applicant may go only before its notice's window began; else it stays, with a withdrawn
//     record (shown 已撤回).
void check_no_silent_removal(const SignedVersion& before, const std::vector<content::Notice>& next,
                             CivilDate today, int archive_days, Problems& problems);

}  // namespace kiosk::admin
