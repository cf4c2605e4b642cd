// FontMeasurer: draw::TextMeasurer with the real fonts, so views lay text out exactly as the
// Renderer will draw it.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "draw/text_measurer.hpp"
#include "render/font_library.hpp"

namespace kiosk::render {

// text::FontMetrics of one size and weight, backed by a FontLibrary. advance() is the integer
// advance the renderer places each glyph at (after per-code-point fallback, □ for tofu, 0 for
// invisible code points), cached per code point inside the FontLibrary; line_height() and
// ascent() are the primary face's. Safe to call from any thread (the library locks).
class StyleMetrics final : public text::FontMetrics {
 public:
  StyleMetrics(FontLibrary& fonts, int px, bool bold);
  [[nodiscard]] float advance(char32_t codepoint) const override;
  [[nodiscard]] float line_height() const override { return line_height_; }
  [[nodiscard]] float ascent() const override { return ascent_; }
  [[nodiscard]] int px() const { return px_; }
  [[nodiscard]] bool bold() const { return bold_; }

 private:
  FontLibrary* fonts_;
  int px_;
  bool bold_;
  float line_height_;
  float ascent_;
};

// One StyleMetrics per (pixel_size(style.size_px), style.bold), created on first use and kept for
// the measurer's lifetime (the reference metrics() returns stays valid). The FontLibrary must
// outlive the measurer. metrics() may be called from several threads.
class FontMeasurer final : public draw::TextMeasurer {
 public:
  explicit FontMeasurer(FontLibrary& fonts) : fonts_(fonts) {}
  [[nodiscard]] const text::FontMetrics& metrics(const draw::TextStyle& style) override;
  [[nodiscard]] const StyleMetrics& metrics(int px, bool bold);

 private:
  FontLibrary& fonts_;
  std::mutex mutex_;
  std::map<std::pair<int, bool>, std::unique_ptr<StyleMetrics>> styles_;
};

}  // namespace kiosk::render
