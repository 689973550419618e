// Field lists of every command and event, written once and walked by both the JSON reader and
// the JSON writer (wire.cpp). Internal to core/wire*.cpp.
#pragma once
#include "commands.hpp"
#include "events.hpp"

namespace parley::wire {

enum class Need { required, optional };

// V provides: v(key, field, need) for std::string, int, bool, Actor, enums, string lists,
// attachment lists (an optional empty list is omitted), GroupSettings; v.roles(key, RoleSet&);
// v.minutes(key, std::optional<Duration>&); v.priority(key, Priority& or std::optional<Priority>&),
// optional, written unless normal or none; v.text_and_attachments(text, list): a message's
// "text" and "attachments", at least one of them present.
template <class V, class C> void origin_fields(V& v, C& c) { v("customer", c.customer, Need::optional); v("visitor", c.visitor, Need::optional); v("address", c.address, Need::optional); }
template <class V> void block_rule_fields(V& v, BlockRule& r) {
  v("rule", r.id, Need::required); v("kind", r.kind, Need::required); v("value", r.value, Need::required);
  v("channel", r.channel, Need::optional); v("match", r.match, Need::optional); v("action", r.action, Need::required);
}
template <class V> void contact_fields(V& v, ContactFields& f) {
  v("name", f.name, Need::required); v("email", f.email, Need::optional); v("phone", f.phone, Need::optional);
  v("company", f.company, Need::optional); v("notes", f.notes, Need::optional);
}
template <class V> void fields(V& v, CreateGroup& c) { v("group", c.group, Need::required); v("name", c.name, Need::optional); v("settings", c.settings, Need::optional); }
template <class V> void fields(V& v, UpdateGroup& c) { v("group", c.group, Need::required); v("name", c.name, Need::optional); v("settings", c.settings, Need::optional); v("disabled", c.disabled, Need::optional); }
template <class V> void fields(V& v, CreateAgent& c) { v("agent", c.agent, Need::required); v("name", c.name, Need::optional); v("nickname", c.nickname, Need::optional); v("groups", c.groups, Need::optional); v.roles("roles", c.roles); }
template <class V> void fields(V& v, UpdateAgent& c) { v("agent", c.agent, Need::required); v("name", c.name, Need::optional); v("nickname", c.nickname, Need::optional); v("groups", c.groups, Need::optional); v.roles("roles", c.roles); v("disabled", c.disabled, Need::optional); }
template <class V> void fields(V& v, SetDeskSettings& c) { v.minutes("session_gap_min", c.shift_gap); }
template <class V> void fields(V& v, SetAgentStatus& c) { v("agent", c.agent, Need::required); v("status", c.status, Need::required); }
template <class V> void fields(V& v, StartChat& c) { v("chat", c.chat, Need::required); v("group", c.group, Need::required); v("channel", c.channel, Need::required); v("client", c.client, Need::optional); v("by", c.by, Need::required); v("channel_kind", c.channel_kind, Need::optional); origin_fields(v, c); v("text", c.text, Need::optional); v.priority("priority", c.priority); }
template <class V> void fields(V& v, SendMessage& c) { v("chat", c.chat, Need::required); v("from", c.from, Need::required); v.text_and_attachments(c.text, c.attachments); v("message", c.message, Need::optional); origin_fields(v, c); }
template <class V> void fields(V& v, SetDelivery& c) { v("chat", c.chat, Need::required); v("message", c.message, Need::required); v("status", c.status, Need::required); }
template <class V> void fields(V& v, ResendMessage& c) { v("chat", c.chat, Need::required); v("message", c.message, Need::required); v("by", c.by, Need::required); }
template <class V> void fields(V& v, MarkChatRead& c) { v("chat", c.chat, Need::required); v("agent", c.agent, Need::required); }
template <class V> void fields(V& v, AcceptChat& c) { v("chat", c.chat, Need::required); v("agent", c.agent, Need::required); }
template <class V> void fields(V& v, AssignChat& c) { v("chat", c.chat, Need::required); v("agent", c.agent, Need::required); v("by", c.by, Need::required); }
template <class V> void fields(V& v, TransferChat& c) { v("chat", c.chat, Need::required); v("by", c.by, Need::required); v("to_agent", c.to_agent, Need::optional); v("to_group", c.to_group, Need::optional); v("reason", c.reason, Need::optional); }
template <class V> void fields(V& v, PauseChat& c) { v("chat", c.chat, Need::required); v("by", c.by, Need::required); }
template <class V> void fields(V& v, ResumeChat& c) { v("chat", c.chat, Need::required); v("by", c.by, Need::required); }
template <class V> void fields(V& v, CloseChat& c) { v("chat", c.chat, Need::required); v("by", c.by, Need::required); }
template <class V> void fields(V& v, ReopenChat& c) { v("chat", c.chat, Need::required); v("by", c.by, Need::required); }
template <class V> void fields(V& v, AddNote& c) { v("chat", c.chat, Need::required); v("by", c.by, Need::required); v("text", c.text, Need::required); }
template <class V> void fields(V&, Tick&) {}
template <class V> void sla_policy_fields(V& v, SlaPolicy& p) {
  v("policy", p.id, Need::required); v("name", p.name, Need::optional);
  v.bounded("first_response_min", p.first_response_min, 0, 525600); v.bounded("next_response_min", p.next_response_min, 0, 525600);
  v.bounded("resolution_min", p.resolution_min, 0, 525600); v("business_hours_only", p.business_hours_only, Need::optional);
}
template <class V> void fields(V& v, SetSlaPolicy& c) { sla_policy_fields(v, c.policy); }
template <class V> void fields(V& v, CreateSlaPolicy& c) { sla_policy_fields(v, c.policy); }
template <class V> void fields(V& v, DeleteSlaPolicy& c) { v("policy", c.policy, Need::required); }
template <class V> void fields(V& v, AddBlockRule& c) { block_rule_fields(v, c.rule); v("by", c.staff, Need::required); }
template <class V> void fields(V& v, RemoveBlockRule& c) { v("rule", c.rule, Need::required); v("by", c.staff, Need::required); }
template <class V> void fields(V& v, MarkSpam& c) { v("chat", c.chat, Need::required); v("by", c.staff, Need::required); }
template <class V> void fields(V& v, UnmarkSpam& c) { v("chat", c.chat, Need::required); v("by", c.staff, Need::required); }
template <class V> void fields(V& v, EraseCustomer& c) { v("channel", c.channel, Need::required); v("client", c.client, Need::required); }
template <class V> void fields(V&, ExpireContent&) {}
template <class V> void fields(V& v, SetRetention& c) { v.bounded("days", c.days, 0, 36500); }

template <class V> void fields(V& v, CreateContact& c) { v("contact", c.contact, Need::optional); contact_fields(v, c.fields); v("by", c.staff, Need::required); v("chat", c.chat, Need::optional); }
template <class V> void fields(V& v, UpdateContact& c) { v("contact", c.contact, Need::required); contact_fields(v, c.fields); v("by", c.staff, Need::required); }
template <class V> void fields(V& v, MergeContacts& c) { v("contact", c.contact, Need::required); v("from", c.from, Need::required); v("by", c.staff, Need::required); }
template <class V> void fields(V& v, LinkCustomer& c) { v("chat", c.chat, Need::required); v("contact", c.contact, Need::required); v("by", c.staff, Need::required); }
template <class V> void fields(V& v, CreateCase& c) { v("case", c.id, Need::optional); v("chat", c.chat, Need::required); v("subject", c.subject, Need::required); v("status", c.status, Need::optional); v("priority", c.priority, Need::optional); v("by", c.staff, Need::required); }
template <class V> void fields(V& v, CreateLead& c) { v("lead", c.id, Need::optional); v("chat", c.chat, Need::required); v("subject", c.subject, Need::required); v("value", c.value, Need::optional); v("by", c.staff, Need::required); }

template <class V> void fields(V& v, GroupCreated& e) { v("group", e.group, Need::required); v("name", e.name, Need::required); v("settings", e.settings, Need::required); }
template <class V> void fields(V& v, GroupUpdated& e) { v("group", e.group, Need::required); v("name", e.name, Need::required); v("settings", e.settings, Need::required); v("disabled", e.disabled, Need::optional); }
template <class V> void fields(V& v, AgentCreated& e) { v("agent", e.agent, Need::required); v("name", e.name, Need::required); v("nickname", e.nickname, Need::optional); v("groups", e.groups, Need::required); v.roles("roles", e.roles); }
template <class V> void fields(V& v, AgentUpdated& e) { v("agent", e.agent, Need::required); v("name", e.name, Need::required); v("nickname", e.nickname, Need::optional); v("groups", e.groups, Need::required); v.roles("roles", e.roles); v("disabled", e.disabled, Need::optional); }
template <class V> void fields(V& v, DeskSettingsChanged& e) { v("session_gap_ms", e.shift_gap, Need::required); }
template <class V> void fields(V& v, AgentStatusChanged& e) { v("agent", e.agent, Need::required); v("status", e.status, Need::required); }
template <class V> void fields(V& v, ChatStarted& e) { v("chat", e.chat, Need::required); v("number", e.number, Need::required); v("group", e.group, Need::required); v("channel", e.channel, Need::required); v("client", e.client, Need::required); v("by", e.by, Need::required); v("channel_kind", e.channel_kind, Need::optional); v("spam_rule", e.spam_rule, Need::optional); v("customer", e.customer, Need::optional); v.priority("priority", e.priority); v("prefer", e.prefer, Need::optional); }
template <class V> void fields(V& v, ChatAssigned& e) { v("chat", e.chat, Need::required); v("agent", e.agent, Need::required); v("how", e.how, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, MessageSent& e) { v("chat", e.chat, Need::required); v("message", e.message, Need::required); v("from", e.from, Need::required); v("text", e.text, Need::required); v("attachments", e.attachments, Need::optional); }
template <class V> void fields(V& v, DeliveryChanged& e) { v("chat", e.chat, Need::required); v("message", e.message, Need::required); v("status", e.status, Need::required); }
template <class V> void fields(V& v, ChatRead& e) { v("chat", e.chat, Need::required); v("agent", e.agent, Need::required); }
template <class V> void fields(V& v, ChatPaused& e) { v("chat", e.chat, Need::required); v("agent", e.agent, Need::required); }
template <class V> void fields(V& v, ChatResumed& e) { v("chat", e.chat, Need::required); v("agent", e.agent, Need::required); }
template <class V> void fields(V& v, ChatTransferred& e) { v("chat", e.chat, Need::required); v("by", e.by, Need::required); v("from_agent", e.from_agent, Need::optional); v("to_agent", e.to_agent, Need::optional); v("to_group", e.to_group, Need::optional); v("reason", e.reason, Need::optional); }
template <class V> void fields(V& v, ChatClosed& e) { v("chat", e.chat, Need::required); v("method", e.method, Need::required); v("by", e.by, Need::required); v("credited_agent", e.credited_agent, Need::optional); }
template <class V> void fields(V& v, ChatReopened& e) { v("chat", e.chat, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, SlaBreached& e) { v("chat", e.chat, Need::required); v("kind", e.kind, Need::required); v("agent", e.agent, Need::optional); }
template <class V> void fields(V& v, GroupOpened& e) { v("group", e.group, Need::required); }
template <class V> void fields(V& v, SlaPolicySaved& e) { sla_policy_fields(v, e.policy); }
template <class V> void fields(V& v, SlaPolicyDeleted& e) { v("policy", e.policy, Need::required); }
template <class V> void fields(V& v, ContentErased& e) { v("chat", e.chat, Need::required); v("reason", e.reason, Need::required); }
template <class V> void fields(V& v, RetentionChanged& e) { v("retention_ms", e.retention, Need::required); }
template <class V> void fields(V& v, NoteAdded& e) { v("chat", e.chat, Need::required); v("note", e.note, Need::required); v("by", e.by, Need::required); v("text", e.text, Need::required); v("mentions", e.mentions, Need::optional); }
template <class V> void fields(V& v, BlockRuleAdded& e) { block_rule_fields(v, e.rule); v("by", e.rule.by, Need::required); }
template <class V> void fields(V& v, BlockRuleRemoved& e) { v("rule", e.rule, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, ChatMarkedSpam& e) { v("chat", e.chat, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, ChatUnmarkedSpam& e) { v("chat", e.chat, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, ContactCreated& e) { v("contact", e.contact, Need::required); contact_fields(v, e.fields); v("by", e.by, Need::required); }
template <class V> void fields(V& v, ContactUpdated& e) { v("contact", e.contact, Need::required); contact_fields(v, e.fields); v("by", e.by, Need::required); }
template <class V> void fields(V& v, ContactsMerged& e) { v("contact", e.contact, Need::required); v("from", e.from, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, CustomerLinked& e) { v("chat", e.chat, Need::required); v("contact", e.contact, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, CaseCreated& e) { v("case", e.id, Need::required); v("chat", e.chat, Need::required); v("subject", e.subject, Need::required); v("status", e.status, Need::required); v("priority", e.priority, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, LeadCreated& e) { v("lead", e.id, Need::required); v("chat", e.chat, Need::required); v("subject", e.subject, Need::required); v("value", e.value, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, RunAction& c) { v("chat", c.chat, Need::required); v("by", c.by, Need::required); v("action", c.action, Need::required); v("name", c.form.name, Need::required); v("form", c.form.fields, Need::optional); v("fields", c.fields, Need::optional); v("run", c.run, Need::optional); }
template <class V> void fields(V& v, FinishAction& c) { v("chat", c.chat, Need::required); v("run", c.run, Need::required); v("outcome", c.outcome, Need::required); v("text", c.text, Need::optional); }
template <class V> void fields(V& v, ActionStarted& e) { v("chat", e.chat, Need::required); v("run", e.run, Need::required); v("action", e.action, Need::required); v("name", e.name, Need::required); v("by", e.by, Need::required); v("fields", e.fields, Need::optional); }
template <class V> void fields(V& v, ActionFinished& e) { v("chat", e.chat, Need::required); v("run", e.run, Need::required); v("outcome", e.outcome, Need::required); v("text", e.text, Need::optional); }
template <class V> void fields(V& v, SetChannel& c) { v("channel", c.channel, Need::required); v.bounded("weight", c.weight, 1, 100000); v.priority("priority", c.priority); }
template <class V> void fields(V& v, SetChatPriority& c) { v("chat", c.chat, Need::required); v("priority", c.priority, Need::required); v("by", c.by, Need::required); }
template <class V> void fields(V& v, ChannelChanged& e) { v("channel", e.channel, Need::required); v("weight", e.weight, Need::required); v.priority("priority", e.priority); }
template <class V> void fields(V& v, ChatPriorityChanged& e) { v("chat", e.chat, Need::required); v("priority", e.priority, Need::required); v("by", e.by, Need::required); }
template <class V> void fields(V& v, ChatPreferenceEnded& e) { v("chat", e.chat, Need::required); }

// Wire names, in the order of the variant alternatives.
inline constexpr const char* kCommandTypes[] = {
    "group.create", "group.update", "agent.create", "agent.update", "settings.set", "agent.set_status",
    "chat.start", "message.send", "message.status", "message.resend", "chat.read", "chat.accept", "chat.assign",
    "chat.transfer", "chat.pause", "chat.resume", "chat.close", "chat.reopen", "chat.note", "tick",
    "sla_policy.set", "sla_policy.delete", "sla_policy.create", "blocklist.add", "blocklist.remove",
    "chat.mark_spam", "chat.unmark_spam", "customer.erase", "content.expire", "retention.set", "contact.create",
    "contact.update", "contact.merge", "customer.link", "case.create", "lead.create",
    "action.run", "action.finish", "channel.set", "chat.set_priority"};
inline constexpr const char* kEventTypes[] = {
    "group.created", "group.updated", "agent.created", "agent.updated", "settings.changed",
    "agent.status_changed", "chat.started", "chat.assigned", "message.sent", "message.delivery_changed",
    "chat.read", "chat.paused", "chat.resumed", "chat.transferred", "chat.closed", "chat.reopened",
    "chat.sla_breached", "group.opened", "note.added", "sla_policy.saved", "sla_policy.deleted",
    "blocklist.rule_added", "blocklist.rule_removed", "chat.marked_spam", "chat.unmarked_spam", "chat.content_erased",
    "retention.changed", "contact.created", "contact.updated", "contacts.merged", "customer.linked", "case.created",
    "lead.created", "action.started", "action.finished", "channel.changed", "chat.priority_changed",
    "chat.preference_ended"};
static_assert(std::size(kCommandTypes) == std::variant_size_v<Command>);
static_assert(std::size(kEventTypes) == std::variant_size_v<EventBody>);

}  // namespace parley::wire
