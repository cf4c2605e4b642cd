// Random bytes for unique names, and wiping secrets from memory (libsodium).
#pragma once

#include <cstddef>
#include <string>

namespace kiosk::crypto {

// `bytes` random bytes as lowercase hex (2 × bytes digits); the process id when the system has no
// randomness source (still unique among the writers of one cache).
std::string random_hex(std::size_t bytes);

// Overwrites a secret's bytes with zeros in a way the compiler may not drop (sodium_memzero), so
// a key, seed or PIN does not stay in freed memory. The string keeps its size.
void wipe(std::string& secret);

}  // namespace kiosk::crypto
