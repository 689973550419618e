// The desk's rules for every command, refusal codes in a fixed order of checks: the shape of a new
// id (bad_command, core/ids.hpp), unknown ids, role (forbidden), membership (not_member), state
// (bad_state), ownership (not_assigned), availability (agent_offline / group_offline).
#include "decide.hpp"

#include <algorithm>
#include <string>

#include "action_decide.hpp"
#include "contact_decide.hpp"
#include "erasure.hpp"
#include "ids.hpp"
#include "routing.hpp"
#include "text_fold.hpp"

namespace parley {

namespace {

const char* kRoleAllowsNoWork = "this role does not allow working sessions";
constexpr std::size_t kMaxRuleValueBytes = 256;

class Decider {
 public:
  Decider(const State& state, Timestamp now) : s_(state), now_(now) {}

  Result<Events> operator()(const CreateGroup& c) const {
    if (auto refusal = check_id("group id", c.group)) return *refusal;
    if (s_.find_group(c.group)) return fail(ErrorCode::already_exists, "group " + c.group + " already exists");
    if (auto refusal = check_policy_named(c.settings)) return *refusal;
    return one(GroupCreated{c.group, c.name.empty() ? c.group : c.name, c.settings});
  }

  Result<Events> operator()(const UpdateGroup& c) const {
    const Group* group = s_.find_group(c.group);
    if (!group) return unknown_group(c.group);
    if (auto refusal = check_policy_named(c.settings)) return *refusal;
    return one(GroupUpdated{c.group, c.name.empty() ? group->name : c.name, c.settings, c.disabled});
  }

  Result<Events> operator()(const CreateAgent& c) const {
    if (auto refusal = check_id("agent id", c.agent)) return *refusal;
    if (s_.find_agent(c.agent)) return fail(ErrorCode::already_exists, "agent " + c.agent + " already exists");
    for (const std::string& g : c.groups)
      if (!s_.find_group(g)) return unknown_group(g);
    return one(AgentCreated{c.agent, c.name.empty() ? c.agent : c.name, c.nickname, c.groups, c.roles});
  }

  Result<Events> operator()(const UpdateAgent& c) const {
    const Agent* agent = s_.find_agent(c.agent);
    if (!agent) return unknown_agent(c.agent);
    for (const std::string& g : c.groups)
      if (!s_.find_group(g)) return unknown_group(g);
    Events events;
    if (c.disabled && agent->status != AgentStatus::offline)  // disabling signs the agent off first
      events.push_back(Event{now_, AgentStatusChanged{c.agent, AgentStatus::offline}});
    events.push_back(
        Event{now_, AgentUpdated{c.agent, c.name.empty() ? c.agent : c.name, c.nickname, c.groups, c.roles, c.disabled}});
    return events;
  }

  Result<Events> operator()(const CreateSlaPolicy& c) const {
    if (s_.sla_policies.count(c.policy.id))
      return fail(ErrorCode::already_exists, "SLA policy " + c.policy.id + " already exists; sla_policy.set replaces it");
    return (*this)(SetSlaPolicy{c.policy});
  }

  Result<Events> operator()(const SetSlaPolicy& c) const {
    if (auto refusal = check_id("policy id", c.policy.id)) return *refusal;
    SlaPolicy policy = c.policy;
    if (policy.name.empty()) policy.name = policy.id;
    const auto found = s_.sla_policies.find(policy.id);
    if (found != s_.sla_policies.end() && found->second == policy) return Events{};
    return one(SlaPolicySaved{std::move(policy)});
  }

  Result<Events> operator()(const DeleteSlaPolicy& c) const {
    if (!s_.sla_policies.count(c.policy)) return fail(ErrorCode::unknown_policy, "no SLA policy " + c.policy);
    for (GroupIx g : s_.groups.indices())
      if (s_.groups[g].settings.sla_policy == c.policy)
        return fail(ErrorCode::bad_state, "group " + s_.groups[g].id + " uses SLA policy " + c.policy);
    return one(SlaPolicyDeleted{c.policy});
  }

  Result<Events> operator()(const SetDeskSettings& c) const {
    if (!c.shift_gap) return Events{};
    if (*c.shift_gap <= 0) return fail(ErrorCode::bad_command, "session_gap_min must be positive");
    return one(DeskSettingsChanged{*c.shift_gap});
  }

