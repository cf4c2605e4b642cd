// A private certificate authority made with the openssl command, for TLS tests: a CA certificate a
// client is told to trust (net::Options::ca_file, content.ca_file, kioskctl publish --ca-file) and
// server certificates it signs for loopback names.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::test {

class TestCa {
 public:
  // Makes dir (if needed), a CA key (dir/ca-key.pem) and a self-signed CA certificate (dir/ca.pem,
  // CN `name`, valid two days). ok() is false when the openssl command is missing or fails.
  explicit TestCa(std::filesystem::path dir, const std::string& name = "kiosk test CA");

  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] const std::string& error() const { return error_; }
  // The CA certificate (PEM): what a client trusts.
  [[nodiscard]] std::filesystem::path certificate() const { return dir_ / "ca.pem"; }

  struct Issued {
    std::filesystem::path certificate;  // dir/<stem>.pem, the leaf only (PEM)
    std::filesystem::path key;          // dir/<stem>-key.pem, unencrypted
  };
  // A server certificate signed by this CA for `names` (each an IPv4 address such as "127.0.0.1"
  // or a DNS name such as "localhost"; the first is also the CN), valid two days, with
  // extendedKeyUsage serverAuth. nullopt (see error()) when openssl fails or the CA is not ok().
  std::optional<Issued> issue(const std::string& stem, const std::vector<std::string>& names);

  // "sha256//BASE64" of a certificate's public key (CURLOPT_PINNEDPUBLICKEY); "" when it fails.
  static std::string public_key_pin(const std::filesystem::path& certificate);

 private:
  std::filesystem::path dir_;
  bool ok_ = false;
  std::string error_;
};

}  // namespace kiosk::test
