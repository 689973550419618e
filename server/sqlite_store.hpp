// The desk's SQLite file: opens it (WAL, synchronous=FULL) and makes its schema, keeps the event log
// (the truth) and holds the record stores on the same connection (sqlite_record_stores.hpp).
// Thread-safe: every call takes the connection's lock.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "content_eraser.hpp"
#include "event_store.hpp"
#include "search_index.hpp"
#include "sqlite_record_stores.hpp"

namespace parley::server {

class SqliteStore final : public EventStore {
  SqliteDb db_;  // before the stores that share it

 public:
  // Opens or creates the file and its schema; nullptr with `error` on failure.
  static std::unique_ptr<SqliteStore> open(const std::string& path, std::string& error);
  ~SqliteStore();
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // The event log: one transaction per append, the expected last seq checked inside it.
  AppendResult append(std::uint64_t expected_last_seq, const std::vector<EventRecord>& records) override;
  std::vector<StoredEvent> read(std::uint64_t after_seq, std::size_t limit) override;
  std::uint64_t last_seq() override;
  bool healthy();

  SqliteUserStore users{db_};
  SqliteChannelStore channels{db_};
  SqliteVisitorStore visitors{db_};
  SqliteWebhookStore webhooks{db_};
  SqliteAttachmentStore attachments{db_};
  SqliteTemplateStore templates{db_};
  SqliteArticleStore articles{db_};
  SqliteActionStore actions{db_};
  SqliteCursorStore cursors{db_};
  SqliteAuditStore audit{db_};
  ContentEraser eraser{db_};
  SearchIndex search;  // its own read-only connection; written by append()

 private:
  explicit SqliteStore(sqlite3* db) { db_.handle = db; }
};

}  // namespace parley::server
