// Group commit: one SQLite transaction per batch of commands; callers are answered after COMMIT.
#include "desk.hpp"

#include <chrono>
#include <cstdio>

#include "apply.hpp"
#include "audience.hpp"
#include "engine.hpp"

namespace parley::server {

Desk::Desk(SqliteStore& store, Clock& clock, EventHub& hub) : store_(store), clock_(clock), hub_(hub) {}

Desk::~Desk() { stop(); }

bool Desk::load(std::string& error) {
  std::unique_lock lock(state_mutex_);
  state_ = State{};
  std::uint64_t after = 0;
  for (;;) {
    const auto chunk = store_.events_after(after, 20000);
    if (chunk.empty()) break;
    for (const StoredEvent& stored : chunk) {
      const auto json = parse_json(stored.json);
      const auto event = json ? event_from_json(*json) : Result<Event>(fail(ErrorCode::bad_command, "not JSON"));
      if (!event) {
        error = "event " + std::to_string(stored.seq) + " cannot be read: " + event.error().message;
        return false;
      }
      apply(state_, event.value());
      after = stored.seq;
    }
  }
  last_seq_ = after;
  if (clock_.mode() == Clock::Mode::manual) clock_.set(state_.now);
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

Reply Desk::submit(Command command) {
  std::future<Reply> reply;
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return Reply{std::nullopt, true, Json::array()};
    pending_.push_back(Pending{std::move(command), {}});
    reply = pending_.back().reply.get_future();
  }
  queue_ready_.notify_one();
  return reply.get();
}

Timestamp Desk::next_timer_due() const {
  std::shared_lock lock(state_mutex_);
  return state_.timers.empty() ? kNever : state_.timers.begin()->due;
}

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
  std::vector<PublishedPtr> published;
  std::vector<Json> replies;
  {
    std::unique_lock lock(state_mutex_);
    Timestamp now = std::max(clock_.now(), state_.now);
    Events fired = advance(state_, now);
    events.insert(events.end(), fired.begin(), fired.end());
    for (Pending& p : batch) {
      // The first caller of a batch also hears of the timers that fired before it.
      const std::size_t begin = ranges.empty() ? 0 : events.size();
      Outcome outcome = handle(state_, p.command, now);
      events.insert(events.end(), std::make_move_iterator(outcome.events.begin()),
                    std::make_move_iterator(outcome.events.end()));
      ranges.emplace_back(begin, events.size());
      errors.push_back(std::move(outcome.error));
    }
    published.reserve(events.size());
    replies.reserve(events.size());
    for (const Event& event : events) {
      auto p = std::make_shared<PublishedEvent>();
      p->type = std::string(event_type(event.body));
      replies.push_back(event_to_json(event));
      p->json = replies.back().dump();
      p->audience = event_audience(state_, event.body);
      published.push_back(std::move(p));
    }
  }
  std::uint64_t first = 0;
  if (!events.empty()) {
    std::vector<std::string> texts;
    texts.reserve(published.size());
    for (const auto& p : published) texts.push_back(p->json);
    std::string error;
    first = store_.append_events(texts, error);
    if (!first) {
      std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"append failed, reloading state\",\"error\":\"%s\"}\n",
                   error.c_str());
      for (Pending& p : batch) p.reply.set_value(Reply{std::nullopt, true, Json::array()});
      std::string load_error;
      load(load_error);
      return;
    }
    for (std::size_t i = 0; i < published.size(); ++i)
      std::const_pointer_cast<PublishedEvent>(published[i])->seq = first + i;
    last_seq_ = first + published.size() - 1;
    events_appended_ += published.size();
    batches_ += 1;
    hub_.publish(published);
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Reply reply;
    reply.error = errors[i];
    for (std::size_t e = ranges[i].first; e < ranges[i].second; ++e) {
      replies[e]["seq"] = published[e]->seq;
      reply.events.push_back(std::move(replies[e]));
    }
    batch[i].reply.set_value(std::move(reply));
  }
}

}  // namespace parley::server
