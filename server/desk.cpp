// Group commit: one append per batch of commands; the readers' State and the streams move only after it.
#include "desk.hpp"

#include <chrono>
#include <cstdio>

#include "apply.hpp"
#include "engine.hpp"
#include "event_keys.hpp"
#include "replica_wire.hpp"
#include "stream_routing.hpp"

namespace parley::server {

Desk::Desk(EventStore& store, Clock& clock, EventHub& hub) : store_(store), clock_(clock), hub_(hub) {}

Desk::~Desk() { stop(); }

bool Desk::load(std::string& error) {
  std::unique_lock lock(state_mutex_);
  committed_ = State{};
  const std::uint64_t last = store_.last_seq();
  const std::uint64_t routed_from = last > hub_.keep() ? last - hub_.keep() + 1 : 1;
  std::vector<PublishedPtr> latest;
  std::uint64_t after = 0;
  for (;;) {
    const auto chunk = store_.read(after, 20000);
    if (chunk.empty()) break;
    for (const StoredEvent& stored : chunk) {
      const auto json = parse_json(stored.json);
      const auto event = json ? event_from_json(*json) : Result<Event>(fail(ErrorCode::bad_command, "not JSON"));
      if (!event) {
        error = "event " + std::to_string(stored.seq) + " cannot be read: " + event.error().message;
        return false;
      }
      if (stored.seq >= routed_from) latest.push_back(apply_routed_event(event.value(), stored.json, stored.seq));
      else apply(committed_, event.value());
      after = stored.seq;
    }
  }
  hub_.prime(std::move(latest));
  working_ = committed_;
  last_seq_ = after;
  if (clock_.mode() == Clock::Mode::manual) clock_.set(committed_.last_event_at);
  return true;
}

void Desk::start() { writer_ = std::thread([this] { run(); }); }

void Desk::stop() {
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  queue_ready_.notify_all();
  if (writer_.joinable()) writer_.join();
}

Reply Desk::submit(Command command, std::string login) {
  std::future<Reply> reply;
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return Reply{std::nullopt, true, Json::array()};
    pending_.push_back(Pending{std::move(command), std::move(login), {}});
    reply = pending_.back().reply.get_future();
  }
  queue_ready_.notify_one();
  return reply.get();
}

// The writer's own State: no lock, only the writer thread reads or writes working_.
Timestamp Desk::next_timer_due() const { return working_.timers.empty() ? kNever : working_.timers.earliest()->due; }

void Desk::run() {
  std::unique_lock lock(queue_mutex_);
  for (;;) {
    if (pending_.empty() && !stopping_) {
      Duration wait = 1000;
      const Timestamp due = next_timer_due();
      if (due != kNever && clock_.mode() == Clock::Mode::system)
        wait = std::max<Duration>(0, std::min<Duration>(wait, due - clock_.now()));
      queue_ready_.wait_for(lock, std::chrono::milliseconds(wait), [&] { return !pending_.empty() || stopping_; });
    }
    std::vector<Pending> batch;
    batch.swap(pending_);
    const bool stop_after = stopping_;
    lock.unlock();
    if (!batch.empty() || clock_.mode() == Clock::Mode::system) process(batch);
    lock.lock();
    if (stop_after && pending_.empty()) return;
  }
}

void Desk::process(std::vector<Pending>& batch) {
  Events events;
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  std::vector<std::optional<Error>> errors;
  std::vector<std::string> logins;  // per event: the login of the command that made it
  const Timestamp now = std::max(clock_.now(), working_.last_event_at);
  Events fired = advance(working_, now);
  events.insert(events.end(), fired.begin(), fired.end());
  logins.resize(events.size());
  for (Pending& p : batch) {
    // The first caller of a batch also hears of the timers that fired before it.
    const std::size_t begin = ranges.empty() ? 0 : events.size();
    Outcome outcome = handle(working_, p.command, now);
    events.insert(events.end(), std::make_move_iterator(outcome.events.begin()),
                  std::make_move_iterator(outcome.events.end()));
    ranges.emplace_back(begin, events.size());
    logins.resize(events.size(), p.login);
    errors.push_back(std::move(outcome.error));
  }
  std::vector<Json> wire;
  std::vector<PublishedPtr> published;
  if (!events.empty()) {
    // committed_ changes only on this thread: reading it here needs no lock.
    const std::vector<EventKeys> keys = event_keys(committed_, events);
    std::vector<EventRecord> records;
    records.reserve(events.size());
    wire.reserve(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
      wire.push_back(event_to_json(events[i]));
      records.push_back(EventRecord{wire.back().dump(-1, ' ', false, Json::error_handler_t::replace), events[i].at,
                                    keys[i].type, keys[i].chat, keys[i].group, keys[i].agent, logins[i],
                                    search_update(events[i])});
    }
    const AppendResult appended = store_.append(last_seq_.load(), records);
    if (!appended.ok()) {
      std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"commit failed, batch dropped\",\"error\":%s}\n",
                   Json(appended.error).dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
      {
        std::shared_lock lock(state_mutex_);
        working_ = committed_;
      }
      for (Pending& p : batch) p.reply.set_value(Reply{std::nullopt, true, Json::array()});
      return;
    }
    published = apply_committed(events, records, appended.first_seq);
    events_appended_ += published.size();
    batches_ += 1;
    hub_.publish(published);
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Reply reply;
    reply.error = errors[i];
    for (std::size_t e = ranges[i].first; e < ranges[i].second; ++e) {
      wire[e]["seq"] = published[e]->seq;
      reply.events.push_back(std::move(wire[e]));
    }
    batch[i].reply.set_value(std::move(reply));
  }
}

PublishedPtr Desk::apply_routed_event(const Event& event, std::string text, std::uint64_t seq) {
  RoutedEvent routed = apply_routed(committed_, event);
  auto p = std::make_shared<PublishedEvent>();
  p->seq = seq;
  p->type = std::string(event_type(event.body));
  p->json = std::move(text);
  p->event = event;
  p->audience = std::move(routed.audience);
  p->viewers = std::move(routed.viewers);
  const auto wire_items = [](std::vector<RoutedEvent::Prelude>& items, std::vector<PublishedEvent::Prelude>& out) {
    for (auto& item : items)
      out.push_back(PublishedEvent::Prelude{
          std::move(item.viewers), std::string(replica_item_type(item.item)),
          replica_item_to_json(item.item).dump(-1, ' ', false, Json::error_handler_t::replace)});
  };
  wire_items(routed.preludes, p->preludes);
  wire_items(routed.postludes, p->postludes);
  return p;
}

std::vector<PublishedPtr> Desk::apply_committed(const Events& events, std::vector<EventRecord>& records,
                                                std::uint64_t first) {
  std::vector<PublishedPtr> published;
  published.reserve(events.size());
  std::unique_lock lock(state_mutex_);
  for (std::size_t i = 0; i < events.size(); ++i)
    published.push_back(apply_routed_event(events[i], std::move(records[i].json), first + i));
  last_seq_ = first + events.size() - 1;
  return published;
}

}  // namespace parley::server
