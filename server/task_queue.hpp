// A thread pool for cpp-httplib that grows on demand up to a cap, so long-lived streams (SSE) never
// starve ordinary requests. Idle threads beyond `keep` exit after a while. Thread-safe.
#pragma once
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace parley::server {

class GrowingThreadPool final : public httplib::TaskQueue {
 public:
  GrowingThreadPool(std::size_t keep, std::size_t cap);
  ~GrowingThreadPool() override;
  bool enqueue(std::function<void()> task) override;
  void shutdown() override;
  std::size_t threads() const;

 private:
  void work();
  void spawn();

  mutable std::mutex mutex_;
  std::condition_variable ready_, finished_;
  std::deque<std::function<void()>> tasks_;
  std::size_t keep_, cap_, threads_ = 0, idle_ = 0;
  bool stopping_ = false;
};

}  // namespace parley::server
