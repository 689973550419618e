// The reports from State::report_facts against the reference fold of the whole log, over generated
// days and many random ranges, groups, zones and `now`s: every field of every row must be equal.
#include <doctest/doctest.h>

#include "../../bench/day_generator.hpp"
#include "engine.hpp"
#include "report_oracle.hpp"
#include "reports.hpp"

namespace parley::test {

namespace {

struct Desk {
  State state;
  Events log;
  bench::DaySummary summary;
};

Desk run_day(std::uint64_t seed) {
  bench::DayParams params;
  params.agents = 14;
  params.groups = 4;
  params.sessions = 260;
  params.messages = 3000;
  params.seed = seed;
  const bench::Day day = bench::generate_day(params);
  Desk desk;
  desk.summary = day.summary;
  for (const bench::TimedCommand& c : day.commands) {
    Outcome outcome = handle(desk.state, c.command, c.at);
    for (Event& e : outcome.events) desk.log.push_back(std::move(e));
  }
  return desk;
}

// A small deterministic generator (same draws natively and in wasm).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : x_(seed * 2862933555777941757ull + 3037000493ull) {}
  std::uint64_t next() {
    x_ ^= x_ << 13;
    x_ ^= x_ >> 7;
    x_ ^= x_ << 17;
    return x_;
  }
  std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t x_;
};

// A time worth cutting at: an event's own time (or a millisecond either side), a whole hour, any
// millisecond of the day, or beyond either end.
Timestamp pick_time(Draw& draw, const Events& log) {
  const Timestamp first = log.front().at, last = log.back().at;
  switch (draw.below(6)) {
    case 0:
    case 1: return log[static_cast<std::size_t>(draw.below(static_cast<std::int64_t>(log.size())))].at + draw.below(3) - 1;
    case 2: return first + draw.below((last - first) / kHour + 1) * kHour;
    case 3: return first - kHour + draw.below(2 * kHour);
    case 4: return last - kHour + draw.below(2 * kHour);
    default: return first + draw.below(last - first + 1);
  }
}

void check_same(const Reports& fast, const Reports& oracle) {
  REQUIRE(fast.operators.size() == oracle.operators.size());
  REQUIRE(fast.live_chats.size() == oracle.live_chats.size());
  for (std::size_t i = 0; i < fast.operators.size(); ++i) {
    INFO("agent ", oracle.operators[i].agent);
    CHECK(fast.operators[i] == oracle.operators[i]);
  }
  for (std::size_t i = 0; i < fast.live_chats.size(); ++i) {
    INFO("group ", oracle.live_chats[i].group);
    CHECK(fast.live_chats[i] == oracle.live_chats[i]);
  }
}

}  // namespace

TEST_CASE("the reports kept by apply equal the fold of the log over random ranges of generated days") {
  const char* zones[] = {"UTC", "Asia/Kolkata", "America/New_York", "-03:30", "Europe/Berlin"};
  for (std::uint64_t seed : {11ull, 12ull, 13ull}) {
    const Desk desk = run_day(seed);
    REQUIRE(!desk.log.empty());
    // The days cut status periods, pauses, reopens and transfers (between groups too).
    CHECK(desk.summary.pauses > 0);
    CHECK(desk.summary.reopens > 0);
    CHECK(desk.summary.transfers > 0);
    Draw draw(seed);
    for (int round = 0; round < 50; ++round) {
      ReportQuery query;
      query.from = pick_time(draw, desk.log);
      query.to = draw.below(8) == 0 ? query.from : pick_time(draw, desk.log);
      if (draw.below(6) != 0 && query.to < query.from) std::swap(query.from, query.to);
      if (draw.below(3) == 0) query.group = desk.state.groups[GroupIx{static_cast<std::size_t>(draw.below(4))}].id;
      if (draw.below(10) == 0) query.group = "no-such-group";
      if (draw.below(2) == 0) query.zone = find_time_zone(zones[draw.below(5)]);
      const Timestamp now = draw.below(3) == 0 ? pick_time(draw, desk.log) : desk.state.last_event_at;
      INFO("seed ", seed, " round ", round, " from ", query.from, " to ", query.to, " now ", now, " group '", query.group,
           "'");
      check_same(compute_reports(desk.state, query, now), oracle_reports(desk.log, query, now));
    }
    // The whole day, as the benchmark asks it.
    const ReportQuery day{desk.log.front().at, desk.state.last_event_at + 1, "", std::nullopt};
    check_same(compute_reports(desk.state, day, desk.state.last_event_at),
               oracle_reports(desk.log, day, desk.state.last_event_at));
  }
}

}  // namespace parley::test
