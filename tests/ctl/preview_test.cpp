// kioskctl preview, run in-process on the default content: every expected PNG, valid and of the
// asked size, the same pixels as the kiosk's own screenshot, --only, re-runs, and refusals.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/resources.hpp"
#include "app/screenshot.hpp"
#include "config/config.hpp"
#include "content/parse.hpp"
#include "ctl/commands.hpp"
#include "ctl_run.hpp"
#include "temp_dir.hpp"
#include "render/font_library.hpp"
#include "render/image.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

const fs::path kContent = fs::path(KIOSK_SOURCE_ROOT) / "content";
constexpr int kW = 1280, kH = 800;

using CmdResult = test::CtlResult;
CmdResult run(const ctl::Args& args) { return test::run_ctl(args); }

using test::read_file;
using test::write_file;

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

class Preview : public testing::Test {
 protected:
  void SetUp() override {
    // A configuration of its own, so /etc/kiosk/kiosk.json on the machine does not matter.
    config_ = tmp_ / "kiosk.json";
    write_file(config_, "{\"office_name\": \"测试居委会\"}\n");
    out_ = tmp_ / "out";
  }

  ctl::Args preview(const fs::path& bundle, std::vector<std::string> extra = {}) const {
    ctl::Args a{"preview", bundle.string(), "--out", out_.string(), "--config", config_.string(),
                "--at",    "2026-11-25",    "--size", std::to_string(kW) + "x" + std::to_string(kH)};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  // Every PNG the default content should give, by the documented names.
  static std::set<std::string> expected_pngs() {
    auto loaded = content::load_bundle(kContent);
    EXPECT_TRUE(loaded.bundle.has_value());
    std::set<std::string> names{"01-attract.png", "02-home.png",  "03-notices.png",  "04-standards.png",
                                "05-hotlines.png", "06-steps.png", "07-document.png", "08-diagnostics.png"};
    if (!loaded.bundle) return names;
    for (const auto& n : loaded.bundle->notices) {
      for (const auto c : content::kAllCategories) {
        names.insert("notices-" + n.id + "-" + std::string(content::category_code(c)) + ".png");
      }
      for (const auto& a : n.applicants) names.insert("applicant-" + n.id + "-" + a.id + ".png");
    }
    for (int s = 1; s <= 10; ++s) names.insert("standard-" + std::string(s < 10 ? "0" : "") + std::to_string(s) + ".png");
    return names;
  }

  test::TempDir dir_;
  const fs::path& tmp_ = dir_.path();
  fs::path config_, out_;
};

TEST_F(Preview, DrawsEveryScreenListStandardAndApplicantAsValidPngsOfTheAskedSize) {
  const CmdResult r = run(preview(kContent));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  // One summary line naming the index and the rate.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_NE(r.out.find("index.html"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PNGs/s"), std::string::npos) << r.out;

  const std::set<std::string> want = expected_pngs();
  std::set<std::string> pngs = files_in(out_);
  ASSERT_TRUE(pngs.erase("index.html")) << "index.html missing";
  // 09-dimmed.png appears when this build has the office-hours screen.
  pngs.erase("09-dimmed.png");
  EXPECT_EQ(pngs, want);

  const std::string index = read_file(out_ / "index.html");
  for (const auto& name : files_in(out_)) {
    if (name == "index.html") continue;
    EXPECT_NE(index.find("src=\"" + name + "\""), std::string::npos) << name << " is not in index.html";
    std::string error;
    const auto image = render::load_png(out_ / name, error);
    ASSERT_TRUE(image.has_value()) << name << ": " << error;
    EXPECT_EQ(image->width, kW) << name;
    EXPECT_EQ(image->height, kH) << name;
  }
}

TEST_F(Preview, PixelsAreTheKiosksOwnScreenshot) {
  ASSERT_EQ(run(preview(kContent, {"--only", "home", "--only", "applicant:cd-01"})).status, 0);
  auto loaded = content::load_bundle(kContent);
  ASSERT_TRUE(loaded.bundle.has_value());
  render::FontLibrary fonts(config::Config{}.fonts.families);
  app::ScreenshotRequest req;
  req.width = kW;
  req.height = kH;
  req.date = {2026, 11, 25};
  app::describe_content(*loaded.bundle, false, req.diagnostics);
  const ui::Model model(std::move(*loaded.bundle), "测试居委会", 1, app::qr_encoder());
  for (const auto& [screen, file] : {std::pair<std::string, std::string>{"home", "02-home.png"},
                                     {"applicant:cd-01", "applicant-demo-2026-cd-01.png"}}) {
    req.screen = screen;
    const auto shot = app::render_screen(model, req, fonts, app::load_roles());
    ASSERT_TRUE(shot.error.empty()) << shot.error;
    std::string error;
    const auto png = render::load_png(out_ / file, error);
    ASSERT_TRUE(png.has_value()) << error;
    EXPECT_TRUE(png->rgba == shot.image.rgba) << file << " differs from kiosk --screenshot --screen " << screen;
  }
}

TEST_F(Preview, InvalidBundleWritesNothingAndPrintsTheProblemLine) {
  const fs::path bundle = tmp_ / "bundle";
  fs::create_directories(bundle);
  for (const char* f : {"document.json", "notices.json", "hotlines.json"}) fs::copy_file(kContent / f, bundle / f);
  std::string notices = read_file(bundle / "notices.json");
  const std::string phone = "\"phone\": \"021-0000 0001\"";
  const auto at = notices.find(phone);
  ASSERT_NE(at, std::string::npos);
  notices.replace(at, phone.size(), "\"phone\": \"\"");
  write_file(bundle / "notices.json", notices);

  const CmdResult r = run(preview(bundle));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "notices.json: notices[0].applicants[0].phone: expected a telephone number, found \"\"\n");
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(out_));
}

