// Widget visitors on SQLite: table widget_visitors, keyed by the token's hash.
#include "sqlite_record_stores.hpp"

namespace parley::server {

Stored<> SqliteVisitorStore::create(const std::string& token_hash, const WidgetVisitor& v, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "INSERT INTO widget_visitors(token_hash, visitor, channel, name, chat, created_at) "
              "VALUES(?, ?, ?, ?, ?, ?)");
  s.bind(1, token_hash).bind(2, v.visitor).bind(3, v.channel).bind(4, v.name).bind(5, v.chat).bind(6, now_ms);
  return stored_insert(db_, s);
}

Stored<WidgetVisitor> SqliteVisitorStore::find(const std::string& token_hash) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT visitor, channel, name, chat FROM widget_visitors WHERE token_hash = ?");
  s.bind(1, token_hash);
  return stored_row<WidgetVisitor>(
      db_, s, [](Statement& row) { return WidgetVisitor{row.text(0), row.text(1), row.text(2), row.text(3)}; });
}

Stored<> SqliteVisitorStore::set_chat(const std::string& visitor, const std::string& chat) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "UPDATE widget_visitors SET chat = ? WHERE visitor = ?");
  s.bind(1, chat).bind(2, visitor);
  return stored_change_of_one(db_, s);
}

}  // namespace parley::server
