// Soak: the kiosk's sync::Service and UI reducer run through 30 simulated days on a fake clock
// against a loopback nginx, a round every simulated minute, a new bundle every hour, with faults.
//
// What it runs (all driven by a fake clock; real time is a few minutes):
//  - a round every 60 simulated seconds: 30 × 1440 = 43,200 rounds through the Service's own
//    thread (request_round()), each checked against what the server serves at that moment;
//  - a new bundle every simulated hour (version + 1, re-signed, issued at that hour, expiring 30
//    days later); most publishes are good, some are faulty: signed with an untrusted key, a
//    garbled signature, notices.json or manifest.json truncated on the server, a replay of an
//    older correctly signed bundle (rollback); and the server is down for a few stretches;
//  - the UI as the app runs it: Ticks and DateChanged every minute, every new bundle taken from the
//    Service into a fresh Model (ContentChanged), a screen opened and a frame laid out every hour.
// Checked: every round's outcome (installed version, ok or not), that each fault was refused for
// its reason, the cache (at most the current and the previous bundle), and at the end: RSS within
// 5 MiB of where it settled after day 1, no file descriptor or thread growth, the last good bundle
// installed, loaded at a restart, and on screen. KIOSK_SOAK_DAYS overrides the 30 days; under
// AddressSanitizer it runs 5 days (about 10 s of real time a day there) and does not judge RSS
// (the sanitizer's quarantine grows it; LeakSanitizer judges leaks).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "app/runtime.hpp"
#include "bundles.hpp"
#include "content/parse.hpp"
#include "core/civil_date.hpp"
#include "crypto/sha256.hpp"
#include "frame_loop.hpp"
#include "nginx_fixture.hpp"
#include "sync/round.hpp"
#include "sync/service.hpp"
#include "ui/reducer.hpp"
#include "ui/views.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_SOAK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_SOAK_ASAN 1
#endif
#endif
#ifndef KIOSK_SOAK_ASAN
#define KIOSK_SOAK_ASAN 0
#endif

namespace kiosk::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr long long kMinute = 60, kHour = 3600, kDay = 86400;

// ---- process figures ------------------------------------------------------------------------

double rss_mib() {
  std::ifstream in("/proc/self/statm");
  long long size = 0, resident = 0;
  in >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

int entries(const char* dir) {
  int n = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec))
    ++n;
  return n;
}

std::uintmax_t tree_bytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// ---- the UI's text metrics (no fonts needed to know what the screen says) -------------------

class EmMetrics final : public text::FontMetrics {
 public:
  explicit EmMetrics(float em) : em_(em) {}
  [[nodiscard]] float advance(char32_t cp) const override { return cp < 0x80 ? em_ * 0.5F : em_; }
  [[nodiscard]] float line_height() const override { return std::round(em_ * 1.45F); }
  [[nodiscard]] float ascent() const override { return std::round(em_ * 1.16F); }

 private:
  float em_;
};

class EmMeasurer final : public draw::TextMeasurer {
 public:
  const text::FontMetrics& metrics(const draw::TextStyle& style) override {
    auto& slot = metrics_[{style.size_px, style.bold}];
    if (!slot) slot = std::make_unique<EmMetrics>(style.size_px);
    return *slot;
  }

 private:
  std::map<std::pair<float, bool>, std::unique_ptr<EmMetrics>> metrics_;
};

// ---- the publisher: what the server serves each hour ----------------------------------------

enum class Publish {
  Good,
  UntrustedKey,
  GarbledSignature,
  TruncatedNotices,
  TruncatedManifest,
  Rollback
};

const char* name_of(Publish p) {
  switch (p) {
    case Publish::Good:
      return "good";
    case Publish::UntrustedKey:
      return "signed with an untrusted key";
    case Publish::GarbledSignature:
      return "garbled signature";
    case Publish::TruncatedNotices:
      return "notices.json truncated";
    case Publish::TruncatedManifest:
      return "manifest.json truncated";
    case Publish::Rollback:
      return "rollback (an older signed bundle replayed)";
  }
  return "?";
}

