// The display log on a real disk: record format, office time, the chain, every kind of tampering
// named at its first bad record, torn tails repaired, pruning anchored, and the identity key.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "crypto/sha256.hpp"
#include "crypto/signature.hpp"
#include "fleet/display_log.hpp"
#include "fleet/identity.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {

using fleet::DisplayLog;
using fleet::verify_log;
using nlohmann::json;

constexpr long long kT0 = 1'795'000'000;  // 2026-11-18T… in Shanghai

fleet::Identity identity_in(const std::filesystem::path& dir) {
  auto id = fleet::load_or_create_identity(dir, "kiosk-test");
  if (!id) throw std::runtime_error(id.error().what);
  return *id;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto nl = text.find('\n', at);
    out.push_back(text.substr(at, nl - at));
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return out;
}
std::string join(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// A log of n records (start, notices, dim/wake …) one minute apart.
std::string make_log(const std::filesystem::path& dir, const fleet::Identity& id, int n) {
  auto log = DisplayLog::open(dir, id, 400);
  if (!log) throw std::runtime_error(log.error().what);
  for (int i = 0; i < n; ++i) {
    const auto r =
        i == 0 ? log->append("start", {{"version", 7}, {"manifest_sha256", "ab"}}, kT0)
        : i % 2
            ? log->append("notice_on", {{"notice", "N" + std::to_string(i)}, {"reason", "content"}},
                          kT0 + i * 60)
            : log->append("dim", json::object(), kT0 + i * 60);
    if (!r) throw std::runtime_error(r.error().what);
  }
  return read_file(dir / std::string(fleet::kLogFile));
}

TEST(DisplayLog, RecordsAreChainedSignedAndInOfficeTime) {
  // The PC's own zone must not matter: the office's zone is what the record says.
  ::setenv("TZ", "America/New_York", 1);
  TempDir temp;
  const auto id = identity_in(temp.path());
  auto zone = tz::Zone::locate("Asia/Shanghai");
  ASSERT_TRUE(zone);
  auto log = DisplayLog::open(temp.path(), id, 400, *zone);
  ASSERT_TRUE(log) << log.error().what;
  ASSERT_TRUE(log->append("start", {{"version", 3}, {"manifest_sha256", "cd"}}, 1'795'000'000));
  ASSERT_TRUE(log->append("notice_on", {{"notice", "N1"}, {"reason", "start"}}, 1'795'000'001));
  const std::string text = read_file(temp / "display-log.jsonl");
  const auto lines = lines_of(text);
  ASSERT_EQ(lines.size(), 2u);
  // BODY\tSIG with seq, time, event, prev first.
  const std::string body0 = lines[0].substr(0, lines[0].find('\t'));
  EXPECT_EQ(body0,
            "{\"seq\":1,\"time\":\"2026-11-18T19:06:40+08:00\",\"event\":\"start\",\"prev\":\"" +
                std::string(fleet::kZeroHash) + "\",\"manifest_sha256\":\"cd\",\"version\":3}");
  EXPECT_NE(lines[1].find("\"prev\":\"" + crypto::sha256_hex(body0) + "\""), std::string::npos);
  EXPECT_EQ(log->head_seq(), 2);
  auto records = verify_log(text, id.public_key);
  ASSERT_TRUE(records) << records.error().what;
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].event, "notice_on");
  EXPECT_EQ((*records)[1].fields, (json{{"notice", "N1"}, {"reason", "start"}}));
  EXPECT_EQ((*records)[1].time_unix, 1'795'000'001);
  EXPECT_EQ(log->head_hash(), (*records)[1].body_sha256);
  // Reopened: the head is found again and the chain goes on.
  auto again = DisplayLog::open(temp.path(), id, 400, *zone);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->head_seq(), 2);
  EXPECT_EQ(again->last_event(), "notice_on");
  ASSERT_TRUE(again->append("stop", {}, 1'795'000'100));
  EXPECT_TRUE(verify_log(read_file(temp / "display-log.jsonl"), id.public_key));
  auto after = again->records_after(1);
  ASSERT_TRUE(after);
  EXPECT_EQ(lines_of(*after).size(), 2u);
  EXPECT_EQ(after->rfind("{\"seq\":2,", 0), 0u);
  ::unsetenv("TZ");
}

TEST(DisplayLog, RefusesReservedFieldsAndOversizedRecords) {
  TempDir temp;
  auto log = DisplayLog::open(temp.path(), identity_in(temp.path()), 400);
  ASSERT_TRUE(log);
  const auto reserved = log->append("dim", {{"seq", 5}}, kT0);
  ASSERT_FALSE(reserved);
  EXPECT_EQ(reserved.error().what,
            "display log: field \"seq\" is reserved (seq, time, event, prev)");
  EXPECT_FALSE(log->append("offline", {{"reason", std::string(5000, 'x')}}, kT0));
  EXPECT_EQ(log->head_seq(), 0);
  EXPECT_EQ(read_file(temp / "display-log.jsonl"), "");
}

// Every kind of tampering is named at its first bad record.
struct Tamper {
  const char* name;
  std::string (*apply)(std::vector<std::string> lines, const fleet::Identity& id);
  const char* expected;
};

const Tamper kTampers[] = {
    {"edited",
     [](std::vector<std::string> l, const fleet::Identity&) {
       const auto at = l[5].find("\"N");
       l[5].replace(at + 1, 1, "X");
       return join(l);
     },
     "record 6 (line 6): signature does not verify"},
    {"edited_time",
     [](std::vector<std::string> l, const fleet::Identity&) {
       const auto at = l[6].find("+08:00");
       l[6].replace(at - 8, 2, "03");
       return join(l);
     },
     "record 7 (line 7): signature does not verify"},
    {"deleted",
     [](std::vector<std::string> l, const fleet::Identity&) {
       l.erase(l.begin() + 3);
       return join(l);
     },
     "record 5 (line 4): missing record 4 before it (deleted)"},
    {"deleted_several",
     [](std::vector<std::string> l, const fleet::Identity&) {
       l.erase(l.begin() + 3, l.begin() + 6);
       return join(l);
     },
     "record 7 (line 4): missing records 4–6 before it (deleted)"},
    {"deleted_first",
     [](std::vector<std::string> l, const fleet::Identity&) {
       l.erase(l.begin());
       return join(l);
     },
     "record 2 (line 1): the log starts at seq 2 but no prune record anchors it (record 1 was "
     "removed without one: deleted)"},
    {"reordered",
     [](std::vector<std::string> l, const fleet::Identity&) {
       std::swap(l[2], l[3]);
       return join(l);
     },
     "record 4 (line 3): out of order (seq 4 before seq 3 on line 4: reordered)"},
    {"reordered_back",
     [](std::vector<std::string> l, const fleet::Identity&) {
       l.insert(l.begin() + 6, l[1]);
       l.erase(l.begin() + 1);
       return join(l);
     },
     "record 3 (line 2): out of order (seq 3 before seq 2 on line 6: reordered)"},
    {"duplicated",
     [](std::vector<std::string> l, const fleet::Identity&) {
       l.insert(l.begin() + 5, l[4]);
       return join(l);
     },
     "record 5 (line 6): duplicated (the same record as line 5)"},
    {"replayed_later",
     [](std::vector<std::string> l, const fleet::Identity&) {
       l.push_back(l[2]);
       return join(l);
     },
     "record 3 (line 11): duplicated (the same record as line 3)"},
    {"truncated",
     [](std::vector<std::string> l, const fleet::Identity&) {
       std::string s = join(l);
       return s.substr(0, s.size() - 30);
     },
     "record 10 (line 10): truncated (the last line has no end: cut, or torn by a power cut; the "
     "kiosk removes a torn line when it starts)"},
    {"unsigned",
     [](std::vector<std::string> l, const fleet::Identity&) {
       l[3] = l[3].substr(0, l[3].find('\t'));
       return join(l);
     },
     "record 4 (line 4): expected BODY<TAB>SIGNATURE, found no signature (unsigned)"},
    {"signed_by_another_key",
     [](std::vector<std::string> l, const fleet::Identity&) {
       const auto other = crypto::generate_keypair();
       const std::string body = l[8].substr(0, l[8].find('\t'));
       l[8] = body + "\t" + crypto::base64_encode(crypto::sign_detached(body, other.secret_key));
       return join(l);
     },
     "record 9 (line 9): signature does not verify"},
    {"edited_and_resigned_breaks_the_chain",
     // Even with the kiosk's key (stolen), an edited record breaks the next one's prev.
     [](std::vector<std::string> l, const fleet::Identity& id) {
       std::string body = l[5].substr(0, l[5].find('\t'));
       body.replace(body.find("\"N"), 2, "\"X");
       l[5] = body + "\t" + crypto::base64_encode(crypto::sign_detached(body, id.secret_key));
       return join(l);
     },
     "record 7 (line 7): prev does not match record 6's hash (the chain is broken)"},
    {"blank_line",
     [](std::vector<std::string> l, const fleet::Identity&) {
       l.insert(l.begin() + 2, "");
       return join(l);
     },
     "record 3 (line 3): expected a record, found an empty line"},
};

class Tampered : public ::testing::TestWithParam<Tamper> {};

TEST_P(Tampered, VerifyNamesTheFirstBadRecord) {
  TempDir temp;
  const auto id = identity_in(temp.path());
  const std::string text = make_log(temp.path(), id, 10);
  ASSERT_TRUE(verify_log(text, id.public_key));
  const auto bad =
      verify_log(GetParam().apply(lines_of(text.substr(0, text.size() - 1)), id), id.public_key);
  ASSERT_FALSE(bad) << GetParam().name << " was not caught";
  EXPECT_EQ(bad.error().what, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Kinds, Tampered, ::testing::ValuesIn(kTampers),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(DisplayLog, VerifyRefusesTheWrongKey) {
  TempDir temp;
  const auto id = identity_in(temp.path());
  const std::string text = make_log(temp.path(), id, 3);
  const auto other = crypto::base64_encode(crypto::generate_keypair().public_key);
  const auto r = verify_log(text, other);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().what, "record 1 (line 1): signature does not verify");
  EXPECT_FALSE(verify_log(text, "not a key"));
}

// A power cut leaves any prefix of the last line (or, on some file systems, zeros): open cuts it
// away, says how much, and the chain goes on; nothing before it is lost.
TEST(DisplayLog, TornLastLineAtEveryByteIsCutAwayAtOpen) {
  TempDir temp;
  const auto id = identity_in(temp.path());
  const std::string text = make_log(temp.path(), id, 4);
  const auto lines = lines_of(text.substr(0, text.size() - 1));
  const std::string whole3 = join({lines[0], lines[1], lines[2]});
  const auto file = temp / "display-log.jsonl";
  for (std::size_t cut = 0; cut <= lines[3].size(); ++cut) {
    write_file(file, whole3 + lines[3].substr(0, cut));
    auto log = DisplayLog::open(temp.path(), id, 400);
    ASSERT_TRUE(log) << "cut " << cut << ": " << log.error().what;
    EXPECT_EQ(log->head_seq(), 3) << "cut " << cut;
    EXPECT_EQ(log->torn_bytes(), cut) << "cut " << cut;
    EXPECT_EQ(read_file(file), whole3);
    ASSERT_TRUE(log->append("crash_restart", {{"last_seq", 3}}, kT0 + 3600));
    const auto v = verify_log(read_file(file), id.public_key);
    ASSERT_TRUE(v) << "cut " << cut << ": " << v.error().what;
    EXPECT_EQ(v->size(), 4u);
  }
  // The whole line without its '\n' is also torn (the write may have stopped just before it).
  write_file(file, whole3 + lines[3]);
  auto log = DisplayLog::open(temp.path(), id, 400);
  ASSERT_TRUE(log);
  EXPECT_EQ(log->head_seq(), 3);
  // Zeros where the data never reached the disk.
  write_file(file, whole3 + std::string(200, '\0') + "\n");
  log = DisplayLog::open(temp.path(), id, 400);
  ASSERT_TRUE(log) << log.error().what;
  EXPECT_EQ(log->head_seq(), 3);
  EXPECT_EQ(log->torn_bytes(), 201u);
  EXPECT_EQ(read_file(file), whole3);
}

TEST(DisplayLog, LastEventTellsACleanStopFromACrash) {
  TempDir temp;
  const auto id = identity_in(temp.path());
  {
    auto log = DisplayLog::open(temp.path(), id, 400);
    ASSERT_TRUE(log);
    EXPECT_EQ(log->last_event(), "");
    ASSERT_TRUE(log->append("start", {}, kT0));
    ASSERT_TRUE(log->append("stop", {}, kT0 + 10));
  }
  auto log = DisplayLog::open(temp.path(), id, 400);
  ASSERT_TRUE(log);
  EXPECT_EQ(log->last_event(), "stop");
  ASSERT_TRUE(log->append("start", {}, kT0 + 20));
  auto crashed = DisplayLog::open(temp.path(), id, 400);
  ASSERT_TRUE(crashed);
  EXPECT_EQ(crashed->last_event(), "start");
}

// Pruning: records older than log_days go, a signed prune record anchors the first kept one,
// the whole stays verifiable, and deleting more from the front is still caught.
TEST(DisplayLog, PruneKeepsLogDaysAndStaysVerifiable) {
  TempDir temp;
  const auto id = identity_in(temp.path());
  auto log = DisplayLog::open(temp.path(), id, 3);
  ASSERT_TRUE(log);
  for (int h = 0; h < 24 * 6; h += 6)
    ASSERT_TRUE(log->append("dim", {}, kT0 + h * 3600LL)) << h;  // 6 days, 4 a day
  const auto file = temp / "display-log.jsonl";
  const auto text = read_file(file);
  auto records = verify_log(text, id.public_key);
  ASSERT_TRUE(records) << records.error().what;
  EXPECT_GT(records->front().seq, 1);
  EXPECT_LE(records->front().time_unix, kT0 + 6 * 86400 - 3 * 86400);  // at least 3 days kept
  // At most a day's slack (and one interval) beyond log_days.
  EXPECT_GE(records->front().time_unix, records->back().time_unix - 4 * 86400 - 6 * 3600);
  int prunes = 0;
  for (const auto& r : *records) prunes += r.event == "prune" ? 1 : 0;
  EXPECT_GE(prunes, 1);
  // The prune record names the record before the first kept one.
  const auto& first = records->front();
  bool anchored = false;
  for (const auto& r : *records)
    if (r.event == "prune" && r.fields["through_seq"] == first.seq - 1) anchored = true;
  EXPECT_TRUE(anchored);
  // Deleting the first kept record is caught, although a prune record is there.
  auto lines = lines_of(text.substr(0, text.size() - 1));
  lines.erase(lines.begin());
  const auto bad = verify_log(join(lines), id.public_key);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().what.find("no prune record anchors it"), std::string::npos)
      << bad.error().what;
  // Reopened, the chain goes on from the prune record.
  auto again = DisplayLog::open(temp.path(), id, 3);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->head_seq(), records->back().seq);
  ASSERT_TRUE(again->append("wake", {}, kT0 + 6 * 86400 + 60));
  EXPECT_TRUE(verify_log(read_file(file), id.public_key));
}

// The kiosk was off longer than log_days: at its second record back, everything older goes and
// the prune record anchors what is kept.
TEST(DisplayLog, PruneAfterALongTimeOff) {
  TempDir temp;
  const auto id = identity_in(temp.path());
  auto log = DisplayLog::open(temp.path(), id, 2);
  ASSERT_TRUE(log);
  ASSERT_TRUE(log->append("start", {}, kT0));
  ASSERT_TRUE(log->append("stop", {}, kT0 + 60));
  ASSERT_TRUE(log->append("start", {}, kT0 + 30 * 86400));
  ASSERT_TRUE(log->append("dim", {}, kT0 + 30 * 86400 + 60));
  auto records = verify_log(read_file(temp / "display-log.jsonl"), id.public_key);
  ASSERT_TRUE(records) << records.error().what;
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].event, "start");
  EXPECT_EQ((*records)[0].seq, 3);
  EXPECT_EQ((*records)[1].event, "prune");
  EXPECT_EQ((*records)[1].fields["through_seq"], 2);
  EXPECT_EQ((*records)[2].event, "dim");
}

// One record from a clock run years ahead (a bad RTC before NTP) prunes nothing.
TEST(DisplayLog, AClockJumpingAheadWipesNothing) {
  TempDir temp;
  const auto id = identity_in(temp.path());
  auto log = DisplayLog::open(temp.path(), id, 2);
  ASSERT_TRUE(log);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(log->append("dim", {}, kT0 + i * 3600));
  ASSERT_TRUE(log->append("wake", {}, kT0 + 10LL * 365 * 86400));
  auto records = verify_log(read_file(temp / "display-log.jsonl"), id.public_key);
  ASSERT_TRUE(records) << records.error().what;
  EXPECT_EQ(records->size(), 6u);
  EXPECT_EQ(records->front().seq, 1);
}

// A log another key signed (identity.key replaced) or whose last record was altered is never cut
// nor chained onto: it is moved aside whole and a new log starts.
TEST(DisplayLog, AnotherKeysOrAnAlteredLogIsMovedAsideWhole) {
  TempDir temp;
  const auto id = identity_in(temp.path());
  const std::string text = make_log(temp.path(), id, 3);
  std::filesystem::remove(temp / "identity.key");
  const auto other = identity_in(temp.path());
  ASSERT_NE(other.public_key, id.public_key);
  auto log = DisplayLog::open(temp.path(), other, 400);
  ASSERT_TRUE(log) << log.error().what;
  EXPECT_EQ(log->head_seq(), 0);
  EXPECT_EQ(log->torn_bytes(), 0u);
  EXPECT_NE(log->moved_aside().find("line 3: signature does not verify (another key's log, or "
                                    "altered): moved aside to "),
            std::string::npos)
      << log->moved_aside();
  int aside = 0;
  for (const auto& e : std::filesystem::directory_iterator(temp.path())) {
    if (e.path().filename().string().rfind("display-log.jsonl.unusable-", 0) == 0) {
      ++aside;
      EXPECT_EQ(read_file(e.path()), text);  // whole, byte for byte
    }
  }
  EXPECT_EQ(aside, 1);
  ASSERT_TRUE(log->append("start", {}, kT0 + 600));
  const auto v = verify_log(read_file(temp / "display-log.jsonl"), other.public_key);
  ASSERT_TRUE(v) << v.error().what;
  EXPECT_EQ(v->front().seq, 1);

  // Its last record altered: the same.
  TempDir temp2;
  const auto id2 = identity_in(temp2.path());
  std::string t2 = make_log(temp2.path(), id2, 3);
  t2.replace(t2.rfind("\"dim\""), 5, "\"wak\"");
  write_file(temp2 / "display-log.jsonl", t2);
  auto log2 = DisplayLog::open(temp2.path(), id2, 400);
  ASSERT_TRUE(log2);
  EXPECT_EQ(log2->head_seq(), 0);
  EXPECT_NE(log2->moved_aside(), "");
}

// The kiosk and kiosk --report-once starting together at first start end with one key.
TEST(Identity, ProcessesStartingTogetherGetOneKey) {
  TempDir temp;
  const auto dir = temp / "state";
  std::vector<pid_t> children;
  for (int i = 0; i < 8; ++i) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      auto id = fleet::load_or_create_identity(dir, "k");
      if (!id) ::_exit(3);
      write_file(temp / ("pub" + std::to_string(i)), id->public_key);
      ::_exit(0);
    }
    children.push_back(child);
  }
  for (const pid_t c : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(c, &status, 0), c);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  const auto key = fleet::load_or_create_identity(dir, "k");
  ASSERT_TRUE(key);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(read_file(temp / ("pub" + std::to_string(i))), key->public_key) << i;
}

