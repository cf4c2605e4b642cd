// The console's pages, compiled into kioskctl: the only files the console serves (no static-file
// mount). PLACEHOLDER of lane serve until lane pages lands the real table (kiosk/console/assets/).
#pragma once

#include <string_view>

namespace kiosk::console {

struct Asset {
  std::string_view mime;   // "text/html; charset=utf-8"
  std::string_view bytes;  // the file's content
};

// The asset for a request path ("/" is index.html, "/assets/app.js" …); nullptr when none.
const Asset* find_asset(std::string_view path);

}  // namespace kiosk::console
