// kioskctl fleet and kioskctl proof: the district's view of its kiosks and the proof that a 公示
// was posted (thin wrappers over admin/fleet.hpp and admin/proof.hpp; FLEET.md).
#include <algorithm>
#include <charconv>
#include <ctime>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "admin/fleet.hpp"
#include "admin/proof.hpp"
#include "core/files.hpp"
#include "core/redact.hpp"
#include "ctl/commands.hpp"

namespace kiosk::ctl {
namespace {

// --name VALUE options and positional arguments; an error line when one is unknown or lacks a
// value.
struct Parsed {
  std::map<std::string, std::string> values;
  std::vector<std::string> positional;
};
std::optional<Parsed> parse(const std::string& verb, const Args& args,
                            const std::vector<std::string>& known, std::ostream& err) {
  Parsed p;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) {
      p.positional.push_back(a);
      continue;
    }
    if (std::find(known.begin(), known.end(), a) == known.end()) {
      err << "kioskctl " << verb << ": unknown option " << a << " (kioskctl " << verb
          << " --help)\n";
      return std::nullopt;
    }
    if (i + 1 >= args.size()) {
      err << "kioskctl " << verb << ": " << a << " expects a value\n";
      return std::nullopt;
    }
    p.values[a] = args[++i];
  }
  return p;
}

// The report location's reader options: --ca-file, and --user with --password-file for a server
// that protects GET too.
std::optional<admin::ReportSource> source_of(const std::string& verb, const Parsed& p,
                                             std::ostream& err) {
  admin::ReportSource s;
  s.from = p.values.count("--from") ? p.values.at("--from") : "";
  if (s.from.empty()) {
    err << "kioskctl " << verb << ": expected --from URL (the report location, report.url)\n";
    return std::nullopt;
  }
  if (p.values.count("--ca-file")) s.ca_file = p.values.at("--ca-file");
  if (p.values.count("--user") != p.values.count("--password-file")) {
    err << "kioskctl " << verb << ": --user and --password-file go together\n";
    return std::nullopt;
  }
  if (p.values.count("--user")) {
    const auto pw = files::read(p.values.at("--password-file"), 4096);
    if (!pw) {
      err << p.values.at("--password-file") << ": " << pw.error().what << "\n";
      return std::nullopt;
    }
    s.basic = net::BasicAuth{p.values.at("--user"), pw->substr(0, pw->find_first_of("\r\n"))};
  }
  return s;
}

tz::Zone zone_of(const Parsed& p) {
  if (p.values.count("--timezone")) {
    if (auto z = tz::Zone::locate(p.values.at("--timezone"))) return *z;
  }
  return tz::Zone();
}

}  // namespace

int cmd_fleet(const Args& args, std::ostream& out, std::ostream& err) {
  const auto p = parse("fleet", args,
                       {"--from", "--keys", "--offline-after", "--content", "--ca-file", "--user",
                        "--password-file", "--timezone"},
                       err);
  if (!p) return 2;
  if (!p->positional.empty()) {
    err << "kioskctl fleet: expected no arguments besides options, found " << p->positional.front()
        << "\n";
    return 2;
  }
  const auto source = source_of("fleet", *p, err);
  if (!source) return 2;
  admin::FleetOptions o;
  o.source = *source;
  if (p->values.count("--keys")) o.keys_dir = p->values.at("--keys");
  if (p->values.count("--content")) o.content_url = p->values.at("--content");
  if (p->values.count("--offline-after")) {
    // Minutes; a fraction is allowed (tests, and kiosks reporting every 30 s).
    const std::string& v = p->values.at("--offline-after");
    double minutes = -1;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), minutes);
    if (r.ec != std::errc{} || r.ptr != v.data() + v.size() || minutes < 0 || minutes > 525600) {
      err << "kioskctl fleet: --offline-after: expected minutes (e.g. 15), found \"" << v << "\"\n";
      return 2;
    }
    o.offline_after_s = static_cast<long long>(minutes * 60);
  }
  o.now_unix = static_cast<long long>(std::time(nullptr));
  auto fleet = admin::read_fleet(o);
  if (!fleet) {
    err << "kioskctl fleet: " << redact(fleet.error().what) << "\n";
    return 1;
  }
  for (const auto& line : admin::fleet_lines(*fleet, zone_of(*p))) out << line << "\n";
  return fleet->healthy() && !fleet->rows.empty() ? 0 : 1;
}

