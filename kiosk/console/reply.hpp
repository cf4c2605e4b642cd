// The answer conventions of the console's JSON API (API.md "Conventions"), shared by every route
// file (api.cpp, api_lifecycle.cpp, api_trust.cpp, api_fleet.cpp): one JSON body per answer,
// problems as {file, where, field, message}, refusals of the admin library as 404 or 422.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "core/problem.hpp"

namespace kiosk::console {

using OrderedJson = nlohmann::ordered_json;

// status and body as JSON (UTF-8). Text from the request (an id in the path) may be invalid UTF-8:
// replaced, never a throw.
void reply(httplib::Response& res, int status, const OrderedJson& body);

// [{"file", "where", "field", "message"}…]: field is the form field a problem's path names.
OrderedJson problems_json(const Problems& problems);

// An edit the admin library refused: 404 when it names something that does not exist, else 422.
void refused(httplib::Response& res, const Problems& problems);

// The request body as JSON with its keys in the order sent (a new notice is written in that
// order). The project's reader checks it first (UTF-8, nesting depth, duplicate keys); nullopt
// after answering 400 with the problems.
std::optional<OrderedJson> body_json(const httplib::Request& req, httplib::Response& res);

}  // namespace kiosk::console
