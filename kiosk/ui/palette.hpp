// The kiosk's colours: dark ink on light paper, each text pair at least 7:1 (WCAG AAA).
#pragma once

#include <array>
#include <utility>

#include "core/geometry.hpp"

namespace kiosk::ui::palette {

inline constexpr Color kPaper{0xf6, 0xf3, 0xec, 255};       // page background
inline constexpr Color kCard{0xff, 0xff, 0xff, 255};        // tiles, rows, header, nav bar
inline constexpr Color kRowAlt{0xfb, 0xf9, 0xf4, 255};      // every other list row
inline constexpr Color kInk{0x1a, 0x1a, 0x1a, 255};         // body text
inline constexpr Color kInkSoft{0x45, 0x45, 0x45, 255};     // secondary text
inline constexpr Color kAccent{0x8a, 0x1c, 0x1c, 255};      // office name, 示例, 盖章 (text)
inline constexpr Color kAccentSoft{0xfb, 0xe9, 0xe9, 255};  // badge background under kAccentInk
inline constexpr Color kAccentInk{0x7a, 0x15, 0x15, 255};   // text on kAccentSoft
inline constexpr Color kNavy{0x12, 0x30, 0x5a, 255};        // button text, selected fill
inline constexpr Color kNavySoft{0xe6, 0xed, 0xf7, 255};    // button background
inline constexpr Color kOnNavy{0xff, 0xff, 0xff, 255};      // text on a selected (kNavy) button
inline constexpr Color kHighlight{0xff, 0xe8, 0xa3, 255};   // indicator quotes in a standard
inline constexpr Color kCurrent{0xe6, 0xf2, 0xe0, 255};     // the current step's card
inline constexpr Color kCurrentInk{0x1d, 0x4d, 0x1d, 255};  // "当前阶段" on kCurrent
inline constexpr Color kRule{0xc9, 0xc2, 0xb2, 255};        // lines and borders (never text)
inline constexpr Color kScrollThumb{0x8c, 0x86, 0x78, 255};
inline constexpr Color kEnded{0xec, 0xec, 0xec, 255};  // 公示已结束 banner background
inline constexpr Color kEndedInk{0x40, 0x40, 0x40, 255};
// The dimmed clock outside office hours: little light, still >= 7:1.
inline constexpr Color kDimBackground{0x00, 0x00, 0x00, 255};
inline constexpr Color kDimInk{0xa8, 0xa8, 0xa8, 255};     // clock, date, hints (8.8:1)
inline constexpr Color kDimAccent{0xb4, 0xa0, 0x82, 255};  // the notice's title (8.3:1)

// Every (text, background) pair the views use; tests check each is >= 7:1.
inline constexpr std::array<std::pair<Color, Color>, 25> kTextPairs{{
    {kInk, kPaper},
    {kInk, kCard},
    {kInk, kRowAlt},
    {kInkSoft, kPaper},
    {kInkSoft, kCard},
    {kInkSoft, kRowAlt},
    {kAccent, kCard},
    {kAccent, kPaper},
    {kAccentInk, kAccentSoft},
    {kNavy, kNavySoft},
    {kNavy, kCard},
    {kOnNavy, kNavy},
    {kInk, kHighlight},
    {kInk, kCurrent},
    {kCurrentInk, kCurrent},
    {kEndedInk, kEnded},
    {kCurrentInk, kCard},
    {kInkSoft, kCurrent},
    {kNavy, kPaper},
    {kAccent, kHighlight},
    {kDimInk, kDimBackground},
    {kDimAccent, kDimBackground},
    {kInkSoft, kEnded},   // a withdrawn applicant's row: its number
    {kNavy, kEnded},      // … and 查看
    {kAccentInk, kCard},  // 已撤回 / 已更正 records on cards
}};

// WCAG 2 relative luminance of an sRGB colour (alpha ignored), 0–1.
[[nodiscard]] double relative_luminance(Color c);
// WCAG 2 contrast ratio, 1–21, symmetric.
[[nodiscard]] double contrast_ratio(Color a, Color b);

}  // namespace kiosk::ui::palette
