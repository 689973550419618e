// Unit tests of core/routing: best_free_agent's order (fewest active, longest idle, creation order)
// and who it skips; next_routing's oldest-first dispatch across groups and around excluded agents.
#include "routing.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "apply.hpp"
#include "desk_fixture.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

// An accept-routing group "g" (so nothing is routed behind the test's back) with ann and bob.
Desk accept_desk(const std::string& extra_settings = "") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"routing":"accept")" + extra_settings + "}");
  desk.make_agent(at_min(0), "ann", "g");
  desk.make_agent(at_min(0), "bob", "g");
  return desk;
}

std::string best(const Desk& desk, AgentIx excluded = kNoIndex) {
  const AgentIx ix = best_free_agent(desk.state, desk.group("g"), excluded);
  return ix == kNoIndex ? "" : desk.state.agents[ix].id;
}

// "chat>agent" for every routed assignment among the events.
std::vector<std::string> routed(const Events& events) {
  std::vector<std::string> out;
  for (const Event& e : events)
    if (const auto* a = std::get_if<ChatAssigned>(&e.body); a && a->how == AssignKind::routed)
      out.push_back(a->chat + ">" + a->agent);
  return out;
}

}  // namespace

TEST_CASE("best_free_agent prefers the agent with fewest active sessions") {
  Desk desk = accept_desk();
  desk.status(at_min(1), "ann", "online");
  desk.status(at_min(2), "bob", "online");
  CHECK(best(desk) == "ann");  // tie on active: ann idle longer
  desk.client_starts(at_min(3), "c1", "g");
  desk.accept(at_min(3), "c1", "ann");
  CHECK(best(desk) == "bob");
  desk.client_starts(at_min(4), "c2", "g");
  desk.client_starts(at_min(4), "c3", "g");
  desk.accept(at_min(4), "c2", "bob");
  desk.accept(at_min(5), "c3", "bob");
  CHECK(best(desk) == "ann");  // 1 active against 2
}

TEST_CASE("on equal load the longest idle wins; being given a session resets idleness") {
  Desk desk = accept_desk();
  desk.status(at_min(1), "bob", "online");
  desk.status(at_min(2), "ann", "online");
  CHECK(best(desk) == "bob");
  desk.client_starts(at_min(3), "c1", "g");
  desk.accept(at_min(3), "c1", "bob");
  desk.act(at_min(4), "chat.close", "c1", "agent:bob");
  CHECK(best(desk) == "ann");  // both free again; bob was given a session after ann came online
}

TEST_CASE("on equal load and idleness, creation order decides") {
  Desk desk = accept_desk();
  desk.status(at_min(1), "bob", "online");
  desk.status(at_min(1), "ann", "online");
  CHECK(best(desk) == "ann");
}

TEST_CASE("max_active caps who is free") {
  Desk desk = accept_desk(R"(,"max_active":1)");
  desk.status(at_min(1), "ann", "online");
  desk.status(at_min(1), "bob", "online");
  desk.client_starts(at_min(2), "c1", "g");
  desk.client_starts(at_min(2), "c2", "g");
  desk.accept(at_min(2), "c1", "ann");
  CHECK(best(desk) == "bob");
  desk.accept(at_min(3), "c2", "bob");
  CHECK(best(desk) == "");
  desk.act(at_min(4), "chat.pause", "c2", "agent:bob");
  CHECK(best(desk) == "");  // a paused session still counts as active
}

TEST_CASE("the excluded agent is skipped even when best") {
  Desk desk = accept_desk();
  desk.status(at_min(1), "ann", "online");
  CHECK(best(desk, desk.agent("ann")) == "");
  desk.status(at_min(2), "bob", "online");
  CHECK(best(desk, desk.agent("ann")) == "bob");
  CHECK(best(desk, desk.agent("bob")) == "ann");
}

TEST_CASE("offline, dnd, reader and non-member agents are never chosen") {
  Desk desk = accept_desk();
  desk.make_group(at_min(0), "other");
  desk.make_agent(at_min(0), "out", "other");
  desk.status(at_min(1), "out", "online");
  desk.status(at_min(1), "ann", "online");
  desk.status(at_min(2), "ann", "dnd");
  CHECK(best(desk) == "");  // ann dnd, bob offline, out not in g
  desk.make_agent(at_min(3), "rita", "g");
  desk.status(at_min(3), "rita", "online");
  CHECK(best(desk) == "rita");
  // rita keeps her online status but loses the operator role.
  desk.ok(at_min(4), R"({"type":"agent.update","agent":"rita","groups":["g"],"roles":["reader"]})");
  CHECK(desk.state.agents[desk.agent("rita")].status == AgentStatus::online);
  CHECK(best(desk) == "");
}

