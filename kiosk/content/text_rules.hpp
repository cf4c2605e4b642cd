// The text rules of an applicant's fields, shared by notices.json validation (parse.cpp) and the
// CSV importer (csv_import.cpp), so a sheet is held to exactly what a bundle is (SCHEMA.md).
#pragma once

#include "content/limits.hpp"
#include "json/reader.hpp"

namespace kiosk::content::rules {

using json::TextKind;
using json::TextRule;

inline constexpr TextRule kApplicantName{TextKind::OneLine, limits::kMaxTitleChars, false};
inline constexpr TextRule kApplicantLeader{TextKind::OneLine, limits::kMaxPersonChars, false};
inline constexpr TextRule kApplicantContact{TextKind::OneLine, limits::kMaxPersonChars, true};
inline constexpr TextRule kApplicantAddress{TextKind::OneLine, limits::kMaxLabelChars, true};
// Empty or a telephone number (then content::is_phone_number).
inline constexpr TextRule kApplicantPhone{TextKind::OneLine, limits::kMaxPhoneChars, true};
inline constexpr TextRule kApplicantSummary{TextKind::Paragraph, limits::kMaxParagraphChars, true};
inline constexpr TextRule kApplicantBasis{TextKind::Paragraph, limits::kMaxParagraphChars, true};

}  // namespace kiosk::content::rules
