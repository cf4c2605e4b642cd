// Files on a real disk: bounded reads and crash-safe writes (temporary file, fsync, rename).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::files {

struct ReadResult {
  std::optional<std::string> bytes;  // nullopt on failure
  std::string error;  // "cannot open: No such file or directory", "larger than 16 MiB"
};

// Reads a whole regular file, refusing (without reading past) files larger than max_bytes.
// Anything else (a FIFO, a device, a directory, a socket) is refused at once and never blocks:
// "expected a regular file, found a FIFO". Every file the kiosk or kioskctl reads goes through
// here or read_head.
ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes);

// The first max_bytes bytes of a regular file (all of it when shorter); refuses as read() does.
ReadResult read_head(const std::filesystem::path& path, std::size_t max_bytes);

// "a regular file", "a directory", "a FIFO", "a socket", "a character device", … for st_mode.
std::string file_kind(unsigned mode);

// Writes bytes to path atomically: a temporary file in the same directory, fsync, rename over
// path, fsync of the directory. On failure path is untouched and the error is returned.
std::optional<std::string> write_atomic(const std::filesystem::path& path, std::string_view bytes,
                                        unsigned mode = 0644);

// fsync of a directory, so a rename inside it is durable.
bool sync_directory(const std::filesystem::path& dir);

std::string human_size(std::uintmax_t bytes);  // "16 MiB", "512 KiB", "12 bytes"

}  // namespace kiosk::files
