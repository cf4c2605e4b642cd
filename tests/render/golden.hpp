// Pixel goldens for tests: compare a rendered Image with a committed PNG within a tolerance; on a
// mismatch write NAME_actual.png and NAME_diff.png; KIOSK_UPDATE_GOLDENS=1 rewrites the goldens.
// Library target kiosk_golden: any test folder may link it.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <string>

#include "render/image.hpp"

namespace kiosk::golden {

struct Tolerance {
  int channel = 24;              // a pixel differs when any channel differs by more than this
  double max_fraction = 0.0005;  // … and the test fails when more than this share of pixels differ
                                 // (0.05%: about 1,000 pixels of a 1920×1080 screen)
};

struct Comparison {
  bool same_size = false;
  std::size_t differing = 0;  // pixels beyond the channel tolerance
  std::size_t total = 0;
  int max_delta = 0;  // largest channel difference seen
  [[nodiscard]] double fraction() const {
    return total == 0 ? 1.0 : static_cast<double>(differing) / static_cast<double>(total);
  }
};

Comparison compare(const render::Image& expected, const render::Image& actual,
                   int channel_tolerance);

// The expected image faded to 25% grey with differing pixels in red (if sizes differ: the actual
// image's size, differing everywhere outside the overlap).
render::Image diff_image(const render::Image& expected, const render::Image& actual,
                         int channel_tolerance);

// Where *_actual.png and *_diff.png go: $KIOSK_GOLDEN_OUT if set, else <build dir>/golden-output.
std::filesystem::path output_dir();

// Compares `actual` with the PNG at `golden` (an absolute path into the source tree, e.g.
// KIOSK_SOURCE_ROOT "/tests/ui/goldens/home_1920x1080.png").
//  - KIOSK_UPDATE_GOLDENS=1 in the environment: writes actual to `golden` (creating its folder) and
//    succeeds. This is the documented way to create or refresh goldens; look at every image you
//    commit.
//  - Golden missing: fails, writes NAME_actual.png to output_dir(), and says how to create it.
//  - Mismatch (size, or more differing pixels than allowed): fails, writes NAME_actual.png and
//    NAME_diff.png to output_dir() and names both in the message.
::testing::AssertionResult matches_golden(const render::Image& actual,
                                          const std::filesystem::path& golden,
                                          const Tolerance& tolerance = {});

// Two PNG files show the same picture, pixel for pixel: what a test of a screen means by "the
// same screen". (Before render/png.cpp deflated in zeroed memory, the same pixels gave other
// bytes in 3 of 1,700 `kiosk --screenshot` runs, and a test comparing bytes failed in CI.)
// `same_pixels` fails when either file cannot be read, the sizes differ or any pixel differs;
// `different_pixels` fails when either cannot be read or the pictures are the same.
::testing::AssertionResult same_pixels(const std::filesystem::path& a,
                                       const std::filesystem::path& b);
::testing::AssertionResult different_pixels(const std::filesystem::path& a,
                                            const std::filesystem::path& b);

}  // namespace kiosk::golden
