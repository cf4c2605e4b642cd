// kioskctl preview, run in-process on the default content: every expected PNG, valid and of the
// asked size, the same pixels as the kiosk's own screenshot, --only, re-runs, refusals, and the cap
// on applicant pages (--max-applicants) on a generated bundle of 1,200 applicants.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "content/parse.hpp"
#include "content/serialize.hpp"
#include "ctl/commands.hpp"
#include "ctl_run.hpp"
#include "fixture_bundle.hpp"
#include "render/font_library.hpp"
#include "render/image.hpp"
#include "screenshot/resources.hpp"
#include "screenshot/screenshot.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

const fs::path kContent = test::fixture_bundle_dir();  // tests/data/bundle
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
    ctl::Args a{"preview",  bundle.string(),
                "--out",    out_.string(),
                "--config", config_.string(),
                "--at",     "2026-11-25",
                "--size",   std::to_string(kW) + "x" + std::to_string(kH)};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  // Every PNG the default content should give, by the documented names.
  static std::set<std::string> expected_pngs() {
    auto loaded = content::load_bundle(kContent);
    EXPECT_TRUE(loaded.bundle.has_value());
    std::set<std::string> names{"01-attract.png",   "02-home.png",        "03-notices.png",
                                "04-standards.png", "05-hotlines.png",    "06-steps.png",
                                "07-document.png",  "08-diagnostics.png", "10-archive.png"};
    if (!loaded.bundle) return names;
    for (const auto& n : loaded.bundle->notices) {
      for (const auto c : content::kAllCategories) {
        names.insert("notices-" + n.id + "-" + std::string(content::category_code(c)) + ".png");
      }
      for (const auto& a : n.applicants) names.insert("applicant-" + n.id + "-" + a.id + ".png");
      names.insert("notice-" + n.id + ".png");  // 公示详情
    }
    for (int s = 1; s <= 10; ++s)
      names.insert("standard-" + std::string(s < 10 ? "0" : "") + std::to_string(s) + ".png");
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
    EXPECT_NE(index.find("src=\"" + name + "\""), std::string::npos)
        << name << " is not in index.html";
    const auto image = render::load_png(out_ / name);
    ASSERT_TRUE(image) << name << ": " << image.error().what;
    EXPECT_EQ(image->width, kW) << name;
    EXPECT_EQ(image->height, kH) << name;
  }
}

