// A private CA for TLS tests, made with the openssl command (test_ca.hpp).
#include "test_ca.hpp"

#include <cstdio>
#include <cstdlib>

#include "temp_dir.hpp"

namespace kiosk::test {
namespace fs = std::filesystem;
namespace {

std::string shell_quoted(const fs::path& p) {
  std::string out = "'";
  for (const char c : p.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command with its output in `log`; true when it exits 0.
bool run(const std::string& command, const fs::path& log) {
  return std::system((command + " >>" + shell_quoted(log) + " 2>&1").c_str()) == 0;
}

std::string command_output(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    ::pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

bool is_ipv4(const std::string& name) {
  return !name.empty() && name.find_first_not_of("0123456789.") == std::string::npos;
}

constexpr const char* kEcKey = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

}  // namespace

TestCa::TestCa(fs::path dir, const std::string& name) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  const fs::path log = dir_ / "openssl.log";
  ok_ = run("openssl req -x509 " + std::string(kEcKey) + " -keyout " +
                shell_quoted(dir_ / "ca-key.pem") + " -out " + shell_quoted(certificate()) +
                " -days 2 -subj " + shell_quoted("/CN=" + name) +
                " -addext basicConstraints=critical,CA:TRUE -addext "
                "keyUsage=critical,keyCertSign,cRLSign",
            log);
  if (!ok_) error_ = "openssl could not make the test CA: " + read_file(log);
}

std::optional<TestCa::Issued> TestCa::issue(const std::string& stem,
                                            const std::vector<std::string>& names) {
  if (!ok_ || names.empty()) {
    if (ok_) error_ = "TestCa::issue: no names";
    return std::nullopt;
  }
  Issued out{dir_ / (stem + ".pem"), dir_ / (stem + "-key.pem")};
  std::string san = "subjectAltName=";
  for (std::size_t i = 0; i < names.size(); ++i) {
    san += (i ? "," : "") + std::string(is_ipv4(names[i]) ? "IP:" : "DNS:") + names[i];
  }
  const fs::path ext = dir_ / (stem + ".ext"), csr = dir_ / (stem + ".csr"),
                 log = dir_ / "openssl.log";
  write_file(ext, san +
                      "\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                      "extendedKeyUsage=serverAuth\n");
  const bool ok =
      run("openssl req " + std::string(kEcKey) + " -keyout " + shell_quoted(out.key) + " -out " +
              shell_quoted(csr) + " -subj " + shell_quoted("/CN=" + names.front()),
          log) &&
      run("openssl x509 -req -in " + shell_quoted(csr) + " -CA " + shell_quoted(certificate()) +
              " -CAkey " + shell_quoted(dir_ / "ca-key.pem") +
              " -CAcreateserial -days 2 -extfile " + shell_quoted(ext) + " -out " +
              shell_quoted(out.certificate),
          log);
  if (!ok) {
    error_ = "openssl could not issue " + stem + ": " + read_file(log);
    return std::nullopt;
  }
  return out;
}

std::string TestCa::public_key_pin(const fs::path& certificate) {
  const std::string b64 =
      command_output("openssl x509 -in " + shell_quoted(certificate) +
                     " -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst "
                     "-sha256 -binary | openssl enc -base64");
  return b64.empty() ? "" : "sha256//" + b64;
}

}  // namespace kiosk::test
