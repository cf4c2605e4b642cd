// The administrator's side of TRUST.md: the roots a bundle directory carries (DIR/root/N.json +
// N.sig), how many signatures its manifest has of how many its root requires, co-signing, writing
// and signing the next root, and exporting a signed bundle to a USB stick (PATH/kiosk-bundle/).
//
// Contract:
//  - A bundle directory may hold root/1.json … root/N.json (each with its N.sig), written by
//    `kioskctl root new` and `root sign`. The newest one is the root its manifest is counted
//    against; without root/ the kiosk's configured keys count, threshold 1 (as before roots).
//  - cosign adds one signature line to manifest.sig and never changes manifest.json; it refuses a
//    key already signed with, a key outside the newest root, a manifest the files no longer match.
//  - root_new writes root/N.json with N one above the newest there (1 when none); root_sign adds a
//    line to root/N.sig and refuses a key that is neither root N's nor root N-1's (it would count
//    for nothing). Root N+1 needs root N's threshold AND its own.
//  - export_bundle writes PATH/kiosk-bundle/ whole or not at all (a temporary folder renamed into
//    place, each file fsynced): manifest.json, manifest.sig, root/, each file at its manifest path.
//  - Every refusal is one line naming the file; a secret key never appears in any of them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"
#include "core/result.hpp"
#include "trust/root.hpp"
#include "tz/office_time.hpp"

namespace kiosk::admin {

inline constexpr long long kDefaultRootExpiresInDays = 365;

// DIR/root/: every N.json (with its N.sig, "" when absent), by version.
struct RootFile {
  std::string json, sig;
};
struct BundleRoots {
  std::map<long long, RootFile> files;  // version -> bytes, as on disk
  std::optional<trust::Root> newest;    // the newest one, parsed
  [[nodiscard]] long long newest_version() const { return newest ? newest->version : 0; }
};
// Reads DIR/root/ (absent: no roots). Error when a name is not N.json/N.sig, a file is too large,
// or the newest does not parse: "root/3.json: keys[1]: expected …".
Result<BundleRoots> read_roots(const std::filesystem::path& dir);

// A root.json file (content.root_file), parsed strictly; the error names the file.
Result<trust::Root> read_root_file(const std::filesystem::path& file);

// The root chain in DIR/root/ as a kiosk walks it: versions 1 … N without a gap, each N.json
// parses; from `config_root` (the kiosks' configuration: version 0 of content.trusted_keys with
// content.threshold, or content.root_file's version) each next root follows the one before
// (trust::verify_next_root); without it root 1 need only meet its own threshold. One problem per
// break.
void check_root_chain(const BundleRoots& roots, const std::optional<trust::Root>& config_root,
                      Problems& problems);

// The signatures of DIR's manifest against the root that counts (the newest in DIR/root/, else
// version 0 of `trusted` with threshold 1).
struct SignatureStatus {
  trust::Tally tally;
  long long root_version = 0;
  bool root_in_dir = false;  // false: counted against the configured keys
  bool checked = false;      // false: no root and no keys given, nothing to count against
  int lines = 0;             // signature lines in manifest.sig
  [[nodiscard]] bool met() const { return checked && tally.valid >= tally.required; }
  // "signatures: 2 of 2 (root version 3)", "signatures: 1 of 2: needs one more signature by a key
  // of root version 3", "signatures: 0 of 1: …"; "" when not checked.
  [[nodiscard]] std::string line() const;
};
// Error when manifest.json or manifest.sig is missing or unreadable, or the roots cannot be read.
Result<SignatureStatus> signature_status(const std::filesystem::path& dir,
                                         const std::vector<std::string>& trusted);

struct CosignReport {
  std::string public_key;  // the co-signer's, base64
  SignatureStatus status;  // after the new line
};
// Adds one signature by `secret_key` (64 bytes) to DIR/manifest.sig. `key_name` names the key file
// in messages. `trusted`: the configured keys, for a DIR without roots.
Result<CosignReport> cosign(const std::filesystem::path& dir, std::string_view secret_key,
                            const std::string& key_name, const std::vector<std::string>& trusted);

struct RootNewReport {
  std::filesystem::path file;  // DIR/root/N.json
  trust::Root root;
};
// `keys`: base64 public keys (read_public_keys); distinct, 1 to trust::kMaxRootKeys; threshold
// 1 … keys; expires_in_days 1 … 3650, written as RFC 3339 with the office offset.
Result<RootNewReport> root_new(const std::filesystem::path& dir,
                               const std::vector<std::string>& keys, int threshold,
                               long long expires_in_days, const tz::Clock& clock);

struct RootSignReport {
  std::filesystem::path sig_file;
  long long version = 0;
  trust::Tally own;                      // root N's own keys
  std::optional<trust::Tally> previous;  // root N-1's keys, when DIR has N-1 (else the config's)
  std::string line;                      // what is signed and what is still needed
};
// Adds a signature to the N.sig beside root_json (…/root/N.json).
Result<RootSignReport> root_sign(const std::filesystem::path& root_json,
                                 std::string_view secret_key, const std::string& key_name);

struct ExportReport {
  std::filesystem::path folder;  // PATH/kiosk-bundle
  long long version = 0;
  std::size_t files = 0, roots = 0;
  std::string signatures;  // SignatureStatus::line()
};
// DIR must be a signed, valid bundle at its root's threshold (read_signed_bundle's checks, with
// `trusted` as publish's --key). PATH must be an existing directory.
Result<ExportReport> export_bundle(const std::filesystem::path& dir,
                                   const std::filesystem::path& to,
                                   const std::vector<std::string>& trusted);

}  // namespace kiosk::admin
