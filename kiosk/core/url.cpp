// Userinfo redaction and the http(s) URL check; see url.hpp.
#include "core/url.hpp"

#include <cstdio>

#include "core/problem.hpp"

namespace kiosk::url {
namespace {

// Where a URL's authority ends inside running text.
bool authority_end(char c) {
  return c == '/' || c == '?' || c == '#' || c == ' ' || c == '"' || c == '\'' || c == '<' ||
         c == '>' || c == '`' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
}

bool host_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '%' ||
         u >= 0x80;  // bytes of an internationalised name
}

}  // namespace

std::string redact_userinfo(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  while (true) {
    const std::size_t sep = text.find("://", from);
    if (sep == std::string_view::npos) break;
    const std::size_t start = sep + 3;
    std::size_t end = start;
    while (end < text.size() && !authority_end(text[end])) ++end;
    const std::size_t at = text.substr(start, end - start).rfind('@');
    out.append(text.substr(from, start - from));
    if (at != std::string_view::npos) {
      out += "***";
      out.append(text.substr(start + at, end - start - at));
    } else {
      out.append(text.substr(start, end - start));
    }
    from = end;
  }
  out.append(text.substr(from));
  return out;
}

std::string check_http_url(std::string_view url) {
  const std::string shown = quote_found(redact_userinfo(url));
  std::size_t start = 0;
  if (url.rfind("http://", 0) == 0) {
    start = 7;
  } else if (url.rfind("https://", 0) == 0) {
    start = 8;
  } else {
    return "expected an http:// or https:// URL, found " + shown;
  }
  std::size_t character = 0;  // of the byte at i, counting UTF-8 sequences as one
  for (std::size_t i = 0; i < url.size(); ++i) {
    const auto u = static_cast<unsigned char>(url[i]);
    if ((u & 0xC0) != 0x80) ++character;
    if (u <= 0x20 || u == 0x7F) {
      char what[40] = "a space";
      if (u != 0x20)
        std::snprintf(what, sizeof what, "the control character U+%04X", static_cast<unsigned>(u));
      return "expected a URL without spaces or control characters (write a space as %20), found " +
             std::string(what) + " at character " + std::to_string(character) + " of " + shown;
    }
  }
  std::size_t end = start;
  while (end < url.size() && url[end] != '/' && url[end] != '?' && url[end] != '#') ++end;
  std::string_view authority = url.substr(start, end - start);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  std::string_view host = authority, port;
  if (!authority.empty() && authority.front() == '[') {  // an IPv6 literal, "[::1]:8080"
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1) {
      return "expected an IPv6 address in brackets, e.g. http://[::1]/, found " + shown;
    }
    for (const char c : authority.substr(1, close - 1)) {
      const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.')
        return "expected an IPv6 address in brackets, e.g. http://[::1]/, found " + shown;
    }
    host = authority.substr(0, close + 1);
    const std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return "expected a port after \":\", found " + shown;
    if (!rest.empty()) port = rest.substr(1);
    if (!rest.empty() && port.empty())
      return "expected a port from 1 to 65535 after \":\", found none in " + shown;
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return "expected a port from 1 to 65535 after \":\", found none in " + shown;
  }
  if (host.empty()) {
    return "expected a host name after " + std::string(url.substr(0, start)) +
           " (e.g. https://content.example.org/office/), found none in " + shown;
  }
  if (host.front() != '[') {
    for (const char c : host) {
      if (!host_char(c))
        return "expected a host name of letters, digits, '-' and '.', found " +
               quote_found(std::string(1, c)) + " in " + shown;
    }
  }
  if (!port.empty()) {
    long value = 0;
    for (const char c : port) {
      if (c < '0' || c > '9' || value > 65535) {
        value = -1;
        break;
      }
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535)
      return "expected a port from 1 to 65535, found " + quote_found(port) + " in " + shown;
  }
  return {};
}

}  // namespace kiosk::url
