// kioskctl verify-log on real display logs: a state directory or the file, the summary line, the
// first bad record named (exit 1), and usage errors (exit 2).
#include <gtest/gtest.h>

#include <string>

#include "ctl_run.hpp"
#include "fleet/display_log.hpp"
#include "fleet/identity.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {

class VerifyLog : public ::testing::Test {
 protected:
  void SetUp() override {
    auto id = fleet::load_or_create_identity(temp_ / "state", "cun-01");
    ASSERT_TRUE(id);
    key_ = temp_.write("cun-01.pub", id->public_key + "\n").string();
    auto log = fleet::DisplayLog::open(temp_ / "state", *id, 400);
    ASSERT_TRUE(log);
    ASSERT_TRUE(log->append("start", {{"version", 5}, {"manifest_sha256", ""}}, 1'795'000'000));
    ASSERT_TRUE(log->append("notice_on", {{"notice", "N1"}, {"reason", "start"}}, 1'795'000'060));
    ASSERT_TRUE(log->append("stop", {}, 1'795'003'600));
  }
  TempDir temp_;
  std::string key_;
};

TEST_F(VerifyLog, AStateDirOrItsFileVerifies) {
  const std::string file = (temp_ / "state" / "display-log.jsonl").string();
  for (const std::string& where : {(temp_ / "state").string(), file}) {
    const auto r = run_ctl({"verify-log", where, "--key", key_});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out.rfind(file + ": verified: 3 records, seq 1–3, 2026-11-18T19:06:40+08:00 – "
                                 "2026-11-18T20:06:40+08:00; head ",
                          0),
              0u)
        << r.out;
  }
}

TEST_F(VerifyLog, NamesTheFirstBadRecordAndExits1) {
  const auto file = temp_ / "state" / "display-log.jsonl";
  std::string text = read_file(file);
  text.replace(text.find("\"N1\""), 4, "\"N2\"");
  write_file(file, text);
  const auto r = run_ctl({"verify-log", file.string(), "--key", key_});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, file.string() + ": record 2 (line 2): signature does not verify\n");
}

TEST_F(VerifyLog, AnotherKiosksKeyDoesNotVerify) {
  auto other = fleet::load_or_create_identity(temp_ / "other", "cun-02");
  ASSERT_TRUE(other);
  const auto other_key = temp_.write("cun-02.pub", other->public_key + "\n");
  const auto r = run_ctl({"verify-log", (temp_ / "state").string(), "--key", other_key.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("record 1 (line 1): signature does not verify"), std::string::npos);
}

TEST_F(VerifyLog, UsageErrorsExit2) {
  EXPECT_EQ(run_ctl({"verify-log", (temp_ / "state").string()}).status, 2);
  EXPECT_EQ(run_ctl({"verify-log", "--key", key_}).status, 2);
  EXPECT_EQ(run_ctl({"verify-log", (temp_ / "state").string(), "--key"}).status, 2);
  EXPECT_EQ(run_ctl({"verify-log", (temp_ / "state").string(), "--key", key_, "--bogus"}).status,
            2);
  // The secret key given by mistake is refused without being quoted.
  const auto secret = run_ctl({"verify-log", (temp_ / "state").string(), "--key",
                               (temp_ / "state" / "identity.key").string()});
  EXPECT_EQ(secret.status, 2);
  EXPECT_EQ(secret.err.find(read_file(temp_ / "state" / "identity.key").substr(0, 8)),
            std::string::npos);
  const auto missing = run_ctl({"verify-log", (temp_ / "none").string(), "--key", key_});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("none"), std::string::npos);
}

}  // namespace
}  // namespace kiosk::test
