// The two sources of a sync round: HTTP and a directory (source.hpp).
#include "sync/source.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "core/files.hpp"

namespace kiosk::sync {
namespace fs = std::filesystem;

net::Response HttpSource::get(const std::string& name, const net::Conditions& conditions,
                              std::uint64_t max_bytes) {
  return client_.get(net::join_url(base_, name), conditions, max_bytes);
}

namespace {

bool safe_relative(const std::string& name) {
  if (name.empty() || name.front() == '/') return false;
  for (std::size_t start = 0; start <= name.size();) {
    const auto end = std::min(name.find('/', start), name.size());
    const auto segment = std::string_view(name).substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

net::Response DirSource::get(const std::string& name, const net::Conditions& /*conditions*/,
                             std::uint64_t max_bytes) {
  net::Response r;
  const fs::path path = dir_ / name;
  r.url = path.string();
  if (!safe_relative(name)) {
    r.failure = net::Failure::Other;
    r.error = "expected a relative path inside " + dir_.string() + ", found " + name;
    return r;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      r.status = 404;
      return r;
    }
    r.failure = net::Failure::Other;
    r.error = "cannot read " + path.string() + ": " + std::strerror(errno);
    return r;
  }
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    r.failure = net::Failure::TooLarge;
    r.error = path.string() + ": larger than " + std::to_string(max_bytes) + " bytes";
    return r;
  }
  auto read = files::read(path, max_bytes);
  if (!read) {
    r.failure = net::Failure::Other;
    r.error = path.string() + ": " + read.error().what;
    return r;
  }
  r.status = 200;
  r.body = std::move(read).value();
  return r;
}

}  // namespace kiosk::sync
