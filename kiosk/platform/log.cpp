// Journal lines with sd-daemon priority prefixes, and the redaction every line goes through.
#include "platform/log.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <string>

#include "core/redact.hpp"

namespace kiosk::platform {

std::string redact(std::string_view text) { return kiosk::redact(text); }

void Logger::log(Priority priority, std::string_view message) {
  std::string line =
      prefixes_ ? "<" + std::to_string(static_cast<int>(priority)) + ">" : std::string();
  line += redact(message);
  line += '\n';
  const std::lock_guard lock(mutex_);
  if (out_ == nullptr) return;
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

bool stderr_is_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  struct stat st {};
  if (fstat(2, &st) != 0) return false;
  return std::string(stream) == std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

}  // namespace kiosk::platform