  Result<Events> operator()(const SetAgentStatus& c) const {
    const Agent* agent = s_.find_agent(c.agent);
    if (!agent) return unknown_agent(c.agent);
    if (c.status != AgentStatus::offline && !works_anywhere(*agent))
      return fail(ErrorCode::forbidden, "agent " + c.agent + " has no role that works sessions");
    if (c.status != AgentStatus::offline && agent->disabled)
      return fail(ErrorCode::forbidden, "agent " + c.agent + " is disabled");
    if (agent->status == c.status) return Events{};
    return one(AgentStatusChanged{c.agent, c.status});
  }

  Result<Events> operator()(const StartChat& c) const {
    if (auto refusal = check_id("chat id", c.chat)) return *refusal;
    if (s_.find_chat(c.chat)) return fail(ErrorCode::already_exists, "chat " + c.chat + " already exists");
    const auto group = s_.group_ix(c.group);
    if (group == kNoIndex) return unknown_group(c.group);
    if (c.by.is_agent()) {
      const Agent* agent = s_.find_agent(c.by.id);
      if (!agent) return unknown_agent(c.by.id);
      if (auto refusal = check_may_work(*agent, group)) return *refusal;
      if (s_.groups[group].disabled) return group_disabled(c.group);
      if (agent->status == AgentStatus::offline)
        return fail(ErrorCode::agent_offline, "agent " + agent->id + " is offline and cannot start a session");
    } else if (c.by.kind != ActorKind::client) {
      return fail(ErrorCode::bad_command, "a session is started by the client or an agent");
    }
    if (s_.groups[group].disabled) return group_disabled(c.group);
    const std::string client = c.client.empty() ? c.chat : c.client;
    std::string spam_rule;
    if (c.by.kind == ActorKind::client) {
      const CustomerOrigin origin{c.channel, c.customer.empty() ? client : c.customer, c.visitor, c.address, ""};
      if (const BlockRule* rule = blocking_rule(origin)) {
        if (rule->action == BlockAction::refuse) return refused(*rule);
        spam_rule = rule->id;
      }
    }
    const std::string customer = c.customer == client ? std::string() : c.customer;
    if (!c.text.empty() && !c.by.is_agent())
      return fail(ErrorCode::bad_command, "only a session an agent starts carries a first message");
    Events events;
    ChatStarted started{c.chat, s_.next_chat_number, c.group, c.channel, client, c.by, c.channel_kind, spam_rule, customer};
    started.priority = c.priority.value_or(channel_settings(s_, c.channel).priority);
    if (c.by.kind == ActorKind::client && spam_rule.empty()) {
      const AgentIx last = returning_agent(s_, group, CustomerKey{c.channel, c.customer.empty() ? client : c.customer});
      if (last != kNoIndex) started.prefer = s_.agents[last].id;
    }
    events.push_back(Event{now_, std::move(started)});
    if (c.text.empty()) return events;
    const std::string message = c.chat + ".1";
    events.push_back(Event{now_, MessageSent{c.chat, message, c.by, c.text, {}}});
    if (c.channel_kind == ChannelKind::internal)
      events.push_back(Event{now_, DeliveryChanged{c.chat, message, Delivery::delivered}});
    return events;
  }

