// Test support: one kiosk (settings, cache, HTTP client) against a private nginx, with helpers to
// publish versions to www/b/ and to read back exactly what the cache holds.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "bundles.hpp"
#include "net/http.hpp"
#include "nginx_fixture.hpp"
#include "sync/round.hpp"

namespace kiosk::test {

class SyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(nginx.ok()) << nginx.error();
    settings.server_url = nginx.url("b/");
    settings.trust.trusted_keys = {key.public_b64};
    settings.cache_dir = temp / "cache";
    settings.poll_interval = std::chrono::seconds(1);
    // Short limits keep the fault cases quick.
    settings.net.limits.connect_timeout = std::chrono::milliseconds(2000);
    settings.net.limits.total_timeout = std::chrono::milliseconds(10000);
    settings.net.limits.low_speed_bytes = 100;
    settings.net.limits.low_speed_time = std::chrono::seconds(1);
    client = std::make_unique<net::Client>(settings.net);
  }

  // Publishes a signed bundle to www/b/ and returns its files.
  sync::Files publish(long long version, const std::string& variant, ManifestTimes times = {}) {
    auto files = make_bundle(content_files(variant), version, &key, times);
    write_bundle(nginx.www() / "b", files);
    return files;
  }

  sync::RoundResult round() { return sync::run_round(settings, *client, now()); }

  static long long now() { return static_cast<long long>(std::time(nullptr)); }

  // The files the cache's current bundle holds, when it fully verifies.
  std::optional<sync::Files> installed() const {
    const sync::Cache cache(settings.cache_dir);
    auto read = cache.read_current(settings.trust.max_bundle_bytes);
    if (!read) return std::nullopt;
    if (!sync::verify_bundle(*read, settings.trust).ok()) return std::nullopt;
    return std::move(read).value();
  }

  Nginx nginx;
  TempDir temp;
  TestKey key = make_key();
  sync::Settings settings;
  std::unique_ptr<net::Client> client;
};

}  // namespace kiosk::test
