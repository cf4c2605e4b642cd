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
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "config/config.hpp"
#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "core/files.hpp"
#include "core/result.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "ctl/commands.hpp"
#include "net/http.hpp"
#include "platform/log.hpp"

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
  if (const auto user = rest.rfind('@'); user != std::string_view::npos)
    rest.remove_prefix(user + 1);
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
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
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

Result<Record> parse_record(const std::string& bytes) {
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
    return Error{
        "expected {\"schema\": 1, \"manifests\": […], \"objects\": […]}, found other content"};
  }
  for (const auto& m : j["manifests"]) {
    Published p;
    if (!m.is_object() || !m.contains("version") || !m["version"].is_number_integer() ||
        !m.contains("paths") || !paths_of(m["paths"], p.paths)) {
      return Error{
          "manifests: expected {\"version\": N, \"paths\": [\"objects/…\", …]} entries, found "
          "other content"};
    }
    p.version = m["version"].get<long long>();
    r.manifests.push_back(std::move(p));
  }
  std::vector<std::string> objects;
  if (!j.contains("objects") || !paths_of(j["objects"], objects)) {
    return Error{"objects: expected a list of \"objects/…\" paths, found other content"};
  }
  r.objects.insert(objects.begin(), objects.end());
  return r;
}

std::string record_json(const Record& r) {
  nlohmann::ordered_json j;
  j["schema"] = 1;
  j["manifests"] = nlohmann::ordered_json::array();
  for (const auto& m : r.manifests)
    j["manifests"].push_back({{"version", m.version}, {"paths", m.paths}});
  j["objects"] = r.objects;
  return j.dump(1) + "\n";
}

// Where publish keeps a copy of a manifest's signature: a kiosk that finds a newer manifest.sig
// beside this manifest (a publish between its last two uploads) verifies with this one instead.
std::string signature_object(std::string_view manifest_bytes) {
  return "objects/" + crypto::sha256_hex(manifest_bytes) + ".sig";
}

// The server's manifest.json, read loosely: its version and the object paths it names (it may
// have been written by another release; a kiosk checks it strictly).
struct ServerManifest {
  bool present = false;
  std::string bytes;
  long long version = 0;
  std::vector<std::string> paths;
};

using Say = std::function<void(const std::string&)>;

// The command line, checked.
struct PublishArgs {
  fs::path dir;
  std::string to;
  std::map<std::string, std::string> opt;  // --user, --password-file, --endpoint, --ca-file
  std::vector<std::string> keys;           // --key, repeatable
  std::optional<std::size_t> stop_after;
  bool allow_insecure_auth = false;
};

Result<PublishArgs> parse_args(const Args& args) {
  PublishArgs p;
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    static const std::vector<std::string> kWithValue{
        "--to", "--user", "--password-file", "--endpoint", "--key", "--stop-after", "--ca-file"};
    if (a == "--allow-insecure-auth") {
      p.allow_insecure_auth = true;
    } else if (a.rfind("--", 0) == 0) {
      if (std::find(kWithValue.begin(), kWithValue.end(), a) == kWithValue.end()) {
        return Error{"kioskctl publish: unknown option " + a + " (kioskctl publish --help)"};
      }
      if (i + 1 >= args.size()) return Error{"kioskctl publish: " + a + " expects a value"};
      if (a == "--key")
        p.keys.push_back(args[++i]);
      else
        p.opt[a] = args[++i];
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() != 1 || !p.opt.contains("--to")) {
    return Error{
        "kioskctl publish: expected DIR --to URL [--user U --password-file F] [--endpoint URL] "
        "[--ca-file FILE]"};
  }
  p.dir = positional[0];
  p.to = p.opt["--to"];
  if (p.opt.contains("--stop-after")) {
    const std::string& s = p.opt["--stop-after"];
    if (s.empty() || s.size() > 6 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Error{"kioskctl publish: --stop-after: expected a number of uploads, found " +
                   quote_found(s)};
    }
    p.stop_after = static_cast<std::size_t>(std::stoul(s));
  }
  return p;
}

