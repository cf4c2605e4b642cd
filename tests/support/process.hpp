// Child processes for the tests that run real programs (Xvfb, openbox, the kiosk binary).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::test {

// True when `tool` is on $PATH.
bool on_path(const std::string& tool);

struct SpawnOptions {
  int stderr_fd = -1;  // the child's stderr (else /dev/null); stdin and stdout are /dev/null
  bool journal =
      false;  // with stderr_fd: set $JOURNAL_STREAM to it, as systemd does for the journal
};

// fork + execvp in a process group of its own, with `env` (NAME=VALUE) added to the environment.
// The pid, or -1.
pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env = {},
            SpawnOptions options = {});

// SIGTERM, up to `grace_ms` for it to exit, then SIGKILL; always reaped. pid <= 0 does nothing.
void stop(pid_t pid, int grace_ms = 2000);

// A program run to its end: its exit status (-1 when killed or stopped at the limit) and what it
// wrote to stdout and stderr.
struct ProgramRun {
  int status = -1;
  std::string out, err;
};
// Runs argv (spawn's environment, stdout and stderr to files in `dir`), waits for it at most
// `limit` (then stops it).
ProgramRun run_program(const std::vector<std::string>& argv, const std::filesystem::path& dir,
                       std::chrono::seconds limit = std::chrono::seconds(60));

}  // namespace kiosk::test
