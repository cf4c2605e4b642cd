// libcurl easy-handle wrapper: the hardening options, size-capped receiving, and one-line errors.
#include "net/http.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <utility>

#include "core/files.hpp"

namespace kiosk::net {
namespace {

static_assert(LIBCURL_VERSION_NUM >= 0x075500, "CURLOPT_PROTOCOLS_STR needs libcurl 7.85 or newer");

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// What one transfer collects; the callbacks write into it.
struct Transfer {
  std::string body;
  std::uint64_t limit = 0;
  bool too_large = false;
  std::string etag, last_modified, content_type, location;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
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
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response (after a redirect or a 100 Continue): forget the previous one's headers.
    t->etag.clear(), t->last_modified.clear(), t->content_type.clear(), t->location.clear();
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const auto name = line.substr(0, colon);
  const auto value = trim(line.substr(colon + 1));
  if (iequals(name, "etag")) t->etag = value;
  else if (iequals(name, "last-modified")) t->last_modified = value;
  else if (iequals(name, "content-type")) t->content_type = value;
  else if (iequals(name, "location")) t->location = value;
  return n;
}

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

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char b : digest) out += kHex[b >> 4], out += kHex[b & 15];
  return out;
}

}  // namespace

struct Client::Handle {
  CURL* easy = nullptr;
  char errbuf[CURL_ERROR_SIZE] = {};
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

namespace {

// The options every request gets, whatever the caller or the content says.
void harden(CURL* easy, char* errbuf, const Options& o, Transfer& t) {
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.limits.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(o.limits.total_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, o.limits.low_speed_bytes);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.limits.low_speed_time.count()));
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!o.pinned_public_key.empty()) curl_easy_setopt(easy, CURLOPT_PINNEDPUBLICKEY, o.pinned_public_key.c_str());
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

Response finish(CURL* easy, const char* errbuf, CURLcode code, const Options& o, Transfer& t,
                const std::string& url) {
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
  const std::string detail = errbuf[0] != '\0' ? std::string(errbuf) : curl_easy_strerror(code);
  const std::string where = host_port(r.url);
  switch (code) {
    case CURLE_COULDNT_CONNECT: {
      long os_errno = 0;
      curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &os_errno);
      r.failure = Failure::Connect;
      r.error = "cannot connect to " + where + " (" +
                (os_errno != 0 ? std::string(std::strerror(static_cast<int>(os_errno))) : detail) + ")";
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
      } else if (connected == 0) {
        r.failure = Failure::Connect;
        r.error = "cannot connect to " + where + " within " + duration_text(o.limits.connect_timeout) +
                  " (connect timeout)";
      } else {
        r.failure = Failure::Timeout;
        r.error = "no complete response within " + duration_text(o.limits.total_timeout) +
                  " (total timeout)";
      }
      break;
    }
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
      if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        r.failure = Failure::TooLarge;
        r.error = "larger than the limit of " + files::human_size(t.limit) + "; download stopped";
      } else {
        r.failure = Failure::Other;
        r.error = one_line(detail);
      }
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
      r.failure = Failure::RedirectRefused;
      if (!t.location.empty()) {
        r.error = "redirect to " + one_line(t.location) + " refused: only http and https are followed";
      } else {
        r.error = "only http and https URLs are fetched, found " + one_line(url);
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
                                     std::to_string(t.body.size()) + " of " + std::to_string(announced) +
                                     " bytes"
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
      r.error = "TLS: " + one_line(detail);
      break;
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      r.failure = Failure::Tls;
      r.error = "TLS: the server's public key does not match the pinned key";
      break;
    default:
      r.failure = Failure::Other;
      r.error = one_line(detail);
      break;
  }
  return r;
}

}  // namespace

Response Client::get(const std::string& url, const Conditions& conditions,
                     std::optional<std::uint64_t> max_bytes) {
  CURL* easy = handle_->easy;
  if (easy == nullptr) return {Failure::Other, "cannot initialise libcurl", 0, {}, {}, {}, {}, url};
  curl_easy_reset(easy);  // keeps the connection cache, drops every option
  handle_->errbuf[0] = '\0';
  Transfer t;
  t.limit = max_bytes ? std::min(*max_bytes, options_.limits.max_body_bytes) : options_.limits.max_body_bytes;
  harden(easy, handle_->errbuf, options_, t);
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, options_.limits.max_redirects);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t.limit));
  HeaderList headers;
  if (!conditions.etag.empty()) headers.add("If-None-Match: " + one_line(conditions.etag));
  if (!conditions.last_modified.empty()) headers.add("If-Modified-Since: " + one_line(conditions.last_modified));
  if (headers.list != nullptr) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);
  const CURLcode code = curl_easy_perform(easy);
  return finish(easy, handle_->errbuf, code, options_, t, url);
}

Response Client::put(const PutRequest& request) {
  CURL* easy = handle_->easy;
  if (easy == nullptr) return {Failure::Other, "cannot initialise libcurl", 0, {}, {}, {}, {}, request.url};
  curl_easy_reset(easy);
  handle_->errbuf[0] = '\0';
  Transfer t;
  const bool is_put = request.method == "PUT", is_get = request.method == "GET";
  // A server's answer to a PUT or DELETE is short; a GET reads a file under the body limit.
  t.limit = is_get ? options_.limits.max_body_bytes : 1 << 20;
  harden(easy, handle_->errbuf, options_, t);
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  HeaderList headers;
  const std::string method = one_line(request.method);
  if (is_put) {
    // The body goes as POSTFIELDS under the PUT method: libcurl then knows the payload, which the
    // SigV4 signature covers, and sends a plain Content-Length.
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, "PUT");
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
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
    headers.add("x-amz-content-sha256: " + sha256_hex(is_put ? request.body : std::string_view()));
  }
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);
  const CURLcode code = curl_easy_perform(easy);
  Response r = finish(easy, handle_->errbuf, code, options_, t, request.url);
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
         curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host != nullptr && host[0] != '\0' &&
         (std::strcmp(scheme, "http") == 0 || std::strcmp(scheme, "https") == 0);
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
