// Benchmark (not a test): one sync round for a 5,000-applicant bundle over loopback nginx, first
// install and 304, and the bundle written out for bench/sync_round.sh's wrk run.
//   sync_bench                 measure rounds against a private nginx
//   sync_bench --write DIR     write the signed bundle to DIR, print the public key
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <vector>

#include "bundles.hpp"
#include "nginx_fixture.hpp"
#include "sync/round.hpp"
#include "timing.hpp"

using kiosk::bench::Clock;
using kiosk::bench::median;
using kiosk::bench::ms_since;

int main(int argc, char** argv) {
  using namespace kiosk;
  constexpr int kApplicants = 5000;
  const auto key = test::make_key();
  auto content = test::content_files();
  content["notices.json"] = test::many_applicants_notices(kApplicants);
  const auto files = test::make_bundle(content, 1, &key);
  std::uint64_t bytes = 0;
  for (const auto& [name, b] : files) bytes += b.size();

  if (argc == 3 && std::string(argv[1]) == "--write") {
    test::write_bundle(argv[2], files);
    std::cout << key.public_b64 << "\n";
    return 0;
  }

  test::Nginx nginx;
  if (!nginx.ok()) {
    std::cerr << "nginx: " << nginx.error() << "\n";
    return 1;
  }
  test::write_bundle(nginx.www() / "b", files);
  test::TempDir temp;
  sync::Settings settings;
  settings.server_url = nginx.url("b/");
  settings.trust.trusted_keys = {key.public_b64};
  const long long now = static_cast<long long>(std::time(nullptr));

  std::cout << "bundle: " << kApplicants << " applicants, " << files.size() << " files, " << bytes
            << " bytes\n";
  std::vector<double> first, same_round;
  for (int i = 0; i < 7; ++i) {
    settings.cache_dir = temp / ("cache-" + std::to_string(i));
    net::Client client(settings.net);
    auto t0 = Clock::now();
    const auto r = sync::run_round(settings, client, now);
    first.push_back(ms_since(t0));
    if (r.outcome != sync::Outcome::Installed) {
      std::cerr << "first round: " << r.line << "\n";
      return 1;
    }
  }
  // 304 rounds: a fresh client each time (a kiosk polling every minute has no open connection).
  std::vector<double> not_modified;
  for (int i = 0; i < 300; ++i) {
    net::Client client(settings.net);
    const auto t0 = Clock::now();
    const auto r = sync::run_round(settings, client, now);
    not_modified.push_back(ms_since(t0));
    if (r.line != "already current: version 1 (HTTP 304)") {
      std::cerr << "304 round: " << r.line << "\n";
      return 1;
    }
  }
  // Start-up from the cache (read, verify signature and hashes, parse, validate).
  std::vector<double> startup;
  for (int i = 0; i < 7; ++i) {
    const auto t0 = Clock::now();
    const auto s = sync::load_startup_bundle(settings, now);
    startup.push_back(ms_since(t0));
    if (s.source != sync::StartupBundle::Source::Cache) {
      std::cerr << "startup: " << s.note << "\n";
      return 1;
    }
  }
  std::printf("first install round: median %.1f ms, min %.1f ms (7 runs, fresh cache each)\n",
              median(first), *std::min_element(first.begin(), first.end()));
  std::printf("304 round:           median %.2f ms, min %.2f ms (300 runs, new connection each)\n",
              median(not_modified), *std::min_element(not_modified.begin(), not_modified.end()));
  std::printf("start-up from cache: median %.1f ms (7 runs)\n", median(startup));
  return 0;
}
