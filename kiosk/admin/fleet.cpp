// Reading the fleet's reports and judging each kiosk (see fleet.hpp).
#include "admin/fleet.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "config/config.hpp"
#include "core/files.hpp"
#include "core/problem.hpp"
#include "core/redact.hpp"
#include "crypto/sha256.hpp"

namespace kiosk::admin {
namespace fs = std::filesystem;
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '.') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
      };
      const int h = hex(s[i + 1]), l = hex(s[i + 2]);
      if (h >= 0 && l >= 0) {
        out += static_cast<char>(h * 16 + l);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// The text of every <…tag>…</…tag> element, whatever its namespace prefix (WebDAV's D:href, S3's
// Prefix).
std::vector<std::string> elements(std::string_view xml, std::string_view tag) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    auto open = xml.find(tag, pos);
    if (open == std::string_view::npos) break;
    pos = open + tag.size();
    // <tag> or <ns:tag>: the character before the name is '<' or ':' and after it '>'.
    if (open == 0 || (xml[open - 1] != '<' && xml[open - 1] != ':') || pos >= xml.size() ||
        xml[pos] != '>') {
      continue;
    }
    const auto lt = xml.rfind('<', open);
    if (lt == std::string_view::npos || xml.substr(lt + 1, 1) == "/") continue;
    const auto end = xml.find('<', pos + 1);
    if (end == std::string_view::npos) break;
    out.emplace_back(xml.substr(pos + 1, end - pos - 1));
    pos = end;
  }
  return out;
}

