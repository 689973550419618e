// Events: what happened, in past-tense names. apply() folds them into State and cannot fail;
// every decision (who gets a session, who is credited) is already made inside the event.
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "model.hpp"

namespace parley {

struct GroupCreated {
  std::string group, name;
  GroupSettings settings;
};
struct GroupUpdated {
  std::string group, name;
  GroupSettings settings;
  bool disabled = false;
};
struct AgentCreated {
  std::string agent, name, nickname;
  std::vector<std::string> groups;
  RoleSet roles;
};
struct AgentUpdated {
  std::string agent, name, nickname;
  std::vector<std::string> groups;
  RoleSet roles;
  bool disabled = false;
};
struct DeskSettingsChanged {
  Duration shift_gap;
};
struct AgentStatusChanged {
  std::string agent;
  AgentStatus status;
};
struct ChatStarted {  // by the client: queued; by an agent: open and assigned to them
  std::string chat;
  std::int64_t number;
  std::string group, channel, client;
  Actor by;
  ChannelKind channel_kind = ChannelKind::external;
  std::string spam_rule = {};  // a blocklist rule let it in as spam: never queued, routed or counted
  std::string customer = {};   // the customer's id on the channel when it is not `client`
  Priority priority = Priority::normal;
  std::string prefer = {};  // the agent routing waits for (a returning customer's), until the group's return_to_agent_min
};
struct ChatAssigned {
  std::string chat, agent;
  AssignKind how;
  Actor by;
};
struct MessageSent {
  std::string chat, message;
  Actor from;
  std::string text;
  std::vector<Attachment> attachments = {};
};
struct DeliveryChanged {
  std::string chat, message;
  Delivery status;
};
struct ChatRead {
  std::string chat, agent;
};
struct ChatPaused {
  std::string chat, agent;
};
struct ChatResumed {
  std::string chat, agent;
};
struct ChatTransferred {  // to_agent empty: back to the queue of (to_group or the same group)
  std::string chat;
  Actor by;  // agent, or automatic for the unanswered timer
  std::string from_agent, to_agent, to_group, reason;
};
struct ChatClosed {
  std::string chat;
  CloseMethod method;
  Actor by;
  std::string credited_agent;  // empty: nobody
};
struct ChatReopened {
  std::string chat;
  Actor by;
};
struct SlaBreached {
  std::string chat;
  SlaKind kind;
  std::string agent;  // the assignee at the time, empty if queued
};
struct NoteAdded {  // staff only: never delivered to the customer, not a reply, not counted
  std::string chat, note;
  Actor by;
  std::string text;
  std::vector<std::string> mentions;  // agents named with @, each of whom may read the chat
};
struct GroupOpened {  // a group that holds routing outside its business hours opened: routing resumes
  std::string group;
};

struct SlaPolicySaved {
  SlaPolicy policy;
};
struct SlaPolicyDeleted {
  std::string policy;
};
struct BlockRuleAdded {  // rule.by and rule.created_at: who added it, and when (the event's time)
  BlockRule rule;
};
struct BlockRuleRemoved {
  std::string rule, by;
};
// A session marked spam leaves its queue, its agent and its timers, and is counted nowhere from now
// until unmarked (what was counted before the mark stays: it was work done).
struct ChatMarkedSpam {
  std::string chat, by;  // by: agent:<id>, login:<name>, or rule:<id> for a matching blocklist rule
};
// An unmarked session waits in its group's queue as if it arrived now (closed ones stay closed).
struct ChatUnmarkedSpam {
  std::string chat, by;
};
struct ContentErased {
  std::string chat;
  std::string reason;  // "customer" (an erasure request) or "retention"
};
struct RetentionChanged {
  Duration retention;
};

struct ContactCreated {
  std::string contact;
  ContactFields fields;
  std::string by;
};
struct ContactUpdated {
  std::string contact;
  ContactFields fields;
  std::string by;
};
struct ContactsMerged {
  std::string contact, from, by;
};
struct CustomerLinked {  // the customer of `chat` (its channel and customer id) now links to `contact`
  std::string chat, contact, by;
};
struct CaseCreated {
  std::string id, chat, subject;
  CaseStatus status = CaseStatus::open;
  Priority priority = Priority::normal;
  std::string by;
};
struct LeadCreated {
  std::string id, chat, subject;
  std::int64_t value = 0;
  std::string by;
};

// Staff only, like notes: never delivered to the customer, not a reply, not counted.
struct ActionStarted {
  std::string chat, run, action, name;
  Actor by;
  std::map<std::string, std::string> fields;
};
struct ActionFinished {
  std::string chat, run;
  ActionOutcome outcome = ActionOutcome::ok;
  std::string text;
};

struct ChannelChanged {
  std::string channel;
  int weight = kDefaultChannelWeight;
  Priority priority = Priority::normal;
};
struct ChatPriorityChanged {
  std::string chat;
  Priority priority = Priority::normal;
  Actor by;
};
// The wait for a returning customer's last agent is over: the session is routed as any other.
struct ChatPreferenceEnded {
  std::string chat;
};

using EventBody = std::variant<GroupCreated, GroupUpdated, AgentCreated, AgentUpdated, DeskSettingsChanged,
                               AgentStatusChanged, ChatStarted, ChatAssigned, MessageSent, DeliveryChanged, ChatRead,
                               ChatPaused, ChatResumed, ChatTransferred, ChatClosed, ChatReopened, SlaBreached,
                               GroupOpened, NoteAdded, SlaPolicySaved, SlaPolicyDeleted, BlockRuleAdded,
                               BlockRuleRemoved, ChatMarkedSpam, ChatUnmarkedSpam, ContentErased, RetentionChanged,
                               ContactCreated, ContactUpdated, ContactsMerged, CustomerLinked, CaseCreated, LeadCreated,
                               ActionStarted, ActionFinished, ChannelChanged, ChatPriorityChanged,
                               ChatPreferenceEnded>;

struct Event {
  Timestamp at;
  EventBody body;
};

using Events = std::vector<Event>;

}  // namespace parley
