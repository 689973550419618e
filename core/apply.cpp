// Event handlers: each keeps the derived indexes (queues, assignments, credits, timers) in step;
// the list indexes follow every chat an event touches.
#include "apply.hpp"

#include <algorithm>

#include "contact_apply.hpp"
#include "erasure.hpp"
#include "list_index.hpp"
#include "overloaded.hpp"
#include "report_keeping.hpp"
#include "timers.hpp"

namespace parley {

namespace {

class Applier {
 public:
  Applier(State& state, Timestamp at) : s_(state), at_(at) {}

  void operator()(const GroupCreated& e) {
    const GroupIx ix = s_.groups.next_index();
    s_.groups.push_back(Group{e.group, e.name, e.settings, {}, {}});
    s_.group_index.emplace(e.group, ix);
    refresh_group_timer(s_, ix);
  }

  void operator()(const GroupUpdated& e) {
    const auto ix = s_.group_ix(e.group);
    Group& group = s_.groups[ix];
    group.name = e.name;
    group.settings = e.settings;
    group.disabled = e.disabled;
    for (ChatIx c : s_.chats.indices())
      if (s_.chats[c].group == ix) refresh_timers(s_, c);
    refresh_group_timer(s_, ix);
  }

  void operator()(const NoteAdded& e) {
    Chat& chat = s_.chats[s_.chat_ix(e.chat)];
    chat.notes.push_back(Note{e.note, e.by.id, e.text, at_, chat.messages.size(), e.mentions});
  }

  void operator()(const ActionStarted& e) {
    Chat& chat = s_.chats[s_.chat_ix(e.chat)];
    chat.action_runs.push_back(ActionRun{e.run, e.action, e.name, e.by.id, e.fields, at_, chat.messages.size()});
  }

  void operator()(const ActionFinished& e) {
    Chat& chat = s_.chats[s_.chat_ix(e.chat)];
    for (ActionRun& run : chat.action_runs)
      if (run.id == e.run) {
        run.outcome = e.outcome;
        run.text = e.text;
        run.finished_at = at_;
      }
  }

  void operator()(const ContentErased& e) {
    const auto ix = s_.chat_ix(e.chat);
    drop_customer_session(s_, ix);
    erase_chat_content(s_.chats[ix]);
  }
  void operator()(const ContactCreated& e) { apply_contact(s_, e, at_); }
  void operator()(const ContactUpdated& e) { apply_contact(s_, e, at_); }
  void operator()(const ContactsMerged& e) { apply_contact(s_, e, at_); }
  void operator()(const CustomerLinked& e) { apply_contact(s_, e, at_); }
  void operator()(const CaseCreated& e) { apply_contact(s_, e, at_); }
  void operator()(const LeadCreated& e) { apply_contact(s_, e, at_); }
  void operator()(const RetentionChanged& e) { s_.settings.retention = e.retention; }
  void operator()(const ChannelChanged& e) { s_.channels[e.channel] = ChannelSettings{e.weight, e.priority}; }

  void operator()(const ChatPriorityChanged& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    const bool queued = chat.state == ChatState::queued && !chat.spam;
    if (queued) s_.groups[chat.group].queue.erase(queue_entry(chat, ix));
    chat.priority = e.priority;
    if (queued) s_.groups[chat.group].queue.insert(queue_entry(chat, ix));
  }

  void operator()(const ChatPreferenceEnded& e) {
    const auto ix = s_.chat_ix(e.chat);
    s_.chats[ix].prefer_agent = kNoIndex;
    refresh_timers(s_, ix);
  }

  void operator()(const SlaPolicySaved& e) {
    s_.sla_policies[e.policy.id] = e.policy;
    for (ChatIx c : s_.chats.indices())
      if (s_.groups[s_.chats[c].group].settings.sla_policy == e.policy.id) refresh_timers(s_, c);
  }

  void operator()(const SlaPolicyDeleted& e) { s_.sla_policies.erase(e.policy); }

  void operator()(const GroupOpened& e) { refresh_group_timer(s_, s_.group_ix(e.group)); }

  void operator()(const AgentCreated& e) {
    const AgentIx ix = s_.agents.next_index();
    Agent agent;
    agent.id = e.agent;
    agent.name = e.name;
    agent.nickname = e.nickname;
    agent.roles = e.roles;
    agent.created_at = at_;
    agent.status_since = at_;
    agent.idle_since = at_;
    s_.agents.push_back(std::move(agent));
    s_.agent_index.emplace(e.agent, ix);
    set_groups(ix, e.groups);
    note_admin(s_, ix);
  }

