// Benchmark (not a test): a root walk of 64 versions (trust::kMaxRootWalk), each root 3 keys with
// threshold 2 signed by 2 old and 2 new keys: in memory (the signature checks alone), over
// loopback nginx (128 GETs, as a round does it), and through the kiosk's own cache (start-up);
// and the size of a .sig with 3 signatures.
//   root_walk_bench
#include <algorithm>
#include <chrono>
#include <iostream>
#include <vector>

#include "bundles.hpp"
#include "crypto/signature.hpp"
#include "nginx_fixture.hpp"
#include "sync/roots.hpp"
#include "timing.hpp"
#include "trust/root.hpp"

using kiosk::bench::Clock;
using kiosk::bench::median;
using kiosk::bench::ms_since;

int main() {
  using namespace kiosk;
  constexpr int kVersions = trust::kMaxRootWalk;
  constexpr int kRuns = 9;
  // Keys of version n: keys[3n], keys[3n+1], keys[3n+2]; version 0 is the configuration's.
  std::vector<test::TestKey> keys;
  for (int i = 0; i < 3 * (kVersions + 1); ++i) keys.push_back(test::make_key());
  const auto key_of = [&](int version, int i) -> const test::TestKey& {
    return keys[static_cast<std::size_t>(3 * version + i)];
  };
  sync::Trust trust;
  trust.trusted_keys = {key_of(0, 0).public_b64, key_of(0, 1).public_b64, key_of(0, 2).public_b64};
  trust.threshold = 2;
  sync::Files served;  // root/N.json, root/N.sig
  std::size_t sig3 = 0;
  for (int n = 1; n <= kVersions; ++n) {
    trust::Root r;
    r.version = n;
    for (int i = 0; i < 3; ++i) r.keys.push_back(key_of(n, i).public_b64);
    r.threshold = 2;
    const std::string json = trust::serialize_root(r);
    std::string sig;
    for (const auto* k : {&key_of(n - 1, 0), &key_of(n - 1, 1), &key_of(n, 0), &key_of(n, 1)})
      sig = trust::add_signature(sig, crypto::sign_detached(json, k->secret));
    served["root/" + std::to_string(n) + ".json"] = json;
    served["root/" + std::to_string(n) + ".sig"] = sig;
    if (n == 1) {
      std::string three;
      for (const auto* k : {&key_of(0, 0), &key_of(0, 1), &key_of(0, 2)})
        three = trust::add_signature(three, crypto::sign_detached(json, k->secret));
      sig3 = three.size();
    }
  }
  std::cout << ".sig with 3 signatures: " << sig3
            << " bytes; a root of 3 keys: " << served["root/1.json"].size() << " bytes\n";

  const auto first = sync::first_root(trust).value();
  std::vector<double> memory;
  for (int run = 0; run < kRuns; ++run) {
    const auto t0 = Clock::now();
    trust::Root at = first;
    for (int n = 1; n <= kVersions; ++n) {
      auto next = trust::verify_next_root(at, served["root/" + std::to_string(n) + ".json"],
                                          served["root/" + std::to_string(n) + ".sig"]);
      if (!next) {
        std::cerr << next.error().what << "\n";
        return 1;
      }
      at = std::move(next).value();
    }
    memory.push_back(ms_since(t0));
  }
  std::cout << "walk of " << kVersions << " versions in memory (verify_next_root): median "
            << median(memory) << " ms\n";

  test::Nginx nginx;
  if (!nginx.ok()) {
    std::cerr << "nginx: " << nginx.error() << "\n";
    return 1;
  }
  test::write_bundle(nginx.www() / "b", served);
  net::Client client;
  std::vector<double> http;
  sync::RootWalk walk;
  for (int run = 0; run < kRuns; ++run) {
    sync::HttpSource source(client, nginx.url("b/"));
    const auto t0 = Clock::now();
    walk = sync::walk_roots(first, source, kVersions);
    http.push_back(ms_since(t0));
    if (!walk.error.empty() || walk.newest.version != kVersions || walk.more) {
      std::cerr << "walk: " << walk.error << "\n";
      return 1;
    }
  }
  std::cout << "walk of " << kVersions << " versions over loopback nginx (" << 2 * kVersions + 1
            << " GETs): median " << median(http) << " ms\n";

  test::TempDir temp;
  const auto keep0 = Clock::now();
  if (auto kept = sync::keep_roots(temp / "cache", walk); !kept) {
    std::cerr << kept.error().what << "\n";
    return 1;
  }
  std::cout << "keeping them in the cache (128 atomic writes with fsync): " << ms_since(keep0)
            << " ms\n";
  std::vector<double> cached;
  for (int run = 0; run < kRuns; ++run) {
    const auto t0 = Clock::now();
    const auto kept = sync::kept_root(trust, temp / "cache");
    cached.push_back(ms_since(t0));
    if (!kept || kept->newest.version != kVersions) return 1;
  }
  std::cout << "the kept chain walked again at start-up (kept_root, first call): " << cached[0]
            << " ms; later calls while root/ is unchanged (remembered): median " << median(cached)
            << " ms\n";
  return 0;
}
