// kioskctl publish: uploads a signed bundle by HTTP PUT (WebDAV, basic auth) or to S3-compatible
// storage (AWS SigV4) so that the server is consistent at every instant: each file as a
// content-addressed object (the manifest's "path", never overwritten), then manifest.sig, then
// manifest.json; objects no longer named by the last kKeepVersions published manifests are
// deleted afterwards. The server's published.json records what was published (docs/BUNDLE.md).
#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "config/config.hpp"
#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "ctl/commands.hpp"
#include "net/http.hpp"
#include "platform/log.hpp"
#include "sync/signature.hpp"

namespace kiosk::ctl {
namespace fs = std::filesystem;

namespace {

// Published manifests whose objects stay on the server: the current one and two before it, so a
// kiosk that fetched one of them just before a publish still finds its files.
constexpr std::size_t kKeepVersions = 3;
constexpr std::uint64_t kMaxManifestBytes = 4ull << 20;  // as a kiosk reads it
constexpr std::uint64_t kMaxRecordBytes = 4ull << 20;
constexpr const char* kRecord = "published.json";

struct Target {
  std::string base_url;  // files go to join_url(base_url, path)
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

// The URL's authority without user info: "127.0.0.1:8080", "[::1]", "example.org".
std::string authority_of(std::string_view url) {
  const auto at = url.find("://");
  if (at == std::string_view::npos) return {};
  auto rest = url.substr(at + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto user = rest.rfind('@'); user != std::string_view::npos) rest.remove_prefix(user + 1);
  return std::string(rest);
}

bool has_userinfo(std::string_view url) {
  const auto at = url.find("://");
  if (at == std::string_view::npos) return false;
  auto rest = url.substr(at + 3);
  return rest.substr(0, rest.find_first_of("/?#")).find('@') != std::string_view::npos;
}

// Loopback: "localhost", 127.0.0.0/8 or [::1]. A password sent there never crosses a network.
bool is_loopback(const std::string& authority) {
  std::string host = authority;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
    return host == "[::1]";
  }
  host = host.substr(0, host.find(':'));
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (host == "localhost") return true;
  unsigned char addr[4] = {};
  return ::inet_pton(AF_INET, host.c_str(), addr) == 1 && addr[0] == 127;
}

// "objects/<64 lowercase hex>" with an optional ".ext": what publish writes and may delete.
bool is_object_path(const std::string& path) {
  if (path.rfind("objects/", 0) != 0 || path.size() < 8 + 64) return false;
  const std::string_view rest = std::string_view(path).substr(8);
  const bool hex = std::all_of(rest.begin(), rest.begin() + 64, [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  return hex && content::manifest_path_problem(path).empty() &&
         (rest.size() == 64 || (rest[64] == '.' && rest.find('/') == std::string_view::npos));
}

// published.json: the last kKeepVersions published manifests (newest first) with the object
// paths each names, and every object this tool put and has not deleted yet (including those of a
// publish that stopped midway, so a later prune removes them).
struct Published {
  long long version = 0;
  std::vector<std::string> paths;
};
struct Record {
  std::vector<Published> manifests;
  std::set<std::string> objects;
};

std::optional<Record> parse_record(const std::string& bytes, std::string& why) {
  const auto j = nlohmann::json::parse(bytes, nullptr, false);
  const auto paths_of = [](const nlohmann::json& a, std::vector<std::string>& out) {
    if (!a.is_array()) return false;
    for (const auto& p : a) {
      if (!p.is_string() || !is_object_path(p.get<std::string>())) return false;
      out.push_back(p.get<std::string>());
    }
    return true;
  };
  Record r;
  if (!j.is_object() || !j.contains("schema") || j["schema"] != 1 || !j.contains("manifests") ||
      !j["manifests"].is_array()) {
    why = "expected {\"schema\": 1, \"manifests\": […], \"objects\": […]}, found other content";
    return std::nullopt;
  }
  for (const auto& m : j["manifests"]) {
    Published p;
    if (!m.is_object() || !m.contains("version") || !m["version"].is_number_integer() || !m.contains("paths") ||
        !paths_of(m["paths"], p.paths)) {
      why = "manifests: expected {\"version\": N, \"paths\": [\"objects/…\", …]} entries, found other content";
      return std::nullopt;
    }
    p.version = m["version"].get<long long>();
    r.manifests.push_back(std::move(p));
  }
  std::vector<std::string> objects;
  if (!j.contains("objects") || !paths_of(j["objects"], objects)) {
    why = "objects: expected a list of \"objects/…\" paths, found other content";
    return std::nullopt;
  }
  r.objects.insert(objects.begin(), objects.end());
  return r;
}

std::string record_json(const Record& r) {
  nlohmann::ordered_json j;
  j["schema"] = 1;
  j["manifests"] = nlohmann::ordered_json::array();
  for (const auto& m : r.manifests) j["manifests"].push_back({{"version", m.version}, {"paths", m.paths}});
  j["objects"] = r.objects;
  return j.dump(1) + "\n";
}

// Where publish keeps a copy of a manifest's signature: a kiosk that finds a newer manifest.sig
// beside this manifest (a publish between its last two uploads) verifies with this one instead.
std::string signature_object(std::string_view manifest_bytes) {
  return "objects/" + content::sha256_hex(manifest_bytes) + ".sig";
}

// The server's manifest.json, read loosely: its version and the object paths it names (it may
// have been written by another release; a kiosk checks it strictly).
struct ServerManifest {
  bool present = false;
  std::string bytes;
  long long version = 0;
  std::vector<std::string> paths;
};

}  // namespace

int cmd_publish(const Args& args, std::ostream& out, std::ostream& err) {
  // Every line goes through these, as through the kiosk's log: a password in a URL (or a signed
  // URL's parameters) never reaches the terminal or a log.
  const auto say = [&](const std::string& line) { out << platform::redact(line) << "\n"; };
  const auto complain = [&](const std::string& line) { err << platform::redact(line) << "\n"; };

  std::vector<std::string> positional;
  std::map<std::string, std::string> opt;
  std::vector<std::string> keys;
  bool allow_insecure_auth = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    static const std::vector<std::string> kWithValue{"--to", "--user", "--password-file", "--endpoint",
                                                      "--key", "--stop-after", "--ca-file"};
    if (a == "--allow-insecure-auth") {
      allow_insecure_auth = true;
    } else if (a.rfind("--", 0) == 0) {
      if (std::find(kWithValue.begin(), kWithValue.end(), a) == kWithValue.end()) {
        complain("kioskctl publish: unknown option " + a + " (kioskctl publish --help)");
        return 2;
      }
      if (i + 1 >= args.size()) {
        complain("kioskctl publish: " + a + " expects a value");
        return 2;
      }
      if (a == "--key") keys.push_back(args[++i]);
      else opt[a] = args[++i];
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() != 1 || !opt.contains("--to")) {
    complain("kioskctl publish: expected DIR --to URL [--user U --password-file F] [--endpoint URL] [--ca-file FILE]");
    return 2;
  }
  const fs::path dir = positional[0];
  const std::string to = opt["--to"];
  std::optional<std::size_t> stop_after;
  if (opt.contains("--stop-after")) {
    const std::string& s = opt["--stop-after"];
    if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      complain("kioskctl publish: --stop-after: expected a number of uploads, found " + quote_found(s));
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
      complain("kioskctl publish: --to: expected s3://BUCKET/PREFIX, found " + quote_found(platform::redact(to)));
      return 2;
    }
    if (!opt.contains("--endpoint") || !net::is_http_url(opt["--endpoint"])) {
      complain("kioskctl publish: --endpoint: expected the http(s) URL of the S3 service for " + to);
      return 2;
    }
    net::AwsSigV4 aws{env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), env("AWS_DEFAULT_REGION")};
    if (aws.region.empty()) aws.region = env("AWS_REGION");
    if (aws.region.empty()) aws.region = "us-east-1";
    if (aws.access_key_id.empty() || aws.secret_access_key.empty()) {
      complain("kioskctl publish: expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment for " + to);
      return 2;
    }
    // Path-style addressing (ENDPOINT/BUCKET/PREFIX/…), which every S3-compatible service takes.
    target.base_url = net::join_url(opt["--endpoint"], bucket + (prefix.empty() ? "" : "/" + prefix));
    target.aws = std::move(aws);
  } else if (net::is_http_url(to)) {
    target.base_url = to;
  } else {
    complain("kioskctl publish: --to: expected an http(s) URL or s3://BUCKET/PREFIX, found " +
             quote_found(platform::redact(to)));
    return 2;
  }
  if (opt.contains("--user") != opt.contains("--password-file")) {
    complain("kioskctl publish: --user and --password-file go together");
    return 2;
  }
  // Basic auth over plain http hands the password to anyone on the way; SigV4 sends none.
  if ((opt.contains("--user") || has_userinfo(to)) && to.rfind("http://", 0) == 0) {
    const std::string where = authority_of(to);
    if (!is_loopback(where)) {
      if (!allow_insecure_auth) {
        complain("kioskctl publish: --to: refusing to send a password over plain http to " + where +
                 ", where anyone on the network can read it: use an https URL, or --allow-insecure-auth "
                 "on a network you trust");
        return 2;
      }
      complain("kioskctl publish: warning: sending the password unencrypted over plain http to " + where +
               " (--allow-insecure-auth)");
    }
  }
  if (opt.contains("--user")) {
    const auto pw = files::read(opt["--password-file"], 4096);
    if (!pw.bytes) {
      complain(opt["--password-file"] + ": " + pw.error);
      return 1;
    }
    target.basic = net::BasicAuth{opt["--user"], first_line(*pw.bytes)};
  }
  net::Options net_options;
  net_options.limits.total_timeout = std::chrono::minutes(10);
  if (opt.contains("--ca-file")) {
    const std::string& ca = opt["--ca-file"];
    const auto pem = files::read(ca, 1 << 20);
    if (!pem.bytes) {
      complain("kioskctl publish: --ca-file: " + ca + ": " + pem.error);
      return 2;
    }
    if (pem.bytes->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      complain("kioskctl publish: --ca-file: " + ca +
               ": expected PEM certificates (-----BEGIN CERTIFICATE-----), found none");
      return 2;
    }
    net_options.ca_file = ca;
  }

