// The streams' routing and the browser's replica: who gets which event, the snapshots that bring a
// chat into a viewer's view, bootstraps, and replicas that match the server over generated days.
#include <doctest/doctest.h>

#include <algorithm>

#include "../../bench/day_generator.hpp"
#include "desk_fixture.hpp"
#include "replica_feed.hpp"
#include "timers.hpp"

namespace parley::test {

namespace {

// sales (ann, sam supervising) and support (zed); a client session in sales, accepted by ann.
struct TwoGroups : Desk {
  RoutedDesk feed;
  TwoGroups() {
    make_group(kT0, "sales", R"({"routing":"accept"})");
    make_group(kT0, "support", R"({"routing":"accept"})");
    make_agent(kT0, "ann", "sales");
    make_agent(kT0, "sam", "sales", "supervisor");
    make_agent(kT0, "zed", "support");
    make_agent(kT0, "root", "", "admin");
    for (const char* id : {"ann", "sam", "zed"}) status(kT0, id, "online");
    ok(at_min(1), R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"})");
    ok(at_min(1), R"({"type":"message.send","chat":"c1","from":"client","text":"hello"})");
    ok(at_min(2), R"({"type":"chat.accept","chat":"c1","agent":"ann"})");
    feed.feed(log);
  }
  // Runs a command and routes its events; returns the routing of its last event.
  RoutedEvent route(Timestamp at, std::string_view text) {
    const std::size_t from = log.size();
    ok(at, text);
    RoutedEvent last;
    for (std::size_t i = from; i < log.size(); ++i) {
      State copy = feed.server;
      last = apply_routed(copy, log[i]);
      feed.feed(log[i]);
    }
    return last;
  }
  StreamViewer viewer(const std::string& id) const { return StreamViewer{false, agent(id)}; }
};

}  // namespace

TEST_CASE_FIXTURE(TwoGroups, "a chat event goes to its group, its assignee and the admins, no one else") {
  const RoutedEvent routed = route(at_min(3), R"({"type":"message.send","chat":"c1","from":"agent:ann","text":"hi"})");
  CHECK(gets_event(routed, viewer("ann")));
  CHECK(gets_event(routed, viewer("sam")));
  CHECK(gets_event(routed, viewer("root")));
  CHECK_FALSE(gets_event(routed, viewer("zed")));
  CHECK(gets_event(routed, StreamViewer{true, kNoIndex}));
  CHECK(routed.preludes.empty());
}

TEST_CASE_FIXTURE(TwoGroups, "a transfer into another group brings the chat to its members first") {
  const RoutedEvent routed =
      route(at_min(3), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"support"})");
  CHECK(gets_event(routed, viewer("ann")));  // the group it left hears of it leaving
  CHECK(gets_event(routed, viewer("zed")));
  const auto for_zed = preludes_for(routed, viewer("zed"));
  REQUIRE(for_zed.size() == 1);
  const auto* snapshot = std::get_if<ChatSnapshot>(for_zed[0]);
  REQUIRE(snapshot != nullptr);
  CHECK(snapshot->chat.id == "c1");
  CHECK(snapshot->group == "sales");  // as it was before the transfer: the transfer itself follows
  CHECK(preludes_for(routed, viewer("ann")).empty());
  CHECK(preludes_for(routed, viewer("root")).empty());
  CHECK(feed.unknown == 0);
  feed.check_replicas(at_min(3));
  // zed's replica has the chat queued in support, as the server does.
  const Chat* seen = feed.replicas[agent("zed")].find_chat("c1");
  REQUIRE(seen != nullptr);
  CHECK(seen->state == ChatState::queued);
  CHECK(feed.replicas[agent("zed")].groups[group("support")].queue.size() == 1);
}

TEST_CASE_FIXTURE(TwoGroups, "without the snapshot the replica knows it lacks the chat and does not apply") {
  ok(at_min(3), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"support"})");
  State zed_without_prelude;
  for (std::size_t i = 0; i + 1 < log.size(); ++i)
    if (!std::holds_alternative<ChatStarted>(log[i].body) && !std::holds_alternative<ChatAssigned>(log[i].body) &&
        !std::holds_alternative<MessageSent>(log[i].body))
      apply(zed_without_prelude, log[i]);
  CHECK_FALSE(knows_subjects(zed_without_prelude, log.back().body));
}

TEST_CASE_FIXTURE(TwoGroups, "joining a group brings its chats; leaving keeps the stream quiet about them") {
  route(at_min(3), R"({"type":"agent.update","agent":"zed","groups":["support","sales"],"roles":["operator"]})");
  CHECK(feed.preludes >= 1);
  route(at_min(4), R"({"type":"agent.update","agent":"zed","groups":["support"],"roles":["operator"]})");
  const RoutedEvent later = route(at_min(5), R"({"type":"message.send","chat":"c1","from":"agent:ann","text":"x"})");
  CHECK_FALSE(gets_event(later, viewer("zed")));
  feed.check_replicas(at_min(5));
}