// s3://BUCKET/PREFIX: path-style addressing (ENDPOINT/BUCKET/PREFIX/…), which every
// S3-compatible service takes, signed with the environment's AWS credentials.
Result<Target> s3_target(const PublishArgs& p) {
  const std::string rest = p.to.substr(5);
  const std::string bucket = rest.substr(0, rest.find('/'));
  const std::string prefix = rest.size() > bucket.size() ? rest.substr(bucket.size() + 1) : "";
  if (bucket.empty()) {
    return Error{"kioskctl publish: --to: expected s3://BUCKET/PREFIX, found " +
                 quote_found(platform::redact(p.to))};
  }
  const auto endpoint = p.opt.find("--endpoint");
  if (endpoint == p.opt.end() || !net::is_http_url(endpoint->second)) {
    return Error{"kioskctl publish: --endpoint: expected the http(s) URL of the S3 service for " +
                 p.to};
  }
  net::AwsSigV4 aws{env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"),
                    env("AWS_DEFAULT_REGION")};
  if (aws.region.empty()) aws.region = env("AWS_REGION");
  if (aws.region.empty()) aws.region = "us-east-1";
  if (aws.access_key_id.empty() || aws.secret_access_key.empty()) {
    return Error{
        "kioskctl publish: expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment "
        "for " +
        p.to};
  }
  Target target;
  target.base_url = net::join_url(endpoint->second, bucket + (prefix.empty() ? "" : "/" + prefix));
  target.aws = std::move(aws);
  return target;
}

// Where to (the password is read by read_password). Basic auth over plain http hands the
// password to anyone on the way (SigV4 sends none): refused off loopback unless
// --allow-insecure-auth, which `warn`s.
Result<Target> resolve_target(const PublishArgs& p, const Say& warn) {
  Target target;
  if (p.to.rfind("s3://", 0) == 0) {
    auto s3 = s3_target(p);
    if (!s3) return s3;
    target = std::move(*s3);
  } else if (net::is_http_url(p.to)) {
    target.base_url = p.to;
  } else {
    return Error{"kioskctl publish: --to: expected an http(s) URL or s3://BUCKET/PREFIX, found " +
                 quote_found(platform::redact(p.to))};
  }
  if (p.opt.contains("--user") != p.opt.contains("--password-file")) {
    return Error{"kioskctl publish: --user and --password-file go together"};
  }
  if ((p.opt.contains("--user") || has_userinfo(p.to)) && p.to.rfind("http://", 0) == 0) {
    const std::string where = authority_of(p.to);
    if (!is_loopback(where)) {
      if (!p.allow_insecure_auth) {
        return Error{
            "kioskctl publish: --to: refusing to send a password over plain http to " + where +
            ", where anyone on the network can read it: use an https URL, or --allow-insecure-auth "
            "on a network you trust"};
      }
      warn("kioskctl publish: warning: sending the password unencrypted over plain http to " +
           where + " (--allow-insecure-auth)");
    }
  }
  return target;
}

// --user and the first line of --password-file.
Result<void> read_password(const PublishArgs& p, Target& target) {
  const auto user = p.opt.find("--user");
  if (user == p.opt.end()) return {};
  const std::string& file = p.opt.at("--password-file");
  const auto pw = files::read(file, 4096);
  if (!pw) return Error{file + ": " + pw.error().what};
  target.basic = net::BasicAuth{user->second, first_line(*pw)};
  return {};
}

// The HTTP client's options: a long total timeout, and --ca-file when given (PEM checked here).
Result<net::Options> client_options(const PublishArgs& p) {
  net::Options options;
  options.limits.total_timeout = std::chrono::minutes(10);
  const auto ca_opt = p.opt.find("--ca-file");
  if (ca_opt == p.opt.end()) return options;
  const std::string& ca = ca_opt->second;
  const auto pem = files::read(ca, 1 << 20);
  if (!pem) return Error{"kioskctl publish: --ca-file: " + ca + ": " + pem.error().what};
  if (pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return Error{"kioskctl publish: --ca-file: " + ca +
                 ": expected PEM certificates (-----BEGIN CERTIFICATE-----), found none"};
  }
  options.ca_file = ca;
  return options;
}

