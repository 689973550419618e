// The action runner: which events it takes (lane_of) and one run's call → action.finish (handle).
#include "action_worker.hpp"

#include <cstdio>

#include "http_util.hpp"

namespace parley::server {

namespace {

void log_outcome(const ActionStarted& run, const ActionCallResult& result) {
  if (result.ok) return;
  std::fprintf(stderr, "{\"ts\":%lld,\"level\":\"warn\",\"msg\":\"action failed\",\"chat\":%s,\"run\":%s,\"error\":%s}\n",
               static_cast<long long>(wall_ms()), json_text(Json(run.chat)).c_str(), json_text(Json(run.run)).c_str(),
               json_text(Json(result.text)).c_str());
}

}  // namespace

ActionWorker::ActionWorker(App& app, ActionCallOptions options, std::size_t lanes) : app_(app), options_(options) {
  EventWorkerOptions worker;
  worker.name = "actions";
  worker.lanes = lanes;
  worker_ = std::make_unique<EventWorker>(worker, *app_.store, app_.hub, *app_.cursors,
                                          [&app] { return app.desk->last_seq(); }, *this);
}

ActionWorker::~ActionWorker() { worker_.reset(); }

std::optional<std::string> ActionWorker::lane_of(std::uint64_t, const Event& event) {
  if (const auto* started = std::get_if<ActionStarted>(&event.body)) return started->chat;
  return std::nullopt;
}

bool ActionWorker::handle(std::uint64_t, const Event& event) {
  const auto& run = std::get<ActionStarted>(event.body);
  const bool pending = app_.desk->read([&](const State& state, Timestamp) {
    const Chat* chat = state.find_chat(run.chat);
    if (!chat) return false;
    for (const ActionRun& r : chat->action_runs)
      if (r.id == run.run) return r.outcome == ActionOutcome::pending;
    return false;
  });
  if (!pending) return true;
  const auto definition = app_.actions->find(run.action);
  const auto allowlist = app_.actions->allowlist();
  if (definition.failed() || allowlist.failed()) return false;  // storage trouble: tried again later
  ActionCallResult result;
  if (definition.not_found()) {
    result.text = "the action " + run.action + " no longer exists";
  } else {
    const Json payload{{"chat", run.chat}, {"action", run.action}, {"agent", run.by.id}, {"fields", run.fields},
                       {"run", run.run}};
    result = call_action(*definition, *allowlist, payload, options_);
  }
  log_outcome(run, result);
  const Reply reply = app_.desk->submit(
      FinishAction{run.chat, run.run, result.ok ? ActionOutcome::ok : ActionOutcome::error, clip_action_text(result.text)});
  return !reply.storage_failed;
}

}  // namespace parley::server
