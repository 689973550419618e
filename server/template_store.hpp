// Response templates agents insert into the composer, each with its shortcut and scope. add: conflict
// when the id exists; update and remove: not_found when it does not. Listed by title (case-insensitive), then id. Thread-safe.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store_result.hpp"

namespace parley::server {

// `group` set: that group's template; `owner` set: that agent's own; neither: desk-wide.
struct TemplateRecord {
  std::string id, title, text, shortcut, group, owner;
};

class TemplateStore {
 public:
  virtual ~TemplateStore() = default;
  virtual Stored<std::vector<TemplateRecord>> list() = 0;
  virtual Stored<TemplateRecord> find(const std::string& id) = 0;
  virtual Stored<> add(const TemplateRecord& t, std::int64_t now_ms) = 0;
  virtual Stored<> update(const TemplateRecord& t, std::int64_t now_ms) = 0;
  virtual Stored<> remove(const std::string& id) = 0;
};

}  // namespace parley::server
