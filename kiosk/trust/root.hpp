// Roots, signature sets and thresholds (TRUST.md): which keys may sign content and how many of
// them must, the multi-line .sig files, and the check that root N+1 follows from root N.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace kiosk::trust {

// Contract:
//  - A root is a small JSON document, {"schema": 1, "version": N, "expires_at": RFC 3339 (optional:
//    absent means it never expires), "keys": [base64 Ed25519 public keys, distinct, 1 to
//    kMaxRootKeys], "threshold": 1 … number of keys}; nothing else is accepted (parse_root).
//  - A .sig file holds one standard-base64 64-byte signature per line, blank lines ignored, at
//    most kMaxSignatureLines lines and kMaxSignatureBytes bytes.
//  - A document meets a root when signatures of at least root.threshold DISTINCT keys of root.keys
//    verify over its exact bytes: the same key's signature twice counts once, a signature by a key
//    outside the root counts nothing.
//  - Root N+1 follows root N when its version is exactly N+1 and it meets both root N and itself.

inline constexpr int kMaxRootWalk = 64;  // versions per round
inline constexpr std::size_t kMaxRootBytes = 64 * 1024;
inline constexpr std::size_t kMaxSignatureLines = 32;
inline constexpr std::size_t kMaxSignatureBytes = 4096;  // 32 lines of 88 characters and a \n
inline constexpr std::size_t kMaxRootKeys = 32;

struct Root {
  long long version = 0;
  std::string expires_at;
  long long expires_at_unix = 0;  // 0: never (config root)
  std::vector<std::string> keys;  // base64 Ed25519 public keys
  int threshold = 1;
  bool operator==(const Root&) const = default;
};

// Strict; one line without the file name, e.g. "keys[1]: expected the base64 of a 32-byte Ed25519
// public key, found \"abc\"" or "threshold: expected an integer from 1 to 3, found 4".
Result<Root> parse_root(std::string_view json_text);
// The bytes `kioskctl root new` writes (pretty JSON, fields in the order above, a final newline).
std::string serialize_root(const Root&);
// The first root from the configuration (content.trusted_keys, content.threshold): version 0,
// never expires.
Root root_from_config(std::vector<std::string> keys, int threshold);

// .sig files: one standard-base64 64-byte signature per line; blank lines ignored.
// The raw 64-byte signatures, in file order (duplicates kept; counting ignores them). Errors:
// "expected one line of base64 of a 64-byte Ed25519 signature, found …" (a one-line file),
// "line 3: expected base64 of a 64-byte Ed25519 signature, found …",
// "expected at most 32 signature lines, found 40", "expected at most 4096 bytes, found 5000".
Result<std::vector<std::string>> parse_signatures(std::string_view sig_text);
// sig_text with raw_sig added as a last line; unchanged when that signature is already there.
std::string add_signature(std::string_view sig_text, std::string_view raw_sig);

struct Tally {
  int valid = 0;                     // distinct keys of the root whose signature verifies
  int required = 0;                  // the root's threshold
  std::vector<std::string> signers;  // those keys (base64), in the root's order
};
// An unreadable sig_text counts 0.
Tally count_signatures(std::string_view document, std::string_view sig_text, const Root& root);
// Ok when the threshold is met; else one line: "signed by 1 of the 2 required keys (root version
// 3)", or parse_signatures' error. A version-0 root of threshold 1 (today's configuration) says
// "signature does not verify with any trusted key" and, with no keys, "no trusted keys configured
// (content.trusted_keys)", as before roots existed.
Result<void> check_threshold(std::string_view document, std::string_view sig_text,
                             const Root& root);
// Root N+1 against trusted root N: at most kMaxRootBytes, parses, version exactly +1, meets the
// threshold of the old AND the new keys. Errors without the file name: "expected version 4 (one
// above the trusted root 3), found 6", "not signed by the trusted root: signed by 1 of the 2
// required keys (root version 3)", "not signed by its own keys: signed by …".
Result<Root> verify_next_root(const Root& trusted, std::string_view next_json,
                              std::string_view next_sig);

}  // namespace kiosk::trust
