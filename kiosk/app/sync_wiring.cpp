// Content sync wired into the kiosk (see sync_wiring.hpp); without sync in the build, a stub.
#include "app/sync_wiring.hpp"

#include <string>
#include <utility>

#include "ui/format.hpp"
#if KIOSK_HAVE_SYNC
#include "app/sync_once.hpp"
#include "sync/service.hpp"
#endif

namespace kiosk::app {

#if KIOSK_HAVE_SYNC
struct ContentSync::Impl {
  std::unique_ptr<sync::Service> service;
};

std::unique_ptr<ContentSync> ContentSync::start(const config::Config& config,
                                                const std::optional<content::Manifest>& manifest,
                                                const std::string& manifest_sha256, bool embedded,
                                                platform::Logger& log) {
  // What the service needs of the bundle shown: its manifest and that manifest's hash (the
  // content itself stays with the model; copying 10,000 applicants here held up the first frame).
  sync::StartupBundle startup;
  startup.source =
      embedded ? sync::StartupBundle::Source::Embedded : sync::StartupBundle::Source::Cache;
  startup.bundle.manifest = manifest;
  startup.manifest_sha256 = manifest_sha256;
  sync::Service::Hooks hooks;
  hooks.on_round = [&log](const sync::RoundResult& r) {  // on the sync thread; Logger locks
    if (r.outcome == sync::Outcome::Failed) {
      log.warning("sync: failed: " + r.line);
    } else {
      log.info("sync: " + r.line);
    }
  };
  auto impl = std::make_unique<Impl>();
  impl->service = std::make_unique<sync::Service>(sync_settings(config), startup, hooks);
  impl->service->start();
  return std::unique_ptr<ContentSync>(new ContentSync(std::move(impl)));
}

std::optional<content::Bundle> ContentSync::take_new_bundle() {
  return impl_->service->take_new_bundle();
}

void ContentSync::describe(long long now_unix, const tz::Zone& zone, ui::Diagnostics& d) const {
  const sync::Status s = impl_->service->status();
  if (!s.enabled) {  // no server: the service only picks up what kiosk --install-from installs
    d.sync_state = "未配置同步";
    d.expired = s.expires_at_unix > 0 && now_unix > s.expires_at_unix;
    if (s.last_round_unix > 0)
      d.last_sync_result = ui::format::timestamp(s.last_round_unix, zone) + " " + s.last_result;
    return;
  }
  d.sync_state = s.syncing                ? "正在同步"
                 : s.last_round_unix == 0 ? "等待首次同步"
                 : s.last_ok              ? "正常"
                             : "连续失败 " + std::to_string(s.consecutive_failures) + " 次";
  if (s.last_round_unix > 0)
    d.last_sync_result = ui::format::timestamp(s.last_round_unix, zone) + " " + s.last_result;
  d.last_error = s.last_ok ? "" : s.last_result;
  d.offline = s.consecutive_failures >= 3;
  d.expired = s.expires_at_unix > 0 && now_unix > s.expires_at_unix;
}

ContentSync::Brief ContentSync::brief() const {
  const sync::Status s = impl_->service->status();
  Brief b;
  if (s.last_round_unix > 0) b.state = s.last_ok ? "ok" : "failed";
  b.result = s.last_result;
  b.time_unix = s.last_round_unix;
  b.failures = s.consecutive_failures;
  return b;
}

void describe_no_sync(bool config_broken, const config::Config& config, const Options& options,
                      ui::Diagnostics& d) {
  if (config_broken) {
    d.sync_state = "未同步:配置文件有误";
  } else {
    d.sync_state =
        config.content.server_url.empty() || !options.content_dir.empty() ? "未配置同步" : "未启用";
  }
}
#else
struct ContentSync::Impl {};

std::unique_ptr<ContentSync> ContentSync::start(const config::Config&,
                                                const std::optional<content::Manifest>&,
                                                const std::string&, bool, platform::Logger&) {
  return nullptr;
}
std::optional<content::Bundle> ContentSync::take_new_bundle() { return std::nullopt; }
void ContentSync::describe(long long, ui::Diagnostics&) const {}
ContentSync::Brief ContentSync::brief() const { return {}; }
void describe_no_sync(bool, const config::Config&, const Options&, ui::Diagnostics& d) {
  d.sync_state = "未启用";
}
#endif

ContentSync::ContentSync(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ContentSync::~ContentSync() = default;

}  // namespace kiosk::app
