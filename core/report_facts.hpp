// What the reports of SPEC §9 need to know of the past, kept by apply() as events arrive: per agent
// and per group, time-ordered stamps of counted happenings, samples and step functions. Plain data.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "indexes.hpp"
#include "time.hpp"

namespace parley {

// A measured duration and the time of the event that measured it.
struct ReportSample {
  Timestamp at;
  Duration value;
};

// A step of a piecewise-constant count: from `at` on, `count`; `area` is the count's integral
// (count × ms) from the first step up to `at`.
struct ReportStep {
  Timestamp at;
  std::int64_t area;
  std::int64_t count;
};

// A session given to an agent, and when the same agent last got the same session before (kNever: never).
struct ReportGet {
  Timestamp at;
  Timestamp previous;
};

struct AgentReportFacts {
  std::vector<ReportGet> gets;
  std::vector<Timestamp> replies, closed, missed, transfers, sla_breaches;
  std::vector<ReportSample> first_response, response;
  std::vector<ReportStep> held;  // sessions held (open or paused) by the agent
};

struct GroupReportFacts {
  std::vector<Timestamp> started, transferred_in, transferred_out, queued, abandoned, closed;
  std::vector<Timestamp> sla_first_response, sla_next_response, sla_resolution;
  std::vector<ReportSample> wait, first_response;
  std::vector<std::pair<Timestamp, std::int64_t>> queue;  // queue length after a moment, when it changed
};

// What the reports remember of each session beyond Chat.
struct ChatReportTrack {
  Timestamp got_at = INT64_MIN;           // when the current assignee got it
  Timestamp first_client_at = INT64_MIN;  // the client's first message
  bool awaiting_first = false;            // the assignee has not written since getting it
  bool agent_wrote = false;
  bool started_counted = false;           // counted as started (spam is counted from its unmarking)
  std::vector<std::pair<AgentIx, Timestamp>> gets;  // each agent that got it, and when last
};

struct ReportFacts {
  std::vector<AgentReportFacts> agents;  // by agent index
  std::vector<GroupReportFacts> groups;  // by group index
  std::vector<ChatReportTrack> chats;    // by chat index
};

}  // namespace parley