  // The bundle must validate and its manifest match its files; and it must be signed.
  std::error_code ec;
  if (!fs::exists(dir / content::bundle_files::kManifest, ec)) {
    complain("manifest.json: expected the file (kioskctl sign writes it), found none");
    return 1;
  }
  content::LoadOptions load_options;
  load_options.require_manifest = true;
  auto loaded = content::load_bundle(dir, load_options);
  if (!loaded.bundle) {
    for (const auto& p : loaded.problems) complain(p.line());
    return 1;
  }
  const auto sig = files::read(dir / content::bundle_files::kSignature, 4096);
  if (!sig.bytes) {
    complain("manifest.sig: expected a signature (kioskctl sign writes it), found none");
    return 1;
  }
  // --key PREFIX.pub (repeatable): the signature must verify under one of them.
  std::vector<std::string> trusted;
  for (const auto& k : keys) {
    auto r = files::read(k, 4096);
    if (!r.bytes || !config::is_ed25519_public_key(first_line(*r.bytes))) {
      complain(k + ": expected one line of base64 of a 32-byte Ed25519 public key" +
               (r.bytes ? "" : " (" + r.error + ")"));
      return 2;
    }
    trusted.push_back(first_line(*r.bytes));
  }
  const std::string& manifest_bytes = loaded.raw[content::bundle_files::kManifest];
  if (auto why = sync::check_signature(manifest_bytes, *sig.bytes, trusted);
      !why.empty() && !(trusted.empty() && why.rfind("no trusted keys", 0) == 0)) {
    complain("manifest.sig: " + why);
    return 1;
  }
  // Every file must lie at its content-addressed path: uploading under the plain name would
  // overwrite a file the server's current manifest names.
  const content::Manifest& manifest = *loaded.bundle->manifest;
  for (const auto& [name, entry] : manifest.files) {
    const std::string want = content::content_addressed_path(name, entry.sha256);
    if (entry.path != want) {
      complain("manifest.json: files." + name + ".path: expected \"" + want + "\" as kioskctl sign writes it, found " +
               (entry.path.empty() ? std::string("none") : quote_found(entry.path)) +
               ": sign " + dir.string() + " again with this kioskctl");
      return 1;
    }
  }

