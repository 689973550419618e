// SQLite schema and statements. Every multi-row write is one transaction.
#include "sqlite_store.hpp"

#include "event_log_keys.hpp"

#include <nlohmann/json.hpp>

namespace parley::server {

namespace {

const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
PRAGMA foreign_keys=ON;
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
CREATE TABLE IF NOT EXISTS user_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, body TEXT NOT NULL);
)sql";

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool ok() const { return stmt_ != nullptr; }
  Statement& bind(int i, const std::string& text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::int64_t value) {
    sqlite3_bind_int64(stmt_, i, value);
    return *this;
  }
  Statement& bind_blob(int i, const std::string& bytes) {
    sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_STATIC);  // bytes outlive step()
    return *this;
  }
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
  std::string blob(int col) {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  std::string text(int col) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::vector<std::string> roles_from_text(const std::string& text) {
  std::vector<std::string> roles;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_array())
    for (const auto& r : json)
      if (r.is_string()) roles.push_back(r.get<std::string>());
  return roles;
}

UserRecord user_from(Statement& s) {
  return UserRecord{s.integer(0), s.text(1), s.text(2), s.text(4), roles_from_text(s.text(3))};
}

std::string channel_to_text(const ChannelRecord& c) {
  return nlohmann::json{{"kind", c.kind}, {"name", c.name}, {"group", c.group}, {"origins", c.origins},
                        {"secret", c.secret}, {"outbound_url", c.outbound_url}, {"disabled", c.disabled}}
      .dump();
}

std::optional<ChannelRecord> channel_from(const std::string& id, const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  ChannelRecord c;
  c.id = id;
  c.kind = j.value("kind", "");
  c.name = j.value("name", "");
  c.group = j.value("group", "");
  c.secret = j.value("secret", "");
  c.outbound_url = j.value("outbound_url", "");
  c.disabled = j.contains("disabled") && j["disabled"].is_boolean() && j["disabled"].get<bool>();
  if (j.contains("origins") && j["origins"].is_array())
    for (const auto& o : j["origins"])
      if (o.is_string()) c.origins.push_back(o.get<std::string>());
  return c;
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
  if (!store->exec(kSchema, error) || !ensure_event_keys(db, error)) return nullptr;
  return store;
}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

bool SqliteStore::exec(const char* sql, std::string& error) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
  error = message ? message : "sqlite error";
  sqlite3_free(message);
  return false;
}

AppendResult SqliteStore::append(std::uint64_t expected_last_seq, const std::vector<EventRecord>& records) {
  std::lock_guard lock(mutex_);
  AppendResult result;
  if (records.empty()) return AppendResult{AppendResult::Outcome::appended, expected_last_seq + 1, ""};
  if (!exec("BEGIN IMMEDIATE", result.error)) return result;
  const auto give_up = [&](AppendResult::Outcome outcome, std::string why) {
    std::string ignored;
    exec("ROLLBACK", ignored);
    result.outcome = outcome;
    result.error = std::move(why);
    return result;
  };
  Statement last(db_, "SELECT COALESCE(MAX(seq), 0) FROM events");
  if (last.step() != SQLITE_ROW) return give_up(AppendResult::Outcome::failed, sqlite3_errmsg(db_));
  const auto at = static_cast<std::uint64_t>(last.integer(0));
  if (at != expected_last_seq)
    return give_up(AppendResult::Outcome::conflict,
                   "the log is at " + std::to_string(at) + ", not " + std::to_string(expected_last_seq));
  Statement insert(db_, "INSERT INTO events(seq, body, at, type, chat, grp, agent) VALUES(?, ?, ?, ?, ?, ?, ?)");
  std::uint64_t seq = expected_last_seq;
  for (const EventRecord& r : records) {
    insert.bind(1, static_cast<std::int64_t>(++seq)).bind(2, r.json).bind(3, r.at).bind(4, r.type);
    insert.bind(5, r.chat).bind(6, r.group).bind(7, r.agent);
    if (insert.step() != SQLITE_DONE) return give_up(AppendResult::Outcome::failed, sqlite3_errmsg(db_));
    insert.reset();
  }
  if (!exec("COMMIT", result.error)) return give_up(AppendResult::Outcome::failed, result.error);
  result.outcome = AppendResult::Outcome::appended;
  result.first_seq = expected_last_seq + 1;
  return result;
}

std::vector<StoredEvent> SqliteStore::read(std::uint64_t seq, std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<StoredEvent> out;
  Statement select(db_, "SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?");
  select.bind(1, static_cast<std::int64_t>(seq)).bind(2, static_cast<std::int64_t>(limit));
  while (select.step() == SQLITE_ROW)
    out.push_back(StoredEvent{static_cast<std::uint64_t>(select.integer(0)), select.text(1)});
  return out;
}

std::uint64_t SqliteStore::last_seq() {
  std::lock_guard lock(mutex_);
  Statement select(db_, "SELECT COALESCE(MAX(seq), 0) FROM events");
  return select.step() == SQLITE_ROW ? static_cast<std::uint64_t>(select.integer(0)) : 0;
}

