// Unit tests of core/stats: First Online over hand-built status histories (gap edges, dnd, first
// ever online), and the panel numbers of a desk driven through handle() (durations, closed, missed).
#include "stats.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <utility>

#include "desk_fixture.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

constexpr Duration kGap = 6 * kHour;
constexpr AgentStatus kOn = AgentStatus::online, kOff = AgentStatus::offline, kDnd = AgentStatus::dnd;

// A history of (minutes after T0, status) changes, oldest first.
Agent with_history(std::initializer_list<std::pair<std::int64_t, AgentStatus>> changes) {
  Agent agent;
  agent.id = "hand";
  for (const auto& [minute, status] : changes) agent.history.push_back(StatusChange{at_min(minute), status});
  return agent;
}

// ann online in group "g" (auto routing), with `settings` for the group.
Desk desk_with_ann(const std::string& settings = "{}") {
  Desk desk;
  desk.make_group(at_min(0), "g", settings);
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  return desk;
}

AgentStats stats(const Desk& desk, const std::string& agent, Timestamp now) {
  return agent_stats(desk.state, desk.agent(agent), now);
}

}  // namespace

TEST_CASE("never online: no shift") {
  CHECK(shift_start(with_history({}), kGap) == -1);
  CHECK(shift_start(with_history({{0, kDnd}, {10, kOff}}), kGap) == -1);
}

TEST_CASE("first ever online starts the session when no long gap follows") {
  CHECK(shift_start(with_history({{0, kOn}}), kGap) == 0);
  CHECK(shift_start(with_history({{0, kDnd}, {30, kOn}}), kGap) == 1);
  CHECK(shift_start(with_history({{0, kOn}, {60, kOff}, {120, kOn}, {180, kDnd}}), kGap) == 0);
}

TEST_CASE("an offline run of exactly the gap starts a new session; one minute less does not") {
  CHECK(shift_start(with_history({{0, kOn}, {60, kOff}, {60 + 359, kOn}}), kGap) == 0);
  CHECK(shift_start(with_history({{0, kOn}, {60, kOff}, {60 + 360, kOn}}), kGap) == 2);
  // The gap is a parameter: 8 h makes the same 6 h pause too short.
  CHECK(shift_start(with_history({{0, kOn}, {60, kOff}, {60 + 360, kOn}}), 8 * kHour) == 0);
}

TEST_CASE("dnd is not offline: it neither counts toward the gap nor joins two offline runs") {
  // 10 h in dnd between two online periods.
  CHECK(shift_start(with_history({{0, kOn}, {60, kDnd}, {660, kOn}}), kGap) == 0);
  // 3 h offline, 1 h dnd, 3 h offline: two short offline periods.
  CHECK(shift_start(with_history({{0, kOn}, {60, kOff}, {240, kDnd}, {300, kOff}, {480, kOn}}), kGap) == 0);
  // dnd before a long offline run does not hide it.
  CHECK(shift_start(with_history({{0, kOn}, {60, kDnd}, {120, kOff}, {480, kOn}}), kGap) == 3);
  // dnd after a long offline run, before going online, does not hide it either.
  CHECK(shift_start(with_history({{0, kOn}, {60, kOff}, {420, kDnd}, {450, kOn}}), kGap) == 3);
}

TEST_CASE("the latest online period after a long gap wins, later short gaps do not reset") {
  const Agent agent = with_history({{0, kOn},
                                    {60, kOff},
                                    {500, kOn},  // after 440 min offline: a session start
                                    {600, kOff},
                                    {700, kOn},  // after 100 min: same session
                                    {720, kDnd},
                                    {750, kOn}});
  CHECK(shift_start(agent, kGap) == 2);
  const Agent two_gaps = with_history({{0, kOn}, {60, kOff}, {500, kOn}, {600, kOff}, {1000, kOn}, {1010, kOff}});
  CHECK(shift_start(two_gaps, kGap) == 4);
}

TEST_CASE("durations per status sum to total_ms from First Online to now") {
  Desk desk;
  desk.make_group(at_min(0), "g");
  desk.make_agent(at_min(0), "ann", "g");
  const AgentStats never = stats(desk, "ann", at_min(5));
  CHECK_FALSE(never.first_online.has_value());
  CHECK(never.total_ms == 0);
  desk.status(at_min(10), "ann", "online");
  desk.status(at_min(40), "ann", "dnd");
  desk.status(at_min(70), "ann", "offline");
  desk.status(at_min(100), "ann", "online");
  const AgentStats s = stats(desk, "ann", at_min(130));
  REQUIRE(s.first_online.has_value());
  CHECK(*s.first_online == at_min(10));
  CHECK(s.total_ms == 120 * kMinute);
  CHECK(s.online_ms == 60 * kMinute);
  CHECK(s.dnd_ms == 30 * kMinute);
  CHECK(s.offline_ms == 30 * kMinute);
  CHECK(s.online_ms + s.dnd_ms + s.offline_ms == s.total_ms);
  CHECK(s.status == AgentStatus::online);
  CHECK(s.status_since == at_min(100));
}

