// The report facts' bookkeeping: each session event is measured against its session just before
// and just after it, and what the reports count is stamped with the event's time.
#include "report_keeping.hpp"

#include "overloaded.hpp"

namespace parley {

namespace {

const std::string* chat_id_of(const EventBody& body) {
  return std::visit(
      [](const auto& e) -> const std::string* {
        if constexpr (requires { e.chat; }) return &e.chat;
        else return nullptr;
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

template <class T, class I>
T& slot(std::vector<T>& facts, I ix) {
  if (facts.size() <= ix.value()) facts.resize(ix.value() + 1);
  return facts[ix.value()];
}

// Moves the agent's held-sessions count by `delta` from `at` on.
void step_held(std::vector<ReportStep>& steps, Timestamp at, std::int64_t delta) {
  if (!steps.empty() && steps.back().at == at) {
    steps.back().count += delta;
    return;
  }
  const ReportStep last = steps.empty() ? ReportStep{at, 0, 0} : steps.back();
  steps.push_back(ReportStep{at, last.area + last.count * (at - last.at), last.count + delta});
}

class Keeper {
 public:
  Keeper(State& state, const ReportBefore& before, const Event& event, ChatIx ix)
      : s_(state), facts_(state.report_facts), before_(before), at_(event.at), chat_(state.chats[ix]),
        track_(slot(facts_.chats, ix)) {}

  void keep(const Event& event) {
    if (chat_.spam) {
      if (before_.exists && !before_.spam) {  // just marked: it leaves its agent's and its queue's counts
        held();
        note_queue(before_.group);
      }
      return;
    }
    if (before_.spam) arrive();
    held();
    note_queue(before_.group);
    if (chat_.group != before_.group) note_queue(chat_.group);
    if (chat_.state == ChatState::queued && (!before_.exists || chat_.queue_sequence != before_.queue_sequence))
      group(chat_.group).queued.push_back(at_);
    if (is_get(event.body) && chat_.assignee != kNoIndex && chat_.state == ChatState::open) got();
    std::visit(Overloaded{
                   [&](const ChatStarted&) {
                     group(chat_.group).started.push_back(at_);
                     track_.started_counted = true;
                   },
                   [&](const MessageSent& e) { message(e); },
                   [&](const ChatAssigned& e) {
                     if (e.how == AssignKind::assigned && e.by.is_agent() && before_.assignee != kNoIndex &&
                         before_.state != ChatState::queued)
                       transfer_by(e.by);
                   },
                   [&](const ChatTransferred& e) {
                     if (e.by.is_agent()) transfer_by(e.by);
                     if (e.by.kind == ActorKind::automatic && before_.assignee != kNoIndex)
                       agent(before_.assignee).missed.push_back(at_);
                     if (!e.to_group.empty() && chat_.group != before_.group) {
                       group(before_.group).transferred_out.push_back(at_);
                       group(chat_.group).transferred_in.push_back(at_);
                     }
                   },
                   [&](const ChatClosed& e) {
                     GroupReportFacts& g = group(before_.group);
                     g.closed.push_back(at_);
                     if (!track_.agent_wrote) g.abandoned.push_back(at_);
                     const AgentIx credited = s_.agent_ix(e.credited_agent);
                     if (!e.credited_agent.empty() && credited != kNoIndex) agent(credited).closed.push_back(at_);
                   },
                   [&](const SlaBreached& e) {
                     GroupReportFacts& g = group(before_.group);
                     (e.kind == SlaKind::first_response  ? g.sla_first_response
                      : e.kind == SlaKind::next_response ? g.sla_next_response
                                                         : g.sla_resolution)
                         .push_back(at_);
                     const AgentIx who = s_.agent_ix(e.agent);
                     if (!e.agent.empty() && who != kNoIndex) agent(who).sla_breaches.push_back(at_);
                   },
                   [](const auto&) {},
               },
               event.body);
  }

 private:
  AgentReportFacts& agent(AgentIx a) { return slot(facts_.agents, a); }
  GroupReportFacts& group(GroupIx g) { return slot(facts_.groups, g); }

  // An unmarked session counts as arriving now: started (once) and, if the client wrote, waiting.
  void arrive() {
    if (!track_.started_counted) {
      group(chat_.group).started.push_back(at_);
      track_.started_counted = true;
    }
    if (track_.first_client_at == INT64_MIN && chat_.last_client_at != kNever) track_.first_client_at = at_;
  }

  // Handle time: the held count of the agent who held the session before and of the one after.
  void held() {
    const bool now_held = chat_.assignee != kNoIndex && (chat_.state == ChatState::open || chat_.state == ChatState::paused);
    const AgentIx was = before_.held() ? before_.assignee : AgentIx{};
    const AgentIx is = now_held ? chat_.assignee : AgentIx{};
    if (was == is) return;
    if (was != kNoIndex) step_held(agent(was).held, at_, -1);
    if (is != kNoIndex) step_held(agent(is).held, at_, +1);
  }

  void note_queue(GroupIx g) {
    if (g == kNoIndex || !s_.groups.contains(g)) return;
    auto& steps = group(g).queue;
    const auto length = static_cast<std::int64_t>(s_.groups[g].queue.size());
    if (!steps.empty() && steps.back().first == at_) steps.back().second = length;
    else if (steps.empty() ? length != 0 : steps.back().second != length) steps.emplace_back(at_, length);
  }

  void got() {
    track_.got_at = at_;
    track_.awaiting_first = true;
    Timestamp previous = INT64_MIN;
    bool seen = false;
    for (auto& [who, when] : track_.gets)
      if (who == chat_.assignee) {
        previous = when;
        when = at_;
        seen = true;
      }
    if (!seen) track_.gets.emplace_back(chat_.assignee, at_);
    agent(chat_.assignee).gets.push_back(ReportGet{at_, previous});
    if (before_.exists && before_.state == ChatState::queued)
      group(before_.group).wait.push_back(ReportSample{at_, at_ - before_.enqueued_at});
  }

  void message(const MessageSent& e) {
    if (e.from.kind == ActorKind::client) {
      if (track_.first_client_at == INT64_MIN) track_.first_client_at = at_;
      return;
    }
    if (!e.from.is_agent()) return;
    const AgentIx writer = s_.agent_ix(e.from.id);
    const bool assignee_writes = writer == before_.assignee;
    if (!track_.agent_wrote && track_.first_client_at != INT64_MIN)
      group(before_.group).first_response.push_back(ReportSample{at_, at_ - track_.first_client_at});
    if (writer != kNoIndex) {
      AgentReportFacts& a = agent(writer);
      a.replies.push_back(at_);
      if (before_.waiting_since != INT64_MIN) {
        const Timestamp base = assignee_writes && track_.got_at != INT64_MIN
                                   ? std::max(before_.waiting_since, track_.got_at)
                                   : before_.waiting_since;
        a.response.push_back(ReportSample{at_, at_ - base});
        if (assignee_writes && track_.awaiting_first) a.first_response.push_back(ReportSample{at_, at_ - base});
      }
    }
    track_.agent_wrote = true;
    if (assignee_writes) track_.awaiting_first = false;
  }

  void transfer_by(const Actor& by) {
    const AgentIx a = s_.agent_ix(by.id);
    if (a != kNoIndex) agent(a).transfers.push_back(at_);
  }

  State& s_;
  ReportFacts& facts_;
  const ReportBefore& before_;
  Timestamp at_;
  const Chat& chat_;
  ChatReportTrack& track_;
};

}  // namespace

ReportBefore report_before(const State& state, const Event& event) {
  ReportBefore before;
  const std::string* id = chat_id_of(event.body);
  if (!id) return before;
  before.has_chat = true;
  before.chat = state.chat_ix(*id);
  if (before.chat == kNoIndex) return before;
  const Chat& chat = state.chats[before.chat];
  before.exists = true;
  before.state = chat.state;
  before.assignee = chat.assignee;
  before.group = chat.group;
  before.waiting_since = chat.waiting_since;
  before.enqueued_at = chat.enqueued_at;
  before.queue_sequence = chat.queue_sequence;
  before.spam = chat.spam;
  return before;
}

void keep_report_facts(State& state, const ReportBefore& before, const Event& event) {
  if (!before.has_chat) return;
  const ChatIx ix = before.exists ? before.chat : state.chat_ix(*chat_id_of(event.body));
  if (ix == kNoIndex) return;
  Keeper(state, before, event, ix).keep(event);
}

}  // namespace parley
