// The display log fed from the kiosk's real state changes (FLEET.md): what the board shows is
// compared after each change and the differences become records, written by a small thread so
// no frame waits for an fsync.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <thread>

#include "config/config.hpp"
#include "fleet/display_log.hpp"
#include "platform/log.hpp"
#include "tz/office_time.hpp"

namespace kiosk::app {

// What the board shows, as the display log sees it.
struct BoardState {
  long long version = 0;          // the manifest's version; 0: the embedded default
  std::string manifest_sha256;    // "" when there is no manifest (embedded, unsigned --content)
  std::set<std::string> notices;  // ids of the notices on the board: 公示期 contains today
  // ids of the notices ended early by a termination (终止公示): leaving the board, they are
  // notice_off {reason: terminated}, not window_end.
  std::set<std::string> terminated;
  bool dimmed = false;         // outside office hours, 待机 dimmed
  bool offline = false;        // sync cannot reach the server (3 failed rounds in a row)
  std::string offline_reason;  // the last round's line
  bool operator==(const BoardState&) const = default;
};

// Contract:
//   - start() opens state_dir's identity and display log only when state_dir exists (systemd's
//     StateDirectory=kiosk makes it; a development run leaves nothing behind). Else, or when the
//     key or log cannot be opened, it logs one line and returns nullptr: the screen never depends
//     on the log.
//   - The first observe() writes crash_restart {last_seq[, torn_bytes][, alive_until]} when the
//     last run did not end with stop (alive_until: the time of that run's last whole report,
//     STATE_DIR/report-state.json, when it has one: the kiosk was alive then), then start {version,
//     manifest_sha256}, notice_on {reason: start} for each notice on the board, dim when dimmed,
//     offline when offline.
//   - Later observe() calls write what changed since the last one: content {version,
//     manifest_sha256} and notice_on/off {reason: content} after a swap, notice_on {window_start}
//     and notice_off {window_end, or terminated for a notice in `terminated`} when the office
//     date moves a notice's 公示期, dim/wake,
//     offline {reason}/online.
//   - Records are queued and written in order by one thread (DisplayLog's write + fdatasync);
//     observe() never blocks on the disk. stop() writes notice_off {reason: stop} for each notice
//     and stop, and returns when they are durable.
//   - Times are the office's (the kiosk's tz::Clock), never the PC's zone.
class DisplayEvents {
 public:
  static std::unique_ptr<DisplayEvents> start(const config::Config& config, const tz::Zone& zone,
                                              platform::Logger& log);
  ~DisplayEvents();
  DisplayEvents(const DisplayEvents&) = delete;
  DisplayEvents& operator=(const DisplayEvents&) = delete;

  void observe(const BoardState& now, bool content_changed, long long now_unix);
  void stop(long long now_unix);

 private:
  DisplayEvents(fleet::DisplayLog log, platform::Logger& journal, std::string alive_until);
  struct Item {
    std::string event;
    nlohmann::json fields;
    long long time = 0;
  };
  void push(std::string event, nlohmann::json fields, long long now_unix);
  void run();

  platform::Logger& journal_;
  fleet::DisplayLog log_;  // used by the writer thread only, after construction
  long long open_head_ = 0;
  std::string open_last_event_;
  std::uintmax_t open_torn_ = 0;
  std::string open_alive_until_;  // RFC 3339, or "" when no earlier report is known
  std::optional<BoardState> last_;
  std::mutex mutex_;
  std::condition_variable wake_, drained_;
  std::deque<Item> queue_;
  bool busy_ = false, done_ = false, stopped_ = false;
  std::thread thread_;
};

// kiosk --identity: prints "kiosk_id: ID" and "public_key: BASE64" (as in PREFIX.pub), making
// the key in state_dir (and state_dir, mode 0700) when missing. Refuses to make a key in a
// state_dir another user owns (it could not read it). 0, or 1 with one line on err.
int print_identity(const config::Config& config, std::ostream& out, std::ostream& err);

// The sha256 of DIR/manifest.json when it holds that version (read at a content swap, not per
// frame); "" when there is none or it holds another version.
std::string manifest_sha256_in(const std::filesystem::path& dir, long long version);

}  // namespace kiosk::app
