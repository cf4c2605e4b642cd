// The display log: append with fsync discipline, repair of a torn tail, pruning under a signed
// anchor, and verification naming the first bad record.
#include "fleet/display_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>
#include <optional>
#include <random>
#include <system_error>
#include <utility>

#include "core/civil_date.hpp"
#include "core/files.hpp"
#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"

namespace kiosk::fleet {
namespace {

std::function<void(std::string_view)>& step_hook() {
  static std::function<void(std::string_view)> hook;
  return hook;
}
void step(std::string_view name) {
  if (auto& hook = step_hook()) hook(name);
}

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool reserved(std::string_view key) {
  return key == "seq" || key == "time" || key == "event" || key == "prev";
}

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The lines of a text ending in '\n' (a last piece without one is left out).
std::vector<std::string_view> whole_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto nl = text.find('\n', at);
    if (nl == std::string_view::npos) break;
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

// The BODY of a line: before its last tab (the whole line when it has none).
std::string_view body_of(std::string_view line) {
  const auto tab = line.rfind('\t');
  return tab == std::string_view::npos ? line : line.substr(0, tab);
}

// seq and time of a line without checking its signature (pruning reads its own file).
struct Head {
  long long seq = 0, time_unix = 0;
};
std::optional<Head> peek(std::string_view line) {
  const auto j = nlohmann::json::parse(body_of(line), nullptr, false);
  if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_integer() ||
      !j.contains("time") || !j["time"].is_string())
    return std::nullopt;
  const auto t = parse_rfc3339(j["time"].get<std::string>());
  if (!t) return std::nullopt;
  return Head{j["seq"].get<long long>(), *t};
}

std::string errno_text() { return std::strerror(errno); }

Result<void> write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{errno_text()};
    }
    done += static_cast<std::size_t>(n);
  }
  return {};
}

Result<void> sync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Error{dir.string() + ": cannot open the directory: " + errno_text()};
  const bool ok = ::fsync(fd) == 0;
  const std::string why = ok ? "" : errno_text();
  ::close(fd);
  if (!ok) return Error{dir.string() + ": cannot fsync the directory: " + why};
  return {};
}

constexpr std::string_view kTempPrefix = ".display-log.jsonl.tmp";

}  // namespace

void set_step_hook_for_test(std::function<void(std::string_view step)> hook) {
  step_hook() = std::move(hook);
}

namespace {

// Why a line is not a good record: Malformed (not a record at all: torn, zeros, garbage, no
// signature) or Signature (a whole record whose signature does not verify under this key).
enum class Fault { None, Malformed, Signature };

Result<LogRecord> parse_line(std::string_view line, std::string_view public_key_b64, Fault& fault) {
  fault = Fault::Malformed;
  const auto tab = line.rfind('\t');
  if (tab == std::string_view::npos)
    return Error{"expected BODY<TAB>SIGNATURE, found no signature (unsigned)"};
  const std::string_view body = line.substr(0, tab), sig = line.substr(tab + 1);
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return Error{"expected a JSON object as BODY, found something else"};
  LogRecord r;
  if (!j.contains("seq") || !j["seq"].is_number_integer() || j["seq"].get<long long>() < 1)
    return Error{"seq: expected a whole number from 1"};
  r.seq = j["seq"].get<long long>();
  if (!j.contains("time") || !j["time"].is_string())
    return Error{"time: expected an RFC 3339 time"};
  r.time = j["time"].get<std::string>();
  const auto t = parse_rfc3339(r.time);
  if (!t) return Error{"time: expected an RFC 3339 time, found \"" + r.time + "\""};
  r.time_unix = *t;
  if (!j.contains("event") || !j["event"].is_string() || j["event"].get<std::string>().empty())
    return Error{"event: expected a name"};
  r.event = j["event"].get<std::string>();
  if (!j.contains("prev") || !j["prev"].is_string() || !is_hex64(j["prev"].get<std::string>()))
    return Error{"prev: expected 64 lowercase hex digits"};
  r.prev = j["prev"].get<std::string>();
  if (sig.empty()) return Error{"expected a signature after the tab, found none (unsigned)"};
  if (auto raw = crypto::base64_decode(sig); !raw || raw->size() != 64)
    return Error{"expected the base64 of a 64-byte Ed25519 signature after the tab"};
  if (auto checked = crypto::check_signature(body, sig, {std::string(public_key_b64)}); !checked) {
    fault = Fault::Signature;
    return Error{"signature does not verify"};
  }
  fault = Fault::None;
  r.fields = nlohmann::json::object();
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!reserved(it.key())) r.fields[it.key()] = it.value();
  r.body_sha256 = crypto::sha256_hex(body);
  r.line = std::string(line);
  return r;
}

}  // namespace

