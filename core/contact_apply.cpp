// Folding contact, link, case and lead events into State (see contact_apply.hpp).
#include "contact_apply.hpp"

#include <algorithm>

#include "contacts.hpp"

namespace parley {

namespace {

void unlink(State& state, const CustomerKey& key, const std::string& contact) {
  const auto found = state.contacts.find(contact);
  if (found != state.contacts.end()) found->second.customers.erase(key);
}

}  // namespace

void note_customer_session(State& state, ChatIx chat) {
  const Chat& c = state.chats[chat];
  if (c.customer.empty()) return;
  state.customers[customer_key(c)].chats.push_back(chat);
}

void drop_customer_session(State& state, ChatIx chat) {
  const Chat& c = state.chats[chat];
  if (c.customer.empty()) return;
  const CustomerKey key = customer_key(c);
  const auto found = state.customers.find(key);
  if (found == state.customers.end()) return;
  auto& chats = found->second.chats;
  chats.erase(std::remove(chats.begin(), chats.end(), chat), chats.end());
  if (!chats.empty()) return;
  if (!found->second.contact.empty()) unlink(state, key, found->second.contact);
  state.customers.erase(found);
}

void apply_contact(State& state, const ContactCreated& e, Timestamp at) {
  Contact contact;
  contact.id = e.contact;
  contact.fields = e.fields;
  contact.by = e.by;
  contact.created_at = at;
  contact.updated_at = at;
  state.contacts[e.contact] = std::move(contact);
  ++state.next_contact_number;
}

void apply_contact(State& state, const ContactUpdated& e, Timestamp at) {
  const auto found = state.contacts.find(e.contact);
  if (found == state.contacts.end()) return;
  found->second.fields = e.fields;
  found->second.updated_at = at;
}

void apply_contact(State& state, const ContactsMerged& e, Timestamp at) {
  const auto into = state.contacts.find(e.contact);
  const auto from = state.contacts.find(e.from);
  if (into == state.contacts.end() || from == state.contacts.end()) return;
  for (const CustomerKey& key : from->second.customers) {
    const auto customer = state.customers.find(key);
    if (customer != state.customers.end()) customer->second.contact = e.contact;
    into->second.customers.insert(key);
  }
  from->second.customers.clear();
  from->second.merged_into = e.contact;
  from->second.updated_at = at;
  into->second.updated_at = at;
}

void apply_contact(State& state, const CustomerLinked& e, Timestamp) {
  const Chat* chat = state.find_chat(e.chat);
  if (!chat || chat->customer.empty()) return;
  const CustomerKey key = customer_key(*chat);
  Customer& customer = state.customers[key];
  if (!customer.contact.empty()) unlink(state, key, customer.contact);
  customer.contact = e.contact;
  const auto contact = state.contacts.find(e.contact);
  if (contact != state.contacts.end()) contact->second.customers.insert(key);
}

void apply_contact(State& state, const CaseCreated& e, Timestamp at) {
  state.cases[e.id] = Case{e.id, e.chat, e.subject, e.status, e.priority, e.by, at};
  if (const auto chat = state.chat_ix(e.chat); chat != kNoIndex) state.chats[chat].cases.push_back(e.id);
}

void apply_contact(State& state, const LeadCreated& e, Timestamp at) {
  state.leads[e.id] = Lead{e.id, e.chat, e.subject, e.value, e.by, at};
  if (const auto chat = state.chat_ix(e.chat); chat != kNoIndex) state.chats[chat].leads.push_back(e.id);
}

}  // namespace parley
