// Detached workers with a small stack; the pool counts them and waits for them on shutdown.
#include "task_queue.hpp"

#include <pthread.h>

#include <chrono>

namespace parley::server {

GrowingThreadPool::GrowingThreadPool(std::size_t keep, std::size_t cap) : keep_(keep), cap_(cap) {}

GrowingThreadPool::~GrowingThreadPool() { shutdown(); }

std::size_t GrowingThreadPool::threads() const {
  std::lock_guard lock(mutex_);
  return threads_;
}

bool GrowingThreadPool::enqueue(std::function<void()> task) {
  std::unique_lock lock(mutex_);
  if (stopping_) return false;
  tasks_.push_back(std::move(task));
  if (idle_ < tasks_.size() && threads_ < cap_) {
    ++threads_;
    lock.unlock();
    spawn();
    return true;
  }
  ready_.notify_one();
  return true;
}

void GrowingThreadPool::spawn() {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t thread;
  const int rc = pthread_create(
      &thread, &attr,
      [](void* self) -> void* {
        static_cast<GrowingThreadPool*>(self)->work();
        return nullptr;
      },
      this);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    std::lock_guard lock(mutex_);
    --threads_;
    finished_.notify_all();
  }
}

void GrowingThreadPool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    while (tasks_.empty() && !stopping_) {
      ++idle_;
      const bool woke = ready_.wait_for(lock, std::chrono::seconds(30), [&] { return !tasks_.empty() || stopping_; });
      --idle_;
      if (!woke && threads_ > keep_) {
        --threads_;
        finished_.notify_all();
        return;
      }
    }
    if (tasks_.empty() && stopping_) break;
    auto task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
  --threads_;
  finished_.notify_all();
}

void GrowingThreadPool::shutdown() {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  ready_.notify_all();
  finished_.wait(lock, [&] { return threads_ == 0; });
}

}  // namespace parley::server
