// The one redaction of secrets in a line of text (URLs' userinfo, secret-looking parameters,
// authorization headers, control characters): the kiosk's log and kioskctl's output use it.
#include "core/redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace kiosk {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequals_at(std::string_view text, std::size_t pos, std::string_view word) {
  if (pos + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(text[pos + i]) != lower(word[i])) return false;
  }
  return true;
}

bool icontains(std::string_view text, std::string_view word) {
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    if (iequals_at(text, i, word)) return true;
  }
  return false;
}

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

// A URL ends at whitespace, a quote or an angle bracket.
bool url_end(char c) {
  return c == ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
}

// A name=value pair's value ends here.
bool value_end(char c) {
  return url_end(c) || c == '&' || c == ';' || c == ',' || c == ')' || c == '#';
}

bool secret_name(std::string_view name) {
  static constexpr std::array<std::string_view, 9> kWords{
      "sig", "token", "key", "pass", "secret", "credential", "auth", "session", "pwd"};
  if (iequals_at(name, 0, "x-amz-")) return true;
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view w) { return icontains(name, w); });
}

// "scheme://user:password@host" -> "scheme://host", for every URL in the text.
std::string strip_userinfo(std::string s) {
  std::size_t from = 0;
  while (true) {
    const std::size_t sep = s.find("://", from);
    if (sep == std::string::npos) return s;
    const std::size_t start = sep + 3;
    std::size_t end = start;
    while (end < s.size() && !url_end(s[end]) && s[end] != '/' && s[end] != '?' && s[end] != '#')
      ++end;
    const std::size_t at = s.rfind('@', end == 0 ? 0 : end - 1);
    if (at != std::string::npos && at >= start && at < end) {
      s.erase(start, at + 1 - start);
      end = start + (end - (at + 1));
    }
    from = end;
  }
}

// "Authorization: Basic …" -> "Authorization: REDACTED" (the rest of the line goes: a header's
// value has no reliable end inside a message).
std::string strip_headers(std::string s) {
  static constexpr std::array<std::string_view, 3> kHeaders{"proxy-authorization", "authorization",
                                                            "cookie"};
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (const auto h : kHeaders) {
      if (!iequals_at(s, i, h)) continue;
      std::size_t j = i + h.size();
      while (j < s.size() && s[j] == ' ') ++j;
      if (j < s.size() && s[j] == ':') {
        s.erase(j + 1);
        s += " REDACTED";
        return s;
      }
    }
  }
  return s;
}

// name=value with a secret-looking name (query parameters, form fields): the value goes.
std::string strip_secret_values(std::string s) {
  std::size_t eq = s.find('=');
  while (eq != std::string::npos) {
    std::size_t name_start = eq;
    while (name_start > 0 && name_char(s[name_start - 1])) --name_start;
    const std::string_view name(s.data() + name_start, eq - name_start);
    std::size_t value_stop = eq + 1;
    while (value_stop < s.size() && !value_end(s[value_stop]) &&
           !(s[value_stop] == ':' && (value_stop + 1 == s.size() || s[value_stop + 1] == ' '))) {
      ++value_stop;  // a colon that ends a clause ("…?sig=x: timeout") ends the value too
    }
    if (!name.empty() && secret_name(name) && value_stop > eq + 1) {
      s.replace(eq + 1, value_stop - eq - 1, "REDACTED");
      value_stop = eq + 1 + 8;
    }
    eq = s.find('=', value_stop);
  }
  return s;
}

}  // namespace

std::string redact(std::string_view text) {
  std::string s(text);
  for (char& c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return strip_secret_values(strip_userinfo(strip_headers(std::move(s))));
}

}  // namespace kiosk
