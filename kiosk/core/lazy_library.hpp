// A shared library opened with dlopen on its first use instead of linked: what only some commands
// need (libcurl for a request, libcrypto for a hash, libzip and libxlsxwriter for a spreadsheet)
// then costs nothing at every other start (each linked library is mapped and relocated before
// main: libcurl and its 25 were 14 ms of a 120 ms screenshot).
#pragma once

#include <mutex>
#include <string>

namespace kiosk {

// Contract: the first call of loaded(), error() or symbol() dlopens `soname` (RTLD_NOW |
// RTLD_LOCAL: its symbols never stand in for anyone else's), once for the process, from any
// thread. A library that does not load stays unloaded: loaded() is false and error() says
// "cannot load SONAME: …"; a function it lacks gives nullptr and error() "SONAME lacks NAME".
// The library stays loaded until the process ends. Give it a Debian soname whose ABI is stable
// (e.g. "libzip.so.4"), and have the package depend on the library's package.
class LazyLibrary {
 public:
  explicit LazyLibrary(const char* soname) : soname_(soname) {}
  LazyLibrary(const LazyLibrary&) = delete;
  LazyLibrary& operator=(const LazyLibrary&) = delete;

  [[nodiscard]] bool loaded();
  [[nodiscard]] std::string error();
  // The function `name` as the pointer type F (decltype(&::name)); nullptr when absent.
  template <typename F>
  [[nodiscard]] F function(const char* name) {
    // POSIX guarantees dlsym's object pointer converts to a function pointer.
    return reinterpret_cast<F>(symbol(name));
  }
  [[nodiscard]] void* symbol(const char* name);

 private:
  void open();
  const char* soname_;
  std::once_flag once_;
  void* handle_ = nullptr;
  std::mutex mutex_;   // guards error_
  std::string error_;  // the first thing that went wrong
};

}  // namespace kiosk
