// Proof that a 公示 was posted (FLEET.md "Reading the fleet"): for one notice and its 公示期, per
// kiosk, the intervals its verified display log shows the notice on the board, the gaps and why
// (stopped, power cut or crash; dimmed outside office hours is not a gap), whether the whole
// 公示期 was covered, and whether the chain and every signature verified; as data (the console)
// and as a printable A4 HTML page in Chinese (`kioskctl proof`).
//
// Contract: only records that verify under the kiosk's enrolled key count; a log that does not
// verify proves nothing (the kiosk is "not proven", with the first bad record named). An interval
// starts at notice_on and ends at notice_off, stop, or — after a power cut — at the last record
// before crash_restart, or at the crash_restart's alive_until when later (the last whole report
// before the cut: nothing was logged after it, so the board was unchanged) — what the log proves,
// nothing more. A notice still on at the log's end is
// proven on until the kiosk's last verified status.json when that status names the log's head
// (the kiosk was alive then with nothing newer to log), else until the last record. Gaps of at
// most kGraceSeconds (events are taken at the minute) are not counted.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "admin/fleet.hpp"
#include "core/civil_date.hpp"
#include "core/result.hpp"
#include "fleet/display_log.hpp"
#include "tz/office_time.hpp"

namespace kiosk::admin {

inline constexpr long long kGraceSeconds = 120;

struct ProofInterval {
  long long from = 0, to = 0;  // unix
  std::string why;  // for a gap: 关机 / 断电或崩溃 / 未显示 / …; for an interval: how it ended
};

struct KioskProof {
  std::string kiosk_id, office_name, public_key;
  bool verified = false;
  std::string verification;  // "记录 1–57 …验证通过" or the first bad record
  long long first_seq = 0, last_seq = 0;
  std::vector<ProofInterval> shown, gaps;
  int dims = 0;  // dim records inside the period (not gaps)
  bool covered = false;
};

struct ProofRequest {
  std::string notice_id, notice_title;
  CivilDate start, end;  // the 公示期, inclusive office days
  tz::Zone zone;
  long long now_unix = 0;
};

struct Proof {
  ProofRequest request;
  long long period_from = 0, period_to = 0;  // [from, to): the 公示期 (to clipped to now)
  bool ongoing = false;                      // the 公示期 has not ended yet
  std::vector<KioskProof> kiosks;
};

// One kiosk's proof from its log text (verified here under public_key) and last status (optional,
// raw status.json text).
KioskProof prove_kiosk(const ProofRequest& request, const std::string& kiosk_id,
                       const std::string& public_key, std::string_view log_text,
                       const std::optional<std::string>& status_text);

// Every enrolled kiosk (keys_dir) read from the report location.
Result<Proof> prove(const ProofRequest& request, const ReportSource& source,
                    const std::filesystem::path& keys_dir);

// The notice's title and 公示期 from a working copy / bundle DIR.
Result<ProofRequest> request_from_bundle(const std::filesystem::path& dir,
                                         const std::string& notice_id);

// The printable A4 report (UTF-8 HTML, Chinese).
std::string proof_html(const Proof& proof);

}  // namespace kiosk::admin
