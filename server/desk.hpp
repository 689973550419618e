// The desk: the single writer. Commands queue up; the writer thread takes them in batches and
// decides each on its working State (timers, decide, apply, routing), commits the batch's events to
// the EventStore in one step, then applies them to the committed State readers see, answers every
// caller and publishes to streams (group commit). A failed commit changes nothing anyone can see.
// submit() and read() are thread-safe; read() sees the committed State under a shared lock.
#pragma once
#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <vector>

#include "clock.hpp"
#include "commands.hpp"
#include "event_hub.hpp"
#include "model.hpp"
#include "result.hpp"
#include "event_store.hpp"
#include "wire.hpp"

namespace parley::server {

struct Reply {
  std::optional<Error> error;  // the core refused the command
  bool storage_failed = false; // nothing was committed
  Json events = Json::array(); // committed events, each with its "seq"
};

class Desk {
 public:
  Desk(EventStore& store, Clock& clock, EventHub& hub);
  ~Desk();
  // Rebuilds the state from the stored log and primes the hub with the routing of its latest
  // events. Call before start().
  bool load(std::string& error);
  void start();
  void stop();
  // Blocks until the command's events are committed (or it was refused). `login` is kept with each of
  // them in the log: the signed-in login that asked ("" for customers, channels and the server itself).
  Reply submit(Command command, std::string login = {});

  template <class F>
  auto read(F&& f) const {
    std::shared_lock lock(state_mutex_);
    return f(committed_, clock_.now());
  }
  // Like read(), with the seq of the last event the State includes.
  template <class F>
  auto read_at_seq(F&& f) const {
    std::shared_lock lock(state_mutex_);
    return f(committed_, last_seq_.load());
  }
  std::uint64_t last_seq() const { return last_seq_.load(); }
  std::uint64_t events_appended() const { return events_appended_.load(); }
  std::uint64_t batches() const { return batches_.load(); }

 private:
  struct Pending {
    Command command;
    std::string login;
    std::promise<Reply> reply;
  };
  void run();
  void process(std::vector<Pending>& batch);
  // Applies committed events to the readers' State and builds what the streams publish.
  std::vector<PublishedPtr> apply_committed(const Events& events, std::vector<EventRecord>& records, std::uint64_t first);
  // Applies one event to the committed State with its routing, as published.
  PublishedPtr apply_routed_event(const Event& event, std::string text, std::uint64_t seq);
  Timestamp next_timer_due() const;

  EventStore& store_;
  Clock& clock_;
  EventHub& hub_;
  State working_;    // the writer's: decided on, ahead of the log until the batch commits
  State committed_;  // the readers': exactly the committed log
  mutable std::shared_mutex state_mutex_;
  std::mutex queue_mutex_;
  std::condition_variable queue_ready_;
  std::vector<Pending> pending_;
  bool stopping_ = false;
  std::thread writer_;
  std::atomic<std::uint64_t> last_seq_{0}, events_appended_{0}, batches_{0};
};

}  // namespace parley::server
