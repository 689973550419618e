// The audit trail's reads on SQLite: tables events (with its login column) and record_changes.
#include <limits>

#include "sqlite_record_stores.hpp"

namespace parley::server {

namespace {
// No cursor: a place after every row.
AuditCursor start_of(const std::optional<AuditCursor>& cursor) {
  return cursor ? *cursor : AuditCursor{std::numeric_limits<Timestamp>::max(), true, std::numeric_limits<std::int64_t>::max()};
}
}  // namespace

Stored<std::vector<LoggedEvent>> SqliteAuditStore::events(Timestamp from, Timestamp to, const std::string& chat,
                                                          const std::optional<AuditCursor>& cursor,
                                                          std::size_t limit) {
  const AuditCursor c = start_of(cursor);
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "SELECT seq, at, body, login FROM events WHERE at >= ?1 AND at < ?2 AND (?3 = '' OR chat = ?3) "
              "AND (at < ?4 OR (at = ?4 AND (?5 = 1 OR seq < ?6))) ORDER BY at DESC, seq DESC LIMIT ?7");
  s.bind(1, from).bind(2, to).bind(3, chat).bind(4, c.at).bind(5, std::int64_t{c.record ? 1 : 0}).bind(6, c.id);
  s.bind(7, static_cast<std::int64_t>(limit));
  return stored_rows<LoggedEvent>(db_, s, [](Statement& row) {
    return LoggedEvent{row.integer(0), row.integer(1), row.text(2), row.text(3)};
  });
}

Stored<std::vector<RecordChange>> SqliteAuditStore::changes(Timestamp from, Timestamp to, const std::string& actor,
                                                            const std::optional<AuditCursor>& cursor,
                                                            std::size_t limit) {
  const AuditCursor c = start_of(cursor);
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "SELECT id, at, actor, kind, record, action, summary FROM record_changes WHERE at >= ?1 AND at < ?2 "
              "AND (?3 = '' OR actor = ?3) AND (at < ?4 OR (at = ?4 AND ?5 = 1 AND id < ?6)) "
              "ORDER BY at DESC, id DESC LIMIT ?7");
  s.bind(1, from).bind(2, to).bind(3, actor).bind(4, c.at).bind(5, std::int64_t{c.record ? 1 : 0}).bind(6, c.id);
  s.bind(7, static_cast<std::int64_t>(limit));
  return stored_rows<RecordChange>(db_, s, [](Statement& row) {
    RecordChange change;
    change.id = row.integer(0);
    change.row.at = row.integer(1);
    change.row.actor = row.text(2);
    change.row.kind = row.text(3);
    change.row.record = row.text(4);
    change.row.action = change.row.kind + "." + row.text(5);
    change.row.summary = row.text(6);
    return change;
  });
}

}  // namespace parley::server
