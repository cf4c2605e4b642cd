// Mapping (core/mapping.hpp) and files::read_bytes: a large file read through a mapping, and a file
// cut short while it is mapped, which must not end the process.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/files.hpp"
#include "core/mapping.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

class MappingTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& name, const std::string& bytes) {
    return temp_.write(name, bytes);
  }
  test::TempDir temp_;
  const std::filesystem::path& dir_ = temp_.path();
};

// Three pages and a bit, each page its own letter.
std::string pages() {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return std::string(page, 'a') + std::string(page, 'b') + std::string(page, 'c') + "tail";
}

TEST_F(MappingTest, ShowsTheFilesBytes) {
  const std::string bytes = pages();
  auto m = Mapping::map(write("f", bytes));
  ASSERT_TRUE(m) << m.error().what;
  EXPECT_EQ(m->view(), bytes);
  EXPECT_FALSE(m->cut_short());
  m->release_pages();  // read again from the page cache when next touched
  EXPECT_EQ(m->view(), bytes);
  Mapping moved = std::move(*m);
  EXPECT_EQ(moved.view(), bytes);
  EXPECT_TRUE(m->view().empty());

  auto empty = Mapping::map(write("empty", ""));
  ASSERT_TRUE(empty) << empty.error().what;
  EXPECT_TRUE(empty->view().empty());
}

TEST_F(MappingTest, RefusesWhatIsNotARegularFileAsReadDoes) {
  EXPECT_EQ(Mapping::map(dir_ / "missing").error().what, "cannot open: No such file or directory");
  EXPECT_EQ(Mapping::map(dir_).error().what, "expected a regular file, found a directory");
  ASSERT_EQ(::mkfifo((dir_ / "fifo").c_str(), 0644), 0);
  EXPECT_EQ(Mapping::map(dir_ / "fifo").error().what, "expected a regular file, found a FIFO");
}

// Truncated while mapped, the file's pages past its new end would end the process with SIGBUS at
// the next read; the mapping reads zeros there instead and says the file was cut short.
TEST_F(MappingTest, AFileCutShortWhileMappedReadsZerosAndSaysSo) {
  const std::string bytes = pages();
  const auto path = write("f", bytes);
  auto m = Mapping::map(path);
  ASSERT_TRUE(m) << m.error().what;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  ASSERT_EQ(::truncate(path.c_str(), static_cast<off_t>(page)), 0);
  const std::string_view v = m->view();
  EXPECT_EQ(v[0], 'a');           // the page still in the file
  EXPECT_EQ(v[page + 10], '\0');  // past the new end: zeros, not SIGBUS
  EXPECT_EQ(v[v.size() - 1], '\0');
  EXPECT_TRUE(m->cut_short());
  // Another mapping of another file is unaffected.
  auto other = Mapping::map(write("g", bytes));
  ASSERT_TRUE(other) << other.error().what;
  EXPECT_EQ(other->view(), bytes);
  EXPECT_FALSE(other->cut_short());
}

// The handler only answers for Mappings: a SIGBUS anywhere else still ends the process.
TEST_F(MappingTest, ASigbusElsewhereStillEndsTheProcess) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const auto path = write("raw", pages());
  auto keep = Mapping::map(write("f", pages()));  // the handler is installed
  ASSERT_TRUE(keep) << keep.error().what;
  EXPECT_DEATH(
      {
        const int fd = ::open(path.c_str(), O_RDONLY);
        auto* p = static_cast<volatile const char*>(
            ::mmap(nullptr, 3 * 4096, PROT_READ, MAP_PRIVATE, fd, 0));
        (void)::truncate(path.c_str(), 0);
        (void)p[4096 * 2];
        ::_exit(0);  // reached only if the SIGBUS was swallowed
      },
      "");
}

TEST_F(MappingTest, ReadBytesMapsOnlyLargeFilesWhenAsked) {
  const std::string small(1000, 's');
  const std::string large(files::kMapFrom, 'l');
  write("small", small);
  write("large", large);
  auto s = files::read_bytes(dir_ / "small", 1 << 20, files::Map::Large);
  ASSERT_TRUE(s) << s.error().what;
  EXPECT_FALSE(s->mapped());
  EXPECT_EQ(s->view(), small);
  auto l = files::read_bytes(dir_ / "large", 1 << 20, files::Map::Large);
  ASSERT_TRUE(l) << l.error().what;
  EXPECT_TRUE(l->mapped());
  EXPECT_EQ(l->view(), large);
  auto never = files::read_bytes(dir_ / "large", 1 << 20, files::Map::Never);
  ASSERT_TRUE(never) << never.error().what;
  EXPECT_FALSE(never->mapped());
  EXPECT_EQ(never->view(), large);
  // The same refusals as files::read.
  const auto over = files::read_bytes(dir_ / "large", 1024, files::Map::Large);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().what, files::read(dir_ / "large", 1024).error().what);
  EXPECT_EQ(files::read_bytes(dir_, 10, files::Map::Large).error().what,
            "expected a regular file, found a directory");
  // Copies share the bytes.
  const files::Bytes copy = *l;
  EXPECT_EQ(copy.data(), l->data());
}

}  // namespace
}  // namespace kiosk