Result<LogRecord> parse_record(std::string_view line, std::string_view public_key_b64) {
  Fault fault = Fault::None;
  return parse_line(line, public_key_b64, fault);
}

Result<std::vector<LogRecord>> verify_log(std::string_view text, std::string_view public_key_b64) {
  if (auto key = crypto::base64_decode(public_key_b64); !key || key->size() != 32)
    return Error{"the kiosk's public key: expected base64 of 32 bytes"};
  std::vector<LogRecord> records;
  const auto lines = whole_lines(text);
  const std::size_t whole_bytes = [&] {
    std::size_t n = 0;
    for (auto l : lines) n += l.size() + 1;
    return n;
  }();
  std::string anchor_prev;  // the first record's prev when the text does not start at seq 1
  long long anchor_seq = 0;
  bool anchored = true;
  const auto name = [](long long seq, std::size_t line) {
    return "record " + std::to_string(seq) + " (line " + std::to_string(line) + ")";
  };
  // The seq each line claims, so a gap can be told apart from a record that comes later.
  std::vector<long long> claimed(lines.size(), -1);
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (const auto h = peek(lines[i])) claimed[i] = h->seq;
  std::map<long long, std::size_t> line_of_seq;  // records seen so far
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t line_no = i + 1;
    const long long expected_seq = records.empty() ? 0 : records.back().seq + 1;
    if (lines[i].empty())
      return Error{
          (expected_seq > 0 ? name(expected_seq, line_no) : "line " + std::to_string(line_no)) +
          ": expected a record, found an empty line"};
    auto r = parse_record(lines[i], public_key_b64);
    if (!r) {
      // The seq the line claims, when it can be read, names it better than the line number.
      const auto h = peek(lines[i]);
      const std::string who =
          h ? name(h->seq, line_no)
            : (expected_seq > 0 ? name(expected_seq, line_no) : "line " + std::to_string(line_no));
      return Error{who + ": " + r.error().what};
    }
    const std::string& prev = r->prev;
    if (records.empty()) {
      if (r->seq == 1) {
        if (prev != kZeroHash)
          return Error{name(r->seq, line_no) + ": prev: expected 64 zeros for the first record"};
      } else {
        anchored = false;
        anchor_prev = prev;
        anchor_seq = r->seq - 1;
      }
    } else {
      const LogRecord& last = records.back();
      if (const auto seen = line_of_seq.find(r->seq); seen != line_of_seq.end()) {
        if (records[seen->second].line == r->line)
          return Error{name(r->seq, line_no) + ": duplicated (the same record as line " +
                       std::to_string(seen->second + 1) + ")"};
      }
      if (r->seq <= last.seq)
        return Error{name(r->seq, line_no) + ": out of order (seq " + std::to_string(r->seq) +
                     " after seq " + std::to_string(last.seq) + "; reordered or duplicated)"};
      if (r->seq > last.seq + 1) {
        for (std::size_t j = i + 1; j < lines.size(); ++j)
          if (claimed[j] == last.seq + 1)
            return Error{name(r->seq, line_no) + ": out of order (seq " + std::to_string(r->seq) +
                         " before seq " + std::to_string(last.seq + 1) + " on line " +
                         std::to_string(j + 1) + ": reordered)"};
        return Error{name(r->seq, line_no) + ": missing record" +
                     (r->seq == last.seq + 2 ? " " + std::to_string(last.seq + 1)
                                             : "s " + std::to_string(last.seq + 1) + "–" +
                                                   std::to_string(r->seq - 1)) +
                     " before it (deleted)"};
      }
      if (prev != last.body_sha256)
        return Error{name(r->seq, line_no) + ": prev does not match record " +
                     std::to_string(last.seq) + "'s hash (the chain is broken)"};
    }
    if (r->event == "prune" && !anchored && r->fields.value("through_seq", -1LL) == anchor_seq &&
        r->fields.value("through_hash", std::string()) == anchor_prev)
      anchored = true;
    line_of_seq[r->seq] = records.size();
    records.push_back(std::move(*r));
  }
  if (whole_bytes < text.size()) {
    const long long seq = records.empty() ? 1 : records.back().seq + 1;
    return Error{name(seq, lines.size() + 1) +
                 ": truncated (the last line has no end: cut, or torn by a power cut; the kiosk "
                 "removes a torn line when it starts)"};
  }
  if (!anchored)
    return Error{name(records.front().seq, 1) + ": the log starts at seq " +
                 std::to_string(records.front().seq) + " but no prune record anchors it (" +
                 (anchor_seq == 1 ? std::string("record 1 was")
                                  : "records 1–" + std::to_string(anchor_seq) + " were") +
                 " removed without one: deleted)"};
  return records;
}

