// Unit tests of core/timers: the deadlines refresh_timers keeps (silent close, unanswered transfer,
// SLA first/next response), paused exemption, next_due_timer edges and what each timer fires.
#include "timers.hpp"

#include <doctest/doctest.h>

#include <set>

#include "desk_fixture.hpp"
#include "stats.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

// Group "g" (auto routing) with `settings`, ann online at T0, chat c1 from the client routed to her at 1.
Desk desk_with_chat(const std::string& settings) {
  Desk desk;
  desk.make_group(at_min(0), "g", settings);
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  REQUIRE(desk.assignee("c1") == "ann");
  return desk;
}

Timestamp due(const Desk& desk, const std::string& chat, TimerKind kind) {
  return timer_due(desk.state, desk.state.chat_ix(chat), kind);
}

constexpr const char* kSilent = R"({"close_silent":true,"close_silent_after_min":10})";
constexpr const char* kUnanswered = R"({"transfer_unanswered":true,"transfer_unanswered_after_min":5})";
constexpr const char* kSla = R"({"first_response_min":2,"next_response_min":10})";

}  // namespace

TEST_CASE("silent-client clock: from the agent's last message, cleared by a client message") {
  Desk desk = desk_with_chat(kSilent);
  CHECK(due(desk, "c1", TimerKind::close_silent) == kNever);  // nobody spoke yet
  desk.say(at_min(2), "c1", "agent:ann");
  CHECK(due(desk, "c1", TimerKind::close_silent) == at_min(12));
  desk.say(at_min(3), "c1", "client");
  CHECK(due(desk, "c1", TimerKind::close_silent) == kNever);
  desk.say(at_min(4), "c1", "agent:ann");
  CHECK(due(desk, "c1", TimerKind::close_silent) == at_min(14));
  CHECK_FALSE(next_due_timer(desk.state, at_min(14) - 1).has_value());
  const auto due = next_due_timer(desk.state, at_min(14));
  REQUIRE(due.has_value());
  CHECK(due->key.kind == TimerKind::close_silent);
  CHECK(due->due == at_min(14));
}

TEST_CASE("silent close fires as no_client_answer credited to the assignee") {
  Desk desk = desk_with_chat(kSilent);
  desk.say(at_min(2), "c1", "agent:ann");
  const Events fired = fire_timer(desk.state, *next_due_timer(desk.state, at_min(12)));
  REQUIRE(fired.size() == 1);
  const auto* closed = std::get_if<ChatClosed>(&fired[0].body);
  REQUIRE(closed != nullptr);
  CHECK(fired[0].at == at_min(12));
  CHECK(closed->method == CloseMethod::no_client_answer);
  CHECK(closed->by.kind == ActorKind::automatic);
  CHECK(closed->credited_agent == "ann");
}

TEST_CASE("paused sessions are exempt; resuming restarts the silent clock") {
  Desk desk = desk_with_chat(kSilent);
  desk.say(at_min(2), "c1", "agent:ann");
  desk.act(at_min(5), "chat.pause", "c1", "agent:ann");
  CHECK(due(desk, "c1", TimerKind::close_silent) == kNever);
  CHECK(desk.state.timers.empty());
  desk.act(at_min(30), "chat.resume", "c1", "agent:ann");  // became open later than the last message
  CHECK(due(desk, "c1", TimerKind::close_silent) == at_min(40));
  CHECK(desk.chat_state("c1") == "open");
}

TEST_CASE("unanswered clock: from the client's last message, cleared by the agent's reply") {
  Desk desk = desk_with_chat(kUnanswered);
  desk.say(at_min(2), "c1", "client");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == at_min(7));
  desk.say(at_min(4), "c1", "client");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == at_min(9));
  desk.say(at_min(6), "c1", "agent:ann");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == kNever);
  desk.act(at_min(7), "chat.pause", "c1", "agent:ann");
  desk.say(at_min(8), "c1", "client");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == kNever);  // paused: exempt
  desk.act(at_min(20), "chat.resume", "c1", "agent:ann");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == at_min(25));
}

TEST_CASE("unanswered clock starts when the current agent got the session, if later") {
  Desk desk;
  desk.make_group(at_min(0), "g", kUnanswered);
  desk.make_agent(at_min(0), "ann", "g");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(1), "c1", "client");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == kNever);  // queued: no agent to miss it
  desk.status(at_min(30), "ann", "online");
  REQUIRE(desk.assignee("c1") == "ann");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == at_min(35));
}

