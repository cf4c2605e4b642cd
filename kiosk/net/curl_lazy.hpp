// Whether libcurl, which kiosk_net loads on its first use (curl_lazy.cpp), is loaded, and why not.
#pragma once

#include <string>

namespace kiosk::net {

// Loads libcurl.so.4 when not yet tried (once per process); true when its functions are usable.
bool curl_loaded();
// "" when libcurl loaded; else one line: "cannot load libcurl.so.4: …" or "libcurl.so.4 lacks
// NAME".
std::string curl_load_error();

}  // namespace kiosk::net