// The fault schedule, by simulated hour (0 = the first hour of day 1). The last day is clean, so
// the run ends on a good bundle.
Publish publish_kind(long long hour, long long hours) {
  if (hour == 0 || hour >= hours - 24) return Publish::Good;
  if (hour % 53 == 11) return Publish::UntrustedKey;
  if (hour % 59 == 23) return Publish::GarbledSignature;
  if (hour % 61 == 37) return Publish::TruncatedNotices;
  if (hour % 67 == 41) return Publish::TruncatedManifest;
  if (hour % 71 == 29) return Publish::Rollback;
  return Publish::Good;
}

// Hours (and a few minutes into them) during which nginx is down.
bool server_down(long long minute_index, long long hours) {
  const long long hour = minute_index / 60;
  if (hour >= hours - 24) return false;
  // Three hours on the third day, 40 minutes across an hour change on day 12, two hours on day 24
  // (each shortened when the run is scaled down, by being past its end).
  if (hour >= 50 && hour < 53) return true;
  if (minute_index >= 12 * 24 * 60 + 45 && minute_index < 12 * 24 * 60 + 85) return true;
  if (hour >= 24 * 23 + 4 && hour < 24 * 23 + 6) return true;
  // Short scaled-down runs still see one outage.
  if (hours <= 96 && hour >= 30 && hour < 31) return true;
  return false;
}

struct Served {
  long long version = 0;  // manifest version the server's manifest.json claims
  bool good = false;      // would verify (correctly signed, complete)
  Publish kind = Publish::Good;
};

// What a round against a faulty server must say (a part of its one line).
const char* expected_refusal(Publish kind) {
  switch (kind) {
    case Publish::UntrustedKey:
    case Publish::GarbledSignature:
    case Publish::TruncatedManifest:
      return "manifest.sig: signature does not verify";
    case Publish::TruncatedNotices:
      return "notices.json: expected ";
    case Publish::Rollback:
      return "(rollback refused)";
    case Publish::Good:
      break;
  }
  return "";
}

class Publisher {
 public:
  Publisher(const fs::path& www, const TestKey& key)
      : dir_(www / "b"), key_(key), stranger_(make_key()) {}

  // Publishes the hour's bundle at fake time t and returns what the server now serves.
  Served publish(long long t, Publish kind) {
    ManifestTimes times;
    times.issued_at = t;
    times.expires_at = t + 30 * kDay;
    if (kind == Publish::Rollback && good_.size() >= 6) {
      // A correctly signed bundle from six good publishes ago, byte for byte.
      const auto& old = good_[good_.size() - 6];
      write_bundle(dir_, old.second);
      return {old.first, true, Publish::Rollback};
    }
    if (kind == Publish::Rollback) kind = Publish::Good;
    const long long v = ++version_;
    const sync::Files content = content_files(" 第" + std::to_string(v) + "版");
    sync::Files files;
    switch (kind) {
      case Publish::UntrustedKey:
        files = make_bundle(content, v, &stranger_, times);
        break;
      case Publish::GarbledSignature:
        files = make_bundle(content, v, &key_, times);
        {
          std::string sig = files["manifest.sig"].str();
          sig[5] = sig[5] == 'A' ? 'B' : 'A';
          files["manifest.sig"] = std::move(sig);
        }
        break;
      default:
        files = make_bundle(content, v, &key_, times);
        break;
    }
    write_bundle(dir_, files);
    if (kind == Publish::TruncatedNotices) {
      const std::string_view n = files.at("notices.json");
      write_file(dir_ / "notices.json", n.substr(0, n.size() / 2));
    } else if (kind == Publish::TruncatedManifest) {
      const std::string_view m = files.at("manifest.json");
      write_file(dir_ / "manifest.json", m.substr(0, m.size() - 40));
    }
    const bool good = kind == Publish::Good;
    if (good) {
      good_.emplace_back(v, files);
      if (good_.size() > 8) good_.erase(good_.begin());
    }
    return {v, good, kind};
  }

  // The files of a good version still remembered.
  [[nodiscard]] const sync::Files* files_of(long long version) const {
    for (const auto& [v, files] : good_) {
      if (v == version) return &files;
    }
    return nullptr;
  }

