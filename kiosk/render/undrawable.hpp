// Characters in content that no configured font can draw, for `kioskctl validate`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/located_text.hpp"
#include "core/problem.hpp"
#include "render/font_library.hpp"

namespace kiosk::render {

// The distinct code points of a UTF-8 string that no face of `fonts` provides, in order of first
// appearance. Invisible code points (see FontLibrary) never count; invalid bytes are U+FFFD.
std::vector<char32_t> undrawable_in(std::string_view utf8, FontLibrary& fonts);

// "U+20000"
std::string codepoint_label(char32_t cp);

// True when no string of a file's raw bytes can hold an undrawable character, so the file need not
// be parsed (kioskctl validate of 5,000 applicants spent half its time parsing notices.json again
// for this check): every code point of the raw bytes, decoded as undrawable_in decodes them, can be
// drawn, and none is written as a \u escape, whose character the bytes do not show. Each distinct
// code point is asked of the fonts once. Raw tab, CR and LF are JSON whitespace (strings escape
// them). For content::bundle_strings' skip_file.
bool surely_drawable(std::string_view bytes, FontLibrary& fonts);

// One problem per string that holds undrawable characters, in the order given (the bundle's
// strings come from content::bundle_strings: render does not parse bundle JSON):
//   notices.json: notices[0].applicants[3].name: expected characters the configured fonts can
//   draw, found "𠀀" (U+20000)
// At most 200 problems per file, then one "… more" line for that file.
Problems undrawable_characters(const std::vector<LocatedText>& strings, FontLibrary& fonts);

}  // namespace kiosk::render
