// Publishing a signed bundle (see publish.hpp): the server side of a publish, its safe order, the
// record of what was published (published.json) and the prune of objects no longer named.
#include "admin/publish.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "admin/history.hpp"
#include "admin/site.hpp"
#include "admin/trust_tools.hpp"
#include "admin/working_copy.hpp"
#include "config/config.hpp"
#include "content/bundle_files.hpp"
#include "content/parse.hpp"
#include "content/site_paths.hpp"
#include "core/files.hpp"
#include "core/redact.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "net/http.hpp"
#include "trust/root.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;

struct PublishTarget {
  std::string to;        // as given, for messages
  std::string base_url;  // files go to join_url(base_url, path)
  std::optional<net::BasicAuth> basic;
  std::optional<net::AwsSigV4> aws;
  net::Options options;
};
void PublishTargetDeleter::operator()(PublishTarget* t) const { delete t; }

// The bundle to publish: validated, its manifest matching its files, signed (under one of the
// trusted keys when any), every file at its content-addressed path.
struct SignedBundle {
  fs::path dir;
  content::LoadResult loaded;
  std::string signature;
  BundleRoots roots;  // DIR/root/: uploaded before anything else
  [[nodiscard]] const content::Manifest& manifest() const { return *loaded.bundle->manifest; }
  [[nodiscard]] std::string_view manifest_bytes() const {
    return loaded.raw.at(content::bundle_files::kManifest);
  }
};
void SignedBundleDeleter::operator()(SignedBundle* b) const { delete b; }
long long bundle_version(const SignedBundle& bundle) { return bundle.manifest().version; }
const content::LoadResult& bundle_loaded(const SignedBundle& bundle) { return bundle.loaded; }
const std::string& bundle_signature(const SignedBundle& bundle) { return bundle.signature; }

namespace {

// Published manifests whose objects stay on the server: the current one and two before it, so a
// kiosk that fetched one of them just before a publish still finds its files.
constexpr std::size_t kKeepVersions = 3;
constexpr std::uint64_t kMaxManifestBytes = 4ull << 20;  // as a kiosk reads it
constexpr std::uint64_t kMaxRecordBytes = 4ull << 20;
constexpr const char* kRecord = "published.json";

std::string content_type_for(const std::string& name) {
  const auto ext = fs::path(name).extension().string();
  if (ext == ".json") return "application/json";
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".sig") return "text/plain";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".webp") return "image/webp";
  return "application/octet-stream";
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
  // The take-home pages on the server (site/…, overwritten in place by each publish): learnt
  // before they are uploaded, so the pages of a removed notice or applicant are deleted later.
  std::set<std::string> site;
};

// "site/…": a take-home page publish wrote and may overwrite or delete.
bool is_site_path(const std::string& path) {
  return path.rfind(content::site_paths::kPrefix, 0) == 0 &&
         content::manifest_path_problem(path).empty();
}

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
  if (j.contains("site")) {  // optional: records written before the take-home pages lack it
    if (!j["site"].is_array())
      return Error{"site: expected a list of \"site/…\" paths, found other content"};
    for (const auto& p : j["site"]) {
      if (!p.is_string() || !is_site_path(p.get<std::string>()))
        return Error{"site: expected a list of \"site/…\" paths, found other content"};
      r.site.insert(p.get<std::string>());
    }
  }
  return r;
}

