// Signing a working copy (manifest.json + manifest.sig) and publishing a signed bundle to a
// server by HTTP PUT (WebDAV, basic auth) or to S3-compatible storage (AWS SigV4), so that the
// server is consistent at every instant: each file as a content-addressed object (the manifest's
// "path", never overwritten), then the take-home pages under site/ when notices.json has
// public_url (overwritten in place: stable URLs), then manifest.sig, then manifest.json; objects no
// longer named by the last kKeepVersions published manifests are deleted afterwards. The server's
// published.json records what was published (docs/BUNDLE.md). After a successful publish the
// published files are kept under DIR/.history/v<N>/ (history.hpp).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "admin/removals.hpp"
#include "core/problem.hpp"
#include "core/result.hpp"
#include "tz/office_time.hpp"

namespace kiosk::admin {

// --- sign -----------------------------------------------------------------------------------

inline constexpr long long kDefaultExpiresInDays = 30;

struct SignOptions {
  std::optional<long long> version;  // else one above the manifest already in DIR, else 1
  long long expires_in_days = kDefaultExpiresInDays;  // 1..3650
  std::string key_name;  // the key file's name, for messages ("office.key: …")
  // Now, and the zone issued_at / expires_at are written in (with its offset).
  tz::Clock clock;
  // How long an ended notice stays under 往期公示 (config archive_days): a notice of the last
  // signed version may leave the bundle only after that (admin/removals.hpp).
  int archive_days = kDefaultArchiveDays;
};

struct SignReport {
  long long version = 0;
  std::size_t files = 0;
  std::string expires_at;  // RFC 3339 with the office zone's offset ("+08:00")
  std::string public_key;  // base64
};

// Validates DIR (its content files and assets/, never .history/), then writes manifest.json (each
// file's sha256, size and content-addressed path) and manifest.sig with `secret_key` (64 bytes).
// Nothing is written unless the whole bundle, manifest included, is valid as a kiosk checks it.
// nullopt with the problems (appended) when refused.
std::optional<SignReport> sign(const std::filesystem::path& dir, std::string_view secret_key,
                               const SignOptions& options, Problems& problems);

// --- publish --------------------------------------------------------------------------------

// Lines for a person. Every line (and every Error) this module produces is redacted first
// (core/redact.hpp): a password in a URL or a signed URL's parameters never reaches them.
using Say = std::function<void(const std::string&)>;

struct Destination {
  std::string to;  // http(s)://… or s3://BUCKET/PREFIX
  std::optional<std::string> user;
  std::optional<std::filesystem::path> password_file;  // first line is the password; with user
  std::string endpoint;                                // S3: the service's http(s) URL
  std::optional<std::filesystem::path> ca_file;        // PEM: a private CA to trust
  bool allow_insecure_auth = false;  // a password over plain http off loopback (warned)
  // S3 credentials (the CLI reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION or
  // AWS_REGION; region defaults to us-east-1).
  std::string aws_access_key_id, aws_secret_access_key, aws_region;
};

// A destination checked and ready: where, with which credentials, which client options.
struct PublishTarget;
struct PublishTargetDeleter {
  void operator()(PublishTarget* t) const;
};
using PublishTargetPtr = std::unique_ptr<PublishTarget, PublishTargetDeleter>;

// Checks a destination without contacting it. `usage` distinguishes how the CLI exits (2 for a
// wrong destination, 1 for an unreadable password file): the Error is the one line either way.
struct TargetError {
  Error error;
  bool usage = true;
};
// `warn` gets the warning for --allow-insecure-auth over plain http.
std::variant<PublishTargetPtr, TargetError> resolve_target(const Destination& destination,
                                                           const Say& warn);

// The base64 public keys in PREFIX.pub files (the signature must verify under one of them).
Result<std::vector<std::string>> read_public_keys(const std::vector<std::string>& files);

// A signed bundle read from DIR, ready to upload.
struct SignedBundle;
struct SignedBundleDeleter {
  void operator()(SignedBundle* b) const;
};
using SignedBundlePtr = std::unique_ptr<SignedBundle, SignedBundleDeleter>;

// DIR validated with its manifest required, manifest.sig verified (under one of `trusted` when
// any), every file at its content-addressed path. nullptr with the problems when not.
SignedBundlePtr read_signed_bundle(const std::filesystem::path& dir,
                                   const std::vector<std::string>& trusted, Problems& problems);
long long bundle_version(const SignedBundle& bundle);

struct PublishControl {
  Say say;       // progress lines ("uploaded notices.json as objects/… (123 bytes)")
  Say complain;  // warnings that do not stop the publish
  // Called after each upload: uploads done so far, uploads in all.
  std::function<void(std::size_t uploaded, std::size_t total)> progress;
  // Checked before each upload; when it becomes true the publish stops before the next upload
  // (never between manifest.sig and manifest.json) and fails with "publish cancelled …".
  const std::atomic<bool>* cancel = nullptr;
  std::optional<std::size_t> stop_after;  // rehearse an interrupted publish (report.stopped)
  bool record_history = true;             // snapshot DIR/.history/v<N>/ on success
  tz::Clock clock;                        // the history's published_at (office time, its offset)
};

struct PublishReport {
  long long version = 0;
  std::size_t uploaded_files = 0;  // new content files uploaded
  std::size_t reused_files = 0;    // already on the server
  bool already = false;            // the server had exactly this manifest
  bool stopped = false;            // stopped by stop_after (nothing failed)
  std::string line;                // "published version N to URL (…)"
  // The take-home pages (site.hpp) uploaded before the manifest when notices.json has
  // public_url: how many files, their bytes, and the index's public address ("" when none).
  std::size_t site_files = 0;
  std::uint64_t site_bytes = 0;
  std::string site_url;
};

// Publishes when the bundle's version is above the server's (or the server has this exact
// manifest). Error (one line) when the server refuses or cannot be read, the version is not
// above the server's ("manifest.json: the server has version 7; this bundle is version 7: re-sign
// with --version 8 or higher"), or it was cancelled.
Result<PublishReport> publish(const SignedBundle& bundle, const PublishTarget& target,
                              const PublishControl& control);

// The version of manifest.json on the server (0 when it has none).
Result<long long> server_version(const PublishTarget& target);

}  // namespace kiosk::admin
