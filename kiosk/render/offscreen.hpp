// Offscreen: renders DisplayLists at W×H with no display at all (a software SDL_Renderer on an
// SDL_Surface) and reads the pixels back or writes a PNG: `kiosk --screenshot`, `kioskctl preview`,
// golden tests.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "render/image.hpp"
#include "render/png.hpp"
#include "render/renderer.hpp"

namespace kiosk::render {

// Contract: needs no SDL_Init and no video driver (SDL_CreateSoftwareRenderer on an XRGB8888
// surface). Results are the same pixels a window would show with the software renderer.
// The FontLibrary must outlive the Offscreen. One thread only.
class Offscreen {
 public:
  // An offscreen target of width×height, or why there is none (a size outside 1..16384, or SDL
  // cannot allocate the surface or the renderer).
  static Result<Offscreen> create(int width, int height, FontLibrary& fonts,
                                  RendererOptions options = {});
  ~Offscreen();
  Offscreen(Offscreen&&) noexcept;
  Offscreen& operator=(Offscreen&&) noexcept;
  Offscreen(const Offscreen&) = delete;
  Offscreen& operator=(const Offscreen&) = delete;

  [[nodiscard]] int width() const;
  [[nodiscard]] int height() const;
  // Draws the list (see Renderer::draw) and flushes, so image()/pixel() see the result.
  void draw(const draw::DisplayList& list);
  // Renderer::draw_changes on this surface, flushed: repaints what differs from the last frame.
  std::vector<PixelRect> draw_changes(const draw::DisplayList& list);
  [[nodiscard]] Color pixel(int x, int y) const;  // alpha is always 255
  [[nodiscard]] Image image() const;              // RGBA8, alpha 255
  // The pixels as they are (0x00RRGGBB words), into `out` (its buffer reused): a plain copy, for
  // encoders that run on another thread while the next frame draws (kioskctl preview).
  void copy_frame(XrgbFrame& out) const;
  // Writes the current pixels as PNG (render/png.hpp's encoder, straight from the surface).
  [[nodiscard]] Result<void> save_png(const std::filesystem::path& path) const;
  Renderer& renderer();

 private:
  struct Impl;
  explicit Offscreen(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One-shot: draw `list` at width×height and write a PNG.
Result<void> render_png(const draw::DisplayList& list, int width, int height, FontLibrary& fonts,
                        const std::filesystem::path& path);

}  // namespace kiosk::render
