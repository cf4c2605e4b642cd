// Uploading one report to REPORT_URL/KIOSK_ID/ through the hardened HTTP client (net/http.hpp):
// WebDAV PUT with basic auth, or S3 (AWS SigV4, path style) — the same two ways kioskctl publish
// writes a bundle.
//
// Contract (layout on the server, FLEET.md, PLAN19): KIOSK_ID/status.json (status.hpp),
// KIOSK_ID/screen.png, KIOSK_ID/log/<first seq, 12 digits>.jsonl (display-log lines, BODY\tSIG\n,
// exactly as in the kiosk's STATE_DIR/display-log.jsonl) and KIOSK_ID/log/index.json
// {"kiosk_id","segments":[{"name","first","last","sha256"}]} in seq order. Order of one report: the
// log segments, index.json, screen.png, status.json last (a status names a log head that is there).
// A segment stays open (rewritten with the records added since) for a week or up to kSegmentBytes,
// then a new one begins; segments whose records the kiosk has pruned are deleted. What was
// uploaded is kept in STATE_DIR/report-state.json; one report at a time holds
// report-state.json.lock (the kiosk's thread and `kiosk --report-once` wait their turn, at most
// 60 s). One report is bounded: kMaxSegmentsPerReport segments, kMaxScreenshotBytes, and the
// client's deadline.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "net/http.hpp"

namespace kiosk::report {

inline constexpr std::string_view kStateFile = "report-state.json";  // in STATE_DIR
inline constexpr std::size_t kSegmentBytes = 256 * 1024;
inline constexpr long long kSegmentSeconds = 7 * 86400;  // a week: about 60 segments in 400 days
inline constexpr std::size_t kMaxSegmentsPerReport = 8;
inline constexpr std::size_t kMaxScreenshotBytes = 512 * 1024;
inline constexpr std::uintmax_t kMaxLogBytes = 64ull << 20;  // the local log read at most

struct Destination {
  std::string url;  // http(s)://… or s3://BUCKET/PREFIX (config report.url)
  std::string user;
  std::filesystem::path password_file;  // first line is the password
  std::string ca_file, pinned_public_key;
  // S3: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION (or AWS_DEFAULT_REGION, else
  // us-east-1), AWS_ENDPOINT_URL (else https://s3.REGION.amazonaws.com).
  std::string aws_access_key_id, aws_secret_access_key, aws_region, aws_endpoint;
};

// Destination's S3 fields from the process environment.
void read_aws_environment(Destination& d);

struct Target {
  std::string base_url;   // …/KIOSK_ID/ (always ending in '/')
  std::string shown_url;  // for messages: no credentials
  std::optional<net::BasicAuth> basic;
  std::optional<net::AwsSigV4> aws;
  net::Options options;
};

// Checks a destination and reads the password file. A password over plain http is refused off
// loopback. The Error never contains the password.
Result<Target> resolve_target(const Destination& d, const std::string& kiosk_id);

struct Upload {
  std::string status_json;                // signed (status.hpp)
  std::optional<std::string> screenshot;  // PNG bytes
  std::filesystem::path log_file;         // STATE_DIR/display-log.jsonl ("" : none)
  std::filesystem::path state_file;       // STATE_DIR/report-state.json
  std::string kiosk_id;
  long long now_unix = 0;
};

struct UploadResult {
  std::uint64_t bytes = 0;  // request bodies sent
  int files = 0;
  long long log_through = 0;  // the last display-log seq on the server
  bool log_pending = false;   // more records than one report carries: the next takes them
  std::string line;           // "reported to URL (3 files, 4.1 KiB, log through 17)"
};

// One report. Error: one line naming the file and what the server said, never a credential.
// After status.json is up, report-state.json records the report's time (now_unix).
Result<UploadResult> upload(const Target& target, net::Client& client, const Upload& what);

// The time of the last whole report recorded in STATE_DIR/report-state.json (0: none, or the file
// unreadable): the kiosk was alive then (DisplayEvents puts it in crash_restart as alive_until).
long long last_reported_unix(const std::filesystem::path& state_file);

// Head of a display log text: the last complete line's seq and the sha256 hex of its body.
struct LogHead {
  long long seq = 0;
  std::string hash;
};
LogHead log_head(std::string_view log_text);

}  // namespace kiosk::report
