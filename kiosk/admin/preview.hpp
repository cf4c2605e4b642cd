// Previews drawn by the kiosk's own renderer (the screenshot module), offscreen: one screen as PNG
// bytes for the console, the list of a bundle's screen names, and the whole gallery `kioskctl
// preview` writes (PNGs + index.html).
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "admin/working_copy.hpp"
#include "core/civil_date.hpp"
#include "core/problem.hpp"
#include "core/result.hpp"

namespace kiosk::admin {

// What drawing needs from the kiosk's configuration (kiosk.json): office name, fonts, the
// display's size and orientation, the server shown on the 维护 screen.
struct PreviewSetup {
  std::string office_name;
  std::vector<std::string> font_families;
  int width = 1920, height = 1080;  // landscape size; portrait swaps them
  bool portrait = false;            // the display's configured orientation
  std::string server_url;
  tz::Zone zone;  // config timezone: the date and times drawn when none is given
};

// The setup from a config file: `config_path` when given, else /etc/kiosk/kiosk.json when it
// exists, else the defaults. nullopt with the config's problems when the file is invalid.
std::optional<PreviewSetup> preview_setup(const std::string& config_path, Problems& problems);

enum class Orientation { Landscape, Portrait };

struct PreviewRequest {
  // A screen name as screen_names() lists it or `kiosk --screenshot` takes it: "home",
  // "notices:NOTICE/CATEGORY", "standard:3", "applicant:NOTICE/ID", …
  std::string screen = "home";
  Orientation orientation = Orientation::Landscape;
  std::optional<std::pair<int, int>> size;  // overrides the setup's size and the orientation
  bool large_text = false;                  // 适老模式
  CivilDate date = office_today();
  int minute_of_day = 9 * 60 + 30;
};

// Draws screens of working copies with one set of fonts (loaded once: that is the slow part).
// Thread-safe: calls are serialised (SDL's software renderer is one thread at a time).
class Previewer {
 public:
  explicit Previewer(PreviewSetup setup);
  ~Previewer();
  Previewer(const Previewer&) = delete;
  Previewer& operator=(const Previewer&) = delete;

  // False when none of the configured font families is installed (png() then fails).
  [[nodiscard]] bool fonts_usable() const;
  [[nodiscard]] const PreviewSetup& setup() const { return setup_; }

  // The PNG bytes of one screen of a valid working copy, exactly as the kiosk draws it at that
  // size, text mode and date. Error (one line) for an invalid copy (its first problem), an unknown
  // screen name (listing the valid ones), a size outside 1..16384 or no usable font.
  Result<std::string> png(const WorkingCopy& copy, const PreviewRequest& request);

 private:
  struct Impl;
  PreviewSetup setup_;
  std::unique_ptr<Impl> impl_;
  mutable std::mutex mutex_;
};

// The names of the screens a valid working copy has on `date`, in gallery order: the fixed
// screens ("attract", "home", "notices", "standards", "hotlines", "steps", "document",
// "diagnostics", "dimmed"), then "notices:NOTICE/CATEGORY" for each notice listed on that date,
// then "standard:N". Applicants ("applicant:NOTICE/ID") are drawable but not listed (thousands).
// Empty for an invalid copy.
std::vector<std::string> screen_names(const WorkingCopy& copy, CivilDate date);

// --- the gallery (kioskctl preview) ---------------------------------------------------------

struct GalleryOptions {
  std::filesystem::path dir, out;
  std::optional<std::pair<int, int>> size;  // else the setup's (portrait swapped)
  std::optional<CivilDate> at;              // else today at the current minute
  bool large_text = false;
  std::vector<std::string> only;  // screen names, applicant:ID, or applicant/notices/standard
  std::size_t max_applicants = 200;
  PreviewSetup setup;
};

// Applicant pages a gallery may be asked to draw at most (100 notices of 10,000 applicants).
std::size_t most_gallery_applicants();

struct GalleryReport {
  std::filesystem::path index;  // OUTDIR/index.html
  std::size_t pngs = 0;
  std::array<std::size_t, 4> counts{};  // screens, category lists, standards, applicants
  int width = 0, height = 0;
  CivilDate date;
  std::size_t hidden_applicants = 0;  // of notices not listed on that date
  std::size_t capped_applicants = 0;  // over max_applicants
  double seconds = 0, pngs_per_second = 0;
};

// A planned gallery: the bundle validated, fonts loaded, the PNGs chosen. Build with
// Gallery::plan, check only_problems(), then write().
class Gallery {
 public:
  // nullptr with the problems (appended) when the bundle is invalid or no font is usable;
  // `warnings` gets the characters no configured font has (drawn as □).
  static std::unique_ptr<Gallery> plan(const GalleryOptions& options, Problems& problems,
                                       Problems& warnings);
  ~Gallery();
  Gallery(const Gallery&) = delete;
  Gallery& operator=(const Gallery&) = delete;

  // One line per --only name that matches nothing: "--only X: expected a screen of this bundle
  // on DATE (…), found none".
  [[nodiscard]] std::vector<std::string> only_problems() const;
  // OUTDIR made ready: new, empty, or an earlier preview (whose files are removed). Error (one
  // line naming the path) when it holds anything else.
  Result<void> prepare_output();
  // prepare_output() unless done, then the PNGs drawn and encoded and the index pages written.
  // Error (one line) when any of it fails.
  Result<GalleryReport> write();

 private:
  struct Impl;
  explicit Gallery(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::admin
