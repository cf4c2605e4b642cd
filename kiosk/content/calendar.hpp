// The working-day calendar (calendar.json, LIFECYCLE.md): statutory holidays and make-up working
// days per year, and the counting of working-day 公示 windows over it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.hpp"
#include "core/problem.hpp"
#include "core/result.hpp"

namespace kiosk::content {

// calendar.json's limits (SCHEMA.md).
inline constexpr int kMinCalendarYear = 2000;
inline constexpr int kMaxCalendarYear = 2100;
inline constexpr std::size_t kMaxCalendarYears = 100;
inline constexpr std::size_t kMaxCalendarDaysPerList = 60;  // off or work dates in one year
inline constexpr int kMaxWindowWorkingDays = 30;            // window.working_days, 1–30

// One year's arrangement as the State Council's notice sets it.
struct CalendarYear {
  std::string source;  // "国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)"
  std::vector<CivilDate> off;   // statutory holidays (放假), sorted, each in this year
  std::vector<CivilDate> work;  // make-up working days (调休上班), sorted, each in this year
};

struct Calendar {
  std::map<int, CalendarYear> years;  // empty: no calendar.json
  // nullopt when d's year is not in the calendar.
  [[nodiscard]] std::optional<bool> is_working_day(CivilDate d) const;
  // is_working_day, or Monday–Friday for a year the calendar lacks (what working_days_in counts).
  [[nodiscard]] bool counts_as_working_day(CivilDate d) const;
  [[nodiscard]] bool has_year(int year) const { return years.contains(year); }
};

// How to add a year the calendar lacks: "(add \"2027\" to calendar.json's years with source, off
// and work from 国务院办公厅关于2027年部分节假日安排的通知, published in the autumn before)".
std::string how_to_add_year(int year);
// The one line naming a year the calendar lacks and how to add it:
// "calendar.json: no data for 2027 (add …)".
std::string missing_year_message(int year);
// The first year from `from`'s on that the calendar lacks: where a count from `from` stops.
int first_missing_year_from(const Calendar& calendar, CivilDate from);

// The last day of a window of n working days from start (start itself counts when it is one).
// n >= 1. Error (missing_year_message) names the first year the count reaches that the calendar
// lacks.
Result<CivilDate> add_working_days(const Calendar& calendar, CivilDate start, int n);

// Working days in [from, to], inclusive; 0 when to < from. Unknown years count Monday–Friday.
long working_days_in(const Calendar& calendar, CivilDate from, CivilDate to);

// Parses calendar.json (schema 1) against SCHEMA.md; nullopt exactly when it added a problem.
std::optional<Calendar> parse_calendar(std::string_view bytes, Problems& problems);

}  // namespace kiosk::content
