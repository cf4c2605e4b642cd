// One report to the server (see upload.hpp): target, log segments, index, screenshot, status.
#include "report/upload.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>

#include "core/files.hpp"
#include "core/redact.hpp"
#include "crypto/sha256.hpp"

namespace kiosk::report {
namespace fs = std::filesystem;
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

bool loopback_http(const std::string& url) {
  // http://127.x, http://[::1], http://localhost only.
  std::string rest = url.substr(7);
  if (const auto at = rest.find('@'); at != std::string::npos && at < rest.find('/'))
    rest = rest.substr(at + 1);
  return rest.rfind("127.", 0) == 0 || rest.rfind("[::1]", 0) == 0 ||
         rest.rfind("localhost", 0) == 0;
}

struct Line {
  long long seq = 0;
  std::string_view text;  // with its '\n'
  std::string_view body;
};

// The complete lines of a log text with their seq (a torn last line is not a record yet).
std::vector<Line> log_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) break;
    const std::string_view line = text.substr(pos, nl + 1 - pos);
    pos = nl + 1;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    const std::string_view body = line.substr(0, tab);
    const auto k = body.find("\"seq\":");
    if (k == std::string_view::npos) continue;
    long long seq = 0;
    const char* b = body.data() + k + 6;
    if (std::from_chars(b, body.data() + body.size(), seq).ec != std::errc{} || seq <= 0) continue;
    lines.push_back({seq, line, body});
  }
  return lines;
}

struct Segment {
  std::string name, sha256;
  long long first = 0, last = 0, opened_unix = 0;
  std::uint64_t bytes = 0;
};
struct State {
  long long uploaded_seq = 0;
  std::vector<Segment> segments;
  long long reported_unix = 0;  // the last report the server took whole (status.json last)
};

State read_state(const fs::path& file) {
  State s;
  auto text = files::read(file, 4u << 20);
  if (!text) return s;
  try {
    const auto j = nlohmann::json::parse(*text);
    s.uploaded_seq = j.at("uploaded_seq").get<long long>();
    s.reported_unix = j.value("reported_unix", 0LL);
    for (const auto& g : j.at("segments")) {
      s.segments.push_back({g.at("name").get<std::string>(), g.at("sha256").get<std::string>(),
                            g.at("first").get<long long>(), g.at("last").get<long long>(),
                            g.value("opened_unix", 0LL), g.value("bytes", std::uint64_t{0})});
    }
  } catch (const nlohmann::json::exception&) {
    return State{};  // unreadable: upload everything again (segments are overwritten in place)
  }
  return s;
}

std::string state_json(const State& s) {
  nlohmann::ordered_json j;
  j["uploaded_seq"] = s.uploaded_seq;
  j["reported_unix"] = s.reported_unix;
  j["segments"] = nlohmann::ordered_json::array();
  for (const auto& g : s.segments) {
    j["segments"].push_back({{"name", g.name},
                             {"first", g.first},
                             {"last", g.last},
                             {"sha256", g.sha256},
                             {"bytes", g.bytes},
                             {"opened_unix", g.opened_unix}});
  }
  return j.dump() + "\n";
}

std::string index_json(const std::string& kiosk_id, const State& s) {
  nlohmann::ordered_json j;
  j["kiosk_id"] = kiosk_id;
  j["segments"] = nlohmann::ordered_json::array();
  for (const auto& g : s.segments) {
    j["segments"].push_back(
        {{"name", g.name}, {"first", g.first}, {"last", g.last}, {"sha256", g.sha256}});
  }
  return j.dump() + "\n";
}

std::string segment_name(long long first) {
  std::string n = std::to_string(first);
  return std::string(n.size() < 12 ? 12 - n.size() : 0, '0') + n + ".jsonl";
}

