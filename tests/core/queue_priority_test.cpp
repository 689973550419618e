// Unit tests of the waiting queue's order (priority, then arrival), a priority change moving a
// waiting session, the team board's longest wait under that order, and holidays in business hours.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "business_hours.hpp"
#include "desk_fixture.hpp"
#include "permissions.hpp"
#include "routing.hpp"
#include "team_board.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;
using parley::test::utc;

namespace {

std::vector<std::string> queue_ids(const Desk& desk, const std::string& group) {
  std::vector<std::string> ids;
  for (const QueueEntry& entry : desk.state.groups[desk.group(group)].queue) ids.push_back(desk.state.chats[entry.chat].id);
  return ids;
}

void start_with(Desk& desk, Timestamp at, const std::string& chat, const std::string& priority) {
  desk.ok(at, R"({"type":"chat.start","chat":")" + chat + R"(","group":"g","channel":"Widget","by":"client","priority":")" +
                  priority + R"("})");
}

}  // namespace

TEST_CASE("the queue serves urgent first, then by arrival, and a changed priority moves a waiting session") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "g", "supervisor");
  start_with(desk, at_min(1), "c1", "normal");
  start_with(desk, at_min(2), "c2", "low");
  start_with(desk, at_min(3), "c3", "urgent");
  start_with(desk, at_min(4), "c4", "normal");
  CHECK(queue_ids(desk, "g") == std::vector<std::string>{"c3", "c1", "c4", "c2"});
  desk.ok(at_min(5), R"({"type":"chat.set_priority","chat":"c4","priority":"high","by":"agent:ann"})");
  CHECK(queue_ids(desk, "g") == std::vector<std::string>{"c3", "c4", "c1", "c2"});
  desk.ok(at_min(6), R"({"type":"chat.set_priority","chat":"c3","priority":"low","by":"agent:ann"})");
  CHECK(queue_ids(desk, "g") == std::vector<std::string>{"c4", "c1", "c2", "c3"});
  CHECK(desk.state.find_chat("c3")->priority == Priority::low);

  // The board's longest wait is c1's (the oldest), not the head's (c4).
  const Login login{desk.agent("ann"), kRoleSupervisor};
  const auto board = team_board(desk.state, login, at_min(10));
  REQUIRE(board.ok());
  REQUIRE(board.value().groups.size() == 1);
  CHECK(board.value().groups[0].oldest_wait_since == at_min(1));
  CHECK(oldest_waiting_since(desk.state.groups[desk.group("g")]) == at_min(1));
}

TEST_CASE("a session's weight counts against the group's load limit, the count against max_active") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"routing":"accept","max_active":3,"max_load":1500})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.ok(at_min(0), R"({"type":"channel.set","channel":"Email","weight":500})");
  desk.status(at_min(1), "ann", "online");
  const AgentIx ann = desk.agent("ann");
  const GroupIx g = desk.group("g");
  CHECK(takes_routed_session(desk.state, ann, g, 1000));
  desk.client_starts(at_min(2), "c1", "g");
  desk.accept(at_min(2), "c1", "ann");
  CHECK(agent_load(desk.state, desk.state.agents[ann]) == 1000);
  CHECK(takes_routed_session(desk.state, ann, g, 500));
  CHECK_FALSE(takes_routed_session(desk.state, ann, g, 1000));
  CHECK(best_free_agent(desk.state, g, kNoIndex, 500) == ann);
  CHECK(best_free_agent(desk.state, g, kNoIndex, 1000) == kNoIndex);
}

TEST_CASE("holidays close the whole local day and the next opening skips them") {
  BusinessHours hours;
  hours.zone = *find_time_zone("Europe/Berlin");
  for (int day = 0; day < 5; ++day) hours.week[static_cast<std::size_t>(day)].push_back(*parse_day_range("09:00-17:00"));
  hours.closed_days = {*parse_local_date("2026-12-24"), *parse_local_date("2026-12-25")};
  CHECK(is_open(hours, utc("2026-12-23T10:00:00Z")));
  CHECK_FALSE(is_open(hours, utc("2026-12-24T10:00:00Z")));
  CHECK_FALSE(is_open(hours, utc("2026-12-25T10:00:00Z")));
  CHECK(next_opening(hours, utc("2026-12-24T10:00:00Z")) == utc("2026-12-28T08:00:00Z"));
  CHECK(parse_local_date("2026-12-24") == days_from_civil({2026, 12, 24}));
  CHECK(format_local_date(*parse_local_date("2028-02-29")) == "2028-02-29");
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "26-12-24", "2026/12/24", "2026-12-4x", "1969-12-31"})
    CHECK_MESSAGE(!parse_local_date(bad).has_value(), bad);
}

TEST_CASE("a group that holds routing tells the customer when it opens, once") {
  Desk desk;
  desk.make_group(at_min(0), "g",
                  R"({"routing":"auto","hold_outside_hours":true,"business_hours":{"zone":"UTC","week":{"tue":["09:00-17:00"]}}})");
  // at_min(0) is Monday 5 January 2026, 09:00 UTC: closed until Tuesday 09:00.
  desk.client_starts(at_min(60), "c1", "g");
  desk.say(at_min(61), "c1", "client", "hello");
  desk.say(at_min(62), "c1", "client", "still there?");
  const Chat& chat = *desk.state.find_chat("c1");
  REQUIRE(chat.messages.size() == 3);
  CHECK(chat.messages[MessageIx{1}].from == Actor{ActorKind::bot, kClosedReplyBot});
  CHECK(chat.messages[MessageIx{1}].text == "We are closed now. We open on Tue 6 Jan at 09:00 (UTC) and will answer you then.");
  CHECK(chat.messages[MessageIx{2}].from.kind == ActorKind::client);
  CHECK(chat.agent_replied == false);
}
