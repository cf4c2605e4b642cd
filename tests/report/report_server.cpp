// The district's report server for the tests (see report_server.hpp).
#include "report_server.hpp"

#include <random>

#include "temp_dir.hpp"

namespace kiosk::test {

namespace {
const char* kLocations =
    "    location /reports/ {\n"
    "      autoindex on; autoindex_format json;\n"
    "      location ~ ^/reports/(?<kiosk>[A-Za-z0-9._-]+)/ {\n"
    "        autoindex on; autoindex_format json;\n"
    "        dav_methods PUT DELETE MKCOL; create_full_put_path on;\n"
    "        dav_access user:rw group:r all:r;\n"
    "        limit_except GET HEAD { auth_basic \"report\";\n"
    "          auth_basic_user_file @DIR@/htpasswd-$kiosk; }\n"
    "      }\n"
    "    }\n";
}  // namespace

ReportServer::ReportServer() : nginx_(false, kLocations) {
  std::filesystem::create_directories(reports_dir());
  std::filesystem::create_directories(content_dir());
}

std::filesystem::path ReportServer::enrol_user(const std::string& kiosk_id) {
  std::random_device rd;
  const std::string pw = "kpw-" + std::to_string(rd()) + std::to_string(rd());
  const auto dir = nginx_.www().parent_path();
  write_file(dir / ("htpasswd-" + kiosk_id), kiosk_id + ":{PLAIN}" + pw + "\n");
  write_file(dir / ("password-" + kiosk_id), pw + "\n");
  return dir / ("password-" + kiosk_id);
}

}  // namespace kiosk::test
