// Office time: instants to the office's date and time of day, across midnight and DST, whatever TZ.
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/civil_date.hpp"
#include "tz/office_time.hpp"

namespace kiosk::tz {
namespace {

long long at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

Zone zone(const char* name) {
  auto z = Zone::locate(name);
  EXPECT_TRUE(z) << name;
  return z ? *z : Zone();
}

TEST(OfficeTime, DefaultZoneIsShanghai) {
  EXPECT_EQ(Zone().name(), "Asia/Shanghai");
  EXPECT_EQ(Clock().zone().name(), "Asia/Shanghai");
}

TEST(OfficeTime, ShanghaiAcrossUtcMidnight) {
  // 2026-12-01T20:00Z is already 12-02 04:00 in Shanghai: the office's date, not UTC's.
  const OfficeTime t = Zone().at(at("2026-12-01T20:00:00Z"));
  EXPECT_EQ(t.date.iso(), "2026-12-02");
  EXPECT_EQ(t.minute_of_day, 4 * 60);
  EXPECT_EQ(t.utc_offset_s, 8 * 3600);
  const OfficeTime before = Zone().at(at("2026-12-01T15:59:59Z"));
  EXPECT_EQ(before.date.iso(), "2026-12-01");
  EXPECT_EQ(before.minute_of_day, 23 * 60 + 59);
  EXPECT_EQ(before.second, 59);
  EXPECT_EQ(Zone().at(at("2026-12-01T16:00:00Z")).date.iso(), "2026-12-02");
  EXPECT_EQ(Zone().rfc3339(at("2026-12-01T20:00:00Z")), "2026-12-02T04:00:00+08:00");
  EXPECT_EQ(Zone().rfc3339(1795568400), "2026-11-25T09:00:00+08:00");
  EXPECT_EQ(Zone().start_of(CivilDate{2026, 12, 2}), at("2026-12-01T16:00:00Z"));
}

TEST(OfficeTime, NewYorkMidnightAndDst) {
  const Zone ny = zone("America/New_York");
  // Winter (EST, -05:00): 2026-12-02T04:30Z is still 12-01 23:30 in New York.
  OfficeTime t = ny.at(at("2026-12-02T04:30:00Z"));
  EXPECT_EQ(t.date.iso(), "2026-12-01");
  EXPECT_EQ(t.minute_of_day, 23 * 60 + 30);
  EXPECT_EQ(t.utc_offset_s, -5 * 3600);
  EXPECT_EQ(ny.rfc3339(at("2026-12-02T05:00:00Z")), "2026-12-02T00:00:00-05:00");
  // Spring forward, 2026-03-08: 01:59:59 EST is followed by 03:00:00 EDT.
  EXPECT_EQ(ny.rfc3339(at("2026-03-08T06:59:59Z")), "2026-03-08T01:59:59-05:00");
  EXPECT_EQ(ny.rfc3339(at("2026-03-08T07:00:00Z")), "2026-03-08T03:00:00-04:00");
  // Summer (EDT, -04:00): 2026-07-01T03:59Z is 06-30 23:59 there.
  t = ny.at(at("2026-07-01T03:59:00Z"));
  EXPECT_EQ(t.date.iso(), "2026-06-30");
  EXPECT_EQ(t.utc_offset_s, -4 * 3600);
  EXPECT_EQ(ny.at(at("2026-07-01T04:00:00Z")).date.iso(), "2026-07-01");
  // Fall back, 2026-11-01: 01:30 happens twice, first EDT then EST.
  EXPECT_EQ(ny.rfc3339(at("2026-11-01T05:30:00Z")), "2026-11-01T01:30:00-04:00");
  EXPECT_EQ(ny.rfc3339(at("2026-11-01T06:30:00Z")), "2026-11-01T01:30:00-05:00");
  // The first instant of a day follows the offset in force at its midnight.
  EXPECT_EQ(ny.start_of(CivilDate{2026, 3, 8}), at("2026-03-08T05:00:00Z"));
  EXPECT_EQ(ny.start_of(CivilDate{2026, 3, 9}), at("2026-03-09T04:00:00Z"));
  EXPECT_EQ(ny.start_of(CivilDate{2026, 11, 2}), at("2026-11-02T05:00:00Z"));
}

TEST(OfficeTime, MidnightSkippedByDst) {
  // America/Havana springs forward at 00:00 (2026-03-08 00:00 CST -> 01:00 CDT): the day starts
  // at the end of the gap.
  const Zone havana = zone("America/Havana");
  EXPECT_EQ(havana.rfc3339(havana.start_of(CivilDate{2026, 3, 8})), "2026-03-08T01:00:00-04:00");
}

TEST(OfficeTime, ThePcsTzChangesNothing) {
  const long long instant = at("2026-12-01T20:00:00Z");
  const char* saved = std::getenv("TZ");
  const std::string restore = saved ? saved : "";
  for (const char* pc : {"UTC", "Asia/Shanghai", "America/New_York"}) {
    setenv("TZ", pc, 1);
    EXPECT_EQ(Zone().rfc3339(instant), "2026-12-02T04:00:00+08:00") << "TZ=" << pc;
    EXPECT_EQ(zone("America/New_York").rfc3339(instant), "2026-12-01T15:00:00-05:00")
        << "TZ=" << pc;
  }
  if (saved) {
    setenv("TZ", restore.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
}

TEST(OfficeTime, FixedClock) {
  const Clock clock(zone("America/New_York"), at("2026-12-01T20:00:00Z"));
  EXPECT_EQ(clock.now_unix(), at("2026-12-01T20:00:00Z"));
  EXPECT_EQ(clock.now().date.iso(), "2026-12-01");
  EXPECT_EQ(clock.now().minute_of_day, 15 * 60);
  EXPECT_EQ(Clock(Zone(), at("2026-12-01T20:00:00Z")).now().date.iso(), "2026-12-02");
}

TEST(OfficeTime, UnknownZoneIsAnError) {
  for (const char* bad : {"Asia/Shangai", "Mars/Olympus", "", "../../etc/passwd", "+08:00"}) {
    const auto z = Zone::locate(bad);
    ASSERT_FALSE(z) << bad;
    EXPECT_EQ(z.error().what, "time zone \"" + std::string(bad) +
                                  "\" is not in the system's tz database (/usr/share/zoneinfo); "
                                  "expected an IANA name such as Asia/Shanghai");
  }
}

}  // namespace
}  // namespace kiosk::tz