// --key PREFIX.pub (repeatable): the keys the signature must verify under (one of them).
Result<std::vector<std::string>> read_trusted_keys(const std::vector<std::string>& keys) {
  std::vector<std::string> trusted;
  for (const auto& k : keys) {
    auto r = files::read(k, 4096);
    if (!r || !config::is_ed25519_public_key(first_line(*r))) {
      return Error{k + ": expected one line of base64 of a 32-byte Ed25519 public key" +
                   (r ? "" : " (" + r.error().what + ")")};
    }
    trusted.push_back(first_line(*r));
  }
  return trusted;
}

// The bundle to publish: validated, its manifest matching its files, signed (under one of the
// trusted keys when any), every file at its content-addressed path.
struct LocalBundle {
  content::LoadResult loaded;
  std::string signature;
  [[nodiscard]] const content::Manifest& manifest() const { return *loaded.bundle->manifest; }
  [[nodiscard]] const std::string& manifest_bytes() const {
    return loaded.raw.at(content::bundle_files::kManifest);
  }
};

// Appends the problems found (every validation problem, or the one that stops the check) and
// returns nullopt exactly when it added one.
std::optional<LocalBundle> read_bundle(const fs::path& dir, const std::vector<std::string>& trusted,
                                       Problems& problems) {
  std::error_code ec;
  if (!fs::exists(dir / content::bundle_files::kManifest, ec)) {
    problems.push_back({content::bundle_files::kManifest, "",
                        "expected the file (kioskctl sign writes it), found none"});
    return std::nullopt;
  }
  content::LoadOptions load_options;
  load_options.require_manifest = true;
  LocalBundle b{content::load_bundle(dir, load_options), {}};
  if (!b.loaded.bundle) {
    problems.insert(problems.end(), b.loaded.problems.begin(), b.loaded.problems.end());
    return std::nullopt;
  }
  auto sig = files::read(dir / content::bundle_files::kSignature, 4096);
  if (!sig) {
    problems.push_back({content::bundle_files::kSignature, "",
                        "expected a signature (kioskctl sign writes it), found none"});
    return std::nullopt;
  }
  b.signature = std::move(*sig);
  if (auto checked = crypto::check_signature(b.manifest_bytes(), b.signature, trusted);
      !checked && !(trusted.empty() && checked.error().what.rfind("no trusted keys", 0) == 0)) {
    problems.push_back({content::bundle_files::kSignature, "", checked.error().what});
    return std::nullopt;
  }
  // Every file must lie at its content-addressed path: uploading under the plain name would
  // overwrite a file the server's current manifest names.
  for (const auto& [name, entry] : b.manifest().files) {
    const std::string want = content::content_addressed_path(name, entry.sha256);
    if (entry.path != want) {
      problems.push_back({content::bundle_files::kManifest, "files." + name + ".path",
                          "expected \"" + want + "\" as kioskctl sign writes it, found " +
                              (entry.path.empty() ? std::string("none") : quote_found(entry.path)) +
                              ": sign " + dir.string() + " again with this kioskctl"});
      return std::nullopt;
    }
  }
  return b;
}

// What goes up: the new content-addressed objects (the content files, then the signature's
// copy), the files the server already holds, and the paths the new manifest keeps.
struct Object {
  std::string path, name;  // name: the first file with that path
  std::string_view bytes;
};
struct UploadPlan {
  Published published;
  std::vector<Object> objects;
  std::vector<std::string> reused;
  std::size_t new_files = 0;
};

// The server side of a publish: requests, the server's manifest and record, the uploads in
// their safe order, the record's update and the prune.
class Publisher {
 public:
  Publisher(const Target& target, const net::Options& options, const Say& say, const Say& complain)
      : target_(target), client_(options), say_(say), complain_(complain) {}

