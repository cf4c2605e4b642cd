// The lifecycle routes of the console (api_lifecycle.hpp): each calls one admin edit or reads the
// working copy's model; the rules are the bundle's own (kiosk/content/SCHEMA.md).
#include "console/api_lifecycle.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "admin/edits.hpp"
#include "admin/working_copy.hpp"
#include "console/reply.hpp"
#include "json/reader.hpp"

namespace kiosk::console {
OrderedJson window_json(const content::NoticeWindow& w) {
  return {
      {"start", w.start.iso()},
      {"end", w.end.iso()},
      {"working_days", w.in_working_days() ? OrderedJson(w.working_days) : OrderedJson(nullptr)}};
}

namespace {

using Req = httplib::Request;
using Res = httplib::Response;

// The notice's lifecycle: the fields as written, and what the bundle's model resolves from them
// (null while the working copy has problems).
OrderedJson lifecycle_json(const admin::WorkingCopy& copy, const OrderedJson& raw) {
  const auto field = [&raw](const char* key) {
    return raw.contains(key) ? raw[key] : OrderedJson(nullptr);
  };
  OrderedJson out{
      {"id", raw.value("id", "")},
      {"window_as_written", field("window")},
      {"objection", field("objection")},
      {"corrections", raw.contains("corrections") ? raw["corrections"] : OrderedJson::array()},
      {"result", field("result")}};
  const content::Notice* notice = nullptr;
  if (copy.bundle) {
    for (const auto& n : copy.bundle->notices) {
      if (n.id == out["id"]) notice = &n;
    }
  }
  OrderedJson years = OrderedJson::array();
  if (copy.bundle) {
    for (const auto& [year, data] : copy.bundle->calendar.years)
      years.push_back({{"year", year}, {"source", data.source}});
  }
  out["calendar_years"] = years;
  if (notice == nullptr) {
    out["resolved"] = nullptr;
    out["problems"] = problems_json(copy.problems);
    return out;
  }
  const content::Correction* t = notice->termination();
  out["resolved"] = {{"declared_window", window_json(notice->declared_window)},
                     {"window", window_json(notice->window)},
                     {"extended", notice->extended()},
                     {"board_end", notice->board_end().iso()},
                     {"terminated", t != nullptr ? OrderedJson(t->date.iso()) : nullptr},
                     {"applicants", notice->applicants.size()},
                     {"withdrawn", notice->withdrawn_count()},
                     {"window_line", admin::window_line(*notice)}};
  out["problems"] = problems_json(copy.problems);
  return out;
}

}  // namespace

void install_lifecycle_api(httplib::Server& server, const std::filesystem::path& dir,
                           std::mutex& edit) {
  server.Get("/api/notices/([^/]+)/lifecycle", [dir](const Req& req, Res& res) {
    auto copy = admin::load_working_copy(dir);
    if (!copy) return reply(res, 500, {{"error", "工作目录无法读取：" + copy.error().what}});
    const auto raw = admin::notice_json(*copy, req.matches[1].str());
    if (!raw) return reply(res, 404, {{"error", "没有这个公示：" + req.matches[1].str()}});
    reply(res, 200, lifecycle_json(*copy, *raw));
  });
  // window, objection, result: each given replaces the notice's; null removes objection/result.
  server.Put("/api/notices/([^/]+)/lifecycle", [dir, &edit](const Req& req, Res& res) {
    const auto body = body_json(req, res);
    if (!body) return;
    if (!body->is_object() || body->empty())
      return reply(res, 422, {{"error", "请求应为 {\"window\"、\"objection\" 或 \"result\": …}"}});
    for (const auto& [key, value] : body->items()) {
      if (key != "window" && key != "objection" && key != "result")
        return reply(
            res, 422,
            {{"error", "这里只能修改 window、objection、result,不能修改 " + key.substr(0, 40)}});
      if (key == "window" && !value.is_object())
        return reply(res, 422,
                     {{"error", "window 应为 {\"start\", \"end\" 和/或 \"working_days\"}"}});
    }
    const std::lock_guard lock(edit);
    Problems problems;
    if (!admin::replace_notice(dir, req.matches[1].str(), *body, problems))
      return refused(res, problems);
    reply(res, 200, {{"id", req.matches[1].str()}});
  });
  server.Post("/api/notices/([^/]+)/corrections", [dir, &edit](const Req& req, Res& res) {
    const auto body = body_json(req, res);
    if (!body) return;
    const std::lock_guard lock(edit);
    Problems problems;
    const auto id = admin::add_correction(dir, req.matches[1].str(), *body, problems);
    if (!id) return refused(res, problems);
    reply(res, 201, {{"id", *id}});
  });
  server.Delete("/api/notices/([^/]+)/corrections/([^/]+)", [dir, &edit](const Req& req, Res& res) {
    const std::lock_guard lock(edit);
    Problems problems;
    if (!admin::delete_correction(dir, req.matches[1].str(), req.matches[2].str(), problems))
      return refused(res, problems);
    reply(res, 200, {{"deleted", req.matches[2].str()}});
  });
}

}  // namespace kiosk::console