  Result<Events> operator()(const SendMessage& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    if (c.text.empty() && c.attachments.empty())
      return fail(ErrorCode::bad_command, "a message needs text, attachments or both");
    if (auto refusal = check_attachments(c.attachments)) return *refusal;
    if (!c.message.empty())
      if (auto refusal = check_id("message id", c.message)) return *refusal;
    if (!c.message.empty()) {
      const auto existing = chat->message_index.find(c.message);
      if (existing != chat->message_index.end()) {
        const Message& m = chat->messages[existing->second];
        const bool same = m.from == c.from && m.text == c.text && m.attachments == c.attachments;
        if (same) return Events{};  // a retried send
        return fail(ErrorCode::already_exists, "message " + c.message + " already exists with other content");
      }
    }
    if (c.from.is_agent()) {
      const Agent* agent = s_.find_agent(c.from.id);
      if (!agent) return unknown_agent(c.from.id);
      if (auto refusal = check_may_work(*agent, chat->group)) return *refusal;
    } else if (c.from.kind == ActorKind::automatic) {
      return fail(ErrorCode::bad_command, "messages come from the client, an agent, a bot or a process");
    }
    if (chat->state == ChatState::closed) return fail(ErrorCode::bad_state, "chat " + c.chat + " is closed");
    if (c.from.is_agent() && chat->assignee != s_.agent_ix(c.from.id))
      return fail(ErrorCode::not_assigned, "chat " + c.chat + " is not assigned to " + c.from.id);
    const std::string id = c.message.empty() ? fresh_message_id(*chat) : c.message;
    Events events;
    if (c.from.kind == ActorKind::client) {
      const CustomerOrigin origin{chat->channel, c.customer.empty() ? std::string_view(chat->client) : c.customer,
                                  c.visitor, c.address, c.text};
      if (const BlockRule* rule = blocking_rule(origin)) {
        if (rule->action == BlockAction::refuse) return refused(*rule);
        if (!chat->spam) events.push_back(Event{now_, ChatMarkedSpam{c.chat, "rule:" + rule->id}});
      }
    }
    events.push_back(Event{now_, MessageSent{c.chat, id, c.from, c.text, c.attachments}});
    if (c.from.kind == ActorKind::client && chat->last_client_at == kNever && !chat->spam) {
      const std::string reply_id = c.chat + ".closed";
      if (auto reply = closed_group_reply(s_.groups[chat->group], now_); reply && !chat->message_index.count(reply_id))
        events.push_back(Event{now_, MessageSent{c.chat, reply_id, Actor{ActorKind::bot, kClosedReplyBot}, *reply, {}}});
    }
    // An internal session has no channel to report delivery: stored is delivered.
    if (c.from.is_agent() && chat->channel_kind == ChannelKind::internal)
      events.push_back(Event{now_, DeliveryChanged{c.chat, id, Delivery::delivered}});
    return events;
  }

  Result<Events> operator()(const SetDelivery& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    const Message* message = find_message(*chat, c.message);
    if (!message) return unknown_message(c);
    if (message->delivery == Delivery::none)
      return fail(ErrorCode::bad_state, "only agent messages carry a delivery status");
    const Delivery from = message->delivery, to = c.status;
    if (to == Delivery::sending || to == Delivery::none)
      return fail(ErrorCode::bad_command, "a channel reports delivered, read or error");
    if (from == to) return Events{};
    if (to == Delivery::error) {
      if (from != Delivery::sending)
        return fail(ErrorCode::bad_state, "message " + c.message + " was already delivered");
    } else if (from == Delivery::read) {
      return Events{};  // a late delivery report after the read receipt
    }
    return one(DeliveryChanged{c.chat, c.message, to});
  }

  Result<Events> operator()(const ResendMessage& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    const Message* message = find_message(*chat, c.message);
    if (!message) return fail(ErrorCode::unknown_message, "no message " + c.message + " in chat " + c.chat);
    if (!c.by.is_agent()) return fail(ErrorCode::bad_command, "an agent resends a message");
    const Agent* agent = s_.find_agent(c.by.id);
    if (!agent) return unknown_agent(c.by.id);
    if (auto refusal = check_may_work(*agent, chat->group)) return *refusal;
    if (message->delivery != Delivery::error)
      return fail(ErrorCode::bad_state, "only a message whose sending failed can be resent");
    const auto ix = s_.agent_ix(c.by.id);
    if (chat->assignee != ix && !(message->from.is_agent() && message->from.id == c.by.id))
      return fail(ErrorCode::not_assigned, "chat " + c.chat + " is not assigned to " + c.by.id);
    return one(DeliveryChanged{c.chat, c.message, Delivery::sending});
  }

  Result<Events> operator()(const MarkChatRead& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    const Agent* agent = s_.find_agent(c.agent);
    if (!agent) return unknown_agent(c.agent);
    if (!may_read(*agent, chat->group)) return not_member(c.agent, chat->group);
    if (chat->assignee != s_.agent_ix(c.agent) || (chat->unread == 0 && chat->opened)) return Events{};
    return one(ChatRead{c.chat, c.agent});
  }

