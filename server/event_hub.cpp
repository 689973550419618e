// Per-subscriber queues: publish wakes only the streams that may see an event.
#include "event_hub.hpp"

#include <chrono>

namespace parley::server {

std::vector<PublishedPtr> Subscription::wait(int timeout_ms) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return !pending_.empty() || closed_; });
  std::vector<PublishedPtr> out;
  out.swap(pending_);
  return out;
}

void Subscription::push(const PublishedPtr& event) {
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(event);
  }
  ready_.notify_one();
}

void EventHub::start_after(std::uint64_t seq) {
  std::lock_guard lock(mutex_);
  last_published_ = seq;
}

bool Subscription::closed() {
  std::lock_guard lock(mutex_);
  return closed_;
}

void Subscription::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

void EventHub::close_all() {
  std::lock_guard lock(mutex_);
  closing_ = true;
  for (const auto& subscriber : subscribers_) subscriber->close();
}

void EventHub::publish(const std::vector<PublishedPtr>& events) {
  std::lock_guard lock(mutex_);
  for (const PublishedPtr& event : events) {
    last_published_ = event->seq;
    recent_.push_back(event);
    if (recent_.size() > keep_) recent_.pop_front();
    for (const auto& subscriber : subscribers_)
      if (may_see(subscriber->viewer(), event->audience)) subscriber->push(event);
  }
}

std::shared_ptr<Subscription> EventHub::subscribe(Viewer viewer, std::uint64_t after_seq,
                                                  std::vector<PublishedPtr>& backlog, std::uint64_t& first_kept) {
  auto subscription = std::make_shared<Subscription>(std::move(viewer));
  std::lock_guard lock(mutex_);
  first_kept = recent_.empty() ? last_published_ + 1 : recent_.front()->seq;
  for (const PublishedPtr& event : recent_)
    if (event->seq > after_seq && may_see(subscription->viewer(), event->audience)) backlog.push_back(event);
  if (closing_) subscription->close();
  subscribers_.push_back(subscription);
  return subscription;
}

void EventHub::unsubscribe(const std::shared_ptr<Subscription>& subscription) {
  std::lock_guard lock(mutex_);
  subscribers_.remove(subscription);
}

std::size_t EventHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

}  // namespace parley::server
