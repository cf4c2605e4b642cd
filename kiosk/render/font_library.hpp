// FontLibrary: the configured font families found through fontconfig, opened with SDL_ttf, the
// font chosen per code point (SDL2_ttf has no fallback), and text rasterised into line bitmaps.
// Needs no window: TTF_Init and fontconfig work without a display (kioskctl uses it too).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::render {

// One configured family as fontconfig resolved it.
struct FontFace {
  std::string family;  // as configured, e.g. "Noto Sans CJK SC"
  std::string file;    // the regular face's file
  int index = 0;       // face index inside a collection (.ttc); Noto Sans CJK SC is 2 in Debian's
  std::string bold_file;  // the bold face's file; empty when the family has no bold (see below)
  int bold_index = 0;
  [[nodiscard]] bool has_bold() const { return !bold_file.empty(); }
};

struct FontResolution {
  std::vector<FontFace> faces;       // installed families, in the configured (fallback) order
  std::vector<std::string> missing;  // configured families fontconfig does not have
};

// Asks fontconfig for each family (FC_FILE + FC_INDEX, regular and bold). A family counts as
// installed only when fontconfig's best match really is that family (fontconfig otherwise
// substitutes e.g. DejaVu Sans for a missing "Droid Sans Fallback"). A bold match that is not
// heavier than the regular one means "no bold": bold text is then drawn from the regular face
// emboldened by SDL_ttf (TTF_STYLE_BOLD).
FontResolution resolve_families(const std::vector<std::string>& families);

// The integer pixel size (em) that SDL_ttf opens for a float TextStyle::size_px: rounded,
// clamped to [6, 512]. Measuring and drawing both go through it.
int pixel_size(float size_px);

// Vertical metrics of a line of text, from the first (primary) face at that size.
struct LineMetrics {
  int ascent = 0;       // top of the line box to the baseline
  int line_height = 0;  // baseline to baseline (TTF_FontLineSkip)
};

// One line rasterised: 8-bit coverage, row-major, cropped to the ink (empty when nothing is
// visible). (origin_x, origin_y) is where the line box's top-left corner — the pen's start at the
// top of the line — lies in bitmap coordinates; either may be negative (the ink starts right of or
// below it) or exceed the bitmap. Ink outside the line box (a glyph left of its pen, a fallback
// font taller than the primary one) is kept, so nothing is cut off.
struct LineBitmap {
  int width = 0, height = 0;
  int origin_x = 0, origin_y = 0;
  int advance = 0;  // sum of the drawn advances = what FontMetrics reports for the text
  std::vector<std::uint8_t> alpha;
  [[nodiscard]] std::size_t bytes() const { return alpha.size(); }
};

// A stretch of text drawn with one face. face == kNoFace: no configured font has these
// characters; they are drawn as □ (U+25A1, or the primary font's .notdef if no font has □).
struct FontRun {
  std::size_t begin = 0, end = 0;  // byte offsets
  int face = -1;
};

struct FontStats {
  std::size_t faces = 0;             // installed families
  std::size_t fonts_open = 0;        // TTF_Font objects open (one per face and weight)
  std::size_t codepoints_known = 0;  // per-code-point font choices cached
  std::size_t codepoints_tofu = 0;   // … of which no font has the glyph
  std::size_t glyphs_cached = 0;
  std::size_t glyph_bytes = 0;
  std::size_t glyph_cache_clears = 0;
  std::size_t lines_rasterised = 0;
  double rasterise_ms = 0;  // total time spent in rasterise_line
};

struct FontLibraryOptions {
  // Glyph coverage bitmaps are kept up to this many bytes; past it the whole glyph cache is
  // dropped and refilled on demand (line textures, cached by the Renderer, are unaffected).
  // 16 MiB holds about 14,000 CJK glyphs at 32 px or 2,000 at 90 px.
  std::size_t glyph_cache_bytes = 16u << 20;
};