bool SqliteStore::healthy() {
  std::lock_guard lock(mutex_);
  Statement select(db_, "SELECT 1");
  return select.ok() && select.step() == SQLITE_ROW;
}

std::optional<UserRecord> SqliteStore::user_by_login(const std::string& login) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT id, login, password_hash, roles, agent FROM users WHERE login = ?");
  s.bind(1, login);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return user_from(s);
}

std::optional<UserRecord> SqliteStore::user_by_id(std::int64_t id) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT id, login, password_hash, roles, agent FROM users WHERE id = ?");
  s.bind(1, id);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return user_from(s);
}

std::vector<UserRecord> SqliteStore::users() {
  std::lock_guard lock(mutex_);
  std::vector<UserRecord> out;
  Statement s(db_, "SELECT id, login, password_hash, roles, agent FROM users ORDER BY id");
  while (s.step() == SQLITE_ROW) out.push_back(user_from(s));
  return out;
}

std::int64_t SqliteStore::create_user(const UserRecord& user, std::string& error) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "INSERT INTO users(login, password_hash, roles, agent) VALUES(?, ?, ?, ?)");
  s.bind(1, user.login).bind(2, user.password_hash).bind(3, nlohmann::json(user.roles).dump()).bind(4, user.agent);
  if (s.step() != SQLITE_DONE) {
    error = sqlite3_errmsg(db_);
    return 0;
  }
  return sqlite3_last_insert_rowid(db_);
}

bool SqliteStore::update_user(const UserRecord& user) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "UPDATE users SET password_hash = ?, roles = ?, agent = ? WHERE id = ?");
  s.bind(1, user.password_hash).bind(2, nlohmann::json(user.roles).dump()).bind(3, user.agent).bind(4, user.id);
  return s.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

bool SqliteStore::delete_user(std::int64_t id) {
  std::lock_guard lock(mutex_);
  std::string error;
  if (!exec("BEGIN IMMEDIATE", error)) return false;
  Statement tokens(db_, "DELETE FROM tokens WHERE user_id = ?");
  tokens.bind(1, id);
  bool done = tokens.step() == SQLITE_DONE;
  Statement user(db_, "DELETE FROM users WHERE id = ?");
  user.bind(1, id);
  done = done && user.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
  exec(done ? "COMMIT" : "ROLLBACK", error);
  return done;
}

bool SqliteStore::user_count_is_zero() {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT COUNT(*) FROM users");
  return s.step() == SQLITE_ROW && s.integer(0) == 0;
}

bool SqliteStore::store_token(const std::string& hash, std::int64_t user_id, std::int64_t expires_at_ms) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "INSERT INTO tokens(hash, user_id, expires_at) VALUES(?, ?, ?)");
  s.bind(1, hash).bind(2, user_id).bind(3, expires_at_ms);
  return s.step() == SQLITE_DONE;
}

std::optional<std::pair<std::int64_t, std::int64_t>> SqliteStore::token_user(const std::string& hash) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT user_id, expires_at FROM tokens WHERE hash = ?");
  s.bind(1, hash);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return std::pair{s.integer(0), s.integer(1)};
}

void SqliteStore::revoke_token(const std::string& hash) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "DELETE FROM tokens WHERE hash = ?");
  s.bind(1, hash);
  s.step();
}

bool SqliteStore::put_channel(const ChannelRecord& channel) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "INSERT INTO channels(id, body) VALUES(?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body");
  s.bind(1, channel.id).bind(2, channel_to_text(channel));
  return s.step() == SQLITE_DONE;
}

std::optional<ChannelRecord> SqliteStore::channel(const std::string& id) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT body FROM channels WHERE id = ?");
  s.bind(1, id);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return channel_from(id, s.text(0));
}

std::vector<ChannelRecord> SqliteStore::channels() {
  std::lock_guard lock(mutex_);
  std::vector<ChannelRecord> out;
  Statement s(db_, "SELECT id, body FROM channels ORDER BY id");
  while (s.step() == SQLITE_ROW)
    if (auto c = channel_from(s.text(0), s.text(1))) out.push_back(*c);
  return out;
}

bool SqliteStore::remember_signature(const std::string& signature, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement purge(db_, "DELETE FROM webhook_signatures WHERE seen_at < ?");
  purge.bind(1, now_ms - 3600 * 1000);
  purge.step();
  Statement s(db_, "INSERT OR IGNORE INTO webhook_signatures(signature, seen_at) VALUES(?, ?)");
  s.bind(1, signature).bind(2, now_ms);
  return s.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

void SqliteStore::forget_signature(const std::string& signature) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "DELETE FROM webhook_signatures WHERE signature = ?");
  s.bind(1, signature);
  s.step();
}

bool SqliteStore::create_widget_visitor(const std::string& token_hash, const WidgetVisitor& v, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement s(db_,
              "INSERT INTO widget_visitors(token_hash, visitor, channel, name, chat, created_at) "
              "VALUES(?, ?, ?, ?, ?, ?)");
  s.bind(1, token_hash).bind(2, v.visitor).bind(3, v.channel).bind(4, v.name).bind(5, v.chat).bind(6, now_ms);
  return s.step() == SQLITE_DONE;
}

