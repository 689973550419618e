// JSON of contacts, cases, leads and histories (see contact_wire.hpp).
#include "contact_wire.hpp"

namespace parley {

namespace {

void add_items(const State& state, const Chat& chat, Json& cases, Json& leads) {
  for (const std::string& id : chat.cases)
    if (const auto found = state.cases.find(id); found != state.cases.end()) cases.push_back(case_to_json(found->second));
  for (const std::string& id : chat.leads)
    if (const auto found = state.leads.find(id); found != state.leads.end()) leads.push_back(lead_to_json(found->second));
}

}  // namespace

Json contact_to_json(const Contact& c) {
  return Json{{"id", c.id},
              {"name", c.fields.name},
              {"email", c.fields.email},
              {"phone", c.fields.phone},
              {"company", c.fields.company},
              {"notes", c.fields.notes},
              {"by", c.by},
              {"created_at", format_rfc3339(c.created_at)},
              {"updated_at", format_rfc3339(c.updated_at)}};
}

Json case_to_json(const Case& c) {
  return Json{{"id", c.id},
              {"chat", c.chat},
              {"subject", c.subject},
              {"status", case_status_name(c.status)},
              {"priority", priority_name(c.priority)},
              {"by", c.by},
              {"created_at", format_rfc3339(c.created_at)}};
}

Json lead_to_json(const Lead& l) {
  return Json{{"id", l.id},       {"chat", l.chat}, {"subject", l.subject},
              {"value", l.value}, {"by", l.by},     {"created_at", format_rfc3339(l.created_at)}};
}

Json session_row_json(const State& state, const Chat& chat) {
  return Json{{"chat", chat.id},
              {"number", chat.number},
              {"channel", chat.channel},
              {"group", state.groups[chat.group].id},
              {"state", chat_state_name(chat.state)},
              {"started_at", format_rfc3339(chat.started_at)},
              {"last_activity", format_rfc3339(chat.last_activity)}};
}

Json contact_detail_json(const State& state, const Login& login, const Contact& contact) {
  Json sessions = Json::array(), cases = Json::array(), leads = Json::array();
  for (ChatIx c : contact_sessions(state, contact)) {
    const Chat& chat = state.chats[c];
    if (!may_read_chat(state, login, chat)) continue;
    sessions.push_back(session_row_json(state, chat));
    add_items(state, chat, cases, leads);
  }
  return Json{{"contact", contact_to_json(contact)}, {"sessions", std::move(sessions)}, {"cases", std::move(cases)},
              {"leads", std::move(leads)}};
}

Json customer_history_json(const State& state, const Login& login, const Chat& chat) {
  Json history = Json::array(), cases = Json::array(), leads = Json::array();
  for (ChatIx c : earlier_sessions(state, chat))
    if (may_read_chat(state, login, state.chats[c])) history.push_back(session_row_json(state, state.chats[c]));
  add_items(state, chat, cases, leads);
  const Contact* contact = chat_contact(state, chat);
  return Json{{"chat", chat.id},
              {"customer", chat.customer},
              {"contact", contact ? contact_to_json(*contact) : Json(nullptr)},
              {"cases", std::move(cases)},
              {"leads", std::move(leads)},
              {"history", std::move(history)}};
}

Json contact_list_json(const State& state, const Login& login, std::string_view text, std::size_t limit) {
  Json contacts = Json::array();
  for (const Contact* contact : search_contacts(state, login, text, limit)) contacts.push_back(contact_to_json(*contact));
  return Json{{"contacts", std::move(contacts)}};
}

}  // namespace parley
