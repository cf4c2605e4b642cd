// Reading the fleet (FLEET.md "Reading the fleet"): every kiosk's status.json under a report
// location, verified against its enrolled key, judged 正常 / 内容落后 / 同步失败 / 离线 / 未登记
// (and 签名无效 for a status its enrolled key does not verify), problems first. Used by `kioskctl
// fleet` and the console's fleet page.
//
// Contract: kiosks are found by listing FROM (an nginx `autoindex_format json` listing, a WebDAV
// PROPFIND Depth 1, S3 ListObjectsV2 for s3://, or a local directory) and always by the
// KIOSK_ID.pub files of keys_dir. A status older than offline_after is 离线 (a kiosk with a key
// and no status too); one whose last sync failed is 同步失败 (with its reason); one showing a
// version below the newest (the content server's manifest.json when content_url is given, else
// the highest any verified kiosk shows) is 内容落后.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "net/http.hpp"
#include "report/status.hpp"
#include "tz/office_time.hpp"

namespace kiosk::admin {

// Where reports are read from: an http(s) URL, s3://BUCKET/PREFIX (AWS_* variables and
// AWS_ENDPOINT_URL), or a local directory.
struct ReportSource {
  std::string from;
  std::optional<net::BasicAuth> basic;
  std::string ca_file;
};

// A reader of one report location (connection reused across requests).
class ReportReader {
 public:
  static Result<ReportReader> open(const ReportSource& source);
  // The kiosk ids the location lists (sub-directories / common prefixes). Error when it cannot
  // be listed (the caller may still use --keys).
  Result<std::vector<std::string>> list();
  // KIOSK_ID/relative's bytes; nullopt when absent (404 / no file).
  Result<std::optional<std::string>> get(const std::string& kiosk_id, const std::string& relative,
                                         std::uint64_t max_bytes);
  // The whole display log of a kiosk (log/index.json and its segments, each checked against the
  // index's sha256), concatenated.
  Result<std::string> display_log(const std::string& kiosk_id);
  [[nodiscard]] std::string url_of(const std::string& kiosk_id, const std::string& relative) const;
  [[nodiscard]] bool is_local() const { return local_; }

 private:
  ReportSource source_;
  bool local_ = false;
  std::string base_;  // ending in '/'
  std::optional<net::AwsSigV4> aws_;
  std::string s3_endpoint_, s3_bucket_, s3_prefix_;
  std::shared_ptr<net::Client> client_;
};

enum class KioskState { Ok, Behind, SyncFailed, Offline, Unenrolled, BadSignature };
// 正常 / 内容落后 / 同步失败 / 离线 / 未登记 / 签名无效
const char* state_name(KioskState s);
// Problems first: the order rows are sorted in (lower first).
int state_rank(KioskState s);

struct KioskRow {
  std::string kiosk_id;
  KioskState state = KioskState::Offline;
  std::string reason;  // why (the sync's line, the signature's error, "no report yet")
  bool has_status = false;
  bool enrolled = false;
  report::Status status;
  long long newest_version = 0;
};

struct FleetOptions {
  ReportSource source;
  std::optional<std::filesystem::path> keys_dir;
  long long offline_after_s = 15 * 60;
  std::string content_url;  // the content server (manifest.json's version is the newest)
  long long now_unix = 0;
};

struct Fleet {
  std::vector<KioskRow> rows;  // problems first, then by id
  long long newest_version = 0;
  std::string listing_note;  // "" or why the location could not be listed
  [[nodiscard]] bool healthy() const;
};

// The enrolled keys: DIR/KIOSK_ID.pub -> base64 key. Error names a bad file.
Result<std::vector<std::pair<std::string, std::string>>> read_enrolled_keys(
    const std::filesystem::path& dir);

Result<Fleet> read_fleet(const FleetOptions& options);

// One line per kiosk, as `kioskctl fleet` prints it, plus a summary line.
std::vector<std::string> fleet_lines(const Fleet& fleet, const tz::Zone& zone);

}  // namespace kiosk::admin
