// Response templates on SQLite: table templates.
#include "sqlite_record_stores.hpp"

namespace parley::server {

Stored<std::vector<TemplateRecord>> SqliteTemplateStore::list() {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT id, title, text FROM templates ORDER BY title COLLATE NOCASE, id");
  std::vector<TemplateRecord> out;
  int step = 0;
  while ((step = s.step()) == SQLITE_ROW) out.push_back(TemplateRecord{s.text(0), s.text(1), s.text(2)});
  if (step != SQLITE_DONE) return db_.failed<std::vector<TemplateRecord>>();
  return Stored<std::vector<TemplateRecord>>::done(std::move(out));
}

Stored<TemplateRecord> SqliteTemplateStore::find(const std::string& id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT id, title, text FROM templates WHERE id = ?");
  s.bind(1, id);
  const int step = s.step();
  if (step == SQLITE_ROW) return Stored<TemplateRecord>::done(TemplateRecord{s.text(0), s.text(1), s.text(2)});
  if (step == SQLITE_DONE) return Stored<TemplateRecord>::refused(StoreStatus::not_found);
  return db_.failed<TemplateRecord>();
}

Stored<> SqliteTemplateStore::add(const TemplateRecord& t, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "INSERT INTO templates(id, title, text, updated_at) VALUES(?, ?, ?, ?)");
  s.bind(1, t.id).bind(2, t.title).bind(3, t.text).bind(4, now_ms);
  const StoreStatus status = db_.write_status(s.step());
  return status == StoreStatus::ok ? Stored<>::done() : Stored<>::refused(status, db_.last_error());
}

Stored<> SqliteTemplateStore::update(const TemplateRecord& t, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "UPDATE templates SET title = ?, text = ?, updated_at = ? WHERE id = ?");
  s.bind(1, t.title).bind(2, t.text).bind(3, now_ms).bind(4, t.id);
  if (s.step() != SQLITE_DONE) return db_.failed();
  return sqlite3_changes(db_.handle) == 1 ? Stored<>::done() : Stored<>::refused(StoreStatus::not_found);
}

Stored<> SqliteTemplateStore::remove(const std::string& id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "DELETE FROM templates WHERE id = ?");
  s.bind(1, id);
  if (s.step() != SQLITE_DONE) return db_.failed();
  return sqlite3_changes(db_.handle) == 1 ? Stored<>::done() : Stored<>::refused(StoreStatus::not_found);
}

}  // namespace parley::server
