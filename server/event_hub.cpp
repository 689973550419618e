// Per-subscriber queues: publish wakes only the streams that may see an event.
#include "event_hub.hpp"

#include <algorithm>
#include <chrono>

namespace parley::server {

bool gets_event(const Viewer& viewer, const PublishedEvent& event) {
  if (viewer.agent == kNoIndex) return may_see(viewer, event.audience);
  return viewer.sees_all || event.audience.everyone ||
         std::binary_search(event.viewers.begin(), event.viewers.end(), viewer.agent);
}

bool wants(const Viewer& viewer, const PublishedEvent& event) {
  if (gets_event(viewer, event)) return true;
  if (viewer.agent == kNoIndex) return false;
  for (const auto& prelude : event.preludes)
    if (std::binary_search(prelude.viewers.begin(), prelude.viewers.end(), viewer.agent)) return true;
  return false;
}

std::vector<PublishedPtr> Subscription::wait(int timeout_ms) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                  [&] { return !pending_.empty() || !signals_.empty() || closed_; });
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

void EventHub::prime(std::vector<PublishedPtr> latest) {
  std::lock_guard lock(mutex_);
  recent_.assign(latest.begin(), latest.end());
  while (recent_.size() > keep_) recent_.pop_front();
  if (!recent_.empty()) last_published_ = recent_.back()->seq;
}

void Subscription::push(const SignalPtr& signal) {
  {
    std::lock_guard lock(mutex_);
    if (signals_.size() >= 256) signals_.erase(signals_.begin());  // a stalled stream keeps only the latest
    signals_.push_back(signal);
  }
  ready_.notify_one();
}

std::vector<SignalPtr> Subscription::take_signals() {
  std::lock_guard lock(mutex_);
  std::vector<SignalPtr> out;
  out.swap(signals_);
  return out;
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
      if (wants(subscriber->viewer(), *event)) subscriber->push(event);
  }
}

void EventHub::signal(const SignalPtr& signal, GroupIx chat_group) {
  std::lock_guard lock(mutex_);
  for (const auto& subscriber : subscribers_) {
    if (!subscriber->signals_wanted_) continue;
    const Viewer& viewer = subscriber->viewer();
    const bool agent_stream = viewer.agent != kNoIndex || viewer.sees_all;
    const bool wanted =
        agent_stream ? viewer.agent != kNoIndex &&
                           std::binary_search(signal->agents.begin(), signal->agents.end(), viewer.agent)
                     : !signal->customer_json.empty() &&
                           std::find(viewer.groups.begin(), viewer.groups.end(), chat_group) != viewer.groups.end();
    if (wanted) subscriber->push(signal);
  }
}

std::shared_ptr<Subscription> EventHub::subscribe(Viewer viewer, std::uint64_t after_seq,
                                                  std::vector<PublishedPtr>& backlog, std::uint64_t& first_kept) {
  auto subscription = std::make_shared<Subscription>(std::move(viewer));
  std::lock_guard lock(mutex_);
  first_kept = recent_.empty() ? last_published_ + 1 : recent_.front()->seq;
  for (const PublishedPtr& event : recent_)
    if (event->seq > after_seq && wants(subscription->viewer(), *event)) backlog.push_back(event);
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
