// Workspace views of SPEC §7: the session lists, the merged waiting queue, the counters and
// search. Pure functions of State, ordered deterministically; lists and counters read the indexes
// apply() keeps (State::lists), so a list's size and the counters cost O(groups), not O(sessions).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "result.hpp"

namespace parley {

enum class ListView { mine, queue, active, closed, spam };

// The waiting sessions of every group the agent belongs to, oldest first.
std::vector<ChatIx> waiting_queue(const State& state, AgentIx agent);
// Whether the agent may open the list at all (the Active view is for supervisors, admins and readers).
bool may_list(const Agent& agent, ListView view);
// The list a workspace opens first: My sessions, or Active for someone who only reads.
ListView first_list(const Agent& agent);
// mine: the agent's open/paused sessions, latest activity first; queue: waiting_queue;
// active: supervisors' (and readers', read-only) view of every open, paused or waiting session of
// their groups; spam: sessions marked spam in the groups a supervisor oversees (admins: all); closed: closed sessions the agent last had, supervises or reads, latest first.
Result<std::vector<ChatIx>> session_list(const State& state, AgentIx agent, ListView view);
// The same list without building it: its length (O(g) for a list spanning g groups) and its rows
// [first, first + count) (O(g² log² n + count)), for views that show a screenful of a long list.
Result<std::size_t> session_list_size(const State& state, AgentIx agent, ListView view);
Result<std::vector<ChatIx>> session_list_rows(const State& state, AgentIx agent, ListView view, std::size_t first,
                                             std::size_t count);
// The row of `chat` in the list, or nullopt if the list does not hold it (or is refused).
std::optional<std::size_t> session_list_position(const State& state, AgentIx agent, ListView view, ChatIx chat);

struct Counters {
  int unread = 0;          // operator: own sessions with unread client messages
  int unassigned = 0;      // supervisor: waiting sessions of supervised groups
  int total = 0;           // the badge: unread + unassigned as the roles allow
  int new_unassigned = 0;  // waiting sessions in the agent's groups that no agent has had yet
  // Which counters the agent's roles show (SPEC §7): unread to operators, unassigned to supervisors
  // (and admins), new to anyone who works sessions; readers none.
  bool shows_unread = false, shows_unassigned = false, shows_new = false;
};
Counters counters(const State& state, AgentIx agent);

// Substring search on folded text (core/text_fold.hpp: Unicode case and accents). Without a chat:
// session names (client) the agent may read, newest first. With a chat: the indexes of its messages
// whose text or an attachment's file name matches.
std::vector<ChatIx> search_sessions(const State& state, AgentIx agent, std::string_view text);
std::vector<MessageIx> search_messages(const Chat& chat, std::string_view text);
bool contains_ignoring_case(std::string_view haystack, std::string_view needle);

}  // namespace parley
