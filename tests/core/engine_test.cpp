// Unit tests of core/engine: handle() fires due timers (and the routing they trigger) at their own
// times before the command, the log never goes back in time, and replaying it rebuilds the State.
#include <doctest/doctest.h>

#include "desk_fixture.hpp"
#include "stats.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;
using parley::test::fingerprint;

namespace {

// A day touching every kind of event: routing, accept, messages and deliveries, pause/resume,
// transfers to an agent and to a group, the three timers, closes of every kind, reopen, status
// changes across a session gap and a desk setting change.
Desk busy_desk() {
  Desk d;
  d.ok(at_min(0), R"({"type":"settings.set","session_gap_min":300})");
  d.make_group(at_min(0), "sales",
               R"({"max_active":2,"close_silent":true,"close_silent_after_min":10,"transfer_unanswered":true,)"
               R"("transfer_unanswered_after_min":5,"first_response_min":2,"next_response_min":4})");
  d.make_group(at_min(0), "support", R"({"routing":"accept"})");
  d.make_agent(at_min(0), "ann", "sales");
  d.make_agent(at_min(0), "bob", "sales,support");
  d.make_agent(at_min(0), "sue", "sales,support", "operator,supervisor");
  d.status(at_min(1), "ann", "online");
  d.status(at_min(1), "bob", "online");
  d.client_starts(at_min(2), "c1", "sales", "Alice");
  d.say(at_min(2), "c1", "client", "hello");
  d.say(at_min(3), "c1", "agent:ann", "hi Alice");
  d.ok(at_min(3), R"({"type":"message.status","chat":"c1","message":"c1.2","status":"delivered"})");
  d.ok(at_min(4), R"({"type":"chat.read","chat":"c1","agent":"ann"})");
  d.client_starts(at_min(5), "c2", "sales", "Bert");
  d.say(at_min(5), "c2", "client", "anyone?");  // routed to bob; unanswered: bob → ann → sue → queue
  d.client_starts(at_min(6), "c3", "support", "Cleo");
  d.accept(at_min(7), "c3", "bob");
  d.act(at_min(8), "chat.pause", "c3", "agent:bob");
  d.status(at_min(8), "sue", "online");
  d.act(at_min(9), "chat.resume", "c3", "agent:bob");
  d.ok(at_min(9), R"({"type":"chat.transfer","chat":"c3","by":"agent:bob","to_agent":"sue","reason":"vip"})");
  d.ok(at_min(12), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"support","reason":"tech"})");
  d.accept(at_min(13), "c1", "bob");
  d.act(at_min(14), "chat.close", "c1", "manual:bob");
  d.act(at_min(15), "chat.reopen", "c1", "agent:sue");
  d.act(at_min(16), "chat.close", "c1", "bot:Helper");
  d.status(at_min(20), "ann", "dnd");
  d.status(at_min(21), "ann", "offline");
  d.client_starts(at_min(30), "c4", "sales", "Dora");
  d.say(at_min(31), "c4", "client", "hi");
  d.ok(at_min(60), R"({"type":"tick"})");
  d.status(at_min(21 + 300), "ann", "online");  // a new shift; c4 comes back to ann
  d.say(at_min(322), "c4", "agent:ann", "sorry for the wait");
  d.act(at_min(330), "chat.close", "c4", "process");
  return d;
}

std::string kinds(const Events& events) {
  std::string out;
  for (const Event& e : events)
    out += std::string(event_type(e.body)) + "@" + std::to_string((e.at - at_min(0)) / kMinute) + " ";
  return out;
}

}  // namespace

TEST_CASE("handle fires due timers in time order, each at its due time, before the command") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"close_silent":true,"close_silent_after_min":5,"first_response_min":3})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(1), "c1", "agent:ann");  // silent close due 6
  desk.client_starts(at_min(2), "c2", "g");
  desk.say(at_min(2), "c2", "client");  // SLA due 5
  const Outcome outcome = desk.ok(at_min(20), R"({"type":"chat.pause","chat":"c2","by":"agent:ann"})");
  CHECK(kinds(outcome.events) == "chat.sla_breached@5 chat.closed@6 chat.paused@20 ");
}

TEST_CASE("a timer due exactly at the command's time fires before it") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"close_silent":true,"close_silent_after_min":5})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(1), "c1", "agent:ann");
  const Outcome late = desk.run(at_min(6), R"({"type":"message.send","chat":"c1","from":"client","text":"hi"})");
  REQUIRE(late.error.has_value());
  CHECK(late.error->code == ErrorCode::bad_state);
  CHECK(kinds(late.events) == "chat.closed@6 ");
}

TEST_CASE("routing triggered by a timer is stamped with the timer's due time") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"max_active":1,"close_silent":true,"close_silent_after_min":5})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(1), "c1", "agent:ann");
  desk.client_starts(at_min(2), "c2", "g");
  CHECK(desk.chat_state("c2") == "queued");
  const Events fired = advance(desk.state, at_min(30));
  CHECK(kinds(fired) == "chat.closed@6 chat.assigned@6 ");
  CHECK(desk.assignee("c2") == "ann");
  CHECK(desk.chat("c2").assigned_at == at_min(6));
  CHECK(advance(desk.state, at_min(30)).empty());  // nothing fires twice
}

