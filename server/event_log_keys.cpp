// Key columns of the events table, and a one-time fill of logs written before they existed.
#include "event_log_keys.hpp"

#include "apply.hpp"
#include "event_keys.hpp"
#include "sqlite_db.hpp"
#include "wire.hpp"

namespace parley::server {

namespace {

void bind_text(sqlite3_stmt* stmt, int i, const std::string& text) {
  sqlite3_bind_text(stmt, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

// Replays the log once, writing each event's keys beside it; in the caller's transaction.
bool fill_keys(sqlite3* db, std::string& error) {
  sqlite3_stmt* select = nullptr;
  sqlite3_stmt* update = nullptr;
  sqlite3_prepare_v2(db, "SELECT seq, body FROM events ORDER BY seq", -1, &select, nullptr);
  sqlite3_prepare_v2(db, "UPDATE events SET at = ?, type = ?, chat = ?, grp = ?, agent = ? WHERE seq = ?", -1, &update,
                     nullptr);
  State state;
  bool ok = select && update;
  while (ok && sqlite3_step(select) == SQLITE_ROW) {
    const std::int64_t seq = sqlite3_column_int64(select, 0);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(select, 1));
    const auto json = parse_json(text ? text : "");
    const auto event = json ? event_from_json(*json) : Result<Event>(fail(ErrorCode::bad_command, "not JSON"));
    if (!event) {
      error = "event " + std::to_string(seq) + " cannot be read";
      ok = false;
      break;
    }
    const EventKeys keys = event_keys(state, {event.value()}).front();
    apply(state, event.value());
    sqlite3_bind_int64(update, 1, event.value().at);
    bind_text(update, 2, keys.type);
    bind_text(update, 3, keys.chat);
    bind_text(update, 4, keys.group);
    bind_text(update, 5, keys.agent);
    sqlite3_bind_int64(update, 6, seq);
    ok = sqlite3_step(update) == SQLITE_DONE;
    if (!ok) error = sqlite3_errmsg(db);
    sqlite3_reset(update);
  }
  sqlite3_finalize(select);
  sqlite3_finalize(update);
  return ok;
}

}  // namespace

bool ensure_event_keys(sqlite3* db, std::string& error) {
  if (!has_column(db, "events", "grp")) {
    if (!exec_sql(db, "BEGIN IMMEDIATE", error)) return false;
    const bool done = exec_sql(db,
                           "ALTER TABLE events ADD COLUMN at INTEGER; ALTER TABLE events ADD COLUMN type TEXT;"
                           "ALTER TABLE events ADD COLUMN chat TEXT; ALTER TABLE events ADD COLUMN grp TEXT;"
                           "ALTER TABLE events ADD COLUMN agent TEXT;",
                           error) &&
                      fill_keys(db, error);
    std::string ignored;
    if (!done || !exec_sql(db, "COMMIT", error)) {
      exec_sql(db, "ROLLBACK", ignored);
      return false;
    }
  }
  return exec_sql(db,
              "CREATE INDEX IF NOT EXISTS events_by_at ON events(at);"
              "CREATE INDEX IF NOT EXISTS events_by_type ON events(type, at);"
              "CREATE INDEX IF NOT EXISTS events_by_chat ON events(chat, seq);"
              "CREATE INDEX IF NOT EXISTS events_by_group ON events(grp, at);"
              "CREATE INDEX IF NOT EXISTS events_by_agent ON events(agent, at);",
              error);
}

}  // namespace parley::server