std::string record_json(const Record& r) {
  nlohmann::ordered_json j;
  j["schema"] = 1;
  j["manifests"] = nlohmann::ordered_json::array();
  for (const auto& m : r.manifests)
    j["manifests"].push_back({{"version", m.version}, {"paths", m.paths}});
  j["objects"] = r.objects;
  if (!r.site.empty()) j["site"] = r.site;
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

// s3://BUCKET/PREFIX: path-style addressing (ENDPOINT/BUCKET/PREFIX/…), which every
// S3-compatible service takes, signed with the given AWS credentials.
Result<void> s3_target(const Destination& d, PublishTarget& target) {
  const std::string rest = d.to.substr(5);
  const std::string bucket = rest.substr(0, rest.find('/'));
  const std::string prefix = rest.size() > bucket.size() ? rest.substr(bucket.size() + 1) : "";
  if (bucket.empty()) {
    return Error{"kioskctl publish: --to: expected s3://BUCKET/PREFIX, found " +
                 quote_found(redact(d.to))};
  }
  if (d.endpoint.empty() || !net::is_http_url(d.endpoint)) {
    return Error{"kioskctl publish: --endpoint: expected the http(s) URL of the S3 service for " +
                 d.to};
  }
  net::AwsSigV4 aws{d.aws_access_key_id, d.aws_secret_access_key, d.aws_region};
  if (aws.region.empty()) aws.region = "us-east-1";
  if (aws.access_key_id.empty() || aws.secret_access_key.empty()) {
    return Error{
        "kioskctl publish: expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment "
        "for " +
        d.to};
  }
  target.base_url = net::join_url(d.endpoint, bucket + (prefix.empty() ? "" : "/" + prefix));
  target.aws = std::move(aws);
  return {};
}

}  // namespace

// Where to, with which password and client options. Basic auth over plain http hands the
// password to anyone on the way (SigV4 sends none): refused off loopback unless
// allow_insecure_auth, which `warn`s.
std::variant<PublishTargetPtr, TargetError> resolve_target(const Destination& d, const Say& warn) {
  PublishTargetPtr target(new PublishTarget);
  target->to = d.to;
  const auto usage = [](std::string line) { return TargetError{Error{redact(line)}, true}; };
  if (d.to.rfind("s3://", 0) == 0) {
    if (auto s3 = s3_target(d, *target); !s3) return usage(s3.error().what);
  } else if (net::is_http_url(d.to)) {
    target->base_url = d.to;
  } else {
    return usage("kioskctl publish: --to: expected an http(s) URL or s3://BUCKET/PREFIX, found " +
                 quote_found(redact(d.to)));
  }
  if (d.user.has_value() != d.password_file.has_value())
    return usage("kioskctl publish: --user and --password-file go together");
  if ((d.user || has_userinfo(d.to)) && d.to.rfind("http://", 0) == 0) {
    const std::string where = authority_of(d.to);
    if (!is_loopback(where)) {
      if (!d.allow_insecure_auth) {
        return usage(
            "kioskctl publish: --to: refusing to send a password over plain http to " + where +
            ", where anyone on the network can read it: use an https URL, or --allow-insecure-auth "
            "on a network you trust");
      }
      if (warn) {
        warn(
            redact("kioskctl publish: warning: sending the password unencrypted over plain http "
                   "to " +
                   where + " (--allow-insecure-auth)"));
      }
    }
  }
  // The user and the first line of the password file.
  if (d.user) {
    const auto pw = files::read(*d.password_file, 4096);
    if (!pw) {
      return TargetError{Error{redact(d.password_file->string() + ": " + pw.error().what)}, false};
    }
    target->basic = net::BasicAuth{*d.user, first_line(*pw)};
  }
  // The HTTP client's options: a long total timeout, and the CA file when given (PEM checked).
  target->options.limits.total_timeout = std::chrono::minutes(10);
  if (d.ca_file) {
    const std::string ca = d.ca_file->string();
    const auto pem = files::read(ca, 1 << 20);
    if (!pem) return usage("kioskctl publish: --ca-file: " + ca + ": " + pem.error().what);
    if (pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      return usage("kioskctl publish: --ca-file: " + ca +
                   ": expected PEM certificates (-----BEGIN CERTIFICATE-----), found none");
    }
    target->options.ca_file = ca;
  }
  return target;
}

