// The take-home pages (admin/site.hpp): rendered for the default bundle and a 300-applicant one,
// every page valid HTML for Debian's tidy, every internal link and anchor resolving to a page of
// the site, text escaped; and publish uploads them to a real loopback nginx before the manifest,
// each page fetched back, stale pages deleted after a later publish.
#include "admin/site.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "admin/keys.hpp"
#include "admin/publish.hpp"
#include "content/parse.hpp"
#include "content/site_paths.hpp"
#include "fixture_bundle.hpp"
#include "net/http.hpp"
#include "nginx_fixture.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using Site = std::map<std::string, std::string>;

admin::SiteStamp stamp(long long version = 7) {
  return {version, "2026年12月1日 09:30", CivilDate{2026, 12, 1}};
}

content::Bundle embedded() {
  auto r = content::load_embedded_bundle();
  EXPECT_TRUE(r.bundle);
  return std::move(*r.bundle);
}

// The default bundle with its first notice holding `count` applicants, names with markup in them.
content::Bundle big(std::size_t count) {
  content::Bundle b = embedded();
  auto& list = b.notices.at(0).applicants;
  const std::vector<content::Applicant> seed = list;
  list.clear();
  for (std::size_t i = 0; i < count; ++i) {
    content::Applicant a = seed[i % seed.size()];
    a.id = "b" + std::to_string(i);
    a.name = "青浦区第" + std::to_string(i + 1) + "号<居委会> & \"家园\"";
    list.push_back(std::move(a));
  }
  return b;
}

// The site path a relative href on the page at `from` names ("" for tel:, https: …), and its
// fragment.
std::pair<std::string, std::string> resolve(const std::string& from, const std::string& href) {
  if (href.rfind("tel:", 0) == 0 || href.find("://") != std::string::npos) return {};
  const auto hash = href.find('#');
  std::string path = href.substr(0, hash);
  const std::string fragment = hash == std::string::npos ? "" : href.substr(hash + 1);
  std::string base = from.substr(0, from.rfind('/'));
  while (path.rfind("../", 0) == 0) {
    path = path.substr(3);
    base = base.substr(0, base.rfind('/'));
  }
  return {path.empty() ? from : base + "/" + path, fragment};
}

// Every problem of the site: links to nothing, anchors to nothing, what each page must carry.
std::vector<std::string> site_problems(const Site& site, long long version) {
  std::vector<std::string> out;
  const std::regex href(R"re((?:href|src)="([^"]*)")re");
  for (const auto& [path, bytes] : site) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".html") continue;
    for (const char* must : {"<!DOCTYPE html>", "<html lang=\"zh-CN\">", "<meta charset=\"utf-8\">",
                             "name=\"viewport\"", "内容版本 "}) {
      if (bytes.find(must) == std::string::npos) out.push_back(path + ": lacks " + must);
    }
    if (bytes.find("内容版本 " + std::to_string(version) + ",发布于 2026年12月1日 09:30") ==
        std::string::npos)
      out.push_back(path + ": lacks the version and publish time");
    if (bytes.find("<script") != std::string::npos || bytes.find("style=") != std::string::npos)
      out.push_back(path + ": has a script or inline style");
    for (auto it = std::sregex_iterator(bytes.begin(), bytes.end(), href);
         it != std::sregex_iterator(); ++it) {
      const std::string link = (*it)[1];
      if (link.find("://") != std::string::npos) out.push_back(path + ": external " + link);
      const auto [target, fragment] = resolve(path, link);
      if (link.rfind("tel:", 0) == 0) continue;
      const auto page = site.find(target);
      if (page == site.end()) {
        out.push_back(path + ": " + link + " names no page");
      } else if (!fragment.empty() &&
                 page->second.find("id=\"" + fragment + "\"") == std::string::npos) {
        out.push_back(path + ": " + link + " names no anchor");
      }
    }
  }
  return out;
}

// `tidy -errors -q` on each page: its complaints, file by file (tidy is Debian's HTML checker).
std::vector<std::string> tidy_problems(const Site& site, const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& [path, bytes] : site) {
    if (path.substr(path.size() - 5) != ".html") continue;
    const fs::path file = dir / path;
    test::write_file(file, bytes);
    const std::string cmd = "tidy -errors -q '" + file.string() + "' 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string said;
    char buf[512];
    while (p != nullptr && std::fgets(buf, sizeof buf, p) != nullptr) said += buf;
    const int rc = p != nullptr ? ::pclose(p) : -1;
    if (rc != 0 || !said.empty()) out.push_back(path + ": " + said);
  }
  return out;
}

