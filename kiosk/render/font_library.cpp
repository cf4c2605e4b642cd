// FontLibrary: fontconfig resolution, lazy SDL_ttf fonts, per-code-point fallback, glyph cache and
// line rasterisation by per-glyph placement at integer advances.
#include "render/font_library.hpp"

#include <SDL.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/mapping.hpp"
#include "core/utf8.hpp"

namespace kiosk::render {
namespace {

constexpr char32_t kTofu = U'\u25A1';  // □
constexpr int kCoverageProbePx = 32;   // any size works for TTF_GlyphIsProvided32

struct Match {
  bool found = false;
  std::string file;
  int index = 0;
  int weight = 0;
  bool embolden = false;
};

const FcChar8* fc_str(const std::string& s) { return reinterpret_cast<const FcChar8*>(s.c_str()); }

// Family names compare as fontconfig compares them: ignoring ASCII case and blanks.
bool same_family_name(std::string_view a, std::string_view b) {
  const auto next = [](std::string_view s, std::size_t& i) -> int {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == s.size()) return -1;
    const char c = s[i++];
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : static_cast<unsigned char>(c);
  };
  std::size_t i = 0, j = 0;
  for (;;) {
    const int x = next(a, i), y = next(b, j);
    if (x != y) return false;
    if (x < 0) return true;
  }
}

Match match_family(const std::string& family, int weight) {
  Match out;
  FcPattern* pattern = FcPatternCreate();
  if (pattern == nullptr) return out;
  FcPatternAddString(pattern, FC_FAMILY, fc_str(family));
  FcPatternAddInteger(pattern, FC_WEIGHT, weight);
  FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
  FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  if (match == nullptr) return out;
  // fontconfig always returns its best substitute; only the family itself counts.
  bool same_family = false;
  FcChar8* name = nullptr;
  for (int n = 0; FcPatternGetString(match, FC_FAMILY, n, &name) == FcResultMatch; ++n) {
    if (same_family_name(reinterpret_cast<const char*>(name), family)) same_family = true;
  }
  FcChar8* file = nullptr;
  int index = 0;
  FcBool scalable = FcTrue;
  FcPatternGetBool(match, FC_SCALABLE, 0, &scalable);
  if (same_family && scalable && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
    out.found = true;
    out.file = reinterpret_cast<const char*>(file);
    if (FcPatternGetInteger(match, FC_INDEX, 0, &index) == FcResultMatch) out.index = index;
    FcPatternGetInteger(match, FC_WEIGHT, 0, &out.weight);
    FcBool embolden = FcFalse;
    if (FcPatternGetBool(match, FC_EMBOLDEN, 0, &embolden) == FcResultMatch)
      out.embolden = embolden != FcFalse;
  }
  FcPatternDestroy(match);
  return out;
}

std::uint64_t glyph_key(int face, bool bold, int px, char32_t cp) {
  return (static_cast<std::uint64_t>(static_cast<unsigned>(face) & 0xFFu) << 40) |
         (static_cast<std::uint64_t>(bold) << 39) | (static_cast<std::uint64_t>(px & 0x3FF) << 24) |
         static_cast<std::uint64_t>(cp & 0xFFFFFFu);
}

struct Glyph {
  int left = 0;  // ink's left edge relative to the pen
  int top = 0;   // ink's top edge relative to the baseline (negative: above it)
  int width = 0, height = 0;
  int advance = 0;
  std::vector<std::uint8_t> alpha;
};

}  // namespace

bool is_invisible(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;  // C0, DEL, C1
  if (cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x180E) return true;
  if (cp >= 0x200B && cp <= 0x200F) return true;  // ZWSP, ZWNJ, ZWJ, LRM, RLM
  if (cp >= 0x2028 && cp <= 0x202E) return true;  // line/paragraph separators, bidi embedding
  if (cp >= 0x2060 && cp <= 0x206F) return true;  // word joiner, invisible operators, bidi isolates
  if (cp >= 0xFE00 && cp <= 0xFE0F) return true;  // variation selectors
  if (cp == 0xFEFF) return true;                  // BOM / ZWNBSP
  if (cp >= 0xE0000 && cp <= 0xE0FFF) return true;  // tags, variation selectors supplement
  return false;
}

