// SQLite schema and the event log (with the search index it carries). Every multi-row write is one
// transaction.
#include "sqlite_store.hpp"

#include "audit_schema.hpp"
#include "event_log_keys.hpp"

namespace parley::server {

namespace {

const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
PRAGMA foreign_keys=ON;
PRAGMA secure_delete=ON;
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
  roles TEXT NOT NULL, agent TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS channels (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_signatures (signature TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS widget_visitors (
  token_hash TEXT PRIMARY KEY, visitor TEXT NOT NULL UNIQUE, channel TEXT NOT NULL, name TEXT NOT NULL,
  chat TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_chats (
  chat TEXT PRIMARY KEY, channel TEXT NOT NULL, user TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS webhook_chats_by_user ON webhook_chats(channel, user);
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY, chat TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, size INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL, created_at INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS templates (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, details TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS support_actions (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, details TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS action_allowlist (entry TEXT PRIMARY KEY, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS worker_cursors (worker TEXT PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS user_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, body TEXT NOT NULL);
)sql";

// Templates stored before shortcuts and scopes get them empty: desk-wide, no shortcut.
bool ensure_template_columns(sqlite3* db, std::string& error) {
  for (const std::string column : {"shortcut", "grp", "owner"})
    if (!has_column(db, "templates", column.c_str()) &&
        !exec_sql(db, ("ALTER TABLE templates ADD COLUMN " + column + " TEXT NOT NULL DEFAULT ''").c_str(), error))
      return false;
  return true;
}

}  // namespace

std::unique_ptr<SqliteStore> SqliteStore::open(const std::string& path, std::string& error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    error = db ? sqlite3_errmsg(db) : "cannot open database";
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, 5000);
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  if (!store->db_.exec(kSchema, error) || !ensure_template_columns(db, error) || !ensure_event_keys(db, error) ||
      !ensure_audit_schema(db, error) || !ensure_search_index(db, error) || !store->search.open(path, error))
    return nullptr;
  return store;
}

SqliteStore::~SqliteStore() { sqlite3_close(db_.handle); }

AppendResult SqliteStore::append(std::uint64_t expected_last_seq, const std::vector<EventRecord>& records) {
  std::lock_guard lock(db_.mutex);
  AppendResult result;
  if (records.empty()) return AppendResult{AppendResult::Outcome::appended, expected_last_seq + 1, ""};
  if (!db_.exec("BEGIN IMMEDIATE", result.error)) return result;
  const auto give_up = [&](AppendResult::Outcome outcome, std::string why) {
    std::string ignored;
    db_.exec("ROLLBACK", ignored);
    result.outcome = outcome;
    result.error = std::move(why);
    return result;
  };
  Statement last(db_, "SELECT COALESCE(MAX(seq), 0) FROM events");
  if (last.step() != SQLITE_ROW) return give_up(AppendResult::Outcome::failed, db_.last_error());
  const auto at = static_cast<std::uint64_t>(last.integer(0));
  last.reset();  // a statement left on its row keeps a read open, and no checkpoint could then run
  if (at != expected_last_seq)
    return give_up(AppendResult::Outcome::conflict,
                   "the log is at " + std::to_string(at) + ", not " + std::to_string(expected_last_seq));
  Statement insert(db_, "INSERT INTO events(seq, body, at, type, chat, grp, agent, login) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  std::uint64_t seq = expected_last_seq;
  for (const EventRecord& r : records) {
    insert.bind(1, static_cast<std::int64_t>(++seq)).bind(2, r.json).bind(3, r.at).bind(4, r.type);
    insert.bind(5, r.chat).bind(6, r.group).bind(7, r.agent).bind(8, r.login);
    if (insert.step() != SQLITE_DONE) return give_up(AppendResult::Outcome::failed, db_.last_error());
    insert.reset();
    std::string error;
    if (!write_search_update(db_.handle, r.search, error)) return give_up(AppendResult::Outcome::failed, error);
  }
  if (!db_.exec("COMMIT", result.error)) return give_up(AppendResult::Outcome::failed, result.error);
  result.outcome = AppendResult::Outcome::appended;
  result.first_seq = expected_last_seq + 1;
  return result;
}

std::vector<StoredEvent> SqliteStore::read(std::uint64_t seq, std::size_t limit) {
  std::lock_guard lock(db_.mutex);
  std::vector<StoredEvent> out;
  Statement select(db_, "SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?");
  select.bind(1, static_cast<std::int64_t>(seq)).bind(2, static_cast<std::int64_t>(limit));
  while (select.step() == SQLITE_ROW)
    out.push_back(StoredEvent{static_cast<std::uint64_t>(select.integer(0)), select.text(1)});
  return out;
}

std::uint64_t SqliteStore::last_seq() {
  std::lock_guard lock(db_.mutex);
  Statement select(db_, "SELECT COALESCE(MAX(seq), 0) FROM events");
  return select.step() == SQLITE_ROW ? static_cast<std::uint64_t>(select.integer(0)) : 0;
}

bool SqliteStore::healthy() {
  std::lock_guard lock(db_.mutex);
  Statement select(db_, "SELECT 1");
  return select.ok() && select.step() == SQLITE_ROW;
}

}  // namespace parley::server
