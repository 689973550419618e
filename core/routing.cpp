// Auto routing: least loaded, then fewest sessions, then longest idle; waiting sessions go out most
// urgent first, then in arrival order, each to an agent with room for its channel's weight.
#include "routing.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <tuple>

namespace parley {

int routing_capacity(const State& state, GroupIx group) { return state.groups[group].settings.max_active; }

int routing_load_limit(const State& state, GroupIx group) {
  const GroupSettings& s = state.groups[group].settings;
  return s.max_load > 0 ? s.max_load : s.max_active * kDefaultChannelWeight;
}

int chat_weight(const State& state, const Chat& chat) {
  if (state.channels.empty()) return kDefaultChannelWeight;
  return channel_settings(state, chat.channel).weight;
}

int agent_load(const State& state, const Agent& agent) {
  if (state.channels.empty()) return static_cast<int>(agent.assigned.size()) * kDefaultChannelWeight;
  int load = 0;
  for (ChatIx c : agent.assigned) load += chat_weight(state, state.chats[c]);
  return load;
}

bool takes_routed_session(const State& state, AgentIx agent_ix, GroupIx group, int weight) {
  const Agent& agent = state.agents[agent_ix];
  return agent.status == AgentStatus::online && may_work(agent, group) &&
         static_cast<int>(agent.assigned.size()) < routing_capacity(state, group) &&
         agent_load(state, agent) + weight <= routing_load_limit(state, group);
}

namespace {

bool holds_routing(const Group& group, Timestamp now) {
  const GroupSettings& s = group.settings;
  return s.hold_outside_hours && s.business_hours && !is_open(*s.business_hours, now);
}

// The agent a waiting session is kept for: a returning customer's, while online.
AgentIx waits_for(const State& state, const Chat& chat) {
  if (chat.prefer_agent == kNoIndex || state.agents[chat.prefer_agent].status != AgentStatus::online) return kNoIndex;
  return chat.prefer_agent;
}

int lightest_weight(const State& state) {
  int lightest = kDefaultChannelWeight;
  for (const auto& [name, channel] : state.channels) lightest = std::min(lightest, channel.weight);
  return lightest;
}

}  // namespace

AgentIx best_free_agent(const State& state, GroupIx group, const std::vector<AgentIx>& excluded, int weight) {
  const Group& g = state.groups[group];
  AgentIx best = kNoIndex;
  std::tuple<int, std::size_t, Timestamp, AgentIx> best_key;
  for (AgentIx member : g.members) {
    if (std::find(excluded.begin(), excluded.end(), member) != excluded.end()) continue;
    if (!takes_routed_session(state, member, group, weight)) continue;
    const Agent& agent = state.agents[member];
    const auto key = std::tuple(agent_load(state, agent), agent.assigned.size(), agent.idle_since, member);
    if (best == kNoIndex || key < best_key) {
      best = member;
      best_key = key;
    }
  }
  return best;
}

AgentIx best_free_agent(const State& state, GroupIx group, AgentIx excluded, int weight) {
  return best_free_agent(state, group, excluded == kNoIndex ? std::vector<AgentIx>{} : std::vector<AgentIx>{excluded},
                         weight);
}

std::optional<Event> next_routing(const State& state, Timestamp now) {
  const QueueEntry* chosen = nullptr;
  AgentIx chosen_agent = kNoIndex;
  const int lightest = lightest_weight(state);
  for (GroupIx g : state.groups.indices()) {
    const Group& group = state.groups[g];
    if (group.settings.routing != Routing::automatic || group.queue.empty() || holds_routing(group, now)) continue;
    if (chosen && !(*group.queue.begin() < *chosen)) continue;
    int blocked = INT_MAX;  // the lightest weight nobody in the group has room for
    for (const QueueEntry& entry : group.queue) {
      if (chosen && !(entry < *chosen)) break;
      const Chat& chat = state.chats[entry.chat];
      const int weight = chat_weight(state, chat);
      if (weight >= blocked) continue;
      const AgentIx kept_for = waits_for(state, chat);
      AgentIx agent = kNoIndex;
      if (kept_for != kNoIndex) {
        const bool missed = std::find(chat.missed_by.begin(), chat.missed_by.end(), kept_for) != chat.missed_by.end();
        if (missed || !takes_routed_session(state, kept_for, g, weight)) continue;
        agent = kept_for;
      } else {
        agent = best_free_agent(state, g, chat.missed_by, weight);
      }
      if (agent != kNoIndex) {
        chosen = &entry;
        chosen_agent = agent;
        break;
      }
      if (best_free_agent(state, g, std::vector<AgentIx>{}, weight) == kNoIndex) {
        blocked = weight;
        if (blocked <= lightest) break;  // nobody in this group has room for any session
      }
    }
  }
  if (!chosen) return std::nullopt;
  return Event{now, ChatAssigned{state.chats[chosen->chat].id, state.agents[chosen_agent].id, AssignKind::routed,
                                 Actor{ActorKind::automatic, ""}}};
}

AgentIx returning_agent(const State& state, GroupIx group, const CustomerKey& customer) {
  if (state.groups[group].settings.return_to_agent_min <= 0) return kNoIndex;
  const auto found = state.customers.find(customer);
  if (found == state.customers.end()) return kNoIndex;
  const auto& chats = found->second.chats;
  for (auto it = chats.rbegin(); it != chats.rend(); ++it) {
    const Chat& chat = state.chats[*it];
    if (chat.group != group) continue;
    const AgentIx last = chat.assignee != kNoIndex ? chat.assignee : chat.credit_agent;
    if (last == kNoIndex) continue;
    const Agent& agent = state.agents[last];
    return agent.status == AgentStatus::online && may_work(agent, group) ? last : kNoIndex;
  }
  return kNoIndex;
}

std::optional<std::string> closed_group_reply(const Group& group, Timestamp now) {
  if (!holds_routing(group, now)) return std::nullopt;
  const BusinessHours& hours = *group.settings.business_hours;
  const auto opening = next_opening(hours, now);
  if (!opening) return std::string("We are closed now. We will answer you as soon as we open.");
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Timestamp local = *opening + utc_offset_min(hours.zone, *opening) * kMinute;
  const std::int64_t days = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
  const CivilDate date = civil_from_days(days);
  const auto minute_of_day = static_cast<int>((local - days * kDay) / kMinute);
  char when[64];
  std::snprintf(when, sizeof when, "%s %d %s at %02d:%02d", kDays[weekday_from_days(days)], date.day,
                kMonths[date.month - 1], minute_of_day / 60, minute_of_day % 60);
  return "We are closed now. We open on " + std::string(when) + " (" + hours.zone.name +
         ") and will answer you then.";
}

}  // namespace parley