DisplayLog::DisplayLog(DisplayLog&& other) noexcept { *this = std::move(other); }

DisplayLog& DisplayLog::operator=(DisplayLog&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    dir_ = std::move(other.dir_);
    path_ = std::move(other.path_);
    id_ = std::move(other.id_);
    zone_ = std::move(other.zone_);
    log_days_ = other.log_days_;
    fd_ = std::exchange(other.fd_, -1);
    head_seq_ = other.head_seq_;
    head_hash_ = std::move(other.head_hash_);
    first_time_unix_ = other.first_time_unix_;
    head_time_unix_ = other.head_time_unix_;
    size_ = other.size_;
    last_event_ = std::move(other.last_event_);
    torn_bytes_ = other.torn_bytes_;
    moved_aside_ = std::move(other.moved_aside_);
  }
  return *this;
}

DisplayLog::~DisplayLog() {
  if (fd_ >= 0) ::close(fd_);
}

Result<DisplayLog> DisplayLog::open(const std::filesystem::path& state_dir, Identity id,
                                    int log_days, tz::Zone zone) {
  DisplayLog log;
  log.dir_ = state_dir;
  log.path_ = state_dir / kLogFile;
  log.zone_ = std::move(zone);
  log.log_days_ = log_days > 0 ? log_days : kDefaultLogDays;
  if (id.secret_key.size() != 64) return Error{"the display log needs the kiosk's secret key"};
  log.id_ = std::move(id);
  std::error_code ec;
  if (!std::filesystem::is_directory(state_dir, ec)) {
    std::filesystem::create_directories(state_dir, ec);
    if (ec)
      return Error{state_dir.string() + ": cannot create the state directory: " + ec.message()};
  }
  // Leftovers of a prune killed before its rename: the log itself is whole without them.
  for (const auto& e : std::filesystem::directory_iterator(state_dir, ec))
    if (e.path().filename().string().rfind(kTempPrefix, 0) == 0)
      std::filesystem::remove(e.path(), ec);
  const std::string p = log.path_.string();
  const bool existed = std::filesystem::exists(log.path_, ec);
  log.fd_ = ::open(log.path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log.fd_ < 0) return Error{p + ": cannot open: " + errno_text()};
  if (!existed) {
    step("create.dirsync");
    (void)sync_dir(state_dir);
  }
  auto text = files::read(log.path_, 4 * kMaxLogBytes);
  if (!text) return Error{p + ": " + text.error().what};
  // A torn tail: the bytes after the last '\n', and a last line that is no record at all (a power
  // cut can leave zeros or part of a block where the data was not yet written). One line at most:
  // only the record being written can be torn.
  auto lines = whole_lines(*text);
  std::size_t keep = 0;
  for (auto l : lines) keep += l.size() + 1;
  Fault fault = Fault::None;
  if (!lines.empty()) {
    (void)parse_line(lines.back(), log.id_.public_key, fault);
    if (fault == Fault::Malformed) {
      keep -= lines.back().size() + 1;
      lines.pop_back();
    }
  }
  std::optional<LogRecord> last;
  std::string unusable;  // why the log cannot go on: not this key's, or altered
  if (!lines.empty()) {
    const std::string at = "line " + std::to_string(lines.size());
    auto r = parse_line(lines.back(), log.id_.public_key, fault);
    if (!r) {
      unusable = at + ": " + r.error().what;
    } else if (lines.size() >= 2) {
      auto before = parse_line(lines[lines.size() - 2], log.id_.public_key, fault);
      if (!before) {
        unusable = "line " + std::to_string(lines.size() - 1) + ": " + before.error().what;
      } else if (r->seq != before->seq + 1 || r->prev != before->body_sha256) {
        unusable = at + ": does not follow the record before it";
      }
    } else if (r->seq == 1 && r->prev != kZeroHash) {
      unusable = at + ": prev: expected 64 zeros for the first record";
    }
    if (unusable.empty()) last = std::move(*r);
  }
  if (!unusable.empty()) {
    // Signed by another key (identity.key was replaced) or altered: keep it for whoever
    // investigates, and start a new log rather than chain onto a record nobody can verify.
    const auto aside = state_dir / (std::string(kLogFile) + ".unusable-" +
                                    std::to_string(static_cast<long long>(std::time(nullptr))));
    ::close(log.fd_);
    log.fd_ = -1;
    if (::rename(log.path_.c_str(), aside.c_str()) != 0)
      return Error{p + ": " + unusable + ", and it cannot be moved aside: " + errno_text()};
    log.moved_aside_ = p + ": " + unusable + " (another key's log, or altered): moved aside to " +
                       aside.string() + "; a new log starts at seq 1";
    log.fd_ = ::open(log.path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (log.fd_ < 0) return Error{p + ": cannot open: " + errno_text()};
    (void)sync_dir(state_dir);
    return log;
  }
  if (keep < text->size()) {
    log.torn_bytes_ = text->size() - keep;
    if (::ftruncate(log.fd_, static_cast<off_t>(keep)) != 0 || ::fsync(log.fd_) != 0)
      return Error{p + ": cannot cut away a torn last record: " + errno_text()};
  }
  log.size_ = keep;
  if (last) {
    log.head_seq_ = last->seq;
    log.head_hash_ = last->body_sha256;
    log.last_event_ = last->event;
    log.head_time_unix_ = last->time_unix;
    const auto first = peek(lines.front());
    log.first_time_unix_ = first ? first->time_unix : last->time_unix;
  }
  return log;
}

Result<void> DisplayLog::write_line(const std::string& line) {
  step("append.write");
  if (auto w = write_all(fd_, line); !w) {
    // A short write must not glue the next record onto half of this one.
    const std::string why = w.error().what;
    (void)::ftruncate(fd_, static_cast<off_t>(size_));
    return Error{path_.string() + ": cannot append: " + why};
  }
  size_ += line.size();
  step("append.fsync");
  if (::fdatasync(fd_) != 0)
    return Error{path_.string() + ": appended but cannot fsync: " + errno_text()};
  return {};
}

Result<void> DisplayLog::append(std::string_view event, nlohmann::json fields, long long now_unix) {
  if (fd_ < 0) return Error{"the display log is not open"};
  if (event.empty()) return Error{"display log: expected an event name"};
  if (fields.is_null()) fields = nlohmann::json::object();
  if (!fields.is_object()) return Error{"display log: expected the event's fields as an object"};
  for (auto it = fields.begin(); it != fields.end(); ++it)
    if (reserved(it.key()))
      return Error{"display log: field \"" + it.key() + "\" is reserved (seq, time, event, prev)"};
  if (event != "prune") (void)prune_if_due(now_unix);
  const long long seq = head_seq_ + 1;
  std::string body = "{\"seq\":" + std::to_string(seq) +
                     ",\"time\":" + dump(zone_.rfc3339(now_unix)) +
                     ",\"event\":" + dump(std::string(event)) + ",\"prev\":\"" + head_hash_ + "\"";
  for (auto it = fields.begin(); it != fields.end(); ++it)
    body += "," + dump(it.key()) + ":" + dump(it.value());
  body += "}";
  std::string line =
      body + "\t" + crypto::base64_encode(crypto::sign_detached(body, id_.secret_key)) + "\n";
  if (line.size() > kMaxRecordBytes)
    return Error{"display log: expected a record of at most " + std::to_string(kMaxRecordBytes) +
                 " bytes, found " + std::to_string(line.size())};
  const std::uintmax_t size_before = size_;
  auto written = write_line(line);
  if (size_ == size_before) return written;  // nothing of it is in the file
  // In the file (synced or not): the chain goes on from it.
  head_seq_ = seq;
  head_hash_ = crypto::sha256_hex(body);
  last_event_ = std::string(event);
  if (first_time_unix_ == 0) first_time_unix_ = now_unix;
  head_time_unix_ = now_unix;
  return written;
}

Result<void> DisplayLog::prune_if_due(long long now_unix) {
  // Counted from the earlier of now and the newest record: a clock that jumps years ahead once
  // (a bad RTC before NTP) does not wipe the log with its first record.
  const long long reference = head_time_unix_ > 0 ? std::min(now_unix, head_time_unix_) : now_unix;
  const long long keep_from = reference - static_cast<long long>(log_days_) * 86400;
  // A day's slack, so the file is rewritten at most once a day, not at every append.
  const bool old = first_time_unix_ > 0 && first_time_unix_ < keep_from - 86400;
  const bool big = size_ > kMaxLogBytes;
  if (!old && !big) return {};
  auto text = files::read(path_, 4 * kMaxLogBytes);
  if (!text) return Error{path_.string() + ": " + text.error().what};
  const auto lines = whole_lines(*text);
  std::uintmax_t remaining = size_;
  std::size_t cut = 0;  // lines [0, cut) go
  for (; cut < lines.size(); ++cut) {
    const auto h = peek(lines[cut]);
    const bool too_old = h && h->time_unix < keep_from;
    const bool too_big = big && remaining > kMaxLogBytes / 4 * 3;
    if (!too_old && !too_big) break;
    remaining -= lines[cut].size() + 1;
  }
  if (cut == 0) {
    first_time_unix_ = keep_from;  // times out of order: look again tomorrow
    return {};
  }
  const auto through = peek(lines[cut - 1]);
  if (!through) return Error{path_.string() + ": line " + std::to_string(cut) + ": unreadable"};
  const long long seq = head_seq_ + 1;
  const std::string through_hash = crypto::sha256_hex(body_of(lines[cut - 1]));
  std::string body = "{\"seq\":" + std::to_string(seq) +
                     ",\"time\":" + dump(zone_.rfc3339(now_unix)) +
                     ",\"event\":\"prune\",\"prev\":\"" + head_hash_ +
                     "\",\"through_seq\":" + std::to_string(through->seq) + ",\"through_hash\":\"" +
                     through_hash + "\"}";
  const std::string prune_line =
      body + "\t" + crypto::base64_encode(crypto::sign_detached(body, id_.secret_key)) + "\n";
  std::string kept;
  kept.reserve(remaining + prune_line.size());
  for (std::size_t i = cut; i < lines.size(); ++i) {
    kept.append(lines[i]);
    kept.push_back('\n');
  }
  kept += prune_line;
  std::random_device rd;
  const auto tmp = dir_ / (std::string(kTempPrefix) + std::to_string(rd()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error{tmp.string() + ": cannot create: " + errno_text()};
  const auto fail = [&](const std::string& what) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return Error{tmp.string() + ": " + what};
  };
  step("prune.write");
  if (auto w = write_all(fd, kept); !w) return fail("cannot write: " + w.error().what);
  step("prune.fsync");
  if (::fsync(fd) != 0) return fail("cannot fsync: " + errno_text());
  ::close(fd);
  step("prune.rename");
  if (::rename(tmp.c_str(), path_.c_str()) != 0) {
    const std::string why = errno_text();
    ::unlink(tmp.c_str());
    return Error{path_.string() + ": cannot replace with the pruned log: " + why};
  }
  step("prune.dirsync");
  (void)sync_dir(dir_);
  const int nfd = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (nfd < 0) return Error{path_.string() + ": cannot reopen after pruning: " + errno_text()};
  ::close(fd_);
  fd_ = nfd;
  size_ = kept.size();
  head_seq_ = seq;
  head_hash_ = crypto::sha256_hex(body);
  last_event_ = "prune";
  head_time_unix_ = now_unix;
  const auto first = cut < lines.size() ? peek(lines[cut]) : std::nullopt;
  first_time_unix_ = first ? first->time_unix : now_unix;
  return {};
}

long long DisplayLog::head_seq() const { return head_seq_; }
std::string DisplayLog::head_hash() const { return head_hash_; }

Result<std::string> DisplayLog::records_after(long long after) const {
  auto text = files::read(path_, 4 * kMaxLogBytes);
  if (!text) return Error{path_.string() + ": " + text.error().what};
  std::string out;
  for (auto line : whole_lines(*text)) {
    // BODY starts with {"seq":N (append writes it first); peek when some other writer did not.
    long long seq = -1;
    constexpr std::string_view kStart = "{\"seq\":";
    if (line.substr(0, kStart.size()) == kStart) {
      seq = 0;
      for (std::size_t i = kStart.size(); i < line.size() && line[i] >= '0' && line[i] <= '9'; ++i)
        seq = seq * 10 + (line[i] - '0');
    } else if (const auto h = peek(line)) {
      seq = h->seq;
    }
    if (seq > after) {
      out.append(line);
      out.push_back('\n');
    }
  }
  return out;
}

}  // namespace kiosk::fleet
