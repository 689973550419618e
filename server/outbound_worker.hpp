// Outbound delivery for webhook channels. Watches every committed event (a see-all EventHub viewer);
// each agent message.sent in a webhook session, and each message.delivery_changed back to "sending"
// (an agent's resend), is POSTed to the channel's outbound_url as {"chat","user","message","text"},
// signed like inbound hooks (X-Parley-Timestamp, X-Parley-Signature with the channel secret); then
// message.status delivered (2xx) or error (anything else) goes to the desk. On start it also picks up
// agent messages of webhook sessions still "sending" (e.g. after a restart).
// Deliveries run on a few lanes; one session always uses the same lane, so its messages go in order.
// Owns its threads; the destructor stops and joins them. App, its desk, store and hub must outlive it.
#pragma once
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app.hpp"

namespace parley::server {

class OutboundWorker {
 public:
  explicit OutboundWorker(App& app, std::size_t lanes = 4);
  ~OutboundWorker();
  OutboundWorker(const OutboundWorker&) = delete;
  OutboundWorker& operator=(const OutboundWorker&) = delete;

 private:
  struct Job {
    std::string chat, message;
  };
  struct Lane {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<Job> jobs;
    std::thread thread;
  };

  void watch();
  void catch_up();
  void consider(const PublishedEvent& event);
  void enqueue(Job job);
  void drain(Lane& lane);
  void deliver(const Job& job);

  App& app_;
  std::shared_ptr<Subscription> subscription_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::thread watcher_;
  std::atomic<bool> stopping_{false};
};

}  // namespace parley::server