TEST(Site, TheDefaultBundleHasEveryPageLinkedAndValid) {
  const content::Bundle b = embedded();
  const Site site = admin::render_site(b, stamp());
  std::size_t applicants = 0;
  for (const auto& n : b.notices) {
    EXPECT_TRUE(site.contains(content::site_paths::notice(n.id))) << n.id;
    for (const auto& a : n.applicants) {
      ++applicants;
      const auto page = site.find(content::site_paths::applicant(n.id, a.id));
      ASSERT_NE(page, site.end()) << a.id;
      // Every field of its 申报表 and every review label of the form.
      const auto* form = b.document.form_for(a.category);
      ASSERT_NE(form, nullptr);
      for (const auto& f : form->fields) EXPECT_NE(page->second.find(f.label), std::string::npos);
      for (const auto& r : form->reviews) EXPECT_NE(page->second.find(r.label), std::string::npos);
    }
  }
  EXPECT_EQ(site.size(), 3 + b.notices.size() + applicants);  // index, hotlines, css, pages
  EXPECT_TRUE(site.contains("site/style.css"));
  const auto problems = site_problems(site, 7);
  EXPECT_TRUE(problems.empty()) << problems.front();
  for (const auto& h : b.hotlines) {
    EXPECT_NE(site.at("site/hotlines.html").find("href=\"" + h.tel_uri() + "\""),
              std::string::npos);
  }
  const std::string& notice = site.at(content::site_paths::notice(b.notices[0].id));
  EXPECT_NE(
      notice.find(b.notices[0].window.start.chinese() + "至" + b.notices[0].window.end.chinese()),
      std::string::npos);
  EXPECT_NE(
      notice.find("发布时(2026年12月1日)还剩 " +
                  std::to_string(b.notices[0].window.days_left(CivilDate{2026, 12, 1})) + " 天"),
      std::string::npos);
  EXPECT_NE(notice.find("对公示有异议?"), std::string::npos);
  if (!test::on_path("tidy")) GTEST_SKIP() << "no tidy (Debian package tidy)";
  test::TempDir dir;
  const auto invalid = tidy_problems(site, dir.path());
  EXPECT_TRUE(invalid.empty()) << invalid.front();
}

TEST(Site, ThreeHundredApplicantsWithMarkupInTheirNamesAreEscapedAndValid) {
  const content::Bundle b = big(300);
  const Site site = admin::render_site(b, stamp(12));
  std::uint64_t bytes = 0;
  for (const auto& [path, page] : site) bytes += page.size();
  std::printf("site for 300 applicants: %zu files, %llu bytes\n", site.size(),
              static_cast<unsigned long long>(bytes));
  const std::string& page = site.at(content::site_paths::applicant(b.notices[0].id, "b41"));
  EXPECT_NE(page.find("青浦区第42号&lt;居委会&gt; &amp; &quot;家园&quot;"), std::string::npos);
  EXPECT_EQ(page.find("<居委会>"), std::string::npos);
  const auto problems = site_problems(site, 12);
  EXPECT_TRUE(problems.empty()) << problems.front();
  // The same bundle and stamp give the same bytes (stable pages, nothing random).
  EXPECT_EQ(admin::render_site(b, stamp(12)), site);
  if (!test::on_path("tidy")) GTEST_SKIP() << "no tidy (Debian package tidy)";
  test::TempDir dir;
  const auto invalid = tidy_problems(site, dir.path());
  EXPECT_TRUE(invalid.empty()) << invalid.front();
}

// LIFECYCLE.md's records on the take-home pages: the notice's page lists every one newest first,
// an applicant's page its own and the notice's, escaped.
TEST(Site, CorrectionsAreOnTheNoticeAndApplicantPages) {
  content::Bundle b = *content::load_bundle(test::fixture_bundle_dir()).bundle;
  content::Notice& n = b.notices.at(0);
  content::Correction fix;
  fix.id = "c1";
  fix.date = {2026, 11, 21};
  fix.kind = content::CorrectionKind::Corrected;
  fix.applicant = "sd-01";
  fix.field = "phone";
  fix.text = "联系电话原为021-0000 0001,现更正为<021-0000 0002>";
  content::Correction gone;
  gone.id = "c2";
  gone.date = {2026, 11, 22};
  gone.kind = content::CorrectionKind::Withdrawn;
  gone.applicant = "cd-02";
  gone.text = "申报单位书面申请撤回申报";
  n.corrections = {fix, gone};
  // A working-day window says so, its days left counted as the kiosk counts them.
  n.window = {{2026, 11, 30}, {2026, 12, 4}, 5};
  const Site site = admin::render_site(b, stamp(12));
  const std::string& notice = site.at(content::site_paths::notice(n.id));
  const auto newest = notice.find("<strong>已撤回(2026年11月22日)</strong>");
  const auto older = notice.find("<strong>已更正(2026年11月21日)</strong>");
  ASSERT_NE(newest, std::string::npos) << notice;
  ASSERT_NE(older, std::string::npos);
  EXPECT_LT(newest, older) << "newest first";
  EXPECT_NE(notice.find("现更正为&lt;021-0000 0002&gt;"), std::string::npos);
  EXPECT_NE(notice.find("<h2>更正记录</h2>"), std::string::npos);
  EXPECT_NE(notice.find("5 个工作日(2026年11月30日至2026年12月4日)"), std::string::npos) << notice;
  EXPECT_NE(notice.find("还剩 4 个工作日"), std::string::npos) << notice;
  const std::string& sd01 = site.at(content::site_paths::applicant(n.id, "sd-01"));
  EXPECT_NE(sd01.find("已更正(2026年11月21日)"), std::string::npos);
  EXPECT_EQ(sd01.find("已撤回"), std::string::npos) << "another applicant's record";
  const std::string& cd02 = site.at(content::site_paths::applicant(n.id, "cd-02"));
  EXPECT_NE(cd02.find("申报单位书面申请撤回申报"), std::string::npos);
  const std::string& cd01 = site.at(content::site_paths::applicant(n.id, "cd-01"));
  EXPECT_EQ(cd01.find("更正记录"), std::string::npos);
  const auto problems = site_problems(site, 12);
  EXPECT_TRUE(problems.empty()) << problems.front();
}

