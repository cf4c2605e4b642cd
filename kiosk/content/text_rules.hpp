// The text rules of every text field of the content files, shared by their validation (parse.cpp)
// and the CSV importer (csv_import.cpp), so a sheet is held to exactly what a bundle is
// (SCHEMA.md). Each rule is a kind, a length and whether "" is allowed; json::check_text adds what
// holds for all text: valid UTF-8, no control or bidi override characters, no line or paragraph
// separator in one line, and something visible in text that is not empty.
#pragma once

#include <string_view>

#include "content/limits.hpp"
#include "json/reader.hpp"

namespace kiosk::content::rules {

using json::TextKind;
using json::TextRule;

inline constexpr TextRule kApplicantName{TextKind::OneLine, limits::kMaxTitleChars, false};
inline constexpr TextRule kApplicantLeader{TextKind::OneLine, limits::kMaxPersonChars, false};
inline constexpr TextRule kApplicantContact{TextKind::OneLine, limits::kMaxPersonChars, true};
inline constexpr TextRule kApplicantAddress{TextKind::OneLine, limits::kMaxLabelChars, true};
inline constexpr TextRule kApplicantTown{TextKind::OneLine, limits::kMaxLabelChars, true};
// Empty or a telephone number (then content::is_phone_number; else "expected " + kPhoneExpected).
inline constexpr TextRule kApplicantPhone{TextKind::OneLine, limits::kMaxPhoneChars, true};
inline constexpr std::string_view kPhoneExpected = "a telephone number";
inline constexpr TextRule kApplicantSummary{TextKind::Paragraph, limits::kMaxParagraphChars, true};
inline constexpr TextRule kApplicantBasis{TextKind::Paragraph, limits::kMaxParagraphChars, true};

// The other fields. Titles: document, notice, section, standard, step and form titles, headings,
// hotline names. Labels: issuer, doc_number, hours, labels, periods, attachments' names, manifest
// times and hashes. A phone number: a hotline's number.
inline constexpr TextRule kTitle{TextKind::OneLine, limits::kMaxTitleChars, false};
inline constexpr TextRule kLabel{TextKind::OneLine, limits::kMaxLabelChars, false};
inline constexpr TextRule kPhone{TextKind::OneLine, limits::kMaxPhoneChars, true};
inline constexpr TextRule kParagraph{TextKind::Paragraph, limits::kMaxParagraphChars, false};
inline constexpr TextRule kParagraphMaybeEmpty{TextKind::Paragraph, limits::kMaxParagraphChars,
                                               true};
inline constexpr TextRule kOpinion{TextKind::Paragraph, limits::kMaxOpinionChars, true};
// A sheet's 类别 cell, checked as text before it is looked up among the categories.
inline constexpr TextRule kCategoryText{TextKind::OneLine, limits::kMaxTitleChars, true};

}  // namespace kiosk::content::rules
