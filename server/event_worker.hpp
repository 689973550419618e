// A worker that follows the committed event log from a durable cursor and hands the events its
// handler wants to the handler, at least once: on lanes (events of one lane key are handled in log
// order, lanes run side by side), and the cursor (CursorStore, by worker name) advances only past
// events whose handling finished, so after a stop or a crash it resumes with the first unfinished one.
// It reads only events the desk's readers already see (`visible_seq`), so a handler reading the desk
// finds them applied. The hub's publications only wake it. Owns its threads; the destructor stops
// and joins them (events in flight are handled again by the next worker of that name).
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cursor_store.hpp"
#include "event_hub.hpp"
#include "event_store.hpp"
#include "events.hpp"

namespace parley::server {

class EventHandler {
 public:
  virtual ~EventHandler() = default;
  // The lane of an event this handler wants, or nullopt to skip it. Called in log order on one thread.
  virtual std::optional<std::string> lane_of(std::uint64_t seq, const Event& event) = 0;
  // Handles a wanted event on its lane. False: it could not be finished now (storage failed, the desk
  // is stopping); the event stays unfinished and is tried again after `retry_ms` (or after a restart).
  virtual bool handle(std::uint64_t seq, const Event& event) = 0;
};

struct EventWorkerOptions {
  std::string name;                 // the cursor's key: one worker per name
  std::size_t lanes = 4;
  std::uint64_t start_after = 0;    // where a worker without a saved cursor begins
  std::size_t max_in_flight = 1024; // wanted events read ahead of the slowest lane
  int wake_ms = 500;                // how long it waits for the hub before looking at the log again
  int retry_ms = 1000;              // the pause before an unfinished event is handled again
};

class EventWorker {
 public:
  EventWorker(EventWorkerOptions options, EventStore& log, EventHub& hub, CursorStore& cursors,
              std::function<std::uint64_t()> visible_seq, EventHandler& handler);
  ~EventWorker();
  EventWorker(const EventWorker&) = delete;
  EventWorker& operator=(const EventWorker&) = delete;

  // The seq every wanted event up to which has been handled (what the cursor says once saved).
  std::uint64_t done_through() const;

 private:
  struct Job {
    std::uint64_t seq;
    Event event;
  };
  struct Lane {
    std::condition_variable ready;
    std::deque<Job> jobs;
    std::thread thread;
  };

  void follow();
  bool read_more();
  void drain(Lane& lane);
  void save_cursor();

  EventWorkerOptions options_;
  EventStore& log_;
  EventHub& hub_;
  CursorStore& cursors_;
  std::function<std::uint64_t()> visible_seq_;
  EventHandler& handler_;
  std::shared_ptr<Subscription> doorbell_;

  mutable std::mutex mutex_;  // guards the lanes' jobs, in_flight_, read_through_
  std::condition_variable room_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::set<std::uint64_t> in_flight_;
  std::uint64_t read_through_ = 0;
  std::uint64_t saved_ = 0;
  std::thread reader_;
  std::atomic<bool> stopping_{false};
};

}  // namespace parley::server