  Result<Events> operator()(const AcceptChat& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    const Agent* agent = s_.find_agent(c.agent);
    if (!agent) return unknown_agent(c.agent);
    if (auto refusal = check_may_work(*agent, chat->group)) return *refusal;
    if (chat->spam) return spam_state(c.chat);
    if (chat->state != ChatState::queued) return fail(ErrorCode::bad_state, "chat " + c.chat + " is not waiting");
    if (agent->status != AgentStatus::online)
      return fail(ErrorCode::agent_offline, "agent " + c.agent + " must be online to accept");
    return one(ChatAssigned{c.chat, c.agent, AssignKind::accepted, Actor{ActorKind::agent, c.agent}});
  }

  Result<Events> operator()(const AssignChat& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    const Agent* target = s_.find_agent(c.agent);
    if (!target) return unknown_agent(c.agent);
    if (c.by.is_agent()) {
      const Agent* by = s_.find_agent(c.by.id);
      if (!by) return unknown_agent(c.by.id);
      if (auto refusal = check_may_work(*by, chat->group)) return *refusal;
    } else if (c.by.kind != ActorKind::process) {
      return fail(ErrorCode::bad_command, "a session is assigned by an agent or a process");
    }
    if (auto refusal = check_may_work(*target, chat->group)) return *refusal;
    if (chat->state == ChatState::closed) return fail(ErrorCode::bad_state, "chat " + c.chat + " is closed");
    if (chat->spam) return spam_state(c.chat);
    if (chat->state != ChatState::queued && chat->assignee == s_.agent_ix(c.agent))
      return fail(ErrorCode::bad_state, "chat " + c.chat + " is already assigned to " + c.agent);
    if (target->status != AgentStatus::online)
      return fail(ErrorCode::agent_offline, "agent " + c.agent + " is not online");
    return one(ChatAssigned{c.chat, c.agent, AssignKind::assigned, c.by});
  }

  Result<Events> operator()(const TransferChat& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    if (c.to_agent.empty() && c.to_group.empty())
      return fail(ErrorCode::bad_command, "a transfer needs to_agent or to_group");
    if (!c.by.is_agent()) return fail(ErrorCode::bad_command, "a transfer is made by an agent");
    const Agent* by = s_.find_agent(c.by.id);
    if (!by) return unknown_agent(c.by.id);
    const Agent* target = nullptr;
    if (!c.to_agent.empty() && !(target = s_.find_agent(c.to_agent))) return unknown_agent(c.to_agent);
    GroupIx target_group = chat->group;
    if (!c.to_group.empty() && (target_group = s_.group_ix(c.to_group)) == kNoIndex) return unknown_group(c.to_group);
    if (auto refusal = check_may_work(*by, chat->group)) return *refusal;
    if (target)
      if (auto refusal = check_may_work(*target, target_group)) return *refusal;
    if (chat->state == ChatState::closed) return fail(ErrorCode::bad_state, "chat " + c.chat + " is closed");
    if (chat->spam) return spam_state(c.chat);
    if (!target && target_group == chat->group)
      return fail(ErrorCode::bad_state, "chat " + c.chat + " is already in group " + c.to_group);
    const auto by_ix = s_.agent_ix(c.by.id);
    // A waiting session is nobody's: any worker of its group may hand it to another group (seed 004).
    const bool waiting_to_group = chat->state == ChatState::queued && !target;
    if (chat->assignee != by_ix && !waiting_to_group && !may_supervise(*by, chat->group))
      return fail(ErrorCode::not_assigned, "chat " + c.chat + " is not assigned to " + c.by.id);
    if (target && chat->state != ChatState::queued && chat->assignee == s_.agent_ix(c.to_agent))
      return fail(ErrorCode::bad_state, "chat " + c.chat + " is already with " + c.to_agent);
    if (target_group != chat->group && s_.groups[target_group].disabled)
      return fail(ErrorCode::group_offline, "group " + c.to_group + " is disabled");
    if (!c.to_group.empty() && !is_group_online(s_, target_group, now_))
      return fail(ErrorCode::group_offline,
                  "group " + c.to_group + " is outside business hours or has nobody online");
    if (target && target->status != AgentStatus::online)
      return fail(ErrorCode::agent_offline, "agent " + c.to_agent + " is not online");
    const std::string from = chat->state == ChatState::queued || chat->assignee == kNoIndex
                                 ? ""
                                 : s_.agents[chat->assignee].id;
    return one(ChatTransferred{c.chat, c.by, from, c.to_agent, c.to_group, c.reason});
  }

  Result<Events> operator()(const PauseChat& c) const { return pause_or_resume(c.chat, c.by, ChatState::open); }
  Result<Events> operator()(const ResumeChat& c) const { return pause_or_resume(c.chat, c.by, ChatState::paused); }

