// PNG encoding: Up-filtered RGB rows deflated by ISA-L's igzip (two halves at once), one IDAT
// chunk; zlib for the chunk CRCs and joining the halves' checksums.
#include "render/png.hpp"

#include <isa-l/igzip_lib.h>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <future>
#include <memory>
#include <vector>

namespace kiosk::render {
namespace {

void put_u32(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v >> 24));
  out.push_back(static_cast<char>(v >> 16));
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}

// Appends a chunk whose type and data are already at out[start..]; writes the length before
// them (reserved by the caller) and the CRC after.
void close_chunk(std::string& out, std::size_t length_at) {
  const std::size_t data_len = out.size() - length_at - 8;
  for (int i = 0; i < 4; ++i) {
    out[length_at + static_cast<std::size_t>(i)] =
        static_cast<char>(static_cast<std::uint32_t>(data_len) >> (24 - 8 * i));
  }
  const auto* type = reinterpret_cast<const Bytef*>(out.data() + length_at + 4);
  const uLong crc = crc32(0L, type, static_cast<uInt>(data_len + 4));
  put_u32(out, static_cast<std::uint32_t>(crc));
}

std::size_t open_chunk(std::string& out, const char* type) {
  const std::size_t at = out.size();
  out.append(4, '\0');
  out.append(type, 4);
  return at;
}

// Rows [y0, y1) of the frame, each Up-filtered (each byte minus the same channel of the pixel
// above, 0 above the first row) behind its filter byte, deflated raw (no zlib header or
// checksum) by igzip's level 1: the flat areas of a UI become runs of zeros, which it matches
// as it matches any repeat. The last part ends the stream; another ends on a byte boundary (a sync
// flush), so the next can follow.
struct DeflatedRows {
  std::string bytes;
  std::uint32_t adler = 1;  // adler32 of the filtered rows
  std::size_t length = 0;   // their length
  bool ok = false;
};

// One row Up-filtered into RGB bytes: each of R, G, B minus the same byte of the pixel above
// (above & mask: a zero mask for the first row). Subtracts the four bytes of a pixel at once
// (no borrow crosses a byte) and writes the three with one 32-bit store whose fourth byte the
// next pixel overwrites: dst needs one byte of room after the row.
void up_filter(const std::uint32_t* src, const std::uint32_t* up, int w, std::uint8_t* dst,
               std::uint32_t mask) {
  constexpr std::uint32_t kHigh = 0x80808080u;
  for (int x = 0; x < w; ++x) {
    const std::uint32_t p = src[x];
    const std::uint32_t a = up[x] & mask;
    const std::uint32_t d = ((p | kHigh) - (a & ~kHigh)) ^ ((p ^ ~a) & kHigh);  // 0x??RRGGBB
    if constexpr (std::endian::native == std::endian::little) {
      const std::uint32_t rgb = __builtin_bswap32(d << 8);  // R, G, B, 0 in memory
      std::memcpy(dst, &rgb, 4);
    } else {
      const std::uint32_t rgb = d << 8;  // R, G, B, 0 in memory
      std::memcpy(dst, &rgb, 4);
    }
    dst += 3;
  }
}

// igzip's matcher may read up to a window (32 KiB) before the bytes it was given and a little
// after them, memory it never wrote; which match it keeps can then depend on those bytes (never
// what the stream decodes to). With the stream state on the stack, one 960×540 screen encoded in
// 3,000 fresh processes gave other bytes in 4 of them (4 strings, two of another length), and in
// a test program none with address randomisation off: what lay beside the state held addresses.
// Zeroing the state alone did not help (a test program: 9 of 3,000). The state and the rows
// therefore sit in zeroed memory with zeroed room on both sides, so the bytes depend on the rows
// alone: the same 3,000 processes, one byte string.
constexpr std::size_t kRoomBefore = ISAL_DEF_HIST_SIZE + 4096;
constexpr std::size_t kRoomAfter = 4096;

struct ZeroedStream {
  std::uint8_t before[kRoomBefore];
  isal_zstream z;
  std::uint8_t after[kRoomAfter];
};

