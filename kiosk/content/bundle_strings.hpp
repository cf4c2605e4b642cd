// Every string value of a bundle's JSON files with its file and key path, for checks that look at
// text without parsing the bundle themselves (render's undrawable-character check).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "content/bundle_files.hpp"
#include "core/located_text.hpp"

namespace kiosk::content {

// Walks every *.json file of a bundle (name -> bytes, as LoadResult::raw holds them) in name
// order, each in its own key order. manifest.json is skipped (hashes and sizes, nothing shown),
// and so are files that do not parse: the bundle loader has already reported them, and files for
// for which skip_file(name, raw bytes) says true (a check that can tell from the bytes that no
// string of the file concerns it spares the parse, e.g. render::surely_drawable).
std::vector<LocatedText> bundle_strings(
    const FileMap& files,
    const std::function<bool(const std::string& name, std::string_view bytes)>& skip_file = {});

}  // namespace kiosk::content
