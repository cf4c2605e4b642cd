// fonts.json parsing and the built-in font role sizes.
#include "ui/font_roles.hpp"

#include <algorithm>
#include <cmath>

#include "core/files.hpp"
#include "json/reader.hpp"

namespace kiosk::ui {

std::string_view font_role_name(FontRole role) {
  switch (role) {
    case FontRole::Title:
      return "title";
    case FontRole::Heading:
      return "heading";
    case FontRole::Body:
      return "body";
    case FontRole::Caption:
      return "caption";
    case FontRole::Tile:
      return "tile";
    case FontRole::Button:
      return "button";
    case FontRole::Hotline:
      return "hotline";
  }
  return "body";
}

float FontRoles::px(FontRole role, bool large, int short_edge_px) const {
  const RoleFont& r = get(role);
  const float base = static_cast<float>(large ? r.large_px : r.px);
  return std::round(base * layout_scale(static_cast<float>(short_edge_px)));
}

FontRoles default_font_roles() {
  FontRoles f;
  f.get(FontRole::Title) = {48, 68, true};
  f.get(FontRole::Heading) = {38, 54, true};
  f.get(FontRole::Body) = {32, 46, false};
  f.get(FontRole::Caption) = {28, 40, false};
  f.get(FontRole::Tile) = {44, 62, true};
  f.get(FontRole::Button) = {32, 46, true};
  f.get(FontRole::Hotline) = {64, 90, true};
  return f;
}

std::optional<FontRoles> parse_font_roles(std::string_view bytes, const std::string& file,
                                          Problems& problems) {
  const std::size_t before = problems.size();
  const auto root = json::parse(bytes, file, problems);
  if (!root) return std::nullopt;
  FontRoles out = default_font_roles();
  json::Context ctx(file, problems);
  {
    json::ObjectReader r(*root, "", ctx, {"roles"});
    if (const json::Json* roles = r.object("roles", false)) {
      std::vector<std::string_view> names;
      for (const FontRole role : kAllFontRoles) names.push_back(font_role_name(role));
      json::ObjectReader rr(*roles, "roles", ctx, names);
      for (const FontRole role : kAllFontRoles) {
        const std::string_view name = font_role_name(role);
        const json::Json* value = rr.get(name);
        if (value == nullptr) continue;
        json::ObjectReader fr(*value, rr.path(name), ctx, {"px", "large_px", "bold"});
        if (!fr.ok()) continue;
        RoleFont& f = out.get(role);
        if (const auto px = fr.integer("px", kMinPx, 400)) f.px = static_cast<int>(*px);
        if (const auto large = fr.integer("large_px", kMinPx, 560))
          f.large_px = static_cast<int>(*large);
        f.bold = fr.optional_boolean("bold", false);
        if (static_cast<double>(f.large_px) + 1e-9 < kLargeFactor * f.px) {
          fr.report("large_px",
                    "expected at least 1.4 × px = " +
                        std::to_string(static_cast<int>(std::ceil(kLargeFactor * f.px - 1e-9))) +
                        " (适老模式 text is at least 1.4 times larger), found " +
                        std::to_string(f.large_px));
        }
      }
    }
  }
  ctx.finish();
  if (problems.size() != before) return std::nullopt;
  return out;
}

FontRoles load_font_roles(const std::filesystem::path& path, Problems& problems) {
  const std::string name = path.filename().string();
  const auto read = files::read(path, 1 << 20);
  if (!read) {
    problems.push_back({name, "",
                        "expected a readable font configuration at " + path.string() + ", found " +
                            read.error().what});
    return default_font_roles();
  }
  return parse_font_roles(*read, name, problems).value_or(default_font_roles());
}

}  // namespace kiosk::ui
