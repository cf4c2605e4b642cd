// libcurl easy-handle wrapper: the hardening options, size-capped receiving, and one-line errors.
#include "net/http.hpp"

#include <curl/curl.h>

#include <poll.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <utility>

#include "core/files.hpp"
#include "crypto/sha256.hpp"
#include "net/printable.hpp"

namespace kiosk::net {
namespace {

static_assert(LIBCURL_VERSION_NUM >= 0x075500, "CURLOPT_PROTOCOLS_STR needs libcurl 7.85 or newer");

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// What one transfer (one request and its response) collects; the callbacks write into it.
struct Transfer {
  std::string body;
  std::uint64_t limit = 0;           // the body kept
  std::uint64_t header_limit = 0;    // all header lines received (1xx responses included)
  std::uint64_t redirect_limit = 0;  // the body of a redirect that is followed, thrown away
  bool follow = false;               // get(): redirects are followed (by Client::get, not libcurl)
  // The response being received (a 1xx is followed by another).
  long status = 0;
  bool headers_done = false;
  std::uint64_t header_bytes = 0;
  std::uint64_t discarded = 0;
  bool too_large = false, header_too_large = false, redirect_too_large = false;
  std::string etag, last_modified, content_type, location;

  [[nodiscard]] bool is_redirect() const {
    return follow && !location.empty() &&
           (status == 301 || status == 302 || status == 303 || status == 307 || status == 308);
  }
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->is_redirect()) {
    // Read to keep the connection usable, never kept; a redirect has no business being large.
    t->discarded += n;
    if (t->discarded > t->redirect_limit) {
      t->redirect_too_large = true;
      return 0;
    }
    return n;
  }
  if (t->body.size() + n > t->limit) {
    // Keep nothing past the limit and abort the transfer (CURLE_WRITE_ERROR).
    t->too_large = true;
    return 0;
  }
  t->body.append(data, n);
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel->load() ? 1 : 0;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response (after a 100 Continue): forget the previous one's headers.
    // header_bytes goes on counting: an endless run of 1xx responses is bounded too.
    t->etag.clear(), t->last_modified.clear(), t->content_type.clear(), t->location.clear();
    t->headers_done = false;
    const auto space = line.find(' ');
    t->status = space == std::string_view::npos
                    ? 0
                    : std::atol(std::string(line.substr(space + 1, 3)).c_str());
  }
  t->header_bytes += n;
  if (t->header_bytes > t->header_limit) {
    t->header_too_large = true;
    return 0;  // CURLE_WRITE_ERROR
  }
  if (line == "\r\n" || line == "\n") {
    t->headers_done = true;
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const auto name = line.substr(0, colon);
  const auto value = trim(line.substr(colon + 1));
  if (iequals(name, "etag"))
    t->etag = value;
  else if (iequals(name, "last-modified"))
    t->last_modified = value;
  else if (iequals(name, "content-type"))
    t->content_type = value;
  else if (iequals(name, "location"))
    t->location = value;
  return n;
}

// One line for a header value sent to the server (never a reason: those use printable()).
std::string one_line(std::string s) {
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::string duration_text(std::chrono::milliseconds ms) {
  if (ms.count() % 1000 == 0) return std::to_string(ms.count() / 1000) + " s";
  return std::to_string(ms.count()) + " ms";
}

struct HeaderList {
  curl_slist* list = nullptr;
  HeaderList() = default;
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& line) {
    if (curl_slist* next = curl_slist_append(list, line.c_str())) list = next;
  }
};

}  // namespace

struct Client::Handle {
  CURL* easy = nullptr;
  char errbuf[CURL_ERROR_SIZE] = {};
  bool used = false;
  Handle() : easy(curl_easy_init()) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (easy != nullptr) curl_easy_cleanup(easy);
  }
};

Client::Client(Options options) : options_(std::move(options)) {
  global_init_once();
  handle_ = std::make_unique<Handle>();
}

Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

void Client::set_deadline(std::optional<std::chrono::steady_clock::time_point> at,
                          std::string what) {
  deadline_ = at;
  deadline_what_ = std::move(what);
}

