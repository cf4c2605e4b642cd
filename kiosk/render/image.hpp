// Image: an RGBA8 pixel buffer with PNG load/save (SDL_image), for screenshots and golden tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "core/result.hpp"

namespace kiosk::render {

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // width*height*4 bytes, row-major, R G B A

  Image() = default;
  Image(int w, int h)
      : width(w),
        height(h),
        rgba(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4, 0) {}
  [[nodiscard]] bool empty() const { return width <= 0 || height <= 0; }
  // The pixel at (x, y); (0,0,0,0) outside the image.
  [[nodiscard]] Color at(int x, int y) const;
  void set(int x, int y, Color c);
};

// Loads a PNG (any colour type) as RGBA8, or says why it cannot.
Result<Image> load_png(const std::filesystem::path& path);

// Writes an RGBA8 PNG (the error names the file). The parent directory must exist.
Result<void> save_png(const Image& image, const std::filesystem::path& path);

}  // namespace kiosk::render
