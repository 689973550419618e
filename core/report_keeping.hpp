// Keeps State::report_facts in step with every applied event: apply() takes the event's session as
// it stands before the event (report_before), applies the event, then calls keep_report_facts.
#pragma once
#include "events.hpp"
#include "model.hpp"

namespace parley {

// The event's session as it stood before the event; `exists` false for events of no session.
struct ReportBefore {
  ChatIx chat = kNoIndex;
  bool exists = false;
  ChatState state = ChatState::queued;
  AgentIx assignee = kNoIndex;
  GroupIx group = kNoIndex;
  Timestamp waiting_since = INT64_MIN, enqueued_at = 0;
  std::uint64_t queue_sequence = 0;
  bool has_chat = false;  // the event names a session
  bool spam = false;
  bool held() const { return exists && assignee != kNoIndex && (state == ChatState::open || state == ChatState::paused); }
};

ReportBefore report_before(const State& state, const Event& event);
void keep_report_facts(State& state, const ReportBefore& before, const Event& event);

}  // namespace parley