bool is_private_use(char32_t cp) {
  return (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) ||
         (cp >= 0x100000 && cp <= 0x10FFFD);
}

int pixel_size(float size_px) {
  if (!std::isfinite(size_px)) return 28;
  return std::clamp(static_cast<int>(std::lround(size_px)), 6, 512);
}

FontResolution resolve_families(const std::vector<std::string>& families) {
  FontResolution out;
  if (FcInit() == FcFalse) {
    out.missing = families;
    return out;
  }
  for (const auto& family : families) {
    const Match regular = match_family(family, FC_WEIGHT_REGULAR);
    if (!regular.found) {
      out.missing.push_back(family);
      continue;
    }
    FontFace face{family, regular.file, regular.index, {}, 0};
    const Match bold = match_family(family, FC_WEIGHT_BOLD);
    const bool distinct = bold.file != regular.file || bold.index != regular.index;
    if (bold.found && distinct && bold.weight > regular.weight && !bold.embolden) {
      face.bold_file = bold.file;
      face.bold_index = bold.index;
    }
    out.faces.push_back(std::move(face));
  }
  return out;
}

struct FontLibrary::Impl {
  FontResolution resolution;
  FontLibraryOptions options;
  bool ttf_ok = false;
  mutable std::mutex mutex;

  struct Slot {
    TTF_Font* font = nullptr;
    bool tried = false;
    int px = 0;
  };
  std::vector<std::array<Slot, 2>> slots;  // per face: regular, bold
  // Font files mapped into memory, by path, for as long as the library lives (see open_font).
  // (std::nullopt: the file could not be mapped; it is then opened by name.)
  std::map<std::string, std::optional<Mapping>> mappings;
  // Each new glyph's outline is read from its own page of the mapping (and the kernel maps up to
  // 15 more around it), which stays in the process's RSS: a fling through 10,000 applicants'
  // names took it from 59 to 71 MB. Every kGlyphsPerRelease glyphs loaded (measured or drawn) the
  // mappings' pages are let go (MADV_DONTNEED on a read-only private mapping of a file: the pages
  // are read again from the page cache when next touched, so no reader can tell), and once a font
  // has opened (SDL_ttf's stream copied the tables it read).
  static constexpr std::size_t kGlyphsPerRelease = 16;
  std::size_t glyphs_since_release = 0;
  void glyph_loaded() {
    if (++glyphs_since_release == kGlyphsPerRelease) release_font_pages();
  }
  void release_font_pages() {
    glyphs_since_release = 0;
    for (const auto& [path, m] : mappings) {
      if (m) m->release_pages();
    }
  }
  std::unordered_map<char32_t, int> face_of;
  std::unordered_map<std::uint64_t, int> advances;
  std::unordered_map<std::uint64_t, Glyph> glyphs;
  std::unordered_map<int, LineMetrics> line_metrics;  // key px*2+bold
  std::size_t glyph_bytes = 0;
  FontStats stats;

  Impl(FontResolution r, FontLibraryOptions o) : resolution(std::move(r)), options(o) {
    ttf_ok = TTF_Init() == 0;
    slots.resize(resolution.faces.size());
  }
  ~Impl() {
    for (auto& pair : slots) {
      for (auto& slot : pair) {
        if (slot.font != nullptr) TTF_CloseFont(slot.font);
      }
    }
    if (ttf_ok) TTF_Quit();
  }

