// A webhook channel's records on SQLite: tables webhook_chats and webhook_signatures.
#include "sqlite_record_stores.hpp"

namespace parley::server {

namespace {
constexpr std::int64_t kSignatureKeptMs = 3600 * 1000;
}  // namespace

Stored<> SqliteWebhookStore::add_chat(const WebhookChat& c, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "INSERT INTO webhook_chats(chat, channel, user, created_at) VALUES(?, ?, ?, ?)");
  s.bind(1, c.chat).bind(2, c.channel).bind(3, c.user).bind(4, now_ms);
  const StoreStatus status = db_.write_status(s.step());
  return status == StoreStatus::ok ? Stored<>::done() : Stored<>::refused(status, db_.last_error());
}

Stored<std::vector<WebhookChat>> SqliteWebhookStore::recent_chats(const std::string& channel, const std::string& user,
                                                                  std::size_t limit) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "SELECT chat, channel, user FROM webhook_chats WHERE channel = ? AND user = ? "
              "ORDER BY rowid DESC LIMIT ?");
  s.bind(1, channel).bind(2, user).bind(3, static_cast<std::int64_t>(limit));
  std::vector<WebhookChat> out;
  int step = 0;
  while ((step = s.step()) == SQLITE_ROW) out.push_back(WebhookChat{s.text(0), s.text(1), s.text(2)});
  if (step != SQLITE_DONE) return db_.failed<std::vector<WebhookChat>>();
  return Stored<std::vector<WebhookChat>>::done(std::move(out));
}

Stored<WebhookChat> SqliteWebhookStore::chat(const std::string& chat) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT chat, channel, user FROM webhook_chats WHERE chat = ?");
  s.bind(1, chat);
  const int step = s.step();
  if (step == SQLITE_ROW) return Stored<WebhookChat>::done(WebhookChat{s.text(0), s.text(1), s.text(2)});
  if (step == SQLITE_DONE) return Stored<WebhookChat>::refused(StoreStatus::not_found);
  return db_.failed<WebhookChat>();
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
  return s.step() == SQLITE_DONE ? Stored<>::done() : db_.failed();
}

}  // namespace parley::server
