// Config: the kiosk's one JSON configuration file (config/kiosk.json documents every key).
// Unknown keys and wrong types are errors naming the key's path; a key left out takes its default.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"

namespace kiosk::config {

inline constexpr const char* kDefaultPath = "/etc/kiosk/kiosk.json";

struct ClockTime {
  int hour = 0, minute = 0;  // "08:00"
  [[nodiscard]] int minutes() const { return hour * 60 + minute; }
  bool operator==(const ClockTime&) const = default;
};

enum class Orientation { Landscape, Portrait };

struct Config {
  std::string office_name = "社区公示栏";
  struct Content {
    std::string server_url;  // empty: no sync, installed or embedded content only
    int poll_interval_s = 60;
    std::vector<std::string> trusted_keys;  // base64 Ed25519 public keys (32 bytes)
    bool allow_unsigned = false;
    std::string cache_dir = "/var/cache/kiosk";
    int max_bundle_mb = 32;
    std::string pinned_public_key;  // optional libcurl CURLOPT_PINNEDPUBLICKEY, "sha256//…"
  } content;
  struct Display {
    int width = 1920, height = 1080;
    bool fullscreen = true;
    Orientation orientation = Orientation::Landscape;
  } display;
  int idle_timeout_s = 90;
  struct OfficeHours {
    ClockTime open{8, 0}, close{18, 0};
  } office_hours;
  struct Admin {
    // Lowercase hex SHA-256 of the administrator's PIN (4–12 digits), which the 维护 screen's
    // PIN pad asks for before 退出 ends the kiosk. Empty: no PIN pad; only `systemctl stop`.
    std::string pin_sha256;
  } admin;
  struct Fonts {
    std::vector<std::string> families{"Noto Sans CJK SC", "WenQuanYi Micro Hei",
                                      "Droid Sans Fallback"};
  } fonts;
};

// Parses a configuration's bytes; `file` names it in problems. nullopt when anything is wrong.
std::optional<Config> parse(std::string_view bytes, const std::string& file, Problems& problems);

// Reads and parses a file (at most 1 MiB).
std::optional<Config> load(const std::filesystem::path& path, Problems& problems);

// True when a string is the standard base64 of exactly 32 bytes.
bool is_ed25519_public_key(std::string_view base64);

}  // namespace kiosk::config