  // A font file's TTF_Font at px, read from the file mapped into memory: SDL_ttf hands FreeType a
  // stream that reads through its SDL_RWops, a few bytes at a time, and over a FILE* each glyph's
  // outline cost an lseek and a read (a pread RWops, or one caching 64 KiB blocks, gained nothing
  // measurable; the mapping gains 10% of a screenshot). A package upgrade replaces font files by
  // rename, so the mapping stays valid; a file cut short in place reads as zeros (core/mapping.hpp)
  // instead of ending the kiosk with SIGBUS. Falls back to the file when it cannot be mapped.
  TTF_Font* open_font(const std::string& path, int px, int index) {
    auto [it, added] = mappings.try_emplace(path);
    std::optional<Mapping>& m = it->second;
    if (added) {
      if (auto mapped = Mapping::map(path); mapped && !mapped->view().empty())
        m = std::move(*mapped);
    }
    if (!m || m->view().size() > static_cast<std::size_t>(INT_MAX)) {
      return TTF_OpenFontIndex(path.c_str(), px, index);
    }
    SDL_RWops* rw = SDL_RWFromConstMem(m->view().data(), static_cast<int>(m->view().size()));
    TTF_Font* font = rw != nullptr ? TTF_OpenFontIndexRW(rw, 1, px, index) : nullptr;
    release_font_pages();  // the tables it read at opening are copied
    return font;
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // The font of a face and weight at px, opened on first use; nullptr when it cannot be opened.
  TTF_Font* font(int face, bool bold, int px) {
    if (!ttf_ok || face < 0 || static_cast<std::size_t>(face) >= slots.size()) return nullptr;
    Slot& slot = slots[static_cast<std::size_t>(face)][bold ? 1 : 0];
    if (!slot.tried) {
      slot.tried = true;
      const FontFace& f = resolution.faces[static_cast<std::size_t>(face)];
      const bool real_bold = bold && f.has_bold();
      slot.font =
          open_font(real_bold ? f.bold_file : f.file, px, real_bold ? f.bold_index : f.index);
      if (slot.font == nullptr) return nullptr;
      slot.px = px;
      ++stats.fonts_open;
      TTF_SetFontKerning(slot.font, 0);  // layout sums plain advances
      if (bold && !real_bold) TTF_SetFontStyle(slot.font, TTF_STYLE_BOLD);
    }
    if (slot.font == nullptr) return nullptr;
    if (slot.px != px) {
      if (TTF_SetFontSize(slot.font, px) != 0) return nullptr;
      slot.px = px;
    }
    return slot.font;
  }

  int face_for(char32_t cp) {
    if (is_invisible(cp)) return kNoFace;
    if (const auto it = face_of.find(cp); it != face_of.end()) return it->second;
    int found = kNoFace;
    for (std::size_t i = 0; !is_private_use(cp) && i < slots.size(); ++i) {
      const auto& slot = slots[i][0];
      TTF_Font* f = slot.tried ? slot.font : font(static_cast<int>(i), false, kCoverageProbePx);
      if (f != nullptr && TTF_GlyphIsProvided32(f, static_cast<Uint32>(cp)) != 0) {
        found = static_cast<int>(i);
        break;
      }
    }
    face_of.emplace(cp, found);
    ++stats.codepoints_known;
    if (found == kNoFace) ++stats.codepoints_tofu;
    return found;
  }

  struct Source {
    int face = kNoFace;
    char32_t cp = 0;
  };
  // Which face draws which glyph for cp: itself, or □ (or .notdef of the primary face) when no
  // face has it. face == kNoFace: nothing to draw (invisible, or no fonts at all).
  Source source(char32_t cp) {
    if (is_invisible(cp) || slots.empty()) return {};
    if (const int face = face_for(cp); face != kNoFace) return {face, cp};
    if (const int tofu = face_for(kTofu); tofu != kNoFace) return {tofu, kTofu};
    return {0, cp};
  }

  int estimate_advance(char32_t cp, int px) const { return cp < 0x80 ? px / 2 : px; }

  int advance(char32_t cp, int px, bool bold) {
    if (is_invisible(cp)) return 0;
    const std::uint64_t key = glyph_key(0, bold, px, cp);
    if (const auto it = advances.find(key); it != advances.end()) return it->second;
    const Source s = source(cp);
    int adv = estimate_advance(cp, px);
    if (TTF_Font* f = font(s.face, bold, px)) {
      int a = 0;
      if (TTF_GlyphMetrics32(f, static_cast<Uint32>(s.cp), nullptr, nullptr, nullptr, nullptr,
                             &a) == 0) {
        adv = std::max(0, a);
      }
    }
    advances.emplace(key, adv);
    glyph_loaded();
    return adv;
  }

  LineMetrics metrics(int px, bool bold) {
    const int key = px * 2 + (bold ? 1 : 0);
    if (const auto it = line_metrics.find(key); it != line_metrics.end()) return it->second;
    LineMetrics m{static_cast<int>(std::lround(px * 1.16)),
                  static_cast<int>(std::lround(px * 1.45))};
    if (TTF_Font* f = font(0, bold, px)) {
      m.ascent = TTF_FontAscent(f);
      m.line_height = std::max(TTF_FontLineSkip(f), TTF_FontHeight(f));
    }
    line_metrics.emplace(key, m);
    return m;
  }

  // The coverage bitmap of one glyph, rendered once by SDL_ttf and cropped to its ink.
  const Glyph& glyph(const Source& s, bool bold, int px) {
    const std::uint64_t key = glyph_key(s.face, bold, px, s.cp);
    if (const auto it = glyphs.find(key); it != glyphs.end()) return it->second;
    Glyph g;
    g.advance = advance_of_source(s, bold, px);
    TTF_Font* f = font(s.face, bold, px);
    int minx = 0, maxx = 0, miny = 0, maxy = 0, adv = 0;
    if (f != nullptr &&
        TTF_GlyphMetrics32(f, static_cast<Uint32>(s.cp), &minx, &maxx, &miny, &maxy, &adv) == 0) {
      if (SDL_Surface* surface = TTF_RenderGlyph32_Blended(f, static_cast<Uint32>(s.cp),
                                                           SDL_Color{255, 255, 255, 255})) {
        // SDL_ttf puts the pen at x = max(0, -minx) and the baseline at the ascent, moved down
        // when the glyph rises above the ascent (see tests/render: glyph placement matches
        // SDL_ttf).
        const int ascent = TTF_FontAscent(f);
        const int pen_x = std::max(0, -minx);
        const int baseline = ascent + std::max(0, maxy - ascent);
        crop(surface, pen_x, baseline, g);
        SDL_FreeSurface(surface);
      }
    }
    glyph_bytes += g.alpha.size() + sizeof(Glyph);
    ++stats.glyphs_cached;
    glyph_loaded();
    return glyphs.emplace(key, std::move(g)).first->second;
  }

  int advance_of_source(const Source& s, bool bold, int px) {
    TTF_Font* f = font(s.face, bold, px);
    int a = 0;
    if (f != nullptr && TTF_GlyphMetrics32(f, static_cast<Uint32>(s.cp), nullptr, nullptr, nullptr,
                                           nullptr, &a) == 0) {
      return std::max(0, a);
    }
    return estimate_advance(s.cp, px);
  }

  static void crop(SDL_Surface* surface, int pen_x, int baseline, Glyph& g) {
    if (SDL_MUSTLOCK(surface) && SDL_LockSurface(surface) != 0) return;
    const int bpp = surface->format->BytesPerPixel;
    // SDL_ttf's blended glyphs are ARGB8888: the alpha byte is read straight from each pixel
    // (what SDL_GetRGBA gives for an 8-bit alpha channel, without a call per pixel: the
    // first frame's glyphs were 2 × w × h calls each).
    const SDL_PixelFormat* format = surface->format;
    const bool plain_alpha = bpp == 4 && format->Amask != 0 && format->Aloss == 0;
    const auto alpha_at = [&](int x, int y) -> std::uint8_t {
      const auto* row = static_cast<const std::uint8_t*>(surface->pixels) +
                        static_cast<std::ptrdiff_t>(y) * surface->pitch;
      Uint32 pixel = 0;
      std::memcpy(&pixel, row + static_cast<std::ptrdiff_t>(x) * bpp, sizeof pixel);
      if (plain_alpha) return static_cast<std::uint8_t>((pixel & format->Amask) >> format->Ashift);
      Uint8 r = 0, gg = 0, b = 0, a = 0;
      SDL_GetRGBA(pixel, format, &r, &gg, &b, &a);
      return a;
    };
    int x0 = surface->w, x1 = 0, y0 = surface->h, y1 = 0;
    if (bpp == 4) {
      for (int y = 0; y < surface->h; ++y) {
        for (int x = 0; x < surface->w; ++x) {
          if (alpha_at(x, y) != 0) {
            x0 = std::min(x0, x);
            x1 = std::max(x1, x + 1);
            y0 = std::min(y0, y);
            y1 = std::max(y1, y + 1);
          }
        }
      }
    }
    if (x0 < x1 && y0 < y1) {
      g.left = x0 - pen_x;
      g.top = y0 - baseline;
      g.width = x1 - x0;
      g.height = y1 - y0;
      g.alpha.resize(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height));
      for (int y = 0; y < g.height; ++y) {
        for (int x = 0; x < g.width; ++x) {
          g.alpha[static_cast<std::size_t>(y * g.width + x)] = alpha_at(x0 + x, y0 + y);
        }
      }
    }
    if (SDL_MUSTLOCK(surface)) SDL_UnlockSurface(surface);
  }

