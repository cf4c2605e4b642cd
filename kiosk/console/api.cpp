// The console's JSON API over the admin library (API.md): parse the request, call one admin
// function, turn its result or problems into JSON. No rule about the bundle lives here.
#include "console/api.hpp"
#include "console/api_lifecycle.hpp"

#include <sodium.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "admin/diff.hpp"
#include "admin/edits.hpp"
#include "admin/history.hpp"
#include "admin/import.hpp"
#include "admin/keys.hpp"
#include "admin/preview.hpp"
#include "admin/publish.hpp"
#include "admin/site.hpp"
#include "admin/trust_tools.hpp"
#include "admin/working_copy.hpp"
#include "console/api_fleet.hpp"
#include "console/api_trust.hpp"
#include "console/auth.hpp"
#include "console/guard.hpp"
#include "console/reply.hpp"
#include "core/civil_date.hpp"
#include "json/reader.hpp"

namespace kiosk::console {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;

// ?at=YYYY-MM-DD, else today on the office's clock.
std::optional<CivilDate> date_param(const Req& req, Res& res, const tz::Clock& clock) {
  if (!req.has_param("at") || req.get_param_value("at").empty()) return admin::office_today(clock);
  const auto d = CivilDate::parse(req.get_param_value("at"));
  if (!d)
    reply(res, 400,
          {{"error", "日期应为 YYYY-MM-DD：at=" + req.get_param_value("at").substr(0, 40)}});
  return d;
}

// The passphrase of a publish request ("" when absent), never logged nor echoed.
std::string passphrase_of(const OrderedJson& body) {
  if (body.is_object() && body.contains("passphrase") && body["passphrase"].is_string())
    return body["passphrase"].get<std::string>();
  return "";
}

}  // namespace

// One publish (or republish) running in the background; polled by GET /api/publish/{job}.
struct Job {
  std::string id;
  std::mutex mutex;
  std::string state = "signing";  // signing | uploading | done | failed
  std::size_t uploaded = 0, total = 0;
  long long version = 0;
  int signatures_have = 1, signatures_need = 1;  // of the bundle published (TRUST.md)
  std::string message;
  std::atomic<bool> cancel{false};
  std::thread thread;

  OrderedJson json() {
    const std::lock_guard lock(mutex);
    OrderedJson j{{"job", id}, {"state", state}, {"uploaded", uploaded}, {"total", total}};
    j["version"] = version;
    j["message"] = message;
    j["signatures"] = {{"have", signatures_have}, {"need", signatures_need}};
    return j;
  }
  void set(std::string new_state, std::string new_message = "") {
    const std::lock_guard lock(mutex);
    state = std::move(new_state);
    if (!new_message.empty()) message = std::move(new_message);
  }
  // The end of a publish job: done with the version and publish's line, or failed with the reason
  // after `failed_prefix` ("发布失败：").
  void finish(const Result<admin::PublishReport>& report, const std::string& failed_prefix) {
    if (!report) return set("failed", failed_prefix + report.error().what);
    const std::lock_guard lock(mutex);
    version = report->version;
    state = "done";
    message = report->line;
  }
};

struct Api::State {
  Options options;
  std::mutex edit;  // one change of DIR at a time (edits, sign, republish)
  std::mutex previewer_mutex;
  std::unique_ptr<admin::Previewer> previewer;
  std::mutex jobs_mutex;
  std::map<std::string, std::shared_ptr<Job>> jobs;
  std::shared_ptr<Job> running;

  std::optional<admin::WorkingCopy> load(Res& res) {
    auto copy = admin::load_working_copy(options.dir);
    if (!copy) {
      reply(res, 500, {{"error", "工作目录无法读取：" + copy.error().what}});
      return std::nullopt;
    }
    return std::move(*copy);
  }

  admin::Previewer* preview_renderer(Res& res) {
    const std::lock_guard lock(previewer_mutex);
    if (!previewer) {
      Problems problems;
      auto setup = admin::preview_setup("", problems);
      if (!setup) {
        reply(res, 500, {{"error", "触摸屏配置有误：" + first_problem_line(problems)}});
        return nullptr;
      }
      setup->zone = options.clock.zone();
      previewer = std::make_unique<admin::Previewer>(std::move(*setup));
    }
    return previewer.get();
  }