// STATE_DIR/report-state.json.lock, held (flock) for the whole of one report: the running kiosk's
// report thread and `kiosk --report-once` take turns, so report-state.json is never read by one
// while the other is between reading and rewriting it. Waiting polls, so a service being
// stopped (Options::cancel) or a report stuck elsewhere (kLockWait) does not hold this one.
class StateLock {
 public:
  static constexpr auto kLockWait = std::chrono::seconds(60);

  static Result<StateLock> take(const fs::path& state_file, const std::atomic<bool>* cancel) {
    const fs::path path = state_file.string() + ".lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Error{path.string() + ": " + std::strerror(errno)};
    StateLock lock(fd);
    const auto until = std::chrono::steady_clock::now() + kLockWait;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR)
        return Error{path.string() + ": " + std::strerror(errno)};
      if (cancel != nullptr && cancel->load())
        return Error{"report: stopped while waiting for " + path.string()};
      if (std::chrono::steady_clock::now() > until) {
        return Error{path.string() + ": another report of this kiosk has held it for 60 s"};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return lock;
  }
  StateLock(StateLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  StateLock& operator=(StateLock&&) = delete;
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;
  ~StateLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }

 private:
  explicit StateLock(int fd) : fd_(fd) {}
  int fd_;
};

class Sender {
 public:
  Sender(const Target& t, net::Client& c) : target_(t), client_(c) {}
  Result<void> send(const std::string& method, const std::string& path, std::string_view body,
                    const std::string& type) {
    net::PutRequest r;
    r.method = method;
    r.url = target_.base_url + path;
    r.body = body;
    r.content_type = type;
    r.basic = target_.basic;
    r.aws = target_.aws;
    auto resp = client_.put(r);
    // A WebDAV server without nginx's create_full_put_path answers 409 for a missing folder.
    if (method == "PUT" && resp.completed() && resp.status == 409 && !target_.aws) {
      make_collections(path);
      resp = client_.put(r);
    }
    if (resp.completed() && resp.status >= 200 && resp.status <= 299) {
      if (method == "PUT") bytes_ += body.size(), ++files_;
      return {};
    }
    if (method == "DELETE" && resp.completed() && resp.status == 404) return {};
    const std::string where = target_.shown_url + path;
    if (!resp.completed()) return Error{redact(where + ": " + method + " failed: " + resp.error)};
    return Error{redact(where + ": " + method + " refused: HTTP " + std::to_string(resp.status) +
                        (resp.status == 401 || resp.status == 403
                             ? " (check report.user and report.password_file)"
                             : ""))};
  }
  [[nodiscard]] std::uint64_t bytes() const { return bytes_; }
  [[nodiscard]] int files() const { return files_; }

 private:
  void make_collections(const std::string& path) {
    std::string prefix;
    net::PutRequest r;
    r.method = "MKCOL";
    r.basic = target_.basic;
    r.url = target_.base_url;  // KIOSK_ID/ itself
    (void)client_.put(r);
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      r.url = target_.base_url + path.substr(0, slash + 1);
      (void)client_.put(r);
    }
  }
  const Target& target_;
  net::Client& client_;
  std::uint64_t bytes_ = 0;
  int files_ = 0;
};

}  // namespace

void read_aws_environment(Destination& d) {
  d.aws_access_key_id = env("AWS_ACCESS_KEY_ID");
  d.aws_secret_access_key = env("AWS_SECRET_ACCESS_KEY");
  d.aws_region = env("AWS_REGION");
  if (d.aws_region.empty()) d.aws_region = env("AWS_DEFAULT_REGION");
  d.aws_endpoint = env("AWS_ENDPOINT_URL");
}

