// Unit tests of core/decide: every refusal code, the fixed order of checks, that a refusal leaves
// State unchanged, accepted no-ops, and the credit/method decided into close events.
#include "decide.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "desk_fixture.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;
using parley::test::fingerprint;
using parley::test::parse_command;

namespace {

// Group g (accept routing): ann and olga online operators, bob offline operator, sue online
// supervisor, rita reader. Group h: hal, an offline operator; rex, a reader.
// c1: accepted by ann, with client message "m1" and ann's "a1"; c2: waiting; c3: closed by ann.
Desk refusal_desk() {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"routing":"accept"})");
  desk.make_group(at_min(0), "h", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.make_agent(at_min(0), "olga", "g");
  desk.make_agent(at_min(0), "bob", "g");
  desk.make_agent(at_min(0), "sue", "g", "supervisor");
  desk.make_agent(at_min(0), "rita", "g", "reader");
  desk.make_agent(at_min(0), "hal", "h");
  desk.make_agent(at_min(0), "rex", "h", "reader");
  for (const char* id : {"ann", "olga", "sue"}) desk.status(at_min(0), id, "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.accept(at_min(1), "c1", "ann");
  desk.ok(at_min(1), R"({"type":"message.send","chat":"c1","from":"client","text":"hi","message":"m1"})");
  desk.ok(at_min(1), R"({"type":"message.send","chat":"c1","from":"agent:ann","text":"yes","message":"a1"})");
  desk.client_starts(at_min(2), "c2", "g");
  desk.client_starts(at_min(2), "c3", "g");
  desk.accept(at_min(2), "c3", "ann");
  desk.act(at_min(2), "chat.close", "c3", "agent:ann");
  desk.ok(at_min(2), R"({"type":"sla_policy.create","policy":"gold","first_response_min":5})");
  return desk;
}

struct Case {
  const char* command;
  ErrorCode expected;
};

void check_refusals(const std::vector<Case>& cases) {
  Desk desk = refusal_desk();
  const Timestamp now = at_min(10);
  const std::string before = fingerprint(desk.state, now);
  const std::uint64_t applied = desk.state.applied_events;
  for (const Case& c : cases) {
    CAPTURE(c.command);
    const Result<Events> decided = decide(desk.state, parse_command(c.command), now);
    REQUIRE_FALSE(decided.ok());
    CHECK(error_code_name(decided.error().code) == error_code_name(c.expected));
    CHECK_FALSE(decided.error().message.empty());
    const Outcome outcome = handle(desk.state, parse_command(c.command), now);
    REQUIRE(outcome.error.has_value());
    CHECK(outcome.error->code == c.expected);
    CHECK(outcome.events.empty());
  }
  CHECK(desk.state.applied_events == applied);
  CHECK(fingerprint(desk.state, now) == before);
}

}  // namespace

TEST_CASE("bad_command: malformed or meaningless commands") {
  check_refusals({
      {R"({"type":"group.create","group":""})", ErrorCode::bad_command},
      {R"({"type":"agent.create","agent":""})", ErrorCode::bad_command},
      {R"({"type":"settings.set","session_gap_min":0})", ErrorCode::bad_command},
      {R"({"type":"chat.start","chat":"","group":"g","channel":"Widget","by":"client"})", ErrorCode::bad_command},
      {R"({"type":"chat.start","chat":"c9","group":"g","channel":"Widget","by":"process"})", ErrorCode::bad_command},
      {R"({"type":"message.send","chat":"c1","from":"client","text":""})", ErrorCode::bad_command},
      {R"({"type":"message.send","chat":"c1","from":"automatic","text":"x"})", ErrorCode::bad_command},
      {R"({"type":"message.status","chat":"c1","message":"a1","status":"sending"})", ErrorCode::bad_command},
      {R"({"type":"chat.transfer","chat":"c1","by":"agent:ann"})", ErrorCode::bad_command},
      {R"({"type":"chat.transfer","chat":"c1","by":"client","to_agent":"olga"})", ErrorCode::bad_command},
      {R"({"type":"chat.close","chat":"c1","by":"client"})", ErrorCode::bad_command},
      {R"({"type":"chat.reopen","chat":"c3","by":"process"})", ErrorCode::bad_command},
      {R"({"type":"chat.pause","chat":"c1","by":"bot:Helper"})", ErrorCode::bad_command},
  });
}

