// Renderer: draws a draw::DisplayList with an SDL_Renderer (a window's, or a software renderer on a
// surface), with each text line rasterised once and kept as a texture in a bounded LRU cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/geometry.hpp"
#include "draw/display_list.hpp"
#include "render/font_library.hpp"

struct SDL_Renderer;
struct SDL_Surface;

namespace kiosk::render {

struct RendererOptions {
  // Upper bound on the bytes of cached line textures (4 bytes per pixel). 12 MiB holds about
  // 47 full-width 1080p body lines (two screens of a detail page) or 560 list-row fields (seven
  // screens of the list); least recently drawn go first. It bounds the kiosk's growth past the
  // first frame: with 10,000 applicants, 10 s of flinging filled 18 MB of a 64 MiB budget and
  // took the peak RSS from 55 to 67 MB (bench/run); at 12 MiB it stays near 61 MB, and the fling's
  // frame CPU p99 stays at 1.3–1.4 ms.
  std::size_t texture_cache_bytes = 12u << 20;
  // draw_changes() tints every rectangle it repaints, in a hue that changes every frame (a debug
  // view of the damage tracking; also switched on by the environment's KIOSK_DEBUG_DAMAGE=1).
  bool debug_damage = false;
};

struct RenderStats {
  // Line texture cache, cumulative since construction or clear_cache().
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;  // each miss rasterised one line
  std::uint64_t evictions = 0;
  std::size_t textures = 0;
  std::size_t texture_bytes = 0;
  std::size_t texture_budget = 0;
  // The last draw().
  std::size_t commands = 0;
  std::size_t text_drawn = 0;
  std::size_t text_culled = 0;  // outside the current clip: neither rasterised nor drawn
  std::size_t text_rasterised = 0;
  std::size_t repainted_pixels = 0;  // the last draw_changes() (draw(): the whole target)
  std::size_t moved_regions = 0;     // scrolled regions the last draw_changes() moved in place
  double draw_ms = 0;                // CPU time of the last draw() (SDL may defer work to present)
  FontStats fonts;
};

// Contract:
//  - draw() clears the whole target to list.background and executes the commands in order; it does
//    not present (the caller calls SDL_RenderPresent, or reads the surface back).
//  - Coordinates are target pixels, rounded to the nearest pixel (text origins too, so lines stay
//    crisp). FillRect: rounded corners antialiased (small cached corner textures per radius and
//    colour), border drawn inside the rect; fill and border
//    never overlap, so translucent colours blend once. QrCode: light background over rect, dark
//    modules as squares of floor(min(w,h)/size) pixels, centred in rect.
//  - TextRun: the line box's top-left is origin; the baseline is at origin.y + ascent of the
//    primary face at pixel_size(style.size_px). Glyphs sit at the FontLibrary's integer advances,
//    the same ones FontMeasurer reports, so layout and drawing agree exactly. The cache key is
//    (text, pixel size, bold, colour): the colour is baked into the texture because SDL's software
//    renderer blends colour-modulated textures about 10× slower (0.7 ms against 0.07 ms for a
//    1100×46 line). Re-colouring a line re-composes it from the glyph cache (tens of µs). Lines
//    entirely outside the clip are skipped before rasterising.
//  - PushClip intersects with the current clip; PopClip restores the previous one; unbalanced pops
//    are ignored and the clip is reset at the end of draw().
//  - The SDL_Renderer and the FontLibrary must outlive the Renderer; one thread only.
class Renderer {
 public:
  Renderer(SDL_Renderer* target, FontLibrary& fonts, RendererOptions options = {});
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  void draw(const draw::DisplayList& list);
  // Repaints only what differs from the last frame this renderer drew into the same target, which
  // must still hold that frame's pixels (an offscreen surface, or a window surface drawn by SDL's
  // software renderer), and returns the repainted rectangles for the caller to show (empty: the
  // frame is unchanged). The pixels are exactly those draw() would leave: the screen is split into
  // tiles, each tile's drawing (background, then every command that reaches it with its colours,
  // text, geometry and clip) is hashed, and the changed tiles, merged into a few rectangles, are
  // cleared and drawn again with every command clipped to them. The first call, a change of the
  // target's size and invalidate() repaint everything.
  std::vector<PixelRect> draw_changes(const draw::DisplayList& list);
  // The target lost its pixels (an exposed or resized window): the next draw_changes() repaints
  // all.
  void invalidate();
  // The surface an SDL_CreateSoftwareRenderer() renderer draws into, so draw_changes() can move a
  // scrolled region's pixels in place (a window's software renderer finds its surface itself).
  void set_surface(SDL_Surface* surface);
  [[nodiscard]] RenderStats stats() const;
  // Drops every cached texture (e.g. after the renderer lost its textures, or to measure).
  void clear_cache();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::render
