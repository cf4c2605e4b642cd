// QR codes as module matrices (libqrencode), ready to put into a draw::QrCode. No SDL.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace kiosk::qr {

// A square module matrix, row-major, size×size, 1 = dark, 0 = light. The quiet zone (light border)
// is included, so the matrix can be drawn edge to edge into a rect that is a multiple of `size`.
struct Matrix {
  int size = 0;
  std::shared_ptr<const std::vector<std::uint8_t>> modules;
  [[nodiscard]] bool dark(int x, int y) const {
    return (*modules)[static_cast<std::size_t>(y * size + x)] != 0;
  }
};

// The standard quiet zone is 4 modules; phones scan 2 reliably when the surround is light.
inline constexpr int kDefaultQuietZone = 4;

// Encodes `text` as 8-bit data with error correction level M (about 15% damage tolerated), the
// smallest version that fits. nullopt when the text is empty or too long for a QR code
// (about 2,300 bytes at level M). Deterministic: the same text always gives the same matrix.
std::optional<Matrix> make(std::string_view text, int quiet_zone = kDefaultQuietZone);

}  // namespace kiosk::qr