TEST_CASE("auto routing gives out the oldest waiting session first, across groups") {
  Desk desk;
  desk.make_group(at_min(0), "b");  // created first: scanned first
  desk.make_group(at_min(0), "a");
  desk.make_agent(at_min(0), "ann", "b,a");
  desk.client_starts(at_min(1), "a1", "a");
  desk.client_starts(at_min(2), "b1", "b");
  desk.client_starts(at_min(3), "a2", "a");
  desk.client_starts(at_min(4), "b2", "b");
  CHECK(desk.chat_state("a1") == "queued");
  const Outcome online = desk.ok(at_min(5), R"({"type":"agent.set_status","agent":"ann","status":"online"})");
  CHECK(routed(online.events) == std::vector<std::string>{"a1>ann", "b1>ann", "a2>ann", "b2>ann"});
  for (const Event& e : online.events) CHECK(e.at == at_min(5));
}

TEST_CASE("auto routing stops at max_active and resumes as the agent frees up") {
  Desk desk;
  desk.make_group(at_min(0), "b", R"({"max_active":1})");
  desk.make_group(at_min(0), "a", R"({"max_active":1})");
  desk.make_agent(at_min(0), "ann", "b,a");
  desk.client_starts(at_min(1), "a1", "a");
  desk.client_starts(at_min(2), "b1", "b");
  desk.status(at_min(3), "ann", "online");
  CHECK(desk.assignee("a1") == "ann");
  CHECK(desk.chat_state("b1") == "queued");
  CHECK_FALSE(next_routing(desk.state, at_min(3)).has_value());
  const Outcome closed = desk.ok(at_min(4), R"({"type":"chat.close","chat":"a1","by":"agent:ann"})");
  CHECK(routed(closed.events) == std::vector<std::string>{"b1>ann"});
}

TEST_CASE("next_routing proposes what the engine then applies") {
  Desk desk;
  desk.make_group(at_min(0), "g");
  desk.make_agent(at_min(0), "ann", "g");
  desk.make_agent(at_min(0), "bob", "g");
  desk.status(at_min(0), "bob", "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.client_starts(at_min(2), "c2", "g");  // bob has c1: c2 goes to bob too (ann offline)
  desk.status(at_min(3), "ann", "online");   // nothing waiting now
  desk.client_starts(at_min(4), "c3", "g");
  REQUIRE(routed(desk.log) == std::vector<std::string>{"c1>bob", "c2>bob", "c3>ann"});
  // Rebuild the state just before c3 was routed (replay does not route) and ask next_routing.
  State before;
  std::size_t i = 0;
  for (; i < desk.log.size(); ++i) {
    const auto* a = std::get_if<ChatAssigned>(&desk.log[i].body);
    if (a && a->chat == "c3") break;
    apply(before, desk.log[i]);
  }
  const std::optional<Event> next = next_routing(before, at_min(4));
  REQUIRE(next.has_value());
  const auto* proposal = std::get_if<ChatAssigned>(&next->body);
  REQUIRE(proposal != nullptr);
  CHECK(proposal->chat == "c3");
  CHECK(proposal->agent == "ann");
  CHECK(proposal->how == AssignKind::routed);
  CHECK(proposal->by.kind == ActorKind::automatic);
}

TEST_CASE("accept groups are never routed") {
  Desk desk = accept_desk();
  desk.status(at_min(1), "ann", "online");
  desk.client_starts(at_min(2), "c1", "g");
  CHECK(desk.chat_state("c1") == "queued");
  CHECK_FALSE(next_routing(desk.state, at_min(2)).has_value());
  desk.ok(at_min(3), R"({"type":"group.update","group":"g","settings":{"routing":"auto"}})");
  CHECK(desk.assignee("c1") == "ann");  // switching to auto routes the waiting session
}

TEST_CASE("a session that must not go back to its agent is skipped; the next one is routed") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"transfer_unanswered":true,"transfer_unanswered_after_min":5})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.make_agent(at_min(0), "bob", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(1), "c1", "client");
  desk.ok(at_min(7), R"({"type":"tick"})");  // unanswered at 6: back to the queue, not to ann
  CHECK(desk.chat_state("c1") == "queued");
  desk.client_starts(at_min(8), "c2", "g");
  CHECK(desk.assignee("c2") == "ann");
  CHECK(desk.chat_state("c1") == "queued");
  desk.status(at_min(9), "bob", "online");
  CHECK(desk.assignee("c1") == "bob");
}

