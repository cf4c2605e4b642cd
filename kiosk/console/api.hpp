// The console's JSON API (API.md): each route turns a request into one admin-library call and its
// result into JSON; the console adds no rule of its own.
#pragma once

#include <httplib.h>

#include <memory>

#include "console/console.hpp"

namespace kiosk::console {

class Api {
 public:
  explicit Api(const Options& options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;
  void install(httplib::Server& server);
  void stop();  // cancels a running publish and waits for it

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace kiosk::console