std::string percent_encode_query(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string last_segment(std::string path) {
  while (!path.empty() && path.back() == '/') path.pop_back();
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

const char* state_name(KioskState s) {
  switch (s) {
    case KioskState::Ok:
      return "正常";
    case KioskState::Behind:
      return "内容落后";
    case KioskState::SyncFailed:
      return "同步失败";
    case KioskState::Offline:
      return "离线";
    case KioskState::Unenrolled:
      return "未登记";
    case KioskState::BadSignature:
      return "签名无效";
  }
  return "?";
}

int state_rank(KioskState s) {
  switch (s) {
    case KioskState::BadSignature:
      return 0;
    case KioskState::Offline:
      return 1;
    case KioskState::SyncFailed:
      return 2;
    case KioskState::Behind:
      return 3;
    case KioskState::Unenrolled:
      return 4;
    case KioskState::Ok:
      return 5;
  }
  return 6;
}

bool Fleet::healthy() const {
  return std::all_of(rows.begin(), rows.end(),
                     [](const KioskRow& r) { return r.state == KioskState::Ok; });
}

Result<ReportReader> ReportReader::open(const ReportSource& source) {
  ReportReader r;
  r.source_ = source;
  net::Options options;
  options.ca_file = source.ca_file;
  options.limits.total_timeout = std::chrono::seconds(60);
  options.limits.max_body_bytes = 64u << 20;
  if (source.from.rfind("s3://", 0) == 0) {
    const std::string rest = source.from.substr(5);
    r.s3_bucket_ = rest.substr(0, rest.find('/'));
    r.s3_prefix_ = rest.size() > r.s3_bucket_.size() ? rest.substr(r.s3_bucket_.size() + 1) : "";
    if (!r.s3_prefix_.empty() && r.s3_prefix_.back() != '/') r.s3_prefix_ += '/';
    net::AwsSigV4 aws{env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), env("AWS_REGION")};
    if (aws.region.empty()) aws.region = env("AWS_DEFAULT_REGION");
    if (aws.region.empty()) aws.region = "us-east-1";
    if (r.s3_bucket_.empty() || aws.access_key_id.empty() || aws.secret_access_key.empty()) {
      return Error{
          "--from: expected s3://BUCKET/PREFIX with AWS_ACCESS_KEY_ID and "
          "AWS_SECRET_ACCESS_KEY in the environment"};
    }
    r.s3_endpoint_ = env("AWS_ENDPOINT_URL");
    if (r.s3_endpoint_.empty()) r.s3_endpoint_ = "https://s3." + aws.region + ".amazonaws.com";
    r.base_ = net::join_url(r.s3_endpoint_, r.s3_bucket_ + "/" + r.s3_prefix_);
    r.aws_ = std::move(aws);
  } else if (net::is_http_url(source.from)) {
    r.base_ = source.from;
  } else {
    std::error_code ec;
    if (!fs::is_directory(source.from, ec)) {
      return Error{"--from: expected an http(s) URL, s3://BUCKET/PREFIX or a directory, found " +
                   quote_found(redact(source.from))};
    }
    r.local_ = true;
    r.base_ = source.from;
  }
  if (r.base_.back() != '/') r.base_ += '/';
  if (!r.local_) r.client_ = std::make_shared<net::Client>(options);
  return r;
}

std::string ReportReader::url_of(const std::string& kiosk_id, const std::string& relative) const {
  if (local_) return (fs::path(base_) / kiosk_id / relative).string();
  return redact(net::join_url(base_, kiosk_id + "/" + relative));
}

Result<std::vector<std::string>> ReportReader::list() {
  std::set<std::string> ids;
  if (local_) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(base_, ec)) {
      if (e.is_directory(ec) && valid_id(e.path().filename().string()))
        ids.insert(e.path().filename().string());
    }
    if (ec) return Error{base_ + ": cannot list: " + ec.message()};
    return std::vector<std::string>(ids.begin(), ids.end());
  }
  net::PutRequest req;
  req.basic = source_.basic;
  if (aws_) {
    // ListObjectsV2 with a delimiter: each kiosk is a common prefix.
    std::string token;
    for (int page = 0; page < 100; ++page) {
      req.method = "GET";
      req.aws = aws_;
      req.url = net::join_url(s3_endpoint_, s3_bucket_) +
                "?list-type=2&delimiter=%2F&prefix=" + percent_encode_query(s3_prefix_) +
                (token.empty() ? "" : "&continuation-token=" + percent_encode_query(token));
      const auto resp = client_->put(req);
      if (!resp.completed() || resp.status != 200) {
        return Error{
            redact(req.url) + ": ListObjectsV2 " +
            (resp.completed() ? "refused: HTTP " + std::to_string(resp.status) : resp.error)};
      }
      for (const auto& p : elements(resp.body, "Prefix")) {
        if (p.size() > s3_prefix_.size() && p.rfind(s3_prefix_, 0) == 0) {
          const std::string id = last_segment(p.substr(s3_prefix_.size()));
          if (valid_id(id)) ids.insert(id);
        }
      }
      const auto next = elements(resp.body, "NextContinuationToken");
      if (next.empty()) break;
      token = next.front();
    }
    return std::vector<std::string>(ids.begin(), ids.end());
  }
  // nginx autoindex_format json first (a GET), then WebDAV PROPFIND.
  req.method = "GET";
  req.url = base_;
  auto resp = client_->put(req);
  if (resp.completed() && resp.status == 200 && !resp.body.empty() && resp.body.front() == '[') {
    try {
      for (const auto& e : nlohmann::json::parse(resp.body)) {
        if (e.value("type", "") == "directory" && valid_id(e.value("name", "")))
          ids.insert(e.value("name", ""));
      }
      return std::vector<std::string>(ids.begin(), ids.end());
    } catch (const nlohmann::json::exception&) {
      // not a listing after all: try PROPFIND
    }
  }
  req.method = "PROPFIND";
  req.headers = {"Depth: 1"};
  resp = client_->put(req);
  if (resp.completed() && resp.status == 207) {
    const std::string own = last_segment(percent_decode(base_.substr(base_.find("//") + 2)));
    for (const auto& href : elements(resp.body, "href")) {
      const std::string path = percent_decode(href);
      if (path.empty() || path.back() != '/') continue;
      const std::string id = last_segment(path);
      if (id != own && valid_id(id)) ids.insert(id);
    }
    return std::vector<std::string>(ids.begin(), ids.end());
  }
  return Error{redact(base_) +
               ": cannot list the kiosks (expected an nginx autoindex_format json listing or a "
               "WebDAV PROPFIND answer, found " +
               (resp.completed() ? "HTTP " + std::to_string(resp.status) : resp.error) +
               "); only the kiosks of --keys are read"};
}

