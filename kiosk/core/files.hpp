// Files on a real disk: bounded reads and crash-safe writes (temporary file, fsync, rename).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/mapping.hpp"
#include "core/result.hpp"

namespace kiosk::files {

// The bytes of a file, or the one-line reason they could not be read ("cannot open: No such file
// or directory", "expected at most 16 MiB, found 17825792 bytes"); the caller prefixes the path.
using ReadResult = Result<std::string>;

// Reads a whole regular file, refusing (without reading past) files larger than max_bytes.
// Anything else (a FIFO, a device, a directory, a socket) is refused at once and never blocks:
// "expected a regular file, found a FIFO". Every file the kiosk or kioskctl reads goes through
// here, read_bytes or read_head.
ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes);

// The bytes of a file, held in memory (a std::string) or mapped (a Mapping), read alike through
// view(). Copies share the bytes (never copy them).
class Bytes {
 public:
  Bytes() = default;
  Bytes(std::string bytes)  // NOLINT(google-explicit-constructor): held in memory
      : owned_(std::make_shared<const std::string>(std::move(bytes))) {}
  Bytes(const char* bytes) : Bytes(std::string(bytes)) {}  // NOLINT(google-explicit-constructor)
  explicit Bytes(Mapping mapping) : mapping_(std::make_shared<const Mapping>(std::move(mapping))) {}

  [[nodiscard]] std::string_view view() const {
    return mapping_ ? mapping_->view() : owned_ ? std::string_view(*owned_) : std::string_view();
  }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  [[nodiscard]] std::string str() const { return std::string(view()); }  // a copy
  [[nodiscard]] const char* data() const { return view().data(); }
  [[nodiscard]] std::size_t size() const { return view().size(); }
  [[nodiscard]] bool empty() const { return view().empty(); }
  [[nodiscard]] bool mapped() const { return mapping_ != nullptr; }
  // The file was cut short while it was mapped (Mapping::cut_short): view() did not show it.
  [[nodiscard]] bool cut_short() const { return mapping_ && mapping_->cut_short(); }
  friend bool operator==(const Bytes& a, std::string_view b) { return a.view() == b; }

 private:
  std::shared_ptr<const std::string> owned_;
  std::shared_ptr<const Mapping> mapping_;
};

// Files of at least this size are mapped by read_bytes(…, Map::Large).
inline constexpr std::uintmax_t kMapFrom = 256u << 10;
enum class Map {
  Never,  // always read(2) into memory: a snapshot, what a hash or a signature must vouch for
  Large,  // a file of kMapFrom bytes or more is mapped (falls back to reading when it cannot be)
};

// read(), or with Map::Large a large file mapped: the same refusals and limit. For bytes that are
// used at once and that nothing vouches for (a folder the user is checking or showing as it is):
// a writer changing the file in place while it is mapped changes what the reader sees, and the
// reader must ask cut_short() after reading (the line for it is kCutShort).
Result<Bytes> read_bytes(const std::filesystem::path& path, std::uintmax_t max_bytes, Map map);
inline constexpr char kCutShort[] =
    "expected the file to stay as it was while it was read, found it cut short; read it again";

// A regular file opened for reading (O_CLOEXEC) as read() opens it: never blocking, anything but
// a regular file refused. The caller closes fd.
struct OpenedFile {
  int fd = -1;
  std::uintmax_t size = 0;  // fstat's, at opening
};
Result<OpenedFile> open_regular(const std::filesystem::path& path);

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
