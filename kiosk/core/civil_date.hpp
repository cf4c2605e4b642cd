// CivilDate: a calendar date in the office's local time, with the arithmetic notice windows need.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Strict "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
  static std::optional<CivilDate> parse(std::string_view text);
  static CivilDate from_days(long days);  // days since 1970-01-01

  [[nodiscard]] long days() const;                    // days since 1970-01-01
  [[nodiscard]] int weekday() const;                  // 0 = Sunday … 6 = Saturday
  [[nodiscard]] std::string iso() const;              // "2026-11-25"
  [[nodiscard]] std::string chinese() const;          // "2026年11月25日"
  [[nodiscard]] std::string chinese_weekday() const;  // "星期三"

  auto operator<=>(const CivilDate&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Strict RFC 3339 timestamp with a numeric offset or Z ("2026-11-25T09:00:00+08:00") as Unix
// seconds; nullopt when malformed.
std::optional<long long> parse_rfc3339(std::string_view text);
// Unix seconds as RFC 3339 in UTC+08:00 (the offices' zone), e.g. "2026-11-25T09:00:00+08:00".
std::string format_rfc3339_cst(long long unix_seconds);

}  // namespace kiosk
