// ContentEraser: removes one erased session's content from the desk's file — its stored events
// rewritten without content, its files, its widget visitor and messenger bindings — in one transaction.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "sqlite_db.hpp"
#include "store_result.hpp"

namespace parley::server {

class ContentEraser {
 public:
  // Gives an event's stored JSON without content, or nullopt when it holds none.
  using Redactor = std::function<std::optional<std::string>(const std::string& json)>;

  explicit ContentEraser(SqliteDb& db) : db_(db) {}
  // Rewrites the chat's events before `before_seq` with `redact` and deletes what else names it.
  // Returns how many events changed.
  Stored<std::size_t> erase_chat(const std::string& chat, std::uint64_t before_seq, const Redactor& redact);
  // Moves every page out of the write-ahead log into the file and empties the log, so no copy of
  // erased content survives in it (secure_delete zeroes freed space in the file itself).
  Stored<> flush_log();

 private:
  SqliteDb& db_;
};

}  // namespace parley::server