Result<std::optional<std::string>> ReportReader::get(const std::string& kiosk_id,
                                                     const std::string& relative,
                                                     std::uint64_t max_bytes) {
  if (local_) {
    const fs::path p = fs::path(base_) / kiosk_id / relative;
    std::error_code ec;
    if (!fs::exists(p, ec)) return std::optional<std::string>();
    auto r = files::read(p, max_bytes);
    if (!r) return Error{p.string() + ": " + r.error().what};
    return std::optional<std::string>(std::move(*r));
  }
  net::PutRequest req;
  req.method = "GET";
  req.url = net::join_url(base_, kiosk_id + "/" + relative);
  req.basic = source_.basic;
  req.aws = aws_;
  net::Response resp;
  if (req.basic || req.aws) {
    resp = client_->put(req);
  } else {
    resp = client_->get(req.url, {}, max_bytes);
  }
  if (resp.completed() && (resp.status == 404 || (aws_ && resp.status == 403)))
    return std::optional<std::string>();
  if (!resp.completed() || resp.status != 200) {
    return Error{redact(req.url) + ": " +
                 (resp.completed() ? "HTTP " + std::to_string(resp.status) : resp.error)};
  }
  if (resp.body.size() > max_bytes) {
    return Error{redact(req.url) + ": expected at most " + files::human_size(max_bytes) +
                 ", found " + files::human_size(resp.body.size())};
  }
  return std::optional<std::string>(std::move(resp.body));
}

Result<std::string> ReportReader::display_log(const std::string& kiosk_id) {
  auto index = get(kiosk_id, "log/index.json", 4u << 20);
  if (!index) return index.error();
  if (!*index)
    return Error{url_of(kiosk_id, "log/index.json") + ": expected the log's index, found none"};
  std::string all;
  try {
    const auto j = nlohmann::json::parse(**index);
    long long expect_first = 0;
    for (const auto& seg : j.at("segments")) {
      const std::string name = seg.at("name").get<std::string>();
      const long long first = seg.at("first").get<long long>();
      if (name.size() != 18 || name.find('/') != std::string::npos)
        return Error{url_of(kiosk_id, "log/index.json") +
                     ": expected segment names NNNNNNNNNNNN.jsonl, found " + quote_found(name)};
      if (expect_first != 0 && first != expect_first) {
        return Error{url_of(kiosk_id, "log/index.json") + ": segment " + name +
                     " starts at record " + std::to_string(first) + ", expected " +
                     std::to_string(expect_first) + " (records missing between segments)"};
      }
      auto bytes = get(kiosk_id, "log/" + name, 64u << 20);
      if (!bytes) return bytes.error();
      if (!*bytes)
        return Error{url_of(kiosk_id, "log/" + name) +
                     ": expected the segment the index names, found none"};
      if (crypto::sha256_hex(**bytes) != seg.at("sha256").get<std::string>()) {
        return Error{url_of(kiosk_id, "log/" + name) +
                     ": expected the sha256 log/index.json gives, found other bytes"};
      }
      all += **bytes;
      expect_first = seg.at("last").get<long long>() + 1;
    }
  } catch (const nlohmann::json::exception&) {
    return Error{url_of(kiosk_id, "log/index.json") +
                 ": expected {\"segments\":[{\"name\",\"first\",\"last\",\"sha256\"}]}"};
  }
  return all;
}

Result<std::vector<std::pair<std::string, std::string>>> read_enrolled_keys(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> keys;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Error{dir.string() + ": expected a directory of KIOSK_ID.pub files"};
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".pub") continue;
    const std::string id = e.path().stem().string();
    if (!valid_id(id)) continue;
    auto text = files::read(e.path(), 4096);
    std::string line = text ? text->substr(0, text->find_first_of("\r\n")) : "";
    if (!text || !config::is_ed25519_public_key(line)) {
      return Error{e.path().string() +
                   ": expected one line of base64 of a 32-byte Ed25519 public key (kiosk "
                   "--identity prints it)"};
    }
    keys.emplace_back(id, line);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