Result<std::vector<std::string>> read_public_keys(const std::vector<std::string>& keys) {
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

SignedBundlePtr read_signed_bundle(const fs::path& dir, const std::vector<std::string>& trusted,
                                   Problems& problems) {
  std::error_code ec;
  if (!fs::exists(dir / content::bundle_files::kManifest, ec)) {
    problems.push_back({content::bundle_files::kManifest, "",
                        "expected the file (kioskctl sign writes it), found none"});
    return nullptr;
  }
  content::LoadOptions load_options;
  load_options.require_manifest = true;
  SignedBundlePtr b(new SignedBundle{dir, content::load_bundle(dir, load_options), {}, {}});
  if (!b->loaded.bundle) {
    problems.insert(problems.end(), b->loaded.problems.begin(), b->loaded.problems.end());
    return nullptr;
  }
  auto sig = files::read(dir / content::bundle_files::kSignature, trust::kMaxSignatureBytes);
  if (!sig) {
    problems.push_back({content::bundle_files::kSignature, "",
                        "expected a signature (kioskctl sign writes it), found none"});
    return nullptr;
  }
  b->signature = std::move(*sig);
  // The roots DIR carries (their chain must hold: kiosks walk it), and the threshold of the
  // newest; without roots one signature under the given keys, as before roots.
  auto roots = read_roots(dir);
  if (!roots) {
    problems.push_back({"", "", roots.error().what});
    return nullptr;
  }
  b->roots = std::move(*roots);
  const std::size_t before = problems.size();
  check_root_chain(b->roots,
                   trusted.empty()
                       ? std::nullopt
                       : std::optional<trust::Root>(trust::root_from_config(trusted, 1)),
                   problems);
  if (problems.size() != before) return nullptr;
  if (b->roots.newest) {
    if (auto met = trust::check_threshold(b->manifest_bytes(), b->signature, *b->roots.newest);
        !met) {
      problems.push_back({content::bundle_files::kSignature, "",
                          met.error().what + ": kioskctl cosign " + dir.string() +
                              " --key … adds a signature by another key of root version " +
                              std::to_string(b->roots.newest->version)});
      return nullptr;
    }
  } else if (auto checked = trust::check_threshold(b->manifest_bytes(), b->signature,
                                                   trust::root_from_config(trusted, 1));
             !checked &&
             !(trusted.empty() && checked.error().what.rfind("no trusted keys", 0) == 0)) {
    problems.push_back({content::bundle_files::kSignature, "", checked.error().what});
    return nullptr;
  }
  // Every file must lie at its content-addressed path: uploading under the plain name would
  // overwrite a file the server's current manifest names.
  for (const auto& [name, entry] : b->manifest().files) {
    const std::string want = content::content_addressed_path(name, entry.sha256);
    if (entry.path != want) {
      problems.push_back({content::bundle_files::kManifest, "files." + name + ".path",
                          "expected \"" + want + "\" as kioskctl sign writes it, found " +
                              (entry.path.empty() ? std::string("none") : quote_found(entry.path)) +
                              ": sign " + dir.string() + " again with this kioskctl"});
      return nullptr;
    }
  }
  return b;
}

namespace {

// What goes up: the new content-addressed objects (the content files, then the signature's
// copy), the files the server already holds, and the paths the new manifest keeps.
struct Object {
  std::string path, name;  // name: the first file with that path
  std::string_view bytes;
};
struct UploadPlan {
  Published published;
  std::vector<Object> objects;
  std::map<std::string, std::string> site;  // the take-home pages, path -> bytes (site.hpp)
  std::vector<std::string> reused;
  std::size_t new_files = 0;
};

// The server side of a publish: requests, the server's manifest and record, the uploads in
// their safe order, the record's update and the prune.
class Publisher {
 public:
  Publisher(const PublishTarget& target, const PublishControl& control)
      : target_(target), client_(target.options), control_(control) {}

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

  Result<void> upload(const std::string& path, std::string_view body, const std::string& label) {
    const auto [r, url] = request("PUT", path, body);
    if (r.completed() && r.status >= 200 && r.status <= 299) return {};
    return Error{redact(label + ": " + refused_line("upload", r, url))};
  }
  void say(const std::string& line) const {
    if (control_.say) control_.say(redact(line));
  }
  void complain(const std::string& line) const {
    if (control_.complain) control_.complain(redact(line));
  }

  Result<ServerManifest> read_server_manifest();
  Result<Record> read_record();
  UploadPlan plan(const SignedBundle& bundle, const ServerManifest& server, const Record& record);
  // Error when an upload fails or the publish is cancelled; true when stopped by stop_after.
  Result<bool> upload_all(const SignedBundle& bundle, const UploadPlan& plan, bool already,
                          Record& record);
  void update_record_and_prune(const std::string& version_text, std::vector<Published> keep,
                               Record& record, const std::map<std::string, std::string>* site);

 private:
  const PublishTarget& target_;
  net::Client client_;
  const PublishControl& control_;
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
    complain(std::string(kRecord) +
             ": warning: the server's copy is unreadable (over 4 MiB); starting a new one, "
             "so objects it listed are not pruned");
    return Record{};
  }
  auto parsed = parse_record(r.body);
  if (!parsed) {
    complain(std::string(kRecord) + ": warning: the server's copy is unreadable (" +
             parsed.error().what + "); starting a new one, so objects it listed are not pruned");
    return Record{};
  }
  return std::move(parsed).value();
}

UploadPlan Publisher::plan(const SignedBundle& bundle, const ServerManifest& server,
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
Result<bool> Publisher::upload_all(const SignedBundle& bundle, const UploadPlan& plan, bool already,
                                   Record& record) {
  const std::size_t total_uploads =
      2 * bundle.roots.files.size() + plan.objects.size() + (already ? 0 : 2 + plan.site.size());
  std::size_t done = 0;
  const auto stop_here = [&] {
    if (!control_.stop_after || done != *control_.stop_after) return false;
    say("stopped after " + std::to_string(done) + " of " + std::to_string(total_uploads) +
        " uploads (--stop-after)");
    return true;
  };
  const auto cancelled = [&] { return control_.cancel != nullptr && control_.cancel->load(); };
  const auto cancelled_error = [&] {
    return Error{"publish cancelled after " + std::to_string(done) + " of " +
                 std::to_string(total_uploads) +
                 " uploads; the server still serves the version it had"};
  };
  const auto progressed = [&] {
    ++done;
    if (control_.progress) control_.progress(done, total_uploads);
  };
  if (control_.progress) control_.progress(0, total_uploads);
  const auto& paths = plan.published.paths;
  const bool site_known =
      already || std::all_of(plan.site.begin(), plan.site.end(),
                             [&](const auto& page) { return record.site.contains(page.first); });
  if (!site_known || !std::all_of(paths.begin(), paths.end(), [&](const std::string& p) {
        return record.objects.contains(p);
      })) {
    record.objects.insert(paths.begin(), paths.end());
    if (!already) {
      for (const auto& page : plan.site) record.site.insert(page.first);
    }
    if (auto r = upload(kRecord, record_json(record), kRecord); !r) return r.error();
  }
  // The roots before anything that may need them (TRUST.md): each N.sig before its N.json, so a
  // kiosk that finds a root finds its signatures. Same bytes each time: a root is never changed.
  for (const auto& [version, file] : bundle.roots.files) {
    for (const auto& [path, bytes] :
         {std::pair<std::string, std::string_view>{"root/" + std::to_string(version) + ".sig",
                                                   file.sig},
          std::pair<std::string, std::string_view>{"root/" + std::to_string(version) + ".json",
                                                   file.json}}) {
      if (stop_here()) return true;
      if (cancelled()) return cancelled_error();
      if (auto r = upload(path, bytes, path); !r) return r.error();
      progressed();
    }
  }
  if (!bundle.roots.files.empty()) {
    say("uploaded the roots: root/1.json … root/" + std::to_string(bundle.roots.newest_version()) +
        ".json with their signatures");
  }
  for (const auto& object : plan.objects) {
    if (stop_here()) return true;
    if (cancelled()) return cancelled_error();
    if (auto r = upload(object.path, object.bytes, object.name); !r) return r.error();
    say("uploaded " + object.name + " as " + object.path + " (" +
        std::to_string(object.bytes.size()) + " bytes)");
    progressed();
  }
  if (!plan.reused.empty()) {
    std::string names;
    for (const auto& n : plan.reused) names += (names.empty() ? "" : ", ") + n;
    say("already on the server: " + names);
  }
  if (already) {
    say("the server already has this manifest (version " +
        std::to_string(bundle.manifest().version) + "); nothing to upload");
    return false;
  }
  // The take-home pages, overwritten in place (their URLs are stable), before the manifest: a
  // page never names content a kiosk cannot fetch yet. They are small: one line for them all.
  std::uint64_t site_bytes = 0;
  for (const auto& [path, bytes] : plan.site) {
    if (stop_here()) return true;
    if (cancelled()) return cancelled_error();
    if (auto r = upload(path, bytes, path); !r) return r.error();
    site_bytes += bytes.size();
    progressed();
  }
  if (!plan.site.empty()) {
    say("uploaded the take-home pages: " + std::to_string(plan.site.size()) + " files under " +
        content::site_paths::kPrefix + " (" + std::to_string(site_bytes) + " bytes)");
  }
  // manifest.sig and manifest.json go up together: a cancel never falls between them.
  if (stop_here()) return true;
  if (cancelled()) return cancelled_error();
  bool first = true;
  for (const auto& [name, bytes] :
       {std::pair<std::string, std::string_view>{content::bundle_files::kSignature,
                                                 bundle.signature},
        std::pair<std::string, std::string_view>{content::bundle_files::kManifest,
                                                 bundle.manifest_bytes()}}) {
    if (!first && stop_here()) return true;
    first = false;
    if (auto r = upload(name, bytes, name); !r) return r.error();
    say("uploaded " + name);
    progressed();
  }
  return false;
}

// The record: `keep` (the new manifest, the server's previous one and the record's, newest
// first), the last kKeepVersions kept. Written before any delete, so it never names a deleted
// object as kept; then the objects no kept manifest names are deleted. Warnings only: the new
// version is published whatever happens here.
void Publisher::update_record_and_prune(const std::string& version_text,
                                        std::vector<Published> keep, Record& record,
                                        const std::map<std::string, std::string>* site) {
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
  // Pages the new site no longer has (a removed notice or applicant); with public_url unset now
  // the new site is empty and the old pages go (the kiosks no longer link them). `site` is null
  // when this publish uploaded nothing (the server already had its manifest).
  std::vector<std::string> stale_pages;
  if (site != nullptr) {
    for (const auto& p : record.site) {
      if (!site->contains(p)) stale_pages.push_back(p);
    }
  }
  if (auto r = upload(kRecord, record_json(record), kRecord); !r) {
    complain(r.error().what);
    complain(std::string(kRecord) + ": warning: " + version_text +
             " is published, but no object was pruned; the next publish tries again");
    return;
  }
  std::size_t pages_deleted = 0;
  for (const auto& p : stale_pages) {
    const auto [r, url] = request("DELETE", p);
    if (r.completed() &&
        ((r.status >= 200 && r.status <= 299) || r.status == 404 || r.status == 410)) {
      record.site.erase(p);
      ++pages_deleted;
    } else {
      complain(p + ": warning: " + refused_line("delete", r, url) +
               "; it stays until the next publish");
    }
  }
  if (pages_deleted > 0) {
    say("deleted " + std::to_string(pages_deleted) + " take-home page" +
        (pages_deleted == 1 ? "" : "s") + " of removed notices or applicants");
  }
  std::size_t deleted = 0;
  for (const auto& p : doomed) {
    const auto [r, url] = request("DELETE", p);
    if (r.completed() &&
        ((r.status >= 200 && r.status <= 299) || r.status == 404 || r.status == 410)) {
      record.objects.erase(p);
      ++deleted;
    } else {
      complain(p + ": warning: " + refused_line("delete", r, url) +
               "; it stays until the next publish");
    }
  }
  if (deleted > 0 || pages_deleted > 0) {
    if (deleted > 0)
      say("deleted " + std::to_string(deleted) + " object" + (deleted == 1 ? "" : "s") +
          " no longer named by the last " + std::to_string(kKeepVersions) + " published versions");
    if (auto r = upload(kRecord, record_json(record), kRecord); !r) {
      complain(r.error().what);
      complain(std::string(kRecord) +
               ": warning: still lists the deleted objects; the next publish tidies it");
    }
  }
}

}  // namespace

Result<long long> server_version(const PublishTarget& target) {
  const PublishControl quiet;
  Publisher publisher(target, quiet);
  auto server = publisher.read_server_manifest();
  if (!server) return Error{redact(server.error().what)};
  return server->present ? server->version : 0;
}

Result<PublishReport> publish(const SignedBundle& bundle, const PublishTarget& target,
                              const PublishControl& control) {
  const content::Manifest& manifest = bundle.manifest();
  // What the server has now: its manifest (the version to count on from) and the record.
  Publisher publisher(target, control);
  auto server = publisher.read_server_manifest();
  if (!server) return Error{redact(server.error().what)};
  PublishReport report;
  report.version = manifest.version;
  report.already = server->present && server->bytes == bundle.manifest_bytes();
  if (server->present && !report.already && manifest.version <= server->version) {
    return Error{"manifest.json: the server has version " + std::to_string(server->version) +
                 "; this bundle is version " + std::to_string(manifest.version) +
                 ": re-sign with --version " + std::to_string(server->version + 1) + " or higher"};
  }
  auto record = publisher.read_record();
  if (!record) return Error{redact(record.error().what)};

  UploadPlan plan = publisher.plan(bundle, *server, *record);
  const content::Bundle& content = *bundle.loaded.bundle;
  if (!report.already && !content.public_url.empty()) {
    SiteStamp stamp;
    stamp.version = manifest.version;
    stamp.published_at = site_time_text(static_cast<long long>(std::time(nullptr)));
    stamp.today = office_today();
    plan.site = render_site(content, stamp);
    report.site_files = plan.site.size();
    for (const auto& [path, bytes] : plan.site) report.site_bytes += bytes.size();
    report.site_url = content::site_paths::url(content.public_url, content::site_paths::kIndex);
  }
  auto uploaded = publisher.upload_all(bundle, plan, report.already, *record);
  if (!uploaded) return uploaded.error();
  if (*uploaded) {
    report.stopped = true;
    return report;
  }
  std::vector<Published> keep{plan.published};
  if (server->present && !report.already && !server->paths.empty())
    keep.push_back({server->version, server->paths});
  for (const auto& m : record->manifests) keep.push_back(m);
  const std::string version_text = "version " + std::to_string(manifest.version);
  publisher.update_record_and_prune(version_text, std::move(keep), *record,
                                    report.already ? nullptr : &plan.site);
  report.uploaded_files = plan.new_files;
  report.reused_files = plan.reused.size();
  report.line =
      redact("published " + version_text + " to " + target.to + " (" +
             std::to_string(plan.new_files) + " file" + (plan.new_files == 1 ? "" : "s") +
             " uploaded, " + std::to_string(plan.reused.size()) + " already on the server" +
             (plan.site.empty() ? std::string() : "; take-home pages at " + report.site_url) + ")");
  if (control.record_history) {
    if (auto h = record_history(bundle.dir, bundle.loaded.raw, bundle.signature, control.clock);
        !h && control.complain)
      control.complain(redact(h.error().what));
  }
  return report;
}

}  // namespace kiosk::admin
