// decide() for contacts, customer links, cases and leads. Checks in decide()'s order: shapes
// (bad_command), unknown ids, role (forbidden), membership (not_member), state (bad_state). Pure.
#pragma once
#include "commands.hpp"
#include "events.hpp"
#include "model.hpp"
#include "result.hpp"

namespace parley {

Result<Events> decide_contact(const State& state, const CreateContact& command, Timestamp now);
Result<Events> decide_contact(const State& state, const UpdateContact& command, Timestamp now);
Result<Events> decide_contact(const State& state, const MergeContacts& command, Timestamp now);
Result<Events> decide_contact(const State& state, const LinkCustomer& command, Timestamp now);
Result<Events> decide_contact(const State& state, const CreateCase& command, Timestamp now);
Result<Events> decide_contact(const State& state, const CreateLead& command, Timestamp now);

// Why `staff` (agent:<id> or login:<name>) may not work the customer records of the session `chat`
// (create or link its customer's contact, create a case or a lead from it); nullopt when they may. The
// decisions above ask the same, so a panel that asks it offers only what the desk accepts.
std::optional<Error> customer_work_refusal(const State& state, const std::string& staff, const std::string& chat);

}  // namespace parley