  // Drops every glyph once the cache is past its budget. Only between lines: a line being
  // composed holds pointers to its glyphs.
  void trim_glyph_cache() {
    if (glyph_bytes > options.glyph_cache_bytes) {
      glyphs.clear();
      glyph_bytes = 0;
      stats.glyphs_cached = 0;
      ++stats.glyph_cache_clears;
    }
  }

  LineBitmap rasterise(std::string_view text, int px, bool bold, int max_width) {
    const auto started = std::chrono::steady_clock::now();
    const LineMetrics lm = metrics(px, bold);
    struct Placed {
      const Glyph* glyph;
      int x;
    };
    std::vector<Placed> placed;
    int pen = 0;
    // Ink bounds relative to the line box's top-left; the bitmap holds only the ink.
    int min_x = INT_MAX, max_x = INT_MIN, min_y = INT_MAX, max_y = INT_MIN;
    std::size_t pos = 0;
    while (pos < text.size()) {
      const auto d = utf8::decode(text, pos);
      pos += d.length;
      const char32_t cp = d.valid ? d.codepoint : U'\uFFFD';
      if (is_invisible(cp)) continue;
      if (pen > max_width) break;
      const Source s = source(cp);
      if (s.face == kNoFace) {
        pen += estimate_advance(cp, px);
        continue;
      }
      const Glyph& g = glyph(s, bold, px);
      if (g.width > 0) {
        placed.push_back({&g, pen});
        min_x = std::min(min_x, pen + g.left);
        max_x = std::max(max_x, pen + g.left + g.width);
        min_y = std::min(min_y, lm.ascent + g.top);
        max_y = std::max(max_y, lm.ascent + g.top + g.height);
      }
      pen += g.advance;
    }
    LineBitmap out;
    out.advance = pen;
    if (!placed.empty()) {
      out.origin_x = -min_x;
      out.origin_y = -min_y;
      out.width = max_x - min_x;
      out.height = max_y - min_y;
      out.alpha.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height),
                       0);
      for (const auto& p : placed) {
        const Glyph& g = *p.glyph;
        const int gx = out.origin_x + p.x + g.left;
        const int gy = out.origin_y + lm.ascent + g.top;
        for (int y = 0; y < g.height; ++y) {
          std::uint8_t* dst =
              out.alpha.data() +
              static_cast<std::size_t>(gy + y) * static_cast<std::size_t>(out.width) + gx;
          const std::uint8_t* src =
              g.alpha.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width);
          for (int x = 0; x < g.width; ++x) {
            // Neighbouring glyphs may overlap by a pixel of antialiasing: add coverage, saturated.
            dst[x] = static_cast<std::uint8_t>(std::min(255, dst[x] + src[x]));
          }
        }
      }
    }
    // Trimmed as soon as the line is composed, so the cache is within its budget whenever no
    // line is being rasterised (the touch monkey saw it 686 bytes over between two lines).
    trim_glyph_cache();
    ++stats.lines_rasterised;
    stats.rasterise_ms +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return out;
  }
};

