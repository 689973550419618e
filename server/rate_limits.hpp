// Request rate limits: token buckets per bearer token and per client address, for the staff API
// (/api/v1/…) and the public writes (POST /widget/v1/…, /hooks/v1/…). Thread-safe; memory bounded.
#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace parley::server {

enum class RateClass { staff_token, staff_address, public_token, public_address };
inline constexpr std::array<RateClass, 4> kRateClasses{RateClass::staff_token, RateClass::staff_address,
                                                       RateClass::public_token, RateClass::public_address};
const char* rate_class_name(RateClass kind);  // "staff-token", …

struct RateLimit {
  double per_second = 0;  // 0: no limit
  double burst = 0;       // requests allowed at once after a quiet spell
};

struct RateLimits {
  std::array<RateLimit, 4> limits{RateLimit{50, 500}, RateLimit{500, 5000}, RateLimit{10, 100},
                                  RateLimit{100, 1000}};
  RateLimit& of(RateClass kind) { return limits[static_cast<std::size_t>(kind)]; }
  const RateLimit& of(RateClass kind) const { return limits[static_cast<std::size_t>(kind)]; }
};

// Reads "off" or a comma-separated list of CLASS=RATE/BURST (RATE per second, 0 for no limit) into
// `limits`, changing only the classes named. False with `error` set when the text is not that.
bool parse_rate_limits(std::string_view text, RateLimits& limits, std::string& error);

class RateLimiter {
 public:
  explicit RateLimiter(RateLimits limits) : limits_(limits) {}
  // Takes one request for `key` of class `kind`; nullopt when allowed, else the seconds to wait.
  std::optional<int> take(RateClass kind, std::string_view key, std::chrono::steady_clock::time_point now);
  std::uint64_t refused(RateClass kind) const { return refused_[static_cast<std::size_t>(kind)].load(); }

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point at;
    RateClass kind = RateClass::staff_token;
  };
  void sweep(std::chrono::steady_clock::time_point now);
  RateLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::array<std::atomic<std::uint64_t>, 4> refused_{};
};

}  // namespace parley::server
