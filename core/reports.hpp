// The supervisor's reports of SPEC §9 (Operators' Performance, Live Chat Performance) over a range
// [from, to) clipped to `now`, an optional group and zone: pure functions of what apply() keeps in State.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "business_hours.hpp"
#include "model.hpp"
#include "permissions.hpp"

namespace parley {

// A sample set: count, average (rounded down), nearest-rank p90 and maximum; empty when count is 0.
struct SampleSet {
  std::int64_t count = 0;
  std::optional<Duration> avg_ms, p90_ms, max_ms;
  friend bool operator==(const SampleSet&, const SampleSet&) = default;
};
SampleSet summarize(std::vector<Duration> samples);

struct ReportQuery {
  Timestamp from = 0, to = 0;
  std::string group;             // empty: every group (operators: every agent)
  std::optional<TimeZone> zone;  // by_hour's zone; UTC when absent
};

struct OperatorRow {
  std::string agent;
  Duration online_ms = 0, dnd_ms = 0, offline_ms = 0;
  std::int64_t assigned = 0, sessions = 0, replies = 0, closed = 0, missed = 0, transfers = 0;
  SampleSet first_response, response;
  Duration handle_ms = 0;
  std::int64_t avg_concurrency_milli = 0, sla_breaches = 0;
  friend bool operator==(const OperatorRow&, const OperatorRow&) = default;
};

struct SlaBreachCounts {
  std::int64_t first_response = 0, next_response = 0, resolution = 0;
  friend bool operator==(const SlaBreachCounts&, const SlaBreachCounts&) = default;
};

struct LiveChatRow {
  std::string group;
  std::int64_t started = 0, transferred_in = 0, transferred_out = 0, queued = 0;
  SampleSet wait;
  std::int64_t abandoned = 0, closed = 0;
  SampleSet first_response;
  SlaBreachCounts sla_breaches;
  std::array<std::int64_t, 24> by_hour{};
  std::int64_t peak_queue = 0;
  friend bool operator==(const LiveChatRow&, const LiveChatRow&) = default;
};

struct Reports {
  std::vector<OperatorRow> operators;   // sorted by agent id
  std::vector<LiveChatRow> live_chats;  // sorted by group id
};

// Answers from the facts apply() kept in the state (State::report_facts): what happened in
// [query.from, query.to) up to `now`. An unknown `query.group` gives no rows.
Reports compute_reports(const State& state, const ReportQuery& query, Timestamp now);

// The rows a login may see: agents as may_view_agent says; groups for admins and the group's supervisors.
Reports visible_reports(const State& state, const Login& login, Reports reports);

}  // namespace parley
