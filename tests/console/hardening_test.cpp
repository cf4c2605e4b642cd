// Every hardening rule of kiosk/console/guard.hpp, over real HTTP against a running console.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "console/guard.hpp"
#include "console_fixture.hpp"

namespace kiosk {
namespace {

using test::RunningConsole;
using Json = nlohmann::json;

httplib::Headers with_csrf(const std::string& token) { return {{"X-CSRF-Token", token}}; }

TEST(Hardening, SecurityHeadersOnPagesApiAndRefusals) {
  RunningConsole c;
  auto cli = c.client();
  for (const auto& path : {"/", "/api/session", "/no-such-page"}) {
    const auto r = cli->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->get_header_value("Content-Security-Policy").rfind("default-src 'self'", 0), 0u)
        << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store") << path;
  }
  const auto refused =
      cli->Get("/api/session", {{"Host", "evil.example:" + std::to_string(c.port())}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->get_header_value("X-Frame-Options"), "DENY");
}

TEST(Hardening, StateChangeWithoutCsrfTokenIs403) {
  RunningConsole c;
  auto cli = c.client();
  const auto missing = cli->Post("/api/logout", "", "application/json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 403);
  EXPECT_NE(Json::parse(missing->body).at("error").get<std::string>().find("CSRF"),
            std::string::npos);
  const auto wrong =
      cli->Post("/api/logout", with_csrf(std::string(64, 'a')), "", "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  const auto del = cli->Delete("/api/notices/demo-2026");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 403);
  const auto put = cli->Put("/api/hotlines", "{}", "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 403);
  const auto right = cli->Post("/api/logout", with_csrf(c.csrf()), "", "application/json");
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200);
}

TEST(Hardening, ForeignHostIsRefused) {
  RunningConsole c;
  auto cli = c.client();
  const std::string port = std::to_string(c.port());
  for (const std::string& host :
       std::vector<std::string>{"evil.example:" + port, "127.0.0.1:1",
                                "localhost.evil.example:" + port, "192.168.1.10:" + port, ""}) {
    const auto r = cli->Get("/api/session", {{"Host", host}});
    ASSERT_TRUE(r) << host;
    EXPECT_EQ(r->status, 421) << host;
  }
  for (const std::string& host :
       std::vector<std::string>{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port}) {
    const auto r = cli->Get("/api/session", {{"Host", host}});
    ASSERT_TRUE(r) << host;
    EXPECT_EQ(r->status, 200) << host;
  }
}

TEST(Hardening, CrossSiteOriginIsRefused) {
  RunningConsole c;
  auto cli = c.client();
  const std::string token = c.csrf();
  for (const std::string& origin : std::vector<std::string>{
           "http://evil.example", "null", "http://localhost:1", "https://" + c.host()}) {
    httplib::Headers h = with_csrf(token);
    h.emplace("Origin", origin);
    const auto r = cli->Post("/api/logout", h, "", "application/json");
    ASSERT_TRUE(r) << origin;
    EXPECT_EQ(r->status, 403) << origin;
  }
  const auto fetch_site = cli->Get("/api/session", {{"Sec-Fetch-Site", "cross-site"}});
  ASSERT_TRUE(fetch_site);
  EXPECT_EQ(fetch_site->status, 403);
  httplib::Headers same = with_csrf(token);
  same.emplace("Origin", "http://" + c.host());
  same.emplace("Sec-Fetch-Site", "same-origin");
  const auto ok = cli->Post("/api/logout", same, "", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(Hardening, BodyOver32MiBIs413) {
  RunningConsole c;
  const std::string body(33u << 20, 'x');
  const std::string answer = test::raw_exchange(
      c.port(),
      "PUT /api/hotlines HTTP/1.1\r\nHost: " + c.host() + "\r\nX-CSRF-Token: " + c.csrf() +
          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\n\r\n" + body);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
  // Chunked and compressed bodies, which cpp-httplib 0.11 would not bound, are refused unread.
  const std::string head = "PUT /api/hotlines HTTP/1.1\r\nHost: " + c.host() +
                           "\r\nX-CSRF-Token: " + c.csrf() +
                           "\r\nContent-Type: application/json\r\n";
  const std::string chunked =
      test::raw_exchange(c.port(), head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
  EXPECT_EQ(chunked.rfind("HTTP/1.1 411", 0), 0u) << chunked;
  const std::string gzip = test::raw_exchange(
      c.port(), head + "Content-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd");
  EXPECT_EQ(gzip.rfind("HTTP/1.1 415", 0), 0u) << gzip;
}

TEST(Hardening, SlowClientIsCutOffByTheReadTimeout) {
  console::Options o;
  o.io_timeout = std::chrono::seconds(1);
  RunningConsole c(o);
  const auto start = std::chrono::steady_clock::now();
  // Half a request line, then silence: the server must hang up, not wait for ever.
  const std::string answer =
      test::raw_exchange(c.port(), "GET /api/sess", std::chrono::seconds(20));
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(8)) << "the server waited for the slow client";
  EXPECT_GE(took, std::chrono::milliseconds(900)) << "hung up at once, not by the timeout";
  EXPECT_EQ(answer.find("200 OK"), std::string::npos);
  // A slow body is cut off too.
  const auto start2 = std::chrono::steady_clock::now();
  test::raw_exchange(c.port(),
                     "PUT /api/hotlines HTTP/1.1\r\nHost: " + c.host() +
                         "\r\nX-CSRF-Token: " + c.csrf() + "\r\nContent-Length: 1000\r\n\r\n{\"hot",
                     std::chrono::seconds(20));
  EXPECT_LT(std::chrono::steady_clock::now() - start2, std::chrono::seconds(8));
}

TEST(Hardening, NonLoopbackListenNeedsAPasswordFile) {
  test::TempDir temp;
  console::Options o;
  o.dir = temp.path().string();
  o.host = "0.0.0.0";
  o.port = 0;
  const auto refused = console::Console::open(o);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().what.find("--password-file"), std::string::npos);
  EXPECT_EQ(refused.error().what.find('\n'), std::string::npos);
  o.password_file = temp.write("password", "").string();
  const auto empty = console::Console::open(o);
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().what.find("empty"), std::string::npos);
}

class Login : public ::testing::Test {
 protected:
  console::Options options(std::chrono::seconds idle = std::chrono::hours(1)) {
    console::Options o;
    o.host = "0.0.0.0";
    o.port = 0;
    o.password_file = temp.write("password", "correct horse 电池\n").string();
    o.session_idle = idle;
    return o;
  }
  // Logs in; returns the session cookie ("name=value") and the session's CSRF token.
  static std::pair<std::string, std::string> login(const RunningConsole& c) {
    const auto r =
        c.client()->Post("/api/login", with_csrf(c.csrf()),
                         Json{{"password", "correct horse 电池"}}.dump(), "application/json");
    if (!r || r->status != 200) return {};
    const std::string set = r->get_header_value("Set-Cookie");
    return {set.substr(0, set.find(';')), Json::parse(r->body).at("csrf").get<std::string>()};
  }
  test::TempDir temp;
};

TEST_F(Login, RequiredOffLoopbackAndTheCookieIsStrict) {
  RunningConsole c(options());
  auto cli = c.client();
  const auto session = Json::parse(cli->Get("/api/session")->body);
  EXPECT_TRUE(session.at("login_required").get<bool>());
  EXPECT_FALSE(session.at("logged_in").get<bool>());
  const auto anonymous = cli->Get("/api/bundle");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(cli->Get("/")->status, 200);  // the login page itself

  const auto r = cli->Post("/api/login", with_csrf(c.csrf()),
                           Json{{"password", "correct horse 电池"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const std::string set = r->get_header_value("Set-Cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos) << set;
  EXPECT_NE(set.find("Path=/"), std::string::npos) << set;
  const std::string cookie = set.substr(0, set.find(';'));
  const std::string token = Json::parse(r->body).at("csrf").get<std::string>();
  EXPECT_NE(token, c.csrf());  // the session has its own token
  EXPECT_NE(cli->Get("/api/bundle", {{"Cookie", cookie}})->status, 401);
  EXPECT_TRUE(Json::parse(cli->Get("/api/session", {{"Cookie", cookie}})->body)
                  .at("logged_in")
                  .get<bool>());

  // A wildcard listen address accepts this machine's addresses typed as such, never a name.
  const std::string port = std::to_string(c.port());
  EXPECT_EQ(cli->Get("/api/session", {{"Host", "192.0.2.7:" + port}})->status, 200);
  EXPECT_EQ(cli->Get("/api/session", {{"Host", "[2001:db8::1]:" + port}})->status, 200);
  EXPECT_EQ(cli->Get("/api/session", {{"Host", "evil.example:" + port}})->status, 421);

  // The anonymous token is not the session's: a logged-in state change needs the session token.
  httplib::Headers anon = with_csrf(c.csrf());
  anon.emplace("Cookie", cookie);
  EXPECT_EQ(cli->Post("/api/logout", anon, "", "application/json")->status, 403);
  httplib::Headers own = with_csrf(token);
  own.emplace("Cookie", cookie);
  EXPECT_EQ(cli->Post("/api/logout", own, "", "application/json")->status, 200);
  EXPECT_EQ(cli->Get("/api/bundle", {{"Cookie", cookie}})->status, 401);  // logged out
}

TEST_F(Login, WrongPasswordIs401AndRepeatedFailuresAre429) {
  RunningConsole c(options());
  auto cli = c.client();
  const std::string token = c.csrf();
  for (int i = 0; i < console::LoginThrottle::kMaxFailures; ++i) {
    const auto r = cli->Post("/api/login", with_csrf(token), Json{{"password", "guess"}}.dump(),
                             "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_TRUE(r->get_header_value("Set-Cookie").empty());
    EXPECT_EQ(r->body.find("guess"), std::string::npos);
  }
  const auto blocked =
      cli->Post("/api/login", with_csrf(token), Json{{"password", "correct horse 电池"}}.dump(),
                "application/json");
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429);
}

TEST_F(Login, SessionsExpireWhenIdle) {
  RunningConsole c(options(std::chrono::seconds(1)));
  const auto [cookie, token] = login(c);
  ASSERT_FALSE(cookie.empty());
  auto cli = c.client();
  EXPECT_NE(cli->Get("/api/bundle", {{"Cookie", cookie}})->status, 401);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(cli->Get("/api/bundle", {{"Cookie", cookie}})->status, 401);
  EXPECT_FALSE(Json::parse(cli->Get("/api/session", {{"Cookie", cookie}})->body)
                   .at("logged_in")
                   .get<bool>());
}

TEST(Hardening, BusyPortIsOneLine) {
  RunningConsole first;
  test::TempDir temp;
  console::Options o;
  o.dir = temp.path().string();
  o.port = first.port();
  const auto second = console::Console::open(o);
  ASSERT_FALSE(second);
  const std::string& what = second.error().what;
  EXPECT_NE(what.find("in use"), std::string::npos) << what;
  EXPECT_NE(what.find("127.0.0.1:" + std::to_string(first.port())), std::string::npos) << what;
  EXPECT_EQ(what.find('\n'), std::string::npos);
}

TEST(Hardening, ExceptionIsAGeneric500) {
  // The guard as the console installs it, on a server with one route that throws.
  httplib::Server server;
  console::GuardSettings settings;
  console::Guard guard(settings);
  guard.install(server);
  server.Get("/api/boom", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Half-Done", "yes");
    throw std::runtime_error("secret passphrase hunter2 in /home/clerk/office.key");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  guard.set_port(port);
  std::thread t([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  httplib::Client cli("127.0.0.1", port);
  const auto r = cli.Get("/api/boom");
  server.stop();
  t.join();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body.find("hunter2"), std::string::npos) << r->body;
  EXPECT_EQ(r->body.find("office.key"), std::string::npos) << r->body;
  EXPECT_FALSE(r->has_header("EXCEPTION_WHAT"));
  EXPECT_FALSE(r->has_header("X-Half-Done"));
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_TRUE(Json::parse(r->body).contains("error"));
}

TEST(Hardening, NothingButTheEmbeddedAssetsIsServed) {
  RunningConsole c;
  test::write_file(c.dir() / "assets" / "secret.txt", "not for the web");
  auto cli = c.client();
  for (const auto& path : {"/assets/../notices.json", "/notices.json", "/assets/secret.txt",
                           "/%2e%2e/%2e%2e/etc/passwd", "/assets/%2e%2e/notices.json"}) {
    const auto r = cli->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_GE(r->status, 400) << path;
    EXPECT_EQ(r->body.find("not for the web"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("\"notices\""), std::string::npos) << path;
  }
  const auto index = cli->Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->get_header_value("Content-Type").find("text/html"), std::string::npos);
}

}  // namespace
}  // namespace kiosk
