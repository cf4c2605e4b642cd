// kioskctl publish: uploads a signed bundle by HTTP PUT (WebDAV, basic auth) or to S3-compatible
// storage (AWS SigV4): content files first, then manifest.sig, then manifest.json, so a kiosk
// polling mid-upload sees the old manifest or a new one whose files are all there.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <ostream>

#include "config/config.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "ctl/commands.hpp"
#include "net/http.hpp"
#include "sync/signature.hpp"

namespace kiosk::ctl {
namespace fs = std::filesystem;

namespace {

struct Target {
  std::string base_url;  // files go to join_url(base_url, name)
  std::optional<net::BasicAuth> basic;
  std::optional<net::AwsSigV4> aws;
};

std::string content_type_for(const std::string& name) {
  const auto ext = fs::path(name).extension().string();
  if (ext == ".json") return "application/json";
  if (ext == ".sig") return "text/plain";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".webp") return "image/webp";
  return "application/octet-stream";
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

std::string first_line(std::string text) {
  const auto nl = text.find_first_of("\r\n");
  if (nl != std::string::npos) text.resize(nl);
  return text;
}

}  // namespace

int cmd_publish(const Args& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> positional;
  std::map<std::string, std::string> opt;
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    static const std::vector<std::string> kWithValue{"--to", "--user", "--password-file", "--endpoint",
                                                      "--key", "--stop-after"};
    if (a.rfind("--", 0) == 0) {
      if (std::find(kWithValue.begin(), kWithValue.end(), a) == kWithValue.end()) {
        err << "kioskctl publish: unknown option " << a << " (kioskctl publish --help)\n";
        return 2;
      }
      if (i + 1 >= args.size()) {
        err << "kioskctl publish: " << a << " expects a value\n";
        return 2;
      }
      if (a == "--key") keys.push_back(args[++i]);
      else opt[a] = args[++i];
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() != 1 || !opt.contains("--to")) {
    err << "kioskctl publish: expected DIR --to URL [--user U --password-file F] [--endpoint URL]\n";
    return 2;
  }
  const fs::path dir = positional[0];
  const std::string to = opt["--to"];
  std::optional<std::size_t> stop_after;
  if (opt.contains("--stop-after")) {
    const std::string& s = opt["--stop-after"];
    if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      err << "kioskctl publish: --stop-after: expected a number of files, found " << quote_found(s) << "\n";
      return 2;
    }
    stop_after = static_cast<std::size_t>(std::stoul(s));
  }

