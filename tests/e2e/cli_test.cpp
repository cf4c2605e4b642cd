// The `kiosk` command line (shared/spec/CLI.md): options, exit codes, one-line errors, and the
// no-display message, by running the real binary without any display.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/options.hpp"

namespace kiosk::app {
namespace {

struct Outcome {
  int status = -1;
  std::string out;  // stdout and stderr together
};

Outcome run(const std::string& args, const std::string& env = "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER") {
  const std::string cmd = env + " " + std::string(KIOSK_BINARY_DIR) + "/kiosk/app/kiosk " + args + " 2>&1";
  Outcome r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

int lines(const std::string& s) {
  int n = 0;
  for (const char c : s) n += c == '\n';
  return n;
}

TEST(Options, ParsesEveryFlag) {
  auto r = parse_options({"--screenshot", "a.png", "--screen", "standard:3", "--size", "1080x1920", "--large-text",
                          "--at", "2026-11-25", "--config", "k.json", "--content", "dir"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->mode, Options::Mode::Screenshot);
  EXPECT_EQ(r.options->screen, "standard:3");
  EXPECT_EQ(r.options->size, (std::pair<int, int>{1080, 1920}));
  EXPECT_TRUE(r.options->large_text);
  EXPECT_EQ(r.options->at, (CivilDate{2026, 11, 25}));
  EXPECT_EQ(r.options->config_path, "k.json");
  EXPECT_EQ(r.options->content_dir, "dir");
  EXPECT_EQ(parse_options({"--windowed", "--size", "800x600"}).options->mode, Options::Mode::Display);
  EXPECT_EQ(parse_options({"--sync-once"}).options->mode, Options::Mode::SyncOnce);
  EXPECT_EQ(parse_options({"--check-config", "--config", "x"}).options->mode, Options::Mode::CheckConfig);
  EXPECT_EQ(parse_options({"--help"}).options->mode, Options::Mode::Help);
  for (const auto& bad : std::vector<std::vector<std::string>>{{"--size", "big"}, {"--size", "0x5"}, {"--at", "2026-02-30"},
                                                               {"--screenshot", "a.png"}, {"--screen", "home"},
                                                               {"--sync-once", "--check-config"}, {"--nope"}, {"--config"}}) {
    const auto p = parse_options(bad);
    EXPECT_FALSE(p.options) << bad.front();
    EXPECT_EQ(p.error.find('\n'), std::string::npos);
    EXPECT_EQ(p.error.rfind("kiosk: ", 0), 0u) << p.error;
  }
}

TEST(Cli, HelpListsEverything) {
  const Outcome r = run("--help");
  EXPECT_EQ(r.status, 0);
  for (const char* flag : {"--config", "--content", "--windowed", "--size", "--screenshot", "--screen", "--large-text",
                           "--at", "--sync-once", "--check-config", "notices:CATEGORY", "applicant:ID", "standard:N",
                           "diagnostics"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

TEST(Cli, ScreenshotWithoutAnyDisplay) {
  const auto out = std::filesystem::temp_directory_path() / "kiosk-cli-home.png";
  std::filesystem::remove(out);
  const Outcome r = run("--screenshot " + out.string() + " --screen home --size 1080x1920 --at 2026-11-25");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_GT(std::filesystem::file_size(out), 10'000u);
}

TEST(Cli, UnknownScreenListsTheValidOnes) {
  const Outcome r = run("--screenshot /tmp/x.png --screen nowhere");
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(lines(r.out), 1) << r.out;
  EXPECT_NE(r.out.find("standards, standard:N"), std::string::npos) << r.out;
}

TEST(Cli, NoDisplaySaysSoAndShowsTheScreenshotWay) {
  const Outcome r = run("");
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(lines(r.out), 1) << r.out;
  EXPECT_NE(r.out.find("no display"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--screenshot"), std::string::npos) << r.out;
}

TEST(Cli, BadConfigAndContentAreOneLine) {
  Outcome r = run("--check-config --config /nonexistent/kiosk.json");
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(lines(r.out), 1) << r.out;
  r = run("--screenshot /tmp/x.png --screen home --content /nonexistent-bundle");
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(lines(r.out), 1) << r.out;
  EXPECT_NE(r.out.find("/nonexistent-bundle"), std::string::npos) << r.out;
  r = run("--frobnicate");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(lines(r.out), 1) << r.out;
}

TEST(Cli, CheckConfigPrintsWhatItResolved) {
  const Outcome r = run("--check-config --config " + std::string(KIOSK_SOURCE_ROOT) + "/config/kiosk.json");
  EXPECT_EQ(r.status, 0) << r.out;
  for (const char* what : {"font: Noto Sans CJK SC", "index 2", "cache_dir: /var/cache/kiosk", "server:", "trusted_keys: 0"}) {
    EXPECT_NE(r.out.find(what), std::string::npos) << what << "\n" << r.out;
  }
}

}  // namespace
}  // namespace kiosk::app
