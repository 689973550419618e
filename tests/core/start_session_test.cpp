// Sessions agents start in the core: the first message stored with the start (delivered at once on an
// internal channel), refused for clients and offline agents; the groups a start is offered in; which
// channel kinds reach a customer.
#include <doctest/doctest.h>

#include "actions.hpp"
#include "desk_fixture.hpp"

namespace parley::test {

namespace {

struct StartDesk : Desk {
  StartDesk() {
    make_group(kT0, "sales");
    make_group(kT0, "vip");
    make_agent(kT0, "ann", "sales");
    make_agent(kT0, "rita", "sales", "reader");
  }
};

}  // namespace

TEST_CASE_FIXTURE(StartDesk, "an agent's start carries the first message; clients' and offline agents' do not") {
  const char* start = R"({"type":"chat.start","chat":"s1","group":"sales","channel":"ChatApp","client":"Kim","customer":"42","by":"agent:ann","text":"Your order is ready"})";
  CHECK(refusal(kT0, start) == "agent_offline");
  status(kT0, "ann", "online");
  CHECK(refusal(kT0, R"({"type":"chat.start","chat":"s0","group":"sales","channel":"W","client":"Bo","by":"client","text":"Hi"})") ==
        "bad_command");
  const Outcome started = ok(kT0 + kMinute, start);
  REQUIRE(started.events.size() == 2);
  CHECK(event_to_json(started.events[1]) ==
        *parse_json(R"({"at":"2026-01-05T09:01:00Z","type":"message.sent","chat":"s1","message":"s1.1","from":"agent:ann","text":"Your order is ready"})"));
  CHECK(assignee("s1") == "ann");
  CHECK(chat("s1").messages.begin()->delivery == Delivery::sending);  // the channel reports it
  const Outcome internal = ok(kT0 + kMinute, R"({"type":"chat.start","chat":"s2","group":"sales","channel":"Staff","client":"bo","by":"agent:ann","channel_kind":"internal","text":"Ping"})");
  REQUIRE(internal.events.size() == 3);
  CHECK(chat("s2").messages.begin()->delivery == Delivery::delivered);
  CHECK(refusal(kT0 + kMinute, R"({"type":"chat.start","chat":"s3","group":"vip","channel":"ChatApp","client":"Kim","by":"agent:ann","text":"Hi"})") ==
        "not_member");
}

TEST_CASE_FIXTURE(StartDesk, "a start is offered in the groups the agent works, never while offline or to readers") {
  CHECK(start_groups(state, agent("ann"), kT0).empty());  // offline
  status(kT0, "ann", "dnd");
  REQUIRE(start_groups(state, agent("ann"), kT0).size() == 1);
  CHECK(start_groups(state, agent("ann"), kT0)[0] == group("sales"));
  CHECK(start_groups(state, agent("rita"), kT0).empty());
}

TEST_CASE("a customer is reached on a messenger with somewhere to deliver, or an internal channel") {
  CHECK(channel_delivers("webhook", true));
  CHECK_FALSE(channel_delivers("webhook", false));
  CHECK(channel_delivers("internal", false));
  CHECK_FALSE(channel_delivers("widget", true));
}

}  // namespace parley::test
