// Starts and stops a private nginx for the sync, net and publish tests.
#include "nginx_fixture.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "test_ca.hpp"

namespace kiosk::test {
namespace fs = std::filesystem;

int unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

namespace {

bool can_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

std::string nginx_binary() {
  for (const char* p : {"/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  return "nginx";
}

}  // namespace

Nginx::Nginx(bool tls, std::string extra) : extra_(std::move(extra)) {
  dir_ = temp_.path();
  if (tls) {
    // A server certificate for 127.0.0.1 only (not localhost), signed by a CA made here.
    TestCa ca(dir_ / "ca");
    if (const auto issued = ca.issue("server", {"127.0.0.1"})) {
      fs::copy_file(issued->certificate, dir_ / "cert.pem");
      fs::copy_file(issued->key, dir_ / "key.pem");
      pin_ = TestCa::public_key_pin(dir_ / "cert.pem");
      tls_port_ = 1;  // chosen in start_once
    }
  }
  www_ = dir_ / "www";
  fs::create_directories(www_ / "b");
  std::random_device rd;
  password_ = "pw-" + std::to_string(rd()) + std::to_string(rd());
  write_file(dir_ / "password", password_ + "\n");
  write_file(dir_ / "htpasswd", std::string(kUser) + ":{PLAIN}" + password_ + "\n");
  for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
    std::string why;
    if (!start_once(why)) error_ = why;
  }
  if (pid_ > 0) error_.clear();
}

bool Nginx::start_once(std::string& why, bool same_ports) {
  if (!same_ports) {
    port_ = unused_port();
    if (tls_port_ != 0) tls_port_ = unused_port();
  }
  const std::string d = dir_.string(), w = www_.string(), p = std::to_string(port_);
  for (const char* t : {"body", "proxy", "fastcgi", "uwsgi", "scgi"})
    fs::create_directories(dir_ / "temp" / t);
  std::ostringstream conf;
  conf << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
       << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log info;\n"
       << "events { worker_connections 512; }\n"
       << "http {\n"
       << "  types { application/json json; text/plain sig txt; text/html html; image/png png; }\n"
       << "  default_type application/octet-stream;\n"
       << "  access_log " << d << "/access.log;\n"
       << "  client_body_temp_path " << d << "/temp/body;\n  proxy_temp_path " << d
       << "/temp/proxy;\n"
       << "  fastcgi_temp_path " << d << "/temp/fastcgi;\n  uwsgi_temp_path " << d
       << "/temp/uwsgi;\n"
       << "  scgi_temp_path " << d << "/temp/scgi;\n"
       << "  client_max_body_size 64m;\n  keepalive_requests 100000;\n"
       << "  gzip on;\n  gzip_types application/json text/plain;\n  gzip_min_length 64;\n"
       << "  log_format s3 '$request_method $uri $status $http_x_amz_content_sha256 "
          "$http_x_amz_date $http_host "
          "$content_type \"$http_authorization\"';\n"
       << "  server {\n"
       << "    listen 127.0.0.1:" << p << ";\n"
       << "    root " << w << ";\n"
       << "    location / {\n"
       << "      dav_methods PUT DELETE MKCOL;\n      create_full_put_path on;\n"
       << "      dav_access user:rw group:r all:r;\n"
       << "      limit_except GET HEAD { auth_basic \"publish\"; auth_basic_user_file " << d
       << "/htpasswd; }\n"
       << "    }\n"
       << "    location /status500/ { return 500; }\n"
       << "    location /ftp/ { return 302 ftp://127.0.0.1/x; }\n"
       << "    location /loop/ { return 302 /loop/again; }\n"
       << "    location /html/ { types { } default_type text/html; return 200 "
          "\"<html><body><h1>502 Bad Gateway</h1></body></html>\\n\"; }\n"
       << "    location /stall/ { alias " << w << "/b/; }\n"
       << "    location = /stall/notices.json { limit_rate 1; alias " << w << "/b/notices.json; }\n"
       << "    location /big/ { alias " << w << "/b/; }\n"
       << "    location = /hop/0 { return 302 /hop/1; }\n    location = /hop/1 { return 302 "
          "/hop/2; }\n"
       << "    location = /hop/2 { return 302 /hop/3; }\n    location = /hop/3 { return 302 "
          "/b/hop.txt; }\n"
       << "    location /s3/ { dav_methods PUT; create_full_put_path on; access_log " << d
       << "/s3.log s3; }\n"
       << "    location = /big/notices.json { alias " << w << "/big-notices.json; }\n";
  for (std::string extra = extra_; !extra.empty();) {
    const auto at = extra.find("@DIR@");
    conf << extra.substr(0, at);
    if (at == std::string::npos) break;
    conf << d;
    extra = extra.substr(at + 5);
  }
  conf << "  }\n";
  if (tls_port_ != 0) {
    conf << "  server {\n    listen 127.0.0.1:" << tls_port_ << " ssl;\n"
         << "    ssl_certificate " << d << "/cert.pem;\n    ssl_certificate_key " << d
         << "/key.pem;\n"
         << "    root " << w << ";\n"
         << "    location /to-http/ { return 302 http://127.0.0.1:" << p << "/b/hop.txt; }\n  }\n";
  }
  conf << "}\n";
  write_file(dir_ / "nginx.conf", conf.str());
  fs::remove(dir_ / "error.log");

  const pid_t pid = ::fork();
  if (pid < 0) {
    why = "fork failed";
    return false;
  }
  if (pid == 0) {
    const int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(devnull, 0), ::dup2(devnull, 1), ::dup2(devnull, 2);
    const std::string bin = nginx_binary(), conf_path = d + "/nginx.conf",
                      err_path = d + "/error.log";
    ::execl(bin.c_str(), bin.c_str(), "-p", d.c_str(), "-c", conf_path.c_str(), "-e",
            err_path.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 500; ++i) {
    if (can_connect(port_)) {
      pid_ = pid;
      return true;
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      why = "nginx exited (status " + std::to_string(status) + "): " + error_log();
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  why = "nginx did not listen on port " + p + " within 5 s: " + error_log();
  return false;
}

Nginx::~Nginx() { stop(); }

void Nginx::stop() {
  if (pid_ <= 0) return;
  const pid_t pid = pid_;
  pid_ = -1;
  ::kill(pid, SIGTERM);  // fast shutdown: open keep-alive connections do not hold it up
  for (int i = 0; i < 200; ++i) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

bool Nginx::restart() {
  if (pid_ > 0) return true;
  for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt * 50));
    if (!start_once(error_, true)) continue;
    error_.clear();
  }
  return pid_ > 0;
}

std::string Nginx::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
}

std::string Nginx::tls_url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(tls_port_) + "/" + path;
}

std::string Nginx::access_log() const { return read_file(dir_ / "access.log"); }
std::string Nginx::access_log_with(const std::string& needle) const {
  std::string log;
  for (int i = 0; i < 100 && (log = access_log()).find(needle) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return log;
}

std::string Nginx::error_log() const { return read_file(dir_ / "error.log"); }
std::string Nginx::s3_log() const { return read_file(dir_ / "s3.log"); }

}  // namespace kiosk::test
