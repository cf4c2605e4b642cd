// URLs as the kiosk shows them (credentials redacted) and the shape check for content.server_url.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::url {

// Every "scheme://user:password@host…" in text becomes "scheme://***@host…"; everything else is
// unchanged. Whatever shows a URL (the 维护 screen, --check-config, sync reasons, logs) passes it
// through this first, so credentials in content.server_url never reach a screen or a line.
[[nodiscard]] std::string redact_userinfo(std::string_view text);

// Why url is not an absolute http:// or https:// URL with a host (and, when given, a port from 1
// to 65535) and without spaces or control characters; "" when it is. The reason is one
// "expected …, found …" clause; any part of the URL it quotes has its userinfo redacted.
[[nodiscard]] std::string check_http_url(std::string_view url);

}  // namespace kiosk::url
