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
// "2026年11月20日至2027年12月31日"
[[nodiscard]] std::string window(const content::NoticeWindow& w);
// "还剩 7 天" (one unbreakable piece: a word joiner between 还 and 剩, no-break spaces around
// the number; the last day says "今天是最后一天");
// "公示已结束" once ended; "尚未开始" before.
[[nodiscard]] std::string days_left(const content::NoticeWindow& w, CivilDate today);
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
