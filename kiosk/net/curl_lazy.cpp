// The libcurl functions http.cpp calls, loaded with dlopen on the first call instead of linked:
// a kiosk with no sync configured never makes a request, and linking libcurl loaded it and its
// 25 libraries (Kerberos, LDAP, GnuTLS, SSH …) at every start, about 14 ms of a 120 ms screenshot.
//
// Contract: defines the C functions below with libcurl's signatures, so http.cpp is written
// against <curl/curl.h> as usual. The first call dlopens libcurl.so.4 (the soname of Debian's
// libcurl4; its ABI has been stable since 2006) once for the process; when that fails,
// curl_global_init returns CURLE_FAILED_INIT, curl_easy_init and curl_url return nullptr (so
// requests fail with "cannot initialise libcurl"), and curl_load_error() says why.
#define CURL_DISABLE_TYPECHECK  // the type-checking macros would rename the definitions below
#include <curl/curl.h>

#include <cstdarg>
#include <string>

#include "core/lazy_library.hpp"
#include "net/curl_lazy.hpp"

namespace {

struct Api {
  bool ok = false;  // every function below was found
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  void (*easy_reset)(CURL*) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  void (*free)(void*) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
  CURLU* (*url)() = nullptr;
  void (*url_cleanup)(CURLU*) = nullptr;
  CURLUcode (*url_get)(CURLU*, CURLUPart, char**, unsigned int) = nullptr;
  CURLUcode (*url_set)(CURLU*, CURLUPart, const char*, unsigned int) = nullptr;
};

kiosk::LazyLibrary& libcurl() {
  static kiosk::LazyLibrary lib("libcurl.so.4");
  return lib;
}

template <typename F>
bool bind(F& slot, const char* name) {
  slot = libcurl().function<F>(name);
  return slot != nullptr;
}

// The library's functions, all of them or ok false (libcurl().error() says why).
const Api& api() {
  static const Api loaded = [] {
    Api a;
    a.ok = bind(a.global_init, "curl_global_init") & bind(a.easy_init, "curl_easy_init") &
           bind(a.easy_cleanup, "curl_easy_cleanup") & bind(a.easy_reset, "curl_easy_reset") &
           bind(a.easy_perform, "curl_easy_perform") & bind(a.easy_setopt, "curl_easy_setopt") &
           bind(a.easy_getinfo, "curl_easy_getinfo") & bind(a.easy_strerror, "curl_easy_strerror") &
           bind(a.free, "curl_free") & bind(a.slist_append, "curl_slist_append") &
           bind(a.slist_free_all, "curl_slist_free_all") & bind(a.url, "curl_url") &
           bind(a.url_cleanup, "curl_url_cleanup") & bind(a.url_get, "curl_url_get") &
           bind(a.url_set, "curl_url_set");
    return a;
  }();
  return loaded;
}

bool ready() { return api().ok; }

}  // namespace

namespace kiosk::net {

bool curl_loaded() { return ready(); }
std::string curl_load_error() { return ready() ? "" : libcurl().error(); }

}  // namespace kiosk::net

extern "C" {

CURLcode curl_global_init(long flags) {
  return ready() ? api().global_init(flags) : CURLE_FAILED_INIT;
}
CURL* curl_easy_init() { return ready() ? api().easy_init() : nullptr; }
void curl_easy_cleanup(CURL* easy) {
  if (ready()) api().easy_cleanup(easy);
}
void curl_easy_reset(CURL* easy) {
  if (ready()) api().easy_reset(easy);
}
CURLcode curl_easy_perform(CURL* easy) {
  return ready() ? api().easy_perform(easy) : CURLE_FAILED_INIT;
}

// One argument follows the option; its type is given by the option's number, as libcurl itself
// reads it (curl.h: CURLOPTTYPE_LONG, _OBJECTPOINT, _FUNCTIONPOINT, _OFF_T, _BLOB).
CURLcode curl_easy_setopt(CURL* easy, CURLoption option, ...) {
  if (!ready()) return CURLE_FAILED_INIT;
  va_list ap;
  va_start(ap, option);
  CURLcode rc = CURLE_OK;
  const int kind = static_cast<int>(option) / 10000 * 10000;
  if (kind == CURLOPTTYPE_LONG) {
    rc = api().easy_setopt(easy, option, va_arg(ap, long));
  } else if (kind == CURLOPTTYPE_OFF_T) {
    rc = api().easy_setopt(easy, option, va_arg(ap, curl_off_t));
  } else if (kind == CURLOPTTYPE_FUNCTIONPOINT) {
    rc = api().easy_setopt(easy, option, va_arg(ap, void (*)()));
  } else {
    rc = api().easy_setopt(easy, option, va_arg(ap, void*));
  }
  va_end(ap);
  return rc;
}

// Every CURLINFO takes one pointer to where the answer goes.
CURLcode curl_easy_getinfo(CURL* easy, CURLINFO info, ...) {
  if (!ready()) return CURLE_FAILED_INIT;
  va_list ap;
  va_start(ap, info);
  void* out = va_arg(ap, void*);
  va_end(ap);
  return api().easy_getinfo(easy, info, out);
}

const char* curl_easy_strerror(CURLcode code) {
  return ready() ? api().easy_strerror(code) : "libcurl is not available";
}
void curl_free(void* p) {
  if (ready()) api().free(p);
}
curl_slist* curl_slist_append(curl_slist* list, const char* line) {
  return ready() ? api().slist_append(list, line) : nullptr;
}
void curl_slist_free_all(curl_slist* list) {
  if (ready()) api().slist_free_all(list);
}
CURLU* curl_url() { return ready() ? api().url() : nullptr; }
void curl_url_cleanup(CURLU* u) {
  if (ready()) api().url_cleanup(u);
}
CURLUcode curl_url_get(CURLU* u, CURLUPart part, char** out, unsigned int flags) {
  return ready() ? api().url_get(u, part, out, flags) : CURLUE_OUT_OF_MEMORY;
}
CURLUcode curl_url_set(CURLU* u, CURLUPart part, const char* text, unsigned int flags) {
  return ready() ? api().url_set(u, part, text, flags) : CURLUE_OUT_OF_MEMORY;
}

}  // extern "C"
