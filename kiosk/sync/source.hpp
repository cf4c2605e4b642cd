// Where a sync round reads a bundle from: the content server over HTTP, or a directory (a USB
// stick's kiosk-bundle/, `kiosk --install-from`). The round's steps, checks and install are the
// same for both; only this differs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "net/http.hpp"

namespace kiosk::sync {

// Contract: get() answers as an HTTP GET of the bundle-relative name would: status 200 and the
// body, 404 when there is no such file, Failure::TooLarge (nothing past max_bytes kept) when it
// is larger than max_bytes, another Failure with one printable line otherwise. Never throws.
class Source {
 public:
  virtual ~Source() = default;
  // name: "manifest.json", "root/3.sig", a manifest entry's path ("objects/…").
  virtual net::Response get(const std::string& name, const net::Conditions& conditions,
                            std::uint64_t max_bytes) = 0;
  // Whether get() can answer 304 to conditions (a server can; a directory never does).
  [[nodiscard]] virtual bool conditional() const = 0;
};

// The server under a URL prefix (Settings::server_url), through a net::Client.
class HttpSource final : public Source {
 public:
  HttpSource(net::Client& client, std::string base_url)
      : client_(client), base_(std::move(base_url)) {}
  net::Response get(const std::string& name, const net::Conditions& conditions,
                    std::uint64_t max_bytes) override;
  [[nodiscard]] bool conditional() const override { return true; }

 private:
  net::Client& client_;
  std::string base_;
};

// A bundle directory laid out as on the server (manifest.json, manifest.sig, root/, the files by
// their manifest path). Only regular files are read (a FIFO or device is refused without
// blocking); a name with an empty, "." or ".." segment or a leading / is refused.
class DirSource final : public Source {
 public:
  explicit DirSource(std::filesystem::path dir) : dir_(std::move(dir)) {}
  net::Response get(const std::string& name, const net::Conditions& conditions,
                    std::uint64_t max_bytes) override;
  [[nodiscard]] bool conditional() const override { return false; }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace kiosk::sync
