// Support agent actions in the page: the actions the agent may run (REST's listing, or the demo's own),
// the form being filled, and the run request built only after the core's check_action_form passes (its
// problem, naming the field, is what the form shows beside that field). No drawing, no I/O.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support_actions.hpp"
#include "wire.hpp"

namespace parley::web {

enum class ActionsLoad { none, asked, loaded };

struct ActionsState {
  std::vector<ActionDefinition> actions;  // id and form only: agents never get endpoints or headers
  ActionsLoad load = ActionsLoad::none;
  std::uint64_t request = 0;  // the GET under way, 0 when none
  bool open = false;          // open the popup this frame
  std::string picked;         // the action whose form is shown; "" for the list
  ActionValues values;        // what the agent typed, by field name
  std::optional<FormProblem> problem;  // the core's verdict on the last submit
  std::uint64_t running = 0;  // the POST under way, 0 when none
  std::string error;          // the server's refusal of the last run
  bool done = false;          // the last run was accepted: close the popup
};

// {"actions":[{"id","name","fields"}]} (GET /api/v1/actions); nullopt if malformed.
std::optional<std::vector<ActionDefinition>> actions_from_json(const Json& json);

const ActionDefinition* picked_action(const ActionsState& state);
// Shows `id`'s form with every field empty (or the list again for "").
void pick_action(ActionsState& state, const std::string& id);

// The POST of a run: "api/v1/chats/<chat>/actions/<action>" and {"fields":{…}} with the filled-in
// fields only. Built only when the core finds no problem; otherwise `state.problem` says which field.
struct RunRequest {
  std::string path, body;
  ActionValues fields;  // the filled-in fields the body carries
};
std::optional<RunRequest> prepare_run(ActionsState& state, const std::string& chat);

// The offline demo's actions, and the canned answer its simulated service gives a run.
std::vector<ActionDefinition> demo_actions();
std::string demo_answer(const std::string& action, const ActionValues& values);

}  // namespace parley::web
