// load_bench: times each stage of the kiosk's start-up path on a bundle directory (bench/run's).
// Usage: load_bench DIR [REPEATS]. Prints one JSON object of milliseconds (the minimum over
// repeats).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <map>
#include <string>

#include "app/runtime.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "core/utf8.hpp"
#include "json/reader.hpp"
#include "render/font_library.hpp"
#include "render/offscreen.hpp"
#include "render/text_measurer.hpp"
#include "ui/model.hpp"
#include "ui/reducer.hpp"
#include "ui/views.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: load_bench DIR [REPEATS]\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::map<std::string, double> best;
  const auto note = [&best](const std::string& k, double v) {
    const auto it = best.find(k);
    if (it == best.end() || v < it->second) best[k] = v;
  };
  kiosk::render::FontLibrary fonts(kiosk::config::Config{}.fonts.families);
  for (int r = 0; r < repeats; ++r) {
    auto t0 = Clock::now();
    std::map<std::string, std::string> files;
    for (const char* name : {"document.json", "notices.json", "hotlines.json"}) {
      auto got = kiosk::files::read(dir / name, 64u << 20);
      if (!got) {
        std::cerr << "load_bench: " << name << ": " << got.error().what << "\n";
        return 1;
      }
      files[name] = std::move(*got);
    }
    note("read", ms_since(t0));
    kiosk::Problems problems;
    const std::string& notices = files["notices.json"];
    t0 = Clock::now();
    (void)kiosk::utf8::first_invalid(notices);
    note("notices_utf8_check", ms_since(t0));
    t0 = Clock::now();
    {
      auto dom = kiosk::json::parse(notices, "notices.json", problems);
      note("notices_json_parse", ms_since(t0));
      t0 = Clock::now();
    }
    note("notices_dom_free", ms_since(t0));
    {
      auto dom = kiosk::json::parse(notices, "notices.json", problems);
      t0 = Clock::now();
      auto& apps = (*dom)["notices"][0]["applicants"];
      for (auto& a : apps) a = nullptr;
      note("notices_dom_free_piecewise", ms_since(t0));
    }
    t0 = Clock::now();
    { const auto dom = kiosk::json::Json::parse(notices.begin(), notices.end()); }
    note("notices_nlohmann_only_with_free", ms_since(t0));
    t0 = Clock::now();
    (void)kiosk::content::parse_notices(files["notices.json"], problems);
    note("notices_parse_and_validate", ms_since(t0));
    t0 = Clock::now();
    (void)kiosk::content::parse_document(files["document.json"], problems);
    note("document_parse_and_validate", ms_since(t0));
    t0 = Clock::now();
    auto loaded = kiosk::content::load_bundle(dir);
    note("load_bundle", ms_since(t0));
    if (!loaded.bundle) {
      std::cerr << "load_bench: "
                << (loaded.problems.empty() ? "invalid" : loaded.problems.front().line()) << "\n";
      return 1;
    }
    t0 = Clock::now();
    auto model = std::make_shared<const kiosk::ui::Model>(std::move(*loaded.bundle), "示例居委会",
                                                          1, kiosk::screenshot::qr_encoder());
    note("model", ms_since(t0));
    t0 = Clock::now();
    kiosk::render::FontMeasurer measurer(fonts);
    kiosk::ui::Views views(measurer, kiosk::screenshot::load_roles());
    auto state = kiosk::ui::initial_state(model, 0, {2026, 11, 25}, 9 * 60 + 30, 90);
    const kiosk::draw::DisplayList list = views.render(*model, state, {1920, 1080});
    note("attract_views", ms_since(t0));
    t0 = Clock::now();
    auto off = kiosk::render::Offscreen::create(1920, 1080, fonts).value();
    off.draw(list);
    note("attract_draw_offscreen", ms_since(t0));
  }
  std::cout << "{";
  bool first = true;
  for (const auto& [k, v] : best) {
    std::cout << (first ? "" : ", ") << "\"" << k << "_ms\": " << v;
    first = false;
  }
  std::cout << "}\n";
  return 0;
}