TEST(Identity, MadeOnceMode0600NeverInErrors) {
  TempDir temp;
  const auto dir = temp / "state";
  auto a = fleet::load_or_create_identity(dir, "kiosk-7");
  ASSERT_TRUE(a) << a.error().what;
  EXPECT_EQ(a->kiosk_id, "kiosk-7");
  EXPECT_EQ(a->secret_key.size(), 64u);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "identity.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
  EXPECT_EQ(read_file(dir / "identity.pub"), a->public_key + "\n");
  EXPECT_EQ(crypto::base64_decode(a->public_key)->size(), 32u);
  auto b = fleet::load_or_create_identity(dir, "");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->public_key, a->public_key);
  EXPECT_EQ(b->kiosk_id, fleet::host_name());
  // No temporary left beside it.
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 2);
  // A key made readable is narrowed again.
  ::chmod((dir / "identity.key").c_str(), 0644);
  ASSERT_TRUE(fleet::load_or_create_identity(dir, ""));
  ASSERT_EQ(::stat((dir / "identity.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // A damaged key: the error names the file, never its text.
  const std::string damaged = read_file(dir / "identity.key").substr(0, 40) + "\n";
  write_file(dir / "identity.key", damaged);
  auto c = fleet::load_or_create_identity(dir, "");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().what.find((dir / "identity.key").string()), std::string::npos);
  EXPECT_EQ(c.error().what.find(damaged.substr(0, 8)), std::string::npos);
}

}  // namespace
}  // namespace kiosk::test
