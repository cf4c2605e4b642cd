// A file mapped into memory, read-only, surviving the file being cut short while it is mapped.
// Reading a large file through its mapping touches no fresh memory: read(2) copies it into new
// pages, each a page fault here (2–5 µs on this project's VM: 3,000 for a 12 MB notices.json),
// where the mapping's pages are the page cache's, 16 to a fault.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

#include "core/result.hpp"

namespace kiosk {

// Contract: a private, read-only mapping of a regular file's bytes as they were when it was
// mapped (size from fstat then). The file is the page cache's: another process writing it in place
// changes what view() shows (rename-over writers, as dpkg and this project's installs are, do
// not). A file cut short (truncated) while mapped would end the process with SIGBUS at the next
// read past its new end; instead a process-wide SIGBUS handler, installed with the first mapping
// and chained to the one before it for any other address, maps zeros over the rest of the
// mapping, and cut_short() turns true: a reader asks after reading and reports the file as
// changed while it was read. Movable, not copyable; unmapped when destroyed. Any thread.
class Mapping {
 public:
  // The file mapped, or the one-line reason it is not ("cannot open: …", "expected a regular
  // file, found a FIFO", "cannot map: …"). An empty file maps to an empty view.
  static Result<Mapping> map(const std::filesystem::path& path);

  Mapping() = default;
  ~Mapping();
  Mapping(Mapping&& other) noexcept;
  Mapping& operator=(Mapping&& other) noexcept;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

  [[nodiscard]] std::string_view view() const { return {data_, size_}; }
  // True once any read found the file shorter than when it was mapped (see above).
  [[nodiscard]] bool cut_short() const;
  // Lets the process's copies of the pages go (MADV_DONTNEED): they are read again from the page
  // cache when next touched, so no reader can tell, and the RSS they held is given back.
  void release_pages() const;

 private:
  Mapping(const char* data, std::size_t size, int slot) : data_(data), size_(size), slot_(slot) {}
  void unmap();
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  int slot_ = -1;  // in the SIGBUS handler's table; -1: nothing mapped (empty file, moved from)
};

}  // namespace kiosk
