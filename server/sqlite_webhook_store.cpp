// A webhook channel's records on SQLite: tables webhook_chats and webhook_signatures.
#include "sqlite_record_stores.hpp"

namespace parley::server {

namespace {
WebhookChat webhook_chat_from(Statement& row) { return WebhookChat{row.text(0), row.text(1), row.text(2)}; }
constexpr std::int64_t kSignatureKeptMs = 3600 * 1000;
}  // namespace

Stored<> SqliteWebhookStore::add_chat(const WebhookChat& c, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "INSERT INTO webhook_chats(chat, channel, user, created_at) VALUES(?, ?, ?, ?)");
  s.bind(1, c.chat).bind(2, c.channel).bind(3, c.user).bind(4, now_ms);
  return stored_insert(db_, s);
}

Stored<std::vector<WebhookChat>> SqliteWebhookStore::recent_chats(const std::string& channel, const std::string& user,
                                                                  std::size_t limit) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "SELECT chat, channel, user FROM webhook_chats WHERE channel = ? AND user = ? "
              "ORDER BY rowid DESC LIMIT ?");
  s.bind(1, channel).bind(2, user).bind(3, static_cast<std::int64_t>(limit));
  return stored_rows<WebhookChat>(db_, s, webhook_chat_from);
}

Stored<WebhookChat> SqliteWebhookStore::chat(const std::string& chat) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT chat, channel, user FROM webhook_chats WHERE chat = ?");
  s.bind(1, chat);
  return stored_row<WebhookChat>(db_, s, webhook_chat_from);
}

Stored<> SqliteWebhookStore::remember_signature(const std::string& signature, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement purge(db_, "DELETE FROM webhook_signatures WHERE seen_at < ?");
  purge.bind(1, now_ms - kSignatureKeptMs);
  if (purge.step() != SQLITE_DONE) return db_.failed();
  Statement s(db_, "INSERT OR IGNORE INTO webhook_signatures(signature, seen_at) VALUES(?, ?)");
  s.bind(1, signature).bind(2, now_ms);
  if (s.step() != SQLITE_DONE) return db_.failed();
  return sqlite3_changes(db_.handle) == 1 ? Stored<>::done() : Stored<>::refused(StoreStatus::conflict);
}

Stored<> SqliteWebhookStore::forget_signature(const std::string& signature) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "DELETE FROM webhook_signatures WHERE signature = ?");
  s.bind(1, signature);
  return stored_step(db_, s);
}

}  // namespace parley::server
