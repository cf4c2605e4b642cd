// sign: manifest.json (each file's sha256, size, content-addressed path) and manifest.sig for a
// working copy, written only when the whole bundle is valid as a kiosk checks it.
#include <ctime>
#include <nlohmann/json.hpp>

#include "admin/publish.hpp"
#include "admin/removals.hpp"
#include "admin/working_copy.hpp"
#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "core/civil_date.hpp"
#include "core/files.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;

std::optional<SignReport> sign(const fs::path& dir, std::string_view secret_key,
                               const SignOptions& options, Problems& problems) {
  const std::size_t count = problems.size();
  std::map<std::string, std::string> files_in;
  read_bundle_files(dir, files_in, problems, true);
  if (problems.size() != count) return std::nullopt;
  if (auto loaded = content::load_bundle(files_in); !loaded.problems.empty()) {
    problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
    return std::nullopt;
  } else if (const auto before = last_signed_version(dir)) {
    // Nothing of a running 公示 disappears silently (LIFECYCLE.md).
    check_no_silent_removal(*before, loaded.bundle->notices, options.clock.now().date,
                            options.archive_days, problems);
    if (problems.size() != count) return std::nullopt;
  }

  // The version: given, else one above the manifest already there, else 1.
  std::optional<long long> version = options.version;
  if (!version) {
    version = 1;
    if (auto existing = files::read(dir / content::bundle_files::kManifest, 4ull << 20); existing) {
      const auto j = nlohmann::json::parse(*existing, nullptr, false);
      const auto v = j.is_object() ? j.find("version") : j.end();
      if (!j.is_object() || v == j.end() || !v->is_number_integer() || v->get<long long>() < 0) {
        problems.push_back(
            {content::bundle_files::kManifest, "version",
             "expected the existing version to count on from, found none; pass --version N"});
        return std::nullopt;
      }
      version = v->get<long long>() + 1;
    }
  }

  const long long now = options.clock.now_unix();
  nlohmann::ordered_json m;
  m["schema"] = 1;
  m["version"] = *version;
  m["issued_at"] = options.clock.zone().rfc3339(now);
  m["expires_at"] = options.clock.zone().rfc3339(now + options.expires_in_days * 86400);
  nlohmann::ordered_json listed = nlohmann::ordered_json::object();
  for (const auto& [name, bytes] : files_in) {
    // "path": where publish puts it on the server (content-addressed, never overwritten).
    const std::string sha = crypto::sha256_hex(bytes);
    listed[name] = {{"sha256", sha},
                    {"size", bytes.size()},
                    {"path", content::content_addressed_path(name, sha)}};
  }
  m["files"] = listed;
  const std::string manifest = m.dump(2) + "\n";

  // The whole bundle as a kiosk will check it, before anything is written.
  auto with_manifest = files_in;
  with_manifest[content::bundle_files::kManifest] = manifest;
  content::LoadOptions load_options;
  load_options.require_manifest = true;
  if (auto loaded = content::load_bundle(std::move(with_manifest), load_options); !loaded.bundle) {
    problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
    return std::nullopt;
  }
  const std::string sig = crypto::sign_detached(manifest, secret_key);
  SignReport report;
  report.public_key = crypto::base64_encode(crypto::public_key_of(secret_key));
  if (auto checked =
          crypto::check_signature(manifest, crypto::base64_encode(sig), {report.public_key});
      !checked) {
    problems.push_back({options.key_name, "",
                        "the key does not produce verifiable signatures: " + checked.error().what});
    return std::nullopt;
  }
  if (auto e = files::write_atomic(dir / content::bundle_files::kManifest, manifest); !e) {
    problems.push_back({content::bundle_files::kManifest, "", e.error().what});
    return std::nullopt;
  }
  if (auto e = files::write_atomic(dir / content::bundle_files::kSignature,
                                   crypto::base64_encode(sig) + "\n");
      !e) {
    problems.push_back({content::bundle_files::kSignature, "", e.error().what});
    return std::nullopt;
  }
  report.version = *version;
  report.files = files_in.size();
  report.expires_at = m["expires_at"].get<std::string>();
  return report;
}

}  // namespace kiosk::admin
