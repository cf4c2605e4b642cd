// Result<T>: the value of an operation that can fail for one reason, or that one reason as a line.
//
// Contract — the project's one error convention (README "Errors"):
//   1. Validation that can find many problems appends Problems to a `Problems&` (problem.hpp)
//      and returns std::optional<T>: nullopt exactly when it added a problem.
//   2. An operation that fails with one reason returns Result<T>: a T, or an Error whose `what`
//      is one line (`FILE: WHERE: expected …, found …` or a sentence naming the file and what is
//      expected). Result<void> is the same without a value.
//   3. No exception crosses a module's public API; no bool + out-parameter; no ad-hoc
//      `{ok, problem}` structs.
// Reading the value of a failed Result (or the error of a good one) is a programming error: it
// aborts rather than throwing, because no exception may leave a module.
#pragma once

#include <cstdlib>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace kiosk {

// The one reason an operation failed, as the single line shown to a person or a log.
struct Error {
  std::string what;
  bool operator==(const Error&) const = default;
};

template <class T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::remove_cv_t<T>, Error>, "Result<Error> is ambiguous");

 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  [[nodiscard]] T& value() & { return *check(std::get_if<0>(&v_)); }
  [[nodiscard]] const T& value() const& { return *check(std::get_if<0>(&v_)); }
  [[nodiscard]] T&& value() && { return std::move(*check(std::get_if<0>(&v_))); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  [[nodiscard]] const Error& error() const { return *check(std::get_if<1>(&v_)); }

  // The value, or `fallback` when the operation failed (its reason is dropped).
  template <class U>
  [[nodiscard]] T value_or(U&& fallback) const& {
    return ok() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  template <class P>
  static P* check(P* p) {
    if (p == nullptr) std::abort();
    return p;
  }
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;                                               // success: `return {};`
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit by design

  [[nodiscard]] bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] const Error& error() const {
    if (!failed_) std::abort();
    return error_;
  }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace kiosk
