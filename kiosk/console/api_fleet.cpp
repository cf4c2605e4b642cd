// GET /api/fleet, /api/fleet/KIOSK/screen.png, /api/proof, /api/proof.html (see api_fleet.hpp).
#include "console/api_fleet.hpp"

#include <nlohmann/json.hpp>
#include <regex>

#include "admin/fleet.hpp"
#include "admin/proof.hpp"
#include "console/reply.hpp"
#include "core/redact.hpp"

namespace kiosk::console {
namespace {

using Json = nlohmann::ordered_json;

bool valid_id(const std::string& id) {
  static const std::regex re("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
  return std::regex_match(id, re);
}

admin::ReportSource source_of(const Options& o) {
  admin::ReportSource s;
  s.from = o.fleet;
  s.ca_file = o.ca_file;
  return s;
}

// 503 with a Chinese line when serve was started without --fleet (or --keys for a proof).
bool configured(const Options& o, httplib::Response& res, bool need_keys) {
  if (o.fleet.empty()) {
    reply(res, 200,
          {{"available", false},
           {"message", "没有设置状态目录(serve --fleet URL),看不到各台触摸屏的状态。"}});
    return false;
  }
  if (need_keys && o.keys.empty()) {
    reply(res, 200,
          {{"available", false},
           {"message", "没有设置登记的触摸屏公钥(serve --keys DIR),无法验证显示日志。"}});
    return false;
  }
  return true;
}

Result<admin::Proof> proof_for(const Options& o, const std::string& notice) {
  auto request = admin::request_from_bundle(o.dir, notice);
  if (!request) return request.error();
  request->zone = o.clock.zone();
  request->now_unix = o.clock.now_unix();
  return admin::prove(*request, source_of(o), o.keys);
}

}  // namespace

void install_fleet(httplib::Server& server, const Options& options) {
  const Options& o = options;
  server.Get("/api/fleet", [&o](const httplib::Request&, httplib::Response& res) {
    if (!configured(o, res, false)) return;
    admin::FleetOptions f;
    f.source = source_of(o);
    if (!o.keys.empty()) f.keys_dir = o.keys;
    f.now_unix = o.clock.now_unix();
    auto fleet = admin::read_fleet(f);
    if (!fleet) return reply(res, 502, {{"error", "读不到状态目录:" + redact(fleet.error().what)}});
    Json kiosks = Json::array();
    for (const auto& r : fleet->rows) {
      Json k = {{"id", r.kiosk_id},
                {"state", admin::state_name(r.state)},
                {"problem", r.state != admin::KioskState::Ok},
                {"reason", redact(r.reason)},
                {"enrolled", r.enrolled}};
      if (r.has_status) {
        k["office"] = r.status.office_name;
        k["seen_at"] = r.status.time;
        k["version"] = r.status.content_version;
        k["screen"] = r.status.screen;
        k["sync"] = r.status.sync_result;
        k["uptime_s"] = r.status.uptime_s;
        k["disk_free_mb"] = r.status.disk_free_mb;
      }
      kiosks.push_back(std::move(k));
    }
    reply(res, 200,
          {{"available", true},
           {"healthy", fleet->healthy()},
           {"newest", fleet->newest_version},
           {"note", fleet->listing_note},
           {"kiosks", std::move(kiosks)}});
  });
  server.Get("/api/fleet/([^/]+)/screen.png",
             [&o](const httplib::Request& req, httplib::Response& res) {
               const std::string id = req.matches[1];
               if (o.fleet.empty() || !valid_id(id))
                 return reply(res, 404, {{"error", "没有这台触摸屏"}});
               auto reader = admin::ReportReader::open(source_of(o));
               if (!reader) return reply(res, 502, {{"error", redact(reader.error().what)}});
               auto png = reader->get(id, "screen.png", 1u << 20);
               if (!png) return reply(res, 502, {{"error", redact(png.error().what)}});
               if (!*png || png->value().rfind("\x89PNG", 0) != 0)
                 return reply(res, 404, {{"error", "这台触摸屏没有上传截图"}});
               res.set_content(**png, "image/png");
             });
  server.Get("/api/proof", [&o](const httplib::Request& req, httplib::Response& res) {
    if (!configured(o, res, true)) return;
    const std::string notice = req.get_param_value("notice");
    auto proof = proof_for(o, notice);
    if (!proof) return reply(res, 404, {{"error", redact(proof.error().what)}});
    Json kiosks = Json::array();
    const auto& z = proof->request.zone;
    const auto spans = [&z](const std::vector<admin::ProofInterval>& list) {
      Json a = Json::array();
      for (const auto& i : list)
        a.push_back({{"from", z.rfc3339(i.from)}, {"to", z.rfc3339(i.to)}, {"why", i.why}});
      return a;
    };
    for (const auto& k : proof->kiosks) {
      kiosks.push_back({{"id", k.kiosk_id},
                        {"office", k.office_name},
                        {"verified", k.verified},
                        {"verification", k.verification},
                        {"covered", k.covered},
                        {"shown", spans(k.shown)},
                        {"gaps", spans(k.gaps)},
                        {"dims", k.dims}});
    }
    reply(res, 200,
          {{"available", true},
           {"notice", proof->request.notice_id},
           {"title", proof->request.notice_title},
           {"start", proof->request.start.iso()},
           {"end", proof->request.end.iso()},
           {"ongoing", proof->ongoing},
           {"kiosks", std::move(kiosks)}});
  });
  server.Get("/api/proof.html", [&o](const httplib::Request& req, httplib::Response& res) {
    if (!configured(o, res, true)) return;
    auto proof = proof_for(o, req.get_param_value("notice"));
    if (!proof) return reply(res, 404, {{"error", redact(proof.error().what)}});
    res.set_content(admin::proof_html(*proof), "text/html; charset=utf-8");
  });
}

}  // namespace kiosk::console
