// Prometheus exposition of request counts, a latency histogram, streams and the event log.
#include "metrics.hpp"

#include <cstdio>

#include "rate_limits.hpp"

namespace parley::server {

void Metrics::observe_request(int status, std::int64_t micros) {
  ++requests_;
  if (status >= 500) ++errors_;
  latency_sum_us_ += static_cast<std::uint64_t>(micros);
  for (std::size_t i = 0; i < kBucketsMs.size(); ++i)
    if (static_cast<double>(micros) <= kBucketsMs[i] * 1000.0) ++buckets_[i];
}

std::string Metrics::render(const Gauges& g) const {
  std::string out;
  char line[160];
  auto add = [&](const char* text) { out += text; };
  add("# TYPE parley_http_requests_total counter\n");
  std::snprintf(line, sizeof line, "parley_http_requests_total %llu\n", (unsigned long long)requests_.load());
  add(line);
  std::snprintf(line, sizeof line, "parley_http_server_errors_total %llu\n", (unsigned long long)errors_.load());
  add(line);
  add("# TYPE parley_http_request_duration_seconds histogram\n");
  for (std::size_t i = 0; i < kBucketsMs.size(); ++i) {
    std::snprintf(line, sizeof line, "parley_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                  kBucketsMs[i] / 1000.0, (unsigned long long)buckets_[i].load());
    add(line);
  }
  std::snprintf(line, sizeof line, "parley_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                (unsigned long long)requests_.load());
  add(line);
  std::snprintf(line, sizeof line, "parley_http_request_duration_seconds_sum %.6f\n",
                static_cast<double>(latency_sum_us_.load()) / 1e6);
  add(line);
  std::snprintf(line, sizeof line, "parley_http_request_duration_seconds_count %llu\n",
                (unsigned long long)requests_.load());
  add(line);
  add("# TYPE parley_streams_open gauge\n");
  std::snprintf(line, sizeof line, "parley_streams_open %llu\n", (unsigned long long)open_streams.load());
  add(line);
  add("# TYPE parley_events_appended_total counter\n");
  std::snprintf(line, sizeof line, "parley_events_appended_total %llu\n", (unsigned long long)g.events_appended);
  add(line);
  std::snprintf(line, sizeof line, "parley_commit_batches_total %llu\n", (unsigned long long)g.batches);
  add(line);
  std::snprintf(line, sizeof line, "parley_event_log_last_seq %llu\n", (unsigned long long)g.last_seq);
  add(line);
  std::snprintf(line, sizeof line, "parley_worker_threads %zu\n", g.threads);
  add(line);
  add("# TYPE parley_connections_open gauge\n");
  std::snprintf(line, sizeof line, "parley_connections_open %zu\n", g.connections_open);
  add(line);
  add("# TYPE parley_connections_refused_total counter\n");
  std::snprintf(line, sizeof line, "parley_connections_refused_total %llu\n",
                (unsigned long long)g.connections_refused);
  add(line);
  add("# TYPE parley_rate_limited_total counter\n");
  for (std::size_t i = 0; i < kRateClasses.size(); ++i) {
    std::snprintf(line, sizeof line, "parley_rate_limited_total{limit=\"%s\"} %llu\n", rate_class_name(kRateClasses[i]),
                  (unsigned long long)g.rate_limited[i]);
    add(line);
  }
  return out;
}

}  // namespace parley::server
