// Event workers' positions on SQLite: table worker_cursors.
#include "sqlite_record_stores.hpp"

namespace parley::server {

Stored<std::uint64_t> SqliteCursorStore::position(const std::string& worker) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT seq FROM worker_cursors WHERE worker = ?");
  s.bind(1, worker);
  const int step = s.step();
  if (step == SQLITE_ROW) return Stored<std::uint64_t>::done(static_cast<std::uint64_t>(s.integer(0)));
  if (step == SQLITE_DONE) return Stored<std::uint64_t>::refused(StoreStatus::not_found);
  return db_.failed<std::uint64_t>();
}

Stored<> SqliteCursorStore::save(const std::string& worker, std::uint64_t seq) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "INSERT INTO worker_cursors(worker, seq) VALUES(?, ?) ON CONFLICT(worker) DO UPDATE SET seq = excluded.seq");
  s.bind(1, worker).bind(2, static_cast<std::int64_t>(seq));
  return s.step() == SQLITE_DONE ? Stored<>::done() : db_.failed();
}

}  // namespace parley::server