  net::Client client(net_options);
  const auto request = [&](const std::string& method, const std::string& path, std::string_view body = {}) {
    net::PutRequest put;
    put.method = method;
    put.url = net::join_url(target.base_url, path);
    put.body = body;
    put.content_type = content_type_for(path);
    put.basic = target.basic;
    put.aws = target.aws;
    return std::pair{client.put(put), put.url};
  };
  const auto refused_line = [](const std::string& what, const net::Response& r, const std::string& url) {
    if (!r.completed()) return what + " failed: " + r.error;
    return what + " refused: HTTP " + std::to_string(r.status) + " from " + url +
           (r.status == 401 || r.status == 403 ? " (check --user and --password-file or the credentials)" : "");
  };
  const auto upload = [&](const std::string& path, std::string_view body, const std::string& label) {
    const auto [r, url] = request("PUT", path, body);
    if (r.completed() && r.status >= 200 && r.status <= 299) return true;
    complain(label + ": " + refused_line("upload", r, url));
    return false;
  };

  // What the server has now: its manifest (the version to count on from) and the record.
  ServerManifest server;
  {
    const auto [r, url] = request("GET", content::bundle_files::kManifest);
    if (!r.completed() || (r.status != 200 && r.status != 404 && r.status != 410)) {
      complain("manifest.json: cannot read the server's copy: " +
               (r.completed() ? "expected HTTP 200 or 404, found " + std::to_string(r.status) + " from " + url
                              : r.error));
      return 1;
    }
    if (r.status == 200) {
      server.present = true;
      server.bytes = r.body;
      const auto j = nlohmann::json::parse(r.body, nullptr, false);
      const auto v = j.is_object() ? j.find("version") : j.end();
      if (r.body.size() > kMaxManifestBytes || !j.is_object() || v == j.end() || !v->is_number_integer()) {
        complain("manifest.json: the server's copy at " + url +
                 " is not a manifest (expected JSON with an integer version); remove it from the server if "
                 "no kiosk uses it");
        return 1;
      }
      server.version = v->get<long long>();
      server.paths.push_back(signature_object(r.body));
      if (const auto f = j.find("files"); f != j.end() && f->is_object()) {
        for (const auto& [name, entry] : f->items()) {
          if (entry.is_object() && entry.contains("path") && entry["path"].is_string() &&
              is_object_path(entry["path"].get<std::string>())) {
            server.paths.push_back(entry["path"].get<std::string>());
          }
        }
      }
    }
  }
  const bool already = server.present && server.bytes == manifest_bytes;
  if (server.present && !already && manifest.version <= server.version) {
    complain("manifest.json: the server has version " + std::to_string(server.version) + "; this bundle is version " +
             std::to_string(manifest.version) + ": re-sign with --version " + std::to_string(server.version + 1) +
             " or higher");
    return 1;
  }
  Record record;
  {
    const auto [r, url] = request("GET", kRecord);
    if (!r.completed() || (r.status != 200 && r.status != 404 && r.status != 410)) {
      complain(std::string(kRecord) + ": cannot read the server's copy: " +
               (r.completed() ? "expected HTTP 200 or 404, found " + std::to_string(r.status) + " from " + url
                              : r.error));
      return 1;
    }
    std::string why;
    if (r.status == 200) {
      if (auto parsed = r.body.size() <= kMaxRecordBytes ? parse_record(r.body, why) : std::nullopt) {
        record = std::move(*parsed);
      } else {
        complain(std::string(kRecord) + ": warning: the server's copy is unreadable (" +
                 (why.empty() ? "over 4 MiB" : why) + "); starting a new one, so objects it listed are not pruned");
      }
    }
  }

