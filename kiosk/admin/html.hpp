// HTML text for the pages kioskctl writes (the preview gallery's index, the take-home pages).
#pragma once

#include <string>
#include <string_view>

namespace kiosk::admin {

// Text as HTML character data or a quoted attribute value: & < > " ' escaped, the rest as is
// (the text is already valid UTF-8 with no control characters: the bundle's rules).
std::string html_escape(std::string_view text);

}  // namespace kiosk::admin
