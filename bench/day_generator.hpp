// A deterministic generator of a realistic desk day for the core benchmark: groups, agents and
// their shifts, client sessions and their conversations, as time-ordered commands. It asks the
// core itself (parley::handle on a private State) who got which session, so every command it keeps
// is accepted; same seed and sizes give the same day natively and in wasm (own PRNG, integers
// only, no unordered iteration). Not thread-safe; the returned Day owns its commands.
#pragma once
#include <cstdint>
#include <vector>

#include "commands.hpp"
#include "events.hpp"

namespace parley::bench {

struct DayParams {
  int agents = 500;
  int groups = 25;
  int sessions = 50'000;
  std::int64_t messages = 1'000'000;  // planned client + agent messages over all sessions
  std::uint64_t seed = 0x9A41E7D5C0DE2024ull;
};

struct TimedCommand {
  Timestamp at;
  Command command;
};

struct DaySummary {
  std::int64_t commands = 0;
  std::int64_t events = 0;           // events the commands produced while generating (incl. timers, routing)
  std::uint64_t event_digest = 0;    // digest_event() over those events, in order
  std::int64_t dropped = 0;          // commands the core refused while generating (not kept; expected 0)
  std::int64_t sessions_started = 0;
  std::int64_t client_messages = 0, agent_messages = 0;
  std::int64_t accepts = 0, assigns = 0, transfers = 0, pauses = 0, closes = 0, reopens = 0;
  std::int64_t reads = 0, deliveries = 0, resends = 0, status_changes = 0, ticks = 0;
  Timestamp first_at = 0, last_at = 0;
};

struct Day {
  DayParams params;
  std::vector<TimedCommand> commands;  // non-decreasing `at`
  DaySummary summary;
};

Day generate_day(const DayParams& params);

// Order-sensitive digest of an event stream (time, kind, chat and agent ids), for checking that a
// run reproduces the generator's events and that native and wasm produce the same day.
void digest_event(std::uint64_t& digest, const Event& event);
constexpr std::uint64_t kDigestSeed = 0xCBF29CE484222325ull;

}  // namespace parley::bench
