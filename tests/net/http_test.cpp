// net::Client against a real nginx and a scripted loopback server: every hardening rule of issues 4
// and 11, observed from the outside.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "net/http.hpp"
#include "net/printable.hpp"
#include "nginx_fixture.hpp"
#include "raw_server.hpp"
#include "test_ca.hpp"

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
  EXPECT_EQ(small.get(nginx.url("b/blob.bin"), {}, 1 << 20).failure,
            Failure::TooLarge);  // never raised
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
  EXPECT_EQ(r.error,
            "cannot connect to 127.0.0.1:" + std::to_string(port) + " (Connection refused)");
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
  options.ca_file = secure.ca_certificate().string();
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
    const auto r =
        client.get("https://localhost:" + secure.tls_url().substr(secure.tls_url().rfind(':') + 1) +
                   "b/m.json");
    EXPECT_EQ(r.failure, Failure::Tls) << r.error;
    EXPECT_EQ(r.error, "TLS: the server's certificate is not valid for localhost");
  }
}

// Issue 11 item 8: a server whose certificate comes from a private CA (made here, as an office
// would) is fetched with that CA as ca_file, and refused without it, saying why.
TEST_F(HttpTest, PrivateCaTrustedOnlyWhenGiven) {
  TempDir dir;
  TestCa ca(dir / "ca", "Office CA");
  ASSERT_TRUE(ca.ok()) << ca.error();
  const Nginx secure(true);
  ASSERT_TRUE(secure.ok()) << secure.error();
  ASSERT_TRUE(secure.tls_ready());
  write_file(secure.www() / "b" / "m.json", "{}\n");
  {
    net::Client client(options);
    const auto r = client.get(secure.tls_url("b/m.json"));
    EXPECT_EQ(r.failure, Failure::Tls);
    EXPECT_EQ(r.error,
              "TLS: the server's certificate is not signed by a trusted CA (unable to get local "
              "issuer certificate)");
  }
  {
    options.ca_file = ca.certificate().string();  // another CA: still refused
    net::Client client(options);
    EXPECT_EQ(client.get(secure.tls_url("b/m.json")).error,
              "TLS: the server's certificate is not signed by a trusted CA (unable to get local "
              "issuer certificate)");
  }
  {
    options.ca_file = secure.ca_certificate().string();
    net::Client client(options);
    const auto r = client.get(secure.tls_url("b/m.json"));
    ASSERT_TRUE(r.completed()) << r.error;
    EXPECT_EQ(r.body, "{}\n");
  }
  {
    options.ca_file = (dir / "missing.pem").string();
    net::Client client(options);
    const auto r = client.get(secure.tls_url("b/m.json"));
    EXPECT_EQ(r.failure, Failure::Tls);
    EXPECT_EQ(r.error, "TLS: cannot read the CA file " + options.ca_file);
  }
  // The helper's certificates work for any server: one for localhost from the office CA.
  const auto issued = ca.issue("office", {"localhost", "127.0.0.1"});
  ASSERT_TRUE(issued) << ca.error();
  EXPECT_TRUE(std::filesystem::is_regular_file(issued->certificate));
  EXPECT_TRUE(std::filesystem::is_regular_file(issued->key));
  EXPECT_EQ(TestCa::public_key_pin(issued->certificate).rfind("sha256//", 0), 0u);
}

// Issue 11 item 8: an https URL is never redirected to plain http (the body would come
// unprotected).
TEST_F(HttpTest, HttpsIsNeverRedirectedToHttp) {
  const Nginx secure(true);
  ASSERT_TRUE(secure.ok()) << secure.error();
  ASSERT_TRUE(secure.tls_ready());
  options.ca_file = secure.ca_certificate().string();
  net::Client client(options);
  const auto r = client.get(secure.tls_url("to-http/x"));
  EXPECT_EQ(r.failure, Failure::RedirectRefused);
  EXPECT_EQ(r.error, "redirect from https to http://127.0.0.1:" + std::to_string(secure.port()) +
                         "/b/hop.txt refused: https is never followed to plain http");
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(secure.access_log().find("/b/hop.txt"), std::string::npos)
      << "the http URL was fetched";
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

// --- Answers nginx will not give, from a scripted loopback server (tests/support/raw_server). ---

using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
}

