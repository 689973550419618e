// Files uploaded into chats, one record per file with its bytes. An id is unique: putting one that
// exists is a conflict. Thread-safe.
#pragma once
#include <cstdint>
#include <string>

#include "store_result.hpp"

namespace parley::server {

struct AttachmentRecord {
  std::string id, chat, name, type, uploaded_by;
  std::int64_t size = 0;
  std::string data;  // the bytes, only when asked for
};

class AttachmentStore {
 public:
  virtual ~AttachmentStore() = default;
  virtual Stored<> put(const AttachmentRecord& attachment, std::int64_t now_ms) = 0;
  virtual Stored<AttachmentRecord> find(const std::string& id, bool with_data) = 0;
};

}  // namespace parley::server