  std::pair<net::Response, std::string> request(const std::string& method, const std::string& path,
                                                std::string_view body = {}) {
    net::PutRequest put;
    put.method = method;
    put.url = net::join_url(target_.base_url, path);
    put.body = body;
    put.content_type = content_type_for(path);
    put.basic = target_.basic;
    put.aws = target_.aws;
    return {client_.put(put), put.url};
  }

  static std::string refused_line(const std::string& what, const net::Response& r,
                                  const std::string& url) {
    if (!r.completed()) return what + " failed: " + r.error;
    return what + " refused: HTTP " + std::to_string(r.status) + " from " + url +
           (r.status == 401 || r.status == 403
                ? " (check --user and --password-file or the credentials)"
                : "");
  }

  bool upload(const std::string& path, std::string_view body, const std::string& label) {
    const auto [r, url] = request("PUT", path, body);
    if (r.completed() && r.status >= 200 && r.status <= 299) return true;
    complain_(label + ": " + refused_line("upload", r, url));
    return false;
  }

  Result<ServerManifest> read_server_manifest();
  Result<Record> read_record();
  UploadPlan plan(const LocalBundle& bundle, const ServerManifest& server, const Record& record);
  std::optional<int> upload_all(const LocalBundle& bundle, const UploadPlan& plan, bool already,
                                Record& record, std::optional<std::size_t> stop_after);
  void update_record_and_prune(const std::string& version_text, std::vector<Published> keep,
                               Record& record);

 private:
  const Target& target_;
  net::Client client_;
  const Say& say_;
  const Say& complain_;
};

