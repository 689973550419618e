// The list indexes (State::lists, Group::queue) against the lists computed from scratch: after every
// command of long random desk days, every agent's lists, slices, sizes and counters must be equal.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "engine.hpp"
#include "merged_rows.hpp"
#include "views.hpp"

using namespace parley;

namespace {

constexpr Timestamp kStart = 1767603600000;  // 2026-01-05T09:00:00Z

// [SECTION] the lists from scratch (what core/views computed before it had indexes)

void sort_latest_first(const State& state, std::vector<ChatIx>& chats) {
  std::sort(chats.begin(), chats.end(), [&](ChatIx a, ChatIx b) {
    const Chat &ca = state.chats[a], &cb = state.chats[b];
    if (ca.last_activity != cb.last_activity) return ca.last_activity > cb.last_activity;
    return ca.number > cb.number;
  });
}

std::vector<ChatIx> scratch_queue(const State& state, AgentIx agent_ix) {
  std::vector<QueueEntry> entries;
  for (ChatIx c : state.chats.indices()) {
    const Chat& chat = state.chats[c];
    if (chat.state == ChatState::queued && is_member(state.agents[agent_ix], chat.group))
      entries.push_back(queue_entry(chat, c));
  }
  std::sort(entries.begin(), entries.end());
  std::vector<ChatIx> chats;
  for (const QueueEntry& e : entries) chats.push_back(e.chat);
  return chats;
}

std::optional<std::vector<ChatIx>> scratch_list(const State& state, AgentIx agent_ix, ListView view) {
  const Agent& agent = state.agents[agent_ix];
  // Supervisors oversee their groups' lists; readers read them whole.
  const auto oversees = [&](GroupIx g) {
    return may_supervise(agent, g) || (has_role(agent, kRoleReader) && is_member(agent, g));
  };
  std::vector<ChatIx> chats;
  switch (view) {
    case ListView::mine:
      chats.assign(agent.assigned.begin(), agent.assigned.end());
      break;
    case ListView::queue: return scratch_queue(state, agent_ix);
    case ListView::active:
      if (!has_role(agent, kRoleSupervisor) && !has_role(agent, kRoleAdmin) && !has_role(agent, kRoleReader))
        return std::nullopt;
      for (ChatIx c : state.chats.indices())
        if (state.chats[c].state != ChatState::closed && oversees(state.chats[c].group)) chats.push_back(c);
      break;
    case ListView::closed:
      for (ChatIx c : state.chats.indices()) {
        const Chat& chat = state.chats[c];
        if (chat.state == ChatState::closed && (chat.assignee == agent_ix || oversees(chat.group)))
          chats.push_back(c);
      }
      break;
  }
  sort_latest_first(state, chats);
  return chats;
}

Counters scratch_counters(const State& state, AgentIx agent_ix) {
  const Agent& agent = state.agents[agent_ix];
  Counters result;
  for (ChatIx c : agent.assigned)
    if (state.chats[c].unread > 0) ++result.unread;
  for (ChatIx c : state.chats.indices()) {
    const Chat& chat = state.chats[c];
    if (chat.state != ChatState::queued) continue;
    if (may_supervise(agent, chat.group)) ++result.unassigned;
    if (is_member(agent, chat.group) && !chat.ever_assigned) ++result.new_unassigned;
  }
  const bool supervisor = has_role(agent, kRoleSupervisor) || has_role(agent, kRoleAdmin);
  result.total = (has_role(agent, kRoleOperator) ? result.unread : 0) + (supervisor ? result.unassigned : 0);
  return result;
}

// [SECTION] random desk days

struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
  }
};

const std::vector<std::string> kGroups{"auto", "accept", "quiet"};
const std::vector<std::string> kAgents{"op1", "op2", "op3", "sup", "boss", "adm", "rd"};

struct Day {
  State state;
  Random rng;
  Timestamp now = kStart;
  int chats = 0;
  int accepted = 0;
  Events log;

  explicit Day(std::uint64_t seed) : rng{seed} {
    GroupSettings timed;
    timed.max_active = 2;
    timed.close_silent = true;
    timed.close_silent_after_min = 4;
    timed.transfer_unanswered = true;
    timed.transfer_unanswered_after_min = 2;
    timed.first_response_min = 1;
    timed.next_response_min = 3;
    GroupSettings accept = timed;
    accept.routing = Routing::accept;
    GroupSettings quiet;
    quiet.routing = Routing::accept;
    run(CreateGroup{"auto", "Auto", timed});
    run(CreateGroup{"accept", "Accept", accept});
    run(CreateGroup{"quiet", "Quiet", quiet});
    run(CreateAgent{"op1", "Op One", "", {"auto", "accept"}, kRoleOperator});
    run(CreateAgent{"op2", "Op Two", "", {"accept", "quiet"}, kRoleOperator});
    run(CreateAgent{"op3", "Op Three", "", {"auto"}, kRoleOperator});
    run(CreateAgent{"sup", "Sup", "", {"auto", "quiet"}, kRoleOperator | kRoleSupervisor});
    run(CreateAgent{"boss", "Boss", "", {"accept"}, kRoleSupervisor});
    run(CreateAgent{"adm", "Adm", "", {}, kRoleAdmin});
    run(CreateAgent{"rd", "Reader", "", {"quiet"}, kRoleReader});
  }