TEST_CASE("automatic transfers never hand a session back to any agent it left, until one answers") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"transfer_unanswered":true,"transfer_unanswered_after_min":5})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.make_agent(at_min(0), "bob", "g");
  desk.status(at_min(0), "ann", "online");
  desk.status(at_min(0), "bob", "online");
  desk.client_starts(at_min(1), "c1", "g");
  REQUIRE(desk.assignee("c1") == "ann");
  desk.say(at_min(1), "c1", "client");
  desk.ok(at_min(6), R"({"type":"tick"})");
  CHECK(desk.assignee("c1") == "bob");
  desk.ok(at_min(11), R"({"type":"tick"})");
  CHECK(desk.chat_state("c1") == "queued");  // not back to ann
  desk.client_starts(at_min(12), "c2", "g");
  CHECK(desk.chat_state("c1") == "queued");  // still skipped while c2 is routed
  CHECK(desk.chat_state("c2") == "open");
  desk.accept(at_min(13), "c1", "ann");  // taking it by hand is allowed
  desk.say(at_min(14), "c1", "agent:ann");
  desk.say(at_min(15), "c1", "client");
  desk.ok(at_min(20), R"({"type":"tick"})");  // the answer cleared the list: bob may have it again
  CHECK(desk.assignee("c1") == "bob");
}

TEST_CASE("a transfer to a group joins the end of its queue, then auto routing applies") {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"routing":"accept"})");
  desk.make_group(at_min(0), "tech", R"({"max_active":1})");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "tom", "tech");
  desk.status(at_min(0), "ann", "online");
  desk.status(at_min(0), "tom", "online");
  desk.client_starts(at_min(1), "t1", "tech");  // routed to tom, who is then full
  desk.client_starts(at_min(2), "t2", "tech");  // waits
  desk.client_starts(at_min(3), "s1", "sales");
  desk.accept(at_min(4), "s1", "ann");
  desk.ok(at_min(5), R"({"type":"chat.transfer","chat":"s1","by":"agent:ann","to_group":"tech","reason":"x"})");
  CHECK(desk.chat_state("s1") == "queued");
  CHECK(desk.chat("s1").group == desk.group("tech"));
  CHECK(desk.state.agents[desk.agent("ann")].assigned.empty());
  desk.act(at_min(6), "chat.close", "t1", "agent:tom");
  CHECK(desk.assignee("t2") == "tom");  // t2 waited longer than the transferred s1
  CHECK(desk.chat_state("s1") == "queued");
  desk.act(at_min(7), "chat.close", "t2", "agent:tom");
  CHECK(desk.assignee("s1") == "tom");
}

TEST_CASE("a transfer to an agent of another group moves the session there at once") {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"routing":"accept"})");
  desk.make_group(at_min(0), "tech", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "tom", "tech");
  desk.status(at_min(0), "ann", "online");
  desk.status(at_min(0), "tom", "online");
  desk.client_starts(at_min(1), "s1", "sales");
  desk.accept(at_min(1), "s1", "ann");
  desk.act(at_min(2), "chat.pause", "s1", "agent:ann");
  CHECK(desk.refusal(at_min(3), R"({"type":"chat.transfer","chat":"s1","by":"agent:ann","to_agent":"tom"})") ==
        "not_member");
  desk.ok(at_min(3), R"({"type":"chat.transfer","chat":"s1","by":"agent:ann","to_agent":"tom","to_group":"tech"})");
  CHECK(desk.assignee("s1") == "tom");
  CHECK(desk.chat_state("s1") == "open");  // a paused session is handed over open
  CHECK(desk.chat("s1").group == desk.group("tech"));
  CHECK(desk.state.agents[desk.agent("ann")].on_hold == 0);
  CHECK(desk.state.agents[desk.agent("ann")].assigned.empty());
  CHECK(desk.state.agents[desk.agent("tom")].assigned.size() == 1);
}
