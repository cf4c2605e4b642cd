// Lists the string values of a bundle's JSON files with their key paths; see bundle_strings.hpp.
#include "content/bundle_strings.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::content {
namespace {

constexpr int kMaxDepth = 64;  // bundle files are refused past 32 levels before this runs

void walk(const nlohmann::ordered_json& value, const std::string& file, const std::string& path,
          int depth, std::vector<LocatedText>& out) {
  if (depth > kMaxDepth) return;
  if (value.is_object()) {
    for (const auto& [key, child] : value.items())
      walk(child, file, path.empty() ? key : path + "." + key, depth + 1, out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      walk(value[i], file, path + "[" + std::to_string(i) + "]", depth + 1, out);
  } else if (value.is_string()) {
    out.push_back({file, path.empty() ? "(top level)" : path, value.get_ref<const std::string&>()});
  }
}

}  // namespace

std::vector<LocatedText> bundle_strings(
    const FileMap& files,
    const std::function<bool(const std::string& name, std::string_view bytes)>& skip_file) {
  std::vector<LocatedText> out;
  for (const auto& [name, bytes] : files) {
    if (name == "manifest.json" || !name.ends_with(".json")) continue;
    if (skip_file && skip_file(name, bytes.view())) continue;
    const auto root = nlohmann::ordered_json::parse(bytes.view(), nullptr, false);
    if (root.is_discarded()) continue;
    walk(root, name, "", 0, out);
  }
  return out;
}

}  // namespace kiosk::content
