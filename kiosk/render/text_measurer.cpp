// FontMeasurer: text metrics for views from the FontLibrary.
#include "render/text_measurer.hpp"

namespace kiosk::render {

StyleMetrics::StyleMetrics(FontLibrary& fonts, int px, bool bold)
    : fonts_(&fonts), px_(px), bold_(bold) {
  const LineMetrics m = fonts.line_metrics(px, bold);
  line_height_ = static_cast<float>(m.line_height);
  ascent_ = static_cast<float>(m.ascent);
}

float StyleMetrics::advance(char32_t codepoint) const {
  return static_cast<float>(fonts_->advance(codepoint, px_, bold_));
}

const text::FontMetrics& FontMeasurer::metrics(const draw::TextStyle& style) {
  return metrics(pixel_size(style.size_px), style.bold);
}

const StyleMetrics& FontMeasurer::metrics(int px, bool bold) {
  const std::lock_guard lock(mutex_);
  auto& slot = styles_[{px, bold}];
  if (!slot) slot = std::make_unique<StyleMetrics>(fonts_, px, bold);
  return *slot;
}

}  // namespace kiosk::render
