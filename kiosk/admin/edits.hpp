// Edits of a working copy's notices.json and hotlines.json as the console makes them: each edit
// changes the file's JSON (key order and every other byte of meaning kept), validates the whole
// bundle, and writes the file atomically only when it is acceptable (save_working_copy).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "admin/working_copy.hpp"
#include "core/problem.hpp"

namespace kiosk::admin {

// Contract for every edit below:
//  - `dir` is the working copy; the edit reads it fresh, so two edits in a row see each other.
//  - Input objects use exactly the keys of SCHEMA.md (notices.json's notice and applicant,
//    hotlines.json's hotline); an unknown key or a wrong value is refused by the bundle's own
//    validation, with the path as in the file ("notices[2].window.end", "notices[0].applicants[4]
//    .phone", "hotlines[1].number") and the message of SCHEMA.md's rules.
//  - A refused edit writes nothing and appends its problems; the function returns nullopt exactly
//    when it appended one. "No such notice/applicant" is a problem whose message starts with
//    kNotFound, so the console can answer 404.
//  - On success the reloaded working copy is returned (WorkingCopy::problems may still list what
//    was already wrong elsewhere, see save_working_copy).
inline constexpr std::string_view kNotFound = "expected an existing ";

// The notice object exactly as in notices.json (with its applicants); nullopt when none has `id`.
std::optional<nlohmann::ordered_json> notice_json(const WorkingCopy& copy, std::string_view id);
// hotlines.json's "hotlines" array as written; an empty array when the file is broken.
nlohmann::ordered_json hotlines_json(const WorkingCopy& copy);

// Adds a notice (its "applicants" may be absent: it starts with none). Its "id" must be new;
// when absent a fresh one is chosen ("notice-YYYYMMDD" on office_today(), then -2, -3 …).
// Returns the new notice's id.
std::optional<std::string> create_notice(const std::filesystem::path& dir,
                                         const nlohmann::ordered_json& notice, Problems& problems);

// Replaces the fields of notice `id` given in `fields` (keys absent are kept; "applicants" kept
// unless given; "id" may not change it). A key set to null removes an optional field.
// Setting a field of schema 2 (window.working_days, objection, corrections, result: LIFECYCLE.md)
// moves notices.json from "schema": 1 to 2; so does create_notice and add_correction.
std::optional<WorkingCopy> replace_notice(const std::filesystem::path& dir, std::string_view id,
                                          const nlohmann::ordered_json& fields, Problems& problems);

// Deletes notice `id` with its applicants.
std::optional<WorkingCopy> delete_notice(const std::filesystem::path& dir, std::string_view id,
                                         Problems& problems);

// Adds an applicant to notice `notice_id` (its "id" new within the notice; when absent a fresh
// one "a001", "a002", … is chosen). Returns the applicant's id.
std::optional<std::string> add_applicant(const std::filesystem::path& dir,
                                         std::string_view notice_id,
                                         const nlohmann::ordered_json& applicant,
                                         Problems& problems);

// Replaces applicant `applicant_id` of notice `notice_id` whole (its "id" may be absent or the
// same; a different one renames it when that id is free).
std::optional<WorkingCopy> replace_applicant(const std::filesystem::path& dir,
                                             std::string_view notice_id,
                                             std::string_view applicant_id,
                                             const nlohmann::ordered_json& applicant,
                                             Problems& problems);

std::optional<WorkingCopy> delete_applicant(const std::filesystem::path& dir,
                                            std::string_view notice_id,
                                            std::string_view applicant_id, Problems& problems);

// Sets notices.json's "public_url" (the take-home pages' https prefix, SCHEMA.md) right after
// "schema"; an empty `url` removes it.
std::optional<WorkingCopy> set_public_url(const std::filesystem::path& dir, const std::string& url,
                                          Problems& problems);

// Adds a record to notice `notice_id`'s "corrections" (SCHEMA.md: id, date, kind, text and the
// kind's keys), in date order: after every record of its date or earlier. Without "id" one is made
// ("r1", "r2", …). Returns the record's id. The bundle's validation judges it (an unknown
// applicant, a date before the window, an extension into a year calendar.json lacks …).
std::optional<std::string> add_correction(const std::filesystem::path& dir,
                                          std::string_view notice_id,
                                          const nlohmann::ordered_json& record, Problems& problems);

// Removes record `record_id` from notice `notice_id`'s corrections (a mistake not yet published;
// what was published stays in .history and the kiosks' screens until the next version).
std::optional<WorkingCopy> delete_correction(const std::filesystem::path& dir,
                                             std::string_view notice_id, std::string_view record_id,
                                             Problems& problems);

// Replaces hotlines.json's list with `hotlines` (a JSON array of hotline objects).
std::optional<WorkingCopy> replace_hotlines(const std::filesystem::path& dir,
                                            const nlohmann::ordered_json& hotlines,
                                            Problems& problems);

}  // namespace kiosk::admin
