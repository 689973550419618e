// Glue of decide → apply → routing, and timer firing in due order.
#include "engine.hpp"

#include <algorithm>

#include "apply.hpp"
#include "decide.hpp"
#include "routing.hpp"
#include "timers.hpp"

namespace parley {

namespace {

void apply_all(State& state, const Events& events, Events& out, Timestamp now) {
  bool route = false;
  for (const Event& event : events) {
    apply(state, event);
    route = route || may_enable_routing(event.body);
    out.push_back(event);
  }
  if (!route) return;
  while (auto assignment = next_routing(state, now)) {
    apply(state, *assignment);
    out.push_back(std::move(*assignment));
  }
}

}  // namespace

Events advance(State& state, Timestamp now) {
  Events out;
  while (auto timer = next_due_timer(state, now)) {
    const Events fired = fire_timer(state, *timer);
    apply_all(state, fired, out, fired.empty() ? std::max(timer->due, state.last_event_at) : fired.front().at);
  }
  return out;
}

Outcome handle(State& state, const Command& command, Timestamp now) {
  Outcome outcome;
  if (now < state.last_event_at) {
    outcome.error = Error{ErrorCode::bad_command, "time runs backwards: the command is older than the desk's clock"};
    return outcome;
  }
  outcome.events = advance(state, now);
  Result<Events> decided = decide(state, command, now);
  if (!decided) {
    outcome.error = decided.error();
    return outcome;
  }
  apply_all(state, decided.value(), outcome.events, now);
  return outcome;
}

void replay(State& state, const Events& events) {
  for (const Event& event : events) apply(state, event);
}

}  // namespace parley
