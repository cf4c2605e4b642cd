// status.json: what one kiosk reports about itself (FLEET.md "Reports"), built, signed with the
// kiosk's own Ed25519 key and read back. One file, signature embedded, so a reader never sees a
// status with the signature of another upload.
//
// Contract (the bytes on the server, REPORT_URL/KIOSK_ID/status.json):
//   {"schema":1,"kiosk_id":…,…every field of Status…,"signature":"BASE64"}
// compact JSON whose LAST member is "signature": the standard base64 of the Ed25519 signature of
// the same text with `,"signature":"…"` removed (the bytes before `,"signature":"` followed by
// `}`). The verifier cuts exactly there; a reader that ignores "signature" reads an ordinary
// object.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kiosk::report {

inline constexpr std::size_t kMaxStatusBytes = 16 * 1024;

struct Status {
  std::string kiosk_id, office_name;
  std::string public_key;  // base64, for the reader's convenience (verification uses --keys)
  std::string time;        // RFC 3339 with the office offset
  long long time_unix = 0;
  std::string program_version;    // the kiosk program's version
  long long content_version = 0;  // 0: the embedded default content
  std::string content_label;      // "版本 12" / "内置默认内容"
  std::string manifest_sha256;    // of the manifest shown ("" for the embedded content)
  std::string shown_since;        // RFC 3339: when this content went on screen
  long long shown_since_unix = 0;
  // sync: "ok" (the last round installed or found the content current), "failed", "none" (no
  // server configured), "waiting" (no round yet).
  std::string sync_state = "none";
  std::string sync_result;  // the last round's one line
  std::string sync_time;    // RFC 3339 of the last round ("" before the first)
  int sync_failures = 0;    // consecutive
  long long uptime_s = 0;
  double rss_mb = 0;
  long long disk_free_mb = -1;  // of state_dir's file system; -1 unknown
  std::string screen;           // "on" (screen name after a colon: "on:home"), "dimmed"
  long long log_head_seq = 0;
  std::string log_head_hash;  // sha256 hex of the last record's body ("" without a log)

  bool operator==(const Status&) const = default;
};

// Status -> the signed bytes of status.json (secret_key: 64 raw bytes).
std::string signed_status_json(const Status& status, std::string_view secret_key);

// The bytes the signature covers and the signature text, cut as the contract says; an Error when
// there is no trailing "signature" member.
struct SignedParts {
  std::string body;       // the JSON without the signature member
  std::string signature;  // base64
};
Result<SignedParts> split_signed(std::string_view text);

// Reads status.json (signature not checked here: verify_status). Error: "status.json: …".
Result<Status> parse_status(std::string_view text);

// Checks the embedded signature under a base64 public key.
Result<void> verify_status(std::string_view text, std::string_view public_key_b64);

}  // namespace kiosk::report
