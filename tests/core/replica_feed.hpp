// Test support: a desk routed as the server routes it (apply_routed) and one replica per agent fed
// only what its stream would carry (snapshots and events, through their JSON wire form), plus what
// an agent sees of a State, as one comparable string. Header-only.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "apply.hpp"
#include "replica.hpp"
#include "replica_wire.hpp"
#include "stats.hpp"
#include "stream_routing.hpp"
#include "timeline.hpp"
#include "views.hpp"
#include "wire.hpp"

namespace parley::test {

// What the agent sees of the desk: stats, counters, each list it may open, and the given chats
// with their timelines and the workspace's SLA marks.
inline std::string agent_view(const State& state, const std::string& agent_id, const std::vector<std::string>& chats,
                              Timestamp now) {
  const auto agent = state.agent_ix(agent_id);
  REQUIRE_MESSAGE(agent != kNoIndex, ("the replica lacks agent " + agent_id));
  Json out = Json::object();
  out["stats"] = stats_to_json(agent_stats(state, agent, now));
  out["counters"] = counters_to_json(counters(state, agent));
  for (const ListView view : {ListView::mine, ListView::queue, ListView::active, ListView::closed}) {
    if (!may_list(state.agents[agent], view)) continue;
    const auto rows = session_list(state, agent, view);
    Json ids = Json::array();
    if (rows)
      for (ChatIx c : rows.value()) ids.push_back(state.chats[c].id);
    out["lists"].push_back(std::move(ids));
  }
  for (const std::string& id : chats) {
    const Chat* chat = state.find_chat(id);
    out["chats"][id] = chat ? chat_to_json(state, *chat, ChatDetail::with_timeline) : Json("missing");
    Json marks = Json::array();
    if (chat)
      for (const TimelineItem& item : timeline(state, *chat, Targets::named, SlaMarks::shown))
        if (item.kind == TimelineItem::Kind::sla_mark) marks.push_back(item.text);
    out["sla_marks"][id] = std::move(marks);
  }
  return out.dump();
}

// The chats the server lets the agent see.
inline std::vector<std::string> visible_chats(const State& state, AgentIx agent) {
  std::vector<std::string> ids;
  for (ChatIx c : state.chats.indices())
    if (sees_chat(state, StreamViewer{false, agent}, c)) ids.push_back(state.chats[c].id);
  return ids;
}

// A replica item or event as the browser gets it: through its JSON text.
inline void install_from_wire(State& replica, const ReplicaItem& item) {
  const auto json = parse_json(replica_item_to_json(item).dump());
  REQUIRE(json.has_value());
  const auto parsed = replica_item_from_json(*json);
  REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  CHECK_MESSAGE(install(replica, parsed.value()), replica_item_type(item));
}

inline Event event_from_wire(const Event& event) {
  const auto json = parse_json(event_to_json(event).dump());
  REQUIRE(json.has_value());
  const auto parsed = event_from_json(*json);
  REQUIRE(parsed.ok());
  return parsed.value();
}

inline Table<State, AgentIx> sized_for_agents(std::size_t n) {
  Table<State, AgentIx> replicas;
  replicas.resize(n);
  return replicas;
}

struct RoutedDesk {
  State server;
  // By agent index, fed from the start of the log (a stream from seq 0): sized for agents to come.
  Table<State, AgentIx> replicas = sized_for_agents(64);
  std::vector<std::pair<AgentIx, State>> late;  // bootstrapped part way, then fed the stream
  int preludes = 0, unknown = 0;

  // Applies the event as the server does and feeds every replica its part of the stream.
  void feed(const Event& event) {
    const RoutedEvent routed = apply_routed(server, event);
    REQUIRE(server.agents.size() <= replicas.size());
    const Event wired = event_from_wire(event);
    for (AgentIx a : replicas.indices()) feed_one(routed, wired, a, replicas[a]);
    for (auto& [a, replica] : late) feed_one(routed, wired, a, replica);
  }
  void feed_one(const RoutedEvent& routed, const Event& wired, AgentIx agent, State& replica) {
    const StreamViewer viewer{false, agent};
    for (const ReplicaItem* item : preludes_for(routed, viewer)) {
      install_from_wire(replica, *item);
      ++preludes;
    }
    if (!gets_event(routed, viewer)) return;
    if (!knows_subjects(replica, wired.body)) {
      ++unknown;
      return;
    }
    apply(replica, wired);
    for (const ReplicaItem* item : postludes_for(routed, viewer)) install_from_wire(replica, *item);
  }
  void start_late(AgentIx agent) { late.emplace_back(agent, bootstrap(agent)); }
  void feed(const Events& events) {
    for (const Event& event : events) feed(event);
  }

  // A fresh replica for the agent, from the bootstrap the server would send now.
  State bootstrap(AgentIx agent) const {
    State replica;
    for (const ReplicaItem& item : replica_bootstrap(server, StreamViewer{false, agent})) install_from_wire(replica, item);
    return replica;
  }

  // Every replica shows its agent what the server shows them.
  void check_replicas(Timestamp now) const {
    for (AgentIx a : server.agents.indices()) check_one(a, replicas[a], now, "streamed");
    for (const auto& [a, replica] : late) check_one(a, replica, now, "bootstrapped");
  }
  void check_one(AgentIx a, const State& replica, Timestamp now, const char* how) const {
    const std::string& id = server.agents[a].id;
    const auto chats = visible_chats(server, a);
    CHECK_MESSAGE(agent_view(replica, id, chats, now) == agent_view(server, id, chats, now), (how + (" agent " + id)));
  }
};

}  // namespace parley::test
