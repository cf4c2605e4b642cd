// status.json: building, signing and reading a kiosk's status (see status.hpp).
#include "report/status.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "crypto/signature.hpp"

namespace kiosk::report {
namespace {

constexpr std::string_view kSignatureMember = ",\"signature\":\"";

nlohmann::ordered_json to_json(const Status& s) {
  nlohmann::ordered_json j;
  j["schema"] = 1;
  j["kiosk_id"] = s.kiosk_id;
  j["office_name"] = s.office_name;
  j["public_key"] = s.public_key;
  j["time"] = s.time;
  j["time_unix"] = s.time_unix;
  j["program_version"] = s.program_version;
  j["content"] = {{"version", s.content_version},
                  {"label", s.content_label},
                  {"manifest_sha256", s.manifest_sha256},
                  {"since", s.shown_since},
                  {"since_unix", s.shown_since_unix}};
  j["sync"] = {{"state", s.sync_state},
               {"result", s.sync_result},
               {"time", s.sync_time},
               {"failures", s.sync_failures}};
  j["uptime_s"] = s.uptime_s;
  j["rss_mb"] = std::round(s.rss_mb * 10) / 10;
  j["disk_free_mb"] = s.disk_free_mb;
  j["screen"] = s.screen;
  j["log"] = {{"head_seq", s.log_head_seq}, {"head_hash", s.log_head_hash}};
  return j;
}

}  // namespace

std::string signed_status_json(const Status& status, std::string_view secret_key) {
  // error_handler replace: a text that is not UTF-8 never throws (it came from this kiosk).
  std::string body = to_json(status).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string sig = crypto::base64_encode(crypto::sign_detached(body, secret_key));
  body.pop_back();  // the closing brace
  return body + std::string(kSignatureMember) + sig + "\"}";
}

Result<SignedParts> split_signed(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  const auto at = text.rfind(kSignatureMember);
  if (at == std::string_view::npos || text.size() < at + kSignatureMember.size() + 2 ||
      text.substr(text.size() - 2) != "\"}") {
    return Error{
        "status.json: expected a last member \"signature\" (the kiosk's signature), found none"};
  }
  SignedParts p;
  p.body = std::string(text.substr(0, at)) + "}";
  p.signature = std::string(
      text.substr(at + kSignatureMember.size(), text.size() - 2 - at - kSignatureMember.size()));
  return p;
}

Result<void> verify_status(std::string_view text, std::string_view public_key_b64) {
  auto parts = split_signed(text);
  if (!parts) return parts.error();
  if (auto ok =
          crypto::check_signature(parts->body, parts->signature, {std::string(public_key_b64)});
      !ok) {
    return Error{"status.json: signature: " + ok.error().what};
  }
  return {};
}

Result<Status> parse_status(std::string_view text) {
  if (text.size() > kMaxStatusBytes) {
    return Error{"status.json: expected at most " + std::to_string(kMaxStatusBytes) +
                 " bytes, found " + std::to_string(text.size())};
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    return Error{"status.json: expected JSON, found text that does not parse"};
  }
  if (!j.is_object()) return Error{"status.json: expected an object"};
  if (j.value("schema", 0) != 1)
    return Error{"status.json: schema: expected 1, found " +
                 j.value("schema", nlohmann::json()).dump()};
  Status s;
  try {
    const auto str = [](const nlohmann::json& o, const char* k) {
      return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
    };
    const auto num = [](const nlohmann::json& o, const char* k) -> long long {
      return o.contains(k) && o[k].is_number_integer() ? o[k].get<long long>() : 0;
    };
    s.kiosk_id = str(j, "kiosk_id");
    if (s.kiosk_id.empty()) return Error{"status.json: kiosk_id: expected a name, found none"};
    s.office_name = str(j, "office_name");
    s.public_key = str(j, "public_key");
    s.time = str(j, "time");
    s.time_unix = num(j, "time_unix");
    s.program_version = str(j, "program_version");
    const nlohmann::json empty = nlohmann::json::object();
    const auto& c = j.contains("content") && j["content"].is_object() ? j["content"] : empty;
    s.content_version = num(c, "version");
    s.content_label = str(c, "label");
    s.manifest_sha256 = str(c, "manifest_sha256");
    s.shown_since = str(c, "since");
    s.shown_since_unix = num(c, "since_unix");
    const auto& y = j.contains("sync") && j["sync"].is_object() ? j["sync"] : empty;
    s.sync_state = str(y, "state");
    s.sync_result = str(y, "result");
    s.sync_time = str(y, "time");
    s.sync_failures = static_cast<int>(num(y, "failures"));
    s.uptime_s = num(j, "uptime_s");
    s.rss_mb = j.contains("rss_mb") && j["rss_mb"].is_number() ? j["rss_mb"].get<double>() : 0;
    s.disk_free_mb = j.contains("disk_free_mb") && j["disk_free_mb"].is_number_integer()
                         ? j["disk_free_mb"].get<long long>()
                         : -1;
    s.screen = str(j, "screen");
    const auto& l = j.contains("log") && j["log"].is_object() ? j["log"] : empty;
    s.log_head_seq = num(l, "head_seq");
    s.log_head_hash = str(l, "head_hash");
  } catch (const nlohmann::json::exception&) {
    return Error{"status.json: expected the fields of a kiosk status, found other types"};
  }
  if (s.time_unix <= 0) return Error{"status.json: time_unix: expected Unix seconds, found none"};
  return s;
}

}  // namespace kiosk::report
