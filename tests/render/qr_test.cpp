// QR matrices from libqrencode: size, quiet zone, finder patterns, determinism, limits.
#include "qr/qr.hpp"

#include <gtest/gtest.h>

namespace kiosk::qr {
namespace {

// A finder pattern: 7×7 dark ring, light ring, 3×3 dark centre, with its top-left at (x, y).
bool finder_at(const Matrix& m, int x0, int y0) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (m.dark(x0 + x, y0 + y) != (ring || centre)) return false;
    }
  }
  return true;
}

TEST(Qr, TelephoneUriGivesASmallSymbolWithQuietZoneAndFinders) {
  const auto m = make("tel:02159700000");
  ASSERT_TRUE(m);
  const int inner = m->size - 2 * kDefaultQuietZone;
  EXPECT_EQ(inner, 25) << "15 bytes at level M need version 2";
  ASSERT_EQ(m->modules->size(), static_cast<std::size_t>(m->size * m->size));
  for (int i = 0; i < m->size; ++i) {
    EXPECT_FALSE(m->dark(i, 0));
    EXPECT_FALSE(m->dark(0, i));
    EXPECT_FALSE(m->dark(i, m->size - 1));
    EXPECT_FALSE(m->dark(m->size - 1, i));
  }
  const int q = kDefaultQuietZone;
  EXPECT_TRUE(finder_at(*m, q, q));
  EXPECT_TRUE(finder_at(*m, q + inner - 7, q));
  EXPECT_TRUE(finder_at(*m, q, q + inner - 7));
  EXPECT_FALSE(finder_at(*m, q + inner - 7, q + inner - 7));
}

TEST(Qr, SameTextSameMatrix) {
  const auto a = make("tel:+862159700000");
  const auto b = make("tel:+862159700000");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a->modules, *b->modules);
  const auto c = make("tel:+862159700001");
  ASSERT_TRUE(c);
  EXPECT_NE(*a->modules, *c->modules);
}

TEST(Qr, QuietZoneIsConfigurable) {
  const auto m = make("tel:021", 0);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->size, 21);
  EXPECT_TRUE(finder_at(*m, 0, 0));
}

TEST(Qr, RefusesEmptyAndOverlongText) {
  EXPECT_FALSE(make(""));
  EXPECT_FALSE(make(std::string(4000, 'x')));
  EXPECT_TRUE(make(std::string(1500, 'x')));
  EXPECT_TRUE(make("监督电话"));
}

}  // namespace
}  // namespace kiosk::qr
