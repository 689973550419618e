// The reports' JSON read back (reports_from_json, what a REST client of the reports uses): a round
// trip through report_to_json gives the same rows, over a generated day too; bad answers are refused.
#include <doctest/doctest.h>

#include "../../bench/day_generator.hpp"
#include "engine.hpp"
#include "report_wire.hpp"
#include "reports.hpp"

namespace parley::test {

namespace {

Reports round_trip(ReportKind kind, const Reports& reports) {
  const ReportQuery query{0, kDay, "", std::nullopt};
  // Through text, as a client receives it.
  const auto parsed = parse_json(report_to_json(kind, query, reports).dump());
  REQUIRE(parsed);
  const Result<Reports> back = reports_from_json(kind, *parsed);
  REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().message));
  return back.value();
}

Reports sample_reports() {
  Reports reports;
  OperatorRow ann;
  ann.agent = "ann";
  ann.online_ms = 3 * kHour;
  ann.dnd_ms = 5 * kMinute;
  ann.offline_ms = 7;
  ann.assigned = 9;
  ann.sessions = 8;
  ann.replies = 40;
  ann.closed = 6;
  ann.missed = 1;
  ann.transfers = 2;
  ann.first_response = summarize({4000, 12000, 30000});
  ann.response = summarize({4000, 12000, 30000, 1500});
  ann.handle_ms = 2 * kHour;
  ann.avg_concurrency_milli = 1234;
  ann.sla_breaches = 3;
  reports.operators.push_back(ann);
  OperatorRow bo;  // no samples at all: null avg/p90/max
  bo.agent = "bo";
  reports.operators.push_back(bo);
  LiveChatRow sales;
  sales.group = "sales";
  sales.started = 12;
  sales.transferred_in = 2;
  sales.transferred_out = 1;
  sales.queued = 15;
  sales.wait = summarize({100, 90000});
  sales.abandoned = 1;
  sales.closed = 10;
  sales.first_response = summarize({20000});
  sales.sla_breaches = SlaBreachCounts{2, 1, 0};
  for (std::size_t h = 0; h < 24; ++h) sales.by_hour[h] = static_cast<std::int64_t>(h % 5);
  sales.peak_queue = 4;
  reports.live_chats.push_back(sales);
  reports.live_chats.push_back(LiveChatRow{});
  reports.live_chats.back().group = "empty";
  return reports;
}

}  // namespace

TEST_CASE("a report's JSON reads back to the same rows") {
  const Reports reports = sample_reports();
  const Reports operators = round_trip(ReportKind::operators, reports);
  CHECK(operators.operators == reports.operators);
  CHECK(operators.live_chats.empty());
  const Reports groups = round_trip(ReportKind::live_chats, reports);
  CHECK(groups.live_chats == reports.live_chats);
  CHECK(groups.operators.empty());
  CHECK(round_trip(ReportKind::operators, Reports{}).operators.empty());
}

TEST_CASE("both reports of a generated day read back to what the core computed") {
  bench::DayParams params;
  params.agents = 8;
  params.groups = 3;
  params.sessions = 80;
  params.messages = 700;
  params.seed = 5;
  const bench::Day day = bench::generate_day(params);
  State state;
  for (const bench::TimedCommand& c : day.commands) handle(state, c.command, c.at);
  const Timestamp end = state.last_event_at + 1;
  const Reports reports = compute_reports(state, ReportQuery{day.commands.front().at, end, "", std::nullopt}, end);
  REQUIRE(reports.operators.size() == 8);
  CHECK(round_trip(ReportKind::operators, reports).operators == reports.operators);
  CHECK(round_trip(ReportKind::live_chats, reports).live_chats == reports.live_chats);
}

TEST_CASE("an answer that is not a report of the kind asked for is refused, naming what is wrong") {
  const ReportQuery query{0, kDay, "", std::nullopt};
  Json json = report_to_json(ReportKind::operators, query, sample_reports());
  CHECK_FALSE(reports_from_json(ReportKind::live_chats, json).ok());
  CHECK_FALSE(reports_from_json(ReportKind::operators, Json::array()).ok());
  Json no_rows = json;
  no_rows.erase("rows");
  CHECK_FALSE(reports_from_json(ReportKind::operators, no_rows).ok());

  Json text_count = json;
  text_count["rows"][0]["replies"] = "40";
  const Result<Reports> refused = reports_from_json(ReportKind::operators, text_count);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::bad_command);
  CHECK(refused.error().message == "rows[0]: field 'replies' must be an integer");

  Json null_avg = json;
  null_avg["rows"][0]["first_response"]["avg_ms"] = nullptr;  // count 3 needs a value
  CHECK(reports_from_json(ReportKind::operators, null_avg).error().message ==
        "rows[0]: field 'avg_ms' must be an integer");

  Json groups = report_to_json(ReportKind::live_chats, query, sample_reports());
  groups["rows"][0]["by_hour"].erase(23);
  CHECK(reports_from_json(ReportKind::live_chats, groups).error().message ==
        "rows[0]: field 'by_hour' must be 24 integers");
}

}  // namespace parley::test
