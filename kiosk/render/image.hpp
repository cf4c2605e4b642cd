// Image: an RGBA8 pixel buffer with PNG load/save (SDL_image), for screenshots and golden tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry.hpp"

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

// Loads a PNG (any colour type) as RGBA8; nullopt with `error` set when it cannot.
std::optional<Image> load_png(const std::filesystem::path& path, std::string& error);

// Writes an RGBA8 PNG; false with `error` set when it cannot. The parent directory must exist.
bool save_png(const Image& image, const std::filesystem::path& path, std::string& error);

}  // namespace kiosk::render