  // Objects the server holds: those of the manifests the record keeps and of its current one.
  std::set<std::string> present(server.paths.begin(), server.paths.end());
  for (const auto& m : record.manifests) present.insert(m.paths.begin(), m.paths.end());
  Published published{manifest.version, {}};
  // path, name (the first name with that path), bytes: the content files, then the signature's copy.
  struct Object {
    std::string path, name;
    std::string_view bytes;
  };
  std::vector<Object> objects;
  std::vector<std::string> reused;
  std::size_t new_files = 0;
  for (const auto& [name, entry] : manifest.files) {
    if (std::find(published.paths.begin(), published.paths.end(), entry.path) != published.paths.end()) continue;
    published.paths.push_back(entry.path);
    if (present.contains(entry.path)) {
      reused.push_back(name);
    } else {
      objects.push_back({entry.path, name, loaded.raw[name]});
      ++new_files;
    }
  }
  published.paths.push_back(signature_object(manifest_bytes));
  if (!present.contains(published.paths.back())) objects.push_back({published.paths.back(), content::bundle_files::kSignature, *sig.bytes});

  // The record learns the new objects before they exist, so a publish that stops midway leaves
  // nothing a later prune does not know of.
  const std::size_t total_uploads = objects.size() + (already ? 0 : 2);
  std::size_t done = 0;
  const auto stop_here = [&] {
    if (!stop_after || done != *stop_after) return false;
    say("stopped after " + std::to_string(done) + " of " + std::to_string(total_uploads) + " uploads (--stop-after)");
    return true;
  };
  if (!std::all_of(published.paths.begin(), published.paths.end(),
                   [&](const std::string& p) { return record.objects.contains(p); })) {
    record.objects.insert(published.paths.begin(), published.paths.end());
    if (!upload(kRecord, record_json(record), kRecord)) return 1;
  }
  for (const auto& object : objects) {
    if (stop_here()) return 0;
    if (!upload(object.path, object.bytes, object.name)) return 1;
    say("uploaded " + object.name + " as " + object.path + " (" + std::to_string(object.bytes.size()) + " bytes)");
    ++done;
  }
  if (!reused.empty()) {
    std::string names;
    for (const auto& n : reused) names += (names.empty() ? "" : ", ") + n;
    say("already on the server: " + names);
  }
  if (already) {
    say("the server already has this manifest (version " + std::to_string(manifest.version) + "); nothing to upload");
  } else {
    for (const auto& [name, bytes] : {std::pair<std::string, std::string_view>{content::bundle_files::kSignature, *sig.bytes},
                                      std::pair<std::string, std::string_view>{content::bundle_files::kManifest, manifest_bytes}}) {
      if (stop_here()) return 0;
      if (!upload(name, bytes, name)) return 1;
      say("uploaded " + name);
      ++done;
    }
  }

