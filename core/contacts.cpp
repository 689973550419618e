// Contact rules and queries (see contacts.hpp): access from the sessions of a contact's customers,
// field checks, history and search.
#include "contacts.hpp"

#include <algorithm>

#include "block_rules.hpp"
#include "text_fold.hpp"

namespace parley {

std::optional<Login> staff_login(const State& state, std::string_view staff) {
  if (const auto agent = staff_agent(staff)) return login_for(state, *agent, 0);
  return Login{kNoIndex, kRoleAdmin};
}

CustomerKey customer_key(const Chat& chat) { return CustomerKey{chat.channel, chat.customer}; }

const Customer* chat_customer(const State& state, const Chat& chat) {
  if (chat.customer.empty()) return nullptr;
  const auto found = state.customers.find(customer_key(chat));
  return found == state.customers.end() ? nullptr : &found->second;
}

const Contact* chat_contact(const State& state, const Chat& chat) {
  const Customer* customer = chat_customer(state, chat);
  return customer && !customer->contact.empty() ? live_contact(state, customer->contact) : nullptr;
}

const Contact* live_contact(const State& state, std::string_view id) {
  const auto found = state.contacts.find(std::string(id));
  if (found == state.contacts.end() || !found->second.merged_into.empty()) return nullptr;
  return &found->second;
}

std::vector<ChatIx> earlier_sessions(const State& state, const Chat& chat) {
  std::vector<ChatIx> earlier;
  const Customer* customer = chat_customer(state, chat);
  if (!customer) return earlier;
  const ChatIx self = state.chat_ix(chat.id);
  for (ChatIx c : customer->chats)
    if (c < self) earlier.push_back(c);
  return earlier;
}

std::vector<ChatIx> contact_sessions(const State& state, const Contact& contact) {
  std::vector<ChatIx> chats;
  for (const CustomerKey& key : contact.customers) {
    const auto found = state.customers.find(key);
    if (found != state.customers.end()) chats.insert(chats.end(), found->second.chats.begin(), found->second.chats.end());
  }
  std::sort(chats.begin(), chats.end());
  return chats;
}

ContactAccess contact_access(const State& state, const Login& login, const Contact& contact) {
  if (login_has(login, kRoleAdmin)) return ContactAccess::work;
  if (login.agent == kNoIndex) return ContactAccess::none;
  const std::vector<ChatIx> chats = contact_sessions(state, contact);
  if (chats.empty()) {
    if (login_has(login, kRoleOperator) || login_has(login, kRoleSupervisor)) return ContactAccess::work;
    return login_has(login, kRoleReader) ? ContactAccess::read : ContactAccess::none;
  }
  ContactAccess best = ContactAccess::none;
  for (ChatIx c : chats) {
    const ChatAccess access = chat_access(state, login, state.chats[c]);
    if (access == ChatAccess::work) return ContactAccess::work;
    if (access == ChatAccess::read) best = ContactAccess::read;
  }
  return best;
}

namespace {

std::optional<Error> too_long(const char* field, std::string_view value, std::size_t limit) {
  if (value.size() <= limit) return std::nullopt;
  return fail(ErrorCode::bad_command, std::string("field '") + field + "' is at most " + std::to_string(limit) + " bytes");
}

bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return false;
  if (email.find('@', at + 1) != std::string_view::npos) return false;
  return std::none_of(email.begin(), email.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

bool plausible_phone(std::string_view phone) {
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.' && c != '/') return false;
  }
  return digits >= 3;
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

std::optional<Error> check_contact_fields(const ContactFields& f) {
  if (blank(f.name)) return fail(ErrorCode::bad_command, "a contact needs a name");
  if (auto e = too_long("name", f.name, kMaxContactNameBytes)) return e;
  if (auto e = too_long("email", f.email, kMaxContactEmailBytes)) return e;
  if (auto e = too_long("phone", f.phone, kMaxContactPhoneBytes)) return e;
  if (auto e = too_long("company", f.company, kMaxContactCompanyBytes)) return e;
  if (auto e = too_long("notes", f.notes, kMaxContactNotesBytes)) return e;
  if (!f.email.empty() && !plausible_email(f.email))
    return fail(ErrorCode::bad_command, "field 'email' must be an address such as ann@example.com");
  if (!f.phone.empty() && !plausible_phone(f.phone))
    return fail(ErrorCode::bad_command, "field 'phone' must be digits with + - ( ) . / or spaces");
  return std::nullopt;
}

std::optional<Error> check_subject(std::string_view subject) {
  if (blank(subject)) return fail(ErrorCode::bad_command, "field 'subject' must not be empty");
  return too_long("subject", subject, kMaxSubjectBytes);
}

std::vector<const Contact*> search_contacts(const State& state, const Login& login, std::string_view text,
                                            std::size_t limit) {
  TextMatcher matcher(text);
  std::vector<std::pair<std::string, const Contact*>> found;
  for (const auto& [id, contact] : state.contacts) {
    if (!contact.merged_into.empty() || contact_access(state, login, contact) == ContactAccess::none) continue;
    const ContactFields& f = contact.fields;
    if (!matcher.empty() && !matcher.matches(f.name) && !matcher.matches(f.email) && !matcher.matches(f.phone) &&
        !matcher.matches(f.company))
      continue;
    found.emplace_back(fold_for_search(f.name), &contact);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->id < b.second->id;
  });
  std::vector<const Contact*> out;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].second);
  return out;
}

}  // namespace parley
