// How much heap reading a large notices.json takes: the applicants go into the model as the file
// is parsed, never all held as a JSON DOM too (issue 10: the DOM was twice the file's size on top
// of the model). Its own executable: it replaces the global operator new and delete to count.
#include <gtest/gtest.h>

#include <malloc.h>
#include <atomic>
#include <cstdlib>
#include <new>
#include <nlohmann/json.hpp>
#include <string>

#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "fixture_bundle.hpp"

namespace {

std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};

void* counted_alloc(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  const std::size_t live = g_live += malloc_usable_size(p);
  std::size_t peak = g_peak.load();
  while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {
  }
  return p;
}

void counted_free(void* p) noexcept {
  if (p == nullptr) return;
  g_live -= malloc_usable_size(p);
  std::free(p);
}

}  // namespace

void* operator new(std::size_t size) { return counted_alloc(size); }
void* operator new[](std::size_t size) { return counted_alloc(size); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

namespace kiosk::content {
namespace {

// The tests' notices.json with its applicants repeated up to `count` (ids made unique).
std::string notices_with(std::size_t count) {
  auto j = nlohmann::ordered_json::parse(test::fixture_bundle_files().at(bundle_files::kNotices));
  auto& applicants = j["notices"][0]["applicants"];
  const auto proto = applicants;
  applicants = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < count; ++i) {
    auto a = proto[i % proto.size()];
    a["id"] = "a" + std::to_string(i);
    applicants.push_back(std::move(a));
  }
  return j.dump();
}

TEST(NoticesMemory, TheParsePeaksAtTheModelNotAtADomOfTheFile) {
  const std::string bytes = notices_with(3000);
  Problems problems;
  const std::size_t before = g_live.load();
  g_peak = before;
  auto notices = parse_notices(bytes, problems);
  ASSERT_TRUE(notices.has_value()) << (problems.empty() ? "" : problems[0].line());
  ASSERT_EQ((*notices)[0].applicants.size(), 3000U);
  const std::size_t model = g_live.load() - before;  // what the result keeps
  const std::size_t peak = g_peak.load() - before;
  // Beyond the model: the applicants vector's last doubling (at most half the vector again) and
  // one applicant's DOM at a time. A DOM of the whole file was 2× its size.
  const std::size_t vector_growth = (*notices)[0].applicants.capacity() * sizeof(Applicant) / 2;
  EXPECT_LE(peak, model + vector_growth + bytes.size() / 10)
      << "file " << bytes.size() << " bytes, model " << model << ", peak " << peak;
}

}  // namespace
}  // namespace kiosk::content
