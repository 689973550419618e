// JSON forms of contacts, cases, leads and a customer's sessions, as REST answers them and the scenario
// runner prints them (the same functions, so both say the same). Each list holds only what the login
// may see (core/contacts.hpp). Deterministic.
#pragma once
#include "contacts.hpp"
#include "wire.hpp"

namespace parley {

// {"id","name","email","phone","company","notes","by","created_at","updated_at"}
Json contact_to_json(const Contact& contact);
// {"id","chat","subject","status","priority","by","created_at"}
Json case_to_json(const Case& item);
// {"id","chat","subject","value","by","created_at"}
Json lead_to_json(const Lead& lead);
// {"chat","number","channel","group","state","started_at","last_activity"}
Json session_row_json(const State& state, const Chat& chat);

// {"contact":{…},"sessions":[…],"cases":[…],"leads":[…]}: the contact with the sessions of its customers
// the login may read (oldest first) and the cases and leads created from them.
Json contact_detail_json(const State& state, const Login& login, const Contact& contact);
// {"chat","customer","contact":{…}|null,"cases":[…],"leads":[…],"history":[…]}: the session's customer,
// their contact, the session's cases and leads, and their earlier sessions the login may read.
Json customer_history_json(const State& state, const Login& login, const Chat& chat);
// {"contacts":[…]}: search_contacts' result.
Json contact_list_json(const State& state, const Login& login, std::string_view text, std::size_t limit);

}  // namespace parley
