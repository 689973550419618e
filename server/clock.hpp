// The server's clock: wall time, or (tests only) a manual clock that stands still until moved
// forward. Thread-safe.
#pragma once
#include <atomic>

#include "time.hpp"

namespace parley::server {

class Clock {
 public:
  enum class Mode { system, manual };
  explicit Clock(Mode mode) : mode_(mode) {}
  Mode mode() const { return mode_; }
  Timestamp now() const;
  // Manual mode: moves the clock to `to`; false if that is earlier than now.
  bool set(Timestamp to);

 private:
  Mode mode_;
  std::atomic<Timestamp> manual_now_{0};
};

}  // namespace parley::server
