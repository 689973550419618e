// The App's side of support agent actions: loading what the agent may run and running the picked one,
// on the server (POST, the outcome arrives as events) or in the demo (its simulated service answers
// at once with a canned text).
#include "app.hpp"

namespace parley::web {

namespace {

std::string refusal_text(int status, std::string_view body) {
  if (status == 0) return "Cannot reach the server.";
  if (const auto json = parse_json(body); json && json->is_object()) {
    const auto error = json->find("error");
    if (error != json->end() && error->is_object() && error->contains("message") && (*error)["message"].is_string())
      return (*error)["message"].get<std::string>();
  }
  return "The server answered " + std::to_string(status) + ".";
}

}  // namespace

void App::handle_file_intent(const LoadActions&) {
  ActionsState& a = ui_.actions;
  if (mode_ == Mode::demo) {
    a.actions = demo_actions();
    a.load = ActionsLoad::loaded;
    return;
  }
  if (a.load == ActionsLoad::asked || token_.empty()) return;
  a.load = ActionsLoad::asked;
  a.request = next_request_++;
  host_.request(a.request, token_, "GET", "api/v1/actions", "");
}

void App::on_actions_reply(int status, std::string_view body) {
  ActionsState& a = ui_.actions;
  a.request = 0;
  const auto json = status == 200 ? parse_json(body) : std::nullopt;
  auto actions = json ? actions_from_json(*json) : std::nullopt;
  a.load = actions ? ActionsLoad::loaded : ActionsLoad::none;  // asked again next time when it failed
  if (!actions) return set_notice("Cannot load the actions: " + refusal_text(status, body));
  a.actions = std::move(*actions);
}

void App::handle_file_intent(const RunPickedAction& intent) {
  ActionsState& a = ui_.actions;
  if (a.running != 0) return;
  const auto request = prepare_run(a, intent.chat);
  if (!request) return;  // a.problem names the field
  if (mode_ != Mode::demo) {
    a.error.clear();
    a.running = next_request_++;
    host_.request(a.running, token_, "POST", request->path, request->body);
    return;
  }
  if (!demo_) return;
  const ActionDefinition& d = *picked_action(a);
  const Outcome started =
      demo_->submit(state_, RunAction{intent.chat, Actor{ActorKind::agent, agent_id_}, d.id, d.form, request->fields});
  if (started.error) {
    a.error = started.error->message;
    return;
  }
  for (const Event& event : started.events)
    if (const auto* run = std::get_if<ActionStarted>(&event.body))
      demo_->submit(state_, FinishAction{run->chat, run->run, ActionOutcome::ok,
                                         clip_action_text(demo_answer(d.id, request->fields))});
  a.done = true;
  save_demo(true);
}

void App::on_action_run_reply(int status, std::string_view body) {
  ActionsState& a = ui_.actions;
  a.running = 0;
  if (status == 202) {
    a.done = true;
    return;
  }
  a.error = refusal_text(status, body);
}

}  // namespace parley::web
