// The template writer: one libxlsxwriter workbook written to a temporary file and read back.
#include "sheet/template.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "sheet/lazy.hpp"

namespace kiosk::sheet {
namespace {

struct Removed {  // removes the temporary file on every path out
  std::string path;
  ~Removed() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

lxw_row_t row_index(std::size_t r) { return static_cast<lxw_row_t>(r); }
lxw_col_t col_index(std::size_t c) { return static_cast<lxw_col_t>(c); }

}  // namespace

Result<std::string> write_template(const Template& t) {
  if (std::string missing = xlsxwriter_unavailable(); !missing.empty()) {
    return Error{"template: cannot write .xlsx workbooks here: " + missing +
                 " (install libxlsxwriter4)"};
  }
  const char* env = std::getenv("TMPDIR");
  std::string dir = env != nullptr && *env != '\0' ? env : "/tmp";
  std::string path = dir + "/kiosk-template-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Error{dir + ": cannot create a temporary file for the template"};
  ::close(fd);
  Removed removed{path};

  lxw_workbook_options options{};
  options.tmpdir = dir.data();
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) return Error{path + ": libxlsxwriter cannot start a workbook"};
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet_name.c_str());
  lxw_worksheet* help = workbook_add_worksheet(wb, t.help_sheet_name.c_str());
  if (ws == nullptr || help == nullptr) {
    workbook_close(wb);
    return Error{"template: libxlsxwriter refused the sheet names \"" + t.sheet_name + "\", \"" +
                 t.help_sheet_name + "\""};
  }

  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_num_format(header, "@");
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* wrapped = workbook_add_format(wb);
  format_set_num_format(wrapped, "@");
  format_set_text_wrap(wrapped);
  format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  // Lists: libxlsxwriter takes a NULL-terminated array of C strings, kept alive until close.
  std::vector<std::vector<const char*>> lists;
  lists.reserve(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const TemplateColumn& col = t.columns[c];
    lxw_format* fmt = col.wrap ? wrapped : (col.text ? text : nullptr);
    worksheet_set_column(ws, col_index(c), col_index(c), col.width, fmt);
    worksheet_write_string(ws, 0, col_index(c), col.heading.c_str(), header);
    if (!col.help.empty()) worksheet_write_comment(ws, 0, col_index(c), col.help.c_str());
    if (!col.choices.empty()) {
      auto& list = lists.emplace_back();
      for (const auto& choice : col.choices) list.push_back(choice.c_str());
      list.push_back(nullptr);
      lxw_data_validation dv{};
      dv.validate = LXW_VALIDATION_TYPE_LIST;
      dv.value_list = const_cast<char**>(list.data());  // NOLINT: the C API's own type
      dv.ignore_blank = LXW_VALIDATION_ON;
      dv.show_input = LXW_VALIDATION_ON;
      dv.show_error = LXW_VALIDATION_ON;
      dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
      std::string title = col.heading;
      dv.input_title = title.data();
      std::string message = col.help.substr(0, 250);
      dv.input_message = message.data();
      if (worksheet_data_validation_range(ws, 1, col_index(c), row_index(t.rows), col_index(c),
                                          &dv) != LXW_NO_ERROR) {
        workbook_close(wb);
        return Error{"template: column " + col.heading +
                     ": libxlsxwriter refused the drop-down list (at most 255 characters)"};
      }
    }
  }
  worksheet_freeze_panes(ws, 1, 0);

  worksheet_set_column(help, 0, 0, 14, nullptr);
  worksheet_set_column(help, 1, 1, 90, nullptr);
  std::size_t r = 0;
  for (const auto& line : t.help_lines)
    worksheet_write_string(help, row_index(r++), 0, line.c_str(), nullptr);
  ++r;
  worksheet_write_string(help, row_index(r), 0, "列", bold);
  worksheet_write_string(help, row_index(r++), 1, "说明", bold);
  for (const auto& col : t.columns) {
    worksheet_write_string(help, row_index(r), 0, col.heading.c_str(), bold);
    worksheet_write_string(help, row_index(r++), 1, col.help.c_str(), nullptr);
  }

  if (const lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    return Error{path + ": libxlsxwriter cannot write the template (" + lxw_strerror(e) + ")"};
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Error{path + ": cannot read the written template back"};
  return bytes;
}

}  // namespace kiosk::sheet
