// Data files, the QR encoder and the bundle's footer fields (see resources.hpp).
#include "screenshot/resources.hpp"

#include "qr/qr.hpp"

namespace kiosk::screenshot {

std::filesystem::path data_file(std::string_view relative) {
  std::error_code ec;
  // Beside the binary first: BIN/../share/kiosk, so a package unpacked or installed under any root
  // (dpkg-deb -x into a scratch directory, a chroot) finds its own files.
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path beside =
        exe.parent_path().parent_path() / "share" / "kiosk" / relative;
    if (std::filesystem::exists(beside, ec)) return beside;
  }
  const std::filesystem::path installed = std::filesystem::path(KIOSK_DATA_DIR) / relative;
  if (std::filesystem::exists(installed, ec)) return installed;
  return std::filesystem::path(KIOSK_SOURCE_DIR) / relative;
}

Result<ui::FontRoles> read_roles() {
  Problems problems;
  ui::FontRoles roles = ui::load_font_roles(data_file("fonts/fonts.json"), problems);
  if (!problems.empty()) return Error{problems.front().line()};
  return roles;
}

ui::FontRoles load_roles() { return read_roles().value_or(ui::default_font_roles()); }

ui::QrEncoder qr_encoder() {
  return [](std::string_view text) -> std::optional<ui::QrMatrix> {
    auto m = qr::make(text);
    if (!m) return std::nullopt;
    return ui::QrMatrix{m->size, m->modules};
  };
}

void describe_content(const content::Bundle& bundle, bool embedded, ui::Diagnostics& d) {
  if (bundle.manifest) {
    d.content_version = std::to_string(bundle.manifest->version);
    d.content_issued_unix = bundle.manifest->issued_at_unix;
    d.content_expires_unix = bundle.manifest->expires_at_unix;
  } else {
    d.content_version = embedded ? "内置默认内容" : "本地内容(未签名)";
    d.content_issued_unix = 0;
    d.content_expires_unix = 0;
  }
}

}  // namespace kiosk::screenshot
