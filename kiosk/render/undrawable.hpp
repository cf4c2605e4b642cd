// Characters in content that no configured font can draw, for `kioskctl validate`.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"
#include "render/font_library.hpp"

namespace kiosk::render {

// The distinct code points of a UTF-8 string that no face of `fonts` provides, in order of first
// appearance. Invisible code points (see FontLibrary) never count; invalid bytes are U+FFFD.
std::vector<char32_t> undrawable_in(std::string_view utf8, FontLibrary& fonts);

// "U+20000"
std::string codepoint_label(char32_t cp);

// Walks every string value of every *.json file of a bundle (name -> bytes, as
// content::LoadResult::raw holds them; manifest.json is skipped, files that do not parse are
// skipped because the bundle loader already reported them) and reports one problem per string
// that holds undrawable characters:
//   notices.json: notices[0].applicants[3].name: expected characters the configured fonts can
//   draw, found "𠀀" (U+20000)
// Paths are in the files' own key order. At most 200 problems per file, then one "… more" line.
Problems undrawable_characters(const std::map<std::string, std::string>& files, FontLibrary& fonts);

}  // namespace kiosk::render
