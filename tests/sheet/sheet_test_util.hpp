// Helpers for the sheet tests: hand-made .xlsx packages (libzip), running the other writers
// (python3-openpyxl, LibreOffice headless) and reading the result back.
#pragma once

#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "temp_dir.hpp"

namespace sheettest {

using Parts = std::vector<std::pair<std::string, std::string>>;  // zip entry name -> bytes

// A zip archive holding parts (deflated), as bytes; written through a temporary file.
inline std::string make_zip(const Parts& parts) {
  kiosk::test::TempDir tmp;
  const std::string path = (tmp.path() / "p.zip").string();
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr) return {};
  for (const auto& [name, bytes] : parts) {
    zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    if (src == nullptr || zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(src);
      zip_discard(z);
      return {};
    }
  }
  if (zip_close(z) != 0) return {};
  return kiosk::test::read_file(path);
}

inline const std::string kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline const std::string kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// The parts of a one-sheet workbook around sheet_xml (the whole <worksheet> element); the
// shared strings and styles parts only when given.
struct Book {
  std::string sheet_xml;
  std::string shared_strings;  // the whole <sst> element, or ""
  std::string styles;          // the whole <styleSheet> element, or ""
  std::string workbook_pr;     // e.g. "<workbookPr date1904=\"1\"/>"
  std::string root_target = "xl/workbook.xml";
  std::string sheet_target = "worksheets/sheet1.xml";   // as the workbook's rels say it
  std::string sheet_part = "xl/worksheets/sheet1.xml";  // where it really lies
  std::string sst_target = "sharedStrings.xml";
  std::string sheet_name = "Sheet1";
  std::vector<std::string> more_sheets;  // names of extra (empty) sheets after the first
};

inline std::string xml(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + body;
}

inline std::string make_book(const Book& b) {
  Parts parts;
  parts.emplace_back("[Content_Types].xml",
                     xml("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                         "content-types\"/>"));
  parts.emplace_back(
      "_rels/.rels",
      xml("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"" +
          kRelNs + "/officeDocument\" Target=\"" + b.root_target + "\"/></Relationships>"));
  std::string sheets = "<sheet name=\"" + b.sheet_name + "\" sheetId=\"1\" r:id=\"rId1\"/>";
  std::string rels = "<Relationship Id=\"rId1\" Type=\"" + kRelNs + "/worksheet\" Target=\"" +
                     b.sheet_target + "\"/>";
  for (std::size_t i = 0; i < b.more_sheets.size(); ++i) {
    const std::string id = "rId" + std::to_string(10 + i);
    sheets += "<sheet name=\"" + b.more_sheets[i] + "\" sheetId=\"" + std::to_string(2 + i) +
              "\" r:id=\"" + id + "\"/>";
    rels += "<Relationship Id=\"" + id + "\" Type=\"" + kRelNs + "/worksheet\" Target=\"x" +
            std::to_string(i) + ".xml\"/>";
    parts.emplace_back("xl/x" + std::to_string(i) + ".xml",
                       xml("<worksheet xmlns=\"" + kMainNs +
                           "\"><sheetData><row r=\"1\"><c "
                           "t=\"inlineStr\"><is><t>" +
                           b.more_sheets[i] + "</t></is></c></row></sheetData></worksheet>"));
  }
  if (!b.shared_strings.empty()) {
    rels += "<Relationship Id=\"rId2\" Type=\"" + kRelNs + "/sharedStrings\" Target=\"" +
            b.sst_target + "\"/>";
    parts.emplace_back("xl/sharedStrings.xml", xml(b.shared_strings));
  }
  if (!b.styles.empty()) {
    rels += "<Relationship Id=\"rId3\" Type=\"" + kRelNs + "/styles\" Target=\"styles.xml\"/>";
    parts.emplace_back("xl/styles.xml", xml(b.styles));
  }
  parts.emplace_back("xl/workbook.xml",
                     xml("<workbook xmlns=\"" + kMainNs + "\" xmlns:r=\"" + kRelNs + "\">" +
                         b.workbook_pr + "<sheets>" + sheets + "</sheets></workbook>"));
  parts.emplace_back(
      "xl/_rels/workbook.xml.rels",
      xml("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
          rels + "</Relationships>"));
  parts.emplace_back(b.sheet_part, xml(b.sheet_xml));
  return make_zip(parts);
}

// A <worksheet> around rows.
inline std::string worksheet(const std::string& rows, const std::string& after = "") {
  return "<worksheet xmlns=\"" + kMainNs + "\"><sheetData>" + rows + "</sheetData>" + after +
         "</worksheet>";
}

// Debian's python3 (python3-openpyxl is a Debian package; a pyenv python on PATH lacks it).
inline std::string python() {
  return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

inline bool have_openpyxl() {
  return std::system((python() + " -c 'import openpyxl' >/dev/null 2>&1").c_str()) == 0;
}

// LibreOffice's soffice, or "" (tests that need it are skipped with a line saying so).
inline std::string soffice() {
  for (const char* p : {"/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"}) {
    if (std::filesystem::exists(p)) return p;
  }
  return "";
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace sheettest
