// apply(): folds one event into State. Total (never fails) and deterministic; it trusts that
// decide() produced the event, so it makes no checks beyond what keeps State consistent.
#pragma once
#include "events.hpp"
#include "model.hpp"

namespace parley {

void apply(State& state, const Event& event);
// True for events after which a waiting session might now be routable.
bool may_enable_routing(const EventBody& body);

}  // namespace parley