namespace {

using Clock = std::chrono::steady_clock;

// The time one request (with its redirects) may take: total_timeout from its start, or less when
// the client's deadline comes first.
struct Budget {
  Clock::time_point end;
  bool by_deadline = false;
  [[nodiscard]] std::chrono::milliseconds left() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
  }
};

// What an error line needs besides the transfer.
struct Context {
  const Options& o;
  const Budget& budget;
  const std::string& deadline_what;
  std::chrono::milliseconds time;  // this transfer's timeout
};

// True when the connection the last transfer used has bytes waiting, or is closed, after a
// complete response. libcurl would read such bytes as the answer to the next request.
bool has_stray_bytes(CURL* easy) {
  curl_socket_t sock = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(easy, CURLINFO_ACTIVESOCKET, &sock) != CURLE_OK || sock == CURL_SOCKET_BAD)
    return false;
  pollfd p{sock, POLLIN, 0};
  return ::poll(&p, 1, 0) > 0;
}

std::string scheme_of(std::string_view url) {
  std::string out(url.substr(0, std::min(url.find(':'), url.size())));
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

std::string host_of(std::string_view url) {
  const std::string hp = host_port(url);
  const auto colon = hp.rfind(':');
  return colon == std::string::npos ? hp : hp.substr(0, colon);
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The options every request gets, whatever the caller or the content says.
void harden(CURL* easy, char* errbuf, const Options& o, Transfer& t,
            std::chrono::milliseconds time) {
  t.header_limit = o.limits.max_header_bytes;
  t.redirect_limit = o.limits.max_redirect_body_bytes;
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);  // Client::get follows, checking each hop
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(o.limits.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::max<std::int64_t>(1, time.count())));
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, o.limits.low_speed_bytes);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(o.limits.low_speed_time.count()));
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!o.pinned_public_key.empty())
    curl_easy_setopt(easy, CURLOPT_PINNEDPUBLICKEY, o.pinned_public_key.c_str());
  if (!o.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, o.ca_file.c_str());
  curl_easy_setopt(easy, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
  if (o.cancel != nullptr) {
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, o.cancel);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
  }
}

std::string timeout_text(const Context& c) {
  if (c.budget.by_deadline) return "no complete response before " + c.deadline_what;
  return "no complete response within " + duration_text(c.o.limits.total_timeout) +
         " (total timeout)";
}

std::string header_too_large_text(const Options& o) {
  return "response header over " + files::human_size(o.limits.max_header_bytes) +
         "; download stopped";
}

// A certificate problem in words an operator can act on; `raw` is libcurl's error buffer.
std::string tls_text(CURLcode code, const std::string& raw, const std::string& url,
                     const Options& o) {
  if (code == CURLE_SSL_CACERT_BADFILE) {
    return "TLS: cannot read the CA file " + printable(o.ca_file);
  }
  static constexpr std::string_view kProblem = "SSL certificate problem: ";
  if (raw.rfind(kProblem, 0) == 0) {
    const std::string what = printable(std::string_view(raw).substr(kProblem.size()));
    if (contains(raw, "issuer") || contains(raw, "self-signed") || contains(raw, "self signed")) {
      return "TLS: the server's certificate is not signed by a trusted CA (" + what + ")";
    }
    return "TLS: the server's certificate is refused (" + what + ")";
  }
  if (contains(raw, "target host name") || contains(raw, "subject name")) {
    return "TLS: the server's certificate is not valid for " + printable(host_of(url));
  }
  return "TLS: " + printable(raw);
}

