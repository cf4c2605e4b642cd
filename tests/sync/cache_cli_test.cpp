// Commands against awkward files (issue 11 items 5 and 19): a FIFO where `kiosk` or `kioskctl`
// reads a file is refused at once, and a read-only command (`kiosk --screenshot`,
// `--check-config`) leaves a damaged cache byte for byte as it was. The kiosk binary runs as a
// child process with a bounded wait, so a regression fails instead of hanging.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "bundles.hpp"
#include "content/parse.hpp"
#include "crypto/sha256.hpp"
#include "ctl_run.hpp"
#include "fifo_guard.hpp"
#include "process.hpp"
#include "sync/round.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Run {
  int status = -1;  // exit status; -1 when it had to be killed
  std::string err;
  Clock::duration took{};
};

fs::path kiosk_binary() { return fs::path(KIOSK_BINARY_DIR) / "kiosk" / "app" / "kiosk"; }

// Runs the kiosk binary with args, stderr into a file, for at most `limit`.
Run run_kiosk(const TempDir& temp, const std::vector<std::string>& args,
              std::chrono::seconds limit) {
  const fs::path err_file = temp / "stderr.txt";
  const int fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  std::vector<std::string> argv{kiosk_binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto t0 = Clock::now();
  const pid_t pid = spawn(argv, {}, SpawnOptions{fd, false});
  ::close(fd);
  Run r;
  if (pid <= 0) return r;
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      break;
    }
    if (Clock::now() - t0 > limit) {
      stop(pid, 500);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  r.took = Clock::now() - t0;
  r.err = read_file(err_file);
  return r;
}

// Everything about a directory tree a command could change: names, kinds, modes, owners, bytes,
// link targets.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const fs::path& p = it->path();
    struct stat st {};
    ::lstat(p.c_str(), &st);
    std::string what = std::to_string(st.st_mode) + " " + std::to_string(st.st_uid) + " " +
                       std::to_string(st.st_size);
    if (S_ISLNK(st.st_mode)) what += " -> " + fs::read_symlink(p).string();
    if (S_ISREG(st.st_mode)) what += " sha256 " + crypto::sha256_hex(read_file(p));
    out[fs::relative(p, root).string()] = what;
  }
  return out;
}

class CacheCli : public ::testing::Test {
 protected:
  void SetUp() override {
    bundle = temp / "bundle";
    for (const auto& [name, bytes] : content_files()) write_file(bundle / name, bytes);
  }
  TempDir temp;
  fs::path bundle;
};

TEST_F(CacheCli, ValidateRefusesAFifoInTheBundleAtOnce) {
  fs::remove(bundle / "notices.json");
  FifoGuard fifo(bundle / "notices.json");
  const auto t0 = Clock::now();
  const auto r = run_ctl({"validate", bundle.string()});
  const auto took = Clock::now() - t0;
  EXPECT_FALSE(fifo.finish()) << "kioskctl validate blocked on the FIFO until the test released it";
  EXPECT_LT(took, std::chrono::seconds(2));
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("notices.json: expected a regular file, found a FIFO"), std::string::npos)
      << r.err;
}

TEST_F(CacheCli, ValidateRefusesAFifoAsConfigAtOnce) {
  const fs::path config = temp / "kiosk.json";
  FifoGuard fifo(config);
  const auto t0 = Clock::now();
  const auto r = run_ctl({"validate", bundle.string(), "--config", config.string()});
  const auto took = Clock::now() - t0;
  EXPECT_FALSE(fifo.finish()) << "kioskctl validate blocked on the FIFO until the test released it";
  EXPECT_LT(took, std::chrono::seconds(2));
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, config.string() + ": expected a regular file, found a FIFO\n");
}

TEST_F(CacheCli, PreviewRefusesAFifoAsTheEarlierIndexAtOnce) {
  const fs::path out = temp / "preview";
  fs::create_directories(out);
  FifoGuard fifo(out / "index.html");
  const auto t0 = Clock::now();
  const auto r = run_ctl(
      {"preview", bundle.string(), "--out", out.string(), "--only", "home", "--at", "2026-11-25"});
  const auto took = Clock::now() - t0;
  EXPECT_FALSE(fifo.finish()) << "kioskctl preview blocked on the FIFO until the test released it";
  EXPECT_LT(took, std::chrono::seconds(5));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, (out / "index.html").string() + ": expected a regular file, found a FIFO\n");
}

TEST_F(CacheCli, KioskRefusesAFifoAsConfigAtOnce) {
  if (!fs::exists(kiosk_binary())) GTEST_SKIP() << "no kiosk binary in this build";
  const fs::path config = temp / "kiosk.json";
  FifoGuard fifo(config);
  const auto r =
      run_kiosk(temp, {"--check-config", "--config", config.string()}, std::chrono::seconds(20));
  EXPECT_FALSE(fifo.finish()) << "kiosk blocked on the FIFO until the test released it";
  EXPECT_LT(r.took, std::chrono::seconds(2));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "kiosk: " + config.string() + ": expected a regular file, found a FIFO\n");
}

// `kiosk --screenshot` and `--check-config` only look: a damaged cache stays exactly as it was
// (not moved aside, no lock files, no state written), and the screenshot shows the fallback.
TEST_F(CacheCli, ReadOnlyCommandsLeaveADamagedCacheByteForByte) {
  if (!fs::exists(kiosk_binary())) GTEST_SKIP() << "no kiosk binary in this build";
  const auto key = make_key();
  const fs::path cache = temp / "cache";
  const sync::Cache c(cache);
  ASSERT_TRUE(c.install(make_bundle(content_files(" 一"), 1, &key), 1).ok());
  ASSERT_TRUE(c.install(make_bundle(content_files(" 二"), 2, &key), 2).ok());
  const auto current = *c.current();
  fs::remove(current / "notices.json");
  write_file(current / "notices.json", "{}");
  write_file(cache / ".state.json.tmp77", "{");
  const fs::path config =
      temp.write("kiosk.json", "{\"content\": {\"trusted_keys\": [\"" + key.public_b64 +
                                   "\"], \"cache_dir\": \"" + cache.string() + "\"}}\n");
  const auto before = snapshot(cache);

  const fs::path png = temp / "shot.png";
  const auto shot =
      run_kiosk(temp,
                {"--config", config.string(), "--screenshot", png.string(), "--screen",
                 "diagnostics", "--size", "800x600", "--at", "2026-11-25"},
                std::chrono::seconds(60));
  EXPECT_EQ(shot.status, 0) << shot.err;
  EXPECT_GT(fs::exists(png) ? fs::file_size(png) : 0, 1000u);
  EXPECT_NE(shot.err.find("cache: version 2: notices.json: expected 1"), std::string::npos)
      << shot.err;
  EXPECT_NE(shot.err.find("; left in place (read-only); showing version 1 kept in "),
            std::string::npos)
      << shot.err;
  EXPECT_EQ(snapshot(cache), before) << "kiosk --screenshot changed the cache";

  const auto check =
      run_kiosk(temp, {"--config", config.string(), "--check-config"}, std::chrono::seconds(30));
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_EQ(snapshot(cache), before) << "kiosk --check-config changed the cache";
}

}  // namespace
}  // namespace kiosk::test
