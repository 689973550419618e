// The reports as one replay of the log into a fresh State, each event measured against the state
// just before and after it: the reference the state-kept report facts are checked against.
#include "report_oracle.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "apply.hpp"
#include "overloaded.hpp"

namespace parley::test {

namespace {


struct AgentTally {
  std::int64_t assigned = 0, replies = 0, closed = 0, missed = 0, transfers = 0, sla_breaches = 0;
  std::set<ChatIx> sessions;
  std::vector<Duration> first_response, response;
  Duration handle_ms = 0;
};

struct GroupTally {
  std::int64_t started = 0, transferred_in = 0, transferred_out = 0, queued = 0, abandoned = 0, closed = 0;
  std::vector<Duration> wait, first_response;
  SlaBreachCounts sla_breaches;
  std::array<std::int64_t, 24> by_hour{};
  std::int64_t peak_queue = 0;
};

// What the fold remembers of each session beyond State.
struct ChatTrack {
  Timestamp got_at = kNever;       // when the current assignee got it
  bool awaiting_first = false;     // the assignee has not written since getting it
  Timestamp held_since = kNever;   // open or paused with an assignee since
  Timestamp first_client_at = kNever;
  bool agent_wrote = false;
};

// A chat as it stood before an event.
struct Before {
  bool exists = false;
  ChatState state = ChatState::queued;
  AgentIx assignee = kNoIndex;
  GroupIx group = kNoIndex;
  Timestamp waiting_since = kNever, enqueued_at = 0;
  std::uint64_t queue_sequence = 0;
  bool held() const { return exists && assignee != kNoIndex && (state == ChatState::open || state == ChatState::paused); }
};

std::string chat_of(const EventBody& body) {
  return std::visit(
      [](const auto& e) -> std::string {
        if constexpr (requires { e.chat; }) return e.chat;
        else return {};
      },
      body);
}

bool is_get(const EventBody& body) {
  return std::visit(Overloaded{
                        [](const ChatStarted& e) { return e.by.is_agent(); },
                        [](const ChatAssigned&) { return true; },
                        [](const ChatTransferred& e) { return !e.to_agent.empty(); },
                        [](const ChatReopened&) { return true; },
                        [](const auto&) { return false; },
                    },
                    body);
}

class Fold {
 public:
  Fold(const ReportQuery& query, Timestamp now)
      : query_(query), from_(query.from), end_(std::min(query.to, now)), to_(query.to), now_(now), zone_(query.zone) {}

  void feed(const Event& event) {
    if (event.at > moment_) close_moment(event.at);
    const std::string chat_id = chat_of(event.body);
    const ChatIx chat = chat_id.empty() ? kNoIndex : state_.chat_ix(chat_id);
    const Before before = snapshot(chat);
    apply(state_, event);
    moment_ = event.at;
    if (chat_id.empty()) return;
    const ChatIx ix = state_.chat_ix(chat_id);
    if (ix == kNoIndex) return;
    if (tracks_.size() <= ix.value()) tracks_.resize(ix.value() + 1);
    follow(ix, before, event);
    touched_.insert(before.group);
    touched_.insert(state_.chats[ix].group);
  }

  Reports finish() {
    const ReportQuery& query = query_;
    close_moment(std::numeric_limits<Timestamp>::max());
    for (ChatIx c : state_.chats.indices()) {
      const Chat& chat = state_.chats[c];
      ChatTrack& track = tracks_[c.value()];
      if (track.held_since != kNever && chat.assignee != kNoIndex) agent(chat.assignee).handle_ms += overlap(track.held_since, end_);
    }
    Reports reports;
    const GroupIx only = query.group.empty() ? kNoIndex : state_.group_ix(query.group);
    if (!query.group.empty() && only == kNoIndex) return reports;
    std::vector<AgentIx> agents;
    for (AgentIx a : state_.agents.indices()) agents.push_back(a);
    std::sort(agents.begin(), agents.end(), [&](AgentIx a, AgentIx b) { return state_.agents[a].id < state_.agents[b].id; });
    for (AgentIx a : agents)
      if (only == kNoIndex || is_member(state_.agents[a], only)) reports.operators.push_back(operator_row(a));
    std::vector<GroupIx> groups;
    for (GroupIx g : state_.groups.indices()) groups.push_back(g);
    std::sort(groups.begin(), groups.end(), [&](GroupIx a, GroupIx b) { return state_.groups[a].id < state_.groups[b].id; });
    for (GroupIx g : groups)
      if (only == kNoIndex || g == only) reports.live_chats.push_back(live_chat_row(g));
    return reports;
  }