TEST_CASE("the unanswered timer hands the session to another free agent, never back") {
  Desk desk = desk_with_chat(kUnanswered);
  desk.make_agent(at_min(1), "bob", "g");
  desk.status(at_min(1), "bob", "online");
  desk.say(at_min(2), "c1", "client");
  Events fired = fire_timer(desk.state, *next_due_timer(desk.state, at_min(7)));
  REQUIRE(fired.size() == 1);
  const auto* moved = std::get_if<ChatTransferred>(&fired[0].body);
  REQUIRE(moved != nullptr);
  CHECK(moved->from_agent == "ann");
  CHECK(moved->to_agent == "bob");
  CHECK(moved->by.kind == ActorKind::automatic);
  desk.ok(at_min(7), R"({"type":"tick"})");
  CHECK(desk.assignee("c1") == "bob");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == at_min(12));  // bob's clock starts when he got it
  CHECK(agent_stats(desk.state, desk.agent("ann"), at_min(7)).missed == 1);
}

TEST_CASE("SLA: first response limit until the agent replies, then the next response limit") {
  Desk desk = desk_with_chat(kSla);
  desk.say(at_min(2), "c1", "client");
  CHECK(due(desk, "c1", TimerKind::sla) == at_min(4));
  desk.say(at_min(3), "c1", "client");  // still the same wait
  CHECK(due(desk, "c1", TimerKind::sla) == at_min(4));
  desk.say(at_min(3), "c1", "agent:ann");
  CHECK(due(desk, "c1", TimerKind::sla) == kNever);
  desk.say(at_min(5), "c1", "client");
  CHECK(due(desk, "c1", TimerKind::sla) == at_min(15));
  const Events fired = fire_timer(desk.state, *next_due_timer(desk.state, at_min(15)));
  REQUIRE(fired.size() == 1);
  const auto* breach = std::get_if<SlaBreached>(&fired[0].body);
  REQUIRE(breach != nullptr);
  CHECK(breach->kind == SlaKind::next_response);
  CHECK(breach->agent == "ann");
}

TEST_CASE("an SLA breach is recorded once per wait, also while queued") {
  Desk desk;
  desk.make_group(at_min(0), "g", kSla);
  desk.make_agent(at_min(0), "ann", "g");
  desk.client_starts(at_min(0), "c1", "g");
  desk.say(at_min(1), "c1", "client");
  const Outcome tick = desk.ok(at_min(60), R"({"type":"tick"})");
  REQUIRE(tick.events.size() == 1);
  const auto* breach = std::get_if<SlaBreached>(&tick.events[0].body);
  REQUIRE(breach != nullptr);
  CHECK(tick.events[0].at == at_min(3));
  CHECK(breach->kind == SlaKind::first_response);
  CHECK(breach->agent == "");
  CHECK(desk.chat("c1").sla_breaches == 1);
  CHECK(due(desk, "c1", TimerKind::sla) == kNever);
}

TEST_CASE("no timers without the settings, and none for closed sessions") {
  Desk desk = desk_with_chat("{}");
  desk.say(at_min(2), "c1", "client");
  desk.say(at_min(3), "c1", "agent:ann");
  CHECK(desk.state.timers.empty());
  Desk closing = desk_with_chat(kSilent);
  closing.say(at_min(2), "c1", "agent:ann");
  REQUIRE_FALSE(closing.state.timers.empty());
  closing.act(at_min(3), "chat.close", "c1", "agent:ann");
  CHECK(closing.state.timers.empty());
}

TEST_CASE("changing the group settings reschedules existing sessions") {
  Desk desk = desk_with_chat("{}");
  desk.say(at_min(2), "c1", "agent:ann");
  CHECK(due(desk, "c1", TimerKind::close_silent) == kNever);
  desk.ok(at_min(3),
          R"({"type":"group.update","group":"g","settings":{"close_silent":true,"close_silent_after_min":20}})");
  CHECK(due(desk, "c1", TimerKind::close_silent) == at_min(22));
  desk.ok(at_min(4), R"({"type":"group.update","group":"g","settings":{}})");
  CHECK(due(desk, "c1", TimerKind::close_silent) == kNever);
  CHECK(desk.state.timers.empty());
}

TEST_CASE("next_due_timer returns the earliest timer at or before now") {
  Desk desk = desk_with_chat(R"({"close_silent":true,"close_silent_after_min":10,"first_response_min":3})");
  desk.client_starts(at_min(2), "c2", "g");
  desk.say(at_min(2), "c2", "client");     // SLA due 5
  desk.say(at_min(3), "c1", "agent:ann");  // silent due 13
  CHECK(desk.state.timers.size() == 2);
  CHECK_FALSE(next_due_timer(desk.state, at_min(4)).has_value());
  const auto first = next_due_timer(desk.state, at_min(20));
  REQUIRE(first.has_value());
  CHECK(first->key.kind == TimerKind::sla);
  CHECK(first->due == at_min(5));
  CHECK(desk.state.chats[std::get<ChatIx>(first->key.subject)].id == "c2");
}

