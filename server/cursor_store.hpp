// Durable positions of the event workers: for each worker name, the seq up to which every event it
// wants has been handled. Thread-safe.
#pragma once
#include <cstdint>
#include <string>

#include "store_result.hpp"

namespace parley::server {

class CursorStore {
 public:
  virtual ~CursorStore() = default;
  // not_found for a worker that never saved a position.
  virtual Stored<std::uint64_t> position(const std::string& worker) = 0;
  virtual Stored<> save(const std::string& worker, std::uint64_t seq) = 0;
};

}  // namespace parley::server