Result<Target> resolve_target(const Destination& d, const std::string& kiosk_id) {
  Target t;
  t.options.ca_file = d.ca_file;
  t.options.pinned_public_key = d.pinned_public_key;
  t.options.limits.total_timeout = std::chrono::seconds(60);
  t.options.limits.max_body_bytes = 4u << 20;
  std::string base;
  if (d.url.rfind("s3://", 0) == 0) {
    const std::string rest = d.url.substr(5);
    const std::string bucket = rest.substr(0, rest.find('/'));
    std::string prefix = rest.size() > bucket.size() ? rest.substr(bucket.size() + 1) : "";
    if (bucket.empty()) return Error{"report.url: expected s3://BUCKET/PREFIX, found no bucket"};
    net::AwsSigV4 aws{d.aws_access_key_id, d.aws_secret_access_key,
                      d.aws_region.empty() ? "us-east-1" : d.aws_region};
    if (aws.access_key_id.empty() || aws.secret_access_key.empty()) {
      return Error{
          "report.url: expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the "
          "kiosk's environment for " +
          d.url};
    }
    const std::string endpoint =
        d.aws_endpoint.empty() ? "https://s3." + aws.region + ".amazonaws.com" : d.aws_endpoint;
    if (!net::is_http_url(endpoint)) {
      return Error{"AWS_ENDPOINT_URL: expected the http(s) URL of the S3 service"};
    }
    base = net::join_url(endpoint, bucket + (prefix.empty() ? "" : "/" + prefix));
    t.aws = std::move(aws);
    t.shown_url = d.url + (d.url.back() == '/' ? "" : "/") + kiosk_id + "/";
  } else if (net::is_http_url(d.url)) {
    base = d.url;
    t.shown_url = redact(d.url) + (d.url.back() == '/' ? "" : "/") + kiosk_id + "/";
  } else {
    return Error{"report.url: expected an http(s) URL or s3://BUCKET/PREFIX"};
  }
  if (!d.user.empty()) {
    if (d.url.rfind("http://", 0) == 0 && !loopback_http(d.url)) {
      return Error{
          "report.url: refusing to send report.user's password over plain http off "
          "this machine: use an https URL"};
    }
    if (d.password_file.empty()) return Error{"report.password_file: expected with report.user"};
    auto pw = files::read(d.password_file, 4096);
    if (!pw)
      return Error{"report.password_file: " + d.password_file.string() + ": " + pw.error().what};
    std::string line = pw->substr(0, pw->find_first_of("\r\n"));
    t.basic = net::BasicAuth{d.user, std::move(line)};
  }
  t.base_url = net::join_url(base, kiosk_id);
  if (t.base_url.back() != '/') t.base_url += '/';
  return t;
}

long long last_reported_unix(const std::filesystem::path& state_file) {
  return read_state(state_file).reported_unix;
}

LogHead log_head(std::string_view text) {
  const auto lines = log_lines(text);
  if (lines.empty()) return {};
  return {lines.back().seq, crypto::sha256_hex(lines.back().body)};
}

