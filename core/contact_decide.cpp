// The rules of contacts, links, cases and leads (see contact_decide.hpp); access comes from
// contacts.hpp so REST reads and these decisions apply the same rule.
#include "contact_decide.hpp"

#include "block_rules.hpp"
#include "contacts.hpp"
#include "ids.hpp"

namespace parley {

namespace {

template <typename Body>
Events one(Timestamp now, Body body) {
  Events events;
  events.push_back(Event{now, std::move(body)});
  return events;
}

// The acting login, or why the actor cannot act.
Result<Login> acting(const State& s, const std::string& staff) {
  if (!valid_staff(staff)) return fail(ErrorCode::bad_command, "field 'by' must be agent:<id> or login:<name>");
  if (const auto agent = staff_agent(staff); agent && !s.find_agent(*agent))
    return fail(ErrorCode::unknown_agent, "no agent " + *agent);
  const auto login = staff_login(s, staff);
  if (!login) return fail(ErrorCode::forbidden, "agent " + staff.substr(6) + " is disabled");
  return *login;
}

bool works(const Login& login) {
  return login_has(login, kRoleAdmin) || login_has(login, kRoleOperator) || login_has(login, kRoleSupervisor);
}

std::string who(const State& s, const Login& login) {
  return login.agent == kNoIndex ? std::string("this login") : "agent " + s.agents[login.agent].id;
}

// The contact to change: known, not merged away, and workable by the login.
Result<const Contact*> workable_contact(const State& s, const Login& login, const std::string& id) {
  const auto found = s.contacts.find(id);
  const ContactAccess access = found == s.contacts.end() ? ContactAccess::none : contact_access(s, login, found->second);
  if (access == ContactAccess::none) return fail(ErrorCode::unknown_contact, "no contact " + id);
  if (access == ContactAccess::read)
    return fail(ErrorCode::forbidden, who(s, login) + " may read contact " + id + " but not change it");
  if (!found->second.merged_into.empty())
    return fail(ErrorCode::bad_state, "contact " + id + " was merged into " + found->second.merged_into);
  return &found->second;
}

// The session to work on: known, and workable by the login (its group's rule).
Result<const Chat*> workable_chat(const State& s, const Login& login, const std::string& id) {
  const Chat* chat = s.find_chat(id);
  if (!chat) return fail(ErrorCode::unknown_chat, "no chat " + id);
  switch (chat_access(s, login, *chat)) {
    case ChatAccess::work: break;
    case ChatAccess::read: return fail(ErrorCode::forbidden, "this role does not allow working sessions");
    case ChatAccess::none:
      if (!works(login)) return fail(ErrorCode::forbidden, "this role does not allow working sessions");
      return fail(ErrorCode::not_member, who(s, login) + " is not a member of group " + s.groups[chat->group].id);
  }
  if (chat->content_erased || chat->customer.empty())
    return fail(ErrorCode::bad_state, "chat " + id + " was erased");
  return chat;
}

template <class Map>
std::string fresh_id(const Map& taken, const char* prefix, std::int64_t from) {
  std::int64_t n = from;
  while (taken.count(prefix + std::to_string(n))) ++n;
  return prefix + std::to_string(n);
}

std::optional<Error> check_new_id(const char* what, const std::string& id) {
  if (id.empty()) return std::nullopt;
  return check_id(what, id);
}

}  // namespace

std::optional<Error> customer_work_refusal(const State& s, const std::string& staff, const std::string& chat) {
  const auto login = acting(s, staff);
  if (!login) return login.error();
  if (!works(login.value())) return Error{ErrorCode::forbidden, "this role does not allow working sessions"};
  if (const auto found = workable_chat(s, login.value(), chat); !found) return found.error();
  return std::nullopt;
}

Result<Events> decide_contact(const State& s, const CreateContact& c, Timestamp now) {
  if (auto refusal = check_new_id("contact id", c.contact)) return *refusal;
  if (auto refusal = check_contact_fields(c.fields)) return *refusal;
  const auto login = acting(s, c.staff);
  if (!login) return login.error();
  if (!works(login.value())) return fail(ErrorCode::forbidden, "this role does not allow creating contacts");
  if (!c.chat.empty())
    if (const auto chat = workable_chat(s, login.value(), c.chat); !chat) return chat.error();
  if (!c.contact.empty() && s.contacts.count(c.contact))
    return fail(ErrorCode::already_exists, "contact " + c.contact + " already exists");
  const std::string id = c.contact.empty() ? fresh_id(s.contacts, "contact-", s.next_contact_number) : c.contact;
  Events events = one(now, ContactCreated{id, c.fields, c.staff});
  if (!c.chat.empty()) events.push_back(Event{now, CustomerLinked{c.chat, id, c.staff}});
  return events;
}

Result<Events> decide_contact(const State& s, const UpdateContact& c, Timestamp now) {
  if (auto refusal = check_contact_fields(c.fields)) return *refusal;
  const auto login = acting(s, c.staff);
  if (!login) return login.error();
  const auto contact = workable_contact(s, login.value(), c.contact);
  if (!contact) return contact.error();
  if (contact.value()->fields == c.fields) return Events{};
  return one(now, ContactUpdated{c.contact, c.fields, c.staff});
}

Result<Events> decide_contact(const State& s, const MergeContacts& c, Timestamp now) {
  if (c.contact == c.from) return fail(ErrorCode::bad_command, "a contact is not merged into itself");
  const auto login = acting(s, c.staff);
  if (!login) return login.error();
  const auto into = workable_contact(s, login.value(), c.contact);
  if (!into) return into.error();
  const auto from = workable_contact(s, login.value(), c.from);
  if (!from) return from.error();
  return one(now, ContactsMerged{c.contact, c.from, c.staff});
}

Result<Events> decide_contact(const State& s, const LinkCustomer& c, Timestamp now) {
  const auto login = acting(s, c.staff);
  if (!login) return login.error();
  const auto chat = workable_chat(s, login.value(), c.chat);
  if (!chat) return chat.error();
  const auto contact = workable_contact(s, login.value(), c.contact);
  if (!contact) return contact.error();
  const Customer* customer = chat_customer(s, *chat.value());
  if (customer && customer->contact == c.contact) return Events{};
  return one(now, CustomerLinked{c.chat, c.contact, c.staff});
}

Result<Events> decide_contact(const State& s, const CreateCase& c, Timestamp now) {
  if (auto refusal = check_new_id("case id", c.id)) return *refusal;
  if (auto refusal = check_subject(c.subject)) return *refusal;
  const auto login = acting(s, c.staff);
  if (!login) return login.error();
  const auto chat = workable_chat(s, login.value(), c.chat);
  if (!chat) return chat.error();
  if (!c.id.empty() && s.cases.count(c.id)) return fail(ErrorCode::already_exists, "case " + c.id + " already exists");
  const std::string id = c.id.empty() ? fresh_id(s.cases, "case-", static_cast<std::int64_t>(s.cases.size()) + 1) : c.id;
  return one(now, CaseCreated{id, c.chat, c.subject, c.status, c.priority, c.staff});
}

Result<Events> decide_contact(const State& s, const CreateLead& c, Timestamp now) {
  if (auto refusal = check_new_id("lead id", c.id)) return *refusal;
  if (auto refusal = check_subject(c.subject)) return *refusal;
  if (c.value < 0 || c.value > kMaxLeadValue)
    return fail(ErrorCode::bad_command, "field 'value' must be 0 to 10^18 (minor units)");
  const auto login = acting(s, c.staff);
  if (!login) return login.error();
  const auto chat = workable_chat(s, login.value(), c.chat);
  if (!chat) return chat.error();
  if (!c.id.empty() && s.leads.count(c.id)) return fail(ErrorCode::already_exists, "lead " + c.id + " already exists");
  const std::string id = c.id.empty() ? fresh_id(s.leads, "lead-", static_cast<std::int64_t>(s.leads.size()) + 1) : c.id;
  return one(now, LeadCreated{id, c.chat, c.subject, c.value, c.staff});
}

}  // namespace parley
