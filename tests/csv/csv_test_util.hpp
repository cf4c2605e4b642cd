// Helpers for the CSV import tests: sample sheets, GBK conversion via iconv(3), copies of the
// default bundle (scratch directories and file I/O from tests/support).
#pragma once

#include <iconv.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fixture_bundle.hpp"
#include "temp_dir.hpp"

namespace csvtest {

// A sheet with every category, a quoted comma, a quoted "" and a line break inside a cell.
inline const std::string kSheet =
    "类别,名称,负责人,联系人,地址,电话,基本情况,申报依据\n"
    "示范街道(镇),示例甲街道,王某某,李某某,,021-0000 1001,\"甲街道位于示例区,辖区约6平方公里。\n"
    "下辖12个居委会。\",1.创建规划;2.自查报告\n"
    "模范街道(镇),示例乙镇,赵某某,钱某某,,021-0000 1002,乙镇基本情况,乙镇申报依据\n"
    "示范居委会,示例一居委会,孙某某,,示例路1号,021-0000 1003,\"居委会\"\"示范\"\"情况\",依据一\n"
    "模范居委会,示例二居委会,周某某,,示例路2号,021 0000 1004转8,,\n"
    "和谐社区建设示范居委会,示例三居委会,吴某某,,示例路3号,(021) 0000-1005,情况三,依据三\n";

// Converts UTF-8 to another encoding with iconv(3); throws when the text does not fit it.
inline std::string convert(std::string_view utf8, const char* to) {
  iconv_t cd = ::iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)))
    throw std::runtime_error("iconv_open");
  std::string in(utf8);
  std::string out(in.size() * 2 + 16, '\0');
  char* src = in.data();
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  const std::size_t r = ::iconv(cd, &src, &src_left, &dst, &dst_left);
  ::iconv_close(cd);
  if (r == static_cast<std::size_t>(-1)) throw std::runtime_error("iconv: text does not convert");
  out.resize(out.size() - dst_left);
  return out;
}
inline std::string to_gbk(std::string_view utf8) { return convert(utf8, "GBK"); }

using kiosk::test::read_file;
using kiosk::test::TempDir;
using kiosk::test::write_file;

// Every file under dir (hidden ones too), relative path -> bytes: a before/after snapshot.
inline std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file())
      out[std::filesystem::relative(e.path(), dir).string()] = read_file(e.path());
  }
  return out;
}

// Copies the tests' bundle (tests/data/bundle) into dir/name and returns that path.
inline std::filesystem::path copy_bundle(const std::filesystem::path& dir,
                                         const std::string& name = "bundle") {
  const auto target = dir / name;
  std::filesystem::copy(kiosk::test::fixture_bundle_dir(), target,
                        std::filesystem::copy_options::recursive);
  return target;
}

}  // namespace csvtest
