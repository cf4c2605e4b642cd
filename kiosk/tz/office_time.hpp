// Office time: the office's IANA time zone and the one clock all dates and times shown come from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/civil_date.hpp"
#include "core/result.hpp"

namespace date {
class time_zone;
}

namespace kiosk::tz {

// Contract: every date and time the kiosk shows or decides by (the header clock, 公示期
// boundaries, days left, office hours, steps, times in logs shown to people, kioskctl's and the
// console's "today") is an OfficeTime from a Zone made from config `timezone`, whatever the PC's
// own TZ or /etc/localtime says. Nothing else converts Unix seconds to a date or a time of day:
// no localtime, no fixed +8.

inline constexpr std::string_view kDefaultZone = "Asia/Shanghai";

// An instant as the office's wall clock reads it.
struct OfficeTime {
  CivilDate date;
  int minute_of_day = 0;  // 0 … 1439
  int second = 0;
  long long unix = 0;    // the instant, Unix seconds
  int utc_offset_s = 0;  // the zone's offset at that instant (+28800 in Shanghai)
  bool operator==(const OfficeTime&) const = default;
};

// An IANA zone from the system's tz database (/usr/share/zoneinfo, tzdata).
class Zone {
 public:
  // kDefaultZone; UTC only when the system's tz database lacks it (config validation has then
  // already reported `timezone`).
  Zone();
  // The zone named, or an Error: "time zone \"Mars/Base\" is not in the system's tz database
  // (/usr/share/zoneinfo)".
  static Result<Zone> locate(std::string_view name);

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] OfficeTime at(long long unix_seconds) const;
  // RFC 3339 with this zone's offset at that instant: "2026-11-25T09:00:00+08:00".
  [[nodiscard]] std::string rfc3339(long long unix_seconds) const;
  // The first instant of `date` in this zone (its local midnight, or the first minute after a
  // gap), Unix seconds.
  [[nodiscard]] long long start_of(CivilDate date) const;

  bool operator==(const Zone& other) const { return name_ == other.name_; }

 private:
  Zone(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
  const date::time_zone* zone_ = nullptr;  // nullptr: UTC
  std::string name_ = "UTC";
};

// The one clock: the office's zone and where "now" comes from (the system clock, or a fixed
// instant: kiosk --now, tests).
class Clock {
 public:
  Clock() = default;  // Asia/Shanghai, the system clock
  explicit Clock(Zone zone, std::optional<long long> fixed_unix = std::nullopt)
      : zone_(std::move(zone)), fixed_(fixed_unix) {}
  [[nodiscard]] OfficeTime now() const;
  [[nodiscard]] long long now_unix() const;
  [[nodiscard]] const Zone& zone() const { return zone_; }

 private:
  Zone zone_;
  std::optional<long long> fixed_;
};

}  // namespace kiosk::tz
