// A scratch directory that removes itself, and whole-file reads and writes, for tests.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::test {

// A fresh directory under $TMPDIR (kiosk-test-XXXXXX), removed with its contents. Throws
// std::runtime_error when it cannot be made.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // Writes `text` to path()/name (making folders) and returns the file's path.
  std::filesystem::path write(const std::string& name, std::string_view text) const;

 private:
  std::filesystem::path path_;
};

// The whole file ("" when it cannot be read).
std::string read_file(const std::filesystem::path& path);
// Writes `bytes` to `path`, making its folder first.
void write_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace kiosk::test
