// Commands: what someone asks the desk to do, in imperative names. decide() checks them
// against State and either refuses (an Error) or turns them into events.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model.hpp"
#include "support_actions.hpp"

namespace parley {

struct CreateGroup {
  std::string group, name;
  GroupSettings settings;
};
struct UpdateGroup {  // replaces the settings (omitted ones take their defaults)
  std::string group, name;
  GroupSettings settings;
  bool disabled = false;  // a disabled group takes no new sessions or transfers
};
struct CreateAgent {
  std::string agent, name, nickname;
  std::vector<std::string> groups;
  RoleSet roles = kRoleOperator;
};
struct UpdateAgent {  // replaces name, nickname, groups and roles
  std::string agent, name, nickname;
  std::vector<std::string> groups;
  RoleSet roles = kRoleOperator;
  bool disabled = false;  // a disabled agent is offline and may not go online or sign in
};
struct SetDeskSettings {
  std::optional<Duration> shift_gap;
};
struct SetAgentStatus {
  std::string agent;
  AgentStatus status;
};
struct StartChat {
  std::string chat, group, channel, client;
  Actor by;
  ChannelKind channel_kind = ChannelKind::external;  // internal: agent messages are delivered once stored
  // What the channel knows of a client (the blocklist matches it): the customer's id on the
  // channel (empty: `client`), the widget visitor, the network address.
  std::string customer = {}, visitor = {}, address = {};
  // An agent's first message, stored with the start so a session an agent starts never stands empty.
  std::string text = {};
  std::optional<Priority> priority = {};  // none: the channel's
};
struct SendMessage {
  std::string chat;
  Actor from;
  std::string text;
  std::string message;  // client-chosen id; empty: the desk numbers it
  std::vector<Attachment> attachments = {};  // text, attachments or both
  std::string customer = {}, visitor = {}, address = {};  // a client's, as for StartChat
};
struct SetDelivery {  // the channel reports what became of an agent message
  std::string chat, message;
  Delivery status;
};
struct ResendMessage {
  std::string chat, message;
  Actor by;
};
struct MarkChatRead {
  std::string chat, agent;
};
struct AcceptChat {
  std::string chat, agent;
};
struct AssignChat {
  std::string chat, agent;
  Actor by;
};
struct TransferChat {
  std::string chat;
  Actor by;
  std::string to_agent, to_group, reason;  // at least one of to_agent / to_group
};
struct PauseChat {
  std::string chat;
  Actor by;
};
struct ResumeChat {
  std::string chat;
  Actor by;
};
struct CloseChat {
  std::string chat;
  Actor by;
};
struct ReopenChat {
  std::string chat;
  Actor by;
};
// A private note on a session for colleagues; `@agent` in the text mentions (and notifies) them.
struct AddNote {
  std::string chat;
  Actor by;
  std::string text;
};
struct Tick {};
struct SetSlaPolicy {  // creates or replaces a policy
  SlaPolicy policy;
};
struct CreateSlaPolicy {  // refused when the id is taken
  SlaPolicy policy;
};
struct DeleteSlaPolicy {  // refused while a group names it
  std::string policy;
};
// The blocklist (admins) and spam marks (supervisors of the session's group, admins). `staff` is
// who acts: "agent:<id>" or "login:<name>" for a login without an agent.
struct AddBlockRule {  // rule.by and rule.created_at are set from `staff` and the time
  BlockRule rule;
  std::string staff;
};
struct RemoveBlockRule {
  std::string rule, staff;
};
struct MarkSpam {
  std::string chat, staff;
};
struct UnmarkSpam {
  std::string chat, staff;
};
struct EraseCustomer {  // erases the content of every session of a customer; refused while one is open
  std::string channel, client;
};
struct ExpireContent {};  // erases closed sessions older than the desk's retention (a batch at a time)
struct SetRetention {
  int days = 0;  // 0: content is kept
};

// Contacts, cases and leads (SPEC §12). `staff` is who acts, as for the blocklist; an empty id asks the
// desk to number it. Who may see and change them follows the groups of the sessions involved
// (core/contacts.hpp).
struct CreateContact {  // with `chat`: also links that session's customer to it, as LinkCustomer does
  std::string contact;
  ContactFields fields;
  std::string staff;
  std::string chat = {};
};
struct UpdateContact {  // replaces every field
  std::string contact;
  ContactFields fields;
  std::string staff;
};
struct MergeContacts {  // `from` folds into `contact`: its customers link to `contact`, and it is gone
  std::string contact, from, staff;
};
struct LinkCustomer {  // links the customer of the session `chat` to `contact` (replacing an earlier link)
  std::string chat, contact, staff;
};
struct CreateCase {
  std::string id, chat, subject;
  CaseStatus status = CaseStatus::open;
  Priority priority = Priority::normal;
  std::string staff;
};
struct CreateLead {
  std::string id, chat, subject;
  std::int64_t value = 0;
  std::string staff;
};

// Support agent actions (SPEC §13). The server fills `form` from the stored definition (the scenario
// runner's input writes it out); `run` empty: the desk numbers it. The outcome comes from the server's
// call to the endpoint, as FinishAction.
struct RunAction {
  std::string chat;
  Actor by;
  std::string action;
  ActionForm form;
  ActionValues fields;
  std::string run = {};
};
struct FinishAction {
  std::string chat, run;
  ActionOutcome outcome = ActionOutcome::ok;
  std::string text;  // at most kMaxActionAnswerBytes (clip_action_text)
};

// A channel's load weight (thousandths) and its sessions' starting priority; omitted ones take the defaults.
struct SetChannel {
  std::string channel;
  int weight = kDefaultChannelWeight;
  Priority priority = Priority::normal;
};
struct SetChatPriority {  // staff who may work the session's group; not once closed
  std::string chat;
  Priority priority = Priority::normal;
  Actor by;
};

using Command = std::variant<CreateGroup, UpdateGroup, CreateAgent, UpdateAgent, SetDeskSettings, SetAgentStatus,
                             StartChat, SendMessage, SetDelivery, ResendMessage, MarkChatRead, AcceptChat, AssignChat,
                             TransferChat, PauseChat, ResumeChat, CloseChat, ReopenChat, AddNote, Tick, SetSlaPolicy,
                             DeleteSlaPolicy, CreateSlaPolicy, AddBlockRule, RemoveBlockRule, MarkSpam, UnmarkSpam,
                             EraseCustomer, ExpireContent, SetRetention, CreateContact, UpdateContact, MergeContacts,
                             LinkCustomer, CreateCase, CreateLead, RunAction, FinishAction, SetChannel,
                             SetChatPriority>;

// The agent a command is performed by (its `by`/`from` actor, or the agent it is about for status,
// accept and read); nullopt for desk configuration and for client, bot and process actors.
std::optional<std::string> performing_agent(const Command& command);

}  // namespace parley