Response finish(CURL* easy, const char* errbuf, CURLcode code, const Context& c, Transfer& t,
                const std::string& url) {
  const Options& o = c.o;
  Response r;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &r.status);
  char* effective = nullptr;
  curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
  r.url = effective != nullptr ? effective : url;
  r.etag = std::move(t.etag);
  r.last_modified = std::move(t.last_modified);
  r.content_type = std::move(t.content_type);
  if (code == CURLE_OK) {
    r.body = std::move(t.body);
    return r;
  }
  const std::string raw = errbuf[0] != '\0' ? std::string(errbuf) : curl_easy_strerror(code);
  const std::string detail = printable(raw);
  const std::string where = printable(host_port(r.url));
  switch (code) {
    case CURLE_COULDNT_CONNECT: {
      long os_errno = 0;
      curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &os_errno);
      r.failure = Failure::Connect;
      r.error = "cannot connect to " + where + " (" +
                (os_errno != 0 ? std::string(std::strerror(static_cast<int>(os_errno))) : detail) +
                ")";
      break;
    }
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      r.failure = Failure::Connect;
      r.error = "cannot resolve the host of " + where;
      break;
    case CURLE_OPERATION_TIMEDOUT: {
      curl_off_t connected = 0;
      curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connected);
      if (std::strncmp(errbuf, "Operation too slow", 18) == 0) {
        r.failure = Failure::Stalled;
        r.error = "server stalled: less than " + std::to_string(o.limits.low_speed_bytes) +
                  " bytes/s for " + std::to_string(o.limits.low_speed_time.count()) +
                  " s (low-speed limit)";
      } else if (connected == 0 && o.limits.connect_timeout < c.time) {
        r.failure = Failure::Connect;
        r.error = "cannot connect to " + where + " within " +
                  duration_text(o.limits.connect_timeout) + " (connect timeout)";
      } else {
        r.failure = Failure::Timeout;
        r.error = timeout_text(c);
      }
      break;
    }
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
      r.failure = Failure::TooLarge;
      if (t.header_too_large) {
        r.error = header_too_large_text(o);
      } else if (t.redirect_too_large ||
                 (code == CURLE_FILESIZE_EXCEEDED && t.follow && t.status / 100 == 3)) {
        r.error = "redirect (HTTP " + std::to_string(t.status) + ") with a body over " +
                  files::human_size(o.limits.max_redirect_body_bytes) + "; download stopped";
      } else if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        r.error = "larger than the limit of " + files::human_size(t.limit) + "; download stopped";
      } else {
        r.failure = Failure::Other;
        r.error = detail;
      }
      break;
    case CURLE_OUT_OF_MEMORY:
      // libcurl's answer to a header line over its own 100 KiB limit, before our count sees it.
      r.failure = t.headers_done ? Failure::Other : Failure::TooLarge;
      r.error = t.headers_done ? detail : header_too_large_text(o);
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
      // Redirects are checked by Client::get; here it is the URL asked for, or an answer that
      // does not start with an HTTP status line (HTTP/0.9, garbage, an unknown version).
      if (!is_http_url(url)) {
        r.failure = Failure::RedirectRefused;
        r.error = "only http and https URLs are fetched, found " + printable(url);
      } else {
        r.failure = Failure::BadResponse;
        r.error = "the server's answer is not HTTP (bad status line)";
      }
      break;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
      r.failure = Failure::BadResponse;
      r.error = "the server's answer is not valid HTTP (" + detail + ")";
      break;
    case CURLE_RECV_ERROR:
      if (contains(raw, "Too large response headers")) {
        r.failure = Failure::TooLarge;
        r.error = header_too_large_text(o);
      } else if (contains(raw, "chunk")) {
        r.failure = Failure::BadResponse;
        r.error = "the server's answer is not valid HTTP (" + detail + ")";
      } else {
        r.failure = Failure::Other;
        r.error = "receiving from " + where + " failed (" + detail + ")";
      }
      break;
    case CURLE_TOO_MANY_REDIRECTS:
      r.failure = Failure::TooManyRedirects;
      r.error = "more than " + std::to_string(o.limits.max_redirects) + " redirects";
      break;
    case CURLE_PARTIAL_FILE: {
      curl_off_t announced = -1;
      curl_easy_getinfo(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
      r.failure = Failure::Truncated;
      r.error = announced >= 0 ? "response truncated: connection closed after " +
                                     std::to_string(t.body.size()) + " of " +
                                     std::to_string(announced) + " bytes"
                               : "response truncated: connection closed after " +
                                     std::to_string(t.body.size()) + " bytes";
      break;
    }
    case CURLE_ABORTED_BY_CALLBACK:
      r.failure = Failure::Cancelled;
      r.error = "cancelled";
      break;
    case CURLE_GOT_NOTHING:
      r.failure = Failure::Truncated;
      r.error = "server closed the connection without a response";
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
      r.failure = Failure::Tls;
      r.error = tls_text(code, raw, r.url, o);
      break;
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      r.failure = Failure::Tls;
      r.error = "TLS: the server's public key does not match the pinned key";
      break;
    default:
      r.failure = Failure::Other;
      r.error = detail;
      break;
  }
  return r;
}

}  // namespace

