// Fan-out of committed events to open streams. Keeps the most recent events in memory so a
// reconnecting client (Last-Event-ID) catches up; older gaps are filled from the store by the caller.
// Thread-safe: publish() from the desk writer, subscribers on their own threads.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "audience.hpp"

namespace parley::server {

struct PublishedEvent {
  std::uint64_t seq;
  std::string type;
  std::string json;
  Audience audience;
};
using PublishedPtr = std::shared_ptr<const PublishedEvent>;

class Subscription {
 public:
  explicit Subscription(Viewer viewer) : viewer_(std::move(viewer)) {}
  // Waits up to `timeout_ms` for events; returns those pending (possibly none).
  std::vector<PublishedPtr> wait(int timeout_ms);
  const Viewer& viewer() const { return viewer_; }

 private:
  friend class EventHub;
  void push(const PublishedPtr& event);
  Viewer viewer_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<PublishedPtr> pending_;
};

class EventHub {
 public:
  explicit EventHub(std::size_t keep = 65536) : keep_(keep) {}
  void publish(const std::vector<PublishedPtr>& events);
  // Registers a subscriber; `backlog` receives the kept events after `after_seq` it may see.
  // `complete` is false when events after `after_seq` are older than what is kept.
  std::shared_ptr<Subscription> subscribe(Viewer viewer, std::uint64_t after_seq,
                                          std::vector<PublishedPtr>& backlog, bool& complete);
  void unsubscribe(const std::shared_ptr<Subscription>& subscription);
  std::size_t subscribers() const;

 private:
  mutable std::mutex mutex_;
  std::deque<PublishedPtr> recent_;
  std::list<std::shared_ptr<Subscription>> subscribers_;
  std::size_t keep_;
};

}  // namespace parley::server