  // The record: the new manifest, the server's previous one and the record's, newest first, the
  // last kKeepVersions kept. Written before any delete, so it never names a deleted object as kept.
  std::vector<Published> keep{published};
  if (server.present && !already && !server.paths.empty()) keep.push_back({server.version, server.paths});
  for (const auto& m : record.manifests) keep.push_back(m);
  std::vector<Published> kept;
  for (auto& m : keep) {
    if (kept.size() == kKeepVersions) break;
    if (std::none_of(kept.begin(), kept.end(), [&](const Published& k) { return k.version == m.version; })) {
      kept.push_back(std::move(m));
    }
  }
  record.manifests = std::move(kept);
  std::set<std::string> keep_paths;
  for (const auto& m : record.manifests) keep_paths.insert(m.paths.begin(), m.paths.end());
  std::vector<std::string> doomed;
  for (const auto& p : record.objects) {
    if (!keep_paths.contains(p)) doomed.push_back(p);
  }
  const std::string version_text = "version " + std::to_string(manifest.version);
  if (!upload(kRecord, record_json(record), kRecord)) {
    complain(std::string(kRecord) + ": warning: " + version_text +
             " is published, but no object was pruned; the next publish tries again");
    return 0;
  }
  std::size_t deleted = 0;
  for (const auto& p : doomed) {
    const auto [r, url] = request("DELETE", p);
    if (r.completed() && ((r.status >= 200 && r.status <= 299) || r.status == 404 || r.status == 410)) {
      record.objects.erase(p);
      ++deleted;
    } else {
      complain(p + ": warning: " + refused_line("delete", r, url) + "; it stays until the next publish");
    }
  }
  if (deleted > 0) {
    say("deleted " + std::to_string(deleted) + " object" + (deleted == 1 ? "" : "s") + " no longer named by the last " +
        std::to_string(kKeepVersions) + " published versions");
    if (!upload(kRecord, record_json(record), kRecord)) {
      complain(std::string(kRecord) + ": warning: still lists the deleted objects; the next publish tidies it");
    }
  }
  say("published " + version_text + " to " + to + " (" + std::to_string(new_files) + " file" +
      (new_files == 1 ? "" : "s") + " uploaded, " + std::to_string(reused.size()) + " already on the server)");
  return 0;
}

}  // namespace kiosk::ctl