  void operator()(const AgentUpdated& e) {
    const auto ix = s_.agent_ix(e.agent);
    Agent& agent = s_.agents[ix];
    agent.name = e.name;
    agent.nickname = e.nickname;
    agent.roles = e.roles;
    agent.disabled = e.disabled;
    for (GroupIx g : agent.groups) {
      auto& members = s_.groups[g].members;
      members.erase(std::remove(members.begin(), members.end(), ix), members.end());
    }
    agent.groups.clear();
    set_groups(ix, e.groups);
    note_admin(s_, ix);
  }

  void operator()(const DeskSettingsChanged& e) { s_.settings.shift_gap = e.shift_gap; }

  void operator()(const AgentStatusChanged& e) {
    Agent& agent = s_.agents[s_.agent_ix(e.agent)];
    agent.status = e.status;
    agent.status_since = at_;
    agent.history.push_back(StatusChange{at_, e.status});
    if (e.status == AgentStatus::online) agent.idle_since = at_;
  }

  void operator()(const ChatStarted& e) {
    const ChatIx ix = s_.chats.next_index();
    s_.chats.push_back(Chat{});
    s_.chat_index.emplace(e.chat, ix);
    Chat& chat = s_.chats.back();
    chat.id = e.chat;
    chat.number = e.number;
    chat.group = s_.group_ix(e.group);
    chat.channel = e.channel;
    chat.channel_kind = e.channel_kind;
    chat.client = e.client;
    chat.customer = e.customer.empty() ? e.client : e.customer;
    chat.priority = e.priority;
    if (!e.prefer.empty()) {
      chat.prefer_agent = s_.agent_ix(e.prefer);
      chat.prefer_until = at_ + s_.groups[chat.group].settings.return_to_agent_min * kMinute;
    }
    chat.started_at = at_;
    chat.last_activity = at_;
    s_.next_chat_number = std::max(s_.next_chat_number, e.number + 1);
    if (e.by.is_agent()) {
      add_separator(chat, SeparatorKind::started_by_agent, e.by.id);
      assign(ix, s_.agent_ix(e.by.id));
      chat.opened = true;
    } else {
      add_separator(chat, SeparatorKind::started_by_client, "");
      chat.spam = !e.spam_rule.empty();
      if (!chat.spam) enqueue(ix, chat.group);
    }
    note_customer_session(s_, ix);
    refresh_timers(s_, ix);
  }

  void operator()(const ChatAssigned& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    if (e.how == AssignKind::assigned && chat.assignee != kNoIndex && chat.state != ChatState::queued) {
      add_separator(chat, SeparatorKind::transferred_by_agent, e.by.is_agent() ? e.by.id : "process");
      chat.separators.back().to_agent = e.agent;
    }
    assign(ix, s_.agent_ix(e.agent));
    refresh_timers(s_, ix);
  }

  void operator()(const MessageSent& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    Message message{e.message, e.from, e.text, at_, Delivery::none, e.attachments};
    if (e.from.kind == ActorKind::client) {
      chat.last_client_at = at_;
      if (chat.waiting_since == kNever) chat.waiting_since = at_;
      chat.last_speaker = Speaker::client;
      ++chat.unread;
    } else if (e.from.is_agent()) {
      chat.last_agent_at = at_;
      chat.last_speaker = Speaker::agent;
      chat.waiting_since = kNever;
      chat.agent_replied = true;
      chat.sla_window_breached = false;
      chat.missed_by.clear();
      message.delivery = Delivery::sending;
    } else {
      chat.last_speaker = Speaker::other;
    }
    chat.message_index.emplace(e.message, chat.messages.next_index());
    chat.messages.push_back(std::move(message));
    chat.last_activity = at_;
    refresh_timers(s_, ix);
  }

  void operator()(const DeliveryChanged& e) {
    Chat& chat = s_.chats[s_.chat_ix(e.chat)];
    chat.messages[chat.message_index.at(e.message)].delivery = e.status;
  }

  void operator()(const ChatRead& e) {
    Chat& chat = s_.chats[s_.chat_ix(e.chat)];
    chat.unread = 0;
    chat.opened = true;
  }

  void operator()(const ChatPaused& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    chat.state = ChatState::paused;
    if (chat.assignee != kNoIndex) ++s_.agents[chat.assignee].on_hold;
    refresh_timers(s_, ix);
  }

