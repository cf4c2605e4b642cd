// Finds characters in bundle files that no configured font can draw.
#include "render/undrawable.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "content/bundle_files.hpp"
#include "core/utf8.hpp"

namespace kiosk::render {
namespace {

constexpr std::size_t kMaxPerFile = 200;
constexpr int kMaxDepth = 64;

struct Walker {
  const std::string& file;
  FontLibrary& fonts;
  Problems& out;
  std::size_t reported = 0;
  std::size_t dropped = 0;

  void walk(const nlohmann::ordered_json& value, const std::string& path, int depth) {
    if (depth > kMaxDepth) return;  // bundle files are refused past 32 levels before this runs
    if (value.is_object()) {
      for (const auto& [key, child] : value.items()) walk(child, path.empty() ? key : path + "." + key, depth + 1);
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) walk(value[i], path + "[" + std::to_string(i) + "]", depth + 1);
    } else if (value.is_string()) {
      const auto missing = undrawable_in(value.get_ref<const std::string&>(), fonts);
      if (missing.empty()) return;
      if (reported == kMaxPerFile) {
        ++dropped;
        return;
      }
      std::string found;
      for (const char32_t cp : missing) {
        if (!found.empty()) found += ", ";
        std::string ch;
        utf8::append(ch, cp);
        found += quote_found(ch) + " (" + codepoint_label(cp) + ")";
      }
      out.push_back({file, path.empty() ? "(top level)" : path,
                     "expected characters the configured fonts can draw, found " + found});
      ++reported;
    }
  }
};

// True when no string of the file can hold an undrawable character, so it need not be parsed
// (kioskctl validate of 5,000 applicants spent half its time parsing notices.json again here):
// every code point of the raw bytes, decoded as undrawable_in decodes them, can be drawn, and
// none is written as a \u escape, whose character the bytes do not show. Each distinct code
// point is asked of the fonts once. Raw tab, CR and LF are JSON whitespace (strings escape them).
bool surely_drawable(std::string_view bytes, FontLibrary& fonts) {
  std::vector<bool> asked(0x110000, false);
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[pos]);
    if (c < 0x80) {
      if (c == '\\' && pos + 1 < bytes.size() && bytes[pos + 1] == 'u') return false;
      ++pos;
      if (c == '\t' || c == '\n' || c == '\r' || asked[c]) continue;
      asked[c] = true;
      if (!fonts.can_draw(c)) return false;
      continue;
    }
    const auto d = utf8::decode(bytes, pos);
    pos += d.length;
    const char32_t cp = d.valid ? d.codepoint : U'\uFFFD';
    if (asked[cp]) continue;
    asked[cp] = true;
    if (!fonts.can_draw(cp)) return false;
  }
  return true;
}

}  // namespace

std::string codepoint_label(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

std::vector<char32_t> undrawable_in(std::string_view text, FontLibrary& fonts) {
  std::vector<char32_t> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto d = utf8::decode(text, pos);
    pos += d.length;
    const char32_t cp = d.valid ? d.codepoint : U'\uFFFD';
    if (!fonts.can_draw(cp) && std::find(out.begin(), out.end(), cp) == out.end()) out.push_back(cp);
  }
  return out;
}

Problems undrawable_characters(const std::map<std::string, std::string>& files, FontLibrary& fonts) {
  Problems out;
  for (const auto& [name, bytes] : files) {
    if (name == content::bundle_files::kManifest || name.size() < 5 || name.compare(name.size() - 5, 5, ".json") != 0) continue;
    if (surely_drawable(bytes, fonts)) continue;
    const auto root = nlohmann::ordered_json::parse(bytes, nullptr, false);
    if (root.is_discarded()) continue;
    Walker walker{name, fonts, out};
    walker.walk(root, "", 0);
    if (walker.dropped > 0) {
      out.push_back({name, "",
                     "… and " + std::to_string(walker.dropped) +
                         " more strings with characters the configured fonts cannot draw"});
    }
  }
  return out;
}

}  // namespace kiosk::render