TEST_CASE("going online after the gap resets the panel; a longer shift_gap setting does not") {
  Desk desk = desk_with_ann();
  desk.status(at_min(60), "ann", "offline");
  desk.status(at_min(60 + 360), "ann", "online");
  AgentStats s = stats(desk, "ann", at_min(430));
  CHECK(*s.first_online == at_min(420));
  CHECK(s.total_ms == 10 * kMinute);
  CHECK(s.offline_ms == 0);
  desk.ok(at_min(430), R"({"type":"settings.set","session_gap_min":480})");
  s = stats(desk, "ann", at_min(430));
  CHECK(*s.first_online == at_min(0));
  CHECK(s.offline_ms == 360 * kMinute);
  CHECK(s.online_ms + s.dnd_ms + s.offline_ms == s.total_ms);
}

TEST_CASE("closed counts only closes credited inside the current shift") {
  Desk desk = desk_with_ann();
  desk.client_starts(at_min(1), "c1", "g");
  REQUIRE(desk.assignee("c1") == "ann");
  desk.act(at_min(20), "chat.close", "c1", "agent:ann");
  CHECK(stats(desk, "ann", at_min(25)).closed == 1);
  desk.status(at_min(30), "ann", "offline");
  desk.status(at_min(30 + 360), "ann", "online");
  CHECK(stats(desk, "ann", at_min(391)).closed == 0);
  desk.client_starts(at_min(395), "c2", "g");
  desk.act(at_min(400), "chat.close", "c2", "manual:ann");
  CHECK(stats(desk, "ann", at_min(410)).closed == 1);
}

TEST_CASE("the credit follows the latest close: a reopen-and-close by another agent moves it") {
  Desk desk = desk_with_ann();
  desk.make_agent(at_min(0), "bob", "g");
  desk.status(at_min(0), "bob", "online");
  desk.client_starts(at_min(1), "c1", "g");
  REQUIRE(desk.assignee("c1") == "ann");
  desk.act(at_min(2), "chat.close", "c1", "agent:ann");
  desk.act(at_min(3), "chat.reopen", "c1", "agent:bob");
  CHECK(stats(desk, "ann", at_min(3)).closed == 1);  // reopened but not closed again: still ann's
  desk.act(at_min(4), "chat.close", "c1", "agent:bob");
  CHECK(stats(desk, "ann", at_min(5)).closed == 0);
  CHECK(stats(desk, "bob", at_min(5)).closed == 1);
}

TEST_CASE("a silent-client close and a bot close credit the assigned agent") {
  Desk desk = desk_with_ann(R"({"close_silent":true,"close_silent_after_min":10})");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(2), "c1", "agent:ann");
  desk.client_starts(at_min(3), "c2", "g");
  desk.act(at_min(4), "chat.close", "c2", "bot:Helper");
  CHECK(stats(desk, "ann", at_min(5)).closed == 1);
  desk.ok(at_min(12), R"({"type":"tick"})");
  CHECK(desk.chat_state("c1") == "closed");
  CHECK(stats(desk, "ann", at_min(12)).closed == 2);
}

TEST_CASE("missed counts automatic transfers away from the agent, by time and inside the session") {
  Desk desk = desk_with_ann(R"({"transfer_unanswered":true,"transfer_unanswered_after_min":5})");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(1), "c1", "client");
  desk.ok(at_min(10), R"({"type":"tick"})");
  CHECK(desk.chat_state("c1") == "queued");
  CHECK(stats(desk, "ann", at_min(6) - 1).missed == 0);
  CHECK(stats(desk, "ann", at_min(6)).missed == 1);
  const auto ann = desk.state.agent_ix("ann");
  CHECK(shift_misses(desk.state, ann, at_min(6) - 1).empty());
  REQUIRE(shift_misses(desk.state, ann, at_min(6)).size() == 1);
  CHECK(shift_misses(desk.state, ann, at_min(6)).front() == Miss{at_min(6), "c1"});
  desk.status(at_min(10), "ann", "offline");
  desk.status(at_min(10 + 360), "ann", "online");
  CHECK(stats(desk, "ann", at_min(371)).missed == 0);
  CHECK(shift_misses(desk.state, ann, at_min(371)).empty());
}

TEST_CASE("on_hold and active follow pause, resume and close") {
  Desk desk = desk_with_ann();
  desk.client_starts(at_min(1), "c1", "g");
  desk.client_starts(at_min(1), "c2", "g");
  desk.act(at_min(2), "chat.pause", "c1", "agent:ann");
  AgentStats s = stats(desk, "ann", at_min(3));
  CHECK(s.active == 2);
  CHECK(s.on_hold == 1);
  desk.act(at_min(4), "chat.close", "c1", "agent:ann");
  s = stats(desk, "ann", at_min(5));
  CHECK(s.active == 1);
  CHECK(s.on_hold == 0);
}
