// calendar.json and the counting of working days over it (calendar.hpp, LIFECYCLE.md).
#include "content/calendar.hpp"

#include <algorithm>
#include <set>

#include "content/bundle_files.hpp"
#include "content/text_rules.hpp"
#include "json/reader.hpp"

namespace kiosk::content {
namespace {

bool weekend(CivilDate d) { return d.weekday() == 0 || d.weekday() == 6; }

bool listed(const std::vector<CivilDate>& sorted, CivilDate d) {
  return std::binary_search(sorted.begin(), sorted.end(), d);
}

// The sorted dates of one of a year's lists; each must lie in the year, ascending, once.
std::vector<CivilDate> read_dates(json::ObjectReader& yr, std::string_view key, int year) {
  std::vector<CivilDate> out;
  const json::Json* arr = yr.array(key, kMaxCalendarDaysPerList);
  if (arr == nullptr) return out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const json::Json& v = (*arr)[i];
    const std::string path = json::index_path(yr.path(key), i);
    std::optional<CivilDate> d;
    if (v.is_string()) d = CivilDate::parse(v.get_ref<const std::string&>());
    if (!d) {
      yr.context().report(path, "expected a date YYYY-MM-DD, found " + json::describe(v));
      continue;
    }
    if (d->year != year) {
      yr.context().report(path,
                          "expected a date in " + std::to_string(year) + ", found " + d->iso());
      continue;
    }
    if (!out.empty() && *d <= out.back()) {
      yr.context().report(path, "expected a date after " + out.back().iso() +
                                    " (dates in order, each once), found " + d->iso());
      continue;
    }
    out.push_back(*d);
  }
  return out;
}

}  // namespace

std::optional<bool> Calendar::is_working_day(CivilDate d) const {
  const auto it = years.find(d.year);
  if (it == years.end()) return std::nullopt;
  if (listed(it->second.work, d)) return true;
  if (listed(it->second.off, d)) return false;
  return !weekend(d);
}

bool Calendar::counts_as_working_day(CivilDate d) const {
  return is_working_day(d).value_or(!weekend(d));
}

std::string how_to_add_year(int year) {
  const std::string y = std::to_string(year);
  return "(add \"" + y + "\" to calendar.json's years with source, off and work from " +
         "国务院办公厅关于" + y + "年部分节假日安排的通知, published in the autumn before)";
}

std::string missing_year_message(int year) {
  return std::string(bundle_files::kCalendar) + ": no data for " + std::to_string(year) + " " +
         how_to_add_year(year);
}

int first_missing_year_from(const Calendar& calendar, CivilDate from) {
  int year = from.year;
  while (calendar.has_year(year)) ++year;
  return year;
}

Result<CivilDate> add_working_days(const Calendar& calendar, CivilDate start, int n) {
  // Every year has far more than 30 working days, so a year and a bit always suffices.
  long day = start.days();
  int counted = 0;
  for (int guard = 0; guard < 800; ++guard, ++day) {
    const CivilDate d = CivilDate::from_days(day);
    const auto works = calendar.is_working_day(d);
    if (!works) return Error{missing_year_message(d.year)};
    if (*works && ++counted >= n) return d;
  }
  return Error{std::string(bundle_files::kCalendar) + ": expected " + std::to_string(n) +
               " working days from " + start.iso() + ", found fewer within two years"};
}

long working_days_in(const Calendar& calendar, CivilDate from, CivilDate to) {
  long count = 0;
  for (long day = from.days(); day <= to.days(); ++day) {
    if (calendar.counts_as_working_day(CivilDate::from_days(day))) ++count;
  }
  return count;
}

std::optional<Calendar> parse_calendar(std::string_view bytes, Problems& problems) {
  const std::string file = bundle_files::kCalendar;
  const auto root = json::parse(bytes, file, problems);
  if (!root) return std::nullopt;
  json::Context ctx(file, problems);
  Calendar calendar;
  {
    json::ObjectReader r(*root, "", ctx, {"schema", "years"});
    r.integer("schema", 1, 1);
    if (const json::Json* years = r.object("years")) {
      if (years->size() > kMaxCalendarYears) {
        r.report("years", "expected at most " + std::to_string(kMaxCalendarYears) +
                              " years, found " + std::to_string(years->size()));
      } else {
        for (const auto& [key, value] : years->items()) {
          const std::string path = "years." + key;
          const auto year = CivilDate::parse(key + "-01-01");
          if (key.size() != 4 || !year || year->year < kMinCalendarYear ||
              year->year > kMaxCalendarYear) {
            ctx.report("years." + quote_found(key),
                       "expected a year from " + std::to_string(kMinCalendarYear) + " to " +
                           std::to_string(kMaxCalendarYear) + " like \"2026\", found another key");
            continue;
          }
          json::ObjectReader yr(value, path, ctx, {"source", "off", "work"});
          CalendarYear y;
          y.source = yr.text("source", rules::kTitle).value_or("");
          y.off = read_dates(yr, "off", year->year);
          y.work = read_dates(yr, "work", year->year);
          for (std::size_t i = 0; i < y.work.size(); ++i) {
            const CivilDate d = y.work[i];
            const std::string wp = json::index_path(yr.path("work"), i);
            if (listed(y.off, d)) {
              ctx.report(wp, "expected a day not also in off, found " + d.iso());
            } else if (!weekend(d)) {
              ctx.report(wp, "expected a Saturday or Sunday (a make-up working day), found " +
                                 d.iso() + " (" + d.chinese_weekday() + ")");
            }
          }
          calendar.years.emplace(year->year, std::move(y));
        }
      }
    }
  }
  ctx.finish();
  if (ctx.count() > 0) return std::nullopt;
  return calendar;
}

}  // namespace kiosk::content