  void run(const Command& command) {
    const Outcome outcome = handle(state, command, now);
    accepted += outcome.error ? 0 : 1;
    log.insert(log.end(), outcome.events.begin(), outcome.events.end());
  }

  std::string some_chat() { return chats == 0 ? "none" : "c" + std::to_string(rng.below(chats)); }
  Actor some_agent_actor() {
    return Actor{rng.below(8) == 0 ? ActorKind::manual : ActorKind::agent, rng.pick(kAgents)};
  }

  void step() {
    now += rng.below(10) == 0 ? rng.below(6) * kMinute : rng.below(40) * kSecond;
    const Actor client{ActorKind::client, {}};
    switch (rng.below(16)) {
      case 0: {
        static const std::vector<AgentStatus> statuses{AgentStatus::online, AgentStatus::online, AgentStatus::dnd,
                                                       AgentStatus::offline};
        run(SetAgentStatus{rng.pick(kAgents), rng.pick(statuses)});
        break;
      }
      case 1:
      case 2: {
        const std::string id = "c" + std::to_string(chats++);
        const Actor by = rng.below(5) == 0 ? Actor{ActorKind::agent, rng.pick(kAgents)} : client;
        run(StartChat{id, rng.pick(kGroups), "Widget", "Client " + std::to_string(rng.below(50)), by});
        break;
      }
      case 3:
      case 4: run(SendMessage{some_chat(), client, "hello", {}}); break;
      case 5:
      case 6: {
        const std::string chat = some_chat();
        const Chat* c = state.find_chat(chat);
        const std::string from = c && c->assignee != kNoIndex && rng.below(4) ? state.agents[c->assignee].id
                                                                               : rng.pick(kAgents);
        run(SendMessage{chat, Actor{ActorKind::agent, from}, "answer", {}});
        break;
      }
      case 7: run(AcceptChat{some_chat(), rng.pick(kAgents)}); break;
      case 8: run(AssignChat{some_chat(), rng.pick(kAgents), Actor{ActorKind::agent, rng.pick(kAgents)}}); break;
      case 9:
        if (rng.below(2)) run(TransferChat{some_chat(), some_agent_actor(), rng.pick(kAgents), "", "busy"});
        else run(TransferChat{some_chat(), some_agent_actor(), "", rng.pick(kGroups), "wrong group"});
        break;
      case 10: run(PauseChat{some_chat(), some_agent_actor()}); break;
      case 11: run(ResumeChat{some_chat(), some_agent_actor()}); break;
      case 12: run(CloseChat{some_chat(), some_agent_actor()}); break;
      case 13: run(ReopenChat{some_chat(), Actor{ActorKind::agent, rng.pick(kAgents)}}); break;
      case 14: run(MarkChatRead{some_chat(), rng.pick(kAgents)}); break;
      case 15: {
        if (rng.below(6)) {
          run(Tick{});
          break;
        }
        std::vector<std::string> groups;
        for (const std::string& g : kGroups)
          if (rng.below(2)) groups.push_back(g);
        static const std::vector<RoleSet> roles{kRoleOperator, kRoleOperator | kRoleSupervisor, kRoleSupervisor,
                                                kRoleReader, kRoleAdmin};
        const std::string agent = rng.pick(kAgents);
        run(UpdateAgent{agent, agent, "", groups, rng.pick(roles)});
        break;
      }
    }
  }
};