FontLibrary::FontLibrary(const std::vector<std::string>& families, FontLibraryOptions options)
    : FontLibrary(resolve_families(families), options) {}

FontLibrary::FontLibrary(FontResolution resolution, FontLibraryOptions options)
    : impl_(std::make_unique<Impl>(std::move(resolution), options)) {}

FontLibrary::~FontLibrary() = default;

const std::vector<FontFace>& FontLibrary::faces() const { return impl_->resolution.faces; }
const std::vector<std::string>& FontLibrary::missing() const { return impl_->resolution.missing; }

bool FontLibrary::usable() {
  const std::lock_guard lock(impl_->mutex);
  return impl_->font(0, false, kCoverageProbePx) != nullptr;
}

bool FontLibrary::open_primary() {
  const std::lock_guard lock(impl_->mutex);
  if (impl_->font(0, false, kCoverageProbePx) == nullptr) return false;
  (void)impl_->font(0, true, kCoverageProbePx);
  return true;
}

int FontLibrary::face_for(char32_t cp) {
  const std::lock_guard lock(impl_->mutex);
  return impl_->face_for(cp);
}

bool FontLibrary::can_draw(char32_t cp) {
  if (is_invisible(cp)) return true;
  const std::lock_guard lock(impl_->mutex);
  return impl_->face_for(cp) != kNoFace;
}

