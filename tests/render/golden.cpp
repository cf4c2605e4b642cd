// Pixel golden comparison with actual/diff output for failing tests.
#include "golden.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>

namespace kiosk::golden {

Comparison compare(const render::Image& expected, const render::Image& actual,
                   int channel_tolerance) {
  Comparison c;
  c.same_size = expected.width == actual.width && expected.height == actual.height;
  c.total = static_cast<std::size_t>(std::max(0, actual.width)) *
            static_cast<std::size_t>(std::max(0, actual.height));
  if (!c.same_size) {
    c.differing = c.total;
    c.max_delta = 255;
    return c;
  }
  for (std::size_t i = 0; i + 3 < actual.rgba.size(); i += 4) {
    int delta = 0;
    for (std::size_t k = 0; k < 4; ++k)
      delta = std::max(delta, std::abs(expected.rgba[i + k] - actual.rgba[i + k]));
    c.max_delta = std::max(c.max_delta, delta);
    if (delta > channel_tolerance) ++c.differing;
  }
  return c;
}

render::Image diff_image(const render::Image& expected, const render::Image& actual,
                         int channel_tolerance) {
  render::Image out(actual.width, actual.height);
  for (int y = 0; y < actual.height; ++y) {
    for (int x = 0; x < actual.width; ++x) {
      const Color a = actual.at(x, y);
      const bool inside = x < expected.width && y < expected.height;
      const Color e = inside ? expected.at(x, y) : Color{0, 0, 0, 0};
      const int delta = std::max(
          {std::abs(a.r - e.r), std::abs(a.g - e.g), std::abs(a.b - e.b), std::abs(a.a - e.a)});
      if (!inside || delta > channel_tolerance) {
        out.set(x, y, {255, 0, 0, 255});
      } else {
        const auto grey =
            static_cast<std::uint8_t>(191 + (e.r + e.g + e.b) / 12);  // 25% of the image over white
        out.set(x, y, {grey, grey, grey, 255});
      }
    }
  }
  return out;
}

std::filesystem::path output_dir() {
  if (const char* env = std::getenv("KIOSK_GOLDEN_OUT"); env != nullptr && *env != '\0') return env;
  return std::filesystem::path(KIOSK_GOLDEN_DEFAULT_OUT);
}

namespace {

bool update_requested() {
  const char* env = std::getenv("KIOSK_UPDATE_GOLDENS");
  return env != nullptr && std::string(env) == "1";
}

std::string write(const render::Image& image, const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (auto saved = render::save_png(image, path); !saved)
    return " (could not write " + path.string() + ": " + saved.error().what + ")";
  return "";
}

}  // namespace

::testing::AssertionResult matches_golden(const render::Image& actual,
                                          const std::filesystem::path& golden,
                                          const Tolerance& tolerance) {
  const std::string stem = golden.stem().string();
  const auto actual_path = output_dir() / (stem + "_actual.png");
  const auto diff_path = output_dir() / (stem + "_diff.png");
  if (update_requested()) {
    const std::string failed = write(actual, golden);
    if (!failed.empty()) return ::testing::AssertionFailure() << "KIOSK_UPDATE_GOLDENS=1" << failed;
    std::fprintf(stderr, "golden written: %s\n", golden.string().c_str());
    return ::testing::AssertionSuccess();
  }
  const auto expected = render::load_png(golden);
  if (!expected) {
    const std::string& error = expected.error().what;
    const std::string failed = write(actual, actual_path);
    return ::testing::AssertionFailure()
           << "no golden " << golden.string() << " (" << error
           << "); actual image: " << actual_path.string() << failed
           << "; look at it, then run the test with KIOSK_UPDATE_GOLDENS=1 to accept it";
  }
  const Comparison c = compare(*expected, actual, tolerance.channel);
  if (c.same_size && c.fraction() <= tolerance.max_fraction) return ::testing::AssertionSuccess();
  const std::string failed = write(actual, actual_path) +
                             write(diff_image(*expected, actual, tolerance.channel), diff_path);
  auto result = ::testing::AssertionFailure();
  result << golden.filename().string() << ": ";
  if (!c.same_size) {
    result << "expected " << expected->width << "x" << expected->height << ", found "
           << actual.width << "x" << actual.height;
  } else {
    result << c.differing << " of " << c.total << " pixels differ by more than "
           << tolerance.channel << " (allowed " << tolerance.max_fraction * 100
           << "%), largest difference " << c.max_delta;
  }
  result << "; actual: " << actual_path.string() << ", diff: " << diff_path.string() << failed
         << " (KIOSK_UPDATE_GOLDENS=1 accepts the actual image)";
  return result;
}

namespace {

// same_pixels (want_same) or different_pixels: either file unreadable fails both.
::testing::AssertionResult pixel_verdict(const std::filesystem::path& a,
                                         const std::filesystem::path& b, bool want_same) {
  const auto first = render::load_png(a);
  if (!first) return ::testing::AssertionFailure() << first.error().what;
  const auto second = render::load_png(b);
  if (!second) return ::testing::AssertionFailure() << second.error().what;
  const Comparison c = compare(*first, *second, 0);
  const bool same = c.same_size && c.differing == 0;
  if (same == want_same) return ::testing::AssertionSuccess();
  auto result = ::testing::AssertionFailure() << a.string() << " and " << b.string() << ": ";
  if (same) return result << "the same picture";
  if (!c.same_size) return result << "the sizes differ";
  return result << c.differing << " of " << c.total << " pixels differ, by up to " << c.max_delta;
}

}  // namespace

::testing::AssertionResult same_pixels(const std::filesystem::path& a,
                                       const std::filesystem::path& b) {
  return pixel_verdict(a, b, true);
}

::testing::AssertionResult different_pixels(const std::filesystem::path& a,
                                            const std::filesystem::path& b) {
  return pixel_verdict(a, b, false);
}

}  // namespace kiosk::golden