void check_views(const State& state, Random& rng) {
  for (AgentIx a : state.agents.indices()) {
    CAPTURE(state.agents[a].id);
    CHECK(waiting_queue(state, a) == scratch_queue(state, a));
    const Counters got = counters(state, a), want = scratch_counters(state, a);
    CHECK(got.unread == want.unread);
    CHECK(got.unassigned == want.unassigned);
    CHECK(got.new_unassigned == want.new_unassigned);
    CHECK(got.total == want.total);
    for (ListView view : {ListView::mine, ListView::queue, ListView::active, ListView::closed}) {
      CAPTURE(static_cast<int>(view));
      const auto want_list = scratch_list(state, a, view);
      const auto list = session_list(state, a, view);
      const auto size = session_list_size(state, a, view);
      REQUIRE(list.ok() == want_list.has_value());
      REQUIRE(size.ok() == want_list.has_value());
      if (!want_list) continue;
      CHECK(list.value() == *want_list);
      CHECK(size.value() == want_list->size());
      const std::size_t n = want_list->size();
      const std::size_t first = n == 0 ? 0 : static_cast<std::size_t>(rng.below(static_cast<int>(n) + 2));
      const std::size_t count = static_cast<std::size_t>(rng.below(12));
      const auto rows = session_list_rows(state, a, view, first, count);
      REQUIRE(rows.ok());
      std::vector<ChatIx> expected;
      for (std::size_t i = first; i < n && i < first + count; ++i) expected.push_back((*want_list)[i]);
      CHECK(rows.value() == expected);
      if (n > 0) {
        const std::size_t row = static_cast<std::size_t>(rng.below(static_cast<int>(n)));
        CHECK(session_list_position(state, a, view, (*want_list)[row]) == std::optional<std::size_t>(row));
      }
      const ChatIx other{static_cast<std::size_t>(rng.below(static_cast<int>(state.chats.size()) + 1))};
      if (state.chats.contains(other) && std::find(want_list->begin(), want_list->end(), other) == want_list->end())
        CHECK_FALSE(session_list_position(state, a, view, other).has_value());
    }
  }
}

}  // namespace

TEST_CASE("OrderedRows behaves as a sorted set with ranks") {
  Random rng{11};
  OrderedRows<int> rows;
  std::set<int> reference;
  for (int i = 0; i < 40000; ++i) {
    const int value = rng.below(3000);
    if (rng.below(3) == 0) CHECK(rows.erase(value) == (reference.erase(value) == 1));
    else CHECK(rows.insert(value) == reference.insert(value).second);
    if (i % 997 == 0) {
      REQUIRE(rows.size() == reference.size());
      CHECK(std::equal(rows.begin(), rows.end(), reference.begin(), reference.end()));
      const int probe = rng.below(3000);
      CHECK(rows.count_less(probe) ==
            static_cast<std::size_t>(std::distance(reference.begin(), reference.lower_bound(probe))));
      CHECK(rows.contains(probe) == (reference.count(probe) == 1));
      if (!reference.empty()) {
        const std::size_t k = static_cast<std::size_t>(rng.below(static_cast<int>(reference.size())));
        CHECK(rows.at(k) == *std::next(reference.begin(), static_cast<std::ptrdiff_t>(k)));
      }
    }
  }
  while (!reference.empty()) {  // emptied from the front, as a queue is
    CHECK(rows.erase(*reference.begin()));
    reference.erase(reference.begin());
  }
  CHECK(rows.empty());
  CHECK(rows.begin() == rows.end());
}

TEST_CASE("MergedRows slices several disjoint sources as one sorted sequence") {
  Random rng{5};
  OrderedRows<int> sources[4];
  std::vector<int> all;
  for (int value = 0; value < 5000; ++value) {
    const int s = rng.below(5);
    if (s == 4) continue;  // not in any source
    sources[s].insert(value);
    all.push_back(value);
  }
  MergedRows<int> merged;
  for (const auto& source : sources) merged.add(source);
  REQUIRE(merged.size() == all.size());
  for (int probe = 0; probe < 200; ++probe) {
    const std::size_t first = static_cast<std::size_t>(rng.below(static_cast<int>(all.size()) + 5));
    const std::size_t count = static_cast<std::size_t>(rng.below(40));
    std::vector<int> got;
    merged.slice(first, count, [&](int v) { got.push_back(v); });
    const std::vector<int> want(all.begin() + static_cast<std::ptrdiff_t>(std::min(first, all.size())),
                                all.begin() + static_cast<std::ptrdiff_t>(std::min(first + count, all.size())));
    CHECK(got == want);
  }
}

TEST_CASE("incremental lists and counters equal the lists from scratch after random desk days") {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    CAPTURE(seed);
    Day day(seed);
    Random probes{seed * 77};
    for (int i = 0; i < 1500; ++i) {
      day.step();
      if (i % 5 == 0) check_views(day.state, probes);
    }
    check_views(day.state, probes);
    CHECK(day.accepted > 400);
    CHECK(day.chats > 100);

    State replayed;  // a log replayed (apply only) files every chat the same way
    replay(replayed, day.log);
    check_views(replayed, probes);
    CHECK(replayed.lists.chats == day.state.lists.chats);
  }
}
