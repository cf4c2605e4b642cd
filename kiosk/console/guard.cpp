// The console's HTTP hardening on cpp-httplib: see guard.hpp for the rules.
#include "console/guard.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <ostream>

namespace kiosk::console {
namespace {

using HandlerResponse = httplib::Server::HandlerResponse;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_ipv4(const std::string& text) {
  in_addr a{};
  return inet_pton(AF_INET, text.c_str(), &a) == 1;
}

bool is_ipv6(const std::string& text) {
  in6_addr a{};
  return inet_pton(AF_INET6, text.c_str(), &a) == 1;
}

// "[::1]" for an IPv6 address, the host itself otherwise.
std::string bracketed(const std::string& host) { return is_ipv6(host) ? "[" + host + "]" : host; }

bool is_wildcard(const std::string& host) { return host == "0.0.0.0" || host == "::"; }

bool changes_state(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The Chinese line for an answer httplib made itself (no route, a bad request …).
const char* status_message(int status) {
  switch (status) {
    case 400:
      return "请求格式不正确";
    case 401:
      return "请先登录";
    case 403:
      return "请求被拒绝";
    case 404:
      return "没有这个地址";
    case 405:
      return "不支持这种请求方法";
    case 413:
      return "请求内容超过 32 MiB";
    case 414:
      return "请求地址过长";
    case 416:
      return "请求的范围无效";
    default:
      return status >= 500 ? "服务器内部错误" : "请求无法处理";
  }
}

// The headers every answer carries, refusals and errors included.
httplib::Headers security_headers() {
  return {
      {"Content-Security-Policy",
       "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
  };
}

// JSON text of an answer; invalid UTF-8 (from a request) is replaced rather than thrown on.
std::string json_text(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void session_cookie(httplib::Response& res, const std::string& id, bool expire) {
  std::string value =
      std::string(kSessionCookie) + "=" + id + "; HttpOnly; SameSite=Strict; Path=/";
  if (expire) value += "; Max-Age=0";
  res.set_header("Set-Cookie", value);
}

}  // namespace

bool is_loopback(const std::string& host) {
  if (lower(host) == "localhost" || host == "::1") return true;
  in_addr a{};
  return inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

std::string cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(at, end - at);
    const auto first = part.find_first_not_of(' ');
    if (first != std::string::npos) part.erase(0, first);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=')
      return part.substr(name.size() + 1);
    at = end + 1;
  }
  return "";
}

Guard::Guard(GuardSettings settings)
    : settings_(std::move(settings)),
      sessions_(settings_.session_idle),
      anonymous_csrf_(random_token()) {
  set_port(settings_.port);
}

void Guard::set_port(int port) {
  settings_.port = port;
  allowed_hosts_.clear();
  const std::string p = ":" + std::to_string(port);
  for (const std::string& h :
       {settings_.listen_host, std::string("localhost"), std::string("127.0.0.1")}) {
    allowed_hosts_.insert(lower(bracketed(h)) + p);
    if (port == 80) allowed_hosts_.insert(lower(bracketed(h)));
  }
}

bool Guard::host_allowed(const std::string& host_header) const {
  const std::string host = lower(host_header);
  if (allowed_hosts_.count(host) != 0) return true;
  if (!is_wildcard(settings_.listen_host)) return false;
  // Listening on every address: any IP literal of the right port. DNS rebinding needs a name
  // the attacker's DNS answers for; an address typed as such cannot be rebound.
  const std::string p = ":" + std::to_string(settings_.port);
  if (host.size() <= p.size() || host.compare(host.size() - p.size(), p.size(), p) != 0)
    return false;
  const std::string name = host.substr(0, host.size() - p.size());
  if (name.size() > 2 && name.front() == '[' && name.back() == ']')
    return is_ipv6(name.substr(1, name.size() - 2));
  return is_ipv4(name);
}

void Guard::refuse(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(json_text(nlohmann::json{{"error", message}}), "application/json; charset=utf-8");
}

std::optional<std::string> Guard::session_csrf(const httplib::Request& req) {
  const std::string id = cookie(req, kSessionCookie);
  if (id.empty()) return std::nullopt;
  return sessions_.touch(id);
}

HandlerResponse Guard::check(const httplib::Request& req, httplib::Response& res) {
  const auto refuse_and_close = [&res](int status, const std::string& message) {
    refuse(res, status, message);
    res.set_header("Connection", "close");  // an unread body must not be taken for a request
    return HandlerResponse::Handled;
  };
  const std::string host = req.get_header_value("Host");
  if (!host_allowed(host)) {
    return refuse_and_close(421, "请求的主机名不是本控制台的地址（请用 http://127.0.0.1:" +
                                     std::to_string(settings_.port) + "/ 打开）");
  }
  if (req.has_header("Origin") && req.get_header_value("Origin") != "http://" + host)
    return refuse_and_close(403, "拒绝来自其他网站的请求");
  if (req.get_header_value("Sec-Fetch-Site") == "cross-site")
    return refuse_and_close(403, "拒绝来自其他网站的请求");
  if (req.has_header("Transfer-Encoding"))
    return refuse_and_close(411, "请求须带 Content-Length（不接受分块传输）");
  if (req.has_header("Content-Encoding")) return refuse_and_close(415, "不接受压缩的请求内容");
  if (req.has_header("Content-Length")) {
    const std::string length = req.get_header_value("Content-Length");
    if (length.empty() || length.size() > 12 ||
        length.find_first_not_of("0123456789") != std::string::npos)
      return refuse_and_close(400, "Content-Length 不是一个数");
    // Longer than kMaxBody: httplib's payload limit reads and drops the body and answers 413,
    // so the client, still sending, gets the answer rather than a broken connection.
  }
  const std::optional<std::string> session = session_csrf(req);
  const bool api = req.path.rfind("/api/", 0) == 0;
  if (api && login_required() && !session && req.path != "/api/session" && req.path != "/api/login")
    return refuse_and_close(401, status_message(401));
  if (changes_state(req.method) &&
      !same_token(req.get_header_value("X-CSRF-Token"), session ? *session : anonymous_csrf_))
    return refuse_and_close(403, "缺少或错误的 CSRF 令牌（请刷新页面）");
  return HandlerResponse::Unhandled;
}

void Guard::install(httplib::Server& server) {
  server.set_read_timeout(settings_.io_timeout.count());
  server.set_write_timeout(settings_.io_timeout.count());
  server.set_keep_alive_timeout(5);
  server.set_payload_max_length(kMaxBody);
  // httplib's default also sets SO_REUSEPORT, which lets a second console bind a port the first
  // one listens on; SO_REUSEADDR alone only allows a restart over TIME_WAIT.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server.set_default_headers(security_headers());
  server.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return check(req, res); });
  server.set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        // The exception's text is dropped on purpose: it may quote the request body.
        if (settings_.log != nullptr)
          *settings_.log << "console: internal error answering " << req.method << " " << req.path
                         << std::endl;
        res.headers = security_headers();  // drop whatever the handler had set
        refuse(res, 500, status_message(500));
        res.set_header("Connection", "close");
      });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) refuse(res, res.status, status_message(res.status));
  });

  server.Get("/api/session", [this](const httplib::Request& req, httplib::Response& res) {
    const auto session = session_csrf(req);
    res.set_content(json_text(nlohmann::json{{"csrf", session ? *session : anonymous_csrf_},
                                             {"login_required", login_required()},
                                             {"logged_in", session.has_value()}}),
                    "application/json; charset=utf-8");
  });
  server.Post("/api/login", [this](const httplib::Request& req, httplib::Response& res) {
    if (!login_required()) return refuse(res, 400, "本控制台不需要登录");
    if (throttle_.blocked()) return refuse(res, 429, "登录失败次数过多，请一分钟后再试");
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    const bool given =
        body.is_object() && body.contains("password") && body["password"].is_string();
    if (!given || !settings_.password->verify(body["password"].get_ref<const std::string&>())) {
      throttle_.failed();
      return refuse(res, 401, "密码不正确");
    }
    throttle_.succeeded();
    const std::string old = cookie(req, kSessionCookie);
    if (!old.empty()) sessions_.remove(old);
    const std::string id = sessions_.create();
    session_cookie(res, id, false);
    res.set_content(json_text(nlohmann::json{{"csrf", *sessions_.touch(id)}, {"logged_in", true}}),
                    "application/json; charset=utf-8");
  });
  server.Post("/api/logout", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string id = cookie(req, kSessionCookie);
    if (!id.empty()) sessions_.remove(id);
    session_cookie(res, "", true);
    res.set_content(json_text(nlohmann::json{{"csrf", anonymous_csrf_}, {"logged_in", false}}),
                    "application/json; charset=utf-8");
  });
}

}  // namespace kiosk::console
