// libzip (reading .xlsx) and libxlsxwriter (writing the template), loaded on their first use:
// lazy.cpp defines the library functions xlsx.cpp and template.cpp call, so those are written
// against <zip.h> and <xlsxwriter.h> as usual, but kioskctl validate, sign, preview … (and the
// console's other pages) start without either library (about 3 ms of loading before main).
#pragma once

#include <string>

namespace kiosk::sheet {

// "" when libzip.so.4 is loaded (it is loaded by this call when not yet); else one line saying why
// not. Where it is not loaded, its functions fail as on a damaged archive.
std::string zip_unavailable();
// The same for libxlsxwriter.so.4 (its functions then return null or an error).
std::string xlsxwriter_unavailable();

}  // namespace kiosk::sheet
