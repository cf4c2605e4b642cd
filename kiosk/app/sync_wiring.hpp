// Content sync wired into the kiosk: the sync service started on the bundle shown, one journal
// line per round, new bundles handed to the loop, and how sync stands for 维护 and the footer.
#pragma once

#include <memory>
#include <optional>

#include "app/options.hpp"
#include "config/config.hpp"
#include "content/model.hpp"
#include "platform/log.hpp"
#include "ui/state.hpp"

namespace kiosk::app {

class ContentSync {
 public:
  // Starts syncing from config.content.server_url while the kiosk shows the bundle of `manifest`
  // (none: the built-in default), whose manifest.json has `manifest_sha256` (StartupContent's):
  // only a bundle installed with another manifest is new. nullptr when this build has no sync.
  static std::unique_ptr<ContentSync> start(const config::Config& config,
                                            const std::optional<content::Manifest>& manifest,
                                            const std::string& manifest_sha256, bool embedded,
                                            platform::Logger& log);
  ~ContentSync();
  ContentSync(const ContentSync&) = delete;
  ContentSync& operator=(const ContentSync&) = delete;

  // A bundle the sync thread installed since the last call, to swap in between two frames.
  std::optional<content::Bundle> take_new_bundle();
  // sync_state, last_sync_result, last_error, offline, expired (now_unix past the manifest's
  // expires_at).
  void describe(long long now_unix, const tz::Zone& zone, ui::Diagnostics& d) const;
  // The last round for a report: state ok / failed / waiting, its line, time, failures in a row.
  struct Brief {
    std::string state = "waiting", result;
    long long time_unix = 0;
    int failures = 0;
  };
  [[nodiscard]] Brief brief() const;

  struct Impl;

 private:
  explicit ContentSync(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// sync_state when nothing syncs: the configuration did not load, no server is configured (or
// --content DIR is shown), or this build has no sync.
void describe_no_sync(bool config_broken, const config::Config& config, const Options& options,
                      ui::Diagnostics& d);

}  // namespace kiosk::app