class SitePublish : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(nginx.ok()) << nginx.error();
    dir = temp / "bundle";
    test::write_fixture_bundle(dir);
    set_public_url("https://gongshi.example.cn/pub/");
    const auto made = admin::keygen((temp / "office").string(), false);
    ASSERT_TRUE(made) << made.error().what;
    auto key = admin::load_secret_key(temp / "office.key", {});
    ASSERT_TRUE(key) << key.error().what;
    secret = std::string(key->secret.bytes());
    admin::Destination d;
    d.to = nginx.url("pub/");
    d.user = test::Nginx::kUser;
    d.password_file = nginx.password_file();
    auto resolved = admin::resolve_target(d, {});
    ASSERT_TRUE(std::holds_alternative<admin::PublishTargetPtr>(resolved));
    target = std::move(std::get<admin::PublishTargetPtr>(resolved));
  }
  // The first notice's applicants repeated up to `count`, with fresh ids.
  void grow_to(std::size_t count) {
    auto j = nlohmann::ordered_json::parse(test::read_file(dir / "notices.json"));
    auto& list = j["notices"][0]["applicants"];
    const auto seed = list;
    list = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < count; ++i) {
      auto a = seed[i % seed.size()];
      a["id"] = "b" + std::to_string(i);
      list.push_back(std::move(a));
    }
    test::write_file(dir / "notices.json", j.dump(2));
  }
  void set_public_url(const std::string& url, std::size_t keep_applicants = 100000) {
    auto j = nlohmann::ordered_json::parse(test::read_file(dir / "notices.json"));
    nlohmann::ordered_json out;
    out["schema"] = 1;
    if (!url.empty()) out["public_url"] = url;
    out["notices"] = j["notices"];
    auto& list = out["notices"][0]["applicants"];
    if (list.size() > keep_applicants)
      list.erase(list.begin() + static_cast<long>(keep_applicants), list.end());
    test::write_file(dir / "notices.json", out.dump(2));
  }
  Result<admin::PublishReport> sign_and_publish() {
    Problems problems;
    admin::SignOptions options;
    options.key_name = "office.key";
    if (!admin::sign(dir, secret, options, problems)) return Error{first_problem_line(problems)};
    auto bundle = admin::read_signed_bundle(dir, {}, problems);
    if (!bundle) return Error{first_problem_line(problems)};
    return admin::publish(*bundle, *target, {});
  }
  content::Bundle bundle() const {
    auto r = content::load_bundle(dir);
    EXPECT_TRUE(r.bundle);
    return std::move(*r.bundle);
  }

  test::TempDir temp;
  test::Nginx nginx;
  fs::path dir;
  std::string secret;
  admin::PublishTargetPtr target;
};

