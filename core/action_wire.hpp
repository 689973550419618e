// JSON forms of support agent actions: form fields, filled-in values, definitions as the REST routes
// read and answer them (agents never get the endpoint or headers; admins get header names with the
// values masked), and a run as the timeline shows it. Deterministic.
#pragma once
#include <optional>

#include "support_actions.hpp"
#include "wire.hpp"

namespace parley {

inline constexpr const char* kMaskedHeaderValue = "********";

// [{"name","label","type","required"?,"pattern"?,"options"?}]
Json action_fields_to_json(const std::vector<ActionField>& fields);
// Reads such a list into `out`; a bad_command naming the first wrong entry.
std::optional<Error> read_action_fields(const Json& list, std::vector<ActionField>& out);
// {"name":"value",…}; every value a string.
std::optional<Error> read_action_values(const Json& object, ActionValues& out);

// {"id"?,"name","fields"?,"endpoint","method"?,"headers"?:{"Name":"value"}}: a definition as an admin
// writes it (checked by check_action_definition after reading). A header whose value is null keeps
// the value `previous` has for it (an admin resending what they were shown).
Result<ActionDefinition> action_definition_from_json(const Json& body, const ActionDefinition* previous = nullptr);

enum class ActionView { runnable, admin };
// runnable (what agents may run): {"id","name","fields"}; admin adds "endpoint", "method" and
// "headers":{"Name":"********"}.
Json action_definition_to_json(const ActionDefinition& definition, ActionView view);

// {"type":"action","id","action","name","by","fields","outcome","text","at","finished_at"?}
Json action_run_to_json(const ActionRun& run);
std::string_view action_outcome_name(ActionOutcome outcome);
std::optional<ActionOutcome> parse_action_outcome(std::string_view text);

}  // namespace parley