Client::Handle& Client::prepare() {
  // A connection with bytes past the last response is closed with its handle, so they are never
  // read as the next response (libcurl only notices a connection the peer closed).
  if (handle_->used && handle_->easy != nullptr && has_stray_bytes(handle_->easy)) {
    handle_ = std::make_unique<Handle>();
  }
  handle_->used = true;
  if (handle_->easy != nullptr)
    curl_easy_reset(handle_->easy);  // keeps the connection cache, drops every option
  handle_->errbuf[0] = '\0';
  return *handle_;
}

Response Client::get(const std::string& url, const Conditions& conditions,
                     std::optional<std::uint64_t> max_bytes) {
  Budget budget{Clock::now() + options_.limits.total_timeout};
  if (deadline_ && *deadline_ < budget.end) budget.end = *deadline_, budget.by_deadline = true;
  std::string current = url;
  for (long redirects = 0;; ++redirects) {
    Handle& h = prepare();
    if (h.easy == nullptr)
      return {Failure::Other, "cannot initialise libcurl", 0, {}, {}, {}, {}, current};
    const Context context{options_, budget, deadline_what_, budget.left()};
    if (context.time.count() <= 0)
      return {Failure::Timeout, timeout_text(context), 0, {}, {}, {}, {}, current};
    Transfer t;
    t.follow = true;
    t.limit = max_bytes ? std::min(*max_bytes, options_.limits.max_body_bytes)
                        : options_.limits.max_body_bytes;
    harden(h.easy, h.errbuf, options_, t, context.time);
    curl_easy_setopt(h.easy, CURLOPT_URL, current.c_str());
    curl_easy_setopt(h.easy, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h.easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
    curl_easy_setopt(h.easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t.limit));
    HeaderList headers;
    if (!conditions.etag.empty()) headers.add("If-None-Match: " + one_line(conditions.etag));
    if (!conditions.last_modified.empty())
      headers.add("If-Modified-Since: " + one_line(conditions.last_modified));
    if (headers.list != nullptr) curl_easy_setopt(h.easy, CURLOPT_HTTPHEADER, headers.list);
    const CURLcode code = curl_easy_perform(h.easy);
    const bool redirect = code == CURLE_OK && t.is_redirect();
    const std::string location = t.location;
    Response r = finish(h.easy, h.errbuf, code, context, t, current);
    if (!redirect) return r;

    // A redirect: where to (libcurl resolves a relative Location), and whether to go there.
    char* resolved = nullptr;
    curl_easy_getinfo(h.easy, CURLINFO_REDIRECT_URL, &resolved);
    const std::string target = resolved != nullptr ? resolved : "";
    r.body.clear();
    const auto refuse = [&r](Failure failure, std::string error) {
      r.failure = failure;
      r.error = std::move(error);
      return std::move(r);
    };
    if (target.empty()) {
      return refuse(Failure::RedirectRefused,
                    "redirect to " + printable(location) + " refused: not a valid URL");
    }
    if (!is_http_url(target)) {
      return refuse(Failure::RedirectRefused, "redirect to " + printable(target) +
                                                  " refused: only http and https are followed");
    }
    if (scheme_of(current) == "https" && scheme_of(target) != "https") {
      return refuse(Failure::RedirectRefused,
                    "redirect from https to " + printable(target) +
                        " refused: https is never followed to plain http");
    }
    if (redirects >= options_.limits.max_redirects) {
      return refuse(Failure::TooManyRedirects,
                    "more than " + std::to_string(options_.limits.max_redirects) + " redirects");
    }
    current = target;
  }
}

