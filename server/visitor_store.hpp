// Web widget visitors, found by the SHA-256 of their bearer token, with their current session.
// A visitor id or token hash is unique: creating one that exists is a conflict. Thread-safe.
#pragma once
#include <cstdint>
#include <string>

#include "store_result.hpp"

namespace parley::server {

struct WidgetVisitor {
  std::string visitor, channel, name, chat;
};

class VisitorStore {
 public:
  virtual ~VisitorStore() = default;
  virtual Stored<> create(const std::string& token_hash, const WidgetVisitor& visitor, std::int64_t now_ms) = 0;
  virtual Stored<WidgetVisitor> find(const std::string& token_hash) = 0;
  // Moves the visitor to a new session; not_found when there is no such visitor.
  virtual Stored<> set_chat(const std::string& visitor, const std::string& chat) = 0;
};

}  // namespace parley::server