// Answers every request on every connection with `answer`, then waits for the client to close.
RawServer::Handler answer_with(std::string answer) {
  return [answer = std::move(answer)](RawConnection& c) {
    while (!c.read_request().empty()) {
      if (!c.write(answer)) return;
    }
  };
}

// Issue 11 item 4: libcurl used to read and throw away a redirect's body for the whole total
// timeout (gigabytes a second on loopback). Now a followed redirect's body is bounded in bytes.
TEST_F(HttpTest, RedirectBodyIsBoundedInBytes) {
  const std::string chunk = "4000\r\n" + std::string(0x4000, 'x') + "\r\n";
  RawServer endless([&chunk](RawConnection& c) {
    if (c.read_request().empty()) return;
    if (c.write("HTTP/1.1 302 Found\r\nLocation: /next\r\nTransfer-Encoding: chunked\r\n\r\n")) {
      c.write_repeated(chunk, 1ull << 40);
    }
  });
  ASSERT_TRUE(endless.ok());
  options.limits.total_timeout = std::chrono::milliseconds(5000);
  net::Client client(options);
  auto t0 = Clock::now();
  auto r = client.get(endless.url("x"));
  EXPECT_EQ(r.failure, Failure::TooLarge);
  EXPECT_EQ(r.error, "redirect (HTTP 302) with a body over 64 KiB; download stopped");
  EXPECT_LT(ms_since(t0), 2000);
  EXPECT_LT(endless.bytes_sent(), 16u << 20) << "socket buffers at most";

  // Announced with a Content-Length instead: stopped as well.
  RawServer announced([](RawConnection& c) {
    if (c.read_request().empty()) return;
    if (c.write("HTTP/1.1 301 Moved\r\nLocation: /next\r\nContent-Length: 1000000\r\n\r\n")) {
      c.write_repeated(std::string(4096, 'x'), 1000000);
    }
    c.wait_closed(2000);
  });
  r = client.get(announced.url("x"));
  EXPECT_EQ(r.failure, Failure::TooLarge);
  EXPECT_EQ(r.error, "redirect (HTTP 301) with a body over 64 KiB; download stopped");

  // An error page's body counts against the body limit like any other.
  RawServer error_page([&chunk](RawConnection& c) {
    if (c.read_request().empty()) return;
    if (c.write("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"))
      c.write_repeated(chunk, 1ull << 40);
  });
  t0 = Clock::now();
  r = client.get(error_page.url("x"), {}, 100'000);
  EXPECT_EQ(r.failure, Failure::TooLarge);
  EXPECT_EQ(r.error, "larger than the limit of 100000 bytes; download stopped");
  EXPECT_LT(ms_since(t0), 2000);
}

// Issue 11 items 4 and 14: a header is bounded too, and the reason says so (libcurl said "Out of
// memory" for one line of 200 KB).
TEST_F(HttpTest, HeaderIsBoundedAndNamed) {
  RawServer one_line(answer_with("HTTP/1.1 200 OK\r\nX-Big: " + std::string(200'000, 'a') +
                                 "\r\nContent-Length: 2\r\n\r\nok"));
  net::Client client(options);
  auto r = client.get(one_line.url("x"));
  EXPECT_EQ(r.failure, Failure::TooLarge);
  EXPECT_EQ(r.error, "response header over 64 KiB; download stopped");

  std::string many = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 200; ++i)
    many += "X-H" + std::to_string(i) + ": " + std::string(500, 'b') + "\r\n";
  RawServer many_lines(answer_with(many + "Content-Length: 2\r\n\r\nok"));
  r = client.get(many_lines.url("x"));
  EXPECT_EQ(r.failure, Failure::TooLarge);
  EXPECT_EQ(r.error, "response header over 64 KiB; download stopped");

  // Endless 100 Continue responses add up to the same bound.
  RawServer continues([](RawConnection& c) {
    if (c.read_request().empty()) return;
    c.write_repeated("HTTP/1.1 100 Continue\r\n\r\n", 1ull << 30);
  });
  const auto t0 = Clock::now();
  r = client.get(continues.url("x"));
  EXPECT_EQ(r.failure, Failure::TooLarge);
  EXPECT_EQ(r.error, "response header over 64 KiB; download stopped");
  EXPECT_LT(ms_since(t0), 2000);

  // Just under the bound is fine.
  RawServer fine(answer_with("HTTP/1.1 200 OK\r\nX-Big: " + std::string(60'000, 'a') +
                             "\r\nContent-Length: 2\r\n\r\nok"));
  r = client.get(fine.url("x"));
  ASSERT_TRUE(r.completed()) << r.error;
  EXPECT_EQ(r.body, "ok");
}

// Issue 11 item 14: an answer that is not HTTP said "only http and https URLs are fetched".
TEST_F(HttpTest, AnswerThatIsNotHttpIsNamed) {
  for (const std::string answer :
       {"hello world\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n", "HTTP/7.0 200 OK\r\n\r\n",
        "XYZ/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"}) {
    RawServer server(answer_with(answer));
    net::Client client(options);
    const auto r = client.get(server.url("x"));
    EXPECT_EQ(r.failure, Failure::BadResponse) << answer;
    EXPECT_EQ(r.error, "the server's answer is not HTTP (bad status line)") << answer;
  }
  RawServer no_colon(
      answer_with("HTTP/1.1 200 OK\r\nbad header line\r\nContent-Length: 2\r\n\r\nok"));
  net::Client client(options);
  auto r = client.get(no_colon.url("x"));
  EXPECT_EQ(r.failure, Failure::BadResponse);
  EXPECT_EQ(r.error, "the server's answer is not valid HTTP (Header without colon)");
  RawServer bad_chunk(answer_with("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
  r = client.get(bad_chunk.url("x"));
  EXPECT_EQ(r.failure, Failure::BadResponse);
  EXPECT_EQ(r.error,
            "the server's answer is not valid HTTP (Illegal or missing hexadecimal sequence in "
            "chunked-encoding)");
}

// Issue 11 item 14: bytes a server sends past a response's Content-Length were read as the answer
// to the next request on the same connection.
TEST_F(HttpTest, BytesPastContentLengthAreNotTheNextResponse) {
  RawServer server([](RawConnection& c) {
    if (c.read_request().empty()) return;
    if (c.connection_number() == 1) {
      c.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a separate packet
      c.write("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled");
      if (c.read_request().empty()) return;
    }
    do {
      if (!c.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngood")) return;
    } while (!c.read_request().empty());
  });
  net::Client client(options);
  auto r = client.get(server.url("first"));
  ASSERT_TRUE(r.completed()) << r.error;
  EXPECT_EQ(r.body, "hello");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the stray bytes have arrived
  r = client.get(server.url("second"));
  ASSERT_TRUE(r.completed()) << r.error;
  EXPECT_EQ(r.body, "good");
  EXPECT_EQ(server.connections(), 2);
  // A clean connection is still reused.
  r = client.get(server.url("third"));
  EXPECT_EQ(r.body, "good");
  EXPECT_EQ(server.connections(), 2);
}

// Issue 11 item 13: what a server sends reaches reasons only as printable, bounded text.
TEST_F(HttpTest, ServerTextInReasonsIsPrintableAndBounded) {
  RawServer server(
      answer_with("HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/\x1b[31mred\xe2\x80\xae\xff" +
                  std::string(3000, 'a') + "\r\nContent-Length: 0\r\n\r\n"));
  net::Client client(options);
  const auto r = client.get(server.url("x"));
  EXPECT_EQ(r.failure, Failure::RedirectRefused);
  // 200 characters: 16 + \x1b (4) + [31mred (7) + \u202e (6) + U+FFFD (1) + 165 a + "…".
  EXPECT_EQ(r.error, "redirect to ftp://127.0.0.1/\\x1b[31mred\\u202e\xef\xbf\xbd" +
                         std::string(165, 'a') +
                         "\xe2\x80\xa6 refused: only http and https are followed");
}

TEST(Printable, EscapesControlsAndBidiReplacesInvalidUtf8AndCaps) {
  EXPECT_EQ(net::printable("公示 ok"), "公示 ok");
  EXPECT_EQ(net::printable("a\tb\r\nc\x1b[2J\x7f"), "a\\x09b\\x0d\\x0ac\\x1b[2J\\x7f");
  EXPECT_EQ(
      net::printable(
          "\xc2\x85|\xe2\x80\xa8|\xe2\x80\xa9|\xe2\x80\xae|\xe2\x81\xa6|\xd8\x9c|\xe2\x80\x8f"),
      "\\u0085|\\u2028|\\u2029|\\u202e|\\u2066|\\u061c|\\u200f");
  EXPECT_EQ(net::printable("a\xff"
                           "b\xc3"),
            "a\xef\xbf\xbd"
            "b\xef\xbf\xbd");
  EXPECT_EQ(net::printable("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // a surrogate
  EXPECT_EQ(net::printable(std::string(10, 'x'), 10), std::string(10, 'x'));
  EXPECT_EQ(net::printable(std::string(11, 'x'), 10), std::string(9, 'x') + "…");
  EXPECT_EQ(net::printable("示例居委会公示", 5), "示例居委…");
  EXPECT_EQ(net::printable("abcdef\x1b", 10), "abcdef\\x1b");  // 10 exactly
  EXPECT_EQ(net::printable("abcdefgh\x1b", 10), "abcdefgh…");  // an escape is never cut
  const std::string huge = std::string(90'000, 'z') + "\x1b";
  EXPECT_EQ(net::printable(huge), std::string(199, 'z') + "…");
  for (const std::string& s : {std::string("a\x1b\xe2\x80\xae"
                                           "b"),
                               huge, std::string("示例\xff")}) {
    EXPECT_EQ(net::printable(net::printable(s)), net::printable(s));
  }
}

// Issue 11 item 4: a deadline over many requests (a sync round) bounds each of them.
TEST_F(HttpTest, DeadlineBoundsEveryRequest) {
  write_file(nginx.www() / "b" / "notices.json", compressible(10'000));
  options.limits.low_speed_bytes = 0;  // a drip the low-speed limit lets through
  net::Client client(options);
  client.set_deadline(Clock::now() + std::chrono::milliseconds(1200), "the round deadline (1.2 s)");
  const auto t0 = Clock::now();
  auto r = client.get(nginx.url("stall/notices.json"));
  EXPECT_EQ(r.failure, Failure::Timeout);
  EXPECT_EQ(r.error, "no complete response before the round deadline (1.2 s)");
  EXPECT_GE(ms_since(t0), 1000);
  EXPECT_LT(ms_since(t0), 2500);
  r = client.get(nginx.url("b/hop.txt"));  // past the deadline: not even started
  EXPECT_EQ(r.failure, Failure::Timeout);
  EXPECT_EQ(r.error, "no complete response before the round deadline (1.2 s)");
  client.set_deadline(std::nullopt);
  r = client.get(nginx.url("b/hop.txt"));
  ASSERT_TRUE(r.completed()) << r.error;
  // The total timeout, when it comes first, still says so.
  options.limits.total_timeout = std::chrono::milliseconds(800);
  net::Client timed(options);
  timed.set_deadline(Clock::now() + std::chrono::seconds(30), "the round deadline (30 s)");
  EXPECT_EQ(timed.get(nginx.url("stall/notices.json")).error,
            "no complete response within 800 ms (total timeout)");
}

}  // namespace
}  // namespace kiosk::test
