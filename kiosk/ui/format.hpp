// Numbers, dates and durations as a Chinese reader expects them on the kiosk.
#pragma once

#include <cstdint>
#include <string>

#include "content/model.hpp"
#include "core/civil_date.hpp"
#include "tz/office_time.hpp"

namespace kiosk::ui::format {

// "2026年11月25日 星期三 09:30"; minute_of_day 0–1439.
[[nodiscard]] std::string header_datetime(CivilDate date, int minute_of_day);
// "09:30"
[[nodiscard]] std::string clock(int minute_of_day);
// "2026年11月20日至2027年12月31日"; the end without its year when it is the start's, as a
// notice prints it: "2026年9月28日至10月9日".
[[nodiscard]] std::string window(const content::NoticeWindow& w);
// "公示期 5 个工作日(2026年9月28日至10月9日)" for a window stated in working days, else
// "公示期 2026年11月20日至2027年12月31日".
[[nodiscard]] std::string period(const content::NoticeWindow& w);
// What is left of a notice's 公示期 on `today`, one unbreakable piece (a word joiner between 还
// and 剩, no-break spaces around the number): "还剩 7 天", or "还剩 3 个工作日" for a window in
// working days (LIFECYCLE.md: today counts while it is a working day; the calendar's), "今天是最后
// 一天" on the last (working) day; "公示已结束" after board_end(), "公示已终止" after a
// termination, "尚未开始" before the start.
[[nodiscard]] std::string days_left(const content::Notice& n, const content::Calendar& calendar,
                                    CivilDate today);
// "今日为休息日,不计入公示期" on a rest day inside a working-day window; "" on any other day.
[[nodiscard]] std::string rest_day_note(const content::Notice& n, const content::Calendar& calendar,
                                        CivilDate today);
// A date beside a record: "9月30日" in today's year, else "2025年9月30日".
[[nodiscard]] std::string record_date(CivilDate d, CivilDate today);
// Unix seconds on the office's wall clock (config timezone): "2026年11月20日 09:00".
[[nodiscard]] std::string timestamp(long long unix_seconds, const tz::Zone& zone);
// A duration in seconds: "3天4小时", "2小时5分", "45秒".
[[nodiscard]] std::string duration(long long seconds);
// A telephone number that never breaks across lines: spaces become no-break spaces and a word
// joiner (U+2060, invisible) follows each hyphen. "021-0000 0000" stays one piece.
[[nodiscard]] std::string unbreakable(std::string_view number);
// A short phrase kept on one line: a word joiner (U+2060, invisible) between its code points.
[[nodiscard]] std::string keep_together(std::string_view phrase);
// "1,234" style grouping is not used in Chinese public notices; plain digits: "1234".
[[nodiscard]] std::string count(std::size_t n);

}  // namespace kiosk::ui::format