  Result<Events> operator()(const CloseChat& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    CloseMethod method;
    std::string credited = chat->assignee == kNoIndex ? "" : s_.agents[chat->assignee].id;
    switch (c.by.kind) {
      case ActorKind::agent: method = CloseMethod::agent; break;
      case ActorKind::manual: method = CloseMethod::manual; break;
      case ActorKind::process: method = CloseMethod::process; break;
      case ActorKind::bot: method = CloseMethod::chatbot; break;
      default: return fail(ErrorCode::bad_command, "a session is closed by an agent, manual action, process or bot");
    }
    if (c.by.is_agent()) {
      const Agent* by = s_.find_agent(c.by.id);
      if (!by) return unknown_agent(c.by.id);
      if (auto refusal = check_may_work(*by, chat->group)) return *refusal;
      if (chat->state == ChatState::closed) return fail(ErrorCode::bad_state, "chat " + c.chat + " is already closed");
      const bool owns = chat->state != ChatState::queued && chat->assignee == s_.agent_ix(c.by.id);
      if (!owns && !may_supervise(*by, chat->group))
        return fail(ErrorCode::not_assigned, "chat " + c.chat + " is not assigned to " + c.by.id);
      credited = c.by.id;
    } else if (chat->state == ChatState::closed) {
      return fail(ErrorCode::bad_state, "chat " + c.chat + " is already closed");
    }
    if (chat->state == ChatState::queued && !c.by.is_agent()) credited.clear();
    return one(ChatClosed{c.chat, method, c.by, credited});
  }

  Result<Events> operator()(const ReopenChat& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    if (!c.by.is_agent()) return fail(ErrorCode::bad_command, "a session is reopened by an agent");
    const Agent* by = s_.find_agent(c.by.id);
    if (!by) return unknown_agent(c.by.id);
    if (auto refusal = check_may_work(*by, chat->group)) return *refusal;
    if (chat->state != ChatState::closed) return fail(ErrorCode::bad_state, "chat " + c.chat + " is not closed");
    if (chat->spam) return spam_state(c.chat);
    if (chat->content_erased) return fail(ErrorCode::bad_state, "chat " + c.chat + " was erased");
    if (by->status != AgentStatus::online)
      return fail(ErrorCode::agent_offline, "agent " + c.by.id + " must be online to reopen");
    return one(ChatReopened{c.chat, Actor{ActorKind::agent, c.by.id}});
  }

  Result<Events> operator()(const AddNote& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    if (!c.by.is_agent()) return fail(ErrorCode::bad_command, "notes are written by agents");
    if (c.text.empty()) return fail(ErrorCode::bad_command, "a note needs text");
    if (c.text.size() > kMaxNoteBytes) return fail(ErrorCode::bad_command, "a note is at most 8192 bytes");
    const Agent* agent = s_.find_agent(c.by.id);
    if (!agent) return unknown_agent(c.by.id);
    if (auto refusal = check_may_work(*agent, chat->group)) return *refusal;
    std::vector<std::string> mentions;
    for (const std::string& named : mentioned_ids(c.text)) {
      const Agent* mentioned = s_.find_agent(named);
      if (!mentioned) return unknown_agent(named);
      if (!may_read(*mentioned, chat->group))
        return fail(ErrorCode::not_member, named + " may not read chat " + c.chat);
      if (std::find(mentions.begin(), mentions.end(), named) == mentions.end()) mentions.push_back(named);
    }
    const std::string id = c.chat + "/n" + std::to_string(chat->notes.size() + 1);
    return one(NoteAdded{c.chat, id, c.by, c.text, std::move(mentions)});
  }

  Result<Events> operator()(const Tick&) const { return Events{}; }

  Result<Events> operator()(const EraseCustomer& c) const {
    const std::vector<ChatIx> chats = customer_chats(s_, c.channel, c.client);
    if (chats.empty())
      return fail(ErrorCode::unknown_chat, "no session of customer " + c.client + " on channel " + c.channel + " to erase");
    if (any_open(s_, chats)) return fail(ErrorCode::bad_state, "close the customer's open sessions before erasing them");
    return erased(chats, "customer");
  }

  Result<Events> operator()(const ExpireContent&) const { return erased(chats_due_for_expiry(s_, now_), "retention"); }

