// Renderer: DisplayList -> SDL_Renderer calls, line texture LRU cache, rounded rects, QR codes,
// clips.
#include "render/renderer.hpp"

#include <SDL.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <list>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "render/damage.hpp"
#include "render/pixels.hpp"

namespace kiosk::render {
namespace {

SDL_Rect sdl_rect(const IRect& r) { return {r.x0, r.y0, std::max(0, r.w()), std::max(0, r.h())}; }

// Which corner a mask is for; masks are drawn unflipped (flips are slow on the software renderer).
enum Corner { TopLeft = 0, TopRight = 1, BottomLeft = 2, BottomRight = 3 };

// A straight-alpha ARGB8888 pixel of colour c at coverage 0–255.
Uint32 argb(Color c, int coverage) {
  const auto a = static_cast<Uint32>((coverage * c.a + 127) / 255);
  return (a << 24) | (static_cast<Uint32>(c.r) << 16) | (static_cast<Uint32>(c.g) << 8) | c.b;
}

struct LineTexture {
  std::string key;
  SDL_Texture* texture = nullptr;
  int width = 0, height = 0;
  int origin_x = 0, origin_y = 0;
  std::size_t bytes = 0;
};

}  // namespace

struct Renderer::Impl final : DamageTarget {
  SDL_Renderer* sdl;
  FontLibrary& fonts;
  RendererOptions options;
  int max_texture_width = 16384;

  std::list<LineTexture> lru;  // front: most recently drawn
  std::unordered_map<std::string, std::list<LineTexture>::iterator> index;
  std::size_t texture_bytes = 0;
  // Corner textures keyed by (radius, inner radius or -1 for a filled quarter disc, RGBA colour).
  std::map<std::tuple<int, int, std::uint32_t>, std::array<SDL_Texture*, 4>> corners;

  RenderStats stats;
  std::vector<IRect> clips;
  IRect clip;
  std::string key;  // reused buffer

