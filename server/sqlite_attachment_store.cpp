// Uploaded files on SQLite: table attachments, the bytes as a BLOB beside the file's description.
#include "sqlite_record_stores.hpp"

namespace parley::server {

Stored<> SqliteAttachmentStore::put(const AttachmentRecord& a, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "INSERT INTO attachments(id, chat, name, type, size, uploaded_by, created_at, data) "
              "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, a.id).bind(2, a.chat).bind(3, a.name).bind(4, a.type).bind(5, a.size).bind(6, a.uploaded_by);
  s.bind(7, now_ms).bind_blob(8, a.data);
  return stored_insert(db_, s);
}

Stored<AttachmentRecord> SqliteAttachmentStore::find(const std::string& id, bool with_data) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, with_data ? "SELECT id, chat, name, type, size, uploaded_by, data FROM attachments WHERE id = ?"
                             : "SELECT id, chat, name, type, size, uploaded_by FROM attachments WHERE id = ?");
  s.bind(1, id);
  const int step = s.step();
  if (step == SQLITE_DONE) return Stored<AttachmentRecord>::refused(StoreStatus::not_found);
  if (step != SQLITE_ROW) return db_.failed<AttachmentRecord>();
  AttachmentRecord a{s.text(0), s.text(1), s.text(2), s.text(3), s.text(5), s.integer(4), {}};
  if (with_data) a.data = s.blob(6);
  return Stored<AttachmentRecord>::done(std::move(a));
}

}  // namespace parley::server
