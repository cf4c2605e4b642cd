// Mapping: mmap of a regular file, and the SIGBUS handler that keeps a file cut short while mapped
// from ending the process.
#include "core/mapping.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

#include "core/files.hpp"

namespace kiosk {
namespace {

// The mappings a SIGBUS may belong to: [begin, end) page-rounded, and whether the handler has
// already put zeros over part of it. Lock-free, read by the handler on any thread. A slot is free
// when begin is 0; kTaken marks one being filled or emptied (no address range matches it).
struct Slot {
  std::atomic<std::uintptr_t> begin{0};
  std::atomic<std::uintptr_t> end{0};
  std::atomic<bool> cut{false};
};
constexpr std::uintptr_t kTaken = 1;
constexpr std::size_t kSlots = 64;
std::array<Slot, kSlots> g_slots;
struct sigaction g_previous {};
std::uintptr_t g_page = 4096;
std::once_flag g_installed;
bool g_handler_ok = false;
int g_handler_errno = 0;  // sigaction's, when it failed

void on_sigbus(int sig, siginfo_t* info, void* context) {
  const auto addr = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (Slot& slot : g_slots) {
    const std::uintptr_t begin = slot.begin.load(std::memory_order_acquire);
    const std::uintptr_t end = slot.end.load(std::memory_order_acquire);
    if (begin <= kTaken || addr < begin || addr >= end) continue;
    // The page that faulted and the rest of the mapping become zeros (an anonymous private
    // mapping over them); the read that faulted runs again and finds them. mmap is a plain system
    // call, safe in a handler.
    const std::uintptr_t page = addr & ~(g_page - 1);
    void* zeros = ::mmap(reinterpret_cast<void*>(page), end - page, PROT_READ,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (zeros != MAP_FAILED) {
      slot.cut.store(true, std::memory_order_release);
      return;
    }
  }
  // Not a mapped file's page (or the zeros could not be mapped): what would have happened without
  // this handler.
  if ((g_previous.sa_flags & SA_SIGINFO) != 0 && g_previous.sa_sigaction != nullptr) {
    g_previous.sa_sigaction(sig, info, context);
    return;
  }
  if ((g_previous.sa_flags & SA_SIGINFO) == 0 && g_previous.sa_handler != SIG_DFL &&
      g_previous.sa_handler != SIG_IGN) {
    g_previous.sa_handler(sig);
    return;
  }
  // The default action: the faulting read runs again and the kernel ends the process with SIGBUS.
  ::signal(SIGBUS, SIG_DFL);
}

void install_handler() {
  if (const long page = ::sysconf(_SC_PAGESIZE); page > 0)
    g_page = static_cast<std::uintptr_t>(page);
  struct sigaction action {};
  action.sa_sigaction = on_sigbus;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  g_handler_ok = ::sigaction(SIGBUS, &action, &g_previous) == 0;
  if (!g_handler_ok) g_handler_errno = errno;
}

// A slot for [begin, end), or -1 when all are in use.
int take_slot(std::uintptr_t begin, std::uintptr_t end) {
  for (std::size_t i = 0; i < kSlots; ++i) {
    std::uintptr_t expected = 0;
    if (g_slots[i].begin.compare_exchange_strong(expected, kTaken, std::memory_order_acq_rel)) {
      g_slots[i].cut.store(false, std::memory_order_relaxed);
      g_slots[i].end.store(end, std::memory_order_release);
      g_slots[i].begin.store(begin, std::memory_order_release);
      return static_cast<int>(i);
    }
  }
  return -1;
}

void free_slot(int i) {
  Slot& slot = g_slots[static_cast<std::size_t>(i)];
  slot.begin.store(kTaken, std::memory_order_release);
  slot.end.store(0, std::memory_order_release);
  slot.cut.store(false, std::memory_order_relaxed);
  slot.begin.store(0, std::memory_order_release);
}

}  // namespace

Result<Mapping> Mapping::map(const std::filesystem::path& path) {
  auto file = files::open_regular(path);
  if (!file) return file.error();
  const int fd = file->fd;
  if (file->size == 0) {
    ::close(fd);
    return Mapping();
  }
  std::call_once(g_installed, install_handler);
  if (!g_handler_ok) {
    ::close(fd);
    return Error{std::string("cannot map: no SIGBUS handler: ") + std::strerror(g_handler_errno)};
  }
  const auto size = static_cast<std::size_t>(file->size);
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int err = errno;
  ::close(fd);
  if (data == MAP_FAILED) return Error{std::string("cannot map: ") + std::strerror(err)};
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t end = begin + ((size + g_page - 1) & ~(g_page - 1));
  const int slot = take_slot(begin, end);
  if (slot < 0) {
    ::munmap(data, size);
    return Error{"cannot map: " + std::to_string(kSlots) + " files are mapped already"};
  }
  return Mapping(static_cast<const char*>(data), size, slot);
}

Mapping::~Mapping() { unmap(); }

Mapping::Mapping(Mapping&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      slot_(std::exchange(other.slot_, -1)) {}

Mapping& Mapping::operator=(Mapping&& other) noexcept {
  if (this != &other) {
    unmap();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    slot_ = std::exchange(other.slot_, -1);
  }
  return *this;
}

void Mapping::unmap() {
  if (slot_ < 0) return;
  free_slot(slot_);
  ::munmap(const_cast<char*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
  slot_ = -1;
}

bool Mapping::cut_short() const {
  return slot_ >= 0 && g_slots[static_cast<std::size_t>(slot_)].cut.load(std::memory_order_acquire);
}

void Mapping::release_pages() const {
  if (slot_ >= 0) ::madvise(const_cast<char*>(data_), size_, MADV_DONTNEED);
}

}  // namespace kiosk
