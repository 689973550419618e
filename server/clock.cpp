// Wall-clock milliseconds, or the manually set instant.
#include "clock.hpp"

#include <chrono>

namespace parley::server {

Timestamp Clock::now() const {
  if (mode_ == Mode::manual) return manual_now_.load();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool Clock::set(Timestamp to) {
  Timestamp current = manual_now_.load();
  while (to >= current)
    if (manual_now_.compare_exchange_weak(current, to)) return true;
  return false;
}

}  // namespace parley::server
