// Reading notices.json's schema-2 lifecycle fields (SCHEMA.md, LIFECYCLE.md): a window in working
// days, objection, corrections and result. Internal to parse.cpp, which reads the rest of a notice.
#pragma once

#include <string>

#include "content/calendar.hpp"
#include "content/model.hpp"
#include "json/reader.hpp"

namespace kiosk::content::lifecycle {

// The keys a notice has only from schema 2 on (window.working_days besides).
inline constexpr const char* kSchema2Keys[] = {"objection", "corrections", "result"};
inline constexpr std::size_t kMaxCorrections = 100;  // records per notice
inline constexpr std::size_t kMaxEmailBytes = 100;
inline constexpr std::size_t kMaxObjectionUrlBytes = 200;

// The "window" object of a notice: start with end, working_days or both (they must agree).
// Sets n.window and n.declared_window when it is valid.
void read_window(const json::Json& w, const std::string& path, json::Context& ctx, int schema,
                 const Calendar& calendar, Notice& n);

// objection, corrections and result of the notice nr reads, once its window and applicants are
// read: records are checked against them, and extensions applied to n.window.
void read_lifecycle(json::ObjectReader& nr, json::Context& ctx, int schema,
                    const Calendar& calendar, Notice& n);

// Why url is not an objection url (https://, a host, URL characters only, at most
// kMaxObjectionUrlBytes); "" when it is.
std::string objection_url_problem(std::string_view url);

}  // namespace kiosk::content::lifecycle
