// Whole percentages of parts of a total that add up to exactly 100 (largest remainder method), for
// the agent panel's pie chart. Pure and deterministic; ties go to the earlier part.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace parley {

// One whole percentage per part, summing to 100 when any part is positive (all 0 otherwise). Each
// is its exact share rounded down or up; the parts with the largest remainders are rounded up.
// Negative parts count as 0.
std::vector<int> whole_percentages(std::span<const std::int64_t> parts);

}  // namespace parley