// The server's manifest.json (absent is fine), read loosely.
Result<ServerManifest> Publisher::read_server_manifest() {
  ServerManifest server;
  const auto [r, url] = request("GET", content::bundle_files::kManifest);
  if (!r.completed() || (r.status != 200 && r.status != 404 && r.status != 410)) {
    return Error{"manifest.json: cannot read the server's copy: " +
                 (r.completed() ? "expected HTTP 200 or 404, found " + std::to_string(r.status) +
                                      " from " + url
                                : r.error)};
  }
  if (r.status != 200) return server;
  server.present = true;
  server.bytes = r.body;
  const auto j = nlohmann::json::parse(r.body, nullptr, false);
  const auto v = j.is_object() ? j.find("version") : j.end();
  if (r.body.size() > kMaxManifestBytes || !j.is_object() || v == j.end() ||
      !v->is_number_integer()) {
    return Error{
        "manifest.json: the server's copy at " + url +
        " is not a manifest (expected JSON with an integer version); remove it from the server if "
        "no kiosk uses it"};
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
  return server;
}

// The server's published.json; an unreadable one is replaced (with a warning), a missing one
// started.
Result<Record> Publisher::read_record() {
  const auto [r, url] = request("GET", kRecord);
  if (!r.completed() || (r.status != 200 && r.status != 404 && r.status != 410)) {
    return Error{std::string(kRecord) + ": cannot read the server's copy: " +
                 (r.completed() ? "expected HTTP 200 or 404, found " + std::to_string(r.status) +
                                      " from " + url
                                : r.error)};
  }
  if (r.status != 200) return Record{};
  if (r.body.size() > kMaxRecordBytes) {
    complain_(std::string(kRecord) +
              ": warning: the server's copy is unreadable (over 4 MiB); starting a new one, "
              "so objects it listed are not pruned");
    return Record{};
  }
  auto parsed = parse_record(r.body);
  if (!parsed) {
    complain_(std::string(kRecord) + ": warning: the server's copy is unreadable (" +
              parsed.error().what + "); starting a new one, so objects it listed are not pruned");
    return Record{};
  }
  return std::move(parsed).value();
}

UploadPlan Publisher::plan(const LocalBundle& bundle, const ServerManifest& server,
                           const Record& record) {
  // Objects the server holds: those of the manifests the record keeps and of its current one.
  std::set<std::string> present(server.paths.begin(), server.paths.end());
  for (const auto& m : record.manifests) present.insert(m.paths.begin(), m.paths.end());
  UploadPlan plan;
  plan.published.version = bundle.manifest().version;
  auto& paths = plan.published.paths;
  for (const auto& [name, entry] : bundle.manifest().files) {
    if (std::find(paths.begin(), paths.end(), entry.path) != paths.end()) continue;
    paths.push_back(entry.path);
    if (present.contains(entry.path)) {
      plan.reused.push_back(name);
    } else {
      plan.objects.push_back({entry.path, name, bundle.loaded.raw.at(name)});
      ++plan.new_files;
    }
  }
  paths.push_back(signature_object(bundle.manifest_bytes()));
  if (!present.contains(paths.back()))
    plan.objects.push_back({paths.back(), content::bundle_files::kSignature, bundle.signature});
  return plan;
}

// The uploads in their safe order: the record learns the new objects before they exist (so a
// publish that stops midway leaves nothing a later prune does not know of), then the objects,
// then manifest.sig and manifest.json. Returns an exit status, or nullopt to go on.
std::optional<int> Publisher::upload_all(const LocalBundle& bundle, const UploadPlan& plan,
                                         bool already, Record& record,
                                         std::optional<std::size_t> stop_after) {
  const std::size_t total_uploads = plan.objects.size() + (already ? 0 : 2);
  std::size_t done = 0;
  const auto stop_here = [&] {
    if (!stop_after || done != *stop_after) return false;
    say_("stopped after " + std::to_string(done) + " of " + std::to_string(total_uploads) +
         " uploads (--stop-after)");
    return true;
  };
  const auto& paths = plan.published.paths;
  if (!std::all_of(paths.begin(), paths.end(),
                   [&](const std::string& p) { return record.objects.contains(p); })) {
    record.objects.insert(paths.begin(), paths.end());
    if (!upload(kRecord, record_json(record), kRecord)) return 1;
  }
  for (const auto& object : plan.objects) {
    if (stop_here()) return 0;
    if (!upload(object.path, object.bytes, object.name)) return 1;
    say_("uploaded " + object.name + " as " + object.path + " (" +
         std::to_string(object.bytes.size()) + " bytes)");
    ++done;
  }
  if (!plan.reused.empty()) {
    std::string names;
    for (const auto& n : plan.reused) names += (names.empty() ? "" : ", ") + n;
    say_("already on the server: " + names);
  }
  if (already) {
    say_("the server already has this manifest (version " +
         std::to_string(bundle.manifest().version) + "); nothing to upload");
    return std::nullopt;
  }
  for (const auto& [name, bytes] :
       {std::pair<std::string, std::string_view>{content::bundle_files::kSignature,
                                                 bundle.signature},
        std::pair<std::string, std::string_view>{content::bundle_files::kManifest,
                                                 bundle.manifest_bytes()}}) {
    if (stop_here()) return 0;
    if (!upload(name, bytes, name)) return 1;
    say_("uploaded " + name);
    ++done;
  }
  return std::nullopt;
}

// The record: `keep` (the new manifest, the server's previous one and the record's, newest
// first), the last kKeepVersions kept. Written before any delete, so it never names a deleted
// object as kept; then the objects no kept manifest names are deleted. Warnings only: the new
// version is published whatever happens here.
void Publisher::update_record_and_prune(const std::string& version_text,
                                        std::vector<Published> keep, Record& record) {
  std::vector<Published> kept;
  for (auto& m : keep) {
    if (kept.size() == kKeepVersions) break;
    if (std::none_of(kept.begin(), kept.end(),
                     [&](const Published& k) { return k.version == m.version; })) {
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
  if (!upload(kRecord, record_json(record), kRecord)) {
    complain_(std::string(kRecord) + ": warning: " + version_text +
              " is published, but no object was pruned; the next publish tries again");
    return;
  }
  std::size_t deleted = 0;
  for (const auto& p : doomed) {
    const auto [r, url] = request("DELETE", p);
    if (r.completed() &&
        ((r.status >= 200 && r.status <= 299) || r.status == 404 || r.status == 410)) {
      record.objects.erase(p);
      ++deleted;
    } else {
      complain_(p + ": warning: " + refused_line("delete", r, url) +
                "; it stays until the next publish");
    }
  }
  if (deleted > 0) {
    say_("deleted " + std::to_string(deleted) + " object" + (deleted == 1 ? "" : "s") +
         " no longer named by the last " + std::to_string(kKeepVersions) + " published versions");
    if (!upload(kRecord, record_json(record), kRecord)) {
      complain_(std::string(kRecord) +
                ": warning: still lists the deleted objects; the next publish tidies it");
    }
  }
}

// Says why the publish stops and returns its exit status.
int stop(const Say& complain, const Error& error, int status) {
  complain(error.what);
  return status;
}

// Everything local, checked before the server is asked anything. Returns an exit status when
// the publish stops here.
std::optional<int> prepare(const Args& args, const Say& complain, PublishArgs& p, Target& target,
                           net::Options& options, std::optional<LocalBundle>& bundle) {
  auto parsed = parse_args(args);
  if (!parsed) return stop(complain, parsed.error(), 2);
  p = std::move(*parsed);
  auto resolved = resolve_target(p, complain);
  if (!resolved) return stop(complain, resolved.error(), 2);
  target = std::move(*resolved);
  if (auto pw = read_password(p, target); !pw) return stop(complain, pw.error(), 1);
  auto client = client_options(p);
  if (!client) return stop(complain, client.error(), 2);
  options = std::move(*client);
  auto trusted = read_trusted_keys(p.keys);
  if (!trusted) return stop(complain, trusted.error(), 2);
  Problems problems;
  bundle = read_bundle(p.dir, *trusted, problems);
  if (!bundle) {
    for (const auto& problem : problems) complain(problem.line());
    return 1;
  }
  return std::nullopt;
}

}  // namespace

int cmd_publish(const Args& args, std::ostream& out, std::ostream& err) {
  // Every line goes through these, as through the kiosk's log: a password in a URL (or a signed
  // URL's parameters) never reaches the terminal or a log.
  const Say say = [&](const std::string& line) { out << platform::redact(line) << "\n"; };
  const Say complain = [&](const std::string& line) { err << platform::redact(line) << "\n"; };
  PublishArgs p;
  Target target;
  net::Options options;
  std::optional<LocalBundle> bundle;
  if (auto status = prepare(args, complain, p, target, options, bundle)) return *status;
  const content::Manifest& manifest = bundle->manifest();

  // What the server has now: its manifest (the version to count on from) and the record.
  Publisher publisher(target, options, say, complain);
  auto server = publisher.read_server_manifest();
  if (!server) return stop(complain, server.error(), 1);
  const bool already = server->present && server->bytes == bundle->manifest_bytes();
  if (server->present && !already && manifest.version <= server->version) {
    complain("manifest.json: the server has version " + std::to_string(server->version) +
             "; this bundle is version " + std::to_string(manifest.version) +
             ": re-sign with --version " + std::to_string(server->version + 1) + " or higher");
    return 1;
  }
  auto record = publisher.read_record();
  if (!record) return stop(complain, record.error(), 1);

  const UploadPlan plan = publisher.plan(*bundle, *server, *record);
  if (auto status = publisher.upload_all(*bundle, plan, already, *record, p.stop_after))
    return *status;
  std::vector<Published> keep{plan.published};
  if (server->present && !already && !server->paths.empty())
    keep.push_back({server->version, server->paths});
  for (const auto& m : record->manifests) keep.push_back(m);
  const std::string version_text = "version " + std::to_string(manifest.version);
  publisher.update_record_and_prune(version_text, std::move(keep), *record);
  say("published " + version_text + " to " + p.to + " (" + std::to_string(plan.new_files) +
      " file" + (plan.new_files == 1 ? "" : "s") + " uploaded, " +
      std::to_string(plan.reused.size()) + " already on the server)");
  return 0;
}

}  // namespace kiosk::ctl
