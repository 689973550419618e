// The worker that runs support agent actions (worker name "actions"): for each action.started whose
// run the desk still has pending, it reads the action and the allowlist, calls the endpoint
// (action_call.hpp) with {"chat","action","agent","fields","run"} and submits action.finish with the
// answer or the error, clipped to the core's limit. One session is one lane, so a session's runs finish
// in order. A run started before a crash is called after the restart (at least once). An action
// deleted meanwhile finishes as an error. App, its desk, stores and hub must outlive it.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "action_call.hpp"
#include "app.hpp"
#include "event_worker.hpp"

namespace parley::server {

class ActionWorker final : public EventHandler {
 public:
  ActionWorker(App& app, ActionCallOptions options, std::size_t lanes = 4);
  ~ActionWorker() override;
  ActionWorker(const ActionWorker&) = delete;
  ActionWorker& operator=(const ActionWorker&) = delete;

  std::optional<std::string> lane_of(std::uint64_t seq, const Event& event) override;
  bool handle(std::uint64_t seq, const Event& event) override;

 private:
  App& app_;
  ActionCallOptions options_;
  std::unique_ptr<EventWorker> worker_;  // last: its threads stop before the rest goes
};

}  // namespace parley::server
