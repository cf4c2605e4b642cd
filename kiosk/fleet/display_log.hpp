// The display log: an append-only, hash-chained, signed record of what the screen showed
// (FLEET.md "The display log"), its verification, and its bound.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "fleet/identity.hpp"
#include "tz/office_time.hpp"

namespace kiosk::fleet {

// Contract — the file STATE_DIR/display-log.jsonl:
//   - One record per line, `BODY\tSIG\n`. BODY is compact JSON, its members in this order:
//     `seq` (1, 2, … with no gap), `time` (RFC 3339 with the office's offset: config timezone via
//     kiosk/tz, never the PC's zone), `event`, `prev` (sha256 hex of the previous record's BODY
//     bytes; 64 zeros for seq 1), then the event's fields. SIG is standard base64 of the Ed25519
//     signature of BODY's exact bytes by the kiosk's key.
//   - Events (fixed names; kioskctl proof reads them):
//       start {version, manifest_sha256}            stop {}
//       crash_restart {last_seq[, torn_bytes][, alive_until]}  (at start, when the last run did
//                 not end with stop; alive_until: RFC 3339 of that run's last whole report)
//       content {version, manifest_sha256}         dim {}   wake {}
//       notice_on {notice, reason: window_start | content | start}
//       notice_off {notice, reason: window_end | terminated | content | stop}
//       offline {reason}   online {}
//       prune {through_seq, through_hash}
//   - Pruning: records older than log_days (by their time, counted back from the earlier of now
//     and the newest record's time, so one record from a clock run far ahead wipes nothing) are
//     removed by rewriting the file
//     atomically; the rewritten file ends with a new `prune` record (the next seq, chained as
//     any other) whose through_seq / through_hash name the last removed record, so the first kept
//     record's prev is anchored by a signed record and verification starts there. At most one
//     prune a day; the file is also kept under kMaxLogBytes (the oldest records go first).
//   - Durability: each append is one write(2) of the whole line followed by fdatasync; a new file
//     is followed by an fsync of the directory; a prune is temporary file, fsync, rename, fsync of
//     the directory. A power cut or SIGKILL at any instant loses at most the record being written:
//     open() finds a torn last line (no '\n', or not a record at all: zeros, part of a block),
//     truncates it away and says so (torn_bytes), and the chain goes on from the last whole record.
inline constexpr std::string_view kLogFile = "display-log.jsonl";
inline constexpr int kDefaultLogDays = 400;
inline constexpr std::uintmax_t kMaxLogBytes = 16ull * 1024 * 1024;
inline constexpr std::size_t kMaxRecordBytes = 4096;  // one line; longer fields are refused
inline constexpr std::string_view kZeroHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct LogRecord {
  long long seq = 0;
  std::string time;
  long long time_unix = 0;
  std::string event;
  std::string prev;         // sha256 hex of the previous record's BODY (64 zeros for seq 1)
  nlohmann::json fields;    // the event's own members (not seq, time, event, prev)
  std::string body_sha256;  // sha256 hex of BODY
  std::string line;         // the whole line, without its '\n'
};

// Parses one line (without '\n') and checks its signature; not its place in the chain.
Result<LogRecord> parse_record(std::string_view line, std::string_view public_key_b64);

// Verifies a whole log text (or a concatenation of segments) under the kiosk's public key: every
// line whole, signed, seq one more than the last, prev the hash of the last BODY; a text that does
// not start at seq 1 must hold the prune record anchoring its first record. Error names the first
// bad record: "record 17 (line 17): signature does not verify".
Result<std::vector<LogRecord>> verify_log(std::string_view text, std::string_view public_key_b64);

class DisplayLog {  // append-only, fsync discipline, bounded by log_days
 public:
  // Opens (creating when missing) STATE_DIR/display-log.jsonl: repairs a torn tail, finds the
  // head, prunes when due. zone: the office's zone every record's time is written in.
  static Result<DisplayLog> open(const std::filesystem::path& state_dir, Identity id, int log_days,
                                 tz::Zone zone = tz::Zone());
  DisplayLog(DisplayLog&& other) noexcept;
  DisplayLog& operator=(DisplayLog&& other) noexcept;
  DisplayLog(const DisplayLog&) = delete;
  DisplayLog& operator=(const DisplayLog&) = delete;
  ~DisplayLog();

  // Appends one record (durable when it returns Ok). fields: an object without seq/time/event/prev.
  Result<void> append(std::string_view event, nlohmann::json fields,
                      long long now_unix /*office time via tz*/);
  [[nodiscard]] long long head_seq() const;
  [[nodiscard]] std::string head_hash() const;
  // Lines with seq > after (for the uploader), each ending in '\n'.
  Result<std::string> records_after(long long after) const;

  // What open found: the last record's event ("" for an empty log) — "stop" after a clean exit —
  // and how many bytes of a torn or unverifiable last line it cut away (0 when none).
  [[nodiscard]] const std::string& last_event() const { return last_event_; }
  [[nodiscard]] std::uintmax_t torn_bytes() const { return torn_bytes_; }
  // A log whose last records do not verify under this kiosk's key (identity.key was replaced, or
  // the file was altered) is not chained onto: open() renames it display-log.jsonl.unusable-UNIX
  // and starts a new one; this line says so ("" when not).
  [[nodiscard]] const std::string& moved_aside() const { return moved_aside_; }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] const Identity& identity() const { return id_; }

 private:
  DisplayLog() = default;
  Result<void> prune_if_due(long long now_unix);
  Result<void> write_line(const std::string& line);
  std::filesystem::path dir_, path_;
  Identity id_;
  tz::Zone zone_;
  int log_days_ = kDefaultLogDays;
  int fd_ = -1;
  long long head_seq_ = 0;
  std::string head_hash_ = std::string(kZeroHash);
  long long first_time_unix_ = 0;  // the oldest kept record's time (0: empty)
  long long head_time_unix_ = 0;   // the newest record's time (0: empty)
  std::uintmax_t size_ = 0;
  std::string last_event_;
  std::uintmax_t torn_bytes_ = 0;
  std::string moved_aside_;
};

// TEST ONLY: called with the step's name just before each write, fsync and rename the log makes
// ("append.write", "append.fsync", "create.dirsync", "prune.write", "prune.fsync",
// "prune.rename", "prune.dirsync"), so a test can SIGKILL itself at every one of them. Unset: no
// cost beyond a null check.
void set_step_hook_for_test(std::function<void(std::string_view step)> hook);

}  // namespace kiosk::fleet
