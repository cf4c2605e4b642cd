// Chinese date, time and duration formatting.
#include "ui/format.hpp"

#include <cstdio>

#include "content/calendar.hpp"

namespace kiosk::ui::format {

namespace {
// A working day by the calendar, or Monday–Friday in a year it lacks (as working_days_in counts).
bool working_day(const content::Calendar& calendar, CivilDate d) {
  const int wd = d.weekday();
  return calendar.is_working_day(d).value_or(wd >= 1 && wd <= 5);
}
}  // namespace

std::string clock(int minute_of_day) {
  const int m = ((minute_of_day % 1440) + 1440) % 1440;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

std::string header_datetime(CivilDate date, int minute_of_day) {
  return date.chinese() + " " + date.chinese_weekday() + " " + clock(minute_of_day);
}

std::string window(const content::NoticeWindow& w) {
  return w.start.chinese() + "至" + record_date(w.end, w.start);
}

std::string period(const content::NoticeWindow& w) {
  if (w.working_days > 0) {
    return "公示期 " + std::to_string(w.working_days) + "\u00a0个工作日(" + window(w) + ")";
  }
  return "公示期 " + window(w);
}

std::string days_left(const content::Notice& n, const content::Calendar& calendar,
                      CivilDate today) {
  const content::NoticeWindow& w = n.window;
  if (today < w.start) return "尚未开始";
  if (n.board_end() < today) return n.termination() ? "公示已终止" : "公示已结束";
  if (w.working_days > 0) {
    const long left = content::working_days_in(calendar, today, w.end);
    if (left == 1 && working_day(calendar, today)) return "今天是最后一天";
    return "还\u2060剩\u00a0" + std::to_string(left) + "\u00a0个\u2060工\u2060作\u2060日";
  }
  const long left = w.days_left(today);
  if (left == 1) return "今天是最后一天";
  // No-break spaces: the number never ends up on another line than 还剩 or 天.
  return "还\u2060剩\u00a0" + std::to_string(left) + "\u00a0天";
}

std::string rest_day_note(const content::Notice& n, const content::Calendar& calendar,
                          CivilDate today) {
  const content::NoticeWindow& w = n.window;
  if (w.working_days <= 0 || today < w.start || n.board_end() < today) return "";
  return working_day(calendar, today) ? "" : "今日为休息日,不计入公示期";
}

std::string record_date(CivilDate d, CivilDate today) {
  if (d.year != today.year) return d.chinese();
  return std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string timestamp(long long unix_seconds, const tz::Zone& zone) {
  const tz::OfficeTime t = zone.at(unix_seconds);
  return t.date.chinese() + " " + clock(t.minute_of_day);
}

std::string duration(long long seconds) {
  if (seconds < 0) seconds = 0;
  const long long d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60;
  if (d > 0) return std::to_string(d) + "天" + std::to_string(h) + "小时";
  if (h > 0) return std::to_string(h) + "小时" + std::to_string(m) + "分";
  if (m > 0) return std::to_string(m) + "分" + std::to_string(seconds % 60) + "秒";
  return std::to_string(seconds) + "秒";
}

std::string count(std::size_t n) { return std::to_string(n); }

std::string keep_together(std::string_view phrase) {
  std::string out;
  for (std::size_t i = 0; i < phrase.size(); ++i) {
    const auto byte = static_cast<unsigned char>(phrase[i]);
    // Before every code point but the first (a lead byte is not a 10xxxxxx continuation byte).
    if (i > 0 && (byte & 0xC0) != 0x80) out += "\u2060";
    out += phrase[i];
  }
  return out;
}

std::string unbreakable(std::string_view number) {
  std::string out;
  for (const char ch : number) {
    if (ch == ' ') {
      out += "\u00a0";
    } else {
      out += ch;
      if (ch == '-') out += "\u2060";
    }
  }
  return out;
}

}  // namespace kiosk::ui::format
