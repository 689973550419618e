// Response templates on SQLite: table templates.
#include "sqlite_record_stores.hpp"

namespace parley::server {

namespace {
TemplateRecord template_from(Statement& row) {
  return TemplateRecord{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)};
}
}  // namespace

Stored<std::vector<TemplateRecord>> SqliteTemplateStore::list() {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT id, title, text, shortcut, grp, owner FROM templates ORDER BY title COLLATE NOCASE, id");
  return stored_rows<TemplateRecord>(db_, s, template_from);
}

Stored<TemplateRecord> SqliteTemplateStore::find(const std::string& id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT id, title, text, shortcut, grp, owner FROM templates WHERE id = ?");
  s.bind(1, id);
  return stored_row<TemplateRecord>(db_, s, template_from);
}

Stored<> SqliteTemplateStore::add(const TemplateRecord& t, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "INSERT INTO templates(id, title, text, shortcut, grp, owner, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, t.id).bind(2, t.title).bind(3, t.text).bind(4, t.shortcut).bind(5, t.group).bind(6, t.owner).bind(7, now_ms);
  return stored_insert(db_, s);
}

Stored<> SqliteTemplateStore::update(const TemplateRecord& t, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "UPDATE templates SET title = ?, text = ?, shortcut = ?, grp = ?, owner = ?, updated_at = ? WHERE id = ?");
  s.bind(1, t.title).bind(2, t.text).bind(3, t.shortcut).bind(4, t.group).bind(5, t.owner).bind(6, now_ms).bind(7, t.id);
  return stored_change_of_one(db_, s);
}

Stored<> SqliteTemplateStore::remove(const std::string& id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "DELETE FROM templates WHERE id = ?");
  s.bind(1, id);
  return stored_change_of_one(db_, s);
}

}  // namespace parley::server
