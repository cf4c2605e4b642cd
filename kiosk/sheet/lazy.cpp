// The libzip and libxlsxwriter functions this module calls, defined here with the libraries'
// signatures and forwarded to the library loaded on the first call (core/lazy_library.hpp); see
// lazy.hpp. The headers' declarations are in scope, so a signature that differs does not compile.
// Each looks its function up once (a static); where the library did not load, it returns what
// the library returns for a failure.
#include "sheet/lazy.hpp"

#include <xlsxwriter.h>
#include <zip.h>

#include <cstring>

#include "core/lazy_library.hpp"

namespace {

kiosk::LazyLibrary& libzip() {
  static kiosk::LazyLibrary lib("libzip.so.4");
  return lib;
}

kiosk::LazyLibrary& libxlsxwriter() {
  static kiosk::LazyLibrary lib("libxlsxwriter.so.4");
  return lib;
}

}  // namespace

namespace kiosk::sheet {

std::string zip_unavailable() { return libzip().loaded() ? "" : libzip().error(); }
std::string xlsxwriter_unavailable() {
  return libxlsxwriter().loaded() ? "" : libxlsxwriter().error();
}

}  // namespace kiosk::sheet

extern "C" {

// libzip (xlsx.cpp).
void zip_error_init(zip_error_t* error) {
  static const auto f = libzip().function<decltype(&::zip_error_init)>("zip_error_init");
  if (f != nullptr) {
    f(error);
  } else {
    std::memset(error, 0, sizeof *error);
  }
}
void zip_error_fini(zip_error_t* error) {
  static const auto f = libzip().function<decltype(&::zip_error_fini)>("zip_error_fini");
  if (f != nullptr) f(error);
}
int zip_error_code_zip(const zip_error_t* error) {
  static const auto f = libzip().function<decltype(&::zip_error_code_zip)>("zip_error_code_zip");
  return f != nullptr ? f(error) : ZIP_ER_INTERNAL;
}
const char* zip_error_strerror(zip_error_t* error) {
  static const auto f = libzip().function<decltype(&::zip_error_strerror)>("zip_error_strerror");
  return f != nullptr ? f(error) : "libzip is not available";
}
zip_source_t* zip_source_buffer_create(const void* data, zip_uint64_t length, int free_data,
                                       zip_error_t* error) {
  static const auto f =
      libzip().function<decltype(&::zip_source_buffer_create)>("zip_source_buffer_create");
  return f != nullptr ? f(data, length, free_data, error) : nullptr;
}
void zip_source_free(zip_source_t* source) {
  static const auto f = libzip().function<decltype(&::zip_source_free)>("zip_source_free");
  if (f != nullptr) f(source);
}
zip_t* zip_open_from_source(zip_source_t* source, int flags, zip_error_t* error) {
  static const auto f =
      libzip().function<decltype(&::zip_open_from_source)>("zip_open_from_source");
  return f != nullptr ? f(source, flags, error) : nullptr;
}
void zip_discard(zip_t* archive) {
  static const auto f = libzip().function<decltype(&::zip_discard)>("zip_discard");
  if (f != nullptr) f(archive);
}
zip_error_t* zip_get_error(zip_t* archive) {
  static const auto f = libzip().function<decltype(&::zip_get_error)>("zip_get_error");
  return f != nullptr ? f(archive) : nullptr;
}
zip_int64_t zip_get_num_entries(zip_t* archive, zip_flags_t flags) {
  static const auto f = libzip().function<decltype(&::zip_get_num_entries)>("zip_get_num_entries");
  return f != nullptr ? f(archive, flags) : -1;
}
zip_int64_t zip_name_locate(zip_t* archive, const char* name, zip_flags_t flags) {
  static const auto f = libzip().function<decltype(&::zip_name_locate)>("zip_name_locate");
  return f != nullptr ? f(archive, name, flags) : -1;
}
zip_file_t* zip_fopen_index(zip_t* archive, zip_uint64_t index, zip_flags_t flags) {
  static const auto f = libzip().function<decltype(&::zip_fopen_index)>("zip_fopen_index");
  return f != nullptr ? f(archive, index, flags) : nullptr;
}
zip_int64_t zip_fread(zip_file_t* file, void* buffer, zip_uint64_t length) {
  static const auto f = libzip().function<decltype(&::zip_fread)>("zip_fread");
  return f != nullptr ? f(file, buffer, length) : -1;
}
int zip_fclose(zip_file_t* file) {
  static const auto f = libzip().function<decltype(&::zip_fclose)>("zip_fclose");
  return f != nullptr ? f(file) : ZIP_ER_INTERNAL;
}
const char* zip_file_strerror(zip_file_t* file) {
  static const auto f = libzip().function<decltype(&::zip_file_strerror)>("zip_file_strerror");
  return f != nullptr ? f(file) : "libzip is not available";
}

// libxlsxwriter (template.cpp).
lxw_workbook* workbook_new_opt(const char* filename, lxw_workbook_options* options) {
  static const auto f = libxlsxwriter().function<decltype(&::workbook_new_opt)>("workbook_new_opt");
  return f != nullptr ? f(filename, options) : nullptr;
}
lxw_worksheet* workbook_add_worksheet(lxw_workbook* workbook, const char* sheetname) {
  static const auto f =
      libxlsxwriter().function<decltype(&::workbook_add_worksheet)>("workbook_add_worksheet");
  return f != nullptr ? f(workbook, sheetname) : nullptr;
}
lxw_format* workbook_add_format(lxw_workbook* workbook) {
  static const auto f =
      libxlsxwriter().function<decltype(&::workbook_add_format)>("workbook_add_format");
  return f != nullptr ? f(workbook) : nullptr;
}
lxw_error workbook_close(lxw_workbook* workbook) {
  static const auto f = libxlsxwriter().function<decltype(&::workbook_close)>("workbook_close");
  return f != nullptr ? f(workbook) : LXW_ERROR_CREATING_XLSX_FILE;
}
char* lxw_strerror(lxw_error error) {
  static const auto f = libxlsxwriter().function<decltype(&::lxw_strerror)>("lxw_strerror");
  static char unavailable[] = "libxlsxwriter is not available";
  return f != nullptr ? f(error) : unavailable;
}
void format_set_align(lxw_format* format, uint8_t alignment) {
  static const auto f = libxlsxwriter().function<decltype(&::format_set_align)>("format_set_align");
  if (f != nullptr) f(format, alignment);
}
void format_set_bg_color(lxw_format* format, lxw_color_t color) {
  static const auto f =
      libxlsxwriter().function<decltype(&::format_set_bg_color)>("format_set_bg_color");
  if (f != nullptr) f(format, color);
}
void format_set_bold(lxw_format* format) {
  static const auto f = libxlsxwriter().function<decltype(&::format_set_bold)>("format_set_bold");
  if (f != nullptr) f(format);
}
void format_set_border(lxw_format* format, uint8_t style) {
  static const auto f =
      libxlsxwriter().function<decltype(&::format_set_border)>("format_set_border");
  if (f != nullptr) f(format, style);
}
void format_set_num_format(lxw_format* format, const char* num_format) {
  static const auto f =
      libxlsxwriter().function<decltype(&::format_set_num_format)>("format_set_num_format");
  if (f != nullptr) f(format, num_format);
}
void format_set_text_wrap(lxw_format* format) {
  static const auto f =
      libxlsxwriter().function<decltype(&::format_set_text_wrap)>("format_set_text_wrap");
  if (f != nullptr) f(format);
}
lxw_error worksheet_write_string(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col,
                                 const char* string, lxw_format* format) {
  static const auto f =
      libxlsxwriter().function<decltype(&::worksheet_write_string)>("worksheet_write_string");
  return f != nullptr ? f(worksheet, row, col, string, format) : LXW_ERROR_CREATING_XLSX_FILE;
}
lxw_error worksheet_write_comment(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col,
                                  const char* string) {
  static const auto f =
      libxlsxwriter().function<decltype(&::worksheet_write_comment)>("worksheet_write_comment");
  return f != nullptr ? f(worksheet, row, col, string) : LXW_ERROR_CREATING_XLSX_FILE;
}
lxw_error worksheet_set_column(lxw_worksheet* worksheet, lxw_col_t first_col, lxw_col_t last_col,
                               double width, lxw_format* format) {
  static const auto f =
      libxlsxwriter().function<decltype(&::worksheet_set_column)>("worksheet_set_column");
  return f != nullptr ? f(worksheet, first_col, last_col, width, format)
                      : LXW_ERROR_CREATING_XLSX_FILE;
}
void worksheet_freeze_panes(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col) {
  static const auto f =
      libxlsxwriter().function<decltype(&::worksheet_freeze_panes)>("worksheet_freeze_panes");
  if (f != nullptr) f(worksheet, row, col);
}
lxw_error worksheet_data_validation_range(lxw_worksheet* worksheet, lxw_row_t first_row,
                                          lxw_col_t first_col, lxw_row_t last_row,
                                          lxw_col_t last_col, lxw_data_validation* validation) {
  static const auto f = libxlsxwriter().function<decltype(&::worksheet_data_validation_range)>(
      "worksheet_data_validation_range");
  return f != nullptr ? f(worksheet, first_row, first_col, last_row, last_col, validation)
                      : LXW_ERROR_CREATING_XLSX_FILE;
}

}  // extern "C"
