// png_bench: the project's PNG encoder (render/png.hpp) beside libpng through SDL_image
// (IMG_SavePNG, what `kiosk --screenshot` used) and libspng (libspng-dev; its defaults, and set to
// the project's filter and zlib strategy), on one frame, for the
// choice README records. Usage: png_bench FRAME.png [REPEATS] (e.g. a `kiosk --screenshot` of
// --screen notices at 1920x1080). Each encoder writes the frame to a file in /tmp REPEATS times
// (default 15); prints one JSON object: median and minimum milliseconds and the file's size.
#include <SDL.h>
#include <SDL_image.h>
#include <spng.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "render/image.hpp"
#include "render/png.hpp"

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

bool write_file(const std::string& path, const void* data, std::size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(data, 1, size, f) == size;
  return std::fclose(f) == 0 && ok;
}

// libspng: 8-bit RGB, encoded to memory, then written; with its default filter choice and zlib
// strategy, or `tuned` as render/png.hpp encodes (Up filter, Z_RLE).
bool spng_write(const std::vector<std::uint8_t>& rgb, int w, int h, const std::string& path,
                bool tuned) {
  spng_ctx* ctx = spng_ctx_new(SPNG_CTX_ENCODER);
  if (ctx == nullptr) return false;
  spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1);
  if (tuned) {
    spng_set_option(ctx, SPNG_FILTER_CHOICE, SPNG_FILTER_CHOICE_UP);
    spng_set_option(ctx, SPNG_IMG_COMPRESSION_STRATEGY, 3);  // Z_RLE
  }
  spng_ihdr ihdr{};
  ihdr.width = static_cast<std::uint32_t>(w);
  ihdr.height = static_cast<std::uint32_t>(h);
  ihdr.bit_depth = 8;
  ihdr.color_type = SPNG_COLOR_TYPE_TRUECOLOR;
  spng_set_ihdr(ctx, &ihdr);
  int error = spng_encode_image(ctx, rgb.data(), rgb.size(), SPNG_FMT_PNG, SPNG_ENCODE_FINALIZE);
  std::size_t size = 0;
  void* png = error == 0 ? spng_get_png_buffer(ctx, &size, &error) : nullptr;
  spng_ctx_free(ctx);
  const bool ok = png != nullptr && write_file(path, png, size);
  std::free(png);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: png_bench FRAME.png [REPEATS]\n";
    return 2;
  }
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 15;
  const auto image = kiosk::render::load_png(argv[1]);
  if (!image) {
    std::cerr << "png_bench: " << image.error().what << "\n";
    return 1;
  }
  const int w = image->width, h = image->height;
  kiosk::render::XrgbFrame frame{
      w, h, std::vector<std::uint32_t>(static_cast<std::size_t>(w) * static_cast<std::size_t>(h))};
  std::vector<std::uint8_t> rgb(frame.pixels.size() * 3);
  for (std::size_t i = 0; i < frame.pixels.size(); ++i) {
    const std::uint8_t* p = image->rgba.data() + i * 4;
    frame.pixels[i] = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
    std::copy(p, p + 3, rgb.begin() + static_cast<std::ptrdiff_t>(i * 3));
  }
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormatFrom(
      const_cast<std::uint8_t*>(image->rgba.data()), w, h, 32, w * 4, SDL_PIXELFORMAT_RGBA32);
  const std::string dir = std::filesystem::temp_directory_path().string() + "/png_bench_";
  struct Row {
    const char* name;
    std::string path;
    std::vector<double> ms;
  };
  std::vector<Row> rows{{"kiosk_encode_png", dir + "kiosk.png", {}},
                        {"sdl_image_libpng", dir + "libpng.png", {}},
                        {"libspng", dir + "spng.png", {}},
                        {"libspng_up_rle", dir + "spng_rle.png", {}}};
  for (int r = 0; r < repeats; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    if (!kiosk::render::write_png(frame, rows[0].path)) return 1;
    rows[0].ms.push_back(ms_since(t0));
    t0 = std::chrono::steady_clock::now();
    if (surface == nullptr || IMG_SavePNG(surface, rows[1].path.c_str()) != 0) return 1;
    rows[1].ms.push_back(ms_since(t0));
    t0 = std::chrono::steady_clock::now();
    if (!spng_write(rgb, w, h, rows[2].path, false)) return 1;
    rows[2].ms.push_back(ms_since(t0));
    t0 = std::chrono::steady_clock::now();
    if (!spng_write(rgb, w, h, rows[3].path, true)) return 1;
    rows[3].ms.push_back(ms_since(t0));
  }
  SDL_FreeSurface(surface);
  std::cout << "{\n  \"frame\": \"" << argv[1] << "\",\n  \"size\": \"" << w << "x" << h
            << "\",\n  \"repeats\": " << repeats;
  for (auto& row : rows) {
    std::sort(row.ms.begin(), row.ms.end());
    std::cout << ",\n  \"" << row.name << "\": {\"median_ms\": " << std::fixed
              << std::setprecision(1) << row.ms[row.ms.size() / 2]
              << ", \"min_ms\": " << row.ms.front()
              << ", \"bytes\": " << std::filesystem::file_size(row.path) << "}";
    std::filesystem::remove(row.path);
  }
  std::cout << "\n}\n";
  return 0;
}
