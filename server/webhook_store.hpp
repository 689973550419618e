// A webhook channel's records: which sessions belong to which of its users (every session ever
// started, newest first) and the signatures of deliveries seen in the last hour (the replay guard).
// Thread-safe.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store_result.hpp"

namespace parley::server {

struct WebhookChat {
  std::string chat, channel, user;
};

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;
  // conflict when the chat is mapped already.
  virtual Stored<> add_chat(const WebhookChat& chat, std::int64_t now_ms) = 0;
  virtual Stored<std::vector<WebhookChat>> recent_chats(const std::string& channel, const std::string& user,
                                                        std::size_t limit) = 0;
  virtual Stored<WebhookChat> chat(const std::string& chat) = 0;
  // conflict when the signature was seen within the hour (signatures older than that are dropped).
  virtual Stored<> remember_signature(const std::string& signature, std::int64_t now_ms) = 0;
  // Undoes remember_signature when the request could not be handled, so the sender may retry it.
  virtual Stored<> forget_signature(const std::string& signature) = 0;
};

}  // namespace parley::server
