// Office time on Howard Hinnant's date/tz.h over the OS tz database (USE_OS_TZDB=1).
#include "tz/office_time.hpp"

#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace kiosk::tz {
namespace {

using Seconds = date::sys_time<std::chrono::seconds>;

long long floor_div(long long a, long long b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int offset_at(const date::time_zone* zone, long long unix_seconds) {
  if (zone == nullptr) return 0;
  const auto info = zone->get_info(Seconds{std::chrono::seconds{unix_seconds}});
  return static_cast<int>(info.offset.count());
}

}  // namespace

Zone::Zone() {
  if (auto z = locate(kDefaultZone)) *this = std::move(*z);
}

Result<Zone> Zone::locate(std::string_view name) {
  try {
    return Zone(date::locate_zone(name), std::string(name));
  } catch (const std::exception&) {
    // Not found, or no tz database at all (tzdata not installed).
    return Error{"time zone \"" + std::string(name) +
                 "\" is not in the system's tz database (/usr/share/zoneinfo); expected an IANA "
                 "name such as Asia/Shanghai"};
  }
}

OfficeTime Zone::at(long long unix_seconds) const {
  OfficeTime t;
  t.unix = unix_seconds;
  t.utc_offset_s = offset_at(zone_, unix_seconds);
  const long long local = unix_seconds + t.utc_offset_s;
  const long long days = floor_div(local, 86400);
  const long long secs = local - days * 86400;
  t.date = CivilDate::from_days(static_cast<long>(days));
  t.minute_of_day = static_cast<int>(secs / 60);
  t.second = static_cast<int>(secs % 60);
  return t;
}

std::string Zone::rfc3339(long long unix_seconds) const {
  const OfficeTime t = at(unix_seconds);
  const int off = std::abs(t.utc_offset_s);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", t.date.iso().c_str(),
                t.minute_of_day / 60, t.minute_of_day % 60, t.second,
                t.utc_offset_s < 0 ? '-' : '+', off / 3600, off / 60 % 60);
  return buf;
}

long long Zone::start_of(CivilDate date) const {
  const long long local_midnight = static_cast<long long>(date.days()) * 86400;
  if (zone_ == nullptr) return local_midnight;
  const date::local_seconds local{std::chrono::seconds{local_midnight}};
  const auto info = zone_->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:  // the earlier of the two
      return local_midnight - info.first.offset.count();
    case date::local_info::nonexistent:  // midnight skipped: the instant the gap ends
      return info.second.begin.time_since_epoch().count();
  }
  return local_midnight - info.first.offset.count();
}

long long Clock::now_unix() const {
  if (fixed_) return *fixed_;
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

OfficeTime Clock::now() const { return zone_.at(now_unix()); }

}  // namespace kiosk::tz