TEST_CASE("unknown ids: unknown_agent, unknown_chat, unknown_group, unknown_message") {
  check_refusals({
      {R"({"type":"agent.set_status","agent":"zed","status":"online"})", ErrorCode::unknown_agent},
      {R"({"type":"chat.accept","chat":"c2","agent":"zed"})", ErrorCode::unknown_agent},
      {R"({"type":"message.send","chat":"c1","from":"agent:zed","text":"x"})", ErrorCode::unknown_agent},
      {R"({"type":"chat.close","chat":"nope","by":"agent:ann"})", ErrorCode::unknown_chat},
      {R"({"type":"message.send","chat":"nope","from":"client","text":"x"})", ErrorCode::unknown_chat},
      {R"({"type":"chat.start","chat":"c9","group":"nope","channel":"Widget","by":"client"})",
       ErrorCode::unknown_group},
      {R"({"type":"agent.create","agent":"new","groups":["g","nope"]})", ErrorCode::unknown_group},
      {R"({"type":"group.update","group":"nope"})", ErrorCode::unknown_group},
      {R"({"type":"message.status","chat":"c1","message":"nope","status":"read"})", ErrorCode::unknown_message},
      {R"({"type":"message.resend","chat":"c1","message":"nope","by":"agent:ann"})", ErrorCode::unknown_message},
  });
}

TEST_CASE("already_exists: ids in use, and a reused message id with other content") {
  check_refusals({
      {R"({"type":"group.create","group":"g"})", ErrorCode::already_exists},
      {R"({"type":"agent.create","agent":"ann"})", ErrorCode::already_exists},
      {R"({"type":"chat.start","chat":"c1","group":"g","channel":"Widget","by":"client"})", ErrorCode::already_exists},
      {R"({"type":"message.send","chat":"c1","from":"client","text":"other","message":"m1"})",
       ErrorCode::already_exists},
      {R"({"type":"sla_policy.create","policy":"gold","first_response_min":9})", ErrorCode::already_exists},
  });
}

TEST_CASE("agent_offline, not_assigned, not_member, group_offline, bad_state, forbidden") {
  check_refusals({
      {R"({"type":"chat.accept","chat":"c2","agent":"bob"})", ErrorCode::agent_offline},
      {R"({"type":"chat.start","chat":"c9","group":"g","channel":"Widget","by":"agent:bob"})",
       ErrorCode::agent_offline},
      {R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_agent":"bob"})", ErrorCode::agent_offline},
      {R"({"type":"chat.assign","chat":"c2","agent":"bob","by":"agent:sue"})", ErrorCode::agent_offline},
      {R"({"type":"chat.reopen","chat":"c3","by":"agent:bob"})", ErrorCode::agent_offline},
      {R"({"type":"message.send","chat":"c1","from":"agent:olga","text":"x"})", ErrorCode::not_assigned},
      {R"({"type":"message.send","chat":"c2","from":"agent:olga","text":"x"})", ErrorCode::not_assigned},
      {R"({"type":"chat.close","chat":"c1","by":"agent:olga"})", ErrorCode::not_assigned},
      {R"({"type":"chat.pause","chat":"c1","by":"agent:sue"})", ErrorCode::not_assigned},
      {R"({"type":"chat.transfer","chat":"c1","by":"agent:olga","to_agent":"sue"})", ErrorCode::not_assigned},
      {R"({"type":"chat.accept","chat":"c2","agent":"hal"})", ErrorCode::not_member},
      {R"({"type":"message.send","chat":"c1","from":"agent:hal","text":"x"})", ErrorCode::not_member},
      {R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_agent":"hal"})", ErrorCode::not_member},
      {R"({"type":"chat.read","chat":"c1","agent":"hal"})", ErrorCode::not_member},
      {R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"h"})", ErrorCode::group_offline},
      {R"({"type":"chat.reopen","chat":"c1","by":"agent:ann"})", ErrorCode::bad_state},
      {R"({"type":"chat.close","chat":"c3","by":"agent:ann"})", ErrorCode::bad_state},
      {R"({"type":"chat.close","chat":"c3","by":"process"})", ErrorCode::bad_state},
      {R"({"type":"chat.accept","chat":"c1","agent":"olga"})", ErrorCode::bad_state},
      {R"({"type":"chat.resume","chat":"c1","by":"agent:ann"})", ErrorCode::bad_state},
      {R"({"type":"message.send","chat":"c3","from":"client","text":"x"})", ErrorCode::bad_state},
      {R"({"type":"message.status","chat":"c1","message":"m1","status":"read"})", ErrorCode::bad_state},
      {R"({"type":"message.resend","chat":"c1","message":"a1","by":"agent:ann"})", ErrorCode::bad_state},
      {R"({"type":"chat.assign","chat":"c1","agent":"ann","by":"agent:sue"})", ErrorCode::bad_state},
      {R"({"type":"agent.set_status","agent":"rita","status":"online"})", ErrorCode::forbidden},
      {R"({"type":"agent.set_status","agent":"rita","status":"dnd"})", ErrorCode::forbidden},
      {R"({"type":"message.send","chat":"c1","from":"agent:rita","text":"x"})", ErrorCode::forbidden},
      {R"({"type":"chat.accept","chat":"c2","agent":"rita"})", ErrorCode::forbidden},
  });
}