std::vector<FontRun> FontLibrary::runs(std::string_view text) {
  const std::lock_guard lock(impl_->mutex);
  std::vector<FontRun> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto d = utf8::decode(text, pos);
    const char32_t cp = d.valid ? d.codepoint : U'\uFFFD';
    const std::size_t begin = pos;
    pos += d.length;
    if (is_invisible(cp) && !out.empty()) {
      out.back().end = pos;
      continue;
    }
    const int face = is_invisible(cp) ? (impl_->slots.empty() ? kNoFace : 0) : impl_->face_for(cp);
    if (!out.empty() && out.back().face == face) {
      out.back().end = pos;
    } else {
      out.push_back({begin, pos, face});
    }
  }
  return out;
}

LineMetrics FontLibrary::line_metrics(int px, bool bold) {
  const std::lock_guard lock(impl_->mutex);
  return impl_->metrics(px, bold);
}

int FontLibrary::advance(char32_t cp, int px, bool bold) {
  const std::lock_guard lock(impl_->mutex);
  return impl_->advance(cp, px, bold);
}

int FontLibrary::measure(std::string_view text, int px, bool bold) {
  const std::lock_guard lock(impl_->mutex);
  int sum = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto d = utf8::decode(text, pos);
    pos += d.length;
    sum += impl_->advance(d.valid ? d.codepoint : U'\uFFFD', px, bold);
  }
  return sum;
}

LineBitmap FontLibrary::rasterise_line(std::string_view text, int px, bool bold, int max_width_px) {
  const std::lock_guard lock(impl_->mutex);
  return impl_->rasterise(text, px, bold, max_width_px);
}

FontStats FontLibrary::stats() const {
  const std::lock_guard lock(impl_->mutex);
  FontStats s = impl_->stats;
  s.faces = impl_->resolution.faces.size();
  s.glyph_bytes = impl_->glyph_bytes;
  return s;
}

}  // namespace kiosk::render
