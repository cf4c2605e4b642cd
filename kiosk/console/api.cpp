// The console's JSON API over the admin library; see API.md.
#include "console/api.hpp"

namespace kiosk::console {

struct Api::State {
  Options options;
};

Api::Api(const Options& options) : state_(std::make_unique<State>()) { state_->options = options; }
Api::~Api() { stop(); }
void Api::install(httplib::Server&) {}
void Api::stop() {}

}  // namespace kiosk::console
