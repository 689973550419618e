// apply() steps for customers, contacts, cases and leads: total (never fail) and tolerant of what a
// replica lacks (an unknown contact or customer is skipped, never created from nothing).
#pragma once
#include "events.hpp"
#include "model.hpp"

namespace parley {

// A session started: it joins its customer's sessions (the customer is created by their first one).
void note_customer_session(State& state, ChatIx chat);
// A session is being erased: it leaves its customer, and a customer left with no session is gone
// together with their contact link.
void drop_customer_session(State& state, ChatIx chat);

void apply_contact(State& state, const ContactCreated& event, Timestamp at);
void apply_contact(State& state, const ContactUpdated& event, Timestamp at);
void apply_contact(State& state, const ContactsMerged& event, Timestamp at);
void apply_contact(State& state, const CustomerLinked& event, Timestamp at);
void apply_contact(State& state, const CaseCreated& event, Timestamp at);
void apply_contact(State& state, const LeadCreated& event, Timestamp at);

}  // namespace parley