  void operator()(const ChatResumed& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    chat.state = ChatState::open;
    chat.became_open_at = at_;
    if (chat.assignee != kNoIndex) --s_.agents[chat.assignee].on_hold;
    refresh_timers(s_, ix);
  }

  void operator()(const ChatTransferred& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    const AgentIx from = chat.assignee;
    const bool automatic = e.by.kind == ActorKind::automatic;
    if (automatic) add_separator(chat, SeparatorKind::transferred_automatically, "");
    else if (!e.to_group.empty()) add_separator(chat, SeparatorKind::transferred_to_group, e.by.id, e.to_group);
    else add_separator(chat, SeparatorKind::transferred_by_agent, e.by.id);
    chat.separators.back().reason = e.reason;
    chat.separators.back().to_agent = e.to_agent;
    if (e.to_agent.empty() && e.to_group.empty()) chat.separators.back().group = s_.groups[chat.group].id;  // its queue
    if (automatic && from != kNoIndex) {
      s_.agents[from].missed.push_back(Miss{at_, e.chat});
      if (std::find(chat.missed_by.begin(), chat.missed_by.end(), from) == chat.missed_by.end())
        chat.missed_by.push_back(from);
    }
    if (!e.to_group.empty()) {
      dequeue(ix);
      chat.group = s_.group_ix(e.to_group);
    }
    if (!e.to_agent.empty()) {
      assign(ix, s_.agent_ix(e.to_agent));
    } else {
      release(ix);
      chat.assignee = kNoIndex;
      dequeue(ix);
      enqueue(ix, chat.group);
    }
    refresh_timers(s_, ix);
  }

  void operator()(const ChatClosed& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    dequeue(ix);
    release(ix);
    chat.state = ChatState::closed;
    chat.resolution_settled = true;
    chat.last_activity = at_;
    if (chat.credit_agent != kNoIndex) s_.agents[chat.credit_agent].credited_closes.erase({chat.credit_at, ix});
    chat.credit_agent = e.credited_agent.empty() || chat.spam ? kNoIndex : s_.agent_ix(e.credited_agent);
    chat.credit_at = at_;
    if (chat.credit_agent != kNoIndex) s_.agents[chat.credit_agent].credited_closes.insert({at_, ix});
    switch (e.method) {
      case CloseMethod::agent: add_separator(chat, SeparatorKind::closed_by_agent, e.by.id); break;
      case CloseMethod::manual: add_separator(chat, SeparatorKind::closed_by_manual_action, e.by.id); break;
      case CloseMethod::process: add_separator(chat, SeparatorKind::closed_by_process, ""); break;
      case CloseMethod::chatbot: add_separator(chat, SeparatorKind::closed_by_chatbot, e.by.id); break;
      case CloseMethod::no_client_answer: add_separator(chat, SeparatorKind::closed_no_client_answer, ""); break;
    }
    refresh_timers(s_, ix);
  }

  void operator()(const ChatReopened& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    add_separator(chat, SeparatorKind::reopened, e.by.id);
    chat.assignee = kNoIndex;
    assign(ix, s_.agent_ix(e.by.id));
    chat.opened = true;
    chat.last_activity = at_;
    refresh_timers(s_, ix);
  }

  void operator()(const BlockRuleAdded& e) {
    BlockRule rule = e.rule;
    rule.created_at = at_;
    s_.block_rules[rule.id] = std::move(rule);
  }

  void operator()(const BlockRuleRemoved& e) { s_.block_rules.erase(e.rule); }

  void operator()(const ChatMarkedSpam& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    if (chat.state != ChatState::closed) {
      dequeue(ix);
      release(ix);
      chat.state = ChatState::queued;  // waiting nowhere: spam is in no queue
      chat.assignee = kNoIndex;
    }
    chat.spam = true;
    refresh_timers(s_, ix);
  }

  void operator()(const ChatUnmarkedSpam& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    chat.spam = false;
    if (chat.state != ChatState::closed) {
      enqueue(ix, chat.group);
      if (chat.waiting_since != kNever) chat.waiting_since = at_;
      chat.last_activity = at_;
    }
    refresh_timers(s_, ix);
  }

  void operator()(const SlaBreached& e) {
    const auto ix = s_.chat_ix(e.chat);
    Chat& chat = s_.chats[ix];
    if (e.kind == SlaKind::resolution) chat.resolution_settled = true;
    else chat.sla_window_breached = true;
    ++chat.sla_breaches;
    chat.sla_marks.push_back(sla_mark(chat, e.kind));
    refresh_timers(s_, ix);
  }

