// The erasure worker (worker name "erasure"): for each chat.content_erased in the log, rewrites that
// session's earlier stored events without content and deletes its files and customer bindings
// (ContentErased), then empties the write-ahead log. It also asks the desk every so often to expire
// content past the retention (content.expire). App and its desk, store and hub must outlive it.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app.hpp"
#include "content_eraser.hpp"
#include "event_worker.hpp"

namespace parley::server {

class ErasureWorker final : public EventHandler {
 public:
  // `sweep_every_ms`: how often content.expire is submitted (0: never).
  ErasureWorker(App& app, int sweep_every_ms);
  ~ErasureWorker() override;
  ErasureWorker(const ErasureWorker&) = delete;
  ErasureWorker& operator=(const ErasureWorker&) = delete;

  std::optional<std::string> lane_of(std::uint64_t seq, const Event& event) override;
  bool handle(std::uint64_t seq, const Event& event) override;

  // Waits up to `timeout_ms` until every erasure up to `seq` is done; false if it is not by then.
  bool wait_done(std::uint64_t seq, int timeout_ms) const;

 private:
  void sweep();

  App& app_;
  std::unique_ptr<EventWorker> worker_;
  int sweep_every_ms_;
  std::mutex sweep_mutex_;
  std::condition_variable sweep_wake_;
  bool stopping_ = false;
  std::thread sweeper_;
};

}  // namespace parley::server
