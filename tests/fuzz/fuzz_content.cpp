// libFuzzer target: the content file parsers (document, notices — schema 2's working-day windows,
// objection, corrections and result counted over the default bundle's calendar — hotlines,
// calendar) and the cross-file validation. The first byte picks the file; the rest is its bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/calendar.hpp"
#include "content/parse.hpp"

namespace {

// Every problem is one line, and a value is produced exactly when nothing was wrong.
template <typename T>
void check(const std::optional<T>& value, const kiosk::Problems& problems) {
  if (value.has_value() != problems.empty()) __builtin_trap();
  for (const auto& p : problems) {
    if (p.line().find('\n') != std::string::npos) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const kiosk::content::Bundle kDefault = *kiosk::content::load_embedded_bundle().bundle;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  kiosk::Problems problems;
  switch (data[0] % 4) {
    case 0:
      check(kiosk::content::parse_document(bytes, problems), problems);
      break;
    case 1: {
      const auto notices =
          kiosk::content::parse_notices(bytes, problems, nullptr, &kDefault.calendar);
      check(notices, problems);
      if (notices) {
        kiosk::content::Bundle bundle = kDefault;
        bundle.notices = *notices;
        kiosk::content::validate_cross(bundle, problems);
      }
      break;
    }
    case 2:
      check(kiosk::content::parse_hotlines(bytes, problems), problems);
      break;
    default: {
      const auto calendar = kiosk::content::parse_calendar(bytes, problems);
      check(calendar, problems);
      if (calendar) {
        // Counting over any valid calendar ends (or names the missing year).
        const kiosk::CivilDate start{2026, 9, 28};
        (void)kiosk::content::add_working_days(*calendar, start,
                                               kiosk::content::kMaxWindowWorkingDays);
        (void)kiosk::content::working_days_in(*calendar, start, kiosk::CivilDate{2027, 1, 31});
      }
      break;
    }
  }
  return 0;
}