  Result<Events> operator()(const SetChannel& c) const {
    if (c.channel.empty() || c.channel.size() > kMaxChannelNameBytes)
      return fail(ErrorCode::bad_command, "field 'channel' must be a channel name of 1 to 200 bytes");
    if (c.weight < 1 || c.weight > kMaxChannelWeight) return fail(ErrorCode::bad_command, "weight must be 1 to 100000");
    const ChannelSettings wanted{c.weight, c.priority};
    if (const auto found = s_.channels.find(c.channel); found != s_.channels.end() && found->second == wanted)
      return Events{};
    return one(ChannelChanged{c.channel, c.weight, c.priority});
  }

  Result<Events> operator()(const SetChatPriority& c) const {
    const Chat* chat = s_.find_chat(c.chat);
    if (!chat) return unknown_chat(c.chat);
    if (!c.by.is_agent()) return fail(ErrorCode::bad_command, "staff set a session's priority");
    const Agent* agent = s_.find_agent(c.by.id);
    if (!agent) return unknown_agent(c.by.id);
    if (auto refusal = check_may_work(*agent, chat->group)) return *refusal;
    if (chat->state == ChatState::closed) return fail(ErrorCode::bad_state, "chat " + c.chat + " is closed");
    if (chat->priority == c.priority) return Events{};
    return one(ChatPriorityChanged{c.chat, c.priority, c.by});
  }

  Result<Events> operator()(const SetRetention& c) const {
    if (c.days < 0 || c.days > kMaxRetentionDays) return fail(ErrorCode::bad_command, "days must be 0 to 36500");
    const Duration retention = static_cast<Duration>(c.days) * kDay;
    if (retention == s_.settings.retention) return Events{};
    return one(RetentionChanged{retention});
  }

  Result<Events> operator()(const AddBlockRule& c) const {
    if (auto refusal = check_staff_shape(c.staff)) return *refusal;
    if (auto refusal = check_id("rule id", c.rule.id)) return *refusal;
    if (auto refusal = check_rule_value(c.rule)) return *refusal;
    if (auto refusal = check_admin(c.staff)) return *refusal;
    if (s_.block_rules.count(c.rule.id)) return fail(ErrorCode::already_exists, "rule " + c.rule.id + " already exists");
    BlockRule rule = c.rule;
    rule.by = c.staff;
    rule.created_at = now_;
    if (rule.kind != BlockKind::customer) rule.channel.clear();
    if (rule.kind != BlockKind::text) rule.match = TextMatch::substring;
    return one(BlockRuleAdded{std::move(rule)});
  }

  Result<Events> operator()(const RemoveBlockRule& c) const {
    if (auto refusal = check_staff_shape(c.staff)) return *refusal;
    if (!s_.block_rules.count(c.rule)) return fail(ErrorCode::unknown_rule, "no blocklist rule " + c.rule);
    if (auto refusal = check_admin(c.staff)) return *refusal;
    return one(BlockRuleRemoved{c.rule, c.staff});
  }

  Result<Events> operator()(const CreateContact& c) const { return decide_contact(s_, c, now_); }
  Result<Events> operator()(const UpdateContact& c) const { return decide_contact(s_, c, now_); }
  Result<Events> operator()(const MergeContacts& c) const { return decide_contact(s_, c, now_); }
  Result<Events> operator()(const LinkCustomer& c) const { return decide_contact(s_, c, now_); }
  Result<Events> operator()(const CreateCase& c) const { return decide_contact(s_, c, now_); }
  Result<Events> operator()(const CreateLead& c) const { return decide_contact(s_, c, now_); }

  Result<Events> operator()(const RunAction& c) const { return decide_action(s_, c, now_); }
  Result<Events> operator()(const FinishAction& c) const { return decide_action(s_, c, now_); }

  Result<Events> operator()(const MarkSpam& c) const { return mark_spam(c.chat, c.staff, true); }
  Result<Events> operator()(const UnmarkSpam& c) const { return mark_spam(c.chat, c.staff, false); }

 private:
  const BlockRule* blocking_rule(const CustomerOrigin& origin) const { return parley::blocking_rule(s_, origin); }

  static Error spam_state(const std::string& id) {
    return fail(ErrorCode::bad_state, "chat " + id + " is marked spam: unmark it first");
  }

