// kiosk.json -> sync::Settings and `kiosk --sync-once`; see sync_once.hpp.
#include "app/sync_once.hpp"

#include <ctime>
#include <filesystem>
#include <ostream>

#include "core/url.hpp"
#include "net/http.hpp"
#include "sync/source.hpp"

namespace kiosk::app {

sync::Settings sync_settings(const config::Config& config) {
  sync::Settings s;
  s.server_url = config.content.server_url;
  s.trust.trusted_keys = config.content.trusted_keys;
  s.trust.threshold = config.content.threshold;
  s.trust.root_file = config.content.root_file;
  s.trust.allow_unsigned = config.content.allow_unsigned;
  s.trust.max_bundle_bytes = static_cast<std::uint64_t>(config.content.max_bundle_mb) << 20;
  s.cache_dir = config.content.cache_dir;
  s.poll_interval = std::chrono::seconds(config.content.poll_interval_s);
  s.net.pinned_public_key = config.content.pinned_public_key;
  s.net.ca_file = config.content.ca_file;  // a private CA for https (content.ca_file)
  s.net.limits.max_body_bytes = s.trust.max_bundle_bytes;
  return s;
}

sync::StartupBundle load_startup_bundle(const config::Config& config, sync::Access access) {
  return sync::load_startup_bundle(sync_settings(config),
                                   static_cast<long long>(std::time(nullptr)), access);
}

int run_sync_once(const config::Config& config, std::ostream& out, std::ostream& err) {
  const sync::Settings settings = sync_settings(config);
  if (settings.server_url.empty()) {
    err << "content.server_url: not configured; nothing to sync\n";
    return 2;
  }
  net::Client client(settings.net);
  const auto result = sync::run_round(settings, client, static_cast<long long>(std::time(nullptr)));
  // A reason may quote a URL: never with the server's user:password (core/url.hpp).
  if (result.outcome == sync::Outcome::Failed) {
    err << url::redact_userinfo(result.line) << "\n";
    return 1;
  }
  out << url::redact_userinfo(result.line) << "\n";
  return 0;
}

int run_install_from(const config::Config& config, const std::string& path, std::ostream& out,
                     std::ostream& err) {
  sync::Settings settings = sync_settings(config);
  settings.wait_for_round_lock = true;
  const std::filesystem::path dir = std::filesystem::path(path) / "kiosk-bundle";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    err << "kiosk: --install-from: " << dir.string()
        << ": expected a bundle folder (kioskctl export writes it), found none\n";
    return 1;
  }
  sync::DirSource source(dir);
  sync::RoundResult result;
  // A stick is not walked again later: every root on it is followed now (each round's walk is
  // bounded; the chain on a stick is finite, and a root that does not follow ends it).
  for (int round = 0; round < 10000; ++round) {
    result = sync::run_round(settings, source, static_cast<long long>(std::time(nullptr)));
    if (!result.roots_remain) break;
  }
  if (result.outcome == sync::Outcome::Failed) {
    err << "kiosk: --install-from " << dir.string() << ": " << result.line << "\n";
    return 1;
  }
  out << result.line << "\n";
  return 0;
}

}  // namespace kiosk::app
