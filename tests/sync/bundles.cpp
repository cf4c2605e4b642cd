// Builds test bundles: content variants, manifests, signatures.
#include "bundles.hpp"

#include <nlohmann/json.hpp>

#include "content/parse.hpp"
#include "core/civil_date.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "fixture_bundle.hpp"
#include "nginx_fixture.hpp"
#include "tz/office_time.hpp"

namespace kiosk::test {

TestKey make_key() {
  const auto kp = crypto::generate_keypair();
  return {kp.secret_key, crypto::base64_encode(kp.public_key)};
}

sync::Files content_files(const std::string& variant) {
  sync::Files files = content::file_map(test::fixture_bundle_files());
  if (!variant.empty()) {
    auto j = nlohmann::ordered_json::parse(files.at("notices.json").view());
    j["notices"][0]["title"] = j["notices"][0]["title"].get<std::string>() + variant;
    files["notices.json"] = j.dump(1) + "\n";
  }
  return files;
}

std::string many_applicants_notices(int count) {
  auto j = nlohmann::ordered_json::parse(test::fixture_bundle_files().at("notices.json"));
  const auto originals = j["notices"][0]["applicants"];
  nlohmann::ordered_json applicants = nlohmann::ordered_json::array();
  for (int i = 0; i < count; ++i) {
    auto a = originals[static_cast<std::size_t>(i) % originals.size()];
    a["id"] = "a" + std::to_string(100000 + i);
    applicants.push_back(std::move(a));
  }
  j["notices"][0]["applicants"] = std::move(applicants);
  return j.dump(1) + "\n";
}

sync::Files make_bundle(const sync::Files& content, long long version, const TestKey* key,
                        ManifestTimes times) {
  nlohmann::ordered_json m;
  m["schema"] = 1;
  m["version"] = version;
  m["issued_at"] = tz::Zone().rfc3339(times.issued_at);
  m["expires_at"] = tz::Zone().rfc3339(times.expires_at);
  nlohmann::ordered_json listed = nlohmann::ordered_json::object();
  for (const auto& [name, bytes] : content) {
    listed[name] = {{"sha256", crypto::sha256_hex(bytes)}, {"size", bytes.size()}};
  }
  m["files"] = listed;
  sync::Files out = content;
  out["manifest.json"] = m.dump(2) + "\n";
  if (key != nullptr)
    out["manifest.sig"] =
        crypto::base64_encode(crypto::sign_detached(out["manifest.json"], key->secret)) + "\n";
  return out;
}

void write_bundle(const std::filesystem::path& dir, const sync::Files& files) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir);
  // nginx's ETag is mtime (in seconds) and size: two same-size manifests written within one second
  // would share it. Real publishes are minutes apart; tests move each write's mtime on instead.
  static int writes = 0;
  const auto stamp =
      std::filesystem::file_time_type::clock::now() + std::chrono::seconds(10 * ++writes);
  for (const auto& [name, bytes] : files) {
    write_file(dir / name, bytes);
    std::filesystem::last_write_time(dir / name, stamp, ec);
  }
}

}  // namespace kiosk::test
