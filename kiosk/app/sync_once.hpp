// The kiosk's side of sync: kiosk.json's content.* -> sync::Settings, and `kiosk --sync-once`.
// Here, not in sync/, so sync knows neither the configuration file nor the command line.
#pragma once

#include <iosfwd>

#include "config/config.hpp"
#include "sync/round.hpp"

namespace kiosk::app {

// The round's settings from the configuration (content.server_url, trusted_keys, cache_dir, …).
sync::Settings sync_settings(const config::Config& config);

// The start-up bundle for this configuration, with the real clock (sync::load_startup_bundle).
sync::StartupBundle load_startup_bundle(const config::Config& config,
                                        sync::Access access = sync::Access::Repair);

// `kiosk --sync-once`: one round with the real clock; prints the result line to out (exit 0:
// installed or already current) or the reason to err (exit 1; 2 when no server is configured).
// Refuses (exit 1, nothing created) a cache dir that belongs to another user: "cache: cache dir
// /var/cache/kiosk belongs to user kiosk, not root; run as that user: sudo -u kiosk kiosk
// --sync-once".
int run_sync_once(const config::Config& config, std::ostream& out, std::ostream& err);

// `kiosk --install-from PATH`: PATH/kiosk-bundle/ (what kioskctl export writes: manifest.json,
// manifest.sig, root/, the files by their manifest path) through the sync round's own code
// (sync::run_round over a sync::DirSource: roots, signatures, threshold, version, expiry, sizes,
// hashes, validation, the atomic install), waiting for a round of the running kiosk to end first.
// Exit 0 with the round's line on out (installed or already current); 1 with one line on err.
// Roots beyond one round's walk (trust::kMaxRootWalk) are walked on in further rounds at once.
int run_install_from(const config::Config& config, const std::string& path, std::ostream& out,
                     std::ostream& err);

}  // namespace kiosk::app
