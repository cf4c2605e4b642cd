// Writing content back to JSON (kioskctl import-csv): the shape SCHEMA.md documents, keys in
// the documented order, 2-space indentation, UTF-8 as is.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.hpp"
#include "core/problem.hpp"

namespace kiosk::content {

nlohmann::ordered_json applicant_to_json(const Applicant& a);

// Returns notices.json's bytes with the applicants of notice `notice_id` replaced, every other
// byte of meaning kept (key order included). nullopt plus a problem when the file does not parse or
// has no such notice.
std::optional<std::string> replace_applicants(std::string_view notices_json,
                                              std::string_view notice_id,
                                              const std::vector<Applicant>& applicants,
                                              Problems& problems);

}  // namespace kiosk::content