TEST_CASE_FIXTURE(TwoGroups, "the credited closer keeps hearing of a chat until the credit moves on") {
  route(at_min(3), R"({"type":"message.send","chat":"c1","from":"agent:ann","text":"hi"})");
  route(at_min(4), R"({"type":"chat.close","chat":"c1","by":"agent:ann"})");
  route(at_min(5), R"({"type":"chat.reopen","chat":"c1","by":"agent:sam"})");
  route(at_min(6), R"({"type":"chat.transfer","chat":"c1","by":"agent:sam","to_group":"support"})");
  route(at_min(7), R"({"type":"chat.accept","chat":"c1","agent":"zed"})");
  const RoutedEvent close = route(at_min(8), R"({"type":"chat.close","chat":"c1","by":"agent:zed"})");
  CHECK(gets_event(close, viewer("ann")));  // her closed count goes down
  CHECK(feed.unknown == 0);
  feed.check_replicas(at_min(8));
  CHECK(agent_stats(feed.replicas[agent("ann")], agent("ann"), at_min(8)).closed == 0);
}

TEST_CASE_FIXTURE(TwoGroups, "a bootstrap gives the same view as the stream from the start") {
  route(at_min(3), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"support"})");
  for (const std::string id : {"ann", "sam", "zed", "root"}) {
    const AgentIx a = agent(id);
    const auto chats = visible_chats(feed.server, a);
    CHECK(agent_view(feed.bootstrap(a), id, chats, at_min(3)) == agent_view(feed.server, id, chats, at_min(3)));
  }
}

TEST_CASE_FIXTURE(TwoGroups, "a bootstrap carries SLA policies before the groups that name them, with the same deadlines") {
  route(at_min(3), R"({"type":"sla_policy.set","policy":"gold","first_response_min":5,"resolution_min":60})");
  route(at_min(3), R"({"type":"group.update","group":"sales","settings":{"routing":"accept","sla_policy":"gold"}})");
  route(at_min(4), R"({"type":"message.send","chat":"c1","from":"client","text":"still there?"})");
  const State replica = feed.bootstrap(agent("ann"));
  CHECK(replica.sla_policies == feed.server.sla_policies);
  const ChatIx mine = replica.chat_ix("c1"), theirs = feed.server.chat_ix("c1");
  REQUIRE(mine != kNoIndex);
  CHECK(timer_due(replica, mine, TimerKind::sla) == at_min(6));  // from the unanswered "hello" at 1
  CHECK(timer_due(replica, mine, TimerKind::sla_resolution) == timer_due(feed.server, theirs, TimerKind::sla_resolution));
  CHECK(timer_due(replica, mine, TimerKind::sla_resolution) == at_min(61));
}

TEST_CASE("replica items refuse malformed JSON and unknown references without changing the State") {
  State state;
  CHECK_FALSE(replica_item_from_json(Json::object()).ok());
  CHECK_FALSE(replica_item_from_json(Json{{"type", "chat.snapshot"}, {"chat", 7}}).ok());
  CHECK_FALSE(replica_item_from_json(Json{{"type", "agent.snapshot"}, {"agent", "a"}}).ok());
  ChatSnapshot orphan;
  orphan.chat.id = "c9";
  orphan.group = "nowhere";
  CHECK_FALSE(install(state, orphan));
  CHECK(state.chats.empty());
}

namespace {

// The assignee of some open chat hands it to the next group (refused, harmlessly, when none fits).
Command cross_group_transfer(const State& state, std::size_t salt) {
  for (std::size_t k = 0; k < state.chats.size(); ++k) {
    const Chat& chat = state.chats[ChatIx{(salt + k) % state.chats.size()}];
    if (chat.state != ChatState::open || chat.assignee == kNoIndex) continue;
    const Group& next = state.groups[GroupIx{(chat.group.value() + 1) % state.groups.size()}];
    return TransferChat{chat.id, Actor{ActorKind::agent, state.agents[chat.assignee].id}, "", next.id, "test"};
  }
  return Tick{};
}

// An agent moves to other groups: the next one, then back, with the roles they had.
Command regroup(const State& state, std::size_t salt) {
  const Agent& agent = state.agents[AgentIx{salt % state.agents.size()}];
  const std::size_t shift = (salt / 300) % 2 ? 1 : state.groups.size() - 1;
  std::vector<std::string> groups;
  for (GroupIx g : agent.groups) groups.push_back(state.groups[GroupIx{(g.value() + shift) % state.groups.size()}].id);
  return UpdateAgent{agent.id, agent.name, agent.nickname, groups, agent.roles};
}

}  // namespace

TEST_CASE("over generated days every agent's replica matches the server, from the stream and from bootstraps") {
  for (const std::uint64_t seed : {11ull, 12ull}) {
    bench::DayParams params;
    params.agents = 14;
    params.groups = 3;
    params.sessions = 160;
    params.messages = 1600;
    params.seed = seed;
    const bench::Day day = bench::generate_day(params);
    State decider;
    RoutedDesk routed;
    const std::size_t cut = day.commands.size() / 2;
    for (std::size_t i = 0; i < day.commands.size(); ++i) {
      const Timestamp at = day.commands[i].at;
      const Outcome outcome = handle(decider, day.commands[i].command, at);
      routed.feed(outcome.events);
      // Besides the generated day: transfers across groups and agents changing groups.
      if (i % 40 == 7) routed.feed(handle(decider, cross_group_transfer(decider, i), at).events);
      if (i % 300 == 150) routed.feed(handle(decider, regroup(decider, i), at).events);
      if (i == cut)
        for (AgentIx a : routed.server.agents.indices())
          if (a.value() % 3 == 0) routed.start_late(a);
    }
    CHECK(routed.preludes > 0);
    CHECK(routed.unknown == 0);
    routed.check_replicas(decider.last_event_at);
  }
}

}  // namespace parley::test