  // Starts `work` as the one background job, or answers 409 when one is running.
  void start_job(Res& res, std::function<void(Job&)> work) {
    const std::lock_guard lock(jobs_mutex);
    if (running) {
      bool busy = false;
      {
        const std::lock_guard job_lock(running->mutex);
        busy = running->state != "done" && running->state != "failed";
      }
      if (busy) return reply(res, 409, {{"error", "已有一次发布正在进行"}, {"job", running->id}});
      if (running->thread.joinable()) running->thread.join();
    }
    auto job = std::make_shared<Job>();
    job->id = random_token(8);
    jobs[job->id] = job;
    running = job;
    job->thread = std::thread([job, work = std::move(work)] { work(*job); });
    reply(res, 202, {{"job", job->id}});
  }

  // The office key loaded with the passphrase; answers 400/422 and returns nullopt when it
  // cannot be (no --key, a wrong passphrase …). The passphrase is wiped either way.
  std::optional<admin::LoadedKey> key(std::string passphrase, Res& res) {
    if (options.key.empty()) {
      reply(res, 400, {{"error", "没有签名密钥：请用 kioskctl serve --key PREFIX.key 启动"}});
      return std::nullopt;
    }
    auto loaded = admin::load_secret_key(options.key, [&passphrase]() -> Result<std::string> {
      if (passphrase.empty()) return Error{"the key is protected by a passphrase: give it"};
      return passphrase;
    });
    wipe(passphrase);
    if (!loaded) {
      reply(res, 422, {{"error", "无法使用签名密钥：" + loaded.error().what}});
      return std::nullopt;
    }
    return std::move(*loaded);
  }

  std::optional<admin::PublishTargetPtr> target(Res& res) {
    if (options.to.empty()) {
      reply(res, 400, {{"error", "没有发布地址：请用 kioskctl serve --to URL 启动"}});
      return std::nullopt;
    }
    admin::Destination d;
    d.to = options.to;
    if (!options.publish_user.empty()) d.user = options.publish_user;
    if (!options.publish_password_file.empty()) d.password_file = options.publish_password_file;
    d.endpoint = options.endpoint;
    if (!options.ca_file.empty()) d.ca_file = options.ca_file;
    d.allow_insecure_auth = options.allow_insecure_auth;
    d.aws_access_key_id = options.aws_access_key_id;
    d.aws_secret_access_key = options.aws_secret_access_key;
    d.aws_region = options.aws_region;
    auto t = admin::resolve_target(d, [](const std::string&) {});
    if (auto* e = std::get_if<admin::TargetError>(&t)) {
      reply(res, 400, {{"error", "发布地址有误：" + e->error.what}});
      return std::nullopt;
    }
    return std::move(std::get<admin::PublishTargetPtr>(t));
  }

  static void wipe(std::string& secret) {
    if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
    secret.clear();
  }

  admin::PublishControl control(Job& job) {
    admin::PublishControl c;
    c.clock = options.clock;
    c.say = [](const std::string&) {};
    c.complain = [&job](const std::string& line) {
      const std::lock_guard lock(job.mutex);
      job.message = line;
    };
    c.progress = [&job](std::size_t uploaded, std::size_t total) {
      const std::lock_guard lock(job.mutex);
      job.state = "uploading";
      job.uploaded = uploaded;
      job.total = total;
    };
    c.cancel = &job.cancel;
    return c;
  }
};

Api::Api(const Options& options) : state_(std::make_unique<State>()) { state_->options = options; }
Api::~Api() { stop(); }

void Api::stop() {
  std::vector<std::shared_ptr<Job>> jobs;
  {
    const std::lock_guard lock(state_->jobs_mutex);
    for (auto& [id, job] : state_->jobs) jobs.push_back(job);
  }
  for (auto& job : jobs) {
    job->cancel = true;
    if (job->thread.joinable()) job->thread.join();
  }
}