// The default run of the demo bundle draws every applicant and says nothing of a cap.
TEST_F(Preview, TheDemoBundleIsUnderTheApplicantCap) {
  const CmdResult r = run(preview(kContent, {"--only", "applicant"}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("max-applicants"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(out_ / "index.html").find("max-applicants"), std::string::npos);
}

// A bundle of 1,200 applicants: by default 200 applicant pages, the first in index order; the
// index and the summary say how many were left out and how to draw them; the caller moves the cap.
// The default content with its first notice's applicants replaced by `count` of them, ids
// x-10000 … (in index order), named 示例单位0 …; returns the bundle and that notice's id.
std::pair<fs::path, std::string> big_bundle(const fs::path& tmp, int count) {
  const fs::path bundle = tmp / "big";
  fs::create_directories(bundle);
  for (const char* f : {"document.json", "notices.json", "hotlines.json"})
    fs::copy_file(kContent / f, bundle / f);
  auto loaded = content::load_bundle(kContent);
  EXPECT_TRUE(loaded.bundle.has_value());
  if (!loaded.bundle) return {bundle, ""};
  const content::Notice& notice = loaded.bundle->notices.at(0);
  std::vector<content::Applicant> many;
  for (int i = 0; i < count; ++i) {
    content::Applicant a =
        notice.applicants[static_cast<std::size_t>(i) % notice.applicants.size()];
    a.id = "x-" + std::to_string(10000 + i);
    a.name = "示例单位" + std::to_string(i);
    many.push_back(std::move(a));
  }
  Problems problems;
  const auto notices =
      content::replace_applicants(read_file(kContent / "notices.json"), notice.id, many, problems);
  EXPECT_TRUE(notices.has_value()) << (problems.empty() ? "" : problems[0].line());
  if (notices) write_file(bundle / "notices.json", *notices);
  return {bundle, notice.id};
}

TEST_F(Preview, DrawsAtMostTheApplicantCapAndSaysHowManyAreLeftOut) {
  const auto big = big_bundle(tmp_, 1200);
  const fs::path& bundle = big.first;
  const std::string& notice_id = big.second;
  ASSERT_FALSE(notice_id.empty());

  const auto applicant_pngs = [&] {
    std::vector<std::string> names;
    for (const auto& name : files_in(out_)) {
      if (name.rfind("applicant-", 0) == 0) names.push_back(name);
    }
    return names;
  };
  // Small frames: the cap is what is tested, not the drawing.
  const std::vector<std::string> small{"--size",    "320x200", "--only",
                                       "applicant", "--only",  "home"};
  ctl::Args args = preview(bundle, small);
  CmdResult r = run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  std::vector<std::string> drawn = applicant_pngs();
  EXPECT_EQ(drawn.size(), 200U);
  EXPECT_TRUE(fs::exists(out_ / "02-home.png"));
  // The first 200 in index order (ids x-10000 … x-10199 sort in that order).
  ASSERT_FALSE(drawn.empty());
  EXPECT_EQ(drawn.front(), "applicant-" + notice_id + "-x-10000.png");
  EXPECT_EQ(drawn.back(), "applicant-" + notice_id + "-x-10199.png");
  EXPECT_NE(r.out.find("1000 applicants over --max-applicants 200 left out"), std::string::npos)
      << r.out;
  std::string index = read_file(out_ / "index.html");
  EXPECT_NE(index.find("另有 1000 个申报单位的详情页未绘制"), std::string::npos);
  EXPECT_NE(index.find("--max-applicants 1200"), std::string::npos);
  EXPECT_EQ(index.find("x-10200"), std::string::npos);

  // The caller's cap, also 0; a named applicant past the default cap is drawn when asked for.
  args.insert(args.end(), {"--max-applicants", "3"});
  r = run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(applicant_pngs().size(), 3U);
  EXPECT_NE(r.out.find("1197 applicants over --max-applicants 3 left out"), std::string::npos)
      << r.out;
  r = run(preview(bundle, {"--size", "320x200", "--max-applicants", "0"}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(applicant_pngs().empty());
  EXPECT_TRUE(fs::exists(out_ / "02-home.png"));
  r = run(preview(bundle, {"--size", "320x200", "--only", "applicant:x-11111"}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(applicant_pngs(), std::vector<std::string>{"applicant-" + notice_id + "-x-11111.png"});

  for (const char* bad : {"-1", "many", "", "1000001", "99999999999999999999"}) {
    r = run(
        {"preview", bundle.string(), "--out", (tmp_ / "never").string(), "--max-applicants", bad});
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_NE(r.err.find("--max-applicants"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(tmp_ / "never"));
}

// Past the cap the gallery still lists every applicant: index.html holds the first 200 and links
// pages applicants-2.html … of 200 each, linked to each other; an applicant not drawn shows its
// name, category and the --only that draws it; a drawn one, its PNG.
TEST_F(Preview, ListsEveryApplicantOnPagesOfTwoHundred) {
  const auto big = big_bundle(tmp_, 1100);
  const fs::path& bundle = big.first;
  const std::string& notice_id = big.second;
  ASSERT_FALSE(notice_id.empty());
  const CmdResult r =
      run(preview(bundle, {"--size", "320x200", "--only", "applicant", "--max-applicants", "250"}));
  ASSERT_EQ(r.status, 0) << r.err;
  const std::set<std::string> files = files_in(out_);
  for (const char* page : {"applicants-2.html", "applicants-3.html", "applicants-4.html",
                           "applicants-5.html", "applicants-6.html"}) {
    EXPECT_TRUE(files.contains(page)) << page;
  }
  EXPECT_FALSE(files.contains("applicants-7.html"));
  const std::string index = read_file(out_ / "index.html");
  EXPECT_NE(index.find("href=\"applicants-2.html\""), std::string::npos);
  EXPECT_NE(index.find("href=\"applicants-6.html\""), std::string::npos);
  // Page N (index.html for 1) lists applicants 200·(N-1) … 200·N-1, each on that page only.
  std::vector<std::string> pages{index};
  for (int p = 2; p <= 6; ++p)
    pages.push_back(read_file(out_ / ("applicants-" + std::to_string(p) + ".html")));
  for (const int i : {0, 199, 200, 249, 250, 399, 400, 1099}) {
    const std::string name = "示例单位" + std::to_string(i) + " (";
    for (std::size_t p = 0; p < pages.size(); ++p) {
      EXPECT_EQ(pages[p].find(name) != std::string::npos, static_cast<std::size_t>(i / 200) == p)
          << name << p;
    }
  }
  // Page 2: applicants 200 … 249 drawn (their PNG), 250 … not (the way to draw one).
  const std::string& page2 = pages[1];
  EXPECT_NE(page2.find("href=\"index.html\""), std::string::npos);
  EXPECT_NE(page2.find("href=\"applicants-3.html\""), std::string::npos);
  EXPECT_NE(page2.find("src=\"applicant-" + notice_id + "-x-10249.png\""), std::string::npos);
  EXPECT_EQ(page2.find("src=\"applicant-" + notice_id + "-x-10250.png\""), std::string::npos);
  EXPECT_NE(page2.find("--only applicant:" + notice_id + "/x-10250"), std::string::npos);
  EXPECT_EQ(page2.find("--only applicant:" + notice_id + "/x-10249"), std::string::npos);
  // A later preview replaces the pages too.
  ASSERT_EQ(run(preview(bundle, {"--size", "320x200", "--only", "home"})).status, 0);
  EXPECT_EQ(files_in(out_), (std::set<std::string>{"index.html", "02-home.png"}));
}

TEST_F(Preview, PixelsAreTheKiosksOwnScreenshot) {
  ASSERT_EQ(run(preview(kContent, {"--only", "home", "--only", "applicant:cd-01"})).status, 0);
  auto loaded = content::load_bundle(kContent);
  ASSERT_TRUE(loaded.bundle.has_value());
  render::FontLibrary fonts(config::Config{}.fonts.families);
  screenshot::ScreenshotRequest req;
  req.width = kW;
  req.height = kH;
  req.date = {2026, 11, 25};
  screenshot::describe_content(*loaded.bundle, false, req.diagnostics);
  const ui::Model model(std::move(*loaded.bundle), "测试居委会", 1, screenshot::qr_encoder());
  for (const auto& [screen, file] : {std::pair<std::string, std::string>{"home", "02-home.png"},
                                     {"applicant:cd-01", "applicant-demo-2026-cd-01.png"}}) {
    req.screen = screen;
    const auto shot = screenshot::render_screen(model, req, fonts, screenshot::load_roles());
    ASSERT_TRUE(shot) << shot.error().what;
    const auto png = render::load_png(out_ / file);
    ASSERT_TRUE(png) << png.error().what;
    EXPECT_TRUE(png->rgba == shot->image.rgba)
        << file << " differs from kiosk --screenshot --screen " << screen;
  }
}

TEST_F(Preview, InvalidBundleWritesNothingAndPrintsTheProblemLine) {
  const fs::path bundle = tmp_ / "bundle";
  fs::create_directories(bundle);
  for (const char* f : {"document.json", "notices.json", "hotlines.json"})
    fs::copy_file(kContent / f, bundle / f);
  std::string notices = read_file(bundle / "notices.json");
  const std::string phone = "\"phone\": \"021-0000 0001\"";
  const auto at = notices.find(phone);
  ASSERT_NE(at, std::string::npos);
  notices.replace(at, phone.size(), "\"phone\": \"\"");
  write_file(bundle / "notices.json", notices);

  const CmdResult r = run(preview(bundle));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(
      r.err,
      "notices.json: notices[0].applicants[0].phone: expected a telephone number, found \"\"\n");
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
  EXPECT_EQ(files_in(out_),
            (std::set<std::string>{"index.html", "notices-demo-2026-committee_demo.png"}));

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
  EXPECT_EQ(run({"preview", kContent.string()}).status, 2);  // no --out
  EXPECT_EQ(run({"preview", kContent.string(), "--out", out_.string(), "--size", "12"}).status, 2);
  EXPECT_EQ(run({"preview", kContent.string(), "--out", out_.string(), "--at", "tomorrow"}).status,
            2);
  EXPECT_EQ(run({"preview", "--out", out_.string()}).status, 2);  // no DIR
  EXPECT_FALSE(fs::exists(out_));
}

}  // namespace
}  // namespace kiosk
