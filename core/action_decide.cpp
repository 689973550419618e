// The rules of action runs (see action_decide.hpp); the form's checks are support_actions.hpp's, the
// same the page runs before it submits.
#include "action_decide.hpp"

#include "ids.hpp"
#include "permissions.hpp"

namespace parley {

namespace {

template <typename Body>
Events one(Timestamp now, Body body) {
  Events events;
  events.push_back(Event{now, std::move(body)});
  return events;
}

const ActionRun* find_run(const Chat& chat, const std::string& id) {
  for (const ActionRun& run : chat.action_runs)
    if (run.id == id) return &run;
  return nullptr;
}

std::string fresh_run_id(const Chat& chat) {
  std::size_t n = chat.action_runs.size() + 1;
  std::string id = chat.id + "/a" + std::to_string(n);
  while (find_run(chat, id)) id = chat.id + "/a" + std::to_string(++n);
  return id;
}

}  // namespace

Result<Events> decide_action(const State& s, const RunAction& c, Timestamp now) {
  if (auto refusal = check_id("action id", c.action)) return *refusal;
  if (!c.run.empty())
    if (auto refusal = check_id("run id", c.run)) return *refusal;
  if (auto refusal = check_action_form_definition(c.form)) return *refusal;
  if (const auto problem = check_action_form(c.form, c.fields)) return fail(ErrorCode::bad_command, problem->message);
  if (!c.by.is_agent()) return fail(ErrorCode::bad_command, "actions are run by agents");
  const Chat* chat = s.find_chat(c.chat);
  if (!chat) return fail(ErrorCode::unknown_chat, "no chat " + c.chat);
  const Agent* agent = s.find_agent(c.by.id);
  if (!agent) return fail(ErrorCode::unknown_agent, "no agent " + c.by.id);
  if (!may_work(*agent, chat->group)) {
    const bool works = has_role(*agent, kRoleOperator) || has_role(*agent, kRoleSupervisor) || has_role(*agent, kRoleAdmin);
    if (!works) return fail(ErrorCode::forbidden, "this role does not allow working sessions");
    return fail(ErrorCode::not_member, "agent " + c.by.id + " is not a member of group " + s.groups[chat->group].id);
  }
  if (chat->state == ChatState::closed) return fail(ErrorCode::bad_state, "chat " + c.chat + " is closed");
  if (chat->content_erased) return fail(ErrorCode::bad_state, "chat " + c.chat + " was erased");
  if (!c.run.empty() && find_run(*chat, c.run))
    return fail(ErrorCode::already_exists, "run " + c.run + " already exists in chat " + c.chat);
  const std::string id = c.run.empty() ? fresh_run_id(*chat) : c.run;
  return one(now, ActionStarted{c.chat, id, c.action, c.form.name, c.by, c.fields});
}

Result<Events> decide_action(const State& s, const FinishAction& c, Timestamp now) {
  if (c.outcome == ActionOutcome::pending) return fail(ErrorCode::bad_command, "field 'outcome' must be ok or error");
  if (c.text.size() > kMaxActionAnswerBytes)
    return fail(ErrorCode::bad_command, "field 'text' must be at most " + std::to_string(kMaxActionAnswerBytes) + " bytes");
  const Chat* chat = s.find_chat(c.chat);
  if (!chat) return fail(ErrorCode::unknown_chat, "no chat " + c.chat);
  const ActionRun* run = find_run(*chat, c.run);
  if (!run) return fail(ErrorCode::unknown_action, "no action run " + c.run + " in chat " + c.chat);
  if (run->outcome != ActionOutcome::pending) return fail(ErrorCode::bad_state, "run " + c.run + " has finished");
  return one(now, ActionFinished{c.chat, c.run, c.outcome, c.text});
}

}  // namespace parley