TEST_F(Preview, OnlyDrawsTheNamedScreens) {
  CmdResult r = run(preview(kContent, {"--only", "standard:3", "--only", "applicant"}));
  ASSERT_EQ(r.status, 0) << r.err;
  std::set<std::string> want{"index.html", "standard-03.png"};
  for (const auto& name : expected_pngs()) {
    if (name.rfind("applicant-", 0) == 0) want.insert(name);
  }
  EXPECT_EQ(files_in(out_), want);

  r = run(preview(kContent, {"--only", "notices:committee_demo"}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(files_in(out_), (std::set<std::string>{"index.html", "notices-demo-2026-committee_demo.png"}));

  r = run(preview(kContent, {"--only", "nonsense"}));
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("--only nonsense"), std::string::npos) << r.err;
}

TEST_F(Preview, ReplacesAnEarlierPreviewButRefusesAFolderOfOtherFiles) {
  ASSERT_EQ(run(preview(kContent, {"--only", "standard"})).status, 0);
  EXPECT_EQ(files_in(out_).size(), 11U);  // ten standards and the index
  ASSERT_EQ(run(preview(kContent, {"--only", "home"})).status, 0);
  EXPECT_EQ(files_in(out_), (std::set<std::string>{"index.html", "02-home.png"}));

  fs::remove_all(out_);
  fs::create_directories(out_);
  write_file(out_ / "notes.txt", "mine");
  const CmdResult r = run(preview(kContent));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(files_in(out_), (std::set<std::string>{"notes.txt"}));
}

TEST_F(Preview, UsageErrorsExitTwo) {
  EXPECT_EQ(run({"preview", kContent.string()}).status, 2);                                   // no --out
  EXPECT_EQ(run({"preview", kContent.string(), "--out", out_.string(), "--size", "12"}).status, 2);
  EXPECT_EQ(run({"preview", kContent.string(), "--out", out_.string(), "--at", "tomorrow"}).status, 2);
  EXPECT_EQ(run({"preview", "--out", out_.string()}).status, 2);                               // no DIR
  EXPECT_FALSE(fs::exists(out_));
}

}  // namespace
}  // namespace kiosk