 private:
  // The breach as the timeline shows it: the deadline and the policy in force now.
  SlaMark sla_mark(const Chat& chat, SlaKind kind) const {
    const SlaTerms terms = sla_terms(s_, chat.group);
    const int minutes = kind == SlaKind::first_response  ? terms.first_response_min
                        : kind == SlaKind::next_response ? terms.next_response_min
                                                         : terms.resolution_min;
    std::string policy;
    if (const std::string& id = s_.groups[chat.group].settings.sla_policy; !id.empty()) {
      const auto found = s_.sla_policies.find(id);
      policy = found == s_.sla_policies.end() || found->second.name.empty() ? id : found->second.name;
    }
    return SlaMark{kind, at_, chat.messages.size(), minutes, terms.business_hours_only, std::move(policy)};
  }

  void set_groups(AgentIx agent_ix, const std::vector<std::string>& groups) {
    Agent& agent = s_.agents[agent_ix];
    for (const std::string& id : groups) {
      const auto g = s_.group_ix(id);
      if (g == kNoIndex || is_member(agent, g)) continue;
      agent.groups.push_back(g);
      s_.groups[g].members.push_back(agent_ix);
    }
  }

  void add_separator(Chat& chat, SeparatorKind kind, const std::string& who, const std::string& group = "") {
    chat.separators.push_back(Separator{kind, at_, chat.messages.size(), who, group, ""});
  }

  void enqueue(ChatIx chat_ix, GroupIx group) {
    Chat& chat = s_.chats[chat_ix];
    chat.state = ChatState::queued;
    chat.enqueued_at = at_;
    chat.queue_sequence = s_.next_queue_sequence++;
    s_.groups[group].queue.insert(queue_entry(chat, chat_ix));
  }

  void dequeue(ChatIx chat_ix) {
    Chat& chat = s_.chats[chat_ix];
    if (chat.state != ChatState::queued) return;
    s_.groups[chat.group].queue.erase(queue_entry(chat, chat_ix));
  }

  // Takes an open or paused session off its assignee's books (the chat keeps the name).
  void release(ChatIx chat_ix) {
    Chat& chat = s_.chats[chat_ix];
    if (chat.assignee == kNoIndex || chat.state == ChatState::closed || chat.state == ChatState::queued) return;
    Agent& agent = s_.agents[chat.assignee];
    agent.assigned.erase(chat_ix);
    if (chat.state == ChatState::paused) --agent.on_hold;
  }

  void assign(ChatIx chat_ix, AgentIx agent_ix) {
    Chat& chat = s_.chats[chat_ix];
    dequeue(chat_ix);
    release(chat_ix);
    if (chat.state != ChatState::open) chat.became_open_at = at_;
    chat.state = ChatState::open;
    chat.assignee = agent_ix;
    chat.assigned_at = at_;
    chat.ever_assigned = true;
    chat.opened = false;
    chat.prefer_agent = kNoIndex;
    Agent& agent = s_.agents[agent_ix];
    agent.assigned.insert(chat_ix);
    agent.idle_since = at_;
  }

  State& s_;
  Timestamp at_;
};

}  // namespace

void apply(State& state, const Event& event) {
  if (event.at > state.last_event_at) state.last_event_at = event.at;
  const ReportBefore before = report_before(state, event);
  std::visit(Applier(state, event.at), event.body);
  std::visit(
      [&](const auto& e) {
        if constexpr (requires { e.chat; }) file_chat(state, state.chat_ix(e.chat));
      },
      event.body);
  keep_report_facts(state, before, event);
  ++state.applied_events;
}

bool may_enable_routing(const EventBody& body) {
  return std::visit(Overloaded{
                        [](const ChatStarted& e) { return !e.by.is_agent(); },
                        [](const AgentStatusChanged& e) { return e.status == AgentStatus::online; },
                        [](const ChatTransferred&) { return true; },
                        [](const ChatClosed&) { return true; },
                        [](const ChatAssigned&) { return true; },
                        [](const AgentCreated&) { return true; },
                        [](const AgentUpdated&) { return true; },
                        [](const GroupUpdated&) { return true; },
                        [](const GroupOpened&) { return true; },
                        [](const ChatUnmarkedSpam&) { return true; },
                        [](const ChannelChanged&) { return true; },
                        [](const ChatPriorityChanged&) { return true; },
                        [](const ChatPreferenceEnded&) { return true; },
                        [](const auto&) { return false; },
                    },
                    body);
}

}  // namespace parley
