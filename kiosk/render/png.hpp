// Fast lossless PNG encoding of XRGB8888 frames (ISA-L's igzip), for writing thousands of previews.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace kiosk::render {

// A frame as the software renderer leaves it: width*height 32-bit words 0x00RRGGBB, row-major.
struct XrgbFrame {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixels;
};

// Contract: an 8-bit RGB PNG (colour type 2, no alpha: the kiosk's frames are opaque) of the
// frame, each row filtered with PNG's Up filter (the flat areas of a UI become runs of zeros) and
// deflated by ISA-L's igzip at its level 1: a 1920×1080 applicant screen in about 5 ms and 313 KB,
// against zlib's run-length strategy's 32 ms and 485 KB and libpng's (through SDL_image) 135 ms and
// 304 KB. A frame of 256 rows or more is deflated in two halves on two threads, joined into the
// one zlib stream. Decodes to exactly the frame's pixels, and the same pixels give the same bytes
// in every process (igzip works in zeroed memory: png.cpp says why). Returns "" when the frame is
// empty or the deflate fails. This is the project's one PNG writer (`kiosk --screenshot`, kioskctl
// preview, render::save_png): measured against libpng through SDL_image (IMG_SavePNG) and libspng
// on the same frame by bench/png_bench (see README).
std::string encode_png(const XrgbFrame& frame);
// The same from pixels in place: `pitch_words` 32-bit words from one row to the next (>= width),
// e.g. an SDL surface's, so the frame need not be copied first.
std::string encode_png(const std::uint32_t* pixels, int width, int height, std::size_t pitch_words);

// encode_png, then writes the file (not atomically: previews are disposable); the error names it.
Result<void> write_png(const XrgbFrame& frame, const std::filesystem::path& path);
// encode_png's bytes (as the overloads above return them) written to `path`; "" or the bytes'
// emptiness is reported as "the image is empty or cannot be compressed".
Result<void> write_png_bytes(const std::string& bytes, const std::filesystem::path& path);

}  // namespace kiosk::render
