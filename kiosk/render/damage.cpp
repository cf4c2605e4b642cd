// Damage tracking for Renderer::draw_changes (the algorithm: damage.hpp).
#include "render/damage.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <utility>
#include <variant>

namespace kiosk::render {
namespace {

using Entry = DamageTracker::Entry;
using Group = DamageTracker::Group;
using Frame = DamageTracker::Frame;
constexpr int kTile = DamageTracker::kTile;

std::uint64_t mix_rect(std::uint64_t h, const IRect& r) {
  return mix(mix(h, pair(r.x0, r.y0)), pair(r.x1, r.y1));
}

void mark(Frame& f, const IRect& bounds, std::uint64_t h) {
  const IRect b = bounds.intersect({0, 0, f.w, f.h});
  if (b.empty()) return;
  for (int ty = b.y0 / kTile; ty <= (b.y1 - 1) / kTile; ++ty) {
    std::uint64_t* row =
        f.tiles.data() + static_cast<std::size_t>(ty) * static_cast<std::size_t>(f.tiles_x);
    for (int tx = b.x0 / kTile; tx <= (b.x1 - 1) / kTile; ++tx) row[tx] = mix(row[tx], h);
  }
}

// The top-level clip groups of the list; those overlapping another are not moved in place.
void find_groups(const draw::DisplayList& list, const IRect& screen, Frame& f) {
  int depth = 0;
  bool nested = false;
  for (std::size_t i = 0; i < list.commands.size(); ++i) {
    if (const auto* pc = std::get_if<draw::PushClip>(&list.commands[i])) {
      if (depth == 0) {
        Group g;
        g.clip = finite(pc->rect) ? screen.intersect(to_pixels(pc->rect)) : IRect{};
        g.begin = i;
        g.end = list.commands.size();
        g.eligible = false;  // until its PopClip is found
        g.base = pack(list.background);
        f.groups.push_back(std::move(g));
        nested = false;
      } else {
        nested = true;
      }
      ++depth;
    } else if (std::holds_alternative<draw::PopClip>(list.commands[i]) && depth > 0 &&
               --depth == 0) {
      Group& g = f.groups.back();
      g.end = i;
      g.eligible = !nested && !g.clip.empty();
    }
  }
  for (std::size_t a = 0; a < f.groups.size(); ++a) {
    for (std::size_t b = a + 1; b < f.groups.size(); ++b) {
      if (f.groups[a].clip.overlaps(f.groups[b].clip))
        f.groups[a].eligible = f.groups[b].eligible = false;
    }
  }
}

// A command outside the groups: into the tiles, and into the groups it reaches (as their base
// when it is an opaque fill under the whole clip, else as "other" pixels inside it).
void add_outside(Frame& f, const Shape& sh, const IRect& c, std::size_t i) {
  const IRect b = sh.bounds.intersect(c);
  mark(f, b, mix(mix_rect(sh.key, c), static_cast<std::uint64_t>(sh.y)));
  for (Group& g : f.groups) {
    if (!g.eligible || !b.overlaps(g.clip)) continue;
    const bool under = i < g.begin && sh.base_fill && b.x0 <= g.clip.x0 && b.y0 <= g.clip.y0 &&
                       b.x1 >= g.clip.x1 && b.y1 >= g.clip.y1;
    if (under) {
      g.base = mix(g.base, pack(sh.color));
    } else {
      g.others.push_back(b.intersect(g.clip));
    }
  }
}

void analyse(const draw::DisplayList& list, int w, int h, DamageTarget& target, Frame& f) {
  f.w = w;
  f.h = h;
  f.tiles_x = (w + kTile - 1) / kTile;
  f.tiles_y = (h + kTile - 1) / kTile;
  f.background = list.background;
  f.tiles.assign(static_cast<std::size_t>(f.tiles_x) * static_cast<std::size_t>(f.tiles_y),
                 mix(0x6b696f736bULL, pack(list.background)));
  f.groups.clear();
  const IRect screen{0, 0, w, h};
  find_groups(list, screen, f);
  // Every command: into its group, or into the tiles (and into the groups it reaches).
  std::vector<IRect> stack;
  IRect c = screen;
  std::size_t group = 0;
  for (std::size_t i = 0; i < list.commands.size(); ++i) {
    const auto& command = list.commands[i];
    if (const auto* pc = std::get_if<draw::PushClip>(&command)) {
      stack.push_back(c);
      c = finite(pc->rect) ? c.intersect(to_pixels(pc->rect)) : IRect{};
      continue;
    }
    if (std::holds_alternative<draw::PopClip>(command)) {
      if (!stack.empty()) {
        c = stack.back();
        stack.pop_back();
      }
      continue;
    }
    if (c.empty()) continue;
    Shape sh;
    if (!target.shape(command, c, sh)) continue;
    while (group < f.groups.size() && f.groups[group].end < i) ++group;
    if (group < f.groups.size() && f.groups[group].eligible && f.groups[group].begin < i &&
        i < f.groups[group].end) {
      f.groups[group].entries.push_back({sh.key, sh.y, sh.bounds});
      continue;
    }
    add_outside(f, sh, c, i);
  }
}

// The whole-pixel scroll that turns the old group into the new one where both are visible, or 0.
int scroll_between(const Group& old_g, const Group& new_g) {
  const IRect& c = new_g.clip;
  std::vector<int> tried;
  for (const Entry& e : new_g.entries) {
    for (const Entry& o : old_g.entries) {
      if (o.key != e.key) continue;
      const int dy = e.y - o.y;
      if (dy == 0 || std::abs(dy) >= c.h() ||
          std::find(tried.begin(), tried.end(), dy) != tried.end())
        continue;
      tried.push_back(dy);
      const IRect overlap = c.intersect(shifted(c, dy));
      std::vector<Entry> a, b;
      for (const Entry& n : new_g.entries) {
        if (n.bounds.overlaps(overlap)) a.push_back({n.key, n.y - dy, {}});
      }
      for (const Entry& p : old_g.entries) {
        if (shifted(p.bounds, dy).overlaps(overlap)) b.push_back({p.key, p.y, {}});
      }
      if (a == b) return dy;
      if (tried.size() >= 4) return 0;
    }
    if (!tried.empty()) break;  // the first matching command decides the candidates
  }
  return 0;
}

// Changed tiles as rectangles: runs of tiles per row, stacked while the next row has the same run.
std::vector<IRect> changed_tiles(const Frame& now, const Frame& before) {
  std::vector<IRect> done, open;
  const auto changed = [&](int tx, int ty) {
    const std::size_t i = static_cast<std::size_t>(ty) * static_cast<std::size_t>(now.tiles_x) +
                          static_cast<std::size_t>(tx);
    return now.tiles[i] != before.tiles[i];
  };
  for (int ty = 0; ty < now.tiles_y; ++ty) {
    std::vector<IRect> runs;
    for (int tx = 0; tx < now.tiles_x;) {
      if (!changed(tx, ty)) {
        ++tx;
        continue;
      }
      const int start = tx;
      while (tx < now.tiles_x && changed(tx, ty)) ++tx;
      runs.push_back({start, ty, tx, ty + 1});
    }
    std::vector<IRect> still_open;
    for (const IRect& o : open) {
      const auto same = std::find_if(runs.begin(), runs.end(),
                                     [&](const IRect& r) { return r.x0 == o.x0 && r.x1 == o.x1; });
      if (same != runs.end()) {
        still_open.push_back({o.x0, o.y0, o.x1, ty + 1});
        runs.erase(same);
      } else {
        done.push_back(o);
      }
    }
    still_open.insert(still_open.end(), runs.begin(), runs.end());
    open = std::move(still_open);
  }
  done.insert(done.end(), open.begin(), open.end());
  for (IRect& r : done) {
    r = IRect{r.x0 * kTile, r.y0 * kTile, std::min(now.w, r.x1 * kTile),
              std::min(now.h, r.y1 * kTile)};
  }
  return done;
}

// Adds r unless a rectangle already holds it; drops the rectangles r holds.
void add_rect(std::vector<IRect>& rects, const IRect& r) {
  if (r.empty()) return;
  for (const IRect& o : rects) {
    if (o.x0 <= r.x0 && o.y0 <= r.y0 && o.x1 >= r.x1 && o.y1 >= r.y1) return;
  }
  rects.erase(std::remove_if(rects.begin(), rects.end(),
                             [&](const IRect& o) {
                               return r.x0 <= o.x0 && r.y0 <= o.y0 && r.x1 >= o.x1 && r.y1 >= o.y1;
                             }),
              rects.end());
  rects.push_back(r);
}

IRect bounding(const std::vector<IRect>& rects) {
  IRect box = rects.front();
  for (const IRect& r : rects)
    box = {std::min(box.x0, r.x0), std::min(box.y0, r.y0), std::max(box.x1, r.x1),
           std::max(box.y1, r.y1)};
  return box;
}

}  // namespace

void DamageTracker::diff_groups(DamageTarget& target, std::vector<IRect>& repaints,
                                std::vector<IRect>& shown, std::size_t& moved_regions) {
  std::vector<bool> matched(previous_.groups.size(), false);
  for (const Group& g : current_.groups) {
    if (!g.eligible) continue;
    const Group* old_g = nullptr;
    for (std::size_t j = 0; j < previous_.groups.size(); ++j) {
      if (!matched[j] && previous_.groups[j].eligible && previous_.groups[j].clip == g.clip) {
        matched[j] = true;
        old_g = &previous_.groups[j];
        break;
      }
    }
    if (old_g == nullptr || old_g->base != g.base) {
      repaints.push_back(g.clip);
      continue;
    }
    if (old_g->entries == g.entries) continue;
    const int dy = scroll_between(*old_g, g);
    if (dy == 0) {
      repaints.push_back(g.clip);
      continue;
    }
    // The pixels still visible move now; the repaints draw over them afterwards.
    const IRect overlap = g.clip.intersect(shifted(g.clip, dy));
    if (!target.move_pixels(shifted(overlap, -dy), dy)) {
      repaints.push_back(g.clip);
      continue;
    }
    ++moved_regions;
    shown.push_back(g.clip);
    repaints.push_back(dy > 0 ? IRect{g.clip.x0, g.clip.y0, g.clip.x1, overlap.y0}
                              : IRect{g.clip.x0, overlap.y1, g.clip.x1, g.clip.y1});
    for (const IRect& o : g.others) repaints.push_back(o.intersect(overlap));
    for (const IRect& o : old_g->others) repaints.push_back(shifted(o, dy).intersect(overlap));
  }
  for (std::size_t j = 0; j < previous_.groups.size(); ++j) {
    if (previous_.groups[j].eligible && !matched[j]) repaints.push_back(previous_.groups[j].clip);
  }
}

std::vector<IRect> DamageTracker::draw_changes(const draw::DisplayList& list, int w, int h,
                                               DamageTarget& target, std::size_t& moved_regions) {
  analyse(list, w, h, target, current_);
  if (!valid_ || w != previous_.w || h != previous_.h ||
      !(current_.background == previous_.background)) {
    target.draw_all(list);
    std::swap(previous_, current_);
    valid_ = true;
    return {IRect{0, 0, w, h}};
  }
  std::vector<IRect> repaints = changed_tiles(current_, previous_);
  std::vector<IRect> shown;
  diff_groups(target, repaints, shown, moved_regions);
  std::vector<IRect> unique;
  for (const IRect& r : repaints) add_rect(unique, r.intersect({0, 0, w, h}));
  if (unique.size() > 16) unique.assign(1, bounding(unique));
  for (const IRect& r : unique) target.repaint(list, r);
  for (const IRect& r : unique) add_rect(shown, r);
  if (shown.size() > 16) shown.assign(1, bounding(shown));
  std::swap(previous_, current_);
  return shown;
}

}  // namespace kiosk::render
