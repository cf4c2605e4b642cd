// JsonReader: walks parsed JSON with a path, checking types, text rules and unknown keys, and
// records every problem as "FILE: PATH: expected …, found …". Used by every content parser and the
// config loader, so all of them speak the same error language.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.hpp"
#include "core/problem.hpp"

namespace kiosk::json {

using Json = nlohmann::json;

// How many levels of [ and { a file may nest; deeper input is refused before parsing.
inline constexpr int kMaxDepth = 32;
// At most this many problems are kept per file (core/problem.hpp).
using kiosk::kMaxProblemsPerFile;

// Parses bytes as one JSON document (UTF-8 checked first, depth bounded, no trailing garbage, each
// key at most once in its object). On failure adds one problem and returns nullopt: invalid UTF-8
// names the path of the string holding the first bad byte and which character it is, with the line
// and column ("notices[0].applicants[3].name: expected UTF-8 text, found invalid byte 0xC3 at
// character 5 (line 12, column 30; …)"), or only the line and column outside strings; a syntax
// error or too deep nesting, the line and column; a duplicate key, its path (one problem for each
// duplicate, capped as a Context caps). Ordinary documents
// take a single strict pass that builds the DOM straight from the bytes (about 4× faster than
// nlohmann's parser for a 6 MB notices.json); anything unusual or wrong takes the checks and
// nlohmann's parser, so the result and every message are the same either way.
std::optional<Json> parse(std::string_view bytes, const std::string& file, Problems& problems);

// An item read straight from the bytes, without a DOM: an object whose members are strings,
// nulls, booleans or arrays of objects whose own members are strings, nulls or booleans (what a
// large file's items mostly are: an applicant is ten strings and its reviews). Its strings are
// decoded (escapes applied) and well-formed UTF-8; nothing else is checked yet.
struct FlatObject;
struct FlatMember {
  enum class Kind { String, Null, Boolean, Objects };
  std::string key;
  Kind kind = Kind::String;
  std::string text;                 // String
  bool boolean = false;             // Boolean
  std::vector<FlatObject> objects;  // Objects (an empty array is Objects with none)
};
struct FlatObject {
  // At most this many members, and items in an array (more: not flat, read from a DOM, so a huge
  // object never costs a quadratic duplicate check); each key once.
  static constexpr std::size_t kMaxMembers = 32;
  std::vector<FlatMember> members;
  [[nodiscard]] FlatMember* find(std::string_view key);
};

// The items of one kind of array in a large file, handed out while the file is parsed so that they
// never all exist as a DOM at once (a 10,000-applicant notices.json: the whole DOM was 2× the
// file's size on top of the model built from it). keys is the route from the top-level object: the
// first key names an array in it, each next key a member of that array's items (objects), and the
// last names the arrays whose items are handed out: {"notices", "applicants"} is every
// notices[i].applicants[j]. take gets the indices on the route ({i, j}) and the item, which it may
// consume; the document keeps a null in its place, so every array keeps its size.
// Only the single fast pass streams: when parse takes the exact path (an unusual or wrong document)
// or fails, streamed is false, the items are in the document as usual, and whatever take (or
// take_flat) was given must be thrown away.
struct ItemStream {
  std::vector<std::string_view> keys;
  std::function<void(const std::vector<std::size_t>& indices, Json& item)> take;
  // Optional: each item that is a flat object is offered here first. true: taken, and nothing
  // more is done with it. false (the reader found anything wrong or unusual): the item is parsed
  // again into a DOM and given to take, whose readers find and word its problems, so every
  // message is the one the DOM path gives.
  std::function<bool(const std::vector<std::size_t>& indices, FlatObject& item)> take_flat = {};
  bool streamed = false;  // set by parse
};
std::optional<Json> parse(std::string_view bytes, const std::string& file, Problems& problems,
                          ItemStream& stream);

// "a string", "a number", "an object", "nothing" … for "found …" messages.
std::string describe(const Json& value);

enum class TextKind {
  OneLine,    // no control characters at all, nor U+2028 LINE / U+2029 PARAGRAPH SEPARATOR
  Paragraph,  // \n allowed (and U+2028, U+2029, which the layout breaks at as at \n)
};

struct TextRule {
  TextKind kind = TextKind::OneLine;
  std::size_t max_chars = 200;  // in code points
  bool allow_empty = false;
};

// The rule of every id (notices, applicants, a CSV sheet's 编号): [A-Za-z0-9_-]{1,64}; what an
// error message says is expected instead.
[[nodiscard]] bool is_id(std::string_view s);
inline constexpr std::string_view kIdExpected = "an id of 1–64 letters, digits, _ or -";

// A file's problems, capped (core/problem.hpp); the readers below report through it.
using Context = FileProblems;

// Checks text against a rule; returns the message ("expected …, found …") or empty when fine.
// Besides the rule's kind, length and emptiness: valid UTF-8, no bidi override or isolate
// characters, and text that is not empty must show something: text made only of characters for
// which utf8::shows_nothing holds (spaces, U+3000, zero-width characters, a lone combining mark …)
// is refused with "expected visible text, found only spaces/invisible characters", also where
// empty text is allowed.
std::string check_text(std::string_view text, const TextRule& rule);

class ObjectReader {
 public:
  // Reports "expected an object" when value is not one; every getter then returns nullopt.
  ObjectReader(const Json& value, std::string path, Context& ctx,
               std::vector<std::string_view> known_keys);
  // The same over a value the caller owns and gives up (a large file's items, read once):
  // text() and optional_text() move the strings out instead of copying them, and
  // consumable_array() hands out its items to be read the same way and then released.
  ObjectReader(Json& value, std::string path, Context& ctx,
               std::vector<std::string_view> known_keys);
  ~ObjectReader();  // reports unknown keys
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  [[nodiscard]] bool ok() const { return object_ != nullptr; }
  [[nodiscard]] std::string path(std::string_view key) const;
  [[nodiscard]] const Json* get(std::string_view key) const;  // nullptr when absent
  [[nodiscard]] bool has(std::string_view key) const { return get(key) != nullptr; }
  [[nodiscard]] bool is_null(std::string_view key) const;  // present and null

