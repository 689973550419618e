// Outbound delivery for webhook channels, the first user of the EventWorker (worker name
// "outbound"): each agent message.sent in a webhook session, and each message.delivery_changed back
// to "sending" (an agent's resend), is POSTed to the channel's outbound_url as
// {"chat","user","message","text"}, signed like inbound hooks (X-Parley-Timestamp, X-Parley-Signature
// with the channel secret); then message.status delivered (2xx) or error (anything else) goes to the
// desk. One session is one lane, so its messages go out in order. Only a message the desk still has
// as "sending" is posted, so an event handled again after a restart does not post twice what went out.
// A database without a cursor yet is followed from its first event. App, its desk, store and hub must
// outlive it.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "app.hpp"
#include "event_worker.hpp"

namespace parley::server {

class OutboundWorker final : public EventHandler {
 public:
  explicit OutboundWorker(App& app, std::size_t lanes = 4);
  ~OutboundWorker() override;
  OutboundWorker(const OutboundWorker&) = delete;
  OutboundWorker& operator=(const OutboundWorker&) = delete;

  std::optional<std::string> lane_of(std::uint64_t seq, const Event& event) override;
  bool handle(std::uint64_t seq, const Event& event) override;

 private:
  App& app_;
  std::unique_ptr<EventWorker> worker_;  // last: its threads stop before the rest goes
};

}  // namespace parley::server
