// libFuzzer target: the display log's verification (fleet::verify_log), which kioskctl verify-log,
// fleet and proof run on logs fetched from a report server. Each input is checked as it is, and
// again with every line's BODY re-signed by the fuzzer's key, so the chain, order, duplicate and
// prune-anchor checks behind the signature see mutated bodies too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "crypto/signature.hpp"
#include "fleet/display_log.hpp"

namespace {

// The key of the seed corpus (tests/fuzz/display_log/): Ed25519 from 32 zero bytes of seed.
struct Key {
  std::string secret, public_b64;
};
const Key& key() {
  static const Key k = [] {
    Key out;
    out.secret =
        *kiosk::crypto::secret_key_from_text(kiosk::crypto::base64_encode(std::string(32, '\0')));
    out.public_b64 = kiosk::crypto::base64_encode(kiosk::crypto::public_key_of(out.secret));
    return out;
  }();
  return k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto plain = kiosk::fleet::verify_log(text, key().public_b64);
  if (plain && plain->empty() != (text.find('\n') == std::string::npos)) __builtin_trap();
  std::string resigned;
  std::size_t at = 0;
  while (at < text.size()) {
    auto nl = text.find('\n', at);
    const bool whole = nl != std::string::npos;
    if (!whole) nl = text.size();
    std::string line = text.substr(at, nl - at);
    const std::string body = line.substr(0, line.rfind('\t'));
    resigned += body + "\t" +
                kiosk::crypto::base64_encode(kiosk::crypto::sign_detached(body, key().secret));
    if (whole) resigned += "\n";
    at = nl + 1;
  }
  const auto again = kiosk::fleet::verify_log(resigned, key().public_b64);
  // Whatever verifies lists one record per line, in seq order without a gap.
  if (again) {
    for (std::size_t i = 1; i < again->size(); ++i)
      if ((*again)[i].seq != (*again)[i - 1].seq + 1) __builtin_trap();
  }
  return 0;
}
