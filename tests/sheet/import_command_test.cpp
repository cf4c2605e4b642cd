// kioskctl import (xlsx and csv by content) and kioskctl template, end to end on real files:
// a bad row names its row and column and changes nothing; the fixed sheet imports.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "content/csv_import.hpp"
#include "content/parse.hpp"
#include "ctl_run.hpp"
#include "fixture_bundle.hpp"
#include "sheet/xlsx.hpp"
#include "sheet_test_util.hpp"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using kiosk::test::read_file;
using kiosk::test::TempDir;
using kiosk::test::write_file;
using Rows = std::vector<std::vector<std::string>>;

// Writes rows (row 1 first) as an .xlsx with libxlsxwriter (shared strings).
void write_xlsx(const fs::path& path, const Rows& rows, const char* sheet_name = nullptr) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      if (!rows[r][c].empty())
        worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                               rows[r][c].c_str(), nullptr);
    }
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

const std::vector<std::string> kHeader{"类别", "名称", "负责人",   "联系人",
                                       "地址", "电话", "基本情况", "申报依据"};
const std::vector<std::string> kGood{"示范街道(镇)",  "示例甲街道", "王某某", "李某某", "",
                                     "021-0000 1001", "情况",       "依据"};

std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = read_file(e.path());
  }
  return out;
}

class Import : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() / "bundle";
    fs::copy(test::fixture_bundle_dir(), dir_, fs::copy_options::recursive);
  }
  test::CtlResult import(const fs::path& file, std::vector<std::string> extra = {}) {
    ctl::Args args{"import", file.string(), "--into", dir_.string(), "--notice", "demo-2026"};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::run_ctl(args);
  }
  std::vector<content::Applicant> applicants() const {
    const auto loaded = content::load_bundle(dir_);
    if (!loaded.bundle) return {};
    for (const auto& n : loaded.bundle->notices) {
      if (n.id == "demo-2026") return n.applicants;
    }
    return {};
  }
  TempDir tmp_;
  fs::path dir_;
};

TEST_F(Import, XlsxWithABadRowChangesNothingThenTheFixedSheetImports) {
  const fs::path xlsx = tmp_.path() / "名单.xlsx";
  auto bad = kGood;
  bad[1] = "示例乙街道";
  bad[5] = "021-abc";
  write_xlsx(xlsx, {kHeader, kGood, bad});
  const auto before = snapshot(dir_);
  auto r = import(xlsx);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, xlsx.string() +
                       ": row 3, column 电话: expected a telephone number, found \"021-abc\"\n");
  EXPECT_EQ(snapshot(dir_), before);

  bad[5] = "021-0000 1002";
  write_xlsx(xlsx, {kHeader, kGood, bad});
  r = import(xlsx);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "imported 2 applicants (xlsx, sheet Sheet1) into " +
                       (dir_ / "notices.json").string() + ", notice demo-2026\n");
  const auto after = applicants();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[1].name, "示例乙街道");
  EXPECT_EQ(after[1].phone, "021-0000 1002");
}

