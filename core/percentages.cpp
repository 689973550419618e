// Largest remainder: floor every share, then give the missing points to the largest remainders.
#include "percentages.hpp"

#include <algorithm>
#include <numeric>

namespace parley {

std::vector<int> whole_percentages(std::span<const std::int64_t> parts) {
  std::vector<int> result(parts.size(), 0);
  std::int64_t total = 0;
  for (std::int64_t p : parts) total += std::max<std::int64_t>(p, 0);
  if (total <= 0) return result;
  std::vector<std::int64_t> remainders(parts.size(), 0);
  int given = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::int64_t scaled = std::max<std::int64_t>(parts[i], 0) * 100;
    result[i] = static_cast<int>(scaled / total);
    remainders[i] = scaled % total;
    given += result[i];
  }
  std::vector<std::size_t> order(parts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < 100 && k < order.size(); ++k, ++given) ++result[order[k]];
  return result;
}

}  // namespace parley
