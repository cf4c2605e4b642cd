// Bounded file reads and atomic writes with POSIX calls (fsync is not in std::filesystem).
#include "core/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace kiosk::files {

std::string human_size(std::uintmax_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string file_kind(unsigned mode) {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return "a regular file";
    case S_IFDIR:
      return "a directory";
    case S_IFIFO:
      return "a FIFO";
    case S_IFSOCK:
      return "a socket";
    case S_IFCHR:
      return "a character device";
    case S_IFBLK:
      return "a block device";
    case S_IFLNK:
      return "a symbolic link";
    default:
      return "a special file";
  }
}

namespace {

// Reads from `fd` into out[got…] until `out` is full or the file ends; 0, or the errno of a
// failed read.
int read_some(int fd, std::string& out, std::size_t& got) {
  while (got < out.size()) {
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return 0;
}

}  // namespace

Result<OpenedFile> open_regular(const std::filesystem::path& path) {
  // stat(2) first, so a FIFO or a device is refused without being opened (opening one can block
  // forever or have side effects), then open(2) with O_NONBLOCK (a FIFO swapped in after the stat
  // does not block either) and fstat(2) of the descriptor, which decides.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return Error{std::string("cannot open: ") + std::strerror(errno)};
  if (!S_ISREG(st.st_mode)) return Error{"expected a regular file, found " + file_kind(st.st_mode)};
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return Error{std::string("cannot open: ") + std::strerror(errno)};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error{"expected a regular file, found " + file_kind(st.st_mode)};
  }
  // Regular files ignore O_NONBLOCK; cleared anyway so reads behave as plain blocking reads.
  if (const int flags = ::fcntl(fd, F_GETFL); flags >= 0)
    (void)::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return OpenedFile{fd, static_cast<std::uintmax_t>(st.st_size)};
}

ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  auto file = open_regular(path);
  if (!file) return file.error();
  const int fd = file->fd;
  if (file->size > max_bytes) {
    ::close(fd);
    return Error{"expected at most " + human_size(max_bytes) + ", found " +
                 std::to_string(file->size) + " bytes"};
  }
  std::string out;
  // One byte more than the file: the read that finds the end then fits, instead of growing the
  // string at the end of the file (which doubled its capacity: 24.7 MB held for a 12.3 MB file).
  out.resize(static_cast<std::size_t>(file->size) + 1);
  std::size_t got = 0;
  while (true) {
    if (const int err = read_some(fd, out, got); err != 0) {
      ::close(fd);
      return Error{std::string("cannot read: ") + std::strerror(err)};
    }
    // Full: the file may have grown since fstat; read on, but never past the limit.
    if (got < out.size() || out.size() >= max_bytes + 1) break;
    out.resize(std::min<std::uintmax_t>(max_bytes + 1, out.size() + 65536));
  }
  ::close(fd);
  out.resize(got);
  if (got > max_bytes) {
    return Error{"expected at most " + human_size(max_bytes) + ", found a larger file"};
  }
  return out;
}

Result<Bytes> read_bytes(const std::filesystem::path& path, std::uintmax_t max_bytes, Map map) {
  if (map == Map::Large) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size >= kMapFrom && size <= max_bytes) {
      if (auto mapped = Mapping::map(path); mapped && mapped->view().size() <= max_bytes)
        return Bytes(std::move(*mapped));
    }
  }
  auto r = read(path, max_bytes);
  if (!r) return r.error();
  return Bytes(std::move(*r));
}

ReadResult read_head(const std::filesystem::path& path, std::size_t max_bytes) {
  auto file = open_regular(path);
  if (!file) return file.error();
  const int fd = file->fd;
  std::string out(max_bytes, '\0');
  std::size_t got = 0;
  if (const int err = read_some(fd, out, got); err != 0) {
    ::close(fd);
    return Error{std::string("cannot read: ") + std::strerror(err)};
  }
  ::close(fd);
  out.resize(got);
  return out;
}

Result<void> sync_directory(const std::filesystem::path& dir) {
  const char* name = dir.empty() ? "." : dir.c_str();
  const int fd = ::open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return Error{std::string("cannot open directory ") + name + ": " + std::strerror(errno)};
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    return Error{std::string("cannot fsync directory ") + name + ": " + std::strerror(err)};
  }
  ::close(fd);
  return {};
}

Result<void> write_atomic(const std::filesystem::path& path, std::string_view bytes,
                          unsigned mode) {
  const auto dir = path.parent_path();
  std::random_device rd;
  const auto tmp = (dir.empty() ? std::filesystem::path(".") : dir) /
                   ("." + path.filename().string() + ".tmp" + std::to_string(rd()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    return Error{std::string("cannot create ") + tmp.string() + ": " + std::strerror(errno)};
  const auto fail = [&](const char* what) {
    Error err{std::string(what) + " " + tmp.string() + ": " + std::strerror(errno)};
    ::close(fd);
    ::unlink(tmp.c_str());
    return err;
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0) return fail("cannot chmod");
  if (::fsync(fd) != 0) return fail("cannot fsync");
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Error{std::string("cannot close ") + tmp.string() + ": " + std::strerror(errno)};
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error err{std::string("cannot rename onto ") + path.string() + ": " + std::strerror(errno)};
    ::unlink(tmp.c_str());
    return err;
  }
  // The rename is done; a directory that cannot be fsynced (some network file systems) leaves it
  // in place but not yet durable, which is no reason to report the write as failed.
  (void)sync_directory(dir);
  return {};
}

}  // namespace kiosk::files