  // Where to, and as whom.
  Target target;
  if (to.rfind("s3://", 0) == 0) {
    const std::string rest = to.substr(5);
    const std::string bucket = rest.substr(0, rest.find('/'));
    std::string prefix = rest.size() > bucket.size() ? rest.substr(bucket.size() + 1) : "";
    if (bucket.empty()) {
      err << "kioskctl publish: --to: expected s3://BUCKET/PREFIX, found " << quote_found(to) << "\n";
      return 2;
    }
    if (!opt.contains("--endpoint") || !net::is_http_url(opt["--endpoint"])) {
      err << "kioskctl publish: --endpoint: expected the http(s) URL of the S3 service for " << to << "\n";
      return 2;
    }
    net::AwsSigV4 aws{env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), env("AWS_DEFAULT_REGION")};
    if (aws.region.empty()) aws.region = env("AWS_REGION");
    if (aws.region.empty()) aws.region = "us-east-1";
    if (aws.access_key_id.empty() || aws.secret_access_key.empty()) {
      err << "kioskctl publish: expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment for " << to << "\n";
      return 2;
    }
    // Path-style addressing (ENDPOINT/BUCKET/PREFIX/…), which every S3-compatible service takes.
    target.base_url = net::join_url(opt["--endpoint"], bucket + (prefix.empty() ? "" : "/" + prefix));
    target.aws = std::move(aws);
  } else if (net::is_http_url(to)) {
    target.base_url = to;
  } else {
    err << "kioskctl publish: --to: expected an http(s) URL or s3://BUCKET/PREFIX, found " << quote_found(to) << "\n";
    return 2;
  }
  if (opt.contains("--user") != opt.contains("--password-file")) {
    err << "kioskctl publish: --user and --password-file go together\n";
    return 2;
  }
  if (opt.contains("--user")) {
    const auto pw = files::read(opt["--password-file"], 4096);
    if (!pw.bytes) {
      err << opt["--password-file"] << ": " << pw.error << "\n";
      return 1;
    }
    target.basic = net::BasicAuth{opt["--user"], first_line(*pw.bytes)};
  }

  // The bundle must validate and its manifest match its files; and it must be signed.
  std::error_code ec;
  if (!fs::exists(dir / "manifest.json", ec)) {
    err << "manifest.json: expected the file (kioskctl sign writes it), found none\n";
    return 1;
  }
  content::LoadOptions load_options;
  load_options.require_manifest = true;
  auto loaded = content::load_bundle(dir, load_options);
  if (!loaded.bundle) {
    for (const auto& p : loaded.problems) err << p.line() << "\n";
    return 1;
  }
  const auto sig = files::read(dir / "manifest.sig", 4096);
  if (!sig.bytes) {
    err << "manifest.sig: expected a signature (kioskctl sign writes it), found none\n";
    return 1;
  }
  // --key PREFIX.pub (repeatable): the signature must verify under one of them.
  std::vector<std::string> trusted;
  for (const auto& k : keys) {
    auto r = files::read(k, 4096);
    if (!r.bytes || !config::is_ed25519_public_key(first_line(*r.bytes))) {
      err << k << ": expected one line of base64 of a 32-byte Ed25519 public key"
          << (r.bytes ? "" : " (" + r.error + ")") << "\n";
      return 2;
    }
    trusted.push_back(first_line(*r.bytes));
  }
  if (auto why = sync::check_signature(loaded.raw["manifest.json"], *sig.bytes, trusted);
      !why.empty() && !(trusted.empty() && why.rfind("no trusted keys", 0) == 0)) {
    err << "manifest.sig: " << why << "\n";
    return 1;
  }

  // Upload order: content files, manifest.sig, manifest.json.
  std::vector<std::pair<std::string, std::string>> uploads;
  for (const auto& [name, entry] : loaded.bundle->manifest->files) uploads.emplace_back(name, loaded.raw[name]);
  uploads.emplace_back("manifest.sig", *sig.bytes);
  uploads.emplace_back("manifest.json", loaded.raw["manifest.json"]);

  net::Options net_options;
  net_options.limits.total_timeout = std::chrono::minutes(10);
  net::Client client(net_options);
  std::size_t done = 0;
  for (const auto& [name, bytes] : uploads) {
    if (stop_after && done == *stop_after) {
      out << "stopped after " << done << " of " << uploads.size() << " files (--stop-after)\n";
      return 0;
    }
    net::PutRequest put;
    put.url = net::join_url(target.base_url, name);
    put.body = bytes;
    put.content_type = content_type_for(name);
    put.basic = target.basic;
    put.aws = target.aws;
    const auto r = client.put(put);
    if (!r.completed()) {
      err << name << ": upload failed: " << r.error << "\n";
      return 1;
    }
    if (r.status < 200 || r.status > 299) {
      err << name << ": upload refused: HTTP " << r.status << " from " << put.url
          << (r.status == 401 || r.status == 403 ? " (check --user and --password-file or the credentials)" : "")
          << "\n";
      return 1;
    }
    out << "uploaded " << name << " (" << bytes.size() << " bytes)\n";
    ++done;
  }
  out << "published version " << loaded.bundle->manifest->version << " to " << to << " (" << uploads.size()
      << " files)\n";
  return 0;
}

}  // namespace kiosk::ctl
