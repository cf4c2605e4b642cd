// net::Client against a real nginx: every hardening rule of issue 4, observed from the outside.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "net/http.hpp"
#include "nginx_fixture.hpp"

namespace kiosk::test {
namespace {

using net::Failure;

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(nginx.ok()) << nginx.error();
    write_file(nginx.www() / "b" / "hop.txt", "arrived\n");
    options.limits.connect_timeout = std::chrono::milliseconds(2000);
    options.limits.total_timeout = std::chrono::milliseconds(10000);
    options.limits.low_speed_bytes = 100;
    options.limits.low_speed_time = std::chrono::seconds(1);
  }
  Nginx nginx;
  net::Options options;
};

// A JSON-looking file that compresses well.
std::string compressible(std::size_t bytes) {
  std::string s = "[";
  while (s.size() < bytes) s += "{\"name\": \"示例居委会\", \"phone\": \"021-0000 0001\"},\n";
  s += "{}]\n";
  return s;
}

TEST_F(HttpTest, ConditionalGetWithETagOrLastModified) {
  write_file(nginx.www() / "b" / "m.json", "{\"v\": 1}\n");
  net::Client client(options);
  const auto first = client.get(nginx.url("b/m.json"));
  ASSERT_TRUE(first.completed()) << first.error;
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "{\"v\": 1}\n");
  EXPECT_EQ(first.content_type, "application/json");
  ASSERT_FALSE(first.etag.empty());
  ASSERT_FALSE(first.last_modified.empty());
  EXPECT_EQ(client.get(nginx.url("b/m.json"), {first.etag, ""}).status, 304);
  EXPECT_EQ(client.get(nginx.url("b/m.json"), {"", first.last_modified}).status, 304);
  EXPECT_EQ(client.get(nginx.url("b/m.json"), {"\"other\"", ""}).status, 200);
}