Result<UploadResult> upload(const Target& target, net::Client& client, const Upload& what) {
  std::optional<StateLock> lock;
  if (!what.state_file.empty()) {
    auto taken = StateLock::take(what.state_file, target.options.cancel);
    if (!taken) return taken.error();
    lock.emplace(std::move(*taken));
  }
  Sender sender(target, client);
  UploadResult result;
  State state = what.state_file.empty() ? State{} : read_state(what.state_file);
  // The display log: the records the server lacks.
  if (!what.log_file.empty()) {
    std::string text;
    if (auto read = files::read(what.log_file, kMaxLogBytes)) {
      text = std::move(*read);
    } else if (std::error_code ec; fs::exists(what.log_file, ec)) {
      return Error{what.log_file.string() + ": " + read.error().what};
    }
    const auto lines = log_lines(text);
    const long long local_first = lines.empty() ? 0 : lines.front().seq;
    const long long head = lines.empty() ? 0 : lines.back().seq;
    if (head < state.uploaded_seq) state = State{};  // a new log (state_dir reset): start again
    bool changed = false;
    // Records pruned here go from the server too, so its log starts where this one does (the
    // prune record at its end anchors that first record): a segment holding pruned records is
    // replaced by one of its kept records (uploaded first), then deleted.
    while (!state.segments.empty() && local_first > 0 &&
           state.segments.front().first < local_first) {
      const Segment old = state.segments.front();
      state.segments.erase(state.segments.begin());
      if (old.last >= local_first) {
        Segment kept{segment_name(local_first), "", local_first, old.last, old.opened_unix, 0};
        std::string bytes;
        for (const auto& l : lines) {
          if (l.seq >= local_first && l.seq <= old.last) bytes += l.text;
        }
        kept.bytes = bytes.size();
        kept.sha256 = crypto::sha256_hex(bytes);
        if (auto r = sender.send("PUT", "log/" + kept.name, bytes, "application/x-ndjson"); !r)
          return r.error();
        state.segments.insert(state.segments.begin(), kept);
      }
      if (old.name != segment_name(local_first)) {
        if (auto r = sender.send("DELETE", "log/" + old.name, {}, ""); !r) return r.error();
      }
      changed = true;
    }
    std::size_t sent = 0;
    while (head > state.uploaded_seq && sent < kMaxSegmentsPerReport) {
      // The open segment continues when it is young and small and its records are all here.
      Segment seg;
      const bool reopen = !state.segments.empty() &&
                          state.segments.back().last == state.uploaded_seq &&
                          state.segments.back().first >= local_first &&
                          state.segments.back().bytes < kSegmentBytes &&
                          what.now_unix - state.segments.back().opened_unix < kSegmentSeconds;
      if (reopen) {
        seg = state.segments.back();
        state.segments.pop_back();
      } else {
        const auto next = std::find_if(lines.begin(), lines.end(),
                                       [&](const Line& l) { return l.seq > state.uploaded_seq; });
        seg.first = next->seq;
        seg.name = segment_name(seg.first);
        seg.opened_unix = what.now_unix;
      }
      std::string bytes;
      for (const auto& l : lines) {
        if (l.seq < seg.first) continue;
        if (!bytes.empty() && bytes.size() + l.text.size() > kSegmentBytes) break;
        bytes += l.text;
        seg.last = l.seq;
      }
      seg.bytes = bytes.size();
      seg.sha256 = crypto::sha256_hex(bytes);
      if (auto r = sender.send("PUT", "log/" + seg.name, bytes, "application/x-ndjson"); !r)
        return r.error();
      state.uploaded_seq = seg.last;
      // A full segment is closed: the next record starts a new one.
      if (seg.bytes >= kSegmentBytes - 4096) seg.opened_unix = 0;
      state.segments.push_back(std::move(seg));
      ++sent;
      changed = true;
    }
    result.log_pending = head > state.uploaded_seq;
    if (changed) {
      if (auto r = sender.send("PUT", "log/index.json", index_json(what.kiosk_id, state),
                               "application/json");
          !r)
        return r.error();
      if (auto w = files::write_atomic(what.state_file, state_json(state), 0600); !w)
        return Error{what.state_file.string() + ": " + w.error().what};
    }
    result.log_through = state.uploaded_seq;
  }
  if (what.screenshot && what.screenshot->size() <= kMaxScreenshotBytes) {
    if (auto r = sender.send("PUT", "screen.png", *what.screenshot, "image/png"); !r)
      return r.error();
  }
  if (auto r = sender.send("PUT", "status.json", what.status_json, "application/json"); !r)
    return r.error();
  // The kiosk was alive and reporting now: a crash_restart after a power cut says so (proof counts
  // the notice on until then, not only until the last record).
  if (!what.state_file.empty()) {
    state.reported_unix = what.now_unix;
    if (auto w = files::write_atomic(what.state_file, state_json(state), 0600); !w)
      return Error{what.state_file.string() + ": " + w.error().what};
  }
  result.bytes = sender.bytes();
  result.files = sender.files();
  result.line = "reported to " + target.shown_url + " (" + std::to_string(result.files) +
                " files, " + files::human_size(result.bytes) + ", log through " +
                std::to_string(result.log_through) + ")";
  return result;
}

}  // namespace kiosk::report