int cmd_proof(const Args& args, std::ostream& out, std::ostream& err) {
  const auto p = parse("proof", args,
                       {"--from", "--keys", "--out", "--bundle", "--window", "--title", "--ca-file",
                        "--user", "--password-file", "--timezone"},
                       err);
  if (!p) return 2;
  if (p->positional.size() != 1) {
    err << "kioskctl proof: expected one NOTICE_ID, found " << p->positional.size()
        << " arguments\n";
    return 2;
  }
  const auto source = source_of("proof", *p, err);
  if (!source) return 2;
  if (!p->values.count("--keys") || !p->values.count("--out")) {
    err << "kioskctl proof: expected --keys DIR (KIOSK_ID.pub) and --out report.html\n";
    return 2;
  }
  admin::ProofRequest request;
  if (p->values.count("--bundle")) {
    auto r = admin::request_from_bundle(p->values.at("--bundle"), p->positional[0]);
    if (!r) {
      err << r.error().what << "\n";
      return 1;
    }
    request = *r;
  } else if (p->values.count("--window")) {
    const std::string& w = p->values.at("--window");
    const auto dots = w.find("..");
    const auto a = CivilDate::parse(w.substr(0, dots));
    const auto b = dots == std::string::npos ? std::nullopt : CivilDate::parse(w.substr(dots + 2));
    if (!a || !b || *b < *a) {
      err << "kioskctl proof: --window: expected YYYY-MM-DD..YYYY-MM-DD, found \"" << w << "\"\n";
      return 2;
    }
    request.notice_id = p->positional[0];
    request.notice_title = p->values.count("--title") ? p->values.at("--title") : "";
    request.start = *a;
    request.end = *b;
  } else {
    err << "kioskctl proof: expected --bundle DIR (the notice's 公示期 from notices.json) or "
           "--window YYYY-MM-DD..YYYY-MM-DD\n";
    return 2;
  }
  request.zone = zone_of(*p);
  request.now_unix = static_cast<long long>(std::time(nullptr));
  auto proof = admin::prove(request, *source, p->values.at("--keys"));
  if (!proof) {
    err << "kioskctl proof: " << redact(proof.error().what) << "\n";
    return 1;
  }
  const std::string html = admin::proof_html(*proof);
  if (auto w = files::write_atomic(p->values.at("--out"), html); !w) {
    err << p->values.at("--out") << ": " << w.error().what << "\n";
    return 1;
  }
  int covered = 0;
  for (const auto& k : proof->kiosks) {
    out << k.kiosk_id << "  "
        << (!k.verified ? "无法证明"
            : k.covered ? "已覆盖"
                        : "未覆盖")
        << "  显示 " << k.shown.size() << " 段  中断 " << k.gaps.size() << " 处";
    for (const auto& g : k.gaps)
      out << "  [" << request.zone.rfc3339(g.from) << " – " << request.zone.rfc3339(g.to) << " "
          << g.why << "]";
    if (!k.verified) out << "  " << k.verification;
    out << "\n";
    covered += k.covered ? 1 : 0;
  }
  out << p->values.at("--out") << ": " << covered << " of " << proof->kiosks.size()
      << " kiosks covered the 公示期\n";
  return covered == static_cast<int>(proof->kiosks.size()) && covered > 0 ? 0 : 1;
}

}  // namespace kiosk::ctl
