// json_bench: kiosk/json's own strict parser beside simdjson (Debian's libsimdjson-dev) on a
// notices.json, for the choice README records. Usage: json_bench FILE [REPEATS [ONLY]]. Prints one
// JSON object of milliseconds (median and minimum over REPEATS, default 20) for:
//   kiosk_json_parse       json::parse: the fast strict pass to the nlohmann DOM every reader uses
//   simdjson_to_nlohmann   simdjson's DOM parser, then that DOM copied into the nlohmann DOM with
//                          duplicate keys refused (what a simdjson fast path would have to do)
//   simdjson_parse_only    simdjson's DOM parser alone (its lower bound; the readers cannot use it)
//   simdjson_padded_copy   copying the bytes into simdjson's padded buffer, which its parser needs
//                          (the bytes the loaders hold have no padding), not in the two above
//   nlohmann_parse         nlohmann::json::parse (the exact path)
// and checks that the first two give the same DOM. ONLY (one of those names) runs that one alone,
// for its peak RSS: /usr/bin/time -f %M json_bench FILE 1 simdjson_to_nlohmann.
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "core/files.hpp"
#include "json/reader.hpp"

namespace {

using kiosk::json::Json;

// simdjson's DOM into nlohmann's; false on a duplicate key or a number nlohmann would keep
// differently (a fraction: kiosk/json's fast path gives those up too).
bool to_nlohmann(simdjson::dom::element e, Json& out) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      out = Json::object();
      for (const auto field : simdjson::dom::object(e)) {
        Json value;
        if (!to_nlohmann(field.value, value)) return false;
        if (!out.emplace(std::string(field.key), std::move(value)).second) return false;
      }
      return true;
    }
    case simdjson::dom::element_type::ARRAY: {
      out = Json::array();
      for (const auto item : simdjson::dom::array(e)) {
        Json value;
        if (!to_nlohmann(item, value)) return false;
        out.push_back(std::move(value));
      }
      return true;
    }
    case simdjson::dom::element_type::STRING:
      out = std::string(std::string_view(e));
      return true;
    case simdjson::dom::element_type::INT64: {
      const std::int64_t v = int64_t(e);
      if (v >= 0) {
        out = static_cast<std::uint64_t>(v);
      } else {
        out = v;
      }
      return true;
    }
    case simdjson::dom::element_type::UINT64:
      out = uint64_t(e);
      return true;
    case simdjson::dom::element_type::BOOL:
      out = bool(e);
      return true;
    case simdjson::dom::element_type::NULL_VALUE:
      out = nullptr;
      return true;
    case simdjson::dom::element_type::DOUBLE:
      return false;
  }
  return false;
}

double ms(const std::function<void()>& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: json_bench FILE [REPEATS]\n";
    return 2;
  }
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
  const auto read = kiosk::files::read(argv[1], 64u << 20);
  if (!read) {
    std::cerr << "json_bench: " << argv[1] << ": " << read.error().what << "\n";
    return 1;
  }
  const std::string& bytes = *read;
  const std::string only = argc > 3 ? argv[3] : "";
  const auto wanted = [&only](const char* name) { return only.empty() || only == name; };
  const simdjson::padded_string padded(bytes);  // simdjson reads past the end: padded once, untimed
  simdjson::dom::parser parser;
  std::vector<double> ours, simd_dom, simd_only, nlohmann, copy;
  Json a, b;
  bool same = false;
  for (int r = 0; r < repeats; ++r) {
    if (wanted("kiosk_json_parse")) {
      ours.push_back(ms([&] {
        kiosk::Problems problems;
        a = kiosk::json::parse(bytes, "notices.json", problems).value_or(Json());
      }));
    }
    if (wanted("simdjson_to_nlohmann")) {
      simd_dom.push_back(ms([&] {
        simdjson::dom::element root;
        if (parser.parse(padded).get(root) != simdjson::SUCCESS || !to_nlohmann(root, b))
          b = Json();
      }));
      same = a == b && !a.is_null();
    }
    if (wanted("simdjson_padded_copy")) {
      copy.push_back(ms([&] {
        const simdjson::padded_string again(bytes);
        if (again.size() != bytes.size()) std::abort();
      }));
    }
    if (wanted("simdjson_parse_only")) {
      simd_only.push_back(ms([&] {
        simdjson::dom::element root;
        if (parser.parse(padded).get(root) != simdjson::SUCCESS) root = simdjson::dom::element();
      }));
    }
    if (wanted("nlohmann_parse")) nlohmann.push_back(ms([&] { b = Json::parse(bytes); }));
  }
  for (auto* v : {&ours, &simd_dom, &simd_only, &nlohmann, &copy}) {
    if (v->empty()) v->push_back(0);
  }
  const auto report = [](const char* name, std::vector<double> v, bool last) {
    std::sort(v.begin(), v.end());
    std::cout << "  \"" << name << "\": {\"median_ms\": " << std::fixed << std::setprecision(2)
              << v[v.size() / 2] << ", \"min_ms\": " << v.front() << "}" << (last ? "\n" : ",\n");
  };
  std::cout << "{\n  \"file\": \"" << argv[1] << "\",\n  \"bytes\": " << bytes.size()
            << ",\n  \"repeats\": " << repeats << ",\n  \"same_dom\": " << (same ? "true" : "false")
            << ",\n";
  report("kiosk_json_parse", ours, false);
  report("simdjson_to_nlohmann", simd_dom, false);
  report("simdjson_parse_only", simd_only, false);
  report("simdjson_padded_copy", copy, false);
  report("nlohmann_parse", nlohmann, true);
  std::cout << "}\n";
  return 0;
}
