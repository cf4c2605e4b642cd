// kioskctl preview: a thin wrapper over admin/preview.hpp's gallery (every screen, category list,
// standard and applicant up to a cap, drawn by the kiosk's renderer, with an index.html).
#include <algorithm>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "admin/preview.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {
namespace {

std::optional<std::pair<int, int>> parse_size(const std::string& text) {
  const auto x = text.find('x');
  if (x == std::string::npos || x == 0 || x + 1 >= text.size() || text.size() > 11)
    return std::nullopt;
  int w = 0, h = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == x) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int& v = i < x ? w : h;
    v = v * 10 + (text[i] - '0');
  }
  if (w < 1 || h < 1 || w > 16384 || h > 16384) return std::nullopt;
  return std::pair{w, h};
}

// Returns the exit status for a usage error, or 0 with `o` filled.
int parse_args(const Args& args, admin::GalleryOptions& o, std::string& config_path,
               std::ostream& err) {
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--large-text") {
      o.large_text = true;
      continue;
    }
    if (a == "--out" || a == "--size" || a == "--at" || a == "--only" || a == "--config" ||
        a == "--max-applicants") {
      if (i + 1 >= args.size()) {
        err << "kioskctl preview: " << a << " expects a value (kioskctl preview --help)\n";
        return 2;
      }
      const std::string& v = args[++i];
      if (a == "--out") {
        o.out = v;
      } else if (a == "--size") {
        o.size = parse_size(v);
        if (!o.size) {
          err << "kioskctl preview: --size: expected WxH of 1–16384 pixels each (e.g. 1920x1080), "
                 "found \""
              << v << "\"\n";
          return 2;
        }
      } else if (a == "--at") {
        o.at = CivilDate::parse(v);
        if (!o.at) {
          err << "kioskctl preview: --at: expected a date YYYY-MM-DD, found \"" << v << "\"\n";
          return 2;
        }
      } else if (a == "--only") {
        o.only.push_back(v);
      } else if (a == "--max-applicants") {
        std::size_t n = 0;
        bool ok = !v.empty() && v.size() <= 7;
        for (const char c : v) {
          ok = ok && c >= '0' && c <= '9';
          if (ok) n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        if (!ok || n > admin::most_gallery_applicants()) {
          err << "kioskctl preview: --max-applicants: expected a number of applicant pages from 0 "
                 "to "
              << admin::most_gallery_applicants() << ", found \"" << v << "\"\n";
          return 2;
        }
        o.max_applicants = n;
      } else {
        config_path = v;
      }
      continue;
    }
    if (a.rfind("--", 0) == 0) {
      err << "kioskctl preview: unknown option " << a << " (kioskctl preview --help)\n";
      return 2;
    }
    positional.push_back(a);
  }
  if (positional.size() != 1) {
    err << "kioskctl preview: expected one bundle directory, found " << positional.size()
        << " arguments\n";
    return 2;
  }
  o.dir = positional[0];
  if (o.out.empty()) {
    err << "kioskctl preview: expected --out OUTDIR\n";
    return 2;
  }
  return 0;
}

}  // namespace

int cmd_preview(const Args& args, std::ostream& out, std::ostream& err) {
  admin::GalleryOptions o;
  std::string config_path;
  if (const int rc = parse_args(args, o, config_path, err); rc != 0) return rc;
  // The configuration the kiosk would use: office name, fonts, display size.
  Problems problems;
  auto setup = admin::preview_setup(config_path, problems);
  for (const auto& p : problems) err << p.line() << "\n";
  if (!setup) return 2;
  o.setup = std::move(*setup);
  problems.clear();
  Problems warnings;
  auto gallery = admin::Gallery::plan(o, problems, warnings);
  if (!gallery) {
    for (const auto& p : problems)
      err << (p.file.empty() ? "kioskctl preview: " : "") << p.line() << "\n";
    return 1;
  }
  for (const auto& p : warnings) err << "warning: " << p.line() << " (drawn as □)\n";
  if (const auto only = gallery->only_problems(); !only.empty()) {
    err << "kioskctl preview: " << only.front() << "\n";
    return 2;
  }
  if (auto prepared = gallery->prepare_output(); !prepared) {
    err << prepared.error().what << "\n";
    return 1;
  }
  auto report = gallery->write();
  if (!report) {
    err << "kioskctl preview: " << report.error().what << "\n";
    return 1;
  }
  std::ostringstream rate;
  rate.setf(std::ios::fixed);
  rate.precision(1);
  rate << report->seconds << " s (" << report->pngs_per_second << " PNGs/s)";
  out << report->index.string() << ": " << report->pngs << " PNGs (" << report->counts[0]
      << " screens, " << report->counts[1] << " category lists, " << report->counts[2]
      << " standards, " << report->counts[3] << " applicants) at " << report->width << "x"
      << report->height << (o.large_text ? " in 适老模式" : "") << " for " << report->date.iso()
      << " in " << rate.str()
      << (report->hidden_applicants > 0
              ? "; " + std::to_string(report->hidden_applicants) +
                    " applicants of notices not shown on that date left out"
              : std::string())
      << (report->capped_applicants > 0 ? "; " + std::to_string(report->capped_applicants) +
                                              " applicants over --max-applicants " +
                                              std::to_string(o.max_applicants) + " left out"
                                        : std::string())
      << "\n";
  return 0;
}

}  // namespace kiosk::ctl