  Impl(SDL_Renderer* r, FontLibrary& f, RendererOptions o) : sdl(r), fonts(f), options(o) {
    const char* debug = std::getenv("KIOSK_DEBUG_DAMAGE");
    debug_damage = o.debug_damage || (debug != nullptr && std::string_view(debug) == "1");
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(sdl, &info) == 0 && info.max_texture_width > 0) {
      max_texture_width = info.max_texture_width;
    }
  }
  ~Impl() {
    drop_textures();
    drop_corners();
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void drop_textures() {
    for (auto& t : lru) {
      if (t.texture != nullptr) SDL_DestroyTexture(t.texture);
    }
    lru.clear();
    index.clear();
    texture_bytes = 0;
  }
  void drop_corners() {
    for (auto& [k, masks] : corners) {
      for (SDL_Texture* t : masks) {
        if (t != nullptr) SDL_DestroyTexture(t);
      }
    }
    corners.clear();
  }

  bool clip_empty() const { return clip.empty(); }

  void apply_clip() {
    const SDL_Rect r = sdl_rect(clip);
    SDL_RenderSetClipRect(sdl, &r);
  }

  void set_color(Color c) {
    SDL_SetRenderDrawBlendMode(sdl, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(sdl, c.r, c.g, c.b, c.a);
  }

  void fill(const IRect& r, Color c) {
    if (r.empty() || c.a == 0) return;
    set_color(c);
    const SDL_Rect s = sdl_rect(r);
    SDL_RenderFillRect(sdl, &s);
  }

  // One corner of a rounded rect (outer radius, optional inner radius for a border ring) in its
  // colour with antialiased coverage, as four textures, one per corner. The colour is baked in:
  // SDL's software renderer blends colour-modulated textures about 10× slower than plain ones.
  const std::array<SDL_Texture*, 4>& corner_textures(int radius, int inner, Color c) {
    const auto k = std::make_tuple(radius, inner, pack(c));
    if (const auto it = corners.find(k); it != corners.end()) return it->second;
    if (corners.size() > 256) drop_corners();
    std::array<SDL_Texture*, 4> masks{};
    std::vector<Uint32> pixels(static_cast<std::size_t>(radius) * static_cast<std::size_t>(radius));
    constexpr int kSub = 4;
    for (int corner = 0; corner < 4; ++corner) {
      const bool right = corner == TopRight || corner == BottomRight;
      const bool bottom = corner == BottomLeft || corner == BottomRight;
      for (int y = 0; y < radius; ++y) {
        for (int x = 0; x < radius; ++x) {
          int covered = 0;
          for (int sy = 0; sy < kSub; ++sy) {
            for (int sx = 0; sx < kSub; ++sx) {
              // Sample point relative to the circle centre, which is the mask's inner corner.
              const double px = x + (sx + 0.5) / kSub;
              const double py = y + (sy + 0.5) / kSub;
              const double dx = right ? px : radius - px;
              const double dy = bottom ? py : radius - py;
              const double d2 = dx * dx + dy * dy;
              const bool in_outer = d2 <= static_cast<double>(radius) * radius;
              const bool in_inner = inner > 0 && d2 < static_cast<double>(inner) * inner;
              if (in_outer && !in_inner) ++covered;
            }
          }
          const int coverage = (covered * 255 + kSub * kSub / 2) / (kSub * kSub);
          pixels[static_cast<std::size_t>(y * radius + x)] = argb(c, coverage);
        }
      }
      SDL_Texture* t = SDL_CreateTexture(sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                         radius, radius);
      if (t != nullptr) {
        SDL_UpdateTexture(t, nullptr, pixels.data(), radius * 4);
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
      }
      masks[static_cast<std::size_t>(corner)] = t;
    }
    return corners.emplace(k, masks).first->second;
  }

  void draw_corners(const IRect& r, int radius, int inner, Color c) {
    const auto& masks = corner_textures(radius, inner, c);
    const std::array<SDL_Rect, 4> at{SDL_Rect{r.x0, r.y0, radius, radius},
                                     SDL_Rect{r.x1 - radius, r.y0, radius, radius},
                                     SDL_Rect{r.x0, r.y1 - radius, radius, radius},
                                     SDL_Rect{r.x1 - radius, r.y1 - radius, radius, radius}};
    for (std::size_t i = 0; i < 4; ++i) {
      if (masks[i] == nullptr) continue;
      SDL_RenderCopy(sdl, masks[i], nullptr, &at[i]);
    }
  }

  void fill_rounded(const IRect& r, int radius, Color c) {
    if (r.empty() || c.a == 0) return;
    radius = std::min({radius, r.w() / 2, r.h() / 2});
    if (radius <= 0) {
      fill(r, c);
      return;
    }
    draw_corners(r, radius, -1, c);
    fill({r.x0 + radius, r.y0, r.x1 - radius, r.y0 + radius}, c);
    fill({r.x0, r.y0 + radius, r.x1, r.y1 - radius}, c);
    fill({r.x0 + radius, r.y1 - radius, r.x1 - radius, r.y1}, c);
  }

  void stroke_rounded(const IRect& r, int radius, int width, Color c) {
    if (r.empty() || c.a == 0 || width <= 0) return;
    radius = std::min({radius, r.w() / 2, r.h() / 2});
    if (radius <= 0) {
      fill({r.x0, r.y0, r.x1, r.y0 + width}, c);
      fill({r.x0, r.y1 - width, r.x1, r.y1}, c);
      fill({r.x0, r.y0 + width, r.x0 + width, r.y1 - width}, c);
      fill({r.x1 - width, r.y0 + width, r.x1, r.y1 - width}, c);
      return;
    }
    draw_corners(r, radius, radius - width, c);
    fill({r.x0 + radius, r.y0, r.x1 - radius, r.y0 + width}, c);
    fill({r.x0 + radius, r.y1 - width, r.x1 - radius, r.y1}, c);
    fill({r.x0, r.y0 + radius, r.x0 + width, r.y1 - radius}, c);
    fill({r.x1 - width, r.y0 + radius, r.x1, r.y1 - radius}, c);
  }

  void draw(const draw::FillRect& f) {
    if (!finite(f.rect) || clip_empty()) return;
    const IRect r = to_pixels(f.rect);
    if (r.empty() || !r.overlaps(clip)) return;
    const int border = std::clamp(std::isfinite(f.border_width) ? round_px(f.border_width) : 0, 0,
                                  std::min(r.w(), r.h()) / 2);
    const int radius = std::max(0, std::isfinite(f.radius) ? round_px(f.radius) : 0);
    if (border > 0) {
      fill_rounded({r.x0 + border, r.y0 + border, r.x1 - border, r.y1 - border},
                   std::max(0, radius - border), f.color);
      stroke_rounded(r, radius, border, f.border_color);
    } else {
      fill_rounded(r, radius, f.color);
    }
  }

  void draw(const draw::QrCode& q) {
    if (!finite(q.rect) || clip_empty() || q.size <= 0 || !q.modules) return;
    const auto n = static_cast<std::size_t>(q.size);
    if (q.modules->size() < n * n) return;
    const IRect r = to_pixels(q.rect);
    if (r.empty() || !r.overlaps(clip)) return;
    fill(r, q.light);
    const int module = std::max(1, std::min(r.w(), r.h()) / q.size);
    const int ox = r.x0 + (r.w() - module * q.size) / 2;
    const int oy = r.y0 + (r.h() - module * q.size) / 2;
    std::vector<SDL_Rect> dark;
    for (int y = 0; y < q.size; ++y) {
      int x = 0;
      while (x < q.size) {
        if ((*q.modules)[static_cast<std::size_t>(y) * n + static_cast<std::size_t>(x)] == 0) {
          ++x;
          continue;
        }
        const int start = x;
        while (x < q.size &&
               (*q.modules)[static_cast<std::size_t>(y) * n + static_cast<std::size_t>(x)] != 0)
          ++x;
        dark.push_back({ox + start * module, oy + y * module, (x - start) * module, module});
      }
    }
    if (dark.empty() || q.dark.a == 0) return;
    set_color(q.dark);
    SDL_RenderFillRects(sdl, dark.data(), static_cast<int>(dark.size()));
  }

  const LineTexture* line_texture(const draw::TextRun& t, int px) {
    key.assign(t.text);
    key.push_back('\0');
    key += std::to_string(px);
    key.push_back(t.style.bold ? 'b' : 'r');
    const std::uint32_t colour = pack(t.style.color);
    key.append(reinterpret_cast<const char*>(&colour), sizeof colour);
    if (const auto it = index.find(key); it != index.end()) {
      ++stats.hits;
      lru.splice(lru.begin(), lru, it->second);
      return &*it->second;
    }
    ++stats.misses;
    ++stats.text_rasterised;
    const LineBitmap bitmap =
        fonts.rasterise_line(t.text, px, t.style.bold, max_texture_width - 64);
    LineTexture entry;
    entry.key = key;
    entry.width = std::min(bitmap.width, max_texture_width);
    entry.height = bitmap.height;
    entry.origin_x = bitmap.origin_x;
    entry.origin_y = bitmap.origin_y;
    if (entry.width > 0 && entry.height > 0) {
      std::vector<Uint32> pixels(static_cast<std::size_t>(entry.width) *
                                 static_cast<std::size_t>(entry.height));
      for (int y = 0; y < entry.height; ++y) {
        const std::uint8_t* src = bitmap.alpha.data() + static_cast<std::size_t>(y) *
                                                            static_cast<std::size_t>(bitmap.width);
        Uint32* dst =
            pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(entry.width);
        for (int x = 0; x < entry.width; ++x) dst[x] = argb(t.style.color, src[x]);
      }
      entry.texture = SDL_CreateTexture(sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                        entry.width, entry.height);
      if (entry.texture != nullptr) {
        SDL_UpdateTexture(entry.texture, nullptr, pixels.data(), entry.width * 4);
        SDL_SetTextureBlendMode(entry.texture, SDL_BLENDMODE_BLEND);
        entry.bytes = pixels.size() * 4;
      }
    }
    entry.bytes += entry.key.size() + sizeof(LineTexture);
    texture_bytes += entry.bytes;
    lru.push_front(std::move(entry));
    index.emplace(lru.front().key, lru.begin());
    // Evict least recently drawn lines, never the one just made.
    while (texture_bytes > options.texture_cache_bytes && lru.size() > 1) {
      LineTexture& old = lru.back();
      if (old.texture != nullptr) SDL_DestroyTexture(old.texture);
      texture_bytes -= old.bytes;
      index.erase(old.key);
      lru.pop_back();
      ++stats.evictions;
    }
    return &lru.front();
  }

  void draw(const draw::TextRun& t) {
    if (t.text.empty() || clip_empty() || !std::isfinite(t.origin.x) || !std::isfinite(t.origin.y))
      return;
    const int px = pixel_size(t.style.size_px);
    const LineMetrics lm = fonts.line_metrics(px, t.style.bold);
    const int x = round_px(t.origin.x);
    const int y = round_px(t.origin.y);
    // Ink can reach a little outside the line box; half an em is a safe margin for culling.
    const int margin = px / 2 + 2;
    if (y - margin >= clip.y1 || y + lm.line_height + margin <= clip.y0 || x - margin >= clip.x1) {
      ++stats.text_culled;
      return;
    }
    const LineTexture* line = line_texture(t, px);
    if (line == nullptr || line->texture == nullptr) return;
    const IRect dst{x - line->origin_x, y - line->origin_y, x - line->origin_x + line->width,
                    y - line->origin_y + line->height};
    if (!dst.overlaps(clip)) {
      ++stats.text_culled;
      return;
    }
    const SDL_Rect d = sdl_rect(dst);
    SDL_RenderCopy(sdl, line->texture, nullptr, &d);
    ++stats.text_drawn;
  }

  void push_clip(const draw::PushClip& c) {
    clips.push_back(clip);
    clip = finite(c.rect) ? clip.intersect(to_pixels(c.rect)) : IRect{};
    if (!clip_empty()) apply_clip();
  }

  void pop_clip() {
    if (clips.empty()) return;
    clip = clips.back();
    clips.pop_back();
    if (!clip_empty()) apply_clip();
  }

  void run_commands(const draw::DisplayList& list) {
    for (const auto& command : list.commands) {
      if (const auto* f = std::get_if<draw::FillRect>(&command)) {
        draw(*f);
      } else if (const auto* t = std::get_if<draw::TextRun>(&command)) {
        draw(*t);
      } else if (const auto* q = std::get_if<draw::QrCode>(&command)) {
        draw(*q);
      } else if (const auto* c = std::get_if<draw::PushClip>(&command)) {
        push_clip(*c);
      } else {
        pop_clip();
      }
    }
  }

  void draw_list(const draw::DisplayList& list) {
    const auto started = std::chrono::steady_clock::now();
    stats.commands = list.commands.size();
    stats.text_drawn = stats.text_culled = stats.text_rasterised = 0;
    damage.invalidate();  // draw_changes() hashes are not kept for this frame
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(sdl, &w, &h) != 0) return;
    SDL_RenderSetViewport(sdl, nullptr);
    SDL_RenderSetClipRect(sdl, nullptr);
    SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(sdl, list.background.r, list.background.g, list.background.b,
                           list.background.a);
    SDL_RenderClear(sdl);
    clips.clear();
    clip = {0, 0, w, h};
    apply_clip();
    run_commands(list);
    SDL_RenderSetClipRect(sdl, nullptr);
    stats.repainted_pixels = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    stats.draw_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
  }

  // --- Damage tracking (draw_changes): the algorithm is in damage.hpp; here the drawing side.
  DamageTracker damage;
  SDL_Surface* target_surface = nullptr;  // an offscreen renderer's surface (set_surface)
  // KIOSK_DEBUG_DAMAGE=1 (or RendererOptions::debug_damage): draw_changes tints what it repaints,
  // in a hue that changes every frame, so a screen shows which rectangles each frame redrew.
  bool debug_damage = false;
  unsigned debug_frame = 0;

  // What one drawing command puts on the target, mirroring draw()'s geometry and culling: its
  // unclipped bounds, its key without the vertical position, and that position. false: nothing.
  bool shape(const draw::DrawCommand& command, const IRect& c, Shape& out) override {
    if (const auto* f = std::get_if<draw::FillRect>(&command)) {
      if (!finite(f->rect)) return false;
      const IRect r = to_pixels(f->rect);
      if (r.empty() || !r.overlaps(c)) return false;
      const int border = std::clamp(std::isfinite(f->border_width) ? round_px(f->border_width) : 0,
                                    0, std::min(r.w(), r.h()) / 2);
      const int radius = std::max(0, std::isfinite(f->radius) ? round_px(f->radius) : 0);
      out.bounds = r;
      out.y = r.y0;
      out.key = mix(mix(mix(mix(mix(1, pair(r.x0, r.x1)), pair(r.h(), border)),
                            static_cast<std::uint64_t>(radius)),
                        pack(f->color)),
                    pack(f->border_color));
      out.base_fill = border == 0 && radius == 0 && f->color.a == 255;
      out.color = f->color;
      return true;
    }
    if (const auto* t = std::get_if<draw::TextRun>(&command)) {
      if (t->text.empty() || !std::isfinite(t->origin.x) || !std::isfinite(t->origin.y))
        return false;
      const int px = pixel_size(t->style.size_px);
      const LineMetrics lm = fonts.line_metrics(px, t->style.bold);
      const int x = round_px(t->origin.x);
      const int y = round_px(t->origin.y);
      const int margin = px / 2 + 2;
      if (y - margin >= c.y1 || y + lm.line_height + margin <= c.y0 || x - margin >= c.x1)
        return false;
      const LineTexture* line = line_texture(*t, px);
      if (line == nullptr || line->texture == nullptr) return false;
      out.bounds = {x - line->origin_x, y - line->origin_y, x - line->origin_x + line->width,
                    y - line->origin_y + line->height};
      if (!out.bounds.overlaps(c)) return false;
      out.y = y;
      out.key = mix(mix(mix(2, std::hash<std::string_view>{}(t->text)), pair(x, px)),
                    pair(static_cast<int>(pack(t->style.color)), t->style.bold ? 1 : 0));
      out.base_fill = false;
      return true;
    }
    if (const auto* q = std::get_if<draw::QrCode>(&command)) {
      if (!finite(q->rect) || q->size <= 0 || !q->modules) return false;
      const auto n = static_cast<std::size_t>(q->size);
      if (q->modules->size() < n * n) return false;
      const IRect r = to_pixels(q->rect);
      if (r.empty() || !r.overlaps(c)) return false;
      const int module = std::max(1, std::min(r.w(), r.h()) / q->size);
      const int ox = r.x0 + (r.w() - module * q->size) / 2;
      const int oy = r.y0 + (r.h() - module * q->size) / 2;
      out.bounds = {std::min(r.x0, ox), std::min(r.y0, oy), std::max(r.x1, ox + module * q->size),
                    std::max(r.y1, oy + module * q->size)};
      out.y = r.y0;
      out.key = mix(mix(mix(mix(mix(3, pair(r.x0, r.x1)), pair(r.h(), q->size)), pack(q->dark)),
                        pack(q->light)),
                    std::hash<std::string_view>{}(std::string_view(
                        reinterpret_cast<const char*>(q->modules->data()), n * n)));
      out.base_fill = false;
      return true;
    }
    return false;
  }

  // Moves the pixels of `from` by dy within the target surface (the pixels the software renderer
  // drew, which draw_changes() keeps); false when the target's pixels are not reachable.
  bool move_pixels(const IRect& from, int dy) override {
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(sdl, &info) != 0 || (info.flags & SDL_RENDERER_SOFTWARE) == 0)
      return false;
    SDL_Surface* surface = target_surface;
    if (surface == nullptr) {
      SDL_Window* window = SDL_RenderGetWindow(sdl);
      if (window != nullptr) surface = SDL_GetWindowSurface(window);
    }
    if (surface == nullptr) return false;
    const IRect src = from.intersect({0, 0, surface->w, surface->h});
    const IRect dst = shifted(src, dy).intersect({0, 0, surface->w, surface->h});
    if (dst.empty()) return true;
    SDL_RenderFlush(sdl);
    if (SDL_MUSTLOCK(surface) && SDL_LockSurface(surface) != 0) return false;
    const int bpp = surface->format->BytesPerPixel;
    const std::size_t bytes = static_cast<std::size_t>(dst.w()) * static_cast<std::size_t>(bpp);
    auto* base = static_cast<std::uint8_t*>(surface->pixels);
    const auto row = [&](int y) {
      return base + static_cast<std::ptrdiff_t>(y) * surface->pitch + dst.x0 * bpp;
    };
    if (dy > 0) {
      for (int y = dst.y1 - 1; y >= dst.y0; --y) std::memmove(row(y), row(y - dy), bytes);
    } else {
      for (int y = dst.y0; y < dst.y1; ++y) std::memmove(row(y), row(y - dy), bytes);
    }
    if (SDL_MUSTLOCK(surface)) SDL_UnlockSurface(surface);
    return true;
  }

