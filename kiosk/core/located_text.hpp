// LocatedText: a string from a file together with where it stands there, so a check that knows
// nothing of the file's format (e.g. render's undrawable-character check) can still name the place.
#pragma once

#include <string>

namespace kiosk {

struct LocatedText {
  std::string file;  // "notices.json"
  std::string path;  // "notices[0].applicants[3].name"; "(top level)" for a file that is one string
  std::string text;  // UTF-8
  bool operator==(const LocatedText&) const = default;
};

}  // namespace kiosk
