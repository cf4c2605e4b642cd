// PNG load for Image with SDL_image; save with the project's encoder (render/png.hpp).
#include "render/image.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <cstring>

#include "render/png.hpp"

namespace kiosk::render {

Color Image::at(int x, int y) const {
  if (x < 0 || y < 0 || x >= width || y >= height) return {0, 0, 0, 0};
  const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                         static_cast<std::size_t>(x)) *
                        4;
  return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
}

void Image::set(int x, int y, Color c) {
  if (x < 0 || y < 0 || x >= width || y >= height) return;
  const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                         static_cast<std::size_t>(x)) *
                        4;
  rgba[i] = c.r;
  rgba[i + 1] = c.g;
  rgba[i + 2] = c.b;
  rgba[i + 3] = c.a;
}

Result<Image> load_png(const std::filesystem::path& path) {
  SDL_Surface* loaded = IMG_Load(path.c_str());
  if (loaded == nullptr) return Error{"cannot read " + path.string() + ": " + IMG_GetError()};
  // SDL_PIXELFORMAT_ABGR8888 is R,G,B,A in memory order on little-endian machines.
  SDL_Surface* rgba = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_FreeSurface(loaded);
  if (rgba == nullptr) return Error{"cannot convert " + path.string() + ": " + SDL_GetError()};
  Image image(rgba->w, rgba->h);
  SDL_LockSurface(rgba);
  for (int y = 0; y < rgba->h; ++y) {
    std::memcpy(
        image.rgba.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(rgba->w) * 4,
        static_cast<const std::uint8_t*>(rgba->pixels) +
            static_cast<std::ptrdiff_t>(y) * rgba->pitch,
        static_cast<std::size_t>(rgba->w) * 4);
  }
  SDL_UnlockSurface(rgba);
  SDL_FreeSurface(rgba);
  return image;
}

Result<void> save_png(const Image& image, const std::filesystem::path& path) {
  if (image.empty()) return Error{"cannot write " + path.string() + ": the image is empty"};
  // One PNG writer for the project (render/png.hpp); alpha is dropped: every Image saved is opaque.
  XrgbFrame frame{image.width, image.height, {}};
  frame.pixels.resize(image.rgba.size() / 4);
  for (std::size_t i = 0; i < frame.pixels.size(); ++i) {
    const std::uint8_t* p = image.rgba.data() + i * 4;
    frame.pixels[i] = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
  }
  return write_png(frame, path);
}

}  // namespace kiosk::render