TEST_F(Import, SheetOptionCsvByContentAndRefusals) {
  const fs::path xlsx = tmp_.path() / "book.xlsx";
  write_xlsx(xlsx, {kHeader, kGood}, "名单");
  auto r = import(xlsx, {"--sheet", "其他"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, xlsx.string() + ": expected a sheet named \"其他\", found \"名单\"\n");
  r = import(xlsx, {"--sheet=名单"});
  EXPECT_EQ(r.status, 0) << r.err;

  // A CSV file under any name is read as CSV (GBK here), exactly as import-csv reads it.
  const fs::path csv = tmp_.path() / "sheet.xlsx";
  write_file(csv, read_file(fs::path(KIOSK_TEST_DATA) / "csv" / "sheet-gbk.csv"));
  r = import(csv);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "imported 5 applicants (GB18030) into " + (dir_ / "notices.json").string() +
                       ", notice demo-2026\n");
  const auto alias =
      test::run_ctl({"import-csv", csv.string(), "--into", dir_.string(), "--notice", "demo-2026"});
  EXPECT_EQ(alias.status, 0);
  EXPECT_EQ(alias.out, "imported 5 applicants (GB18030) into " + (dir_ / "notices.json").string() +
                           ", notice demo-2026 (unchanged)\n");
  r = import(csv, {"--sheet", "x"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, csv.string() +
                       ": expected an .xlsx workbook for --sheet \"x\", found a CSV file (it has "
                       "one sheet: leave --sheet out)\n");

  // An .xls / .et (OLE compound file): one line, saying what to do.
  const fs::path xls = tmp_.path() / "old.xls";
  std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  ole.resize(2048, '\0');
  write_file(xls, ole);
  const auto before = snapshot(dir_);
  r = import(xls);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, sheet::ole_refusal(xls.string()) + "\n");
  EXPECT_EQ(snapshot(dir_), before);

  r = test::run_ctl({"import", xlsx.string(), "--into", dir_.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "kioskctl import: expected --notice ID, found none (usage: kioskctl import FILE "
            "--into DIR --notice ID [--sheet NAME])\n");
}

TEST_F(Import, TemplateHasTheHeaderADropDownAndHelpAndImportsOnceFilled) {
  const fs::path t = tmp_.path() / "template.xlsx";
  auto r = test::run_ctl({"template", "--out", t.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("wrote the applicant template " + t.string(), 0), 0u) << r.out;
  r = test::run_ctl({"template", "--out", t.string()});
  EXPECT_EQ(r.status, 1);  // never overwrites without --force
  const std::string bytes = read_file(t);

  auto read = sheet::read_xlsx(bytes, "template.xlsx");
  ASSERT_TRUE(read.ok()) << read.error().what;
  EXPECT_EQ(read->name, "申报单位");
  ASSERT_EQ(read->rows.size(), 1u);
  EXPECT_EQ(read->rows[0].cells, content::applicant_headings());
  EXPECT_EQ(read->rows[0].cells.back(), "所属街镇");  // the optional town column is offered
  auto help = sheet::read_xlsx(bytes, "template.xlsx", "填写说明");
  ASSERT_TRUE(help.ok());
  EXPECT_GE(help->rows.size(), 10u);

  // The drop-down and the text format, as the sheet's XML says them.
  const auto parts_dir = tmp_.path() / "unzipped";
  fs::create_directories(parts_dir);
  const std::string cmd = "cd " + sheettest::shell_quote(parts_dir.string()) + " && unzip -q " +
                          sheettest::shell_quote(t.string());
  if (std::system(cmd.c_str()) == 0) {
    const std::string xml = read_file(parts_dir / "xl" / "worksheets" / "sheet1.xml");
    EXPECT_NE(xml.find("<dataValidation type=\"list\""), std::string::npos) << xml;
    EXPECT_NE(xml.find("示范街道(镇),模范街道(镇),示范居委会,模范居委会,和谐社区建设示范居委会"),
              std::string::npos);
    EXPECT_NE(read_file(parts_dir / "xl" / "styles.xml").find("formatCode=\"@\""),
              std::string::npos);  // text
  }

  // Filled in by another writer (openpyxl keeps the template's formats), it imports.
  if (!sheettest::have_openpyxl()) GTEST_SKIP() << "python3-openpyxl is not installed";
  const auto filled = tmp_.path() / "filled.xlsx";
  const auto py = tmp_.write("fill.py", R"PY(import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["申报单位"]
ws.append(["示范居委会", "示例一居委会", "孙某某", None, "示例路1号", "13800138000", "情况", "依据", "0012"])
wb.save(sys.argv[2])
)PY");
  ASSERT_EQ(std::system((sheettest::python() + " " + sheettest::shell_quote(py.string()) + " " +
                         sheettest::shell_quote(t.string()) + " " +
                         sheettest::shell_quote(filled.string()))
                            .c_str()),
            0);
  r = import(filled);
  EXPECT_EQ(r.status, 0) << r.err;
  const auto after = applicants();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, "0012");
  EXPECT_EQ(after[0].phone, "13800138000");
}

// 所属街镇 (issue 16) from a workbook: kept on each applicant, written to notices.json as "town",
// and a bad cell names its row and the column.
TEST_F(Import, XlsxWithATownColumnKeepsEachTown) {
  const fs::path xlsx = tmp_.path() / "街镇.xlsx";
  auto header = kHeader;
  header.insert(header.begin() + 2, "所属街镇");
  auto first = kGood;
  first.insert(first.begin() + 2, "赵巷镇");
  auto second = kGood;
  second[1] = "示例乙街道";
  second.insert(second.begin() + 2, "");
  auto bad = kGood;
  bad[1] = "示例丙街道";
  bad.insert(bad.begin() + 2, "\u200b");
  write_xlsx(xlsx, {header, first, second, bad});
  const auto before = snapshot(dir_);
  auto r = import(xlsx);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, xlsx.string() +
                       ": row 4, column 所属街镇: expected visible text, found only "
                       "spaces/invisible characters\n");
  EXPECT_EQ(snapshot(dir_), before);

  write_xlsx(xlsx, {header, first, second});
  r = import(xlsx);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto after = applicants();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].town, "赵巷镇");
  EXPECT_EQ(after[1].town, "");
  const std::string json = read_file(dir_ / "notices.json");
  EXPECT_NE(json.find("\"town\": \"赵巷镇\""), std::string::npos);
  EXPECT_EQ(json.find("\"town\": \"\""), std::string::npos);  // absent, not "", when empty
}

