// The erasure worker (see erasure_worker.hpp): what a stored event keeps is the core's rule
// (redact_event_content); this file only reads, rewrites and deletes.
#include "erasure_worker.hpp"

#include <chrono>
#include <cstdio>

#include "erasure.hpp"
#include "http_util.hpp"
#include "wire.hpp"

namespace parley::server {

namespace {

std::optional<std::string> redacted(const std::string& stored) {
  const Json json = Json::parse(stored, nullptr, false);
  if (json.is_discarded()) return std::nullopt;
  Result<Event> event = event_from_json(json);
  if (!event) return std::nullopt;
  Event copy = event.value();
  if (!redact_event_content(copy)) return std::nullopt;
  return event_to_json(copy).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

ErasureWorker::ErasureWorker(App& app, int sweep_every_ms) : app_(app), sweep_every_ms_(sweep_every_ms) {
  EventWorkerOptions options;
  options.name = "erasure";
  options.lanes = 1;
  worker_ = std::make_unique<EventWorker>(options, *app_.store, app_.hub, *app_.cursors,
                                          [&app] { return app.desk->last_seq(); }, *this);
  if (sweep_every_ms_ > 0) sweeper_ = std::thread([this] { sweep(); });
}

ErasureWorker::~ErasureWorker() {
  {
    std::lock_guard lock(sweep_mutex_);
    stopping_ = true;
  }
  sweep_wake_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  worker_.reset();
}

std::optional<std::string> ErasureWorker::lane_of(std::uint64_t, const Event& event) {
  if (std::holds_alternative<ContentErased>(event.body)) return std::string("erasure");
  return std::nullopt;
}

bool ErasureWorker::handle(std::uint64_t seq, const Event& event) {
  const auto& erased = std::get<ContentErased>(event.body);
  const Stored<std::size_t> rewritten = app_.eraser->erase_chat(erased.chat, seq, redacted);
  if (!rewritten.ok()) {
    std::fprintf(stderr, "{\"ts\":%lld,\"level\":\"error\",\"msg\":\"erasure failed\",\"chat\":%s,\"error\":%s}\n",
                 static_cast<long long>(wall_ms()), Json(erased.chat).dump().c_str(),
                 Json(rewritten.error).dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
    return false;
  }
  return app_.eraser->flush_log().ok();
}

bool ErasureWorker::wait_done(std::uint64_t seq, int timeout_ms) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (worker_->done_through() < seq) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

void ErasureWorker::sweep() {
  std::unique_lock lock(sweep_mutex_);
  while (!sweep_wake_.wait_for(lock, std::chrono::milliseconds(sweep_every_ms_), [this] { return stopping_; })) {
    lock.unlock();
    const bool keeps_forever = app_.desk->read([](const State& state, Timestamp) { return state.settings.retention <= 0; });
    if (!keeps_forever) app_.desk->submit(ExpireContent{});
    lock.lock();
  }
}

}  // namespace parley::server
