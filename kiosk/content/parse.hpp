// Parsing and validation of each bundle file, and of a whole bundle directory.
// Every problem is added as one line "FILE: PATH: expected …, found …" (see core/problem.hpp);
// a parser returns nullopt when the file had any problem, so nothing half-valid is ever shown.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "content/bundle_files.hpp"
#include "content/limits.hpp"
#include "content/model.hpp"
#include "core/bundle_limit.hpp"
#include "core/problem.hpp"

namespace kiosk::content {

std::optional<Document> parse_document(std::string_view bytes, Problems& problems);
// `public_url`, when given, receives notices.json's optional "public_url" ("" when absent).
// `calendar`: the bundle's calendar.json, which windows in working days count over (none: every
// such window is refused naming its year).
std::optional<std::vector<Notice>> parse_notices(std::string_view bytes, Problems& problems,
                                                 std::string* public_url = nullptr,
                                                 const Calendar* calendar = nullptr);
// notices.json's "public_url" as SCHEMA.md allows it: https://, a host, a path ending with "/",
// only URL characters that need no escaping in HTML attributes, at most kMaxPublicUrlBytes.
// Returns "" when fine, else "expected …, found …".
inline constexpr std::size_t kMaxPublicUrlBytes = 200;
std::string public_url_problem(std::string_view url);
std::optional<std::vector<Hotline>> parse_hotlines(std::string_view bytes, Problems& problems);
std::optional<Manifest> parse_manifest(std::string_view bytes, Problems& problems);

// A manifest file name or "path" as SCHEMA.md allows it: a normalised relative file path ("/"
// between non-empty segments, none "." or "..", no leading or trailing "/", no backslash, valid
// one-line text, at most kMaxManifestPathBytes). Returns "" when fine, else "expected …, found …".
inline constexpr std::size_t kMaxManifestPathBytes = 200;
std::string manifest_path_problem(std::string_view path);

// The content-addressed "path" kioskctl sign writes for a file: "objects/<sha256>" plus the name's
// extension when it has a short alphanumeric one ("objects/<sha256>.json"), so a static server
// still sends the right Content-Type and compresses JSON. A later publish never overwrites it.
std::string content_addressed_path(std::string_view name, std::string_view sha256);

// Checks what spans files: each applicant against its category's form in the document.
void validate_cross(const Bundle& bundle, Problems& problems);

// True when `text` is a telephone number as SCHEMA.md allows it.
bool is_phone_number(std::string_view text);

struct LoadOptions {
  std::uint64_t max_file_bytes = limits::kMaxFileBytes;
  std::uint64_t max_bundle_bytes = kDefaultMaxBundleBytes;
  bool require_manifest = false;
  // Read files of files::kMapFrom bytes or more through a mapping (files::Map::Large: no copy, no
  // fresh pages; 10,000 applicants' notices.json is 3,000 page faults fewer). Only for a folder
  // shown or checked as it is (kiosk --content, kioskctl validate): never where a hash or a
  // signature vouches for the bytes, which must be a snapshot. A file cut short while it was read
  // is then a problem of its own (files::kCutShort).
  bool map_large_files = false;
};

struct LoadResult {
  std::optional<Bundle> bundle;  // set only when problems is empty
  Problems problems;
  // Raw bytes of every file read, by name (for hashing and signature checks).
  FileMap raw;
};

// Reads document.json, notices.json, hotlines.json, calendar.json when present and, when present
// (required with require_manifest), manifest.json from dir, plus the other files the manifest lists
// (assets); when a manifest is present every listed file's size and sha256 must match. A file over
// max_file_bytes or a bundle over max_bundle_bytes is a problem.
LoadResult load_bundle(const std::filesystem::path& dir, const LoadOptions& options = {});

// load_bundle(dir) in its two steps, for a caller that looks at the bytes while they parse
// (kioskctl validate checks their characters against the fonts on a second thread): the files of
// DIR read as load_bundle(dir) reads them (the manifest, the content files, the assets a manifest
// lists; each within max_file_bytes, all within max_bundle_bytes), and the problems reading them;
// then the bundle loaded from them (the read problems alone when there are any).
struct BundleFiles {
  FileMap files;
  Problems problems;
};
BundleFiles read_bundle_files(const std::filesystem::path& dir, const LoadOptions& options = {});
LoadResult load_bundle(BundleFiles read, const LoadOptions& options = {});

// The same from files already in memory (name -> bytes), e.g. the embedded default bundle or a
// download not yet installed. Files missing from the map are reported as missing.
LoadResult load_bundle(FileMap files, const LoadOptions& options = {});
LoadResult load_bundle(std::map<std::string, std::string> files, const LoadOptions& options = {});

// The default bundle compiled into the binaries (content/ of the source tree, unsigned).
LoadResult load_embedded_bundle();
const std::map<std::string, std::string>& embedded_bundle_files();

}  // namespace kiosk::content