TEST_CASE("order of checks: unknown ids, role, membership, state, ownership, availability") {
  check_refusals({
      // unknown ids before the role: a reader naming an unknown target
      {R"({"type":"chat.transfer","chat":"c1","by":"agent:rita","to_agent":"zed"})", ErrorCode::unknown_agent},
      // unknown group before membership
      {R"({"type":"chat.transfer","chat":"c1","by":"agent:hal","to_group":"nope"})", ErrorCode::unknown_group},
      // role before membership: a reader of another group
      {R"({"type":"message.send","chat":"c1","from":"agent:rex","text":"x"})", ErrorCode::forbidden},
      // membership before state: a non-member closing a closed session
      {R"({"type":"chat.close","chat":"c3","by":"agent:hal"})", ErrorCode::not_member},
      // state before ownership: messaging a closed session that is not yours
      {R"({"type":"message.send","chat":"c3","from":"agent:olga","text":"x"})", ErrorCode::bad_state},
      {R"({"type":"chat.resume","chat":"c1","by":"agent:olga"})", ErrorCode::bad_state},
      // state before availability: an offline agent accepting an open session
      {R"({"type":"chat.accept","chat":"c1","agent":"bob"})", ErrorCode::bad_state},
      // ownership before availability: a non-owner transferring to an offline agent or group
      {R"({"type":"chat.transfer","chat":"c1","by":"agent:olga","to_agent":"bob"})", ErrorCode::not_assigned},
      {R"({"type":"chat.transfer","chat":"c1","by":"agent:olga","to_group":"h"})", ErrorCode::not_assigned},
  });
}

TEST_CASE("a command refused by the engine still lets due timers fire first") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"close_silent":true,"close_silent_after_min":5})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(2), "c1", "agent:ann");
  const Outcome outcome = desk.run(at_min(10), R"({"type":"chat.close","chat":"c1","by":"agent:ann"})");
  REQUIRE(outcome.error.has_value());
  CHECK(outcome.error->code == ErrorCode::bad_state);  // the timer closed it at 7
  REQUIRE(outcome.events.size() == 1);
  CHECK(outcome.events[0].at == at_min(7));
  CHECK(desk.chat_state("c1") == "closed");
}

TEST_CASE("a command older than the desk's clock is refused as bad_command") {
  Desk desk = refusal_desk();
  const std::string before = fingerprint(desk.state, at_min(5));
  const Outcome outcome = desk.run(at_min(1), R"({"type":"agent.set_status","agent":"bob","status":"online"})");
  REQUIRE(outcome.error.has_value());
  CHECK(outcome.error->code == ErrorCode::bad_command);
  CHECK(fingerprint(desk.state, at_min(5)) == before);
}

TEST_CASE("accepted no-ops produce no events") {
  Desk desk = refusal_desk();
  const Timestamp now = at_min(10);
  for (const char* command : {
           R"({"type":"agent.set_status","agent":"ann","status":"online"})",
           R"({"type":"message.send","chat":"c1","from":"client","text":"hi","message":"m1"})",
           R"({"type":"chat.read","chat":"c1","agent":"sue"})",
           R"({"type":"settings.set"})",
           R"({"type":"tick"})",
       }) {
    CAPTURE(command);
    const Result<Events> decided = decide(desk.state, parse_command(command), now);
    REQUIRE(decided.ok());
    CHECK(decided.value().empty());
  }
}

