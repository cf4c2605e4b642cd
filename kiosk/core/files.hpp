// Files on a real disk: bounded reads and crash-safe writes (temporary file, fsync, rename).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kiosk::files {

// The bytes of a file, or the one-line reason they could not be read ("cannot open: No such file
// or directory", "expected at most 16 MiB, found 17825792 bytes"); the caller prefixes the path.
using ReadResult = Result<std::string>;

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
// path, fsync of the directory. On failure path is untouched and the error says why.
Result<void> write_atomic(const std::filesystem::path& path, std::string_view bytes,
                          unsigned mode = 0644);

// fsync of a directory, so a rename inside it is durable; the error names the directory.
Result<void> sync_directory(const std::filesystem::path& dir);

std::string human_size(std::uintmax_t bytes);  // "16 MiB", "512 KiB", "12 bytes"

}  // namespace kiosk::files