Result<Fleet> read_fleet(const FleetOptions& o) {
  Fleet fleet;
  auto reader = ReportReader::open(o.source);
  if (!reader) return reader.error();
  std::map<std::string, std::string> keys;
  if (o.keys_dir) {
    auto k = read_enrolled_keys(*o.keys_dir);
    if (!k) return k.error();
    keys.insert(k->begin(), k->end());
  }
  std::set<std::string> ids;
  for (const auto& [id, key] : keys) ids.insert(id);
  if (auto listed = reader->list()) {
    ids.insert(listed->begin(), listed->end());
  } else {
    fleet.listing_note = listed.error().what;
  }
  for (const auto& id : ids) {
    KioskRow row;
    row.kiosk_id = id;
    row.enrolled = keys.count(id) > 0;
    auto text = reader->get(id, "status.json", report::kMaxStatusBytes);
    if (!text) {
      row.state = KioskState::Offline;
      row.reason = text.error().what;
    } else if (!*text) {
      row.state = KioskState::Offline;
      row.reason = "从未上报(" + reader->url_of(id, "status.json") + " 不存在)";
    } else if (auto st = report::parse_status(**text); !st) {
      row.state = KioskState::BadSignature;
      row.reason = st.error().what;
    } else {
      row.status = *st;
      row.has_status = true;
      if (st->kiosk_id != id) {
        row.state = KioskState::BadSignature;
        row.reason = "status.json: kiosk_id: expected " + quote_found(id) + ", found " +
                     quote_found(st->kiosk_id) + " (a status copied from another kiosk)";
      } else if (!row.enrolled) {
        row.state = KioskState::Unenrolled;
        row.reason = "--keys 里没有 " + id + ".pub,无法验证它的上报";
      } else if (auto v = report::verify_status(**text, keys[id]); !v) {
        row.state = KioskState::BadSignature;
        row.reason = v.error().what;
      } else {
        row.state = KioskState::Ok;
      }
    }
    fleet.rows.push_back(std::move(row));
  }
  // The newest published version: the content server's, else the highest a verified kiosk shows.
  if (!o.content_url.empty()) {
    net::Options options;
    options.ca_file = o.source.ca_file;
    net::Client client(options);
    const auto r = client.get(net::join_url(o.content_url, "manifest.json"), {}, 4u << 20);
    if (!r.completed() || r.status != 200) {
      return Error{redact(net::join_url(o.content_url, "manifest.json")) + ": " +
                   (r.completed() ? "HTTP " + std::to_string(r.status) : r.error)};
    }
    try {
      fleet.newest_version = nlohmann::json::parse(r.body).at("version").get<long long>();
    } catch (const nlohmann::json::exception&) {
      return Error{redact(net::join_url(o.content_url, "manifest.json")) +
                   ": expected a manifest with a version"};
    }
  }
  for (const auto& row : fleet.rows) {
    if (row.state == KioskState::Ok)
      fleet.newest_version = std::max(fleet.newest_version, row.status.content_version);
  }
  for (auto& row : fleet.rows) {
    row.newest_version = fleet.newest_version;
    if (row.state != KioskState::Ok) continue;  // an unverified status proves nothing more
    const auto& s = row.status;
    if (o.now_unix - s.time_unix > o.offline_after_s) {
      row.state = KioskState::Offline;
      row.reason = "最后上报于 " + std::to_string((o.now_unix - s.time_unix) / 60) +
                   " 分钟前(超过 " + std::to_string(o.offline_after_s / 60) + " 分钟算离线)";
    } else if (s.sync_state == "failed") {
      row.state = KioskState::SyncFailed;
      row.reason = s.sync_result;
    } else if (s.content_version < fleet.newest_version) {
      row.state = KioskState::Behind;
      row.reason = "显示第 " + std::to_string(s.content_version) + " 版,最新第 " +
                   std::to_string(fleet.newest_version) + " 版";
    }
  }
  std::stable_sort(fleet.rows.begin(), fleet.rows.end(), [](const KioskRow& a, const KioskRow& b) {
    return state_rank(a.state) < state_rank(b.state);
  });
  return fleet;
}

std::vector<std::string> fleet_lines(const Fleet& fleet, const tz::Zone& zone) {
  std::vector<std::string> lines;
  std::map<KioskState, int> counts;
  for (const auto& r : fleet.rows) {
    ++counts[r.state];
    std::string line = r.kiosk_id + "  " + state_name(r.state);
    if (r.has_status) {
      line += "  " + (r.status.office_name.empty() ? std::string("-") : r.status.office_name);
      line += "  上报 " + zone.rfc3339(r.status.time_unix);
      line += "  版本 " + std::to_string(r.status.content_version) + "/" +
              std::to_string(r.newest_version);
      line += "  屏幕 " + (r.status.screen.empty() ? std::string("-") : r.status.screen);
    } else {
      line += "  -  上报 从未  版本 -/" + std::to_string(r.newest_version);
    }
    if (!r.reason.empty()) line += "  " + redact(r.reason);
    lines.push_back(std::move(line));
  }
  std::string summary = std::to_string(fleet.rows.size()) + " kiosks:";
  for (const auto& [state, n] : counts)
    summary += std::string(" ") + state_name(state) + " " + std::to_string(n);
  if (fleet.rows.empty()) summary += " none found";
  lines.push_back(summary);
  if (!fleet.listing_note.empty()) lines.push_back("note: " + fleet.listing_note);
  return lines;
}

}  // namespace kiosk::admin