  std::optional<std::string> text(std::string_view key, const TextRule& rule);
  std::string optional_text(std::string_view key, const TextRule& rule);  // "" when absent
  std::optional<long long> integer(std::string_view key, long long min, long long max);
  std::optional<bool> boolean(std::string_view key);
  bool optional_boolean(std::string_view key, bool fallback);
  std::optional<CivilDate> date(std::string_view key);
  // Present and an array of at most max_items; reports otherwise. Empty optional when absent.
  const Json* array(std::string_view key, std::size_t max_items, bool required = true);
  // array(), mutable, for a reader made over a Json& (else nullptr, with nothing reported).
  Json* consumable_array(std::string_view key, std::size_t max_items, bool required = true);
  const Json* object(std::string_view key, bool required = true);
  // A string matching [A-Za-z0-9_-]{1,64}.
  std::optional<std::string> id(std::string_view key);
  // A string from a fixed set; the message lists the choices.
  std::optional<std::string> choice(std::string_view key,
                                    const std::vector<std::string_view>& choices);

  void report(std::string_view key, std::string message);
  // "found …" for the value at key (describe()); "nothing" when absent.
  [[nodiscard]] std::string found(std::string_view key) const;
  Context& context() { return ctx_; }

 private:
  const Json* require(std::string_view key, const char* expected);
  // text() of the member value found at key (a member of object_).
  std::optional<std::string> text_at(std::string_view key, const Json& value, const TextRule& rule);
  const Json* object_ = nullptr;
  Json* owned_ = nullptr;  // object_, when the reader may move values out of it
  std::string path_;
  Context& ctx_;
  std::vector<std::string_view> known_;
};

// ObjectReader's getters over a FlatObject (ItemStream::take_flat), with the same rules, for
// items that are expected to be fine: it reports nothing. Whatever ObjectReader would report
// (an unknown or missing key, a value of the wrong kind, text against its rule …) marks it
// failed() instead, and the caller reads the item again through ObjectReader over a DOM, which
// says what is wrong. The strings it returns are moved out of the item.
class FlatReader {
 public:
  FlatReader(FlatObject& item, const std::vector<std::string_view>& known_keys);

  [[nodiscard]] bool failed() const { return failed_; }
  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] bool is_null(std::string_view key) const;

  std::optional<std::string> text(std::string_view key, const TextRule& rule);
  std::string optional_text(std::string_view key, const TextRule& rule);
  std::optional<std::string> id(std::string_view key);
  std::optional<std::string> choice(std::string_view key,
                                    const std::vector<std::string_view>& choices);
  std::optional<bool> boolean(std::string_view key);
  std::optional<CivilDate> date(std::string_view key);
  // The array of objects at key, of at most max_items; nullptr (failed) otherwise.
  std::vector<FlatObject>* objects(std::string_view key, std::size_t max_items);
  // What ObjectReader::report would say is only marked: the DOM path says it.
  void report(std::string_view, const std::string&) { failed_ = true; }
  // A reader of one of this item's objects failed: so does this one.
  void include(const FlatReader& inner) { failed_ = failed_ || inner.failed_; }
  // ObjectReader::found's counterpart: nothing to describe here (what is found is reported).
  static std::string found(std::string_view) { return {}; }

 private:
  FlatMember* member(std::string_view key, FlatMember::Kind kind);  // nullptr (failed) if not so
  FlatObject& item_;
  bool failed_ = false;
};

std::string index_path(const std::string& path, std::size_t index);  // "notices[3]"

}  // namespace kiosk::json
