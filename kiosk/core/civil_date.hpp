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
// Formatting an instant is the office's zone's job: tz::Zone::rfc3339 (tz/office_time.hpp).

}  // namespace kiosk
