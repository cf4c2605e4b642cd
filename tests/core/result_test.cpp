// Result<T>: the project's one-reason error type holds a value or one Error line, never both.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/result.hpp"

namespace kiosk {
namespace {

Result<int> half(int n) {
  if (n % 2 != 0) return Error{"half: expected an even number, found " + std::to_string(n)};
  return n / 2;
}

Result<void> must_be_positive(int n) {
  if (n <= 0) return Error{"expected a positive number"};
  return {};
}

TEST(Result, HoldsTheValueOrTheOneErrorLine) {
  auto good = half(8);
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(static_cast<bool>(good));
  EXPECT_EQ(good.value(), 4);
  EXPECT_EQ(*good, 4);

  auto bad = half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().what, "half: expected an even number, found 3");
  EXPECT_EQ(bad.error(), Error{"half: expected an even number, found 3"});
  EXPECT_EQ(bad.value_or(-1), -1);
  EXPECT_EQ(good.value_or(-1), 4);
}

TEST(Result, StringValuesAndErrorsDoNotMix) {
  Result<std::string> text = std::string("公示");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->size(), 6u);
  Result<std::string> failed = Error{"notices.json: expected an object, found \"x\""};
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.value_or("none"), "none");
}

TEST(Result, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> p = std::move(r).value();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 7);
}

TEST(Result, VoidSaysOnlyWhetherItWorkedAndWhy) {
  EXPECT_TRUE(must_be_positive(1).ok());
  auto r = must_be_positive(0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().what, "expected a positive number");
}

TEST(ResultDeathTest, ReadingTheWrongSideAbortsInsteadOfThrowing) {
  EXPECT_DEATH({ (void)half(3).value(); }, "");
  EXPECT_DEATH({ (void)half(2).error(); }, "");
  EXPECT_DEATH({ (void)must_be_positive(1).error(); }, "");
}

}  // namespace
}  // namespace kiosk
