// Channel records (widget, webhook, internal): how customers reach a group. Written whole by id
// (create or replace). Thread-safe.
#pragma once
#include <string>
#include <vector>

#include "store_result.hpp"
#include "widget_look.hpp"

namespace parley::server {

struct ChannelRecord {
  std::string id, kind, name, group;   // kind: widget | webhook | internal
  std::vector<std::string> origins;    // widget CORS allowlist
  std::string secret;                  // webhook HMAC key
  std::string outbound_url;            // webhook delivery target
  bool disabled = false;               // refuses new customer messages
  WidgetTheme theme;                   // widget: colours and texts
  PrechatForm prechat;                 // widget: asked before a chat starts
};

class ChannelStore {
 public:
  virtual ~ChannelStore() = default;
  virtual Stored<> put(const ChannelRecord& channel) = 0;
  virtual Stored<ChannelRecord> find(const std::string& id) = 0;
  virtual Stored<std::vector<ChannelRecord>> list() = 0;  // by id
};

}  // namespace parley::server
