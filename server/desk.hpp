// The desk: the single writer. Commands queue up; the writer thread takes them in batches, runs
// each through the core (timers, decide, apply, routing), appends the batch's events to SQLite in
// one transaction, then answers every caller and publishes to streams (group commit).
// submit() and read() are thread-safe; read() sees the state under a shared lock.
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
#include "sqlite_store.hpp"
#include "wire.hpp"

namespace parley::server {

struct Reply {
  std::optional<Error> error;  // the core refused the command
  bool storage_failed = false; // nothing was committed
  Json events = Json::array(); // committed events, each with its "seq"
};

class Desk {
 public:
  Desk(SqliteStore& store, Clock& clock, EventHub& hub);
  ~Desk();
  // Rebuilds the state from the stored log. Call before start().
  bool load(std::string& error);
  void start();
  void stop();
  // Blocks until the command's events are committed (or it was refused).
  Reply submit(Command command);

  template <class F>
  auto read(F&& f) const {
    std::shared_lock lock(state_mutex_);
    return f(state_, clock_.now());
  }
  std::uint64_t last_seq() const { return last_seq_.load(); }
  std::uint64_t events_appended() const { return events_appended_.load(); }
  std::uint64_t batches() const { return batches_.load(); }

 private:
  struct Pending {
    Command command;
    std::promise<Reply> reply;
  };
  void run();
  void process(std::vector<Pending>& batch);
  Timestamp next_timer_due() const;

  SqliteStore& store_;
  Clock& clock_;
  EventHub& hub_;
  State state_;
  mutable std::shared_mutex state_mutex_;
  std::mutex queue_mutex_;
  std::condition_variable queue_ready_;
  std::vector<Pending> pending_;
  bool stopping_ = false;
  std::thread writer_;
  std::atomic<std::uint64_t> last_seq_{0}, events_appended_{0}, batches_{0};
};

}  // namespace parley::server