  void repaint(const draw::DisplayList& list, const IRect& r) override {
    // The clear of draw(), limited to r (it ignores the clip and writes the colour as is).
    const SDL_Rect area = sdl_rect(r);
    SDL_RenderSetClipRect(sdl, &area);
    SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(sdl, list.background.r, list.background.g, list.background.b,
                           list.background.a);
    SDL_RenderFillRect(sdl, &area);
    clips.clear();
    clip = r;
    apply_clip();
    run_commands(list);
    stats.repainted_pixels += static_cast<std::size_t>(r.w()) * static_cast<std::size_t>(r.h());
    if (debug_damage) tint(r);
  }

  void draw_all(const draw::DisplayList& list) override {
    draw_list(list);
    if (debug_damage) {
      int w = 0, h = 0;
      if (SDL_GetRendererOutputSize(sdl, &w, &h) == 0) tint({0, 0, w, h});
    }
  }

  void tint(const IRect& r) {
    static constexpr std::array<Color, 3> kTints{Color{255, 0, 160, 56}, Color{0, 160, 255, 56},
                                                 Color{255, 200, 0, 64}};
    const SDL_Rect area = sdl_rect(r);
    SDL_RenderSetClipRect(sdl, &area);
    SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_BLEND);
    const Color c = kTints[debug_frame % kTints.size()];
    SDL_SetRenderDrawColor(sdl, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(sdl, &area);
  }

