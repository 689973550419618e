// The reports of SPEC §9: sample sets (nearest-rank p90), the CSV export, and over generated days
// that a range split in two adds up to the whole and the totals match the log.
#include <doctest/doctest.h>

#include <algorithm>

#include "../../bench/day_generator.hpp"
#include "engine.hpp"
#include "report_wire.hpp"
#include "reports.hpp"

namespace parley::test {

TEST_CASE("a sample set: floor average, nearest-rank p90, maximum; empty when there are none") {
  CHECK(summarize({}) == SampleSet{});
  CHECK(summarize({7}) == SampleSet{1, 7, 7, 7});
  CHECK(summarize({3, 1, 2}) == SampleSet{3, 2, 3, 3});
  std::vector<Duration> hundred;
  for (Duration d = 100; d >= 1; --d) hundred.push_back(d * 10);
  CHECK(summarize(hundred) == SampleSet{100, 505, 900, 1000});  // rank ceil(90) = 90th of 10..1000
  std::vector<Duration> eleven;
  for (Duration d = 1; d <= 11; ++d) eleven.push_back(d);
  CHECK(summarize(eleven).p90_ms == 10);  // rank ceil(9.9) = 10
}

TEST_CASE("CSV cells: quoted when needed, formula starts neutralised") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("+1") == "'+1");
  CHECK(csv_field("-2") == "'-2");
  CHECK(csv_field("@sum") == "'@sum");
  CHECK(csv_field("\tx") == "'\tx");
  CHECK(csv_field("\rx") == "\"'\rx\"");
}

TEST_CASE("the CSV export has one header and one line per row, sample sets flattened") {
  Reports reports;
  reports.operators.push_back(OperatorRow{});
  reports.operators.back().agent = "=ann";
  reports.operators.back().first_response = summarize({5, 9});
  const std::string csv = report_to_csv(ReportKind::operators, reports);
  const std::string header = csv.substr(0, csv.find("\r\n"));
  CHECK(header.rfind("agent,online_ms,dnd_ms,offline_ms,assigned,sessions,replies,closed,missed,transfers,"
                     "first_response_count,first_response_avg_ms,first_response_p90_ms,first_response_max_ms,",
                     0) == 0);
  CHECK(csv.find("\r\n'=ann,0,0,0,0,0,0,0,0,0,2,7,9,9,0,,,,0,0,0\r\n") != std::string::npos);
  const std::string empty = report_to_csv(ReportKind::live_chats, Reports{});
  CHECK(empty.find("by_hour_23,peak_queue\r\n") != std::string::npos);
  CHECK(std::count(empty.begin(), empty.end(), '\n') == 1);
}

namespace {

std::int64_t sum_rows(const Reports& r, std::int64_t OperatorRow::*field) {
  std::int64_t total = 0;
  for (const OperatorRow& row : r.operators) total += row.*field;
  return total;
}
std::int64_t sum_groups(const Reports& r, std::int64_t LiveChatRow::*field) {
  std::int64_t total = 0;
  for (const LiveChatRow& row : r.live_chats) total += row.*field;
  return total;
}

}  // namespace

TEST_CASE("over a generated day, two halves of a range add up to the whole and totals match the log") {
  bench::DayParams params;
  params.agents = 12;
  params.groups = 3;
  params.sessions = 150;
  params.messages = 1500;
  params.seed = 21;
  const bench::Day day = bench::generate_day(params);
  State state;
  Events log;
  for (const bench::TimedCommand& c : day.commands) {
    Outcome outcome = handle(state, c.command, c.at);
    for (Event& e : outcome.events) log.push_back(std::move(e));
  }
  const Timestamp start = log.front().at, end = state.last_event_at + 1, middle = start + (end - start) / 2;
  const Reports whole = compute_reports(state, ReportQuery{start, end, "", std::nullopt}, end);
  const Reports first = compute_reports(state, ReportQuery{start, middle, "", std::nullopt}, end);
  const Reports second = compute_reports(state, ReportQuery{middle, end, "", std::nullopt}, end);
  REQUIRE(whole.operators.size() == static_cast<std::size_t>(params.agents));
  REQUIRE(whole.live_chats.size() == static_cast<std::size_t>(params.groups));

  std::int64_t agent_messages = 0, started = 0, closes = 0;
  for (const Event& e : log) {
    if (const auto* m = std::get_if<MessageSent>(&e.body); m && m->from.is_agent()) ++agent_messages;
    if (std::holds_alternative<ChatStarted>(e.body)) ++started;
    if (std::holds_alternative<ChatClosed>(e.body)) ++closes;
  }
  CHECK(agent_messages > 0);
  CHECK(sum_rows(whole, &OperatorRow::replies) == agent_messages);
  CHECK(sum_groups(whole, &LiveChatRow::started) == started);
  CHECK(sum_groups(whole, &LiveChatRow::closed) == closes);
  for (auto field : {&OperatorRow::assigned, &OperatorRow::replies, &OperatorRow::closed, &OperatorRow::missed,
                     &OperatorRow::transfers})
    CHECK(sum_rows(first, field) + sum_rows(second, field) == sum_rows(whole, field));
  for (auto field : {&LiveChatRow::started, &LiveChatRow::queued, &LiveChatRow::closed, &LiveChatRow::abandoned,
                     &LiveChatRow::transferred_in, &LiveChatRow::transferred_out})
    CHECK(sum_groups(first, field) + sum_groups(second, field) == sum_groups(whole, field));
  for (std::size_t i = 0; i < whole.operators.size(); ++i) {
    const OperatorRow &w = whole.operators[i], &a = first.operators[i], &b = second.operators[i];
    CHECK(a.online_ms + b.online_ms == w.online_ms);
    CHECK(a.dnd_ms + b.dnd_ms == w.dnd_ms);
    CHECK(a.handle_ms + b.handle_ms == w.handle_ms);
    CHECK(a.response.count + b.response.count == w.response.count);
    CHECK(w.online_ms + w.dnd_ms + w.offline_ms <= end - start);
  }
  std::int64_t answered_waits = 0;
  for (const LiveChatRow& row : whole.live_chats) answered_waits += row.wait.count;
  CHECK(answered_waits <= sum_rows(whole, &OperatorRow::assigned));
}

}  // namespace parley::test
