// The console's JSON API (kiosk/console/API.md) over real HTTP on a copy of the tests' bundle:
// edits reach the files on disk (or are refused with their problems and nothing written),
// previews are PNGs of the kiosk's renderer, publish runs as a job against a real HTTP store,
// then history and diff see it.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "admin/keys.hpp"
#include "console_fixture.hpp"
#include "temp_dir.hpp"

namespace kiosk {
namespace {

using test::RunningConsole;
using Json = nlohmann::json;

// A publishing destination: PUT stores, GET serves, DELETE removes (what admin::publish uses of
// WebDAV), on its own loopback port; each PUT can be slowed down. With `authorization` set, every
// request without exactly that Authorization header is answered 401.
class Store {
 public:
  explicit Store(std::chrono::milliseconds put_delay = std::chrono::milliseconds(0),
                 std::string authorization = "") {
    server_.set_pre_routing_handler(
        [authorization](const httplib::Request& req, httplib::Response& res) {
          if (authorization.empty() || req.get_header_value("Authorization") == authorization)
            return httplib::Server::HandlerResponse::Unhandled;
          res.status = 401;
          return httplib::Server::HandlerResponse::Handled;
        });
    server_.Put(".*", [this, put_delay](const httplib::Request& req, httplib::Response& res) {
      std::this_thread::sleep_for(put_delay);
      const std::lock_guard lock(mutex_);
      files_[req.path] = req.body;
      res.status = 201;
    });
    server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      const std::lock_guard lock(mutex_);
      const auto it = files_.find(req.path);
      if (it == files_.end()) {
        res.status = 404;
        return;
      }
      res.set_content(it->second, "application/octet-stream");
    });
    server_.Delete(".*", [this](const httplib::Request& req, httplib::Response& res) {
      const std::lock_guard lock(mutex_);
      files_.erase(req.path);
      res.status = 204;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Store() {
    server_.stop();
    thread_.join();
  }
  [[nodiscard]] std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/pub/";
  }
  [[nodiscard]] bool has(const std::string& path) {
    const std::lock_guard lock(mutex_);
    return files_.count(path) != 0;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::map<std::string, std::string> files_;
};

// Requests with the console's CSRF token.
class Api : public ::testing::Test {
 protected:
  void start(console::Options options = {}) {
    console = std::make_unique<RunningConsole>(options);
    cli = console->client();
    token = console->csrf();
  }
  httplib::Result send(const std::string& method, const std::string& path, const Json& body = {}) {
    const httplib::Headers h{{"X-CSRF-Token", token}};
    const std::string text = body.is_null() ? "" : body.dump();
    if (method == "POST") return cli->Post(path.c_str(), h, text, "application/json");
    if (method == "PUT") return cli->Put(path.c_str(), h, text, "application/json");
    if (method == "DELETE") return cli->Delete(path.c_str(), h);
    return cli->Get(path.c_str());
  }
  Json get(const std::string& path) {
    const auto r = cli->Get(path.c_str());
    if (!r || r->status != 200) {
      ADD_FAILURE() << "GET " << path << ": "
                    << (r ? std::to_string(r->status) + " " + r->body : "no answer");
      return {};
    }
    return Json::parse(r->body);
  }
  Json notices_on_disk() const {
    return Json::parse(test::read_file(console->dir() / "notices.json"));
  }
  // Polls a publish job until it ends (at most 60 s).
  Json finish(const std::string& job) {
    for (int i = 0; i < 600; ++i) {
      const Json s = get("/api/publish/" + job);
      const std::string state = s.value("state", "");
      if (state == "done" || state == "failed") return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "publish job " << job << " did not end";
    return {};
  }
  // A key pair office.key/office.pub in temp (sealed with `passphrase` when given).
  std::string keygen(std::optional<std::string> passphrase = std::nullopt) {
    const std::string prefix = (temp / "office").string();
    const auto r = admin::keygen(prefix, true, passphrase);
    EXPECT_TRUE(r) << (r ? "" : r.error().what);
    return prefix + ".key";
  }

  test::TempDir temp;
  std::unique_ptr<RunningConsole> console;
  std::unique_ptr<httplib::Client> cli;
  std::string token;
};

TEST_F(Api, BundleOverview) {
  start();
  const Json b = get("/api/bundle?at=2026-12-01");
  EXPECT_EQ(b.at("today"), "2026-12-01");
  ASSERT_EQ(b.at("notices").size(), 1u);
  const Json& n = b.at("notices")[0];
  EXPECT_EQ(n.at("id"), "demo-2026");
  EXPECT_EQ(n.at("state"), "open");
  EXPECT_EQ(n.at("state_label"), "公示中");
  EXPECT_EQ(n.at("window").at("start"), "2026-11-20");
  EXPECT_GT(n.at("applicants").get<int>(), 0);
  EXPECT_TRUE(n.at("by_category").contains("street_demo"));
  EXPECT_EQ(get("/api/bundle?at=2026-01-01").at("notices")[0].at("state"), "upcoming");
  EXPECT_TRUE(b.at("hotlines").is_array());
  EXPECT_TRUE(b.at("problems").empty());
  EXPECT_TRUE(b.at("manifest").is_null());
  EXPECT_TRUE(b.at("key").is_null());
  EXPECT_TRUE(b.at("publish_to").is_null());
  const auto bad = cli->Get("/api/bundle?at=2026-13-40");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(Api, CreateEditAndDeleteANotice) {
  start();
  Json notice = get("/api/notices/demo-2026");
  ASSERT_EQ(notice.at("id"), "demo-2026");
  ASSERT_FALSE(notice.at("applicants").empty());
  notice.erase("applicants");
  notice["id"] = "new-2027";
  notice["title"] = "2027年度创建申报公示";
  const auto created = send("POST", "/api/notices", notice);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(Json::parse(created->body).at("id"), "new-2027");
  EXPECT_EQ(notices_on_disk().at("notices").size(), 2u);
  EXPECT_TRUE(get("/api/notices/new-2027").at("applicants").empty());

  const auto edited = send("PUT", "/api/notices/new-2027", {{"title", "改过的标题"}});
  ASSERT_TRUE(edited);
  ASSERT_EQ(edited->status, 200) << edited->body;
  EXPECT_EQ(get("/api/notices/new-2027").at("title"), "改过的标题");
  EXPECT_EQ(notices_on_disk().at("notices")[1].at("title"), "改过的标题");
  // Applicants are kept unless given.
  const auto demo_before = get("/api/notices/demo-2026").at("applicants").size();
  ASSERT_EQ(send("PUT", "/api/notices/demo-2026", {{"title", "示例"}})->status, 200);
  EXPECT_EQ(get("/api/notices/demo-2026").at("applicants").size(), demo_before);

  const auto deleted = send("DELETE", "/api/notices/new-2027");
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 200);
  EXPECT_EQ(cli->Get("/api/notices/new-2027")->status, 404);
  EXPECT_EQ(notices_on_disk().at("notices").size(), 1u);
  EXPECT_EQ(send("DELETE", "/api/notices/new-2027")->status, 404);
  EXPECT_EQ(send("PUT", "/api/notices/nobody", {{"title", "x"}})->status, 404);
}

TEST_F(Api, AnInvalidEditIs422WithItsProblemsAndNothingWritten) {
  start();
  const std::string before = test::read_file(console->dir() / "notices.json");
  const auto r =
      send("PUT", "/api/notices/demo-2026",
           {{"window", {{"start", "2026-12-31"}, {"end", "2026-12-01"}}}, {"colour", "red"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 422) << r->body;
  const Json body = Json::parse(r->body);
  EXPECT_FALSE(body.at("error").get<std::string>().empty());
  ASSERT_FALSE(body.at("problems").empty());
  bool window = false, unknown = false;
  for (const auto& p : body.at("problems")) {
    EXPECT_EQ(p.at("file"), "notices.json");
    EXPECT_FALSE(p.at("message").get<std::string>().empty());
    const std::string where = p.value("where", "");
    window = window || where.find("notices[0].window") == 0;
    unknown = unknown || where.find("colour") != std::string::npos;
  }
  EXPECT_TRUE(window) << body.dump();
  EXPECT_TRUE(unknown) << body.dump();
  EXPECT_EQ(test::read_file(console->dir() / "notices.json"), before);
  // A body that is not JSON, or nested without end, is refused before any edit.
  EXPECT_EQ(cli->Put("/api/notices/demo-2026", {{"X-CSRF-Token", token}},
                     "{\"title\": ", "application/json")
                ->status,
            400);
  EXPECT_EQ(cli->Put("/api/notices/demo-2026", {{"X-CSRF-Token", token}},
                     std::string(100000, '[') + std::string(100000, ']'), "application/json")
                ->status,
            400);
  EXPECT_EQ(test::read_file(console->dir() / "notices.json"), before);
}

TEST_F(Api, AnIdThatIsNotUtf8IsA404NotA500) {
  start();
  const auto r = cli->Get("/api/notices/%FF%FEbad");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404) << r->body;
  EXPECT_TRUE(Json::parse(r->body).contains("error"));
  const auto d = send("DELETE", "/api/notices/%C3");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 404) << d->body;
}

TEST_F(Api, Applicants) {
  start();
  Json applicant = get("/api/notices/demo-2026").at("applicants")[0];
  const std::string first_id = applicant.at("id");
  applicant["id"] = "new-01";
  applicant["name"] = "新的申报单位";
  const auto added = send("POST", "/api/notices/demo-2026/applicants", applicant);
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(Json::parse(added->body).at("id"), "new-01");
  applicant["phone"] = "021-1234 5678";
  ASSERT_EQ(send("PUT", "/api/notices/demo-2026/applicants/new-01", applicant)->status, 200);
  bool found = false;
  const Json on_disk = notices_on_disk();
  for (const auto& a : on_disk.at("notices")[0].at("applicants"))
    found = found || (a.at("id") == "new-01" && a.at("phone") == "021-1234 5678");
  EXPECT_TRUE(found);
  applicant["phone"] = "";
  const auto bad = send("PUT", "/api/notices/demo-2026/applicants/new-01", applicant);
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(Json::parse(bad->body).at("problems")[0].value("field", ""), "phone");
  ASSERT_EQ(send("DELETE", "/api/notices/demo-2026/applicants/new-01")->status, 200);
  EXPECT_EQ(send("DELETE", "/api/notices/demo-2026/applicants/new-01")->status, 404);
  EXPECT_EQ(send("POST", "/api/notices/nobody/applicants", applicant)->status, 404);
  EXPECT_EQ(get("/api/notices/demo-2026").at("applicants")[0].at("id"), first_id);
}

// 所属街镇 (issue 16): the form's optional town goes through the API to notices.json and back;
// a bad one is refused on its field.
TEST_F(Api, ApplicantTownPassesThrough) {
  start();
  Json applicant = get("/api/notices/demo-2026").at("applicants")[0];
  applicant["id"] = "town-01";
  applicant["name"] = "赵巷镇的申报单位";
  applicant["town"] = "赵巷镇";
  const auto added = send("POST", "/api/notices/demo-2026/applicants", applicant);
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  std::string on_disk, via_api;
  const Json file = notices_on_disk();  // kept: the loops below read inside it
  for (const auto& a : file.at("notices")[0].at("applicants"))
    if (a.at("id") == "town-01") on_disk = a.value("town", "");
  const Json notice = get("/api/notices/demo-2026");
  for (const auto& a : notice.at("applicants"))
    if (a.at("id") == "town-01") via_api = a.value("town", "");
  EXPECT_EQ(on_disk, "赵巷镇");
  EXPECT_EQ(via_api, "赵巷镇");
  applicant["town"] = "赵巷\n镇";
  const auto bad = send("PUT", "/api/notices/demo-2026/applicants/town-01", applicant);
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(Json::parse(bad->body).at("problems")[0].value("field", ""), "town");
}

TEST_F(Api, Hotlines) {
  start();
  Json hotlines = get("/api/hotlines").at("hotlines");
  ASSERT_FALSE(hotlines.empty());
  hotlines[0]["number"] = "021-5555 0000";
  const auto ok = send("PUT", "/api/hotlines", {{"hotlines", hotlines}});
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(
      Json::parse(test::read_file(console->dir() / "hotlines.json")).at("hotlines")[0].at("number"),
      "021-5555 0000");
  hotlines[0]["number"] = "";
  const auto bad = send("PUT", "/api/hotlines", {{"hotlines", hotlines}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  const Json p = Json::parse(bad->body).at("problems")[0];
  EXPECT_EQ(p.at("file"), "hotlines.json");
  EXPECT_EQ(p.value("where", "").rfind("hotlines[0]", 0), 0u) << p.dump();
  EXPECT_EQ(get("/api/hotlines").at("hotlines")[0].at("number"), "021-5555 0000");
}

// notices.json's public_url (the take-home pages) through PUT /api/bundle, shown by GET.
TEST_F(Api, PublicUrlIsEditable) {
  start();
  EXPECT_TRUE(get("/api/bundle").at("public_url").is_null());
  const auto ok =
      send("PUT", "/api/bundle", {{"public_url", "https://gongshi.example.cn/qingpu/"}});
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(notices_on_disk().at("public_url"), "https://gongshi.example.cn/qingpu/");
  const std::string text = test::read_file(console->dir() / "notices.json");
  EXPECT_LT(text.find("\"schema\""), text.find("\"public_url\""));  // right after schema
  EXPECT_LT(text.find("\"public_url\""), text.find("\"notices\""));
  const Json b = get("/api/bundle");
  EXPECT_EQ(b.at("public_url"), "https://gongshi.example.cn/qingpu/");
  EXPECT_EQ(b.at("site_url"), "https://gongshi.example.cn/qingpu/site/index.html");
  const auto bad = send("PUT", "/api/bundle", {{"public_url", "http://gongshi.example.cn/"}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  const Json p = Json::parse(bad->body).at("problems")[0];
  EXPECT_EQ(p.at("field"), "public_url") << p.dump();
  EXPECT_EQ(
      p.at("message"),
      "expected an https:// URL (the pages are public), found \"http://gongshi.example.cn/\"");
  EXPECT_EQ(notices_on_disk().at("public_url"), "https://gongshi.example.cn/qingpu/");
  const auto removed = send("PUT", "/api/bundle", {{"public_url", nullptr}});
  ASSERT_EQ(removed->status, 200) << removed->body;
  EXPECT_FALSE(notices_on_disk().contains("public_url"));
  EXPECT_TRUE(get("/api/bundle").at("site_url").is_null());
}

// Width and height of a PNG (its IHDR), or {0, 0}.
std::pair<unsigned, unsigned> png_size(const std::string& png) {
  if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return {0, 0};
  const auto be = [&png](std::size_t at) {
    unsigned v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be(16), be(20)};
}

TEST_F(Api, PreviewIsAPngOfTheKiosksRenderer) {
  start();
  const Json screens = get("/api/preview/screens?at=2026-12-01").at("screens");
  ASSERT_FALSE(screens.empty());
  bool home = false;
  for (const auto& s : screens) home = home || s == "home";
  EXPECT_TRUE(home) << screens.dump();
  const auto landscape =
      cli->Get("/api/preview.png?screen=home&orientation=landscape&at=2026-12-01");
  ASSERT_TRUE(landscape);
  ASSERT_EQ(landscape->status, 200) << landscape->body;
  EXPECT_EQ(landscape->get_header_value("Content-Type"), "image/png");
  const auto [w, h] = png_size(landscape->body);
  EXPECT_GT(w, h);
  const auto portrait = cli->Get("/api/preview.png?screen=home&orientation=portrait&at=2026-12-01");
  ASSERT_EQ(portrait->status, 200);
  const auto [pw, ph] = png_size(portrait->body);
  EXPECT_EQ(pw, h);
  EXPECT_EQ(ph, w);
  const auto large = cli->Get("/api/preview.png?screen=home&large_text=1&at=2026-12-01");
  ASSERT_EQ(large->status, 200);
  EXPECT_NE(large->body, landscape->body);
  const auto unknown = cli->Get("/api/preview.png?screen=no-such-screen");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 422);
}

TEST_F(Api, PublishDiffHistoryAndRepublish) {
  Store store;
  console::Options o;
  o.key = keygen("correct passphrase");
  o.to = store.url();
  start(o);
  const Json b = get("/api/bundle");
  EXPECT_EQ(b.at("publish_to"), store.url());
  EXPECT_TRUE(b.at("key").at("encrypted").get<bool>());
  EXPECT_TRUE(get("/api/diff").at("since").is_null());
  EXPECT_TRUE(get("/api/history").at("versions").empty());

  // A wrong passphrase is refused at once, and never echoed.
  const auto wrong = send("POST", "/api/publish", {{"passphrase", "wrong horse"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 422) << wrong->body;
  EXPECT_EQ(wrong->body.find("wrong horse"), std::string::npos);

  const auto started = send("POST", "/api/publish", {{"passphrase", "correct passphrase"}});
  ASSERT_TRUE(started);
  ASSERT_EQ(started->status, 202) << started->body;
  const Json done = finish(Json::parse(started->body).at("job"));
  ASSERT_EQ(done.at("state"), "done") << done.dump();
  EXPECT_EQ(done.at("version"), 1);
  EXPECT_GT(done.at("total").get<int>(), 0);
  EXPECT_EQ(done.at("uploaded"), done.at("total"));
  EXPECT_TRUE(store.has("/pub/manifest.json"));
  const Json history = get("/api/history").at("versions");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].at("version"), 1);
  EXPECT_GT(history[0].at("files").get<int>(), 0);

  // An edit after publishing shows in the diff, field by field.
  ASSERT_EQ(send("PUT", "/api/notices/demo-2026", {{"title", "改过的标题"}})->status, 200);
  const Json diff = get("/api/diff");
  EXPECT_EQ(diff.at("since"), 1);
  ASSERT_EQ(diff.at("notices").at("changed").size(), 1u) << diff.dump();
  EXPECT_EQ(diff.at("notices").at("changed")[0].at("id"), "demo-2026");
  EXPECT_EQ(diff.at("notices").at("changed")[0].at("fields"), Json::array({"title"}));
  EXPECT_FALSE(diff.at("hotlines_changed").get<bool>());

  // Republishing version 1 makes version 2 with version 1's content.
  const auto again =
      send("POST", "/api/history/1/republish", {{"passphrase", "correct passphrase"}});
  ASSERT_EQ(again->status, 202) << again->body;
  const Json redone = finish(Json::parse(again->body).at("job"));
  ASSERT_EQ(redone.at("state"), "done") << redone.dump();
  EXPECT_EQ(redone.at("version"), 2);
  EXPECT_NE(get("/api/notices/demo-2026").at("title"), "改过的标题");
  EXPECT_EQ(get("/api/history").at("versions").size(), 2u);
  EXPECT_EQ(send("POST", "/api/history/9/republish", {{"passphrase", "x"}})->status, 404);
  EXPECT_EQ(cli->Get("/api/publish/nosuchjob")->status, 404);
}

TEST_F(Api, OnePublishAtATime) {
  Store store(std::chrono::milliseconds(300));
  console::Options o;
  o.key = keygen();
  o.to = store.url();
  start(o);
  const auto first = send("POST", "/api/publish", {{"passphrase", ""}});
  ASSERT_EQ(first->status, 202) << first->body;
  const auto second = send("POST", "/api/publish", {{"passphrase", ""}});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 409) << second->body;
  EXPECT_EQ(finish(Json::parse(first->body).at("job")).at("state"), "done");
}

TEST_F(Api, ImportASheetAllOrNothing) {
  start();
  const std::string good = test::read_file(std::string(KIOSK_TEST_DATA) + "/csv/sheet-utf8.csv");
  ASSERT_FALSE(good.empty());
  const httplib::Headers h{{"X-CSRF-Token", token}};
  const auto ok = cli->Post("/api/notices/demo-2026/import?name=sheet.csv", h, good,
                            "application/octet-stream");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(Json::parse(ok->body).at("imported"), 5);
  EXPECT_EQ(get("/api/notices/demo-2026").at("applicants").size(), 5u);

  // One bad phone: nothing changes, and the problem is on its row and column.
  std::string bad = good;
  bad.replace(bad.find("021-0000 1002"), 13, "不是电话");
  const std::string before = test::read_file(console->dir() / "notices.json");
  const auto refused =
      cli->Post("/api/notices/demo-2026/import?name=bad.csv", h, bad, "application/octet-stream");
  ASSERT_TRUE(refused);
  ASSERT_EQ(refused->status, 422) << refused->body;
  const Json body = Json::parse(refused->body);
  EXPECT_EQ(body.at("header")[5], "电话");
  EXPECT_FALSE(body.at("rows").empty());
  ASSERT_FALSE(body.at("problems").empty());
  const Json& p = body.at("problems")[0];
  EXPECT_EQ(p.at("column"), "电话") << p.dump();
  EXPECT_EQ(p.at("file"), "bad.csv");
  bool row_shown = false;
  for (const auto& r : body.at("rows"))
    row_shown = row_shown || (r.at("row") == p.at("row") && r.at("cells")[5] == "不是电话");
  EXPECT_TRUE(row_shown) << body.at("rows").dump();
  EXPECT_EQ(test::read_file(console->dir() / "notices.json"), before);
}

TEST_F(Api, TemplateIsAnXlsx) {
  start();
  const auto r = cli->Get("/api/template.xlsx");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body.compare(0, 2, "PK"), 0);  // a zip archive
  EXPECT_NE(r->get_header_value("Content-Type").find("spreadsheetml"), std::string::npos);
  EXPECT_NE(r->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
}

// A destination behind HTTP basic auth: serve's --publish-user and --publish-password-file reach
// it as kioskctl publish's --user and --password-file do; without them the job fails with 401.
TEST_F(Api, PublishesWithTheDestinationsCredentials) {
  // "clerk:s3cret pass" in base64.
  Store store(std::chrono::milliseconds(0), "Basic Y2xlcms6czNjcmV0IHBhc3M=");
  const auto password_file = temp / "publish-password";
  test::write_file(password_file, "s3cret pass\n");
  console::Options o;
  o.key = keygen();
  o.to = store.url();
  {
    start(o);
    const auto refused = send("POST", "/api/publish", {{"passphrase", ""}});
    ASSERT_TRUE(refused);
    ASSERT_EQ(refused->status, 202) << refused->body;
    const Json failed = finish(Json::parse(refused->body).at("job"));
    EXPECT_EQ(failed.at("state"), "failed") << failed.dump();
    EXPECT_NE(failed.at("message").get<std::string>().find("401"), std::string::npos)
        << failed.dump();
    EXPECT_FALSE(store.has("/pub/manifest.json"));
  }
  o.publish_user = "clerk";
  o.publish_password_file = password_file.string();
  start(o);
  const auto started = send("POST", "/api/publish", {{"passphrase", ""}});
  ASSERT_TRUE(started);
  ASSERT_EQ(started->status, 202) << started->body;
  const Json done = finish(Json::parse(started->body).at("job"));
  EXPECT_EQ(done.at("state"), "done") << done.dump();
  EXPECT_TRUE(store.has("/pub/manifest.json"));
  EXPECT_EQ(done.dump().find("s3cret"), std::string::npos);
}

TEST_F(Api, PublishNeedsAKeyAndADestination) {
  start();
  const auto r = send("POST", "/api/publish", {{"passphrase", "x"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(Json::parse(r->body).at("error").get<std::string>().find("--"), std::string::npos);
  const Json fleet = get("/api/fleet");
  EXPECT_FALSE(fleet.at("available").get<bool>());
}

}  // namespace
}  // namespace kiosk
