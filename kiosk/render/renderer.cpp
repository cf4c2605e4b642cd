// Renderer: DisplayList -> SDL_Renderer calls, line texture LRU cache, rounded rects, QR codes, clips.
#include "render/renderer.hpp"

#include <SDL.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <list>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace kiosk::render {
namespace {

struct IRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  [[nodiscard]] int w() const { return x1 - x0; }
  [[nodiscard]] int h() const { return y1 - y0; }
  [[nodiscard]] bool empty() const { return x1 <= x0 || y1 <= y0; }
  [[nodiscard]] IRect intersect(const IRect& o) const {
    return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
  }
  [[nodiscard]] bool overlaps(const IRect& o) const { return !intersect(o).empty(); }
  [[nodiscard]] SDL_Rect sdl() const { return {x0, y0, std::max(0, w()), std::max(0, h())}; }
};

bool finite(const Rect& r) {
  return std::isfinite(r.x) && std::isfinite(r.y) && std::isfinite(r.w) && std::isfinite(r.h);
}

int round_px(float v) { return static_cast<int>(std::clamp(std::lround(v), -(1L << 24), 1L << 24)); }

IRect to_pixels(const Rect& r) { return {round_px(r.x), round_px(r.y), round_px(r.x + r.w), round_px(r.y + r.h)}; }

// Which corner a mask is for; masks are drawn unflipped (flips are slow on the software renderer).
enum Corner { TopLeft = 0, TopRight = 1, BottomLeft = 2, BottomRight = 3 };

std::uint32_t pack(Color c) {
  return (static_cast<std::uint32_t>(c.r) << 24) | (static_cast<std::uint32_t>(c.g) << 16) |
         (static_cast<std::uint32_t>(c.b) << 8) | c.a;
}

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

struct Renderer::Impl {
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
    const SDL_Rect r = clip.sdl();
    SDL_RenderSetClipRect(sdl, &r);
  }

  void set_color(Color c) {
    SDL_SetRenderDrawBlendMode(sdl, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(sdl, c.r, c.g, c.b, c.a);
  }

  void fill(const IRect& r, Color c) {
    if (r.empty() || c.a == 0) return;
    set_color(c);
    const SDL_Rect s = r.sdl();
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
      SDL_Texture* t = SDL_CreateTexture(sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, radius, radius);
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
    const std::array<SDL_Rect, 4> at{
        SDL_Rect{r.x0, r.y0, radius, radius}, SDL_Rect{r.x1 - radius, r.y0, radius, radius},
        SDL_Rect{r.x0, r.y1 - radius, radius, radius}, SDL_Rect{r.x1 - radius, r.y1 - radius, radius, radius}};
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

  void draw(const ui::FillRect& f) {
    if (!finite(f.rect) || clip_empty()) return;
    const IRect r = to_pixels(f.rect);
    if (r.empty() || !r.overlaps(clip)) return;
    const int border =
        std::clamp(std::isfinite(f.border_width) ? round_px(f.border_width) : 0, 0, std::min(r.w(), r.h()) / 2);
    const int radius = std::max(0, std::isfinite(f.radius) ? round_px(f.radius) : 0);
    if (border > 0) {
      fill_rounded({r.x0 + border, r.y0 + border, r.x1 - border, r.y1 - border}, std::max(0, radius - border), f.color);
      stroke_rounded(r, radius, border, f.border_color);
    } else {
      fill_rounded(r, radius, f.color);
    }
  }

  void draw(const ui::QrCode& q) {
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
        while (x < q.size && (*q.modules)[static_cast<std::size_t>(y) * n + static_cast<std::size_t>(x)] != 0) ++x;
        dark.push_back({ox + start * module, oy + y * module, (x - start) * module, module});
      }
    }
    if (dark.empty() || q.dark.a == 0) return;
    set_color(q.dark);
    SDL_RenderFillRects(sdl, dark.data(), static_cast<int>(dark.size()));
  }

  const LineTexture* line_texture(const ui::TextRun& t, int px) {
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
    const LineBitmap bitmap = fonts.rasterise_line(t.text, px, t.style.bold, max_texture_width - 64);
    LineTexture entry;
    entry.key = key;
    entry.width = std::min(bitmap.width, max_texture_width);
    entry.height = bitmap.height;
    entry.origin_x = bitmap.origin_x;
    entry.origin_y = bitmap.origin_y;
    if (entry.width > 0 && entry.height > 0) {
      std::vector<Uint32> pixels(static_cast<std::size_t>(entry.width) * static_cast<std::size_t>(entry.height));
      for (int y = 0; y < entry.height; ++y) {
        const std::uint8_t* src =
            bitmap.alpha.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(bitmap.width);
        Uint32* dst = pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(entry.width);
        for (int x = 0; x < entry.width; ++x) dst[x] = argb(t.style.color, src[x]);
      }
      entry.texture =
          SDL_CreateTexture(sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, entry.width, entry.height);
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

  void draw(const ui::TextRun& t) {
    if (t.text.empty() || clip_empty() || !std::isfinite(t.origin.x) || !std::isfinite(t.origin.y)) return;
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
    const SDL_Rect d = dst.sdl();
    SDL_RenderCopy(sdl, line->texture, nullptr, &d);
    ++stats.text_drawn;
  }

  void push_clip(const ui::PushClip& c) {
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

  void draw_list(const ui::DisplayList& list) {
    const auto started = std::chrono::steady_clock::now();
    stats.commands = list.commands.size();
    stats.text_drawn = stats.text_culled = stats.text_rasterised = 0;
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(sdl, &w, &h) != 0) return;
    SDL_RenderSetViewport(sdl, nullptr);
    SDL_RenderSetClipRect(sdl, nullptr);
    SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(sdl, list.background.r, list.background.g, list.background.b, list.background.a);
    SDL_RenderClear(sdl);
    clips.clear();
    clip = {0, 0, w, h};
    apply_clip();
    for (const auto& command : list.commands) {
      if (const auto* f = std::get_if<ui::FillRect>(&command)) {
        draw(*f);
      } else if (const auto* t = std::get_if<ui::TextRun>(&command)) {
        draw(*t);
      } else if (const auto* q = std::get_if<ui::QrCode>(&command)) {
        draw(*q);
      } else if (const auto* c = std::get_if<ui::PushClip>(&command)) {
        push_clip(*c);
      } else {
        pop_clip();
      }
    }
    SDL_RenderSetClipRect(sdl, nullptr);
    stats.draw_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  }
};

Renderer::Renderer(SDL_Renderer* target, FontLibrary& fonts, RendererOptions options)
    : impl_(std::make_unique<Impl>(target, fonts, options)) {}

Renderer::~Renderer() = default;

void Renderer::draw(const ui::DisplayList& list) { impl_->draw_list(list); }

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