TEST_F(HttpTest, GzipIsAcceptedAndDecoded) {
  const auto body = compressible(200'000);
  write_file(nginx.www() / "b" / "big.json", body);
  net::Client client(options);
  const auto r = client.get(nginx.url("b/big.json"));
  ASSERT_TRUE(r.completed()) << r.error;
  EXPECT_EQ(r.body, body);
  // nginx's combined log says "GET /b/big.json HTTP/1.1" 200 BYTES: fewer bytes than the file.
  const std::string needle = "GET /b/big.json HTTP/1.1\" 200 ";
  const std::string log = nginx.access_log_with(needle);
  const auto at = log.find(needle);
  ASSERT_NE(at, std::string::npos) << log;
  const auto sent = std::stoul(log.substr(at + needle.size(), 12));
  EXPECT_LT(sent, body.size() / 5);
}

TEST_F(HttpTest, SizeLimitStopsTheDownloadWhileReceiving) {
  // gzip: no Content-Length, so the cap is enforced on the decoded bytes as they arrive.
  write_file(nginx.www() / "b" / "bomb.json", compressible(4'000'000));
  net::Client client(options);
  auto r = client.get(nginx.url("b/bomb.json"), {}, 10'000);
  EXPECT_EQ(r.failure, Failure::TooLarge);
  EXPECT_EQ(r.error, "larger than the limit of 10000 bytes; download stopped");
  EXPECT_TRUE(r.body.empty());
  // With a Content-Length over the limit nothing is downloaded at all.
  write_file(nginx.www() / "b" / "blob.bin", std::string(300'000, 'x'));
  r = client.get(nginx.url("b/blob.bin"), {}, 64 << 10);
  EXPECT_EQ(r.failure, Failure::TooLarge);
  EXPECT_EQ(r.error, "larger than the limit of 64 KiB; download stopped");
  // The client-wide limit applies when the call gives none.
  options.limits.max_body_bytes = 1000;
  net::Client small(options);
  EXPECT_EQ(small.get(nginx.url("b/blob.bin")).failure, Failure::TooLarge);
  EXPECT_EQ(small.get(nginx.url("b/blob.bin"), {}, 1 << 20).failure, Failure::TooLarge);  // never raised
}

TEST_F(HttpTest, AtMostThreeRedirects) {
  net::Client client(options);
  const auto three = client.get(nginx.url("hop/1"));
  ASSERT_TRUE(three.completed()) << three.error;
  EXPECT_EQ(three.body, "arrived\n");
  EXPECT_EQ(three.url, nginx.url("b/hop.txt"));
  const auto four = client.get(nginx.url("hop/0"));
  EXPECT_EQ(four.failure, Failure::TooManyRedirects);
  EXPECT_EQ(four.error, "more than 3 redirects");
  EXPECT_EQ(client.get(nginx.url("loop/x")).failure, Failure::TooManyRedirects);
}

TEST_F(HttpTest, OnlyHttpAndHttps) {
  net::Client client(options);
  auto r = client.get("file:///etc/passwd");
  EXPECT_EQ(r.failure, Failure::RedirectRefused);
  EXPECT_EQ(r.error, "only http and https URLs are fetched, found file:///etc/passwd");
  EXPECT_TRUE(r.body.empty());
  r = client.get(nginx.url("ftp/x"));
  EXPECT_EQ(r.failure, Failure::RedirectRefused);
  EXPECT_EQ(r.error, "redirect to ftp://127.0.0.1/x refused: only http and https are followed");
  EXPECT_TRUE(net::is_http_url("https://content.example.org/qingpu/"));
  EXPECT_FALSE(net::is_http_url("ftp://content.example.org/"));
  EXPECT_FALSE(net::is_http_url("http://"));
}

TEST_F(HttpTest, LowSpeedLimitFires) {
  write_file(nginx.www() / "b" / "notices.json", compressible(10'000));
  net::Client client(options);
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = client.get(nginx.url("stall/notices.json"));
  EXPECT_EQ(r.failure, Failure::Stalled);
  EXPECT_EQ(r.error, "server stalled: less than 100 bytes/s for 1 s (low-speed limit)");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

TEST_F(HttpTest, TotalTimeout) {
  write_file(nginx.www() / "b" / "notices.json", compressible(10'000));
  options.limits.low_speed_bytes = 0;  // off: only the total timeout can end it
  options.limits.total_timeout = std::chrono::milliseconds(1500);
  net::Client client(options);
  const auto r = client.get(nginx.url("stall/notices.json"));
  EXPECT_EQ(r.failure, Failure::Timeout);
  EXPECT_EQ(r.error, "no complete response within 1500 ms (total timeout)");
}

TEST_F(HttpTest, ConnectionRefused) {
  const int port = unused_port();
  net::Client client(options);
  const auto r = client.get("http://127.0.0.1:" + std::to_string(port) + "/x");
  EXPECT_EQ(r.failure, Failure::Connect);
  EXPECT_EQ(r.error, "cannot connect to 127.0.0.1:" + std::to_string(port) + " (Connection refused)");
}

TEST_F(HttpTest, PutWithBasicAuth) {
  net::Client client(options);
  net::PutRequest put;
  put.url = net::join_url(nginx.url("pub/"), "assets/区徽.txt");
  EXPECT_EQ(put.url, nginx.url("pub/assets/%E5%8C%BA%E5%BE%BD.txt"));
  put.body = "hello";
  put.content_type = "text/plain";
  EXPECT_EQ(client.put(put).status, 401);
  put.basic = net::BasicAuth{Nginx::kUser, "wrong"};
  EXPECT_EQ(client.put(put).status, 401);
  put.basic = net::BasicAuth{Nginx::kUser, nginx.password()};
  const auto r = client.put(put);
  ASSERT_TRUE(r.completed()) << r.error;
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(read_file(nginx.www() / "pub" / "assets" / "区徽.txt"), "hello");
  put.body = "again";
  EXPECT_EQ(client.put(put).status, 204);  // replaced
  // Reading needs no credentials, and the previous request's credentials do not linger.
  EXPECT_EQ(client.get(nginx.url("pub/assets/%E5%8C%BA%E5%BE%BD.txt")).body, "again");
  net::PutRequest anonymous = put;
  anonymous.basic.reset();
  EXPECT_EQ(client.put(anonymous).status, 401);
}

TEST_F(HttpTest, TlsVerificationAlwaysOnAndPinning) {
  const Nginx secure(true);  // with an HTTPS server
  ASSERT_TRUE(secure.ok()) << secure.error();
  if (!secure.tls_ready()) GTEST_SKIP() << "no openssl command to make a test certificate";
  write_file(secure.www() / "b" / "m.json", "{}\n");
  {
    net::Client client(options);  // the system's CAs do not know the test certificate
    const auto r = client.get(secure.tls_url("b/m.json"));
    EXPECT_EQ(r.failure, Failure::Tls);
    EXPECT_EQ(r.error.rfind("TLS: ", 0), 0u) << r.error;
  }
  options.ca_file = secure.certificate().string();
  {
    net::Client client(options);
    const auto r = client.get(secure.tls_url("b/m.json"));
    ASSERT_TRUE(r.completed()) << r.error;
    EXPECT_EQ(r.body, "{}\n");
  }
  {
    auto pinned = options;
    pinned.pinned_public_key = secure.certificate_pin();
    net::Client client(pinned);
    const auto r = client.get(secure.tls_url("b/m.json"));
    EXPECT_TRUE(r.completed()) << r.error << " pin " << secure.certificate_pin();
  }
  {
    auto pinned = options;
    pinned.pinned_public_key = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    net::Client client(pinned);
    const auto r = client.get(secure.tls_url("b/m.json"));
    EXPECT_EQ(r.failure, Failure::Tls);
    EXPECT_EQ(r.error, "TLS: the server's public key does not match the pinned key");
  }
  // The host name must match the certificate (127.0.0.1 is in it, localhost is not).
  {
    net::Client client(options);
    const auto r = client.get("https://localhost:" + secure.tls_url().substr(secure.tls_url().rfind(':') + 1) + "b/m.json");
    EXPECT_EQ(r.failure, Failure::Tls) << r.error;
  }
}

TEST_F(HttpTest, CancelAbandonsATransfer) {
  write_file(nginx.www() / "b" / "notices.json", compressible(10'000));
  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  options.limits.low_speed_bytes = 0;
  net::Client client(options);
  std::thread t([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel = true;
  });
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = client.get(nginx.url("stall/notices.json"));
  t.join();
  EXPECT_EQ(r.failure, Failure::Cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(2500));
}

}  // namespace
}  // namespace kiosk::test
