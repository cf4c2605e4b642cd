// HTTP with libcurl, hardened for fetching content a kiosk will show: http/https only (requests and
// redirects, never https to http), bounded redirects, connect and total timeouts, an optional
// deadline over many requests, a low-speed limit, bytes bounded for every response (body, header,
// a redirect's discarded body) while receiving, gzip accepted, certificate verification always on,
// an optional pinned public key. Every error is one printable line (printable.hpp). Blocking calls;
// knows nothing of JSON or bundles.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bundle_limit.hpp"

namespace kiosk::net {

struct Limits {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{300'000};
  // A transfer slower than low_speed_bytes per second for low_speed_time is abandoned.
  long low_speed_bytes = 64;
  std::chrono::seconds low_speed_time{30};
  // Bodies larger than this are refused (Content-Length) or cut off while receiving. Counts
  // decoded bytes, so a gzip bomb stops at the limit too.
  std::uint64_t max_body_bytes = kDefaultMaxBundleBytes;
  long max_redirects = 3;
  // Every response's header (status line and all header lines, as received), and the body of a
  // redirect that is followed (read and thrown away): over these the transfer is stopped.
  std::uint64_t max_header_bytes = 64u << 10;
  std::uint64_t max_redirect_body_bytes = 64u << 10;
};

struct Options {
  Limits limits;
  // CURLOPT_PINNEDPUBLICKEY ("sha256//BASE64;sha256//…" or a PEM/DER file); empty: no pinning.
  std::string pinned_public_key;
  // Extra CA bundle file (tests with a private CA); empty: the system's. Verification stays on.
  std::string ca_file;
  std::string user_agent = "community-kiosk/0.1";
  // When set and it becomes true, a transfer in progress is abandoned within about a second
  // (Failure::Cancelled), so a service can stop without waiting for a timeout. Must outlive the
  // Client.
  const std::atomic<bool>* cancel = nullptr;
};

// Validators kept from an earlier response, for a conditional GET.
struct Conditions {
  std::string etag;           // sent as If-None-Match
  std::string last_modified;  // sent as If-Modified-Since
};

enum class Failure {
  None,              // the exchange completed; look at status
  Connect,           // refused, unreachable, cannot resolve, connect timeout
  Timeout,           // total timeout
  Stalled,           // the low-speed limit fired
  TooLarge,          // body, header or a redirect's body over its limit; nothing past it was kept
  RedirectRefused,   // a redirect to a scheme other than http or https, or from https to http
  TooManyRedirects,  // more than Limits::max_redirects
  Truncated,         // the connection closed before the announced length
  Tls,               // certificate, host name or pinned key mismatch, handshake failure
  Cancelled,         // Options::cancel became true
  BadResponse,       // not HTTP: a bad status line, a header without a colon, bad chunks or gzip
  Other,
};

struct Response {
  Failure failure = Failure::None;
  // One printable line when failure != None: "cannot connect to 127.0.0.1:8080 (…)"; what the
  // server sent (a URL, a header) is quoted through printable() and so bounded.
  std::string error;
  long status = 0;                                // HTTP status of the final response
  std::string body;                               // decoded (gzip already undone)
  std::string etag, last_modified, content_type;  // of the final response
  std::string url;                                // the effective URL after redirects
  [[nodiscard]] bool completed() const { return failure == Failure::None; }
};

struct BasicAuth {
  std::string user, password;
};

// AWS Signature V4 for S3-compatible storage (CURLOPT_AWS_SIGV4, provider aws:amz, service s3).
struct AwsSigV4 {
  std::string access_key_id, secret_access_key, region;
};

struct PutRequest {
  // "PUT" (with body), or "GET" / "DELETE" (no body) with the same credentials, as a publisher
  // reads and prunes what it wrote.
  std::string method = "PUT";
  std::string url;
  std::string_view body;
  std::string content_type = "application/octet-stream";
  std::optional<BasicAuth> basic;
  std::optional<AwsSigV4> aws;
  // Extra header lines ("Depth: 1" for a WebDAV PROPFIND); each made one line.
  std::vector<std::string> headers;
};

// One connection-reusing client. Not thread-safe: use one per thread. The first Client also runs
// curl_global_init (once per process). A connection that holds bytes nobody asked for (sent past
// a response's end) is never used again: they are not read as the next response.
class Client {
 public:
  explicit Client(Options options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;

  // GET, following at most max_redirects http(s) redirects (301, 302, 303, 307, 308 with a
  // Location; never from https to http). max_bytes, when given, lowers the body limit for this
  // request (e.g. to the size a manifest announces). total_timeout covers the whole chain.
  Response get(const std::string& url, const Conditions& conditions = {},
               std::optional<std::uint64_t> max_bytes = std::nullopt);

  // PUT of a whole body (or request.method); redirects are not followed. A 2xx status is success.
  Response put(const PutRequest& request);

  // Until cleared (nullopt), every transfer also ends by `at`: its time is the smaller of
  // total_timeout and what is left until `at`, and one that the deadline stops (or that would
  // start after it) fails with Failure::Timeout, "no complete response before " + what. For a run
  // of requests with one budget, e.g. a sync round: what = "the round deadline (300 s)".
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> at,
                    std::string what = "the deadline");

  [[nodiscard]] const Options& options() const { return options_; }

 private:
  Options options_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::string deadline_what_;
  struct Handle;
  // The handle for the next transfer, options reset; a fresh one when the connection the last
  // transfer used holds stray bytes.
  Handle& prepare();
  std::unique_ptr<Handle> handle_;
};

// True for an absolute http:// or https:// URL with a host.
bool is_http_url(std::string_view url);

// base + relative path, with a '/' between them and every path segment percent-encoded
// ("assets/区徽.png" -> "…/assets/%E5%8C%BA%E5%BE%BD.png").
std::string join_url(std::string_view base, std::string_view relative);

// "host:port" of a URL, for messages; the URL itself when it does not parse.
std::string host_port(std::string_view url);

}  // namespace kiosk::net
