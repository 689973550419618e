// Fan-out of committed events to open streams. Keeps the most recent events in memory so a
// reconnecting client (Last-Event-ID) catches up; older gaps are filled from the store by the caller.
// Thread-safe: publish() from the desk writer, subscribers on their own threads.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "audience.hpp"
#include "events.hpp"

namespace parley::server {

struct PublishedEvent {
  std::uint64_t seq;
  std::string type;
  std::string json;
  Event event;                 // the same, typed: consumers look at it, not at the text
  Audience audience;           // for subscribers by group (the widget) or of everything (workers)
  std::vector<AgentIx> viewers;  // agent streams that get it, sorted (unless audience.everyone)
  struct Prelude {
    std::vector<AgentIx> viewers;  // sorted: agent streams that get this replica item first
    std::string type, json;
  };
  std::vector<Prelude> preludes;
  std::vector<Prelude> postludes;  // sent right after the event
};
// Agent streams (viewer.agent set) follow the event's viewers and preludes; other subscribers its
// audience.
bool wants(const Viewer& viewer, const PublishedEvent& event);
bool gets_event(const Viewer& viewer, const PublishedEvent& event);
using PublishedPtr = std::shared_ptr<const PublishedEvent>;

// An ephemeral item for open streams (presence): never stored, never kept for resuming, no seq.
// Agent streams get it when their agent is among `agents` (sorted); the widget stream of `chat`
// when `customer_json` is set.
struct StreamSignal {
  std::string chat;
  std::vector<AgentIx> agents;
  std::string type, json;                    // for agent streams
  std::string customer_type, customer_json;  // for the chat's widget stream; empty: not shown there
};
using SignalPtr = std::shared_ptr<const StreamSignal>;

class Subscription {
 public:
  explicit Subscription(Viewer viewer) : viewer_(std::move(viewer)) {}
  // Waits up to `timeout_ms` for events; returns those pending (possibly none).
  std::vector<PublishedPtr> wait(int timeout_ms);
  const Viewer& viewer() const { return viewer_; }
  // True once the hub shut down: the stream should end.
  bool closed();
  // Streams take signals (a subscriber that never asks for them is not sent any).
  void take_signals_too() { signals_wanted_ = true; }
  std::vector<SignalPtr> take_signals();

 private:
  friend class EventHub;
  void push(const PublishedPtr& event);
  void push(const SignalPtr& signal);
  void close();
  Viewer viewer_;
  bool closed_ = false;
  std::atomic<bool> signals_wanted_{false};
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<PublishedPtr> pending_;
  std::vector<SignalPtr> signals_;
};

class EventHub {
 public:
  explicit EventHub(std::size_t keep = 65536) : keep_(keep) {}
  // The seq of the last event already in the store when publishing starts.
  void start_after(std::uint64_t seq);
  // Before publishing starts: the log's latest events, routed, so streams resume across a restart.
  void prime(std::vector<PublishedPtr> latest);
  std::size_t keep() const { return keep_; }
  void publish(const std::vector<PublishedPtr>& events);
  // Hands an ephemeral signal to the open streams it is for (agent streams by agent; widget streams,
  // which subscribe by group, when it has a customer form and the chat's group is theirs).
  void signal(const SignalPtr& signal, GroupIx chat_group);
  // Registers a subscriber; `backlog` receives the kept events after `after_seq` it may see.
  // `first_kept` is the oldest seq the hub can still deliver: events after `after_seq` and before
  // it must be read from the store by the caller; everything from it on arrives through the hub.
  std::shared_ptr<Subscription> subscribe(Viewer viewer, std::uint64_t after_seq,
                                          std::vector<PublishedPtr>& backlog, std::uint64_t& first_kept);
  void unsubscribe(const std::shared_ptr<Subscription>& subscription);
  // Wakes every subscriber and marks it closed (server shutdown).
  void close_all();
  std::size_t subscribers() const;

 private:
  mutable std::mutex mutex_;
  std::deque<PublishedPtr> recent_;
  std::list<std::shared_ptr<Subscription>> subscribers_;
  std::size_t keep_;
  std::uint64_t last_published_ = 0;
  bool closing_ = false;
};

}  // namespace parley::server
