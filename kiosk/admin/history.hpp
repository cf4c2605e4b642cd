// Published versions kept beside the working copy: after each successful publish the files it
// published (content files, assets, manifest.json, manifest.sig) are copied to
// DIR/.history/v<N>/, with published.txt holding the time. validate never reads .history; sign
// reads only the last kept version's notices (removals.hpp) and never signs it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/publish.hpp"
#include "admin/working_copy.hpp"
#include "content/bundle_files.hpp"
#include "core/problem.hpp"
#include "core/result.hpp"

namespace kiosk::admin {

struct HistoryEntry {
  long long version = 0;
  std::string published_at;  // RFC 3339 with the office zone's offset ("+08:00")
  std::size_t files = 0;     // files the manifest lists
};

// Copies DIR's signed files (those its manifest lists, manifest.json and manifest.sig) to
// DIR/.history/v<version>/ (replacing an earlier copy of the same version), atomically: written
// to a temporary folder first, then renamed into place.
Result<HistoryEntry> record_history(const std::filesystem::path& dir,
                                    const tz::Clock& clock = tz::Clock());
// The same from the bytes just published (publish calls this): `files` as the loader read them
// (the manifest's files and manifest.json), `signature` manifest.sig's text.
Result<HistoryEntry> record_history(const std::filesystem::path& dir, const content::FileMap& files,
                                    std::string_view signature,
                                    const tz::Clock& clock = tz::Clock());

// The kept versions, newest first. Folders that are not v<N> with a manifest are ignored.
std::vector<HistoryEntry> list_history(const std::filesystem::path& dir);

// DIR/.history/v<version>/, or nullopt when that version is not kept.
std::optional<std::filesystem::path> history_folder(const std::filesystem::path& dir,
                                                    long long version);

// Puts version `version`'s content files and assets back into DIR (assets/ files the old version
// does not have are removed); manifest.json and manifest.sig stay as they are, so the next sign
// counts on from the latest version. nullopt with a problem when the version is not kept or a
// file cannot be written.
std::optional<WorkingCopy> restore_version(const std::filesystem::path& dir, long long version,
                                           Problems& problems);

// Republishes an old version as a NEW version: restore_version, sign (version one above both the
// working copy's manifest and the server's), publish (which records the new version's history).
// The key is the 64-byte secret key. Error (one line) at the first step that fails.
Result<PublishReport> republish(const std::filesystem::path& dir, long long version,
                                std::string_view secret_key, const PublishTarget& target,
                                const PublishControl& control);

}  // namespace kiosk::admin