// Contract:
//  - Fonts are opened lazily (2–4 ms per face of a .ttc; open_primary opens the first face's
//    two ahead): one TTF_Font per face and weight, read from the font file mapped into memory
//    (each glyph's outline was an lseek and a read through a FILE*: a list screen's draw 14.5 →
//    9 ms; the mapping's pages are let go every 16 glyphs, so it adds no RSS), switched between
//    pixel sizes with TTF_SetFontSize. Kerning is off and no shaping is used: each glyph is placed
//    at the sum of the previous glyphs' integer advances, so a line is drawn exactly as wide as
//    text/layout measured it (advance() and rasterise_line() agree to the pixel).
//  - The face for a code point is the first face (configured order) whose regular font provides it
//    (TTF_GlyphIsProvided32, astral planes included), cached per code point. Bold uses the same
//    face's bold font (or the emboldened regular one).
//  - Private-use code points (U+E000–F8FF, planes 15–16) have no face: their character is private
//    to whoever typed them (an IME's 造字), and a font's glyph there is its own (BabelStone Han
//    has 4,637 of them), so they are drawn as □ and kioskctl validate refuses them.
//  - Invisible code points (C0/C1 controls, zero-width spaces and joiners, bidi marks, variation
//    selectors, BOM) have advance 0, are never drawn and count as drawable.
//  - Invalid UTF-8 bytes are U+FFFD each, as text/layout treats them.
//  - Thread-safe: every member locks one mutex, so layout may measure on another thread while the
//    renderer rasterises. Not copyable. TTF_Init/TTF_Quit are reference counted by SDL_ttf.
//  - Without any installed face (usable() false) nothing throws: advances are estimates
//    (0.5 em for ASCII, 1 em otherwise), line metrics 1.16/1.45 em, and bitmaps are empty.
class FontLibrary {
 public:
  static constexpr int kNoFace = -1;

  explicit FontLibrary(const std::vector<std::string>& families, FontLibraryOptions options = {});
  // For tests and tools that resolved faces themselves.
  explicit FontLibrary(FontResolution resolution, FontLibraryOptions options = {});
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  [[nodiscard]] const std::vector<FontFace>& faces() const;
  [[nodiscard]] const std::vector<std::string>& missing() const;
  // At least one face is installed and its font opens.
  [[nodiscard]] bool usable();
  // Opens the first face's regular and bold fonts now, which any screen draws with (each 2–4 ms
  // of a .ttc, opened lazily otherwise): for a caller that has a core waiting anyway. Returns
  // usable().
  bool open_primary();

  // Index into faces() of the face that draws cp, or kNoFace. Invisible code points give kNoFace.
  [[nodiscard]] int face_for(char32_t cp);
  // True when some configured face has the glyph, or cp is invisible (see the contract).
  [[nodiscard]] bool can_draw(char32_t cp);
  // The text split into maximal runs of one face; invisible code points join the run they are in.
  [[nodiscard]] std::vector<FontRun> runs(std::string_view utf8);

  [[nodiscard]] LineMetrics line_metrics(int px, bool bold);
  // Advance of one code point as drawn at px (after fallback; □'s advance for tofu), cached.
  [[nodiscard]] int advance(char32_t cp, int px, bool bold);
  // Sum of advances of a UTF-8 string.
  [[nodiscard]] int measure(std::string_view utf8, int px, bool bold);
  // One line of text (no line breaking; '\n' is invisible) as a coverage bitmap. Glyphs whose
  // pen position is beyond max_width_px are left out (a bitmap never exceeds a texture limit).
  [[nodiscard]] LineBitmap rasterise_line(std::string_view utf8, int px, bool bold,
                                          int max_width_px = 16384);

  [[nodiscard]] FontStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True for code points that are never drawn and take no space (see FontLibrary's contract).
bool is_invisible(char32_t cp);
// True for private-use code points, which no face draws (see FontLibrary's contract).
bool is_private_use(char32_t cp);

}  // namespace kiosk::render