 private:
  bool in_range(Timestamp at) const { return at >= from_ && at < to_ && at <= now_; }
  Duration overlap(Timestamp start, Timestamp stop) const {
    return std::max<Duration>(0, std::min(stop, end_) - std::max(start, from_));
  }
  AgentTally& agent(AgentIx a) { return agents_[a.value()]; }
  GroupTally& group(GroupIx g) { return groups_[g.value()]; }

  Before snapshot(ChatIx c) const {
    if (c == kNoIndex) return {};
    const Chat& chat = state_.chats[c];
    return Before{true, chat.state, chat.assignee, chat.group, chat.waiting_since, chat.enqueued_at, chat.queue_sequence};
  }

  // The queue lengths a moment leaves behind count toward peak_queue when the moment is in range;
  // the first moment after `from` also measures every group as `from` found it.
  void close_moment(Timestamp next) {
    if (!measured_start_ && next > from_ && from_ <= end_) {
      measured_start_ = true;
      for (GroupIx g : state_.groups.indices()) peak(g);
    }
    if (moment_ != kNever && moment_ > from_ && in_range(moment_))
      for (GroupIx g : touched_)
        if (g != kNoIndex) peak(g);
    touched_.clear();
  }
  void peak(GroupIx g) {
    group(g).peak_queue = std::max<std::int64_t>(group(g).peak_queue, static_cast<std::int64_t>(state_.groups[g].queue.size()));
  }

  void follow(ChatIx ix, const Before& before, const Event& event) {
    const Chat& chat = state_.chats[ix];
    ChatTrack& track = tracks_[ix.value()];
    const bool counted = in_range(event.at);
    // Handle time: each held stretch is credited to the agent who held it.
    if (before.held() && track.held_since != kNever) agent(before.assignee).handle_ms += overlap(track.held_since, event.at);
    const bool held_now = chat.assignee != kNoIndex && (chat.state == ChatState::open || chat.state == ChatState::paused);
    track.held_since = held_now ? event.at : kNever;

    if (chat.state == ChatState::queued && (!before.exists || chat.queue_sequence != before.queue_sequence) && counted)
      ++group(chat.group).queued;
    if (is_get(event.body) && chat.assignee != kNoIndex && chat.state == ChatState::open) {
      track.got_at = event.at;
      track.awaiting_first = true;
      if (counted) {
        AgentTally& a = agent(chat.assignee);
        ++a.assigned;
        a.sessions.insert(ix);
        if (before.exists && before.state == ChatState::queued)
          group(before.group).wait.push_back(event.at - before.enqueued_at);
      }
    }
    std::visit(Overloaded{
                   [&](const ChatStarted&) {
                     if (!counted) return;
                     GroupTally& g = group(chat.group);
                     ++g.started;
                     const Duration local = event.at + Duration{zone_ ? utc_offset_min(*zone_, event.at) : 0} * 60000;
                     ++g.by_hour[static_cast<std::size_t>(((local % kDay) + kDay) % kDay / kHour)];
                   },
                   [&](const MessageSent& e) { message(ix, before, e, counted, event.at); },
                   [&](const ChatAssigned& e) {
                     const bool reassigned = e.how == AssignKind::assigned && e.by.is_agent() && before.assignee != kNoIndex &&
                                             before.state != ChatState::queued;
                     if (reassigned && counted) count_transfer_by(e.by);
                   },
                   [&](const ChatTransferred& e) {
                     if (!counted) return;
                     if (e.by.is_agent()) count_transfer_by(e.by);
                     if (e.by.kind == ActorKind::automatic && before.assignee != kNoIndex) ++agent(before.assignee).missed;
                     if (!e.to_group.empty() && chat.group != before.group) {
                       ++group(before.group).transferred_out;
                       ++group(chat.group).transferred_in;
                     }
                   },
                   [&](const ChatClosed& e) {
                     if (!counted) return;
                     ++group(before.group).closed;
                     if (!track.agent_wrote) ++group(before.group).abandoned;
                     if (!e.credited_agent.empty()) ++agent(state_.agent_ix(e.credited_agent)).closed;
                   },
                   [&](const SlaBreached& e) {
                     if (!counted) return;
                     SlaBreachCounts& g = group(before.group).sla_breaches;
                     ++(e.kind == SlaKind::first_response  ? g.first_response
                        : e.kind == SlaKind::next_response ? g.next_response
                                                           : g.resolution);
                     if (!e.agent.empty()) ++agent(state_.agent_ix(e.agent)).sla_breaches;
                   },
                   [](const auto&) {},
               },
               event.body);
  }