DeflatedRows deflate_rows(const std::uint32_t* pixels, int w, int y0, int y1,
                          std::size_t pitch_words, bool last_part) {
  DeflatedRows out;
  const auto stream = std::make_unique<ZeroedStream>();  // value-initialised: zeroed
  isal_zstream& z = stream->z;
  isal_deflate_init(&z);
  z.gzip_flag = IGZIP_DEFLATE;  // raw: encode_png writes the zlib header and checksum
  z.level = 1;
  std::vector<std::uint8_t> level_buf(ISAL_DEF_LVL1_DEFAULT);
  z.level_buf = level_buf.data();
  z.level_buf_size = static_cast<std::uint32_t>(level_buf.size());
  const std::size_t row_bytes = 1 + static_cast<std::size_t>(w) * 3;
  // Rows are filtered into a batch buffer and deflated a batch at a time.
  constexpr int kBatchRows = 32;
  // The batch's rows and up_filter's spare byte, with zeroed room on both sides (above).
  std::vector<std::uint8_t> batch_memory(kRoomBefore + row_bytes * kBatchRows + 1 + kRoomAfter);
  std::uint8_t* const batch = batch_memory.data() + kRoomBefore;
  // Deflated through a small buffer and appended: sizing the output for the worst case up front
  // zeroed (and page-faulted) 6 MB for a 1920×1080 frame whose PNG is about 0.3 MB.
  std::vector<std::uint8_t> chunk_out(128 * 1024);
  const auto drain = [&] {
    out.bytes.append(reinterpret_cast<const char*>(chunk_out.data()),
                     chunk_out.size() - z.avail_out);
    z.next_out = chunk_out.data();
    z.avail_out = static_cast<std::uint32_t>(chunk_out.size());
  };
  z.next_out = chunk_out.data();
  z.avail_out = static_cast<std::uint32_t>(chunk_out.size());
  for (int b0 = y0; b0 < y1; b0 += kBatchRows) {
    const int rows = std::min(kBatchRows, y1 - b0);
    std::uint8_t* dst = batch;
    for (int y = b0; y < b0 + rows; ++y) {
      const std::uint32_t* src = pixels + static_cast<std::size_t>(y) * pitch_words;
      *dst++ = 2;  // Up
      if (y == 0) {
        up_filter(src, src, w, dst, 0);  // nothing above: the pixels themselves
      } else {
        up_filter(src, src - pitch_words, w, dst, ~std::uint32_t{0});
      }
      dst += static_cast<std::size_t>(w) * 3;
    }
    const std::size_t filtered = row_bytes * static_cast<std::size_t>(rows);
    out.adler = isal_adler32(out.adler, batch, filtered);
    out.length += filtered;
    z.next_in = batch;
    z.avail_in = static_cast<std::uint32_t>(filtered);
    if (b0 + rows >= y1) {  // the last batch: the stream's end, or a byte-aligned sync flush
      z.end_of_stream = last_part ? 1 : 0;
      z.flush = last_part ? NO_FLUSH : SYNC_FLUSH;
    }
    // isal_deflate returns when the input is used up or the output is full; with room left
    // over, everything given so far is written (and a flush or the end complete).
    for (;;) {
      if (isal_deflate(&z) != COMP_OK) return out;
      if (z.avail_out != 0) break;
      drain();
    }
    if (z.avail_in != 0) return out;  // cannot happen: room was left over
  }
  drain();
  const auto done = last_part ? ZSTATE_END : ZSTATE_NEW_HDR;
  out.ok = z.internal_state.state == done;
  return out;
}

}  // namespace

std::string encode_png(const XrgbFrame& frame) {
  const auto row = static_cast<std::size_t>(std::max(frame.width, 0));
  if (frame.pixels.size() < row * static_cast<std::size_t>(std::max(frame.height, 0))) return {};
  return encode_png(frame.pixels.data(), frame.width, frame.height, row);
}

std::string encode_png(const std::uint32_t* pixels, int w, int h, std::size_t pitch_words) {
  if (w <= 0 || h <= 0 || pixels == nullptr || pitch_words < static_cast<std::size_t>(w)) return {};
  std::string out("\x89PNG\r\n\x1a\n", 8);
  std::size_t chunk = open_chunk(out, "IHDR");
  put_u32(out, static_cast<std::uint32_t>(w));
  put_u32(out, static_cast<std::uint32_t>(h));
  out.push_back(8);  // bit depth
  out.push_back(2);  // colour type: RGB
  out.push_back(0);  // deflate
  out.push_back(0);  // adaptive filtering (per-row filter bytes)
  out.push_back(0);  // no interlace
  close_chunk(out, chunk);

  // A large frame is deflated in two halves at once, as pigz does: the top half ends on a byte
  // boundary (a sync flush), the bottom half is the stream's end, and their checksums combine
  // into the zlib stream's one. Half the wall time of `kiosk --screenshot`'s encoding on two cores.
  constexpr int kMinRowsToSplit = 256;
  const int split = h >= kMinRowsToSplit ? h / 2 : h;
  auto bottom = std::async(split < h ? std::launch::async : std::launch::deferred,
                           [&] { return deflate_rows(pixels, w, split, h, pitch_words, true); });
  const DeflatedRows top = deflate_rows(pixels, w, 0, split, pitch_words, split == h);
  const DeflatedRows rest = split < h ? bottom.get() : DeflatedRows{{}, 1, 0, true};
  if (!top.ok || !rest.ok) return {};
  chunk = open_chunk(out, "IDAT");
  out.push_back(0x78);  // zlib header: deflate, 32 KiB window
  out.push_back(0x01);  // no preset dictionary; (0x78 * 256 + 0x01) % 31 == 0
  out += top.bytes;
  out += rest.bytes;
  put_u32(out, static_cast<std::uint32_t>(
                   adler32_combine(top.adler, rest.adler, static_cast<z_off_t>(rest.length))));
  close_chunk(out, chunk);
  chunk = open_chunk(out, "IEND");
  close_chunk(out, chunk);
  return out;
}

Result<void> write_png(const XrgbFrame& frame, const std::filesystem::path& path) {
  return write_png_bytes(encode_png(frame), path);
}

Result<void> write_png_bytes(const std::string& bytes, const std::filesystem::path& path) {
  if (bytes.empty()) {
    return Error{"cannot write " + path.string() + ": the image is empty or cannot be compressed"};
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Error{"cannot write " + path.string() + ": " + std::strerror(errno)};
  const bool wrote = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const int write_errno = errno;
  const bool closed = std::fclose(f) == 0;
  if (!wrote || !closed) {
    return Error{"cannot write " + path.string() + ": " +
                 std::strerror(wrote ? errno : write_errno)};
  }
  return {};
}

}  // namespace kiosk::render