// Regression: a deadline moved into the past by a settings change fires at the desk's clock
// (fire_timer), but advance() runs the routing it triggers with the stale due time, so the
// ChatAssigned event is stamped before the close that freed the agent and the log goes back in
// time (docs/DECISIONS.md: "the event log never goes back in time"; SPEC §5 timers in time order).
TEST_CASE("a deadline moved into the past fires at the current time, and so does its routing") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"max_active":1})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(2), "c1", "agent:ann");
  desk.client_starts(at_min(3), "c2", "g");
  desk.ok(at_min(60), R"({"type":"group.update","group":"g","settings":{"max_active":1,"close_silent":true,)"
                      R"("close_silent_after_min":10}})");
  const Outcome tick = desk.ok(at_min(61), R"({"type":"tick"})");
  CHECK(kinds(tick.events) == "chat.closed@60 chat.assigned@60 ");
  for (std::size_t i = 1; i < desk.log.size(); ++i) CHECK(desk.log[i].at >= desk.log[i - 1].at);
}

TEST_CASE("the produced log is in time order") {
  const Desk desk = busy_desk();
  for (std::size_t i = 1; i < desk.log.size(); ++i) {
    CAPTURE(i);
    CHECK(desk.log[i].at >= desk.log[i - 1].at);
  }
}

TEST_CASE("the busy day really exercises the timers and routing") {
  const Desk d = busy_desk();
  std::string all = kinds(d.log);
  CHECK(all.find("chat.transferred@10") != std::string::npos);  // c2 left bob unanswered
  CHECK(all.find("chat.transferred@15") != std::string::npos);  // then ann
  CHECK(all.find("chat.sla_breached@7") != std::string::npos);
  CHECK(all.find("chat.assigned@321") != std::string::npos);  // c4 waited for ann's return
  CHECK(d.chat_state("c1") == "closed");
  CHECK(d.chat_state("c2") == "queued");
  CHECK(d.chat_state("c4") == "closed");
  const AgentStats ann = agent_stats(d.state, d.agent("ann"), at_min(330));
  CHECK(ann.first_online == at_min(321));
  CHECK(ann.missed == 0);  // the miss at 15 belongs to the previous shift
  CHECK(ann.closed == 1);  // the process close of c4 credits its assignee
  CHECK(agent_stats(d.state, d.agent("sue"), at_min(330)).closed == 1);  // c1's latest close (bot)
  CHECK(agent_stats(d.state, d.agent("bob"), at_min(330)).closed == 0);  // moved away by the reopen
}

TEST_CASE("replaying the produced events rebuilds an equal state") {
  const Desk desk = busy_desk();
  State rebuilt;
  replay(rebuilt, desk.log);
  CHECK(rebuilt.applied_events == desk.state.applied_events);
  CHECK(rebuilt.last_event_at == desk.state.last_event_at);
  REQUIRE(rebuilt.agents.size() == desk.state.agents.size());
  REQUIRE(rebuilt.chats.size() == desk.state.chats.size());
  for (const Timestamp now : {at_min(5), at_min(60), at_min(400), at_min(2000)}) {
    for (AgentIx a : desk.state.agents.indices()) {
      CAPTURE(desk.state.agents[a].id);
      CHECK(agent_stats(rebuilt, a, now) == agent_stats(desk.state, a, now));
    }
  }
  for (ChatIx c : desk.state.chats.indices()) {
    CAPTURE(desk.state.chats[c].id);
    CHECK(chat_to_json(rebuilt, rebuilt.chats[c], ChatDetail::with_timeline).dump() ==
          chat_to_json(desk.state, desk.state.chats[c], ChatDetail::with_timeline).dump());
  }
  CHECK(fingerprint(rebuilt, at_min(400)) == fingerprint(desk.state, at_min(400)));
}

TEST_CASE("the log survives its JSON form: replaying parsed events gives the same state") {
  const Desk desk = busy_desk();
  Events parsed;
  for (const Event& e : desk.log) {
    const std::optional<Json> json = parse_json(event_to_json(e).dump());
    REQUIRE(json.has_value());
    Result<Event> back = event_from_json(*json);
    REQUIRE(back.ok());
    parsed.push_back(back.value());
  }
  State rebuilt;
  replay(rebuilt, parsed);
  CHECK(fingerprint(rebuilt, at_min(400)) == fingerprint(desk.state, at_min(400)));
}

TEST_CASE("a replayed state goes on exactly like the original") {
  Desk original = busy_desk();
  Desk copy;
  replay(copy.state, original.log);
  const char* more[] = {
      R"({"type":"chat.start","chat":"c5","group":"sales","channel":"Widget","client":"Eve","by":"client"})",
      R"({"type":"message.send","chat":"c5","from":"client","text":"help"})",
  };
  for (const char* command : more) {
    const Outcome a = original.ok(at_min(400), command);
    const Outcome b = copy.ok(at_min(400), command);
    CHECK(kinds(a.events) == kinds(b.events));
  }
  original.ok(at_min(500), R"({"type":"tick"})");
  copy.ok(at_min(500), R"({"type":"tick"})");
  CHECK(fingerprint(copy.state, at_min(500)) == fingerprint(original.state, at_min(500)));
}

TEST_CASE("timers due at the same instant: unanswered transfer before SLA, then session order") {
  Desk desk;
  desk.make_group(at_min(0), "g",
                  R"({"transfer_unanswered":true,"transfer_unanswered_after_min":5,)"
                  R"("first_response_min":5})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.client_starts(at_min(1), "c2", "g");
  desk.say(at_min(1), "c2", "client");
  desk.say(at_min(1), "c1", "client");
  const Events fired = advance(desk.state, at_min(6));
  std::string order;
  for (const Event& e : fired) {
    order += std::string(event_type(e.body)) + ":" + event_to_json(e)["chat"].get<std::string>() + " ";
    CHECK(e.at == at_min(6));
  }
  CHECK(order == "chat.transferred:c1 chat.sla_breached:c1 chat.transferred:c2 chat.sla_breached:c2 ");
}
