// Widget visitors on SQLite: table widget_visitors, keyed by the token's hash.
#include "sqlite_record_stores.hpp"

namespace parley::server {

Stored<> SqliteVisitorStore::create(const std::string& token_hash, const WidgetVisitor& v, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "INSERT INTO widget_visitors(token_hash, visitor, channel, name, chat, created_at) "
              "VALUES(?, ?, ?, ?, ?, ?)");
  s.bind(1, token_hash).bind(2, v.visitor).bind(3, v.channel).bind(4, v.name).bind(5, v.chat).bind(6, now_ms);
  const StoreStatus status = db_.write_status(s.step());
  return status == StoreStatus::ok ? Stored<>::done() : Stored<>::refused(status, db_.last_error());
}

Stored<WidgetVisitor> SqliteVisitorStore::find(const std::string& token_hash) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT visitor, channel, name, chat FROM widget_visitors WHERE token_hash = ?");
  s.bind(1, token_hash);
  const int step = s.step();
  if (step == SQLITE_ROW) return Stored<WidgetVisitor>::done(WidgetVisitor{s.text(0), s.text(1), s.text(2), s.text(3)});
  if (step == SQLITE_DONE) return Stored<WidgetVisitor>::refused(StoreStatus::not_found);
  return db_.failed<WidgetVisitor>();
}

Stored<> SqliteVisitorStore::set_chat(const std::string& visitor, const std::string& chat) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "UPDATE widget_visitors SET chat = ? WHERE visitor = ?");
  s.bind(1, chat).bind(2, visitor);
  if (s.step() != SQLITE_DONE) return db_.failed();
  return sqlite3_changes(db_.handle) == 1 ? Stored<>::done() : Stored<>::refused(StoreStatus::not_found);
}

}  // namespace parley::server
