// Support agent actions (core/support_actions.hpp's ActionDefinition, header secrets included) and the
// endpoint allowlist, kept by the server outside the event log. add: conflict when the id exists;
// update and remove: not_found when it does not. Listed by name (case-insensitive), then id; the
// allowlist in the order it was saved.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store_result.hpp"
#include "support_actions.hpp"

namespace parley::server {

class ActionStore {
 public:
  virtual ~ActionStore() = default;
  virtual Stored<std::vector<ActionDefinition>> list() = 0;
  virtual Stored<ActionDefinition> find(const std::string& id) = 0;
  virtual Stored<> add(const ActionDefinition& d, std::int64_t now_ms) = 0;
  virtual Stored<> update(const ActionDefinition& d, std::int64_t now_ms) = 0;
  virtual Stored<> remove(const std::string& id) = 0;
  virtual Stored<std::vector<std::string>> allowlist() = 0;
  // Replaces the allowlist in one transaction: entries no longer listed go, new ones come.
  virtual Stored<> set_allowlist(const std::vector<std::string>& entries) = 0;
};

}  // namespace parley::server
