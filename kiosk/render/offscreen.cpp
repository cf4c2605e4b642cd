// Offscreen rendering on an SDL_Surface with the software renderer.
#include "render/offscreen.hpp"

#include <SDL.h>

#include <cstring>

namespace kiosk::render {

struct Offscreen::Impl {
  SDL_Surface* surface = nullptr;
  SDL_Renderer* sdl = nullptr;
  std::unique_ptr<Renderer> renderer;

  ~Impl() {
    renderer.reset();
    if (sdl != nullptr) SDL_DestroyRenderer(sdl);
    if (surface != nullptr) SDL_FreeSurface(surface);
  }
};

Result<Offscreen> Offscreen::create(int width, int height, FontLibrary& fonts,
                                    RendererOptions options) {
  if (width < 1 || height < 1 || width > 16384 || height > 16384) {
    return Error{"offscreen size " + std::to_string(width) + "x" + std::to_string(height) +
                 " is outside 1..16384"};
  }
  auto impl = std::make_unique<Impl>();
  impl->surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGB888);
  if (impl->surface == nullptr)
    return Error{std::string("cannot create a surface: ") + SDL_GetError()};
  impl->sdl = SDL_CreateSoftwareRenderer(impl->surface);
  if (impl->sdl == nullptr) {
    return Error{std::string("cannot create a software renderer: ") + SDL_GetError()};
  }
  impl->renderer = std::make_unique<Renderer>(impl->sdl, fonts, options);
  impl->renderer->set_surface(impl->surface);
  return Offscreen(std::move(impl));
}

Offscreen::Offscreen(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Offscreen::~Offscreen() = default;
Offscreen::Offscreen(Offscreen&&) noexcept = default;
Offscreen& Offscreen::operator=(Offscreen&&) noexcept = default;

int Offscreen::width() const { return impl_->surface->w; }
int Offscreen::height() const { return impl_->surface->h; }
Renderer& Offscreen::renderer() { return *impl_->renderer; }

void Offscreen::draw(const draw::DisplayList& list) {
  impl_->renderer->draw(list);
  SDL_RenderFlush(impl_->sdl);
}

std::vector<PixelRect> Offscreen::draw_changes(const draw::DisplayList& list) {
  auto rects = impl_->renderer->draw_changes(list);
  SDL_RenderFlush(impl_->sdl);
  return rects;
}

Color Offscreen::pixel(int x, int y) const {
  const SDL_Surface* s = impl_->surface;
  if (x < 0 || y < 0 || x >= s->w || y >= s->h) return {0, 0, 0, 0};
  const auto* row =
      static_cast<const std::uint8_t*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch;
  Uint32 p = 0;
  std::memcpy(&p, row + static_cast<std::ptrdiff_t>(x) * 4, sizeof p);
  Uint8 r = 0, g = 0, b = 0;
  SDL_GetRGB(p, s->format, &r, &g, &b);
  return {r, g, b, 255};
}

Image Offscreen::image() const {
  const SDL_Surface* s = impl_->surface;
  Image out(s->w, s->h);
  // The surface is XRGB8888 (created above): one 32-bit word per pixel, 0x00RRGGBB.
  std::uint8_t* dst = out.rgba.data();
  for (int y = 0; y < s->h; ++y) {
    const auto* row =
        static_cast<const std::uint8_t*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch;
    for (int x = 0; x < s->w; ++x) {
      Uint32 p = 0;
      std::memcpy(&p, row + static_cast<std::ptrdiff_t>(x) * 4, sizeof p);
      *dst++ = static_cast<std::uint8_t>(p >> 16);
      *dst++ = static_cast<std::uint8_t>(p >> 8);
      *dst++ = static_cast<std::uint8_t>(p);
      *dst++ = 255;
    }
  }
  return out;
}

void Offscreen::copy_frame(XrgbFrame& out) const {
  const SDL_Surface* s = impl_->surface;
  out.width = s->w;
  out.height = s->h;
  const auto row = static_cast<std::size_t>(s->w);
  out.pixels.resize(row * static_cast<std::size_t>(s->h));
  for (int y = 0; y < s->h; ++y) {
    std::memcpy(
        out.pixels.data() + row * static_cast<std::size_t>(y),
        static_cast<const std::uint8_t*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch,
        row * 4);
  }
}

Result<void> Offscreen::save_png(const std::filesystem::path& path) const {
  // Encoded from the surface in place (XRGB8888, see the constructor): no RGBA copy of the frame.
  const SDL_Surface* s = impl_->surface;
  return write_png_bytes(encode_png(static_cast<const std::uint32_t*>(s->pixels), s->w, s->h,
                                    static_cast<std::size_t>(s->pitch) / 4),
                         path);
}

Result<void> render_png(const draw::DisplayList& list, int width, int height, FontLibrary& fonts,
                        const std::filesystem::path& path) {
  auto off = Offscreen::create(width, height, fonts);
  if (!off) return off.error();
  off->draw(list);
  return off->save_png(path);
}

}  // namespace kiosk::render
