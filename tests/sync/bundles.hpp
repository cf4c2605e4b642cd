// Test support: signed bundles built in memory from the tests' bundle (tests/data/bundle), with
// keys made by the tests (never committed), written to a served directory.
#pragma once

#include <ctime>
#include <filesystem>
#include <string>

#include "sync/cache.hpp"

namespace kiosk::test {

struct TestKey {
  std::string secret;      // 64 raw bytes
  std::string public_b64;  // as in PREFIX.pub and content.trusted_keys
};
TestKey make_key();

// The tests' bundle (tests/data/bundle); `variant` is appended to the first notice's title so
// versions differ in notices.json only.
sync::Files content_files(const std::string& variant = "");

// notices.json with `count` applicants (the fixture's cycled, fresh ids), for the benchmark.
std::string many_applicants_notices(int count);

struct ManifestTimes {
  long long issued_at = static_cast<long long>(std::time(nullptr)) - 3600;
  long long expires_at = static_cast<long long>(std::time(nullptr)) + 30 * 86400;
};

// content + manifest.json listing every content file + manifest.sig signed with key (none when
// key is null).
sync::Files make_bundle(const sync::Files& content, long long version, const TestKey* key,
                        ManifestTimes times = {});

// Replaces dir's contents with files.
void write_bundle(const std::filesystem::path& dir, const sync::Files& files);

}  // namespace kiosk::test