std::optional<WidgetVisitor> SqliteStore::widget_visitor(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT visitor, channel, name, chat FROM widget_visitors WHERE token_hash = ?");
  s.bind(1, token_hash);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return WidgetVisitor{s.text(0), s.text(1), s.text(2), s.text(3)};
}

bool SqliteStore::set_widget_chat(const std::string& visitor, const std::string& chat) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "UPDATE widget_visitors SET chat = ? WHERE visitor = ?");
  s.bind(1, chat).bind(2, visitor);
  return s.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

bool SqliteStore::add_webhook_chat(const WebhookChat& c, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "INSERT INTO webhook_chats(chat, channel, user, created_at) VALUES(?, ?, ?, ?)");
  s.bind(1, c.chat).bind(2, c.channel).bind(3, c.user).bind(4, now_ms);
  return s.step() == SQLITE_DONE;
}

std::vector<WebhookChat> SqliteStore::recent_webhook_chats(const std::string& channel, const std::string& user,
                                                         std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<WebhookChat> out;
  Statement s(db_,
              "SELECT chat, channel, user FROM webhook_chats WHERE channel = ? AND user = ? "
              "ORDER BY rowid DESC LIMIT ?");
  s.bind(1, channel).bind(2, user).bind(3, static_cast<std::int64_t>(limit));
  while (s.step() == SQLITE_ROW) out.push_back(WebhookChat{s.text(0), s.text(1), s.text(2)});
  return out;
}

std::optional<WebhookChat> SqliteStore::webhook_chat(const std::string& chat) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT chat, channel, user FROM webhook_chats WHERE chat = ?");
  s.bind(1, chat);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return WebhookChat{s.text(0), s.text(1), s.text(2)};
}

bool SqliteStore::put_attachment(const AttachmentRecord& a, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement s(db_,
              "INSERT INTO attachments(id, chat, name, type, size, uploaded_by, created_at, data) "
              "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, a.id).bind(2, a.chat).bind(3, a.name).bind(4, a.type).bind(5, a.size).bind(6, a.uploaded_by);
  s.bind(7, now_ms).bind_blob(8, a.data);
  return s.step() == SQLITE_DONE;
}

std::optional<AttachmentRecord> SqliteStore::attachment(const std::string& id, bool with_data) {
  std::lock_guard lock(mutex_);
  Statement s(db_, with_data ? "SELECT id, chat, name, type, size, uploaded_by, data FROM attachments WHERE id = ?"
                             : "SELECT id, chat, name, type, size, uploaded_by FROM attachments WHERE id = ?");
  s.bind(1, id);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  AttachmentRecord a{s.text(0), s.text(1), s.text(2), s.text(3), s.text(5), s.integer(4), {}};
  if (with_data) a.data = s.blob(6);
  return a;
}

std::vector<TemplateRecord> SqliteStore::templates() {
  std::lock_guard lock(mutex_);
  std::vector<TemplateRecord> out;
  Statement s(db_, "SELECT id, title, text FROM templates ORDER BY title COLLATE NOCASE, id");
  while (s.step() == SQLITE_ROW) out.push_back(TemplateRecord{s.text(0), s.text(1), s.text(2)});
  return out;
}

std::optional<TemplateRecord> SqliteStore::template_by_id(const std::string& id) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT id, title, text FROM templates WHERE id = ?");
  s.bind(1, id);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return TemplateRecord{s.text(0), s.text(1), s.text(2)};
}

bool SqliteStore::add_template(const TemplateRecord& t, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "INSERT OR IGNORE INTO templates(id, title, text, updated_at) VALUES(?, ?, ?, ?)");
  s.bind(1, t.id).bind(2, t.title).bind(3, t.text).bind(4, now_ms);
  return s.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

bool SqliteStore::update_template(const TemplateRecord& t, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "UPDATE templates SET title = ?, text = ?, updated_at = ? WHERE id = ?");
  s.bind(1, t.title).bind(2, t.text).bind(3, now_ms).bind(4, t.id);
  return s.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

bool SqliteStore::delete_template(const std::string& id) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "DELETE FROM templates WHERE id = ?");
  s.bind(1, id);
  return s.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

std::optional<std::string> SqliteStore::user_settings(std::int64_t user_id) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT body FROM user_settings WHERE user_id = ?");
  s.bind(1, user_id);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return s.text(0);
}

bool SqliteStore::set_user_settings(std::int64_t user_id, const std::string& body) {
  std::lock_guard lock(mutex_);
  Statement s(db_,
              "INSERT INTO user_settings(user_id, body) VALUES(?, ?) "
              "ON CONFLICT(user_id) DO UPDATE SET body = excluded.body");
  s.bind(1, user_id).bind(2, body);
  return s.step() == SQLITE_DONE;
}

}  // namespace parley::server
