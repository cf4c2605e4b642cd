// Damage tracking for Renderer::draw_changes: which pixels of the next frame differ from the
// last one, and which of them a scroll can move in place instead of drawing. Internal to
// kiosk_render; no SDL here (the renderer does the drawing through DamageTarget).
//
// Algorithm. A frame is analysed into (1) per-tile (32 px) hashes of everything drawn outside
// the scroll groups and (2) the scroll groups: a top-level PushClip … PopClip without nested
// clips (a scrolling list or page), as the sequence of its commands, each with a key (all that
// decides its pixels except its vertical position) and its position. Against the previous
// frame's analysis: changed tiles are repainted; a group with the same commands is left alone; a
// group whose commands all moved by the same whole number of pixels (a scroll) has its
// still-visible pixels moved in place and only the newly exposed strip repainted, plus wherever
// other commands (a scroll bar) touch it; any other change repaints the whole group. A repaint
// clears the rectangle and draws every command clipped to it, so its pixels are exactly draw()'s.
// More than 16 rectangles collapse into their bounding box. A size or background change, or a
// target whose pixels are not known (invalidate()), draws everything.
#pragma once

#include <cstdint>
#include <vector>

#include "draw/display_list.hpp"
#include "render/pixels.hpp"

namespace kiosk::render {

// Hash mixing for the shapes' keys and the tiles.
inline std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0x100000001b3ULL;
}
inline std::uint64_t pair(int a, int b) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
         static_cast<std::uint32_t>(b);
}

// What one drawing command puts on the target, mirroring draw()'s geometry and culling.
struct Shape {
  IRect bounds;           // unclipped
  std::uint64_t key = 0;  // everything that decides its pixels but its vertical position
  int y = 0;
  bool base_fill = false;  // opaque, square, no border: uniform wherever it covers
  Color color;
};

// The drawing side draw_changes needs: the renderer implements it.
class DamageTarget {
 public:
  virtual ~DamageTarget() = default;
  // The shape of `command` inside clip `c`; false when it draws nothing there.
  virtual bool shape(const draw::DrawCommand& command, const IRect& c, Shape& out) = 0;
  // Moves the target's pixels of `from` by dy rows; false when its pixels are not reachable.
  virtual bool move_pixels(const IRect& from, int dy) = 0;
  // Clears r to the background and draws every command clipped to r.
  virtual void repaint(const draw::DisplayList& list, const IRect& r) = 0;
  // draw(): the whole target.
  virtual void draw_all(const draw::DisplayList& list) = 0;
};

class DamageTracker {
 public:
  // Draws `list` (w × h target) onto `target`, repainting only what changed since the last call,
  // and returns the rectangles whose pixels changed. moved_regions: scroll groups moved in place.
  std::vector<IRect> draw_changes(const draw::DisplayList& list, int w, int h, DamageTarget& target,
                                  std::size_t& moved_regions);
  // The target's pixels are no longer the last frame's: the next call draws everything.
  void invalidate() { valid_ = false; }

  static constexpr int kTile = 32;
  struct Entry {
    std::uint64_t key = 0;
    int y = 0;
    IRect bounds;  // unclipped
    bool operator==(const Entry& o) const { return key == o.key && y == o.y; }
  };
  struct Group {
    IRect clip;
    std::size_t begin = 0, end = 0;  // command indices, PushClip to PopClip
    bool eligible = true;            // no nested clip, balanced
    std::uint64_t base = 0;          // the background and opaque fills under the whole clip
    std::vector<Entry> entries;
    std::vector<IRect> others;  // where other commands draw inside the clip
  };
  struct Frame {
    int w = 0, h = 0, tiles_x = 0, tiles_y = 0;
    Color background;
    std::vector<std::uint64_t> tiles;
    std::vector<Group> groups;
  };

 private:
  // Per group of the current frame: moves its pixels (a scroll) and adds what to repaint.
  void diff_groups(DamageTarget& target, std::vector<IRect>& repaints, std::vector<IRect>& shown,
                   std::size_t& moved_regions);

  bool valid_ = false;  // previous_ describes the target's current pixels
  Frame previous_, current_;
};

}  // namespace kiosk::render
