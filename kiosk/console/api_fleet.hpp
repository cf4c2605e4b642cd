// The console's fleet and proof routes (API.md "Fleet and proof"): the kiosks' status grid and the
// proof that a notice was posted, from `kioskctl serve --fleet URL --keys DIR` (admin/fleet.hpp,
// admin/proof.hpp: the same as `kioskctl fleet` and `kioskctl proof`).
#pragma once

#include <httplib.h>

#include "console/console.hpp"

namespace kiosk::console {

void install_fleet(httplib::Server& server, const Options& options);

}  // namespace kiosk::console
