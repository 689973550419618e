// Unit tests of core/percentages: whole percentages that add up to 100 (largest remainder), as the
// agent panel's pie chart shows them.
#include "percentages.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <numeric>
#include <vector>

using namespace parley;

namespace {

std::vector<int> pct(std::vector<std::int64_t> parts) { return whole_percentages(parts); }
int sum(const std::vector<int>& v) { return std::accumulate(v.begin(), v.end(), 0); }

}  // namespace

TEST_CASE("percentages: thirds add up to 100, the earliest tie rounded up") {
  CHECK(pct({1, 1, 1}) == std::vector<int>{34, 33, 33});
}

TEST_CASE("percentages: the case that showed 98 % now shows 100 %") {
  // 8h20m online, 1h40m do not disturb, 2h05m offline of 12h05m: floors are 68 + 13 + 17 = 98.
  const std::vector<int> shares = pct({30'000'000, 6'000'000, 7'500'000});
  CHECK(sum(shares) == 100);
  CHECK(shares == std::vector<int>{69, 14, 17});
}

TEST_CASE("percentages: the largest remainders get the missing points") {
  CHECK(pct({990, 6, 4}) == std::vector<int>{99, 1, 0});  // 99.0, 0.6, 0.4
  CHECK(pct({1, 998, 1}) == std::vector<int>{0, 100, 0});
  CHECK(pct({666, 167, 167}) == std::vector<int>{66, 17, 17});  // 66.6, 16.7, 16.7
}

TEST_CASE("percentages: exact shares, single parts, empty and zero totals") {
  CHECK(pct({1, 1, 2}) == std::vector<int>{25, 25, 50});
  CHECK(pct({0, 7, 0}) == std::vector<int>{0, 100, 0});
  CHECK(pct({0, 0, 0}) == std::vector<int>{0, 0, 0});
  CHECK(pct({}).empty());
  CHECK(pct({-5, 5}) == std::vector<int>{0, 100});
}

TEST_CASE("percentages: every split of a total sums to 100 and stays within 1 of its share") {
  for (std::int64_t a = 0; a <= 40; ++a)
    for (std::int64_t b = 0; b <= 40; ++b) {
      const std::int64_t c = 17;
      const std::vector<int> shares = pct({a, b, c});
      CHECK(sum(shares) == 100);
      const std::int64_t total = a + b + c;
      const std::int64_t parts[3] = {a, b, c};
      for (int i = 0; i < 3; ++i) {
        CHECK(shares[i] * total >= parts[i] * 100 - total);
        CHECK(shares[i] * total <= parts[i] * 100 + total);
      }
    }
}
