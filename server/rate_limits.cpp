// Token buckets per key (see rate_limits.hpp).
#include "rate_limits.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace parley::server {

namespace {

constexpr std::size_t kMaxBuckets = 100000;  // beyond this, full buckets are forgotten

bool parse_number(std::string_view text, double& out) {
  if (text.empty() || text.size() > 12) return false;
  std::int64_t whole = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), whole);
  if (ec != std::errc() || end != text.data() + text.size() || whole < 0 || whole > 1000000000) return false;
  out = static_cast<double>(whole);
  return true;
}

}  // namespace

const char* rate_class_name(RateClass kind) {
  switch (kind) {
    case RateClass::staff_token: return "staff-token";
    case RateClass::staff_address: return "staff-address";
    case RateClass::public_token: return "public-token";
    case RateClass::public_address: return "public-address";
  }
  return "?";
}

bool parse_rate_limits(std::string_view text, RateLimits& limits, std::string& error) {
  if (text == "off") {
    for (RateLimit& limit : limits.limits) limit = RateLimit{};
    return true;
  }
  RateLimits parsed = limits;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const std::size_t equals = item.find('='), slash = item.find('/');
    const auto named = std::find_if(kRateClasses.begin(), kRateClasses.end(),
                                    [&](RateClass c) { return item.substr(0, equals) == rate_class_name(c); });
    RateLimit limit;
    if (equals == std::string_view::npos || slash == std::string_view::npos || slash < equals ||
        named == kRateClasses.end() || !parse_number(item.substr(equals + 1, slash - equals - 1), limit.per_second) ||
        !parse_number(item.substr(slash + 1), limit.burst) || (limit.per_second > 0 && limit.burst < 1)) {
      error = "rate limits are \"off\" or CLASS=RATE/BURST[,…] with CLASS one of staff-token, staff-address, "
              "public-token, public-address, whole numbers, BURST at least 1 (RATE 0: no limit); got \"" +
              std::string(item) + "\"";
      return false;
    }
    parsed.of(*named) = limit;
  }
  limits = parsed;
  return true;
}

std::optional<int> RateLimiter::take(RateClass kind, std::string_view key, std::chrono::steady_clock::time_point now) {
  const RateLimit& limit = limits_.of(kind);
  if (limit.per_second <= 0) return std::nullopt;
  std::string name(rate_class_name(kind));
  name += ':';
  name += key;
  const std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxBuckets) sweep(now);
  auto [found, added] = buckets_.try_emplace(std::move(name), Bucket{limit.burst, now, kind});
  Bucket& bucket = found->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.at).count();
  bucket.tokens = std::min(limit.burst, bucket.tokens + std::max(0.0, elapsed) * limit.per_second);
  bucket.at = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return std::nullopt;
  }
  ++refused_[static_cast<std::size_t>(kind)];
  return std::max(1, static_cast<int>(std::ceil((1 - bucket.tokens) / limit.per_second)));
}

// Forgets buckets that have refilled (they would start full again anyway), then, if still too many,
// the oldest half: a flood of new keys cannot grow memory without bound.
void RateLimiter::sweep(std::chrono::steady_clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    const Bucket& bucket = entry.second;
    const RateLimit& limit = limits_.of(bucket.kind);
    const double elapsed = std::chrono::duration<double>(now - bucket.at).count();
    return bucket.tokens + elapsed * limit.per_second >= limit.burst;
  });
  if (buckets_.size() < kMaxBuckets / 2) return;
  std::vector<std::chrono::steady_clock::time_point> times;
  times.reserve(buckets_.size());
  for (const auto& [key, bucket] : buckets_) times.push_back(bucket.at);
  std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2), times.end());
  const auto median = times[times.size() / 2];
  std::erase_if(buckets_, [&](const auto& entry) { return entry.second.at < median; });
}

}  // namespace parley::server
