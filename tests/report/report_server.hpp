// Test support: the district's report server — nginx with /reports/KIOSK_ID/ writable by WebDAV
// PUT only with that kiosk's own basic-auth password, listed as autoindex_format json, beside the
// content the kiosks sync from (/content/).
#pragma once

#include <filesystem>
#include <string>

#include "nginx_fixture.hpp"

namespace kiosk::test {

class ReportServer {
 public:
  ReportServer();
  [[nodiscard]] bool ok() const { return nginx_.ok(); }
  [[nodiscard]] const std::string& error() const { return nginx_.error(); }
  // A password for KIOSK_ID (htpasswd-KIOSK_ID); returns its password file.
  std::filesystem::path enrol_user(const std::string& kiosk_id);
  [[nodiscard]] std::string reports_url() const { return nginx_.url("reports/"); }
  [[nodiscard]] std::string content_url() const { return nginx_.url("content/"); }
  [[nodiscard]] std::filesystem::path reports_dir() const { return nginx_.www() / "reports"; }
  [[nodiscard]] std::filesystem::path content_dir() const { return nginx_.www() / "content"; }
  Nginx& nginx() { return nginx_; }

 private:
  Nginx nginx_;
};

}  // namespace kiosk::test
