// The offline demo desk (SPEC §8): a seeded simulator of customers and two other agents around the
// user's agent "you", driving the same core through parley::handle on a local State. Pure and
// deterministic: time enters only through step()/submit() (the demo clock runs `speed` × the real
// time it is given), randomness only from the PRNG whose state lives here and is saved with it.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "composer_state.hpp"
#include "engine.hpp"
#include "wire.hpp"

namespace parley::web {

// splitmix64: tiny, seedable, and its whole state is one integer (saved with the demo).
class Rng {
 public:
  explicit Rng(std::uint64_t state = 0) : state_(state) {}
  std::uint64_t next();
  long range(long lo, long hi);  // uniform in [lo, hi]
  std::uint64_t state() const { return state_; }

 private:
  std::uint64_t state_;
};

enum class SimKind : std::uint8_t { arrival, client_message, agent_reply, agent_close, agent_accept, delivery, agent_status };

struct SimAction {
  Timestamp at = 0;
  std::uint64_t seq = 0;
  SimKind kind = SimKind::arrival;
  std::string chat, agent, message;
  int value = 0;  // delivery status or agent status, as the enum's integer
  friend bool operator<(const SimAction& a, const SimAction& b) {
    return a.at != b.at ? a.at < b.at : a.seq < b.seq;
  }
};

class Demo {
 public:
  static constexpr const char* kUser = "you";
  static constexpr int kMinSpeed = 1, kMaxSpeed = 60;

  // A fresh desk at `start` (rounded down to the second): groups, agents, everyone online.
  static Demo create(std::uint64_t seed, Timestamp start, State& state);
  // The same desk with a large past, for measuring the workspace: kBigSessions sessions waiting in a
  // "Backlog" group of the user's, and one session of the user's with kBigTimeline messages. It is
  // not recorded in log() and never saved.
  static constexpr int kBigSessions = 100000, kBigTimeline = 10000;
  static Demo create_big(std::uint64_t seed, Timestamp start, State& state);
  // Rebuilds `state` from the saved log (apply only) and the simulator from meta(); nullopt if
  // the saved form is not understood.
  static std::optional<Demo> restore(const Json& meta, const Events& log, State& state);

  Timestamp clock() const { return clock_; }
  int speed() const { return speed_; }
  void set_speed(int speed);
  // Moves the demo clock forward by real_ms × speed: simulator actions and the core's timers run
  // in time order, each at its own time. Returns how many events it produced.
  std::size_t step(State& state, Duration real_ms);
  // The user's command, at the demo clock.
  Outcome submit(State& state, const Command& command);

  const Events& log() const { return log_; }
  Json meta() const;  // everything but the log
  bool persistent() const { return persistent_; }

 private:
  Demo() = default;
  void add_desk(State& state, Timestamp at, bool backlog);
  void start_simulation(Timestamp at);
  void run(State& state, const Command& command, Timestamp at, Outcome* out);
  void record(const Events& events);
  void observe(const State& state, const Events& events);
  void schedule(SimKind kind, Timestamp at, std::string chat = {}, std::string agent = {}, std::string message = {},
                int value = 0);
  void perform(State& state, const SimAction& action);

  Rng rng_;
  Timestamp clock_ = 0;
  int speed_ = 5;
  std::int64_t next_customer_ = 1;
  std::uint64_t next_seq_ = 0;
  std::set<SimAction> actions_;
  std::map<std::string, int> plans_;  // chat → client messages still to come
  Events log_;
  bool persistent_ = true;
};

// The response templates the demo offers (a server keeps its own, see /api/v1/templates).
std::vector<ResponseTemplate> demo_templates();

}  // namespace parley::web
