// TextMeasurer: how views get font metrics for a text style without knowing about fonts.
// The renderer implements it with the real fonts (render/); tests use a fake.
#pragma once

#include "draw/display_list.hpp"
#include "text/font_metrics.hpp"

namespace kiosk::draw {

class TextMeasurer {
 public:
  TextMeasurer() = default;
  TextMeasurer(const TextMeasurer&) = delete;
  TextMeasurer& operator=(const TextMeasurer&) = delete;
  virtual ~TextMeasurer() = default;
  // Metrics for text drawn in this style (size and weight matter; colour does not). The reference
  // stays valid as long as the measurer lives.
  [[nodiscard]] virtual const text::FontMetrics& metrics(const TextStyle& style) = 0;
};

}  // namespace kiosk::draw
