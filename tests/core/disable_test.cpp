// Unit tests of disabling agents and groups (agent.update / group.update with "disabled":true): a
// disabled agent is signed off and may not go online, so it gets no sessions; a disabled group takes
// no new sessions or transfers but keeps working what it has.
#include <doctest/doctest.h>

#include "desk_fixture.hpp"
#include "wire.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

// Auto group sales, accept group support; ann and bo operators of sales, zed of support; all online.
Desk disable_desk() {
  Desk desk;
  desk.make_group(at_min(0), "sales");
  desk.make_group(at_min(0), "support", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "bo", "sales");
  desk.make_agent(at_min(0), "zed", "support");
  for (const char* id : {"ann", "bo", "zed"}) desk.status(at_min(0), id, "online");
  return desk;
}

const char* kDisableBo = R"({"type":"agent.update","agent":"bo","groups":["sales"],"roles":["operator"],"disabled":true})";
const char* kEnableBo = R"({"type":"agent.update","agent":"bo","groups":["sales"],"roles":["operator"]})";

}  // namespace

TEST_CASE("disabling an online agent signs it off first; it may not come back online until enabled") {
  Desk desk = disable_desk();
  const Outcome outcome = desk.ok(at_min(1), kDisableBo);
  REQUIRE(outcome.events.size() == 2);
  CHECK(std::holds_alternative<AgentStatusChanged>(outcome.events[0].body));
  CHECK(std::holds_alternative<AgentUpdated>(outcome.events[1].body));
  const Agent& bo = desk.state.agents[desk.agent("bo")];
  CHECK(bo.disabled);
  CHECK(bo.status == AgentStatus::offline);
  CHECK(desk.refusal(at_min(2), R"({"type":"agent.set_status","agent":"bo","status":"online"})") == "forbidden");
  CHECK(desk.refusal(at_min(2), R"({"type":"agent.set_status","agent":"bo","status":"dnd"})") == "forbidden");
  desk.ok(at_min(2), R"({"type":"agent.set_status","agent":"bo","status":"offline"})");  // a no-op
  desk.ok(at_min(3), kEnableBo);
  CHECK_FALSE(desk.state.agents[desk.agent("bo")].disabled);
  desk.status(at_min(4), "bo", "online");
}

TEST_CASE("a disabled agent receives no sessions: not routed, assigned or transferred to") {
  Desk desk = disable_desk();
  desk.ok(at_min(1), kDisableBo);
  desk.client_starts(at_min(2), "c1", "sales");
  desk.client_starts(at_min(2), "c2", "sales");
  CHECK(desk.assignee("c1") == "ann");
  CHECK(desk.assignee("c2") == "ann");
  CHECK(desk.refusal(at_min(3), R"({"type":"chat.assign","chat":"c1","agent":"bo","by":"process"})") ==
        "agent_offline");
  CHECK(desk.refusal(at_min(3), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_agent":"bo"})") ==
        "agent_offline");
}

TEST_CASE("a disabled group takes no new sessions or transfers, and keeps what it has") {
  Desk desk = disable_desk();
  desk.client_starts(at_min(1), "p1", "support");
  desk.client_starts(at_min(1), "s1", "sales");
  desk.ok(at_min(2), R"({"type":"group.update","group":"support","settings":{"routing":"accept"},"disabled":true})");
  CHECK(desk.state.groups[desk.group("support")].disabled);
  CHECK(desk.refusal(at_min(3), R"({"type":"chat.start","chat":"p2","group":"support","channel":"Widget","by":"client"})") ==
        "bad_state");
  CHECK(desk.refusal(at_min(3), R"({"type":"chat.start","chat":"p3","group":"support","channel":"Widget","by":"agent:zed"})") ==
        "bad_state");
  CHECK(desk.refusal(at_min(3), R"({"type":"chat.transfer","chat":"s1","by":"agent:ann","to_group":"support"})") ==
        "group_offline");
  desk.accept(at_min(4), "p1", "zed");  // its waiting session is still worked
  desk.say(at_min(5), "p1", "agent:zed", "still here");
  desk.ok(at_min(6), R"({"type":"group.update","group":"support","settings":{"routing":"accept"}})");
  desk.client_starts(at_min(7), "p4", "support");
}

TEST_CASE("\"disabled\" is written only when true, so other updates keep their wire form") {
  const Json on = event_to_json(Event{0, AgentUpdated{"bo", "Bo", "", {"sales"}, kRoleOperator, true}});
  const Json off = event_to_json(Event{0, AgentUpdated{"bo", "Bo", "", {"sales"}, kRoleOperator, false}});
  CHECK(on.contains("disabled"));
  CHECK_FALSE(off.contains("disabled"));
  const Result<Event> back = event_from_json(on);
  REQUIRE(back.ok());
  CHECK(std::get<AgentUpdated>(back.value().body).disabled);
}
