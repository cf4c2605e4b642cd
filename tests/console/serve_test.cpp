// `kioskctl serve` as the clerk's launcher runs it: the real binary's first output line, a busy
// port as one line and exit status 1, the refusals of its options, and SIGTERM ending it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "console_fixture.hpp"
#include "ctl_run.hpp"
#include "fixture_bundle.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

const std::string kKioskctl = std::string(KIOSK_BINARY_DIR) + "/kiosk/ctl/kioskctl";

// kioskctl with `args`, its standard output on a pipe.
struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;
  explicit Child(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid = fork();
    if (pid == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv{const_cast<char*>(kKioskctl.c_str())};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(kKioskctl.c_str(), argv.data());
      _exit(127);
    }
    close(fds[1]);
    out = fdopen(fds[0], "r");
  }
  std::string line() {
    char buf[512];
    return out != nullptr && std::fgets(buf, sizeof(buf), out) != nullptr ? buf : "";
  }
  // SIGTERM, then the exit status (-1 when it had to be killed).
  int terminate() {
    kill(pid, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid)
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    return -1;
  }
  ~Child() {
    if (out != nullptr) fclose(out);
  }
};

TEST(Serve, FirstLineIsTheUrlAndSigtermStopsIt) {
  test::TempDir temp;
  test::write_fixture_bundle(temp / "b");
  // A free port: bind one, note it, let it go.
  int port = 0;
  {
    test::RunningConsole probe;
    port = probe.port();
  }
  Child child({"serve", (temp / "b").string(), "--listen", "127.0.0.1:" + std::to_string(port)});
  ASSERT_GT(child.pid, 0);
  EXPECT_EQ(child.line(), "console: http://127.0.0.1:" + std::to_string(port) + "/\n");
  httplib::Client cli("127.0.0.1", port);
  const auto page = cli.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(child.terminate(), 0);
}

TEST(Serve, BusyPortIsOneLineAndExitStatus1) {
  test::RunningConsole first;
  test::TempDir temp;
  const auto r = test::run_ctl(
      {"serve", temp.path().string(), "--listen", "127.0.0.1:" + std::to_string(first.port())});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty()) << r.out;
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_NE(r.err.find("in use"), std::string::npos) << r.err;
}

TEST(Serve, Refusals) {
  test::TempDir temp;
  const std::string dir = temp.path().string();
  const auto off_loopback = test::run_ctl({"serve", dir, "--listen", "0.0.0.0:18080"});
  EXPECT_EQ(off_loopback.status, 1);
  EXPECT_NE(off_loopback.err.find("--password-file"), std::string::npos) << off_loopback.err;
  EXPECT_EQ(off_loopback.err.find('\n'), off_loopback.err.size() - 1);
  for (const std::string listen : {"8080", "127.0.0.1:", "127.0.0.1:99999", "[::1]8080", ":8080"}) {
    const auto r = test::run_ctl({"serve", dir, "--listen", listen});
    EXPECT_EQ(r.status, 2) << listen;
    EXPECT_NE(r.err.find("--listen"), std::string::npos) << r.err;
  }
  EXPECT_EQ(test::run_ctl({"serve"}).status, 2);
  EXPECT_EQ(test::run_ctl({"serve", dir, "--bogus", "x"}).status, 2);
  EXPECT_EQ(test::run_ctl({"serve", (temp / "none").string()}).status, 1);
  const auto no_key = test::run_ctl({"serve", dir, "--key", (temp / "no.key").string()});
  EXPECT_EQ(no_key.status, 1);
  // The password file's content never shows, even when it is refused.
  const auto secret = temp.write("password", std::string(2000, 's') + "hunter2");
  const auto big = test::run_ctl(
      {"serve", dir, "--listen", "0.0.0.0:18080", "--password-file", secret.string()});
  EXPECT_EQ(big.status, 1);
  EXPECT_EQ(big.err.find("hunter2"), std::string::npos);
  EXPECT_EQ(big.err.find("sss"), std::string::npos);
}

}  // namespace
}  // namespace kiosk