TEST_CASE("the SLA keeps running while paused; the silent and unanswered clocks do not") {
  Desk desk =
      desk_with_chat(R"({"transfer_unanswered":true,"transfer_unanswered_after_min":5,"first_response_min":8})");
  desk.say(at_min(2), "c1", "client");
  desk.act(at_min(3), "chat.pause", "c1", "agent:ann");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == kNever);
  CHECK(due(desk, "c1", TimerKind::sla) == at_min(10));
  const Outcome tick = desk.ok(at_min(12), R"({"type":"tick"})");
  REQUIRE(tick.events.size() == 1);
  CHECK(std::holds_alternative<SlaBreached>(tick.events[0].body));
  CHECK(desk.chat_state("c1") == "paused");
}

TEST_CASE("a bot message stops the silent clock but answers nobody") {
  Desk desk = desk_with_chat(R"({"close_silent":true,"close_silent_after_min":10,"transfer_unanswered":true,)"
                             R"("transfer_unanswered_after_min":5,"first_response_min":8})");
  desk.say(at_min(2), "c1", "agent:ann");
  CHECK(due(desk, "c1", TimerKind::close_silent) == at_min(12));
  desk.say(at_min(3), "c1", "bot:Helper", "Did that help?");
  CHECK(due(desk, "c1", TimerKind::close_silent) == kNever);
  desk.say(at_min(4), "c1", "client", "no");
  desk.say(at_min(5), "c1", "bot:Helper", "An agent will answer");
  CHECK(due(desk, "c1", TimerKind::transfer_unanswered) == at_min(9));
  CHECK(due(desk, "c1", TimerKind::sla) == kNever);  // agent already replied once: next_response_min is 0
}

TEST_CASE("refresh_timers is exact and idempotent: recomputing changes nothing") {
  Desk desk = desk_with_chat(R"({"close_silent":true,"close_silent_after_min":10,"transfer_unanswered":true,)"
                             R"("transfer_unanswered_after_min":5,"first_response_min":3})");
  desk.client_starts(at_min(2), "c2", "g");
  desk.say(at_min(2), "c2", "client");
  desk.say(at_min(3), "c1", "agent:ann");
  const TimerBook before = desk.state.timers;
  REQUIRE(before.size() == 3);  // c1 silent, c2 unanswered and SLA
  for (ChatIx c : desk.state.chats.indices()) refresh_timers(desk.state, c);
  CHECK(desk.state.timers == before);
  for (const TimerEntry& t : before) CHECK(before.due(t.key) == t.due);
}

TEST_CASE("a group holding routing outside its hours waits, then routes at its opening") {
  // T0 is Monday 09:00 UTC; the group opens 10:00-12:00 on weekdays.
  Desk desk;
  desk.make_group(at_min(0), "g",
                  R"({"hold_outside_hours":true,"business_hours":{"zone":"UTC","week":{"mon":["10:00-12:00"],"tue":["10:00-12:00"]}}})");
  const GroupIx g = desk.group("g");
  CHECK(desk.state.timers.due(TimerKey{g, TimerKind::group_opens}) == at_min(60));
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(1), "ann", "online");
  desk.client_starts(at_min(2), "c1", "g");
  CHECK(desk.assignee("c1").empty());  // held: outside hours though ann is free
  const Outcome ticked = handle(desk.state, Tick{}, at_min(61));
  REQUIRE(ticked.events.size() == 2);
  CHECK(std::holds_alternative<GroupOpened>(ticked.events[0].body));
  CHECK(ticked.events[0].at == at_min(60));
  CHECK(std::holds_alternative<ChatAssigned>(ticked.events[1].body));
  CHECK(ticked.events[1].at == at_min(60));
  CHECK(desk.assignee("c1") == "ann");
  // The next opening is Tuesday 10:00; after 12:00 new sessions wait again.
  CHECK(desk.state.timers.due(TimerKey{g, TimerKind::group_opens}) == at_min(60 + 24 * 60));
  desk.client_starts(at_min(190), "c2", "g");
  CHECK(desk.assignee("c2").empty());
}

TEST_CASE("a group that does not hold routing keeps no group timer and routes outside its hours") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"business_hours":{"zone":"UTC","week":{"mon":["10:00-12:00"]}}})");
  CHECK(desk.state.timers.empty());
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(1), "ann", "online");
  desk.client_starts(at_min(2), "c1", "g");
  CHECK(desk.assignee("c1") == "ann");
}

TEST_CASE("a replayed log schedules the same group timers as the live desk") {
  Desk desk;
  desk.make_group(at_min(0), "g",
                  R"({"hold_outside_hours":true,"business_hours":{"zone":"UTC","week":{"mon":["10:00-12:00"]}}})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(1), "ann", "online");
  desk.client_starts(at_min(2), "c1", "g");
  Events log = desk.log;
  const Outcome ticked = handle(desk.state, Tick{}, at_min(61));
  log.insert(log.end(), ticked.events.begin(), ticked.events.end());
  State replayed;
  replay(replayed, log);
  CHECK(replayed.timers == desk.state.timers);
}