  void message(ChatIx ix, const Before& before, const MessageSent& e, bool counted, Timestamp at) {
    ChatTrack& track = tracks_[ix.value()];
    if (e.from.kind == ActorKind::client) {
      if (track.first_client_at == kNever) track.first_client_at = at;
      return;
    }
    if (!e.from.is_agent()) return;
    const AgentIx writer = state_.agent_ix(e.from.id);
    const bool assignee_writes = writer == before.assignee;
    if (counted) {
      if (!track.agent_wrote && track.first_client_at != kNever)
        group(before.group).first_response.push_back(at - track.first_client_at);
      AgentTally& a = agent(writer);
      ++a.replies;
      if (before.waiting_since != kNever) {
        const Timestamp base =
            assignee_writes && track.got_at != kNever ? std::max(before.waiting_since, track.got_at) : before.waiting_since;
        a.response.push_back(at - base);
        if (assignee_writes && track.awaiting_first) a.first_response.push_back(at - base);
      }
    }
    track.agent_wrote = true;
    if (assignee_writes) track.awaiting_first = false;
  }

  void count_transfer_by(const Actor& by) {
    const AgentIx a = state_.agent_ix(by.id);
    if (a != kNoIndex) ++agent(a).transfers;
  }

  OperatorRow operator_row(AgentIx a) {
    const Agent& who = state_.agents[a];
    const AgentTally& t = agent(a);
    OperatorRow row;
    row.agent = who.id;
    Timestamp since = who.created_at;
    AgentStatus status = AgentStatus::offline;
    const auto add = [&](Timestamp until) {
      const Duration span = overlap(since, until);
      (status == AgentStatus::online ? row.online_ms : status == AgentStatus::dnd ? row.dnd_ms : row.offline_ms) += span;
    };
    for (const StatusChange& change : who.history) {
      add(change.at);
      since = change.at;
      status = change.status;
    }
    add(end_);
    row.assigned = t.assigned;
    row.sessions = static_cast<std::int64_t>(t.sessions.size());
    row.replies = t.replies;
    row.closed = t.closed;
    row.missed = t.missed;
    row.transfers = t.transfers;
    row.first_response = summarize(t.first_response);
    row.response = summarize(t.response);
    row.handle_ms = t.handle_ms;
    const Duration present = row.online_ms + row.dnd_ms;
    row.avg_concurrency_milli = present > 0 ? row.handle_ms * 1000 / present : 0;
    row.sla_breaches = t.sla_breaches;
    return row;
  }

  LiveChatRow live_chat_row(GroupIx g) {
    const GroupTally& t = group(g);
    LiveChatRow row;
    row.group = state_.groups[g].id;
    row.started = t.started;
    row.transferred_in = t.transferred_in;
    row.transferred_out = t.transferred_out;
    row.queued = t.queued;
    row.wait = summarize(t.wait);
    row.abandoned = t.abandoned;
    row.closed = t.closed;
    row.first_response = summarize(t.first_response);
    row.sla_breaches = t.sla_breaches;
    row.by_hour = t.by_hour;
    row.peak_queue = t.peak_queue;
    return row;
  }

  ReportQuery query_;
  Timestamp from_, end_, to_, now_;
  std::optional<TimeZone> zone_;
  State state_;
  std::vector<ChatTrack> tracks_;
  std::map<std::uint32_t, AgentTally> agents_;
  std::map<std::uint32_t, GroupTally> groups_;
  Timestamp moment_ = kNever;
  bool measured_start_ = false;
  std::set<GroupIx> touched_;
};

}  // namespace

Reports oracle_reports(const Events& log, const ReportQuery& query, Timestamp now) {
  Fold fold(query, now);
  for (const Event& event : log) fold.feed(event);
  return fold.finish();
}

}  // namespace parley::test
