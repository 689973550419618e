// The event worker: log reader → lanes → handler, with the cursor at the lowest unfinished event.
#include "event_worker.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "wire.hpp"

namespace parley::server {

namespace {
constexpr std::size_t kReadBatch = 256;

void log_warning(const std::string& worker, const std::string& what) {
  std::fprintf(stderr, "{\"level\":\"warn\",\"msg\":\"event worker\",\"worker\":%s,\"error\":%s}\n",
               Json(worker).dump(-1, ' ', false, Json::error_handler_t::replace).c_str(),
               Json(what).dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
}
}  // namespace

EventWorker::EventWorker(EventWorkerOptions options, EventStore& log, EventHub& hub, CursorStore& cursors,
                         std::function<std::uint64_t()> visible_seq, EventHandler& handler)
    : options_(std::move(options)),
      log_(log),
      hub_(hub),
      cursors_(cursors),
      visible_seq_(std::move(visible_seq)),
      handler_(handler) {
  const auto saved = cursors_.position(options_.name);
  read_through_ = saved.ok() ? *saved : options_.start_after;
  if (saved.failed()) log_warning(options_.name, "the cursor could not be read: " + saved.error);
  saved_ = read_through_;
  std::vector<PublishedPtr> ignored;
  std::uint64_t first_kept = 0;
  doorbell_ = hub_.subscribe(Viewer{true, kNoIndex, {}}, visible_seq_(), ignored, first_kept);
  for (std::size_t i = 0; i < std::max<std::size_t>(options_.lanes, 1); ++i) {
    lanes_.push_back(std::make_unique<Lane>());
    Lane& lane = *lanes_.back();
    lane.thread = std::thread([this, &lane] { drain(lane); });
  }
  reader_ = std::thread([this] { follow(); });
}

EventWorker::~EventWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  room_.notify_all();
  for (auto& lane : lanes_) lane->ready.notify_all();
  if (reader_.joinable()) reader_.join();
  for (auto& lane : lanes_)
    if (lane->thread.joinable()) lane->thread.join();
  save_cursor();
  hub_.unsubscribe(doorbell_);
}

std::uint64_t EventWorker::done_through() const {
  std::lock_guard lock(mutex_);
  return in_flight_.empty() ? read_through_ : *in_flight_.begin() - 1;
}

void EventWorker::follow() {
  while (!stopping_) {
    const bool more = read_more();
    save_cursor();
    if (more) {
      doorbell_->wait(0);  // what rang meanwhile is in the log already
    } else if (doorbell_->closed()) {  // the hub shut down: look at the log now and then until stopped
      std::unique_lock lock(mutex_);
      room_.wait_for(lock, std::chrono::milliseconds(options_.wake_ms), [&] { return stopping_.load(); });
    } else {
      doorbell_->wait(options_.wake_ms);
    }
  }
}

bool EventWorker::read_more() {
  std::uint64_t after = 0;
  {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopping_ || in_flight_.size() < options_.max_in_flight; });
    if (stopping_) return false;
    after = read_through_;
  }
  const std::uint64_t visible = visible_seq_();
  if (visible <= after) return false;
  const std::size_t room = options_.max_in_flight;
  const auto batch = log_.read(after, static_cast<std::size_t>(std::min<std::uint64_t>(visible - after,
                                                                                         std::min(room, kReadBatch))));
  for (const StoredEvent& stored : batch) {
    if (stored.seq > visible) break;
    const auto json = parse_json(stored.json);
    auto event = json ? event_from_json(*json) : Result<Event>(Error{ErrorCode::bad_command, "not JSON"});
    std::optional<std::string> lane;
    if (event) lane = handler_.lane_of(stored.seq, event.value());
    else log_warning(options_.name, "event " + std::to_string(stored.seq) + " skipped: " + event.error().message);
    std::lock_guard lock(mutex_);
    if (lane) {
      in_flight_.insert(stored.seq);
      Lane& target = *lanes_[std::hash<std::string>{}(*lane) % lanes_.size()];
      target.jobs.push_back(Job{stored.seq, std::move(event.value())});
      target.ready.notify_one();
    }
    read_through_ = stored.seq;
  }
  return !batch.empty();
}

void EventWorker::drain(Lane& lane) {
  for (;;) {
    const Job* job = nullptr;
    {
      std::unique_lock lock(mutex_);
      lane.ready.wait(lock, [&] { return stopping_ || !lane.jobs.empty(); });
      if (stopping_) return;
      job = &lane.jobs.front();  // stays at the front (only this thread pops) until it is finished
    }
    if (!handler_.handle(job->seq, job->event)) {
      std::unique_lock lock(mutex_);
      lane.ready.wait_for(lock, std::chrono::milliseconds(options_.retry_ms), [&] { return stopping_.load(); });
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      in_flight_.erase(job->seq);
      lane.jobs.pop_front();
    }
    room_.notify_one();
  }
}

void EventWorker::save_cursor() {
  const std::uint64_t done = done_through();
  if (done == saved_) return;
  const auto saved = cursors_.save(options_.name, done);
  if (saved.ok()) saved_ = done;
  else log_warning(options_.name, "the cursor could not be saved: " + saved.error);
}

}  // namespace parley::server
