// The console's routes for two-person publishing (TRUST.md; API.md "Signatures"): how many
// signatures the signed bundle has of how many its root requires, signing alone (the first
// signature) and co-signing with an uploaded key file. Keys and passphrases are used for one
// request, wiped, never stored, logged or echoed.
#pragma once

#include <httplib.h>

#include <mutex>

#include "console/console.hpp"

namespace kiosk::console {

// Registers GET /api/signatures, POST /api/sign and POST /api/cosign. `edit` is the console's
// lock for changes of DIR (held while manifest.json or manifest.sig is written).
void install_trust_api(httplib::Server& server, const Options& options, std::mutex& edit);

}  // namespace kiosk::console
