// ContentEraser (see content_eraser.hpp) on the desk's SQLite file: the events by chat index, then the
// attachments, widget_visitors and webhook_chats rows of the chat, all in one transaction.
#include "content_eraser.hpp"

#include <utility>
#include <vector>

namespace parley::server {

Stored<std::size_t> ContentEraser::erase_chat(const std::string& chat, std::uint64_t before_seq,
                                              const Redactor& redact) {
  std::lock_guard lock(db_.mutex);
  std::string error;
  if (!db_.exec("BEGIN IMMEDIATE", error)) return Stored<std::size_t>::refused(StoreStatus::failed, error);
  const auto give_up = [&] {
    Stored<std::size_t> failed = db_.failed<std::size_t>();
    std::string ignored;
    db_.exec("ROLLBACK", ignored);
    return failed;
  };
  std::vector<std::pair<std::int64_t, std::string>> rewritten;
  {
    Statement select(db_, "SELECT seq, body FROM events WHERE chat = ? AND seq < ? ORDER BY seq");
    select.bind(1, chat).bind(2, static_cast<std::int64_t>(before_seq));
    int step = SQLITE_ROW;
    while ((step = select.step()) == SQLITE_ROW)
      if (std::optional<std::string> redacted = redact(select.text(1)))
        rewritten.emplace_back(select.integer(0), std::move(*redacted));
    if (step != SQLITE_DONE) return give_up();
  }
  {
    Statement update(db_, "UPDATE events SET body = ? WHERE seq = ?");
    for (const auto& [seq, body] : rewritten) {
      update.bind(1, body).bind(2, seq);
      if (update.step() != SQLITE_DONE) return give_up();
      update.reset();
    }
  }
  for (const char* sql : {"DELETE FROM attachments WHERE chat = ?", "DELETE FROM widget_visitors WHERE chat = ?",
                          "DELETE FROM webhook_chats WHERE chat = ?"}) {
    Statement remove(db_, sql);
    remove.bind(1, chat);
    if (remove.step() != SQLITE_DONE) return give_up();
  }
  if (!db_.exec("COMMIT", error)) return give_up();
  return Stored<std::size_t>::done(rewritten.size());
}

Stored<> ContentEraser::flush_log() {
  std::lock_guard lock(db_.mutex);
  int log_frames = 0, moved = 0;
  if (sqlite3_wal_checkpoint_v2(db_.handle, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &moved) != SQLITE_OK)
    return db_.failed();
  return Stored<>::done();
}

}  // namespace parley::server