Response Client::put(const PutRequest& request) {
  Handle& h = prepare();
  CURL* easy = h.easy;
  if (easy == nullptr)
    return {Failure::Other, "cannot initialise libcurl", 0, {}, {}, {}, {}, request.url};
  Budget budget{Clock::now() + options_.limits.total_timeout};
  if (deadline_ && *deadline_ < budget.end) budget.end = *deadline_, budget.by_deadline = true;
  const Context context{options_, budget, deadline_what_, budget.left()};
  if (context.time.count() <= 0)
    return {Failure::Timeout, timeout_text(context), 0, {}, {}, {}, {}, request.url};
  Transfer t;
  const bool is_put = request.method == "PUT", is_get = request.method == "GET";
  // A server's answer to a PUT or DELETE is short; a GET reads a file under the body limit.
  t.limit = is_get ? options_.limits.max_body_bytes : 1 << 20;
  harden(easy, h.errbuf, options_, t, context.time);
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  HeaderList headers;
  const std::string method = one_line(request.method);
  if (is_put) {
    // The body goes as POSTFIELDS under the PUT method: libcurl then knows the payload, which the
    // SigV4 signature covers, and sends a plain Content-Length.
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, "PUT");
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    headers.add("Content-Type: " + one_line(request.content_type));
  } else if (is_get) {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t.limit));
  } else {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  // No 100-continue round trip. Not for SigV4: libcurl would sign the removed header.
  if (!request.aws) headers.add("Expect:");
  for (const auto& line : request.headers) headers.add(one_line(line));
  if (request.basic) {
    curl_easy_setopt(easy, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(easy, CURLOPT_USERNAME, request.basic->user.c_str());
    curl_easy_setopt(easy, CURLOPT_PASSWORD, request.basic->password.c_str());
  }
  std::string sigv4;
  if (request.aws) {
    sigv4 = "aws:amz:" + request.aws->region + ":s3";
    curl_easy_setopt(easy, CURLOPT_AWS_SIGV4, sigv4.c_str());
    curl_easy_setopt(easy, CURLOPT_USERNAME, request.aws->access_key_id.c_str());
    curl_easy_setopt(easy, CURLOPT_PASSWORD, request.aws->secret_access_key.c_str());
    headers.add("x-amz-content-sha256: " +
                crypto::sha256_hex(is_put ? request.body : std::string_view()));
  }
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);
  const CURLcode code = curl_easy_perform(easy);
  Response r = finish(easy, h.errbuf, code, context, t, request.url);
  // Credentials must not linger in the handle between requests.
  curl_easy_reset(easy);
  return r;
}

bool is_http_url(std::string_view url) {
  global_init_once();
  CURLU* u = curl_url();
  if (u == nullptr) return false;
  const std::string text(url);
  bool ok = curl_url_set(u, CURLUPART_URL, text.c_str(), 0) == CURLUE_OK;
  if (ok) {
    char* scheme = nullptr;
    char* host = nullptr;
    ok = curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
         curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host != nullptr &&
         host[0] != '\0' && (std::strcmp(scheme, "http") == 0 || std::strcmp(scheme, "https") == 0);
    curl_free(scheme);
    curl_free(host);
  }
  curl_url_cleanup(u);
  return ok;
}

std::string host_port(std::string_view url) {
  global_init_once();
  CURLU* u = curl_url();
  if (u == nullptr) return std::string(url);
  const std::string text(url);
  std::string out(url);
  if (curl_url_set(u, CURLUPART_URL, text.c_str(), 0) == CURLUE_OK) {
    char* host = nullptr;
    char* port = nullptr;
    if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
      out = std::string(host) + ":" + port;
    }
    curl_free(host);
    curl_free(port);
  }
  curl_url_cleanup(u);
  return out;
}

std::string join_url(std::string_view base, std::string_view relative) {
  std::string out(base);
  if (out.empty() || out.back() != '/') out += '/';
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char ch : relative) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace kiosk::net