  std::vector<PixelRect> draw_changes(const draw::DisplayList& list) {
    const auto started = std::chrono::steady_clock::now();
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(sdl, &w, &h) != 0) return {};
    stats.commands = list.commands.size();
    stats.text_drawn = stats.text_culled = stats.text_rasterised = 0;
    stats.repainted_pixels = 0;
    stats.moved_regions = 0;
    ++debug_frame;
    SDL_RenderSetViewport(sdl, nullptr);
    const std::vector<IRect> shown = damage.draw_changes(list, w, h, *this, stats.moved_regions);
    SDL_RenderSetClipRect(sdl, nullptr);
    std::vector<PixelRect> out;
    for (const IRect& r : shown) out.push_back({r.x0, r.y0, r.w(), r.h()});
    stats.draw_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return out;
  }
};

Renderer::Renderer(SDL_Renderer* target, FontLibrary& fonts, RendererOptions options)
    : impl_(std::make_unique<Impl>(target, fonts, options)) {}

Renderer::~Renderer() = default;

void Renderer::draw(const draw::DisplayList& list) { impl_->draw_list(list); }

std::vector<PixelRect> Renderer::draw_changes(const draw::DisplayList& list) {
  return impl_->draw_changes(list);
}

void Renderer::invalidate() { impl_->damage.invalidate(); }

void Renderer::set_surface(SDL_Surface* surface) { impl_->target_surface = surface; }

RenderStats Renderer::stats() const {
  RenderStats s = impl_->stats;
  s.textures = impl_->lru.size();
  s.texture_bytes = impl_->texture_bytes;
  s.texture_budget = impl_->options.texture_cache_bytes;
  s.fonts = impl_->fonts.stats();
  return s;
}

void Renderer::clear_cache() {
  impl_->drop_textures();
  impl_->drop_corners();
  impl_->stats.hits = impl_->stats.misses = impl_->stats.evictions = 0;
}

}  // namespace kiosk::render
