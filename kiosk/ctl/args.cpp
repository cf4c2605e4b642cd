// kioskctl's shared argument parsing and passphrase input (args.hpp).
#include "ctl/args.hpp"

#include <unistd.h>

#include <algorithm>

#include "admin/keys.hpp"
#include "crypto/random.hpp"
#include "ctl/secret_input.hpp"

namespace kiosk::ctl {

Parsed parse_args(const Args& args, const std::vector<std::string>& with_value,
                  const std::vector<std::string>& flags, const std::string& command) {
  Parsed p;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) == 0) {
      if (std::find(flags.begin(), flags.end(), a) != flags.end()) {
        p.options.emplace(a, std::string());  // a flag: present or not
      } else if (std::find(with_value.begin(), with_value.end(), a) != with_value.end()) {
        if (i + 1 >= args.size()) {
          p.error = "kioskctl " + command + ": " + a + " expects a value";
          return p;
        }
        p.options[a] = args[++i];
      } else {
        p.error =
            "kioskctl " + command + ": unknown option " + a + " (kioskctl " + command + " --help)";
        return p;
      }
    } else {
      p.positional.push_back(a);
    }
  }
  return p;
}

std::optional<long long> parse_integer(const std::string& text, long long min, long long max) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  long long v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < min || v > max) return std::nullopt;
  return v;
}

// A passphrase keeps at most this many bytes of its line.
constexpr std::size_t kMaxPassphrase = 1024;

// The passphrase: from --passphrase-file, else typed on the terminal (twice when `confirm`),
// else the first line of standard input.
Result<std::string> read_passphrase(const std::string& command, const Parsed& p, bool confirm,
                                    std::ostream& err) {
  if (p.options.contains("--passphrase-file"))
    return admin::read_passphrase_file(p.options.at("--passphrase-file"));
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  auto first =
      terminal ? ask_unechoed("passphrase: ", err, kMaxPassphrase) : read_line(kMaxPassphrase);
  if (!first || first->empty()) {
    if (first) crypto::wipe(*first);
    return Error{"kioskctl " + command +
                 ": expected a passphrase (typed on the terminal, or --passphrase-file F), found "
                 "none"};
  }
  if (terminal && confirm) {
    auto again = ask_unechoed("the same passphrase again: ", err, kMaxPassphrase);
    const bool same = again && *again == *first;
    if (again) crypto::wipe(*again);
    if (!same) {
      crypto::wipe(*first);
      return Error{"kioskctl " + command + ": the two passphrases differ; nothing written"};
    }
  }
  return std::move(*first);
}

}  // namespace kiosk::ctl