// The real binary, as a clerk's script would run it.
TEST_F(Import, KioskctlBinaryXlsxEndToEnd) {
  const fs::path binary = fs::path(KIOSK_BINARY_DIR) / "kiosk" / "ctl" / "kioskctl";
  if (!fs::exists(binary)) GTEST_SKIP() << "build the kioskctl target first: " << binary;
  const fs::path xlsx = tmp_.path() / "bad.xlsx";
  auto bad = kGood;
  bad[0] = "示范居委";
  write_xlsx(xlsx, {kHeader, bad});
  const auto before = snapshot(dir_);
  const std::string cmd = sheettest::shell_quote(binary.string()) + " import " +
                          sheettest::shell_quote(xlsx.string()) + " --into " +
                          sheettest::shell_quote(dir_.string()) + " --notice demo-2026 2>&1";
  std::string out;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = ::pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
  EXPECT_EQ(out.rfind(xlsx.string() + ": row 2, column 类别: expected one of 示范街道(镇)", 0), 0u)
      << out;
  EXPECT_EQ(snapshot(dir_), before);
}

// The real kioskctl, its dynamic loader's list of libraries (LD_DEBUG=libs) with its output.
std::string loaded_by_kioskctl(const std::string& args) {
  const std::string cmd =
      "LD_DEBUG=libs " + std::string(KIOSK_BINARY_DIR) + "/kiosk/ctl/kioskctl " + args + " 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

// libzip and libxlsxwriter load on the first spreadsheet read or written (kiosk/sheet/lazy.cpp),
// the console's libraries only in `kioskctl serve` (kioskctl-serve): validate loads none of them,
// import of an .xlsx libzip, template libxlsxwriter.
TEST_F(Import, OnlyTheSpreadsheetCommandsLoadTheSpreadsheetLibraries) {
  std::string out = loaded_by_kioskctl("validate " + dir_.string());
  ASSERT_NE(out.find("libsodium"), std::string::npos) << "LD_DEBUG=libs printed nothing: " << out;
  for (const char* lib : {"libzip", "libxlsxwriter", "libcpp-httplib", "libssl"}) {
    EXPECT_EQ(out.find(lib), std::string::npos) << lib;
  }
  const fs::path t = tmp_.path() / "template.xlsx";
  out = loaded_by_kioskctl("template --out " + t.string());
  EXPECT_NE(out.find("libxlsxwriter.so.4"), std::string::npos) << out.substr(0, 2000);
  EXPECT_EQ(out.find("libzip"), std::string::npos);
  ASSERT_TRUE(fs::exists(t));
  const fs::path xlsx = tmp_.path() / "名单.xlsx";
  write_xlsx(xlsx, {kHeader, kGood});
  out = loaded_by_kioskctl("import " + xlsx.string() + " --into " + dir_.string() +
                           " --notice demo-2026");
  EXPECT_NE(out.find("libzip.so.4"), std::string::npos) << out.substr(0, 2000);
  EXPECT_NE(out.find("imported 1 applicant"), std::string::npos) << out.substr(out.size() - 500);
}

}  // namespace
}  // namespace kiosk
