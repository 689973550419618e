// The desk's value types and its whole in-memory State, as built by apply() from events.
// Plain data: no behaviour beyond lookups; indices are stable (entities are never removed).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "block_rules.hpp"
#include "business_hours.hpp"
#include "indexes.hpp"
#include "ordered_rows.hpp"
#include "report_facts.hpp"
#include "timer_book.hpp"
#include "time.hpp"

namespace parley {


enum class AgentStatus : std::uint8_t { offline, online, dnd };
enum class ChatState : std::uint8_t { queued, open, paused, closed };
enum class Routing : std::uint8_t { automatic, accept };
enum class Delivery : std::uint8_t { none, sending, delivered, read, error };
// A session's channel as delivery sees it. external: a channel (widget, webhook) that reports what
// became of an agent message; internal: staff writing for a customer from the app, where nothing
// reports, so agent messages are delivered once stored.
enum class ChannelKind : std::uint8_t { external, internal };
enum class CloseMethod : std::uint8_t { agent, manual, process, chatbot, no_client_answer };
enum class SlaKind : std::uint8_t { first_response, next_response, resolution };
enum class AssignKind : std::uint8_t { routed, accepted, assigned };
// A session's or case's urgency; the waiting queue serves urgent first.
enum class Priority : std::uint8_t { low, normal, high, urgent };

enum class SeparatorKind : std::uint8_t {
  started_by_client,
  started_by_agent,
  closed_by_agent,
  closed_by_manual_action,
  closed_by_process,
  closed_by_chatbot,
  closed_no_client_answer,
  transferred_automatically,
  transferred_by_agent,
  transferred_to_group,
  reopened,
};

enum Role : std::uint8_t {
  kRoleOperator = 1,
  kRoleSupervisor = 2,
  kRoleReader = 4,
  kRoleAdmin = 8,
};
using RoleSet = std::uint8_t;

// Who did something: "client", "agent:<id>", "manual:<id>", "bot:<name>", "process", "automatic".
enum class ActorKind : std::uint8_t { client, agent, manual, bot, process, automatic };
struct Actor {
  ActorKind kind = ActorKind::client;
  std::string id;  // agent id for agent/manual, bot name for bot, empty otherwise
  bool is_agent() const { return kind == ActorKind::agent || kind == ActorKind::manual; }
  friend bool operator==(const Actor&, const Actor&) = default;
};

struct GroupSettings {
  Routing routing = Routing::automatic;
  int max_active = 5;
  int max_load = 0;  // thousandths of channel weight one agent carries; 0: max_active × 1000
  // A returning customer's session waits this long for the agent who last served them while that agent
  // is online; 0: routed as any other.
  int return_to_agent_min = 0;
  bool close_silent = false;
  int close_silent_after_min = 30;
  bool transfer_unanswered = false;
  int transfer_unanswered_after_min = 5;
  int first_response_min = 0;  // SLA without a named policy; 0 = not used
  int next_response_min = 0;
  std::string sla_policy;      // a named SLA policy; when set, it replaces the two fields above
  std::optional<BusinessHours> business_hours;  // none: always open
  bool hold_outside_hours = false;  // auto routing waits while the group is outside its business hours
};

// An admin's SLA policy (SPEC §10): deadlines in minutes (0 = not used), optionally counted only
// inside the group's business hours.
struct SlaPolicy {
  std::string id, name;
  int first_response_min = 0, next_response_min = 0, resolution_min = 0;
  bool business_hours_only = false;
  friend bool operator==(const SlaPolicy&, const SlaPolicy&) = default;
};

// What the desk knows of a channel (by the name sessions carry): its load weight in thousandths and
// the priority its sessions start with.
constexpr int kDefaultChannelWeight = 1000;
constexpr int kMaxChannelWeight = 100000;
constexpr std::size_t kMaxChannelNameBytes = 200;
struct ChannelSettings {
  int weight = kDefaultChannelWeight;
  Priority priority = Priority::normal;
  friend bool operator==(const ChannelSettings&, const ChannelSettings&) = default;
};

struct DeskSettings {
  Duration shift_gap = 6 * kHour;
  Duration retention = 0;  // closed sessions' content is erased this long after their last activity; 0: kept
};

struct StatusChange {
  Timestamp at;
  AgentStatus status;
};

// An automatic transfer that took a session from its agent: when, and which session.
struct Miss {
  Timestamp at = 0;
  std::string chat;
  bool operator==(const Miss&) const = default;
};

struct Agent {
  std::string id, name, nickname;
  RoleSet roles = 0;
  std::vector<GroupIx> groups;
  Timestamp created_at = 0;
  AgentStatus status = AgentStatus::offline;
  Timestamp status_since = 0;
  std::vector<StatusChange> history;  // every status change, oldest first
  Timestamp idle_since = 0;           // last time a session was given to the agent, or went online
  std::set<ChatIx> assigned;           // open or paused sessions assigned to the agent
  int on_hold = 0;                    // of those, paused
  std::set<std::pair<Timestamp, ChatIx>> credited_closes;  // (close time, chat) of closes credited here
  std::vector<Miss> missed;           // automatic transfers away from the agent, oldest first
  bool disabled = false;              // may not log in or go online; gets no sessions
};

constexpr std::uint8_t kLowestRank = 3;
struct QueueEntry {
  std::uint8_t rank;  // urgent (0) first: kLowestRank - priority
  Timestamp enqueued_at;
  std::uint64_t sequence;
  ChatIx chat;
  friend auto operator<=>(const QueueEntry&, const QueueEntry&) = default;
};

struct Group {
  std::string id, name;
  GroupSettings settings;
  std::vector<AgentIx> members;        // in joining order
  OrderedRows<QueueEntry> queue;     // waiting sessions, most urgent first, then oldest first
  bool disabled = false;             // takes no new sessions or transfers
};

// A file sent with a message: the server-issued id of its stored bytes, file name, MIME type, bytes.
struct Attachment {
  std::string id, name, type;
  std::int64_t size = 0;
  friend bool operator==(const Attachment&, const Attachment&) = default;
};
constexpr std::size_t kMaxAttachments = 10;           // per message
constexpr std::size_t kMaxAttachmentNameBytes = 255;  // file name, UTF-8 bytes
constexpr std::size_t kMaxAttachmentFieldBytes = 255; // id and MIME type

struct Message {
  std::string id;
  Actor from;
  std::string text;
  Timestamp at;
  Delivery delivery = Delivery::none;
  std::vector<Attachment> attachments = {};
};

struct Separator {
  SeparatorKind kind;
  Timestamp at;
  std::size_t after_messages;  // how many messages precede it in the timeline
  std::string who;             // agent id or bot name
  std::string group;           // target group for transferred_to_group; the queue's, for a transfer to no agent
  std::string reason;
  std::string to_agent = {};   // the agent a transfer or reassignment went to (empty: to a queue)
};

constexpr std::size_t kMaxNoteBytes = 8192;

// A private note: staff only, placed in the timeline after `after_messages` messages.
struct Note {
  std::string id;
  std::string by;  // agent id
  std::string text;
  Timestamp at;
  std::size_t after_messages;
  std::vector<std::string> mentions;  // agent ids
  friend bool operator==(const Note&, const Note&) = default;
};

enum class ActionOutcome : std::uint8_t { pending, ok, error };

// A support agent action run on a session: staff only, placed in the timeline after
// `after_messages` messages; its outcome arrives when the server's call ends.
struct ActionRun {
  std::string id, action, name;  // the run, the action's id and its name when run
  std::string by;                // agent id
  std::map<std::string, std::string> fields;
  Timestamp at;
  std::size_t after_messages;
  ActionOutcome outcome = ActionOutcome::pending;
  std::string text = {};  // the answer (ok) or what went wrong (error)
  Timestamp finished_at = 0;
  friend bool operator==(const ActionRun&, const ActionRun&) = default;
};

// A missed SLA deadline as the timeline shows it, with the terms in force when it passed.
struct SlaMark {
  SlaKind kind;
  Timestamp at;
  std::size_t after_messages;
  int minutes = 0;              // the deadline that passed
  bool business_hours = false;  // counted in the group's business hours only
  std::string policy;           // the named policy's name; empty: the group's own settings
  friend bool operator==(const SlaMark&, const SlaMark&) = default;
};

enum class Speaker : std::uint8_t { none, client, agent, other };  // other: a bot or process

struct Chat {
  std::string id;
  std::int64_t number = 0;
  GroupIx group = kNoIndex;
  std::string channel, client;
  std::string customer;  // the customer's id on the channel (widget visitor, messenger user, internal user)
  ChannelKind channel_kind = ChannelKind::external;
  ChatState state = ChatState::queued;
  AgentIx assignee = kNoIndex;
  Timestamp started_at = 0;
  Timestamp last_activity = 0;
  // queue
  Timestamp enqueued_at = 0;
  std::uint64_t queue_sequence = 0;
  std::vector<AgentIx> missed_by;  // agents an automatic transfer took it from since an agent last answered
  Priority priority = Priority::normal;
  AgentIx prefer_agent = kNoIndex;  // a returning customer's last agent: routing waits for them until prefer_until
  Timestamp prefer_until = 0;
  bool ever_assigned = false;
  // timer clocks
  Timestamp assigned_at = 0;
  Timestamp became_open_at = 0;
  Timestamp last_client_at = kNever;
  Timestamp last_agent_at = kNever;
  Speaker last_speaker = Speaker::none;
  Timestamp waiting_since = kNever;  // first client message not yet answered by an agent
  bool agent_replied = false;
  bool sla_window_breached = false;
  bool resolution_settled = false;  // closed or past its resolution deadline once: no new resolution clock
  int sla_breaches = 0;
  // workspace markers
  int unread = 0;
  bool opened = false;  // the assignee has looked at it since getting it
  // close credit
  AgentIx credit_agent = kNoIndex;
  Timestamp credit_at = 0;
  // content
  Table<Message, MessageIx> messages;
  std::unordered_map<std::string, MessageIx> message_index;
  std::vector<Separator> separators;
  std::vector<Note> notes;
  std::vector<SlaMark> sla_marks;
  std::vector<ActionRun> action_runs;
  bool content_erased = false;  // texts, files and the customer id removed; times and counts kept
  // A replica's copy of a chat that left its viewer's view: off every list, queue and timer, kept
  // only so indexes stay stable; a snapshot brings it back.
  bool forgotten = false;
  bool spam = false;
  std::vector<std::string> cases, leads;  // ids of the cases and leads created from this session
};

// A customer: one identity on one channel, known to the desk from their first session on. Erasing
// every session of a customer removes the customer (and their contact link) too.
struct CustomerKey {
  std::string channel, id;
  friend bool operator<(const CustomerKey& a, const CustomerKey& b) {
    return a.channel != b.channel ? a.channel < b.channel : a.id < b.id;
  }
  friend bool operator==(const CustomerKey&, const CustomerKey&) = default;
};
struct Customer {
  std::vector<ChatIx> chats;  // sessions not erased, in the order they started
  std::string contact;        // the linked contact; empty: none
};

struct ContactFields {
  std::string name, email, phone, company, notes;
  friend bool operator==(const ContactFields&, const ContactFields&) = default;
};

// Staff's record of a person or firm (SPEC §12); customers on any channel link to it.
struct Contact {
  std::string id;
  ContactFields fields;
  std::string by;  // who created it: agent:<id> or login:<name>
  Timestamp created_at = 0, updated_at = 0;
  std::set<CustomerKey> customers;  // linked customers
  std::string merged_into;  // set once merged into another contact: kept only so its id is never reused
};

enum class CaseStatus : std::uint8_t { open, pending, resolved, closed };

struct Case {
  std::string id, chat, subject;
  CaseStatus status = CaseStatus::open;
  Priority priority = Priority::normal;
  std::string by;
  Timestamp created_at = 0;
};

struct Lead {
  std::string id, chat, subject;
  std::int64_t value = 0;  // in the desk currency's minor unit (cents)
  std::string by;
  Timestamp created_at = 0;
};

// Latest activity first, then the higher number: the order of every session list but the queue.
struct RecentEntry {
  Timestamp last_activity;
  std::int64_t number;
  ChatIx chat;
  friend bool operator<(const RecentEntry& a, const RecentEntry& b) {
    if (a.last_activity != b.last_activity) return a.last_activity > b.last_activity;
    if (a.number != b.number) return a.number > b.number;
    return a.chat > b.chat;
  }
  friend bool operator==(const RecentEntry&, const RecentEntry&) = default;
};

// What a chat was last filed under in the list indexes (core/list_index.hpp).
struct ListKeys {
  bool filed = false;
  GroupIx group = kNoIndex;
  AgentIx assignee = kNoIndex;
  ChatState state = ChatState::queued;
  Timestamp last_activity = 0;
  std::int64_t number = 0;
  bool never_assigned = false, unread = false;
  bool spam = false;
  friend bool operator==(const ListKeys&, const ListKeys&) = default;
};

// Ordered indexes behind the session lists and counters (core/views.hpp), kept by apply(); the
// waiting queues are Group::queue.
struct ListIndex {
  struct ByGroup {
    OrderedRows<RecentEntry> unclosed, closed;
    int waiting_never_assigned = 0;  // waiting sessions no agent has had yet
    OrderedRows<RecentEntry> spam;   // sessions marked spam: on no other list
  };
  struct ByAgent {
    OrderedRows<RecentEntry> mine;                     // open or paused sessions assigned to the agent
    std::map<GroupIx, OrderedRows<RecentEntry>> closed;  // closed sessions the agent last had, by group
    int unread = 0;                                    // sessions in `mine` with unread client messages
  };
  Table<ByGroup, GroupIx> groups;
  Table<ByAgent, AgentIx> agents;
  OrderedRows<RecentEntry> unclosed, closed;  // of every group
  OrderedRows<RecentEntry> spam;              // of every group
  Table<ListKeys, ChatIx> chats;
};

struct State {
  DeskSettings settings;
  Table<Agent, AgentIx> agents;
  Table<Group, GroupIx> groups;
  Table<Chat, ChatIx> chats;
  std::map<std::string, SlaPolicy> sla_policies;
  std::map<std::string, BlockRule> block_rules;  // by rule id
  std::map<std::string, ChannelSettings> channels;  // by channel name; a channel never set has the defaults
  std::unordered_map<std::string, AgentIx> agent_index;
  std::unordered_map<std::string, GroupIx> group_index;
  std::unordered_map<std::string, ChatIx> chat_index;
  std::int64_t next_chat_number = 1;
  std::uint64_t next_queue_sequence = 0;
  TimerBook timers;
  ListIndex lists;
  std::vector<AgentIx> admins;  // agents holding the admin role, sorted
  Timestamp last_event_at = 0;  // time of the latest applied event (the desk has no clock of its own)
  std::uint64_t applied_events = 0;
  ReportFacts report_facts;     // what the reports count, kept by apply (core/report_keeping.hpp)
  std::map<CustomerKey, Customer> customers;
  std::map<std::string, Contact> contacts;  // by id, merged ones included
  std::map<std::string, Case> cases;
  std::map<std::string, Lead> leads;
  std::int64_t next_contact_number = 1;

  const Agent* find_agent(const std::string& id) const;
  const Group* find_group(const std::string& id) const;
  const Chat* find_chat(const std::string& id) const;
  AgentIx agent_ix(const std::string& id) const;
  GroupIx group_ix(const std::string& id) const;
  ChatIx chat_ix(const std::string& id) const;
};

bool has_role(const Agent& agent, Role role);
// Keeps State::admins in step with the agent's roles.
void note_admin(State& state, AgentIx agent);
bool is_member(const Agent& agent, GroupIx group);
// Operators, supervisors and admins work sessions of their groups (admins: of every group).
bool may_work(const Agent& agent, GroupIx group);
// Supervisors of the group and admins oversee it (assign, transfer, close others' sessions).
bool may_supervise(const Agent& agent, GroupIx group);
// Anyone with a role in the group may read its sessions (admins: every group).
bool may_read(const Agent& agent, GroupIx group);
bool is_group_online(const State& state, GroupIx group, Timestamp now);
ChannelSettings channel_settings(const State& state, const std::string& channel);
QueueEntry queue_entry(const Chat& chat, ChatIx ix);
// When the longest-waiting session of the group's queue was enqueued; kNever if none waits.
Timestamp oldest_waiting_since(const Group& group);

}  // namespace parley
