// LazyLibrary (core/lazy_library.hpp) on real libraries: zlib, which every build has, loads and
// gives its functions; a soname that is not installed, and a function a library lacks, give
// nullptr and one line saying which.
#include "core/lazy_library.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace kiosk {
namespace {

TEST(LazyLibrary, LoadsOnFirstUseAndGivesItsFunctions) {
  LazyLibrary zlib("libz.so.1");
  const auto version = zlib.function<const char* (*)()>("zlibVersion");
  ASSERT_NE(version, nullptr) << zlib.error();
  EXPECT_TRUE(zlib.loaded());
  EXPECT_EQ(std::string(version()).substr(0, 2), "1.");
  EXPECT_EQ(zlib.error(), "");
  EXPECT_EQ(zlib.symbol("no_such_function_in_zlib"), nullptr);
  EXPECT_EQ(zlib.error(), "libz.so.1 lacks no_such_function_in_zlib");
  EXPECT_NE(zlib.symbol("zlibVersion"), nullptr);  // still loaded
}

TEST(LazyLibrary, ALibraryThatIsNotInstalledSaysSoOnce) {
  LazyLibrary missing("libkiosk-no-such-library.so.9");
  EXPECT_FALSE(missing.loaded());
  EXPECT_EQ(missing.symbol("anything"), nullptr);
  const std::string error = missing.error();
  EXPECT_EQ(error.rfind("cannot load libkiosk-no-such-library.so.9: ", 0), 0u) << error;
  EXPECT_EQ(missing.error(), error);  // the first reason stays
}

TEST(LazyLibrary, OpensOnceFromManyThreads) {
  LazyLibrary zlib("libz.so.1");
  std::vector<std::thread> threads;
  std::vector<void*> found(8, nullptr);
  for (std::size_t i = 0; i < found.size(); ++i) {
    threads.emplace_back([&, i] { found[i] = zlib.symbol("zlibVersion"); });
  }
  for (auto& t : threads) t.join();
  for (void* f : found) EXPECT_EQ(f, found[0]);
  EXPECT_NE(found[0], nullptr);
}

}  // namespace
}  // namespace kiosk