TEST_CASE("close events carry the method and the credited agent") {
  Desk desk = refusal_desk();
  const auto closed = [&](const char* command) {
    const Result<Events> decided = decide(desk.state, parse_command(command), at_min(10));
    REQUIRE(decided.ok());
    REQUIRE(decided.value().size() == 1);
    const auto* e = std::get_if<ChatClosed>(&decided.value()[0].body);
    REQUIRE(e != nullptr);
    return *e;
  };
  ChatClosed e = closed(R"({"type":"chat.close","chat":"c1","by":"manual:ann"})");
  CHECK(e.method == CloseMethod::manual);
  CHECK(e.credited_agent == "ann");
  e = closed(R"({"type":"chat.close","chat":"c1","by":"agent:sue"})");  // a supervisor closes ann's session
  CHECK(e.method == CloseMethod::agent);
  CHECK(e.credited_agent == "sue");
  e = closed(R"({"type":"chat.close","chat":"c1","by":"bot:Helper"})");
  CHECK(e.method == CloseMethod::chatbot);
  CHECK(e.credited_agent == "ann");
  e = closed(R"({"type":"chat.close","chat":"c1","by":"process"})");
  CHECK(e.method == CloseMethod::process);
  CHECK(e.credited_agent == "ann");
  e = closed(R"({"type":"chat.close","chat":"c2","by":"process"})");  // waiting: nobody to credit
  CHECK(e.credited_agent == "");
}

TEST_CASE("transfer events name the agent the session leaves") {
  Desk desk = refusal_desk();
  const Result<Events> decided =
      decide(desk.state,
             parse_command(R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_agent":"olga",)"
                           R"("reason":"billing"})"),
             at_min(10));
  REQUIRE(decided.ok());
  REQUIRE(decided.value().size() == 1);
  const auto* e = std::get_if<ChatTransferred>(&decided.value()[0].body);
  REQUIRE(e != nullptr);
  CHECK(e->from_agent == "ann");
  CHECK(e->to_agent == "olga");
  CHECK(e->reason == "billing");
  CHECK(decided.value()[0].at == at_min(10));
}

TEST_CASE("delivery reports: read is final, error only while sending, resend only after error") {
  Desk desk = refusal_desk();
  const auto status = [&](std::int64_t minute, const char* value) {
    return desk.refusal(
        at_min(minute),
        std::string(R"({"type":"message.status","chat":"c1","message":"a1","status":")") + value + R"("})");
  };
  const char* resend = R"({"type":"message.resend","chat":"c1","message":"a1","by":"agent:ann"})";
  const auto delivery = [&] { return desk.chat("c1").messages[desk.chat("c1").message_index.at("a1")].delivery; };
  CHECK(status(3, "error") == "accepted");
  CHECK(delivery() == Delivery::error);
  CHECK(desk.refusal(at_min(4), resend) == "accepted");
  CHECK(delivery() == Delivery::sending);
  CHECK(status(5, "delivered") == "accepted");
  CHECK(status(5, "error") == "bad_state");
  CHECK(desk.refusal(at_min(5), resend) == "bad_state");  // the customer got it: never twice
  CHECK(status(6, "read") == "accepted");
  const std::uint64_t applied = desk.state.applied_events;
  CHECK(status(7, "delivered") == "accepted");  // late report: nothing changes
  CHECK(desk.state.applied_events == applied);
  CHECK(delivery() == Delivery::read);
  CHECK(status(7, "error") == "bad_state");
}

TEST_CASE("starting a session: dnd agents may, offline agents may not") {
  Desk desk = refusal_desk();
  desk.status(at_min(3), "olga", "dnd");
  CHECK(
      desk.refusal(at_min(3), R"({"type":"chat.start","chat":"o1","group":"g","channel":"Phone","by":"agent:olga"})") ==
      "accepted");
  CHECK(desk.assignee("o1") == "olga");
  CHECK(
      desk.refusal(at_min(3), R"({"type":"chat.start","chat":"b1","group":"g","channel":"Phone","by":"agent:bob"})") ==
      "agent_offline");
  CHECK(desk.state.find_chat("b1") == nullptr);
}
