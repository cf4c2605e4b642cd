// FontRoles: the pixel size and weight of each kind of text (title, body, hotline …), normal and
// 适老模式, from fonts/fonts.json over built-in defaults. No SDL: views may use it directly.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/problem.hpp"

namespace kiosk::ui {

enum class FontRole {
  Title,    // the screen title in the header bar
  Heading,  // section headings, category names, a standard's title
  Body,     // paragraphs and list rows: what residents read most
  Caption,  // secondary lines: dates, 公示期, content version, footers
  Tile,     // the labels of the large 首页 tiles
  Button,   // back / home / 适老模式 controls
  Hotline,  // telephone numbers on 监督电话 and beside 申报详情
};
inline constexpr std::array<FontRole, 7> kAllFontRoles{
    FontRole::Title, FontRole::Heading, FontRole::Body,   FontRole::Caption,
    FontRole::Tile,  FontRole::Button,  FontRole::Hotline};
std::string_view font_role_name(FontRole role);  // "title", "heading", … as in fonts.json

// Sizes are font pixel sizes (the em; line height is about 1.45× for Noto Sans CJK) designed for a
// panel whose short edge is 1080 px (1920×1080 landscape or 1080×1920 portrait). Other panels
// scale everything by layout_scale(): a 4K panel draws at 2×, a 1366×768 panel at 0.71× (the
// same layout at the same physical size on a panel of the same diagonal), down to kMinScale.
// Rules, checked by the loader: every px ≥ kMinPx (28, readable at arm's length), every
// large_px ≥ 1.4 × px (适老模式 is a relayout with bigger text, not a zoom).
inline constexpr int kMinPx = 28;
inline constexpr double kLargeFactor = 1.4;
inline constexpr int kReferenceShortEdge = 1080;
// The smallest panel laid out as designed has a 600 px short edge (800×600, 600×800): its scale
// is 600 / 1080. A smaller window keeps that scale, so some screens scroll or clip there.
inline constexpr int kMinShortEdge = 600;
inline constexpr float kMinScale =
    static_cast<float>(kMinShortEdge) / static_cast<float>(kReferenceShortEdge);

// Pixels per design pixel for a panel whose short edge is `short_edge_px`.
[[nodiscard]] inline float layout_scale(float short_edge_px) {
  const float scale = short_edge_px / static_cast<float>(kReferenceShortEdge);
  return scale < kMinScale ? kMinScale : scale;
}

struct RoleFont {
  int px = 32;
  int large_px = 46;
  bool bold = false;
  bool operator==(const RoleFont&) const = default;
};

struct FontRoles {
  std::array<RoleFont, kAllFontRoles.size()> roles{};

  [[nodiscard]] const RoleFont& get(FontRole role) const {
    return roles[static_cast<std::size_t>(role)];
  }
  RoleFont& get(FontRole role) { return roles[static_cast<std::size_t>(role)]; }
  // The pixel size for a role, in 适老模式 when `large`, scaled by layout_scale(short_edge_px):
  // at least kMinPx on a 1080 px panel, and the same physical size on any panel of its diagonal.
  [[nodiscard]] float px(FontRole role, bool large, int short_edge_px = kReferenceShortEdge) const;
  [[nodiscard]] bool bold(FontRole role) const { return get(role).bold; }
  bool operator==(const FontRoles&) const = default;
};

// The built-in sizes; fonts/fonts.json ships the same numbers.
FontRoles default_font_roles();

// Parses fonts.json: {"roles": {"body": {"px": 32, "large_px": 46, "bold": false}, …}}. A role left
// out keeps its default. Problems name `file` and the key path; nullopt when there is any.
std::optional<FontRoles> parse_font_roles(std::string_view bytes, const std::string& file,
                                          Problems& problems);

// Reads and parses a file; on any problem returns the defaults (the kiosk must still show text)
// and the problems say why.
FontRoles load_font_roles(const std::filesystem::path& path, Problems& problems);

}  // namespace kiosk::ui
