// Logger: one line per message on a FILE* (stderr, which systemd sends to the journal) with the
// sd-daemon priority prefix (<3> error, <4> warning, <5> notice, <6> info), every line redacted.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace kiosk::platform {

// The syslog priorities sd-daemon.h names SD_ERR, SD_WARNING, SD_NOTICE, SD_INFO.
enum class Priority { Error = 3, Warning = 4, Notice = 5, Info = 6 };

// Makes a message safe and fit for one journal line:
//  - URLs lose their userinfo ("https://u:pw@host/x" -> "https://host/x");
//  - query parameters that carry credentials (signature, token, key, password, secret,
//    credential, X-Amz-*, …) keep their name, their value becomes "REDACTED";
//  - "Authorization: …" / "Proxy-Authorization: …" / "Cookie: …" lose everything after the colon;
//  - control characters (newlines, tabs, ESC) become spaces.
[[nodiscard]] std::string redact(std::string_view text);

// Contract: log() writes "<N>" + redact(message) + "\n" (without "<N>" when prefixes are off)
// with one fwrite under a mutex and flushes,
// so lines from the sync thread and the UI thread never interleave. The FILE* is not owned and
// must outlive the Logger. Pass the Logger by reference to whoever logs (no global instance).
class Logger {
 public:
  // prefixes: write the "<N>" priority prefixes (on when stderr is the journal, see
  // stderr_is_journal(); a terminal gets plain lines).
  explicit Logger(std::FILE* out, bool prefixes = true) : out_(out), prefixes_(prefixes) {}
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  void log(Priority priority, std::string_view message);
  void error(std::string_view message) { log(Priority::Error, message); }
  void warning(std::string_view message) { log(Priority::Warning, message); }
  void notice(std::string_view message) { log(Priority::Notice, message); }
  void info(std::string_view message) { log(Priority::Info, message); }

 private:
  std::FILE* out_;
  bool prefixes_;
  std::mutex mutex_;
};

// True when stderr is connected to the journal: $JOURNAL_STREAM (set by systemd for
// StandardError=journal) names stderr's device and inode.
[[nodiscard]] bool stderr_is_journal();

}  // namespace kiosk::platform