void Api::install(httplib::Server& server) {
  State& s = *state_;
  install_lifecycle_api(server, s.options.dir, s.edit);  // api_lifecycle.cpp

  server.Get("/api/bundle", [&s](const Req& req, Res& res) {
    const auto today = date_param(req, res, s.options.clock);
    if (!today) return;
    const auto copy = s.load(res);
    if (!copy) return;
    const admin::Overview o = admin::overview(*copy, *today);
    OrderedJson notices = OrderedJson::array();
    for (const auto& n : o.notices) {
      OrderedJson by_category = OrderedJson::object();
      for (std::size_t i = 0; i < n.by_category.size(); ++i)
        by_category[std::string(content::category_code(content::kAllCategories[i]))] =
            n.by_category[i];
      notices.push_back({{"id", n.id},
                         {"title", n.title},
                         {"issuer", n.issuer},
                         {"doc_number", n.doc_number},
                         {"window", window_json(n.window)},
                         {"state", admin::state_code(n.state)},
                         {"state_label", admin::state_label(n.state)},
                         {"applicants", n.applicants},
                         {"by_category", by_category}});
    }
    OrderedJson body{{"dir", o.dir.string()}, {"today", o.today.iso()}, {"notices", notices}};
    body["hotlines"] = admin::hotlines_json(*copy);
    body["problems"] = problems_json(o.problems);
    if (o.manifest) {
      body["manifest"] = {{"version", o.manifest->version},
                          {"signed", o.manifest->signature_present},
                          {"expires", o.manifest->expires_at},
                          {"matches_files", o.manifest->matches_files}};
    } else {
      body["manifest"] = nullptr;
    }
    if (!s.options.key.empty()) {
      body["key"] = {{"path", s.options.key}, {"encrypted", admin::is_encrypted(s.options.key)}};
    } else {
      body["key"] = nullptr;
    }
    body["publish_to"] = s.options.to.empty() ? OrderedJson(nullptr) : OrderedJson(s.options.to);
    const std::string public_url = copy->bundle ? copy->bundle->public_url : std::string();
    body["public_url"] = public_url.empty() ? OrderedJson(nullptr) : OrderedJson(public_url);
    body["site_url"] =
        public_url.empty() ? OrderedJson(nullptr) : OrderedJson(admin::site_index_url(public_url));
    reply(res, 200, body);
  });
  // The take-home pages' address (notices.json's public_url); null or "" removes it.
  server.Put("/api/bundle", [&s](const Req& req, Res& res) {
    const auto body = body_json(req, res);
    if (!body) return;
    if (!body->is_object() || !body->contains("public_url") ||
        !((*body)["public_url"].is_string() || (*body)["public_url"].is_null()))
      return reply(res, 422, {{"error", "请求应为 {\"public_url\": \"https://…/\" 或 null}"}});
    const std::string url =
        (*body)["public_url"].is_null() ? "" : (*body)["public_url"].get<std::string>();
    const std::lock_guard lock(s.edit);
    Problems problems;
    if (!admin::set_public_url(s.options.dir, url, problems)) return refused(res, problems);
    reply(res, 200, {{"public_url", url.empty() ? OrderedJson(nullptr) : OrderedJson(url)}});
  });

  server.Get("/api/notices/([^/]+)", [&s](const Req& req, Res& res) {
    const auto copy = s.load(res);
    if (!copy) return;
    const auto notice = admin::notice_json(*copy, req.matches[1].str());
    if (!notice) return reply(res, 404, {{"error", "没有这个公示：" + req.matches[1].str()}});
    reply(res, 200, *notice);
  });
  server.Post("/api/notices", [&s](const Req& req, Res& res) {
    const auto body = body_json(req, res);
    if (!body) return;
    const std::lock_guard lock(s.edit);
    Problems problems;
    const auto id = admin::create_notice(s.options.dir, *body, problems);
    if (!id) return refused(res, problems);
    reply(res, 201, {{"id", *id}});
  });
  server.Put("/api/notices/([^/]+)", [&s](const Req& req, Res& res) {
    const auto body = body_json(req, res);
    if (!body) return;
    const std::lock_guard lock(s.edit);
    Problems problems;
    const auto copy = admin::replace_notice(s.options.dir, req.matches[1].str(), *body, problems);
    if (!copy) return refused(res, problems);
    reply(res, 200, {{"id", req.matches[1].str()}});
  });
  server.Delete("/api/notices/([^/]+)", [&s](const Req& req, Res& res) {
    const std::lock_guard lock(s.edit);
    Problems problems;
    if (!admin::delete_notice(s.options.dir, req.matches[1].str(), problems))
      return refused(res, problems);
    reply(res, 200, {{"deleted", req.matches[1].str()}});
  });

  server.Post("/api/notices/([^/]+)/applicants", [&s](const Req& req, Res& res) {
    const auto body = body_json(req, res);
    if (!body) return;
    const std::lock_guard lock(s.edit);
    Problems problems;
    const auto id = admin::add_applicant(s.options.dir, req.matches[1].str(), *body, problems);
    if (!id) return refused(res, problems);
    reply(res, 201, {{"id", *id}});
  });
  server.Put("/api/notices/([^/]+)/applicants/([^/]+)", [&s](const Req& req, Res& res) {
    const auto body = body_json(req, res);
    if (!body) return;
    const std::lock_guard lock(s.edit);
    Problems problems;
    if (!admin::replace_applicant(s.options.dir, req.matches[1].str(), req.matches[2].str(), *body,
                                  problems))
      return refused(res, problems);
    reply(res, 200, {{"id", body->value("id", req.matches[2].str())}});
  });
  server.Delete("/api/notices/([^/]+)/applicants/([^/]+)", [&s](const Req& req, Res& res) {
    const std::lock_guard lock(s.edit);
    Problems problems;
    if (!admin::delete_applicant(s.options.dir, req.matches[1].str(), req.matches[2].str(),
                                 problems))
      return refused(res, problems);
    reply(res, 200, {{"deleted", req.matches[2].str()}});
  });

  server.Post("/api/notices/([^/]+)/import", [&s](const Req& req, Res& res) {
    // The body is the file's raw bytes (.xlsx or .csv, told apart by content).
    const std::string name =
        req.has_param("name") ? req.get_param_value("name").substr(0, 200) : "upload";
    const std::string sheet = req.get_param_value("sheet").substr(0, 200);
    const std::lock_guard lock(s.edit);
    const admin::ImportOutcome outcome =
        admin::import_applicants(s.options.dir, req.matches[1].str(), req.body, name, sheet);
    if (outcome.ok()) return reply(res, 200, {{"imported", outcome.imported}});
    OrderedJson rows = OrderedJson::array();
    for (const auto& r : outcome.sheet.rows) rows.push_back({{"row", r.row}, {"cells", r.cells}});
    OrderedJson problems = OrderedJson::array();
    for (const auto& p : admin::place_problems(outcome.problems)) {
      OrderedJson one{{"file", name}};
      if (p.row != 0) one["row"] = p.row;
      if (!p.column.empty()) one["column"] = p.column;
      one["message"] = p.message;
      one["line"] = p.line;
      problems.push_back(std::move(one));
    }
    reply(res, 422,
          {{"error", "没有导入：有 " + std::to_string(outcome.problems.size()) + " 个问题"},
           {"header", outcome.sheet.header},
           {"header_row", outcome.sheet.header_row},
           {"rows", rows},
           {"problems", problems}});
  });
  server.Get("/api/template.xlsx", [](const Req&, Res& res) {
    const auto xlsx = admin::applicant_template();
    if (!xlsx) return reply(res, 500, {{"error", "无法生成模板：" + xlsx.error().what}});
    res.set_header("Content-Disposition",
                   "attachment; filename=\"applicants-template.xlsx\"; "
                   "filename*=UTF-8''%E7%94%B3%E6%8A%A5%E5%8D%95%E4%BD%8D%E6%A8%A1%E6%9D%BF.xlsx");
    res.set_content(*xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  server.Get("/api/hotlines", [&s](const Req&, Res& res) {
    const auto copy = s.load(res);
    if (!copy) return;
    reply(res, 200, {{"hotlines", admin::hotlines_json(*copy)}});
  });
  server.Put("/api/hotlines", [&s](const Req& req, Res& res) {
    const auto body = body_json(req, res);
    if (!body) return;
    if (!body->is_object() || !body->contains("hotlines"))
      return reply(res, 422, {{"error", "请求应为 {\"hotlines\": [...]}"}});
    const std::lock_guard lock(s.edit);
    Problems problems;
    if (!admin::replace_hotlines(s.options.dir, (*body)["hotlines"], problems))
      return refused(res, problems);
    reply(res, 200, {{"hotlines", (*body)["hotlines"].size()}});
  });

  server.Get("/api/preview/screens", [&s](const Req& req, Res& res) {
    const auto date = date_param(req, res, s.options.clock);
    if (!date) return;
    const auto copy = s.load(res);
    if (!copy) return;
    OrderedJson names = admin::screen_names(*copy, *date);
    reply(res, 200, {{"screens", names}, {"problems", problems_json(copy->problems)}});
  });
  server.Get("/api/preview.png", [&s](const Req& req, Res& res) {
    admin::PreviewRequest r;
    if (req.has_param("screen")) r.screen = req.get_param_value("screen");
    const std::string orientation = req.get_param_value("orientation");
    if (orientation == "portrait") {
      r.orientation = admin::Orientation::Portrait;
    } else if (!orientation.empty() && orientation != "landscape") {
      return reply(res, 400, {{"error", "orientation 应为 landscape 或 portrait"}});
    }
    r.large_text = req.get_param_value("large_text") == "1";
    const auto date = date_param(req, res, s.options.clock);
    if (!date) return;
    r.date = *date;
    const auto copy = s.load(res);
    if (!copy) return;
    admin::Previewer* previewer = s.preview_renderer(res);
    if (previewer == nullptr) return;
    const auto png = previewer->png(*copy, r);
    if (!png) return reply(res, 422, {{"error", "无法预览：" + png.error().what}});
    res.set_content(*png, "image/png");
  });

  server.Get("/api/diff", [&s](const Req&, Res& res) {
    const auto d = admin::diff_since_published(s.options.dir);
    if (!d) return reply(res, 422, {{"error", "无法比较：" + d.error().what}});
    OrderedJson changed = OrderedJson::array();
    for (const auto& c : d->notices_changed)
      changed.push_back({{"id", c.id}, {"fields", c.fields}});
    OrderedJson applicants = OrderedJson::array();
    for (const auto& a : d->applicants) {
      OrderedJson ac = OrderedJson::array();
      for (const auto& c : a.changed) ac.push_back({{"id", c.id}, {"fields", c.fields}});
      applicants.push_back(
          {{"notice", a.notice}, {"added", a.added}, {"removed", a.removed}, {"changed", ac}});
    }
    OrderedJson body{{"since", d->since ? OrderedJson(*d->since) : OrderedJson(nullptr)}};
    body["notices"] = {
        {"added", d->notices_added}, {"removed", d->notices_removed}, {"changed", changed}};
    body["applicants"] = applicants;
    body["hotlines_changed"] = d->hotlines_changed;
    reply(res, 200, body);
  });

  server.Post("/api/publish", [&s](const Req& req, Res& res) {
    auto body = body_json(req, res);
    if (!body) return;
    auto target = s.target(res);
    if (!target) return;
    // {"as_signed": true}: publish DIR as signed and co-signed (POST /api/sign, /api/cosign).
    if (body->is_object() && body->value("as_signed", false)) {
      auto shared_target = std::make_shared<admin::PublishTargetPtr>(std::move(*target));
      return s.start_job(res, [&s, shared_target](Job& job) {
        admin::SignedBundlePtr bundle;
        {
          const std::lock_guard lock(s.edit);
          Problems problems;
          bundle = admin::read_signed_bundle(s.options.dir, {}, problems);
          if (!bundle) return job.set("failed", "不能发布：" + first_problem_line(problems));
        }
        if (const auto st = admin::signature_status(s.options.dir, {}); st && st->checked) {
          const std::lock_guard lock(job.mutex);
          job.signatures_have = st->tally.valid;
          job.signatures_need = st->tally.required;
        }
        job.set("uploading");
        job.finish(admin::publish(*bundle, **shared_target, s.control(job)), "发布失败：");
      });
    }
    auto key = s.key(passphrase_of(*body), res);
    *body = nullptr;
    if (!key) return;
    auto shared_key = std::make_shared<admin::LoadedKey>(std::move(*key));
    auto shared_target = std::make_shared<admin::PublishTargetPtr>(std::move(*target));
    s.start_job(res, [&s, shared_key, shared_target](Job& job) {
      admin::SignedBundlePtr bundle;
      {
        const std::lock_guard lock(s.edit);  // nothing changes DIR between sign and read
        Problems problems;
        admin::SignOptions options;
        options.clock = s.options.clock;
        options.archive_days = s.options.archive_days;
        options.key_name = std::filesystem::path(s.options.key).filename().string();
        if (!admin::sign(s.options.dir, shared_key->secret.bytes(), options, problems))
          return job.set("failed", "签名失败：" + first_problem_line(problems));
        // With DIR/root/ the roots decide (TRUST.md); --key is not the kiosks' configuration.
        const auto roots = admin::read_roots(s.options.dir);
        bundle = admin::read_signed_bundle(s.options.dir,
                                           roots && roots->newest
                                               ? std::vector<std::string>{}
                                               : std::vector<std::string>{shared_key->public_key},
                                           problems);
        if (!bundle) return job.set("failed", "签名后的内容无效：" + first_problem_line(problems));
      }
      {
        const std::lock_guard lock(job.mutex);
        job.version = admin::bundle_version(*bundle);
        job.state = "uploading";
      }
      job.finish(admin::publish(*bundle, **shared_target, s.control(job)), "发布失败：");
    });
  });
  server.Get("/api/publish/([^/]+)", [&s](const Req& req, Res& res) {
    std::shared_ptr<Job> job;
    {
      const std::lock_guard lock(s.jobs_mutex);
      const auto it = s.jobs.find(req.matches[1].str());
      if (it != s.jobs.end()) job = it->second;
    }
    if (!job) return reply(res, 404, {{"error", "没有这个发布任务"}});
    reply(res, 200, job->json());
  });

  server.Get("/api/history", [&s](const Req&, Res& res) {
    OrderedJson versions = OrderedJson::array();
    for (const auto& e : admin::list_history(s.options.dir))
      versions.push_back(
          {{"version", e.version}, {"published_at", e.published_at}, {"files", e.files}});
    reply(res, 200, {{"versions", versions}});
  });
  server.Post("/api/history/([0-9]{1,12})/republish", [&s](const Req& req, Res& res) {
    auto body = body_json(req, res);
    if (!body) return;
    const long long version = std::stoll(req.matches[1].str());
    if (!admin::history_folder(s.options.dir, version))
      return reply(res, 404, {{"error", "没有保存第 " + std::to_string(version) + " 版"}});
    auto target = s.target(res);
    if (!target) return;
    auto key = s.key(passphrase_of(*body), res);
    *body = nullptr;
    if (!key) return;
    auto shared_key = std::make_shared<admin::LoadedKey>(std::move(*key));
    auto shared_target = std::make_shared<admin::PublishTargetPtr>(std::move(*target));
    s.start_job(res, [&s, version, shared_key, shared_target](Job& job) {
      const std::lock_guard lock(s.edit);  // republish puts the old files back into DIR
      job.finish(admin::republish(s.options.dir, version, shared_key->secret.bytes(),
                                  **shared_target, s.control(job)),
                 "重新发布失败：");
    });
  });

  install_trust_api(server, s.options, s.edit);  // GET /api/signatures, POST /api/sign, /api/cosign
  install_fleet(server, s.options);              // api_fleet.cpp
}

}  // namespace kiosk::console
