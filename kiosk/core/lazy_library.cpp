// LazyLibrary: dlopen once, dlsym by name; see lazy_library.hpp.
#include "core/lazy_library.hpp"

#include <dlfcn.h>

namespace kiosk {

void LazyLibrary::open() {
  std::call_once(once_, [this] {
    handle_ = dlopen(soname_, RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) {
      const char* why = dlerror();
      const std::lock_guard lock(mutex_);
      error_ =
          std::string("cannot load ") + soname_ + ": " + (why != nullptr ? why : "unknown error");
    }
  });
}

bool LazyLibrary::loaded() {
  open();
  return handle_ != nullptr;
}

std::string LazyLibrary::error() {
  open();
  const std::lock_guard lock(mutex_);
  return error_;
}

void* LazyLibrary::symbol(const char* name) {
  if (!loaded()) return nullptr;
  void* found = dlsym(handle_, name);
  if (found == nullptr) {
    const std::lock_guard lock(mutex_);
    if (error_.empty()) error_ = std::string(soname_) + " lacks " + name;
  }
  return found;
}

}  // namespace kiosk
