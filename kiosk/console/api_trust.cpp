// The console's two-person publishing routes (api_trust.hpp): each one admin-library call
// (admin/trust_tools.hpp, admin/publish.hpp's sign, admin/keys.hpp), its result as JSON.
#include "console/api_trust.hpp"

#include <sodium.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "admin/keys.hpp"
#include "admin/publish.hpp"
#include "admin/trust_tools.hpp"
#include "admin/working_copy.hpp"
#include "console/reply.hpp"
#include "json/reader.hpp"

namespace kiosk::console {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;

void wipe(std::string& secret) {
  if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
  secret.clear();
}

// A string field of a JSON body ("" when absent), wiped in the parsed body.
std::string take_string(OrderedJson& body, const char* key) {
  if (!body.is_object() || !body.contains(key) || !body[key].is_string()) return "";
  std::string value = body[key].get<std::string>();
  wipe(body[key].get_ref<std::string&>());  // the copy in the parsed body
  return value;
}

// The public key beside --key (PREFIX.pub), to count a bundle without roots against.
std::vector<std::string> office_keys(const Options& options) {
  if (options.key.empty()) return {};
  std::filesystem::path pub = options.key;
  pub.replace_extension(".pub");
  std::error_code ec;
  if (!std::filesystem::exists(pub, ec)) return {};
  auto keys = admin::read_public_keys({pub.string()});
  return keys ? *keys : std::vector<std::string>{};
}

// GET /api/signatures's answer.
OrderedJson signatures_json(const Options& options) {
  OrderedJson j;
  j["signed"] = false;
  j["version"] = nullptr;
  j["matches_files"] = false;
  if (auto copy = admin::load_working_copy(options.dir); copy) {
    if (const auto m = admin::manifest_state(*copy)) {
      j["signed"] = m->signature_present;
      j["version"] = m->version;
      j["matches_files"] = m->matches_files;
    }
  }
  j["root"] = nullptr;
  if (auto roots = admin::read_roots(options.dir); roots && roots->newest) {
    const trust::Root& r = *roots->newest;
    j["root"] = {{"version", r.version},
                 {"threshold", r.threshold},
                 {"keys", r.keys.size()},
                 {"expires_at", r.expires_at}};
  } else if (!roots) {
    j["root_error"] = roots.error().what;
  }
  const auto status = admin::signature_status(options.dir, office_keys(options));
  if (!status) {
    j["signatures"] = nullptr;
    j["line"] = status.error().what;
    return j;
  }
  OrderedJson signers = OrderedJson::array();
  for (const auto& k : status->tally.signers) signers.push_back(k.substr(0, 8) + "…");
  j["signatures"] = {{"have", status->checked ? status->tally.valid : status->lines},
                     {"need", status->checked ? status->tally.required : 1},
                     {"met", status->checked ? status->met() : status->lines > 0},
                     {"checked", status->checked},
                     {"root_version", status->root_in_dir ? OrderedJson(status->root_version)
                                                          : OrderedJson(nullptr)},
                     {"signers", signers}};
  j["line"] = status->line();
  return j;
}

}  // namespace

void install_trust_api(httplib::Server& server, const Options& options, std::mutex& edit) {
  server.Get("/api/signatures",
             [&options](const Req&, Res& res) { reply(res, 200, signatures_json(options)); });

  // The first signature with --key (sign only; the second person co-signs, then publish as signed).
  server.Post("/api/sign", [&options, &edit](const Req& req, Res& res) {
    auto body = body_json(req, res);
    if (!body) return;
    std::string passphrase = take_string(*body, "passphrase");
    if (options.key.empty()) {
      wipe(passphrase);
      return reply(res, 400,
                   {{"error", "没有签名密钥：请用 kioskctl serve --key PREFIX.key 启动"}});
    }
    auto key = admin::load_secret_key(options.key, [&passphrase]() -> Result<std::string> {
      if (passphrase.empty()) return Error{"the key is protected by a passphrase: give it"};
      return passphrase;
    });
    wipe(passphrase);
    if (!key) return reply(res, 422, {{"error", "无法使用签名密钥：" + key.error().what}});
    Problems problems;
    admin::SignOptions sign_options;
    sign_options.clock = options.clock;
    sign_options.archive_days = options.archive_days;
    sign_options.key_name = std::filesystem::path(options.key).filename().string();
    {
      const std::lock_guard lock(edit);
      if (!admin::sign(options.dir, key->secret.bytes(), sign_options, problems))
        return reply(res, 422, {{"error", "签名失败：" + first_problem_line(problems)}});
    }
    reply(res, 200, signatures_json(options));
  });

  // A co-signature with a key file sent in the body (its text), never written anywhere.
  server.Post("/api/cosign", [&options, &edit](const Req& req, Res& res) {
    auto body = body_json(req, res);
    if (!body) return;
    std::string key_text = take_string(*body, "key");
    std::string passphrase = take_string(*body, "passphrase");
    if (key_text.empty()) {
      wipe(passphrase);
      return reply(res, 400, {{"error", "请选择会签人的密钥文件（.key）"}});
    }
    auto key = admin::load_secret_key_text(
        std::move(key_text), "上传的密钥", [&passphrase]() -> Result<std::string> {
          if (passphrase.empty()) return Error{"the key is protected by a passphrase: give it"};
          return passphrase;
        });
    wipe(passphrase);
    if (!key) return reply(res, 422, {{"error", "无法使用会签密钥：" + key.error().what}});
    const auto report = [&] {
      const std::lock_guard lock(edit);
      return admin::cosign(options.dir, key->secret.bytes(), "上传的密钥", office_keys(options));
    }();
    if (!report) return reply(res, 422, {{"error", "会签失败：" + report.error().what}});
    reply(res, 200, signatures_json(options));
  });
}

}  // namespace kiosk::console
