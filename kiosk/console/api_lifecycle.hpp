// The console's lifecycle routes (API.md, "The life of a 公示"): a notice's working-day window,
// objection, corrections and result (LIFECYCLE.md), over the admin library's edits.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <mutex>

#include "console/reply.hpp"
#include "content/model.hpp"

namespace kiosk::console {

// A window as the API gives it: {"start", "end", "working_days": N | null} (null: in calendar
// days), in GET /api/bundle and the lifecycle routes alike.
OrderedJson window_json(const content::NoticeWindow& w);

// Installs GET/PUT /api/notices/{id}/lifecycle, POST /api/notices/{id}/corrections and
// DELETE /api/notices/{id}/corrections/{rid} on `server`; `edit` is the console's one lock for
// changes of `dir` (both outlive the server).
void install_lifecycle_api(httplib::Server& server, const std::filesystem::path& dir,
                           std::mutex& edit);

}  // namespace kiosk::console