 private:
  fs::path dir_;
  const TestKey& key_;
  TestKey stranger_;
  long long version_ = 0;
  std::vector<std::pair<long long, sync::Files>> good_;
};

// ---- the test -------------------------------------------------------------------------------

int soak_days() {
  if (const char* env = std::getenv("KIOSK_SOAK_DAYS")) {
    const int d = std::atoi(env);
    if (d >= 2) return d;
  }
  return KIOSK_SOAK_ASAN ? 5 : 30;
}

TEST(Soak, ThirtySimulatedDaysOfSyncAndUi) {
  const int days = soak_days();
  const long long hours = 24LL * days, rounds = hours * 60;
  std::printf("[soak] %d simulated days: %lld rounds a minute apart, %lld hourly publishes%s\n",
              days, rounds, hours,
              KIOSK_SOAK_ASAN ? " (scaled down under AddressSanitizer; RSS not judged)" : "");

  Nginx nginx;
  ASSERT_TRUE(nginx.ok()) << nginx.error();
  TempDir temp;
  const TestKey key = make_key();
  sync::Settings settings;
  settings.server_url = nginx.url("b/");
  settings.trust.trusted_keys = {key.public_b64};
  settings.cache_dir = temp / "cache";
  // The Service's own timer never fires during the run: rounds happen when the test asks.
  settings.poll_interval = std::chrono::seconds(86400);
  settings.net.limits.connect_timeout = 2000ms;
  settings.net.limits.total_timeout = 10000ms;

  // 2026-11-01 00:00 in the offices' zone (UTC+8).
  const long long t0 = *parse_rfc3339("2026-11-01T00:00:00+08:00");
  std::atomic<long long> fake_now{t0};
  auto civil = [](long long t) {
    const long long local = t + 8 * kHour;
    const long long day = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
    return std::pair<CivilDate, int>{CivilDate::from_days(static_cast<long>(day)),
                                     static_cast<int>((local - day * kDay) / kMinute)};
  };

  Publisher publisher(nginx.www(), key);
  Served served = publisher.publish(t0, Publish::Good);

  const sync::StartupBundle shown = sync::load_startup_bundle(settings, t0);
  ASSERT_EQ(shown.source, sync::StartupBundle::Source::Embedded);
  sync::ServiceHooks hooks;
  hooks.now_unix = [&] { return fake_now.load(); };
  hooks.first_delay = std::chrono::hours(24);
  hooks.jitter_seed = 7;
  sync::Service service(settings, shown, hooks);
  service.start();

  // The UI, as the app's loop keeps it.
  std::uint64_t generation = 1;
  ui::State ui_state;
  {
    const auto [date, minute] = civil(t0);
    auto model =
        std::make_shared<const ui::Model>(shown.bundle, "示例居委会", generation, ui::QrEncoder{});
    ui_state = ui::initial_state(model, 0, date, minute, 90);
    screenshot::describe_content(model->bundle(), true, ui_state.diagnostics);
  }
  EmMeasurer measurer;
  ui::Views views(measurer);
  const ui::Size size{1920, 1080};
  const char* const screens[] = {"home",  "notices",  "standards",   "standard:3",      "hotlines",
                                 "steps", "document", "diagnostics", "applicant:cd-01", "attract"};

  long long installed = 0;  // what the kiosk should have installed
  bool down = false;
  std::map<std::string, int> refusals;  // why -> failed rounds
  std::map<Publish, int> publishes;
  int installs = 0, currents = 0, failures = 0, bundles_taken = 0;
  std::size_t max_bundle_dirs = 0;
  std::uintmax_t max_cache_bytes = 0;
  double rss_day1 = 0, rss_peak_after_day1 = 0;
  int fds_day1 = 0, threads_day1 = 0;
  const auto real_start = std::chrono::steady_clock::now();

  for (long long i = 0; i < rounds; ++i) {
    const long long t = t0 + i * kMinute;
    fake_now = t;
    // The server side: an outage starting or ending, the hourly publish.
    const bool want_down = server_down(i, hours);
    if (want_down && !down) nginx.stop();
    if (!want_down && down) {
      ASSERT_TRUE(nginx.restart()) << nginx.error();
    }
    down = want_down;
    if (i > 0 && i % 60 == 0) {
      const Publish kind = publish_kind(i / 60, hours);
      ++publishes[kind];
      served = publisher.publish(t, kind);
    }

    // One round, through the Service's thread.
    service.request_round();
    sync::Status st;
    const auto wait_start = std::chrono::steady_clock::now();
    while (true) {
      st = service.status();
      if (st.last_round_unix == t && !st.syncing) break;
      ASSERT_LT(std::chrono::steady_clock::now() - wait_start, 30s)
          << "round " << i << " did not finish";
      std::this_thread::sleep_for(20us);
    }

    // What it should have done.
    bool expect_ok = false;
    if (!down && served.good) {
      if (served.version > installed) installed = served.version;
      expect_ok = served.version >= installed;
    }
    ASSERT_EQ(st.installed_version, installed) << "round " << i << ": " << st.last_result;
    ASSERT_EQ(st.last_ok, expect_ok)
        << "round " << i << " (server " << (down ? "down" : "up") << ", serving v" << served.version
        << (served.good ? "" : " faulty") << "): " << st.last_result;
    if (!st.last_ok) {
      ++failures;
      const std::string why = down ? "server down" : name_of(served.kind);
      const std::string expected = down ? "manifest.json: " : expected_refusal(served.kind);
      ASSERT_NE(st.last_result.find(expected), std::string::npos)
          << "round " << i << " (" << why << ") failed for another reason: " << st.last_result;
      ++refusals[why];
    } else if (st.last_result.rfind("installed", 0) == 0) {
      ++installs;
    } else {
      ++currents;
    }

    // The UI loop: take a new bundle between two frames, keep the clock.
    if (auto bundle = service.take_new_bundle()) {
      ++bundles_taken;
      ASSERT_TRUE(bundle->manifest.has_value());
      ASSERT_EQ(bundle->manifest->version, installed);
      auto model = std::make_shared<const ui::Model>(std::move(*bundle), "示例居委会", ++generation,
                                                     ui::QrEncoder{});
      screenshot::describe_content(model->bundle(), false, ui_state.diagnostics);
      ui_state = ui::reduce(std::move(ui_state), ui::ContentChanged{model});
      std::size_t dirs = 0;
      for (const auto& e : fs::directory_iterator(settings.cache_dir / "bundles"))
        dirs += e.is_directory() ? 1 : 0;
      max_bundle_dirs = std::max(max_bundle_dirs, dirs);
      max_cache_bytes = std::max(max_cache_bytes, tree_bytes(settings.cache_dir));
      ASSERT_LE(dirs, 2U) << "old bundles are not pruned";
    }
    const auto [date, minute] = civil(t);
    ui_state = ui::reduce(std::move(ui_state), ui::DateChanged{date, minute});
    ui_state = ui::reduce(std::move(ui_state), ui::Tick{(t - t0) * 1000});
    if (i % 60 == 30) {
      // Someone at the screen once an hour: a screen opened, a frame laid out and handed back.
      const auto route =
          ui::route_from_name(screens[(i / 60) % std::size(screens)], *ui_state.model, date);
      if (route) ui_state = ui::reduce(std::move(ui_state), ui::Open{*route});
      ui_state.diagnostics.now_unix = t;
      (void)test::lay_out_frame(views, ui_state, size);
    }

    // Figures at the end of day 1, and the peak afterwards.
    if (i == 1440 - 1) {
      rss_day1 = rss_mib();
      fds_day1 = entries("/proc/self/fd");
      threads_day1 = entries("/proc/self/task");
      std::printf(
          "[soak] day 1: RSS %.1f MiB, %d fds, %d threads (%.1f s real)\n", rss_day1, fds_day1,
          threads_day1,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - real_start).count());
      std::fflush(stdout);
    } else if (i >= 1440 && i % 1440 == 1439) {
      const double rss = rss_mib();
      rss_peak_after_day1 = std::max(rss_peak_after_day1, rss);
      std::printf(
          "[soak] day %lld: RSS %.1f MiB, installed v%lld, %d installs, %d failed rounds (%.1f s "
          "real)\n",
          i / 1440 + 1, rss, installed, installs, failures,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - real_start).count());
      std::fflush(stdout);
    }
  }

  // ---- the end: memory, descriptors, threads, cache, what is installed and on screen --------
  const double rss_end = rss_mib();
  const int fds_end = entries("/proc/self/fd"), threads_end = entries("/proc/self/task");
  std::printf(
      "[soak] day %d: RSS %.1f MiB (day 1: %.1f MiB, peak after day 1: %.1f MiB), %d fds (day 1: "
      "%d), "
      "%d threads (day 1: %d)\n",
      days, rss_end, rss_day1, rss_peak_after_day1, fds_end, fds_day1, threads_end, threads_day1);
  std::printf(
      "[soak] %lld rounds: %d installs, %d already current, %d failed; %d bundles handed to the "
      "UI; cache "
      "at most %zu bundle directories, %ju bytes\n",
      rounds, installs, currents, failures, bundles_taken, max_bundle_dirs, max_cache_bytes);
  for (const auto& [kind, n] : publishes)
    std::printf("[soak]   published %s: %d\n", name_of(kind), n);
  for (const auto& [reason, n] : refusals)
    std::printf("[soak]   failed rounds, %s: %d\n", reason.c_str(), n);
  std::printf("[soak] real time %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - real_start).count());

  if (!KIOSK_SOAK_ASAN) {
    EXPECT_LE(rss_end, rss_day1 + 5.0) << "RSS grew more than 5 MiB after day 1";
    EXPECT_LE(rss_peak_after_day1, rss_day1 + 5.0) << "RSS grew more than 5 MiB after day 1";
  }
  EXPECT_LE(fds_end, fds_day1) << "file descriptors leak";
  EXPECT_EQ(threads_end, threads_day1) << "threads leak";
  // Every kind of fault happened and was refused for its reason.
  EXPECT_GT(refusals["server down"], 0);
  for (const Publish kind :
       {Publish::UntrustedKey, Publish::GarbledSignature, Publish::TruncatedNotices,
        Publish::TruncatedManifest, Publish::Rollback}) {
    if (days >= 30 || publishes[kind] > 0) {
      EXPECT_GT(refusals[name_of(kind)], 0) << name_of(kind);
    }
  }
  EXPECT_EQ(bundles_taken, installs);

  // The cache: the current bundle and at most the previous one, nothing else growing.
  EXPECT_LE(entries((settings.cache_dir / "bundles").c_str()), 2) << "old bundles are not pruned";
  const sync::Files* last = publisher.files_of(installed);
  ASSERT_NE(last, nullptr);
  std::uintmax_t bundle_bytes = 0;
  for (const auto& [name, bytes] : *last) bundle_bytes += bytes.size();
  EXPECT_LE(tree_bytes(settings.cache_dir), 2 * bundle_bytes + 64 * 1024)
      << "cache directory not bounded";

  // The last good bundle: installed (as a restart would load it) and on screen.
  service.stop();
  EXPECT_EQ(installed, served.version);
  const sync::StartupBundle restart = sync::load_startup_bundle(settings, fake_now.load());
  ASSERT_EQ(restart.source, sync::StartupBundle::Source::Cache) << restart.note;
  ASSERT_TRUE(restart.bundle.manifest.has_value());
  EXPECT_EQ(restart.bundle.manifest->version, installed);
  EXPECT_EQ(restart.manifest_sha256, crypto::sha256_hex(last->at("manifest.json")));
  ASSERT_TRUE(ui_state.model && ui_state.model->bundle().manifest);
  EXPECT_EQ(ui_state.model->bundle().manifest->version, installed);
  EXPECT_EQ(ui_state.model->notices().at(0).title, restart.bundle.notices.at(0).title);
  EXPECT_EQ(ui_state.diagnostics.content_version, std::to_string(installed));
  ui_state = ui::reduce(std::move(ui_state), ui::Open{ui::route_to(ui::ScreenId::Home)});
  const ui::DisplayList dl = views.render(*ui_state.model, ui_state, size);
  EXPECT_NE(dl.to_text().find("内容版本 " + std::to_string(installed)), std::string::npos)
      << dl.to_text();
}

}  // namespace
}  // namespace kiosk::test
