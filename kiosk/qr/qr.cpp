// QR module matrices from libqrencode.
#include "qr/qr.hpp"

#include <qrencode.h>

#include <string>

namespace kiosk::qr {

std::optional<Matrix> make(std::string_view text, int quiet_zone) {
  if (text.empty() || quiet_zone < 0 || quiet_zone > 64) return std::nullopt;
  // QRcode_encodeData takes raw bytes (no NUL termination needed and NUL-safe); 8-bit mode keeps
  // "tel:" URIs and UTF-8 unchanged.
  const std::string bytes(text);
  QRcode* code =
      QRcode_encodeData(static_cast<int>(bytes.size()),
                        reinterpret_cast<const unsigned char*>(bytes.data()), 0, QR_ECLEVEL_M);
  if (code == nullptr) return std::nullopt;
  const int inner = code->width;
  const int size = inner + 2 * quiet_zone;
  auto modules =
      std::make_shared<std::vector<std::uint8_t>>(static_cast<std::size_t>(size) * size, 0);
  for (int y = 0; y < inner; ++y) {
    for (int x = 0; x < inner; ++x) {
      // Bit 0 of each libqrencode byte is the module colour; the other bits describe its role.
      const bool is_dark = (code->data[y * inner + x] & 1) != 0;
      (*modules)[static_cast<std::size_t>((y + quiet_zone) * size + (x + quiet_zone))] =
          is_dark ? 1 : 0;
    }
  }
  QRcode_free(code);
  return Matrix{size, std::move(modules)};
}

}  // namespace kiosk::qr
