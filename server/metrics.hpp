// Process-wide counters for /metrics (Prometheus text format). Lock-free increments.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace parley::server {

class Metrics {
 public:
  static constexpr std::array<double, 8> kBucketsMs{0.5, 1, 2, 5, 10, 50, 250, 1000};
  void observe_request(int status, std::int64_t micros);
  std::atomic<std::uint64_t> open_streams{0};
  // Renders every counter plus the gauges given by the caller.
  struct Gauges {
    std::uint64_t events_appended, batches, last_seq;
    std::size_t threads, connections_open;
    std::uint64_t connections_refused;
    std::array<std::uint64_t, 4> rate_limited;  // by RateClass
  };
  std::string render(const Gauges& gauges) const;

 private:
  std::atomic<std::uint64_t> requests_{0}, errors_{0}, latency_sum_us_{0};
  std::array<std::atomic<std::uint64_t>, kBucketsMs.size()> buckets_{};
};

}  // namespace parley::server