TEST_F(SitePublish, PagesGoUpBeforeTheManifestAndEveryOneIsServedBack) {
  const auto started = std::chrono::steady_clock::now();
  auto report = sign_and_publish();
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  ASSERT_TRUE(report) << report.error().what;
  const content::Bundle b = bundle();
  std::size_t expected = 3 + b.notices.size();
  for (const auto& n : b.notices) expected += n.applicants.size();
  EXPECT_EQ(report->site_files, expected);
  EXPECT_EQ(report->site_url, "https://gongshi.example.cn/pub/site/index.html");
  EXPECT_NE(report->line.find("take-home pages at https://gongshi.example.cn/pub/site/index.html"),
            std::string::npos)
      << report->line;
  std::printf("publish with %zu pages (%llu bytes) took %lld ms\n", report->site_files,
              static_cast<unsigned long long>(report->site_bytes),
              static_cast<long long>(took.count()));
  // Every page fetched back over HTTP is the page rendered, with this version on it.
  net::Client client;
  for (const auto& n : b.notices) {
    for (const std::string& path :
         std::vector<std::string>{content::site_paths::notice(n.id),
                                  content::site_paths::applicant(n.id, n.applicants.back().id)}) {
      const auto r = client.get(nginx.url("pub/" + path));
      ASSERT_EQ(r.status, 200) << path;
      EXPECT_NE(r.body.find("内容版本 1,"), std::string::npos) << path;
    }
  }
  std::size_t fetched = 0;
  for (const auto& e : fs::recursive_directory_iterator(nginx.www() / "pub" / "site")) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), nginx.www() / "pub").string();
    const auto r = client.get(nginx.url("pub/" + rel));
    EXPECT_EQ(r.status, 200) << rel;
    EXPECT_EQ(r.body, test::read_file(e.path())) << rel;
    ++fetched;
  }
  EXPECT_EQ(fetched, expected);
  // Order: the last page PUT before manifest.sig, manifest.sig before manifest.json.
  const std::string log = nginx.access_log_with("PUT /pub/manifest.json");
  const auto last_page = log.rfind("PUT /pub/site/");
  const auto sig = log.find("PUT /pub/manifest.sig");
  ASSERT_NE(last_page, std::string::npos);
  EXPECT_LT(last_page, sig);
  EXPECT_LT(sig, log.find("PUT /pub/manifest.json"));
}

// What the pages add to a publish of 300 applicants (the report asks for it): the same bundle
// published without public_url, then with it (each a new version, so both upload everything new).
TEST_F(SitePublish, ThreeHundredApplicantsTimed) {
  grow_to(300);
  set_public_url("");
  const auto timed = [&] {
    const auto started = std::chrono::steady_clock::now();
    auto report = sign_and_publish();
    EXPECT_TRUE(report) << (report ? "" : report.error().what);
    return std::make_pair(std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count(),
                          report ? report->site_bytes : 0);
  };
  const auto [without_ms, none] = timed();
  EXPECT_EQ(none, 0u);
  set_public_url("https://gongshi.example.cn/pub/");
  const auto [with_ms, bytes] = timed();
  std::printf(
      "300 applicants: publish without pages %lld ms, with 304 pages (%llu bytes) %lld ms\n",
      static_cast<long long>(without_ms), static_cast<unsigned long long>(bytes),
      static_cast<long long>(with_ms));
  EXPECT_TRUE(
      fs::exists(nginx.www() / "pub" / content::site_paths::applicant("demo-2026", "b299")));
}

TEST_F(SitePublish, ALaterPublishOverwritesPagesInPlaceAndDeletesRemovedOnes) {
  // An applicant may leave a signed bundle only before its 公示 begins (admin/removals.hpp; once
  // it runs it gets a withdrawn record instead): this notice's window lies ahead.
  auto j = nlohmann::ordered_json::parse(test::read_file(dir / "notices.json"));
  j["notices"][0]["window"] = {{"start", "2099-01-05"}, {"end", "2099-01-16"}};
  test::write_file(dir / "notices.json", j.dump(2));
  ASSERT_TRUE(sign_and_publish());
  const content::Bundle before = bundle();
  const auto& n = before.notices[0];
  const std::string kept = content::site_paths::applicant(n.id, n.applicants[0].id);
  const std::string removed = content::site_paths::applicant(n.id, n.applicants.back().id);
  ASSERT_TRUE(fs::exists(nginx.www() / "pub" / removed));
  set_public_url("https://gongshi.example.cn/pub/", n.applicants.size() - 1);
  auto second = sign_and_publish();
  ASSERT_TRUE(second) << second.error().what;
  EXPECT_FALSE(fs::exists(nginx.www() / "pub" / removed));
  EXPECT_NE(test::read_file(nginx.www() / "pub" / kept).find("内容版本 2,"), std::string::npos);
  const auto record =
      nlohmann::json::parse(test::read_file(nginx.www() / "pub" / "published.json"));
  ASSERT_TRUE(record.contains("site"));
  EXPECT_EQ(record["site"].size(), second->site_files);
  // Without public_url: no pages uploaded, the old ones deleted (no kiosk links them any more).
  set_public_url("");
  auto third = sign_and_publish();
  ASSERT_TRUE(third) << third.error().what;
  EXPECT_EQ(third->site_files, 0u);
  EXPECT_FALSE(fs::exists(nginx.www() / "pub" / kept));
}

}  // namespace
}  // namespace kiosk
