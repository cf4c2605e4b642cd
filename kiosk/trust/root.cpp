// Roots, .sig sets, thresholds and the root chain step (root.hpp).
#include "trust/root.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/civil_date.hpp"
#include "core/problem.hpp"
#include "crypto/signature.hpp"
#include "json/reader.hpp"

namespace kiosk::trust {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool verifies(std::string_view document, const std::string& raw_sig, const std::string& raw_key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot initialise");
  return raw_sig.size() == crypto_sign_BYTES && raw_key.size() == crypto_sign_PUBLICKEYBYTES &&
         crypto_sign_verify_detached(bytes_of(raw_sig), bytes_of(document), document.size(),
                                     bytes_of(raw_key)) == 0;
}

// The non-blank lines of a .sig text, trimmed.
std::vector<std::string_view> sig_lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const auto line = trim(text.substr(0, nl));
    if (!line.empty()) out.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace

Result<Root> parse_root(std::string_view json_text) {
  if (json_text.size() > kMaxRootBytes) {
    return Error{"expected at most " + std::to_string(kMaxRootBytes) + " bytes, found " +
                 std::to_string(json_text.size())};
  }
  Problems problems;
  const auto doc = json::parse(json_text, "", problems);
  if (!doc) return Error{first_problem_line(problems)};
  json::Context ctx("", problems);
  Root root;
  {
    json::ObjectReader r(*doc, "", ctx, {"schema", "version", "expires_at", "keys", "threshold"});
    r.integer("schema", 1, 1);
    root.version = r.integer("version", 1, (1LL << 53)).value_or(0);
    if (r.has("expires_at")) {
      if (auto t = r.text("expires_at", json::TextRule{json::TextKind::OneLine, 64, false})) {
        const auto unix_time = parse_rfc3339(*t);
        if (!unix_time || *unix_time <= 0) {
          r.report(
              "expires_at",
              "expected an RFC 3339 time like 2027-12-01T00:00:00+08:00, found " + quote_found(*t));
        } else {
          root.expires_at = *t;
          root.expires_at_unix = *unix_time;
        }
      }
    }
    if (const json::Json* keys = r.array("keys", kMaxRootKeys)) {
      if (keys->empty()) r.report("keys", "expected at least one key, found none");
      std::map<std::string, std::size_t> seen;  // raw key -> its index
      for (std::size_t i = 0; i < keys->size(); ++i) {
        const json::Json& k = (*keys)[i];
        const std::string path = json::index_path("keys", i);
        if (!k.is_string()) {
          ctx.report(path, "expected a string, found " + json::describe(k));
          continue;
        }
        const auto& text = k.get_ref<const std::string&>();
        const auto raw = crypto::base64_decode(text);
        if (!raw || raw->size() != crypto_sign_PUBLICKEYBYTES || trim(text) != text) {
          ctx.report(path, "expected the base64 of a 32-byte Ed25519 public key, found " +
                               quote_found(text));
          continue;
        }
        if (const auto [at, fresh] = seen.emplace(*raw, i); !fresh) {
          ctx.report(path, "expected distinct keys, found the key of " +
                               json::index_path("keys", at->second) + " again");
          continue;
        }
        root.keys.push_back(text);
      }
    }
    const long long max_threshold =
        std::max<long long>(1, static_cast<long long>(root.keys.size()));
    if (const auto* t = r.get("threshold");
        t != nullptr && t->is_number_integer() &&
        (t->get<long long>() < 1 || t->get<long long>() > max_threshold)) {
      r.report("threshold", "expected an integer from 1 to " + std::to_string(max_threshold) +
                                " (the number of keys), found " + t->dump());
    } else {
      root.threshold = static_cast<int>(r.integer("threshold", 1, max_threshold).value_or(1));
    }
  }
  ctx.finish();
  if (!problems.empty()) return Error{first_problem_line(problems)};
  return root;
}

std::string serialize_root(const Root& root) {
  nlohmann::ordered_json j;
  j["schema"] = 1;
  j["version"] = root.version;
  if (!root.expires_at.empty()) j["expires_at"] = root.expires_at;
  j["keys"] = root.keys;
  j["threshold"] = root.threshold;
  return j.dump(2) + "\n";
}

Root root_from_config(std::vector<std::string> keys, int threshold) {
  Root root;
  root.keys = std::move(keys);
  root.threshold = threshold;
  return root;
}

Result<std::vector<std::string>> parse_signatures(std::string_view sig_text) {
  if (sig_text.size() > kMaxSignatureBytes) {
    return Error{"expected at most " + std::to_string(kMaxSignatureBytes) + " bytes, found " +
                 std::to_string(sig_text.size())};
  }
  const auto lines = sig_lines(sig_text);
  if (lines.size() > kMaxSignatureLines) {
    return Error{"expected at most " + std::to_string(kMaxSignatureLines) +
                 " signature lines, found " + std::to_string(lines.size())};
  }
  if (lines.empty()) {
    return Error{"expected one line of base64 of a 64-byte Ed25519 signature, found \"\""};
  }
  std::vector<std::string> out;
  std::size_t number = 0;
  std::string_view rest = sig_text;
  for (const auto line : lines) {
    // The line's number in the file, blank lines counted.
    while (true) {
      const auto nl = rest.find('\n');
      ++number;
      const auto here = trim(rest.substr(0, nl));
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      if (!here.empty()) break;
    }
    auto raw = crypto::base64_decode(line);
    if (!raw || raw->size() != crypto_sign_BYTES) {
      if (lines.size() == 1) {
        return Error{"expected one line of base64 of a 64-byte Ed25519 signature, found " +
                     quote_found(line)};
      }
      return Error{"line " + std::to_string(number) +
                   ": expected base64 of a 64-byte Ed25519 signature, found " + quote_found(line)};
    }
    out.push_back(std::move(*raw));
  }
  return out;
}

std::string add_signature(std::string_view sig_text, std::string_view raw_sig) {
  const std::string line = crypto::base64_encode(raw_sig);
  for (const auto l : sig_lines(sig_text)) {
    if (l == line) return std::string(sig_text);
  }
  std::string out(sig_text);
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out + line + "\n";
}

namespace {

// Counts distinct keys of root whose signature in sig_text verifies; stops once `enough` are found
// (check_threshold needs no more; count_signatures passes no limit).
Tally tally_of(std::string_view document, std::string_view sig_text, const Root& root, int enough) {
  Tally tally;
  tally.required = root.threshold;
  const auto sigs = parse_signatures(sig_text);
  if (!sigs) return tally;
  std::set<std::string> counted;  // raw keys: a key listed twice counts once
  for (const auto& key_text : root.keys) {
    const auto key = crypto::base64_decode(key_text);
    if (!key || key->size() != crypto_sign_PUBLICKEYBYTES || counted.count(*key) != 0) continue;
    const bool any = std::any_of(sigs->begin(), sigs->end(),
                                 [&](const std::string& s) { return verifies(document, s, *key); });
    if (!any) continue;
    counted.insert(*key);
    ++tally.valid;
    tally.signers.push_back(key_text);
    if (tally.valid >= enough) break;
  }
  return tally;
}

}  // namespace

Tally count_signatures(std::string_view document, std::string_view sig_text, const Root& root) {
  return tally_of(document, sig_text, root, static_cast<int>(root.keys.size()) + 1);
}

Result<void> check_threshold(std::string_view document, std::string_view sig_text,
                             const Root& root) {
  if (auto sigs = parse_signatures(sig_text); !sigs) return sigs.error();
  const bool legacy = root.version == 0 && root.threshold == 1;
  if (legacy && root.keys.empty()) {
    return Error{"no trusted keys configured (content.trusted_keys)"};
  }
  const Tally tally = tally_of(document, sig_text, root, root.threshold);
  if (tally.valid >= tally.required && tally.required >= 1) return {};
  if (legacy) return Error{"signature does not verify with any trusted key"};
  return Error{"signed by " + std::to_string(tally.valid) + " of the " +
               std::to_string(tally.required) + " required keys (root version " +
               std::to_string(root.version) + ")"};
}

Result<Root> verify_next_root(const Root& trusted, std::string_view next_json,
                              std::string_view next_sig) {
  auto next = parse_root(next_json);
  if (!next) return next.error();
  if (next->version != trusted.version + 1) {
    return Error{"expected version " + std::to_string(trusted.version + 1) +
                 " (one above the trusted root " + std::to_string(trusted.version) + "), found " +
                 std::to_string(next->version)};
  }
  if (auto by_old = check_threshold(next_json, next_sig, trusted); !by_old) {
    return Error{"not signed by the trusted root: " + by_old.error().what};
  }
  if (auto by_new = check_threshold(next_json, next_sig, *next); !by_new) {
    return Error{"not signed by its own keys: " + by_new.error().what};
  }
  return next;
}

}  // namespace kiosk::trust
