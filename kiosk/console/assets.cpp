// A placeholder page until lane pages embeds the real ones (assets.hpp).
#include "console/assets.hpp"

namespace kiosk::console {
namespace {

constexpr Asset kIndex{"text/html; charset=utf-8",
                       "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                       "<title>社区公示管理</title></head>\n<body><h1>社区公示管理</h1>"
                       "<p>控制台页面尚未安装；JSON 接口见 /api/session。</p></body></html>\n"};

}  // namespace

const Asset* find_asset(std::string_view path) {
  if (path == "/" || path == "/index.html") return &kIndex;
  return nullptr;
}

}  // namespace kiosk::console