  static Error refused(const BlockRule& rule) { return blocked_by(rule); }

  static std::optional<Error> check_staff_shape(const std::string& by) {
    if (valid_staff(by)) return std::nullopt;
    return fail(ErrorCode::bad_command, "field 'by' must be agent:<id> or login:<name>");
  }

  static std::optional<Error> check_rule_value(const BlockRule& rule) {
    if (rule.value.size() > kMaxRuleValueBytes)
      return fail(ErrorCode::bad_command, "a rule's value is at most " + std::to_string(kMaxRuleValueBytes) + " bytes");
    switch (rule.kind) {
      case BlockKind::customer:
        if (rule.value.empty() || rule.channel.empty())
          return fail(ErrorCode::bad_command, "a customer rule needs the customer id (value) and its channel");
        break;
      case BlockKind::visitor:
        if (rule.value.empty()) return fail(ErrorCode::bad_command, "a visitor rule needs the visitor id (value)");
        break;
      case BlockKind::ip:
        if (!parse_cidr(rule.value))
          return fail(ErrorCode::bad_command,
                      "'" + rule.value + "' is not an address range: write CIDR such as 203.0.113.0/24 or 2001:db8::/32");
        break;
      case BlockKind::text:
        if (fold_for_search(rule.value).find_first_not_of(" \t\r\n") == std::string::npos)
          return fail(ErrorCode::bad_command, "a text rule needs a pattern that is not empty");
        break;
    }
    return std::nullopt;
  }

  std::optional<Error> check_admin(const std::string& by) const {
    const auto agent_id = staff_agent(by);
    if (!agent_id) return std::nullopt;  // a login without an agent: the server admits only admins
    const Agent* agent = s_.find_agent(*agent_id);
    if (!agent) return unknown_agent(*agent_id);
    if (!has_role(*agent, kRoleAdmin)) return fail(ErrorCode::forbidden, "only admins change the blocklist");
    return std::nullopt;
  }

  Result<Events> mark_spam(const std::string& chat_id, const std::string& by, bool spam) const {
    const Chat* chat = s_.find_chat(chat_id);
    if (!chat) return unknown_chat(chat_id);
    if (auto refusal = check_staff_shape(by)) return *refusal;
    if (const auto agent_id = staff_agent(by)) {
      const Agent* agent = s_.find_agent(*agent_id);
      if (!agent) return unknown_agent(*agent_id);
      if (!may_supervise(*agent, chat->group)) {
        if (has_role(*agent, kRoleSupervisor)) return not_member(*agent_id, chat->group);
        return fail(ErrorCode::forbidden, "only supervisors of the session's group and admins mark spam");
      }
    }
    if (chat->spam == spam)
      return fail(ErrorCode::bad_state, "chat " + chat_id + (spam ? " is already spam" : " is not spam"));
    if (spam) return one(ChatMarkedSpam{chat_id, by});
    return one(ChatUnmarkedSpam{chat_id, by});
  }

  Result<Events> erased(const std::vector<ChatIx>& chats, const char* reason) const {
    Events events;
    for (ChatIx c : chats) events.push_back(Event{now_, ContentErased{s_.chats[c].id, reason}});
    return events;
  }

  Result<Events> pause_or_resume(const std::string& chat_id, const Actor& by_actor, ChatState required) const {
    const Chat* chat = s_.find_chat(chat_id);
    if (!chat) return unknown_chat(chat_id);
    if (!by_actor.is_agent()) return fail(ErrorCode::bad_command, "an agent pauses and resumes sessions");
    const Agent* by = s_.find_agent(by_actor.id);
    if (!by) return unknown_agent(by_actor.id);
    if (auto refusal = check_may_work(*by, chat->group)) return *refusal;
    if (chat->state != required)
      return fail(ErrorCode::bad_state,
                  "chat " + chat_id + (required == ChatState::open ? " is not open" : " is not paused"));
    if (chat->assignee != s_.agent_ix(by_actor.id))
      return fail(ErrorCode::not_assigned, "chat " + chat_id + " is not assigned to " + by_actor.id);
    if (required == ChatState::open) return one(ChatPaused{chat_id, by_actor.id});
    return one(ChatResumed{chat_id, by_actor.id});
  }

