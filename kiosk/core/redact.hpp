// Makes a line of text safe to show or log: the one redaction the kiosk's journal lines and
// kioskctl's (and the console's) messages go through.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// Makes a message safe and fit for one line:
//  - URLs lose their userinfo ("https://u:pw@host/x" -> "https://host/x");
//  - query parameters that carry credentials (signature, token, key, password, secret,
//    credential, X-Amz-*, …) keep their name, their value becomes "REDACTED";
//  - "Authorization: …" / "Proxy-Authorization: …" / "Cookie: …" lose everything after the colon;
//  - control characters (newlines, tabs, ESC) become spaces.
[[nodiscard]] std::string redact(std::string_view text);

}  // namespace kiosk