  std::optional<Error> check_may_work(const Agent& agent, GroupIx group) const {
    if (may_work(agent, group)) return std::nullopt;
    if (!works_anywhere(agent)) return fail(ErrorCode::forbidden, kRoleAllowsNoWork);
    return not_member(agent.id, group);
  }

  static std::optional<Error> check_attachments(const std::vector<Attachment>& attachments) {
    if (attachments.size() > kMaxAttachments)
      return fail(ErrorCode::bad_command, "a message carries at most " + std::to_string(kMaxAttachments) +
                                              " attachments");
    for (std::size_t i = 0; i < attachments.size(); ++i) {
      const Attachment& a = attachments[i];
      const std::string which = "attachment " + std::to_string(i + 1);
      if (a.id.empty() || a.id.size() > kMaxAttachmentFieldBytes)
        return fail(ErrorCode::bad_command, which + ": id must be 1–255 bytes");
      if (a.name.empty() || a.name.size() > kMaxAttachmentNameBytes)
        return fail(ErrorCode::bad_command, which + ": name must be 1–255 bytes");
      if (a.type.size() > kMaxAttachmentFieldBytes || a.type.find('/') == std::string::npos)
        return fail(ErrorCode::bad_command, which + ": type must be a MIME type such as image/png");
      if (a.size < 0) return fail(ErrorCode::bad_command, which + ": size must not be negative");
      for (std::size_t j = 0; j < i; ++j)
        if (attachments[j].id == a.id)
          return fail(ErrorCode::bad_command, which + ": id " + a.id + " is listed twice");
    }
    return std::nullopt;
  }

  static bool works_anywhere(const Agent& agent) {
    return has_role(agent, kRoleOperator) || has_role(agent, kRoleSupervisor) || has_role(agent, kRoleAdmin);
  }

  static const Message* find_message(const Chat& chat, const std::string& id) {
    const auto found = chat.message_index.find(id);
    return found == chat.message_index.end() ? nullptr : &chat.messages[found->second];
  }

  static std::string fresh_message_id(const Chat& chat) {
    std::size_t n = chat.messages.size() + 1;
    std::string id = chat.id + "." + std::to_string(n);
    while (chat.message_index.count(id)) id = chat.id + "." + std::to_string(++n);
    return id;
  }

  Error not_member(const std::string& agent, GroupIx group) const {
    return fail(ErrorCode::not_member, "agent " + agent + " is not a member of group " + s_.groups[group].id);
  }
  static Error group_disabled(const std::string& id) {
    return fail(ErrorCode::bad_state, "group " + id + " is disabled and takes no new sessions");
  }
  std::optional<Error> check_policy_named(const GroupSettings& settings) const {
    if (settings.sla_policy.empty() || s_.sla_policies.count(settings.sla_policy)) return std::nullopt;
    return fail(ErrorCode::unknown_policy, "no SLA policy " + settings.sla_policy);
  }
  static Error unknown_agent(const std::string& id) { return fail(ErrorCode::unknown_agent, "no agent " + id); }
  static Error unknown_group(const std::string& id) { return fail(ErrorCode::unknown_group, "no group " + id); }
  static Error unknown_chat(const std::string& id) { return fail(ErrorCode::unknown_chat, "no chat " + id); }
  static Error unknown_message(const SetDelivery& c) {
    return fail(ErrorCode::unknown_message, "no message " + c.message + " in chat " + c.chat);
  }

  template <typename Body>
  Result<Events> one(Body body) const {
    Events events;
    events.push_back(Event{now_, std::move(body)});
    return events;
  }

  const State& s_;
  Timestamp now_;
};

}  // namespace

const BlockRule* blocking_rule(const State& state, const CustomerOrigin& origin) {
  const BlockRule* spam = nullptr;
  for (const auto& [id, rule] : state.block_rules) {
    if (rule.action == BlockAction::spam && spam) continue;
    if (!rule_matches(rule, origin)) continue;
    if (rule.action == BlockAction::refuse) return &rule;
    spam = &rule;
  }
  return spam;
}

Error blocked_by(const BlockRule& rule) {
  const std::string what = rule.kind == BlockKind::text ? "this message" : "messages from this customer";
  return fail(ErrorCode::blocked, "the desk does not accept " + what + " (blocklist rule " + rule.id + ")");
}

Result<Events> decide(const State& state, const Command& command, Timestamp now) {
  return std::visit(Decider(state, now), command);
}

}  // namespace parley
